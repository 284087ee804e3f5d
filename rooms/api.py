"""Room booking over the API: the rooms, a room's free and taken times, a patron's bookings, requesting and cancelling.

Reads are public, except a patron's own bookings. Availability says which times are taken, never by whom. A request
is an explicit POST that calls the same service as the page (`rooms.services.booking_request`, through
`rooms.idempotency.booking_request_once` for the `Idempotency-Key`); every rule it breaks answers in the API's one
error shape with the field at fault, and a time another request took a moment before answers 409 `slot_taken`.
Times are ISO 8601; a time sent without its offset is the library's local time, and answers carry the offset.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from library_portal.api import (
    IDEMPOTENCY_HEADER,
    ChoiceLabelField,
    InputSerializer,
    LightFieldsMixin,
    idempotency_key,
)
from library_portal.pagination import Pagination
from library_portal.schema import error_responses
from library_portal.throttling import throttle
from rooms.availability import Availability, room_availability_cached
from rooms.idempotency import booking_request_once
from rooms.links import cancel_cutoff, patron_can_cancel
from rooms.models import Booking, Kind, Room, Source, Status
from rooms.selectors import (
    FREE,
    TAKEN,
    UNAVAILABLE,
    bookable_rooms,
    hourly_prices,
    patron_bookings,
    zone,
)
from rooms.services import booking_cancel_by_patron
from services.api import LANG_PARAMETER

# How many days one availability call may cover, and how far from today it may look: a month's calendar, and two
# years either way (a room's horizon is a few months).
MAX_DAYS = 31
MAX_DAYS_AWAY = 731


class LibraryDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time; without an offset it is the library's local time. Answers are in the library's
    zone, with the offset."""

    default_error_messages = {
        "invalid": _(
            "Enter the date and time as 2026-06-22T10:00 (the library's local time) or with the offset, "
            "2026-06-22T10:00:00+03:00."
        ),
        "make_aware": _("This time does not exist in the library's time zone (the clocks are changed)."),
        "overflow": _("This date is out of range."),
    }

    def default_timezone(self):
        # The view puts the zone in the context: zone() reads the portal's library through the shared cache.
        return self.context.get("zone") or zone()


# A room of the library's own (seed 004's hall, in the demo data too): the fuzzing of tests/api/test_fuzz.py starts
# from it, so that it reaches the rules of a real room rather than only "no such room".
ROOM_SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    description="The room's slug, as in /api/v1/rooms/.",
    examples=[OpenApiExample("The events and exhibition hall at Tilžės g. 12", value="tilzes-12-sale")],
)
DATE_ERRORS = {"invalid": _("Enter the date as 2026-06-22."), "datetime": _("Enter the date without a time.")}


# The rooms --------------------------------------------------------------------------------------


