"""The room booking API: the rooms and their free and taken times for everyone, a patron's own bookings only,
requesting (idempotent, every rule answered with the field at fault in the reader's language) and cancelling."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rooms.api import AvailabilityOutput, availability_answer
from rooms.availability import room_availability_cached
from rooms.models import Booking, BookingRequestKey, Source, Status
from rooms.selectors import zone
from rooms.services import SLOT_TAKEN, booking_request
from tests.factories import OpeningExceptionFactory, RoomFactory
from tests.rooms.conftest import VILNIUS, at, request_kwargs

ROOMS = "/api/v1/rooms/"
BOOKINGS = "/api/v1/bookings/"


def client_of(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def api(patron):
    return client_of(patron)


def body(day: dt.date, start: str = "10:00", end: str = "12:00", **changes) -> dict:
    """A valid request's JSON: two hours with the equipment, times in the library's local time."""
    return {
        "start": f"{day.isoformat()}T{start}",
        "end": f"{day.isoformat()}T{end}",
        "with_equipment": True,
        "purpose": "Knygos pristatymas",
        "people": 20,
        "phone": "+370 441 12345",
        **changes,
    }


def book(room, day, user, **extra) -> Booking:
    """A booking made through the service, as the page makes it."""
    return booking_request(**request_kwargs(room, day, user=user, actor=user, **extra))


def availability_of(room) -> str:
    return f"{ROOMS}{room.slug}/availability/"


def bookings_of(room) -> str:
    return f"{ROOMS}{room.slug}/bookings/"


# The rooms --------------------------------------------------------------------------------------


def test_the_rooms_list_shows_each_room_with_its_hourly_prices_to_anyone(room, django_assert_max_num_queries):
    RoomFactory(branch=room.branch, has_equipment=False, price_code_with_equipment="", bookable_online=False)
    with django_assert_max_num_queries(5):
        response = APIClient().get(f"{ROOMS}?lang=en")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    first = data["results"][0]
    assert (first["slug"], first["name"], first["branch"]) == (room.slug, room.name_en, room.branch.slug)
    assert (first["price_per_hour"], first["price_per_hour_with_equipment"]) == ("15.00", "20.00")
    assert (first["slot_minutes"], first["min_minutes"], first["max_minutes"]) == (30, 60, 240)
    assert first["url"] == f"/en/rooms/{room.slug}/"
    assert data["results"][1]["bookable_online"] is False
    assert data["results"][1]["price_per_hour_with_equipment"] is None
    # The buffers are the library's own time: the public sees them only as "taken".
    assert "buffer_before_minutes" not in first


def test_the_rooms_list_costs_the_same_queries_for_many_rooms(room, django_assert_max_num_queries):
    for _ in range(20):
        RoomFactory(branch=room.branch)
    with django_assert_max_num_queries(5):
        assert len(APIClient().get(ROOMS).json()["results"]) == 21


# Availability -----------------------------------------------------------------------------------


def test_availability_shows_free_and_taken_intervals_and_never_who_booked(room, monday, patron2):
    book(room, monday, patron2, purpose="Slaptas susirinkimas")
    response = APIClient().get(f"{availability_of(room)}?from={monday}&to={monday}")
    assert response.status_code == 200
    data = response.json()
    assert (data["room"], data["time_zone"], data["slot_minutes"]) == (room.slug, "Europe/Vilnius", 30)
    (day,) = data["days"]
    assert (day["date"], day["closed"]) == (monday.isoformat(), False)
    assert [(i["start"], i["end"], i["state"]) for i in day["intervals"]] == [
        (at(monday, "09:00").isoformat(), at(monday, "10:00").isoformat(), "free"),
        (at(monday, "10:00").isoformat(), at(monday, "12:00").isoformat(), "taken"),
        (at(monday, "12:00").isoformat(), at(monday, "18:00").isoformat(), "free"),
    ]
    text = response.content.decode()
    assert "Slaptas" not in text and patron2.email not in text and "+370" not in text


def test_availability_defaults_to_a_week_from_today_and_marks_a_holiday_closed(room, monday):
    OpeningExceptionFactory(branch=room.branch, date=monday, reason="Valstybės diena")
    week = APIClient().get(availability_of(room)).json()["days"]
    assert len(week) == 7
    (holiday,) = APIClient().get(f"{availability_of(room)}?from={monday}&to={monday}").json()["days"]
    assert (holiday["closed"], holiday["closed_reason"], holiday["intervals"]) == (True, "Valstybės diena", [])


def test_availability_marks_the_times_before_the_lead_time_unavailable_and_the_rest_free(room):
    today = timezone.now().astimezone(VILNIUS).date()
    query = f"?from={today}&to={today + dt.timedelta(days=2)}"
    earliest = timezone.now() + dt.timedelta(hours=room.lead_hours)
    intervals = [i for day in APIClient().get(availability_of(room) + query).json()["days"] for i in day["intervals"]]
    assert intervals
    for interval in intervals:
        unavailable = dt.datetime.fromisoformat(interval["start"]) < earliest
        assert interval["state"] == ("unavailable" if unavailable else "free"), interval


def test_availability_costs_three_queries_a_week_and_none_once_the_weeks_are_cached(
    room, monday, patron, patron2, django_assert_max_num_queries
):
    for start, end, user in (("09:00", "10:00", patron), ("13:00", "15:00", patron2), ("16:00", "17:00", patron2)):
        book(room, monday, user, start=start, end=end)
    month = f"{availability_of(room)}?from={monday}&to={monday + dt.timedelta(days=30)}"
    # The room, then for each of the five weeks (Monday to Sunday) its hours, exceptions and held times.
    with django_assert_max_num_queries(1 + 3 * 5 + 1):
        assert len(APIClient().get(month).json()["days"]) == 31
    with django_assert_max_num_queries(0):
        response = APIClient().get(month)
    assert [i["state"] for i in response.json()["days"][0]["intervals"]] == [
        "taken",
        "free",
        "taken",
        "free",
        "taken",
        "free",
    ]


def test_the_answer_written_out_is_the_one_its_serializer_documents(room, monday, patron):
    book(room, monday, patron)
    OpeningExceptionFactory(branch=room.branch, date=monday + dt.timedelta(days=1), reason="Joninės")
    availability = room_availability_cached(slug=room.slug, start_date=monday, end_date=monday + dt.timedelta(days=6))
    # In the library's zone, and in UTC (which DRF writes with a "Z").
    for tz in (zone(), dt.UTC):
        documented = {"room": room.slug, "time_zone": str(tz), "slot_minutes": 30, "days": availability.days}
        answer = availability_answer(room.slug, tz, availability)
        assert answer == AvailabilityOutput(documented, context={"zone": tz}).data
    assert answer["days"][1]["closed_reason"] == "Joninės"
    assert answer["days"][0]["intervals"][1]["start"].endswith("Z")


@pytest.mark.parametrize(
    ("query", "field", "finnish"),
    [
        ("from=2026-07-10&to=2026-07-01", "to", "Viimeinen päivä ei voi olla ennen ensimmäistä."),
        ("from=2026-07-01&to=2026-08-15", "to", "Hae enintään 31 päivää kerrallaan."),
        ("from=1-7-2026", "from", "Anna päivämäärä muodossa 2026-06-22."),
        ("from=9999-12-25", "from", "Valitse päivä väliltä"),
        ("to=0001-01-01", "to", "Viimeinen päivä ei voi olla ennen ensimmäistä."),
        ("to=", "to", "Anna päivämäärä muodossa 2026-06-22."),
    ],
)
def test_a_bad_range_answers_400_in_the_one_error_shape_in_the_readers_language(room, query, field, finnish):
    response = APIClient().get(f"{availability_of(room)}?{query}", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, "invalid")
    assert error["fields"][field][0].startswith(finnish)


def test_a_bad_range_answers_in_the_language_of_lang(room):
    response = APIClient().get(f"{availability_of(room)}?from=2026-07-10&to=2026-07-01&lang=bg")
    assert response.json()["error"]["fields"]["to"] == ["Последният ден не може да е преди първия."]


def test_the_availability_of_an_unknown_room_answers_404(db):
    response = APIClient().get(f"{ROOMS}no-such-room/availability/")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


# Requesting -------------------------------------------------------------------------------------


def test_a_patron_requests_a_room_and_gets_the_price_of_the_list_in_force(api, room, monday, patron):
    response = api.post(bookings_of(room), body(monday), format="json")
    assert response.status_code == 201
    data = response.json()
    assert (data["status"], data["room"], data["with_equipment"]) == (Status.REQUESTED, room.slug, True)
    assert (data["hours"], data["unit_price"], data["total"], data["amount_due"]) == ("2.00", "20.00", "40.00", "40.00")
    assert data["start"] == at(monday, "10:00").isoformat()
    assert data["can_cancel"] is True
    booking = Booking.objects.get()
    assert (booking.user, booking.source, booking.total) == (patron, Source.API, Decimal("40.00"))
    assert booking.start == at(monday, "10:00")


def test_a_time_with_its_offset_is_the_same_instant(api, room, monday):
    utc = at(monday, "10:00").astimezone(dt.UTC).isoformat()
    response = api.post(bookings_of(room), body(monday, start="", end="12:00") | {"start": utc}, format="json")
    assert response.status_code == 201
    assert Booking.objects.get().start == at(monday, "10:00")


def test_without_a_token_requesting_and_the_own_lists_answer_401(room, monday, db):
    anonymous = APIClient()
    assert anonymous.post(bookings_of(room), body(monday), format="json").status_code == 401
    assert anonymous.get(BOOKINGS).status_code == 401
    assert anonymous.post(f"{BOOKINGS}1/cancel/").status_code == 401
    assert not Booking.objects.exists()


def test_a_time_just_taken_answers_409_with_the_translated_message(api, room, monday, patron2):
    book(room, monday, patron2, start="11:00", end="13:00")
    response = api.post(bookings_of(room), body(monday), format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 409
    error = response.json()["error"]
    with translation.override("fi"):
        assert (error["code"], error["message"], error["fields"]) == (
            "slot_taken",
            str(SLOT_TAKEN),
            {"start": [str(SLOT_TAKEN)]},
        )
    assert Booking.objects.count() == 1


def test_the_same_idempotency_key_and_body_return_the_first_booking_and_make_no_second(api, room, monday):
    first = api.post(bookings_of(room), body(monday), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post(bookings_of(room), body(monday), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Booking.objects.count() == 1
    other = api.post(bookings_of(room), body(monday, "14:00", "16:00"), format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert other.status_code == 201
    assert Booking.objects.count() == 2


def test_the_same_key_with_another_body_is_refused_and_makes_nothing(api, room, monday):
    assert api.post(bookings_of(room), body(monday), format="json", HTTP_IDEMPOTENCY_KEY="k-1").status_code == 201
    response = api.post(
        bookings_of(room),
        body(monday, "14:00", "16:00"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k-1",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "idempotency_key_reused"
    assert error["fields"]["Idempotency-Key"] == [
        "This Idempotency-Key was already used for another request. Send a new key with a new request."
    ]
    assert Booking.objects.count() == 1


def test_a_key_is_the_patrons_own_and_a_refused_request_keeps_no_key(room, monday, patron, patron2):
    refused = client_of(patron).post(
        bookings_of(room), body(monday, people=999), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert refused.status_code == 400
    assert not BookingRequestKey.objects.exists()
    assert (
        client_of(patron).post(bookings_of(room), body(monday), format="json", HTTP_IDEMPOTENCY_KEY="k-1").status_code
        == 201
    )
    other = client_of(patron2).post(
        bookings_of(room), body(monday, "14:00", "16:00"), format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert other.status_code == 201
    assert Booking.objects.count() == 2


@pytest.mark.parametrize("key", ["x" * 81, "two\nlines"])
def test_a_bad_idempotency_key_answers_400_naming_the_header(api, room, monday, key):
    response = api.post(bookings_of(room), body(monday), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert not Booking.objects.exists()
