import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library_portal.caching import Body, Namespace, cached_body, cached_public_page, expire_page_at, page_plan
from library_portal.errors import DomainError
from library_portal.exports import statistics_download
from library_portal.throttling import Throttled, client_key, throttle, throttled_form
from news.selectors import LIST_FIELDS, fallback_fields, news_changes_at, public_articles
from services.calendars import events_ics
from services.events import event_attendance_mark, event_cancel, event_registrants_message
from services.forms import (
    ConsultationForm,
    EServiceFilterForm,
    RegistrantsMessageForm,
    RegistrationForm,
    StaffRegistrationForm,
    StatisticsForm,
)
from services.hours import embed_snippet
from services.models import Consultation, Event, OpeningException, Page, Principle, Registration
from services.registrations import (
    HOLD_EXPIRED_MESSAGE,
    event_registration_cancel,
    event_registration_confirm,
    event_registration_create,
    registration_from_confirm_token,
    registration_from_token,
)
from services.reports import report_charts, statistics_csv, statistics_xlsx
from services.selectors import (
    branch_status,
    branch_statuses,
    branches_with_hours,
    categories_with_services,
    eservice_places,
    eservices_for_listing,
    library_today,
    library_zone,
    next_events,
    ordered_for_listing,
    portal_library,
    published_eservices,
    published_services,
    registration_closed_reason,
    service_statistics,
    upcoming_events,
    upcoming_events_change_at,
    weekly_hours,
)
from services.services import consultation_delete, consultation_record, consultation_update, consultations_correctable

SERVICES_PER_PAGE = 50
UPCOMING_EXCEPTION_DAYS = 30
EVENTS_PER_PAGE = 30
BRANCH_EVENTS = 5
BRANCH_NEWS = 5
FEED_EVENTS = 200


@cached_public_page(Namespace.SERVICES)
def service_list(request: HttpRequest) -> HttpResponse:
    if request.GET.get("q", "").strip():
        # The catalogue's own search became the site search: an old link or bookmark lands on its services.
        return redirect(f"{reverse('search:search')}?{urlencode({'q': request.GET['q'], 'group': 'services'})}")

    def build() -> Body:
        page = Paginator(ordered_for_listing(published_services()), SERVICES_PER_PAGE).get_page(request.GET.get("page"))
        return Body(
            "services/_service_list_body.html", {"page": page, "groups": categories_with_services(page.object_list)}
        )

    body = cached_body(request, [Namespace.SERVICES], build)
    return render(request, "services/service_list.html", {"body": body})


@cached_public_page(Namespace.SERVICES, Namespace.BRANCHES)
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(published_services(), slug=slug)
    statuses = branch_statuses(only=Q(services=service))
    expire_page_at(request, *(status.changes_at for status in statuses))
    return render(request, "services/service_detail.html", {"service": service, "branch_statuses": statuses})


@cached_public_page(Namespace.BRANCHES)
def branch_list(request: HttpRequest) -> HttpResponse:
    def build() -> Body:
        statuses = branch_statuses()
        context = {"library": portal_library(), "branch_statuses": statuses}
        return Body("services/_branch_list_body.html", context, [status.changes_at for status in statuses])

    body = cached_body(request, [Namespace.BRANCHES], build)
    return render(request, "services/branch_list.html", {"body": body})