class RoomOutput(LightFieldsMixin, serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    branch = serializers.CharField(source="branch.slug")
    branch_name = serializers.CharField(source="branch.name")
    capacity = serializers.IntegerField()
    accessibility_notes = serializers.CharField()
    photo = serializers.ImageField(allow_null=True, use_url=True)
    photo_alt = serializers.CharField()
    has_equipment = serializers.BooleanField(help_text="Presentation equipment that can be booked with the room.")
    bookable_online = serializers.BooleanField(help_text="False: the room is booked by calling the branch.")
    price_per_hour = serializers.DecimalField(
        max_digits=8,
        decimal_places=2,
        allow_null=True,
        help_text="In euros, from the price list in force today; null when the list prices it by patron category "
        "or individually (POST a booking to hear its price).",
    )
    price_per_hour_with_equipment = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    slot_minutes = serializers.IntegerField(help_text="Bookings start and end on this grid.")
    min_minutes = serializers.IntegerField()
    max_minutes = serializers.IntegerField()
    lead_hours = serializers.IntegerField(help_text="How long before its start a booking must be requested.")
    horizon_days = serializers.IntegerField(help_text="How many days ahead a booking may be requested.")
    max_active_per_person = serializers.IntegerField(
        help_text="How many requested or approved bookings of this room, not yet over, one person may have."
    )
    requires_approval = serializers.BooleanField()
    patrons_may_book = serializers.BooleanField()
    organisations_may_book = serializers.BooleanField()
    url = serializers.CharField(source="get_absolute_url", help_text="The room's page, with its week grid.")


class RoomListApi(APIView):
    """The rooms the library rents out, by branch, with the hourly price of the price list in force today."""

    pagination_class = Pagination  # read by the schema too: the list is documented as paginated

    @extend_schema(parameters=[LANG_PARAMETER], responses=RoomOutput(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        rooms = paginator.paginate_queryset(bookable_rooms(), request, view=self)
        prices = hourly_prices(rooms, on=timezone.now().astimezone(zone()).date())
        for room in rooms:
            room.price_per_hour = prices.get(room.price_code)
            room.price_per_hour_with_equipment = prices.get(room.price_code_with_equipment)
        return paginator.get_paginated_response(RoomOutput(rooms, many=True, context={"request": request}).data)


# Availability -----------------------------------------------------------------------------------


class AvailabilityQueryBase(InputSerializer):
    def validate(self, attrs):
        today = self.context["today"]
        first = attrs.get("from") or today
        last = attrs.get("to") or first + dt.timedelta(days=6)
        if last < first:
            raise serializers.ValidationError({"to": [_("The last day cannot be before the first.")]})
        if (last - first).days >= MAX_DAYS:
            message = ngettext_lazy(
                "Ask for at most %(days)d day at a time.", "Ask for at most %(days)d days at a time.", "days"
            )
            raise serializers.ValidationError({"to": [message % {"days": MAX_DAYS}]})
        away = dt.timedelta(days=MAX_DAYS_AWAY)
        for name, day in (("from", first), ("to", last)):
            if not today - away <= day <= today + away:
                raise serializers.ValidationError(
                    {
                        name: [
                            _("Choose a date from %(first)s to %(last)s.")
                            % {"first": today - away, "last": today + away}
                        ]
                    }
                )
        return {"from": first, "to": last}


# Declared with type(): "from" is a Python keyword, and the parameters keep the names the URL uses.
AvailabilityQuery = type(
    "AvailabilityQuery",
    (AvailabilityQueryBase,),
    {
        "from": serializers.DateField(
            required=False, error_messages=DATE_ERRORS, help_text="The first day (default: today)."
        ),
        "to": serializers.DateField(
            required=False,
            error_messages=DATE_ERRORS,
            help_text=f"The last day, at most {MAX_DAYS - 1} days after the first (default: 6 days after it).",
        ),
    },
)


class AvailabilityIntervalOutput(serializers.Serializer):
    start = LibraryDateTimeField()
    end = LibraryDateTimeField()
    state = serializers.ChoiceField(
        choices=[FREE, TAKEN, UNAVAILABLE],
        help_text="free: it can be requested; taken: another booking or a closure of the room holds it; "
        "unavailable: in the past, within the room's lead time or beyond its horizon.",
    )


class AvailabilityDayOutput(serializers.Serializer):
    date = serializers.DateField()
    closed = serializers.BooleanField(source="is_closed", help_text="The branch is not staffed on this day.")
    closed_reason = serializers.CharField(help_text="Why, when a holiday or a closure closes it; else empty.")
    intervals = AvailabilityIntervalOutput(
        many=True, help_text="The staffed hours of the day on the room's grid, neighbouring steps of a state joined."
    )


class AvailabilityOutput(serializers.Serializer):
    room = serializers.CharField()
    time_zone = serializers.CharField(help_text="The library's time zone, in which the days are counted.")
    slot_minutes = serializers.IntegerField()
    days = AvailabilityDayOutput(many=True)


class AvailabilityApi(APIView):
    """A room's free and taken times, day by day, within its branch's staffed hours. Who booked is never shown."""

    @extend_schema(parameters=[ROOM_SLUG, LANG_PARAMETER, AvailabilityQuery], responses=AvailabilityOutput)
    def get(self, request, slug: str):
        tz = zone()
        # A plain dict: from a QueryDict DRF would read an empty `?to=` as no value at all.
        query = AvailabilityQuery(
            data=request.query_params.dict(), context={"today": timezone.now().astimezone(tz).date()}
        )
        query.is_valid(raise_exception=True)
        dates = query.validated_data
        availability = room_availability_cached(slug=slug, start_date=dates["from"], end_date=dates["to"])
        return Response(availability_answer(slug, tz, availability))


def _iso(moment: dt.datetime, tz) -> str:
    """As DRF's DateTimeField writes it: ISO 8601 in `tz`, "Z" for UTC."""
    text = moment.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def availability_answer(slug: str, tz, availability: Availability) -> dict:
    """The answer AvailabilityOutput documents, written out without it: once the weeks come from the cache, DRF's
    fields (two datetimes of each interval, ~50 a week) cost as much as the rest of the request together
    (cProfile of the view, issue 16's bench). tests/rooms/test_api.py checks that both write the same."""
    return {
        "room": slug,
        "time_zone": str(tz),
        "slot_minutes": availability.slot_minutes,
        "days": [
            {
                "date": day.date.isoformat(),
                "closed": day.is_closed,
                "closed_reason": day.closed_reason,
                "intervals": [
                    {"start": _iso(slot.start, tz), "end": _iso(slot.end, tz), "state": slot.state}
                    for slot in day.intervals
                ],
            }
            for day in availability.days
        ],
    }


# Bookings ---------------------------------------------------------------------------------------


class BookingInput(InputSerializer):
    start = LibraryDateTimeField(
        help_text="When the booking starts, on the room's grid: 2026-06-22T10:00:00+03:00 (2026-06-22T10:00, without "
        "the offset, is the library's local time)."
    )
    end = LibraryDateTimeField(help_text="When it ends.")
    with_equipment = serializers.BooleanField(default=False, help_text="With the room's presentation equipment.")
    # Blank text is the service's to refuse, with the same words as the page's form.
    purpose = serializers.CharField(max_length=300, allow_blank=True, help_text="What the room is for.")
    people = serializers.IntegerField(help_text="The expected number of people, at most the room's capacity.")
    phone = serializers.CharField(max_length=32, allow_blank=True, help_text="A phone number the library can call.")
    organisation_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="For an organisation: its name for the invoice (with organisation_code).",
    )
    organisation_code = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default="", help_text="The organisation's registration code."
    )


class BookingOutput(LightFieldsMixin, serializers.Serializer):
    id = serializers.IntegerField()
    room = serializers.CharField(source="room.slug")
    room_name = serializers.CharField(source="room.name")
    branch = serializers.CharField(source="room.branch.slug")
    branch_name = serializers.CharField(source="room.branch.name")
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = ChoiceLabelField(Status, source="status")
    start = LibraryDateTimeField()
    end = LibraryDateTimeField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    with_equipment = serializers.BooleanField()
    purpose = serializers.CharField()
    people = serializers.IntegerField(allow_null=True)
    phone = serializers.CharField()
    organisation_name = serializers.CharField()
    organisation_code = serializers.CharField()
    unit_price = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, help_text="Per hour, from the list in force on its date."
    )
    total = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, help_text="As quoted; null: the library sets the price."
    )
    amount_due = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, help_text="What is paid: the price set by staff, if any."
    )
    reason = serializers.CharField(help_text="Why it was declined or cancelled by the library; else empty.")
    can_cancel = serializers.SerializerMethodField()
    cancel_until = serializers.SerializerMethodField()
    created_at = LibraryDateTimeField()

    def get_can_cancel(self, booking: Booking) -> bool:
        return patron_can_cancel(booking)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_cancel_until(self, booking: Booking) -> str:
        """Until when the patron may cancel it here (the cut-off before its start)."""
        return self.fields["start"].to_representation(cancel_cutoff(booking))


