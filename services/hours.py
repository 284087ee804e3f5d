"""Opening hours as open data: the JSON API of a branch's hours per day and of every branch's state now, and the
widget that other sites (a municipality's page) embed in an <iframe>.

The data is public, so both API endpoints answer any origin (CORS) and may be kept by browsers and proxies for a
short while; no session or token is read, so nothing personal can be in them. The widget is the one page of the
portal that other sites may frame; every other page keeps `X-Frame-Options: DENY` and `frame-ancestors 'none'`.
"""

import datetime as dt
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from library_portal.api import InputSerializer, LocalTimeField
from library_portal.caching import Namespace, cached_public_page, expire_page_at
from services.models import Branch, HoursKind
from services.opening import CLOSED, VISIT_KINDS, LiveState, hours_days
from services.selectors import (
    LIVE_HORIZON_DAYS,
    branch_hours_days,
    branch_live,
    branches_live,
    branches_with_hours,
    library_today,
    library_zone,
    portal_library,
)

# Without ?to=, a week from ?from= (today by default); at most a year (a leap year's days) at once.
DEFAULT_DAYS = 7
MAX_DAYS = 366
# How long browsers and proxies may keep an answer: the state now changes at an opening or closing, the hours when
# staff change them in the admin.
LIVE_MAX_AGE = 60
HOURS_MAX_AGE = 300

LANG_PARAMETER = OpenApiParameter(
    "lang", str, description="Language of the texts: lt, en, bg or fi (default lt; else Accept-Language)."
)
STATE_CHOICES = [
    (CLOSED, pgettext_lazy("branch state", "Closed")),
    *((kind, HoursKind(kind).label) for kind in VISIT_KINDS),
]