@cached_public_page(Namespace.BRANCHES, Namespace.SERVICES, Namespace.ESERVICES, Namespace.NEWS)
def branch_detail(request: HttpRequest, slug: str) -> HttpResponse:
    zone = library_zone(portal_library())
    now = timezone.now()
    today = library_today(zone, now)
    branch = get_object_or_404(branches_with_hours(today=today), slug=slug)
    status = branch_status(branch, now=now, zone=zone)
    week = weekly_hours(status)
    events = next_events(after=now, branch=branch, limit=BRANCH_EVENTS)
    # The branch's own news and the whole library's, until one is published or expires.
    news = list(public_articles(now=now, branch=branch)[:BRANCH_NEWS])
    for article in news:
        article.fallbacks = fallback_fields(article, LIST_FIELDS)
    expire_page_at(request, status.changes_at, *(event.starts_at for event in events[:1]))
    if page_plan(request) is not None:
        expire_page_at(request, news_changes_at(now=now, branch=branch))
    upcoming = OpeningException.objects.filter(
        branch=branch, date__gte=today, date__lte=today + dt.timedelta(days=UPCOMING_EXCEPTION_DAYS)
    )
    return render(
        request,
        "services/branch_detail.html",
        {
            "branch": branch,
            "status": status,
            "week": week,
            "embed_url": reverse("services:embed_hours", kwargs={"slug": branch.slug}),
            "embed_snippet": embed_snippet(request, branch),
            "upcoming_exceptions": upcoming,
            "services": published_services().filter(branches=branch),
            "eservices": eservices_for_listing(branch=branch),
            "events": events,
            "news": news,
            # The banner shows this branch's notices too (closures from its opening exceptions among them).
            "notice_branch": branch,
        },
    )


@cached_public_page(Namespace.SERVICES)
def principles(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/principles.html",
        {"page": Page.objects.filter(slug=Page.Slug.PRINCIPLES).first(), "principles": Principle.objects.all()},
    )


@cached_public_page(Namespace.SERVICES)
def content_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
    return render(request, "pages/content_page.html", {"page": page})


# Partner e-services ------------------------------------------------------------------------------


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@cached_public_page(Namespace.ESERVICES, Namespace.BRANCHES)
def eservice_list(request: HttpRequest) -> HttpResponse:
    form = EServiceFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {"area": "", "branch": None}
    return render(
        request,
        "services/eservice_list.html",
        {"form": form, "filters": filters, "eservices": eservices_for_listing(**filters)},
    )


def _expire_with_upcoming_events(request: HttpRequest) -> None:
    """A page listing upcoming events is cached until the first of them ends (and leaves the list)."""
    if page_plan(request) is not None:
        expire_page_at(request, upcoming_events_change_at(now=timezone.now()))


@cached_public_page(Namespace.ESERVICES, Namespace.BRANCHES)
def eservice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    eservice = get_object_or_404(published_eservices().prefetch_related("partners"), slug=slug)
    our_places, other_places = eservice_places(eservice)
    expire_page_at(request, *(statuses.changes_at for statuses, _ways, _week in our_places))
    _expire_with_upcoming_events(request)
    return render(
        request,
        "services/eservice_detail.html",
        {
            "eservice": eservice,
            "our_places": our_places,
            "other_places": other_places,
            "resources": eservice.resources.all(),
            "good_practices": eservice.good_practices.all(),
            "events": upcoming_events().filter(eservice=eservice)[:10],
        },
    )


@cached_public_page(Namespace.ESERVICES, Namespace.BRANCHES)
def event_list(request: HttpRequest) -> HttpResponse:
    _expire_with_upcoming_events(request)
    form = EServiceFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {"area": "", "branch": None}
    events = upcoming_events()
    if filters["area"]:
        events = events.filter(eservice__area=filters["area"])
    if filters["branch"] is not None:
        events = events.filter(branch=filters["branch"])
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"form": form, "filters": filters, "page": page})