class RoomBookingApi(APIView):
    """Request a room (a patron's token or session): 201 with the booking, Requested (or Approved at once where the
    room needs no approval). The time is held from that moment; staff are told."""

    # Its POST calls library_portal.throttling.throttle: the schema documents the 429.
    throttled_post = True
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[ROOM_SLUG, LANG_PARAMETER, IDEMPOTENCY_HEADER],
        request=BookingInput,
        responses={
            201: BookingOutput,
            200: BookingOutput,
            **error_responses(
                e409="This time was just taken (`slot_taken`): choose another time in the availability.",
                e422="The Idempotency-Key was already used for another request (`idempotency_key_reused`).",
            ),
        },
    )
    def post(self, request, slug: str):
        room = get_object_or_404(Room.objects.select_related("branch"), slug=slug)
        key = idempotency_key(request)
        tz = zone()
        data = BookingInput(data=request.data, context={"zone": tz})
        data.is_valid(raise_exception=True)
        throttle(scope="room-booking", key=str(request.user.pk))
        booking, created = booking_request_once(
            idempotency_key=key,
            room=room,
            user=request.user,
            actor=request.user,
            source=Source.API,
            **data.validated_data,
        )
        return Response(
            BookingOutput(booking, context={"zone": tz}).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class BookingListApi(APIView):
    """The patron's own room bookings, the latest start first."""

    permission_classes = [IsAuthenticated]
    pagination_class = Pagination

    @extend_schema(parameters=[LANG_PARAMETER], responses=BookingOutput(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(patron_bookings(user=request.user), request, view=self)
        return paginator.get_paginated_response(BookingOutput(page, many=True, context={"zone": zone()}).data)


class BookingCancelApi(APIView):
    """Cancel one's own booking, free of charge until ROOMS_CANCEL_CUTOFF_HOURS (24 by default) before its start;
    later only the library can (409 `too_late`)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[LANG_PARAMETER],
        request=None,
        responses={
            200: BookingOutput,
            **error_responses(
                e409="Past the cut-off (`too_late`: call the branch), or the booking no longer holds the room "
                "(`illegal_move`)."
            ),
        },
    )
    def post(self, request, pk: int):
        booking = Booking.objects.filter(pk=pk, user=request.user, kind=Kind.BOOKING).first()
        if booking is None:
            raise NotFound(_("There is no such booking."))
        booking = booking_cancel_by_patron(booking=booking, actor=request.user)
        return Response(BookingOutput(booking, context={"zone": zone()}).data)