class PublicReadMixin:
    """Public open data: any site may read it from a browser (CORS, without credentials), and it may be cached.

    No authentication class: no session or token is read, so a cross-origin request can carry nothing personal and
    the answer is the same for everyone in a language. A preflight (OPTIONS) gets the CORS headers and no body.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    max_age = 60

    def options(self, request, *args, **kwargs):
        return Response(status=204)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # On errors too: a page on another site can then read the JSON error and show its message.
        response["Access-Control-Allow-Origin"] = "*"
        if request.method == "OPTIONS":
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
            response["Access-Control-Max-Age"] = "86400"
        elif response.status_code == 200:
            patch_cache_control(response, public=True, max_age=self.max_age)
        return response


# The hours of a branch per day --------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class IsoDateField(serializers.DateField):
    """A date written exactly as YYYY-MM-DD (as the schema's `format: date` says): Python would also read
    "2026-1-5", "20260105" or a week date."""

    default_error_messages = {"invalid": gettext_lazy("Enter a date as YYYY-MM-DD, e.g. 2026-12-24.")}

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)

    def get_value(self, dictionary):
        # Present but empty (`?to=`) is a date that does not fit the format, as the schema says, not a date left out.
        return dictionary.get(self.field_name, empty)

    def to_internal_value(self, value):
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            self.fail("invalid")
        return super().to_internal_value(value)


class HoursRangeInput(InputSerializer):
    """?from= and ?to= (inclusive); `from` defaults to today in the library's zone and `to` to a week from `from`."""

    def get_fields(self):
        # "from" is a Python keyword: the fields are named here rather than as class attributes.
        return {"from": IsoDateField(required=False), "to": IsoDateField(required=False)}

    def validate(self, attrs):
        first = attrs.get("from") or self.context["today"]
        last = attrs.get("to")
        if last is None:
            try:
                last = first + dt.timedelta(days=DEFAULT_DAYS - 1)
            except OverflowError:  # from=9999-12-30: the week is cut at the last date there is
                last = dt.date.max
        if last < first:
            raise serializers.ValidationError({"to": [_("The end date must not be before the start date.")]})
        if (last - first).days + 1 > MAX_DAYS:
            raise serializers.ValidationError(
                {"to": [_("At most %(days)d days at a time: choose a shorter range.") % {"days": MAX_DAYS}]}
            )
        return {"from": first, "to": last}


class IntervalOutput(serializers.Serializer):
    opens = LocalTimeField()
    closes = LocalTimeField(
        help_text="At or before `opens` (00:00 included): on the next day; the interval is listed on the day it opens."
    )


class HoursDayOutput(serializers.Serializer):
    date = serializers.DateField()
    weekday = serializers.IntegerField(help_text="0 Monday … 6 Sunday.")
    staffed = IntervalOutput(many=True, source="intervals.staffed")
    self_service = IntervalOutput(many=True, source="intervals.self_service")
    phone = IntervalOutput(many=True, source="intervals.phone")
    changed = serializers.BooleanField(
        help_text="An exception (a holiday, a closure, changed hours) replaced the weekly hours of this date."
    )
    reason = serializers.CharField(help_text="The exception's reason in the language asked for, or empty.")


class BranchHoursOutput(serializers.Serializer):
    def get_fields(self):
        # "from" is a Python keyword: the fields are named here rather than as class attributes.
        return {
            "branch": serializers.CharField(help_text="The branch's slug."),
            "time_zone": serializers.CharField(help_text="The library's time zone, in which every time is given."),
            "from": serializers.DateField(),
            "to": serializers.DateField(),
            "kinds": serializers.ListField(
                child=serializers.ChoiceField(choices=HoursKind.choices),
                help_text="The kinds of service the branch publishes weekly hours for.",
            ),
            "days": HoursDayOutput(many=True),
        }


@extend_schema(
    parameters=[
        OpenApiParameter(
            "from", OpenApiTypes.DATE, description="The first date (YYYY-MM-DD); default today in the library's zone."
        ),
        OpenApiParameter(
            "to",
            OpenApiTypes.DATE,
            description=f"The last date, inclusive; default {DEFAULT_DAYS - 1} days after `from`. At most "
            f"{MAX_DAYS} days at once, not before `from` (else 400).",
        ),
        LANG_PARAMETER,
    ],
    responses={200: BranchHoursOutput},
)
class BranchHoursApi(PublicReadMixin, APIView):
    """A branch's opening hours on each date of a range: the intervals of staffed service, self-service and phone
    service, with holidays, closures and changed hours applied. Times are wall-clock times in the library's zone."""

    max_age = HOURS_MAX_AGE

    def get(self, request, slug: str):
        branch = get_object_or_404(Branch.objects.prefetch_related("opening_hours"), slug=slug)
        zone = library_zone(portal_library())
        data = HoursRangeInput(data=request.query_params, context={"today": library_today(zone)})
        data.is_valid(raise_exception=True)
        first, last = data.validated_data["from"], data.validated_data["to"]
        days = branch_hours_days(branch=branch, first=first, last=last)
        body = {
            "branch": branch.slug,
            "time_zone": zone.key,
            "from": first,
            "to": last,
            "kinds": sorted({h.kind for h in branch.opening_hours.all()}, key=HoursKind.values.index),
            "days": days,
        }
        return Response(BranchHoursOutput(body).data)


# Every branch's state now --------------------------------------------------------------------------------------


class LocalDateTimeField(serializers.DateTimeField):
    """A moment with the UTC offset of the library's zone at that moment (DRF would use the server's zone)."""

    def to_representation(self, value):
        return value.isoformat() if value is not None else None


class BranchLiveOutput(serializers.Serializer):
    slug = serializers.CharField(source="branch.slug")
    name = serializers.CharField(source="branch.name")
    url = serializers.CharField(source="branch.get_absolute_url", help_text="The branch's page.")
    state = serializers.ChoiceField(
        choices=STATE_CHOICES,
        source="live.state",
        help_text="closed; staffed (staff are there); self_service (open for self-service only).",
    )
    state_label = serializers.SerializerMethodField(help_text="The state in words, in the language asked for.")
    until = LocalDateTimeField(
        source="live.until",
        allow_null=True,
        help_text=f"When the state changes next; null when it does not within {LIVE_HORIZON_DAYS} days.",
    )
    next_opening = LocalDateTimeField(
        source="live.next_opening",
        allow_null=True,
        help_text="When closed: when it opens next (staffed or self-service); else null.",
    )

    def get_state_label(self, row: dict) -> str:
        return str(dict(STATE_CHOICES)[row["live"].state])


class LiveOutput(serializers.Serializer):
    now = LocalDateTimeField()
    time_zone = serializers.CharField()
    branches = BranchLiveOutput(many=True)


@extend_schema(parameters=[LANG_PARAMETER], responses={200: LiveOutput})
class BranchesLiveApi(PublicReadMixin, APIView):
    """Every branch's state now, in the library's time zone: closed, staffed or self-service only, until when,
    and when a closed branch opens next."""

    max_age = LIVE_MAX_AGE

    def get(self, request):
        now = timezone.now()
        zone, states = branches_live(now=now)
        body = {
            "now": now.astimezone(zone),
            "time_zone": zone.key,
            "branches": [{"branch": branch, "live": live} for branch, live in states],
        }
        return Response(LiveOutput(body).data)


# The widget ----------------------------------------------------------------------------------------------------


def live_sentence(live: LiveState) -> str:
    """The state of a branch in a sentence of the active language: "Open now: staffed service until 18:00.",
    "Closed now. Opens tomorrow at 10:00.". A day is named by its date, whose form each language's format
    gives: a weekday's name would need a grammatical case of its own in Lithuanian and Finnish."""
    today = live.now.date()
    if live.state == CLOSED:
        opening = live.next_opening
        if opening is None:
            return _("Closed now.")
        words = {"date": formats.date_format(opening, "MONTH_DAY_FORMAT"), "time": formats.time_format(opening)}
        if opening.date() == today:
            return _("Closed now. Opens today at %(time)s.") % words
        if opening.date() == today + dt.timedelta(days=1):
            return _("Closed now. Opens tomorrow at %(time)s.") % words
        return _("Closed now. Opens on %(date)s at %(time)s.") % words
    staffed = live.state == HoursKind.STAFFED
    if live.until is None:
        return _("Open now: staffed service.") if staffed else _("Open now: self-service only.")
    words = {"date": formats.date_format(live.until, "MONTH_DAY_FORMAT"), "time": formats.time_format(live.until)}
    if live.until.date() == today:
        sentence = (
            _("Open now: staffed service until %(time)s.")
            if staffed
            else _("Open now: self-service only until %(time)s.")
        )
    else:
        sentence = (
            _("Open now: staffed service until %(date)s at %(time)s.")
            if staffed
            else _("Open now: self-service only until %(date)s at %(time)s.")
        )
    return sentence % words


def embed_snippet(request: HttpRequest, branch: Branch) -> str:
    """The <iframe> code a branch page offers to copy: the widget in the page's language, titled for screen readers
    on the other site."""
    url = request.build_absolute_uri(reverse("services:embed_hours", kwargs={"slug": branch.slug}))
    title = _("Opening hours: %(name)s") % {"name": branch.name}
    return str(
        format_html('<iframe src="{}" title="{}" width="100%" height="440" loading="lazy"></iframe>', url, title)
    )


@xframe_options_exempt
@cached_public_page(Namespace.BRANCHES)
def embed_hours(request: HttpRequest, slug: str) -> HttpResponse:
    """This week's hours of a branch and its state now, without the site's header and footer: for an <iframe> on
    another site. Its Content-Security-Policy lets any site frame it; scripts and inline styles stay forbidden."""
    zone = library_zone(portal_library())
    now = timezone.now()
    today = library_today(zone, now)
    branches = branches_with_hours(today=today, days_back=max(1, today.weekday()), days_ahead=LIVE_HORIZON_DAYS)
    branch = get_object_or_404(branches, slug=slug)
    live = branch_live(branch, now=now, zone=zone)
    weekly = branch.opening_hours.all()
    kinds = [kind for kind in HoursKind.values if any(h.kind == kind for h in weekly)] or [HoursKind.STAFFED]
    monday = today - dt.timedelta(days=today.weekday())
    week = hours_days(monday, monday + dt.timedelta(days=6), kinds, weekly, branch.near_exceptions)
    expire_page_at(request, live.until)
    context = {
        "branch": branch,
        "branch_url": request.build_absolute_uri(reverse("services:branch_detail", kwargs={"slug": branch.slug})),
        "live": live,
        "live_sentence": live_sentence(live),
        "kinds": [(kind, HoursKind(kind).label) for kind in kinds],
        "week": [(day, [day.intervals[kind] for kind in kinds]) for day in week],
        "today": today,
    }
    response = render(request, "services/embed_hours.html", context)
    response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY_FRAMEABLE
    patch_cache_control(response, public=True, max_age=LIVE_MAX_AGE)
    return response