@cached_public_page(Namespace.ESERVICES, Namespace.BRANCHES)
def event_feed(request: HttpRequest) -> HttpResponse:
    _expire_with_upcoming_events(request)
    events = upcoming_events()[:FEED_EVENTS]
    content = events_ics(events=events, language=get_language(), site_url=_site_url(request), name=_("Library events"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="events-{get_language()}.ics"'
    return response


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event with its registration form. Not cached: the form carries a CSRF token."""
    event = get_object_or_404(Event.objects.select_related("branch", "eservice", "partner"), pk=pk)
    closed = registration_closed_reason(event, now=timezone.now())
    user = request.user
    initial = {"name": user.get_full_name(), "email": user.email} if user.is_authenticated else None
    form = RegistrationForm(request.POST or None, initial=initial)
    if request.method == "POST":
        try:
            throttle(scope="event-registration", key=f"{client_key(request)}|{event.pk}")
        except Throttled as error:
            context = {"event": event, "form": form, "closed": closed, "hold_minutes": settings.EVENT_HOLD_MINUTES}
            return throttled_form(request, "events/event_detail.html", context, error)
    if request.method == "POST" and closed is None and form.is_valid():
        data = form.cleaned_data
        try:
            registration = event_registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                consent=data["consent"],
                language=get_language(),
                site_url=_site_url(request),
                patron=user if user.is_authenticated else None,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            return render(request, "events/registration_done.html", {"event": event, "registration": registration})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "form": form, "closed": closed, "hold_minutes": settings.EVENT_HOLD_MINUTES},
        status=status,
    )


def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail of a held place: GET asks, POST confirms (mail scanners open links,
    and a scanner must not confirm a place for an invented address). A second click finds the
    place already confirmed and says so; a link whose hold has run out changes nothing."""
    try:
        registration = registration_from_confirm_token(token)
    except DomainError as error:
        return render(request, "events/registration_confirm.html", {"error": error.message}, status=400)
    error, status = None, 200
    if request.method == "POST":
        try:
            registration = event_registration_confirm(registration=registration, site_url=_site_url(request))
        except DomainError as refused:
            registration.refresh_from_db()
            if refused.code != "already_confirmed":
                error, status = refused.message, refused.status
    elif registration.status == Registration.Status.CANCELLED:
        error, status = _("This registration is already cancelled."), 409
    elif registration.status == Registration.Status.EXPIRED or (
        registration.status == Registration.Status.HELD and registration.hold_expires_at <= timezone.now()
    ):
        error, status = HOLD_EXPIRED_MESSAGE, 410
    return render(
        request,
        "events/registration_confirm.html",
        {"registration": registration, "event": registration.event, "error": error},
        status=status,
    )


def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation e-mail: GET asks, POST cancels (mail scanners open links)."""
    try:
        registration = registration_from_token(token)
    except DomainError as error:
        return render(request, "events/registration_cancel.html", {"error": error.message}, status=400)
    done = False
    error = None
    if request.method == "POST":
        try:
            registration = event_registration_cancel(registration=registration, site_url=_site_url(request))
            done = True
        except DomainError as refused:
            error = refused.message
    elif registration.status == Registration.Status.CANCELLED:
        error = _("This registration is already cancelled.")
    elif registration.status == Registration.Status.EXPIRED:
        error = _("This place was not confirmed in time and has already been given back.")
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": registration.event, "done": done, "error": error},
        status=400 if error and request.method == "POST" else 200,
    )


# Staff pages -------------------------------------------------------------------------------------


@permission_required("services.view_registration", raise_exception=True)
def event_staff(request: HttpRequest, pk: int) -> HttpResponse:  # noqa: C901 - one page with several forms (message, register, attendance, cancel), a branch per button
    """Attendee list (printable) with the places held until confirmed, attendance marks, registering
    someone who called or came to the desk, a message to registrants, cancelling the event."""
    event = get_object_or_404(Event.objects.select_related("branch"), pk=pk)
    message_form = RegistrantsMessageForm(request.POST if "send_message" in request.POST else None)
    register_form = StaffRegistrationForm(request.POST if "register" in request.POST else None, prefix="new")
    if request.method == "POST":
        try:
            if "mark_attendance" in request.POST:
                if not request.user.has_perm("services.change_registration"):
                    raise PermissionDenied
                ids = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
                count = event_attendance_mark(event=event, attended_ids=ids, by=request.user)
                messages.success(request, _("Attendance saved: %(count)d people came.") % {"count": count})
                return redirect("services:event_staff", pk=event.pk)
            if "cancel_event" in request.POST:
                if not request.user.has_perm("services.change_event"):
                    raise PermissionDenied
                event_cancel(event=event, site_url=_site_url(request), by=request.user)
                messages.success(request, _("The event is cancelled and everyone registered has been told."))
                return redirect("services:event_staff", pk=event.pk)
            if "send_message" in request.POST and message_form.is_valid():
                if not request.user.has_perm("services.message_registrants"):
                    raise PermissionDenied
                sent = event_registrants_message(
                    event=event, site_url=_site_url(request), by=request.user, **message_form.cleaned_data
                )
                messages.success(request, _("Message queued for %(count)d people.") % {"count": sent})
                return redirect("services:event_staff", pk=event.pk)
            if "register" in request.POST:
                if not request.user.has_perm("services.add_registration"):
                    raise PermissionDenied
                if register_form.is_valid():
                    registration = event_registration_create(
                        event=event,
                        language=event.language,
                        site_url=_site_url(request),
                        by=request.user,
                        **register_form.cleaned_data,
                    )
                    messages.success(
                        request,
                        _("%(name)s is registered: %(status)s.")
                        % {"name": registration.name, "status": registration.get_status_display()},
                    )
                    return redirect("services:event_staff", pk=event.pk)
        except DomainError as error:
            form = register_form if "register" in request.POST else message_form
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
    registrations = event.registrations.order_by("status", "created_at", "id")
    by_status = {status: [] for status in Registration.Status}
    for registration in registrations:
        by_status[registration.status].append(registration)
    return render(
        request,
        "events/event_staff.html",
        {
            "event": event,
            "confirmed": by_status[Registration.Status.CONFIRMED],
            "held": by_status[Registration.Status.HELD],
            "waitlisted": by_status[Registration.Status.WAITLISTED],
            "cancelled_count": len(by_status[Registration.Status.CANCELLED]),
            "expired_count": len(by_status[Registration.Status.EXPIRED]),
            "message_form": message_form,
            "register_form": register_form,
            "now": timezone.now(),
        },
        status=400 if message_form.errors or register_form.errors else 200,
    )


@permission_required("services.add_consultation", raise_exception=True)
def consultation_add(request: HttpRequest) -> HttpResponse:
    """The quick form: the date, branch and e-service of the last entry are kept, so one entry is a click."""
    last = request.session.get("consultation_last", {})
    initial = {"date": timezone.localdate(), "people": 1, "minutes": 15, **last}
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation_record(by=request.user, **data)
        except DomainError as error:
            form.add_error(error.field, str(error.message))
        else:
            request.session["consultation_last"] = {
                "branch": data["branch"].pk,
                "eservice": data["eservice"].pk,
                "minutes": data["minutes"],
            }
            messages.success(request, _("Consultation recorded."))
            return redirect("services:consultation_add")
    return _consultation_page(request, form)


def _consultation_page(request: HttpRequest, form, editing: Consultation | None = None) -> HttpResponse:
    today = consultations_correctable(by=request.user).select_related("branch", "eservice").order_by("-created_at")
    context = {"form": form, "today_entries": today, "editing": editing}
    return render(request, "services/consultation_form.html", context, status=400 if form.errors else 200)


@permission_required("services.add_consultation", raise_exception=True)
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct one of today's own entries, on the same page as the list."""
    consultation = get_object_or_404(consultations_correctable(by=request.user), pk=pk)
    initial = {name: getattr(consultation, name) for name in ("date", "branch", "eservice", "people", "minutes")}
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consultation_update(consultation=consultation, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, str(error.message))
        else:
            messages.success(request, _("The entry is corrected."))
            return redirect("services:consultation_add")
    return _consultation_page(request, form, editing=consultation)


@require_POST
@permission_required("services.add_consultation", raise_exception=True)
def consultation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(consultations_correctable(by=request.user), pk=pk)
    try:
        consultation_delete(consultation=consultation, by=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The entry is deleted."))
    return redirect("services:consultation_add")


@permission_required("services.view_statistics", raise_exception=True)
def statistics(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    defaults = {"date_from": today.replace(month=1, day=1), "date_to": today}
    form = StatisticsForm(request.GET or None, initial=defaults)
    if request.GET and not form.is_valid():
        return render(request, "services/statistics.html", {"form": form, "report": None}, status=400)
    filters = form.cleaned_data if request.GET else {**defaults, "branch": None, "eservice": None, "partner": None}
    report = service_statistics(**filters)
    download = statistics_download(
        request, report, name="e-service-statistics", csv=statistics_csv, xlsx=statistics_xlsx
    )
    if download is not None:
        return download
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "services/statistics.html",
        {"form": form, "report": report, "charts": report_charts(report), "query": query.urlencode()},
    )
