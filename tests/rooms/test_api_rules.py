"""The room booking API refuses each broken rule with 400 (or 409), the field at fault and the message in the
reader's language, and makes nothing; a patron's own bookings, listed and cancelled, and nobody else's."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation
from django.utils.translation import ngettext
from rest_framework.test import APIClient

from library_portal.env import Rate
from rooms.models import Booking, Status
from tests.factories import OpeningExceptionFactory
from tests.rooms.test_api import BOOKINGS, body, book, bookings_of, client_of


@pytest.fixture
def api(patron):
    return client_of(patron)


def far_day(monday: dt.date) -> dt.date:
    return monday + dt.timedelta(days=7 * 20)


# Every rule, the field it names and the code -------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"start": "{monday}T10:15"}, "start", "off_grid"),
        ({"end": "{monday}T09:00"}, "end", "end_before_start"),
        ({"end": "{monday}T10:30"}, "end", "too_short"),
        ({"end": "{monday}T16:00"}, "end", "too_long"),
        ({"start": "{monday}T07:00", "end": "{monday}T09:00"}, "start", "outside_hours"),
        ({"start": "{monday}T17:00", "end": "{monday}T19:00"}, "end", "outside_hours"),
        ({"start": "{sunday}T10:00", "end": "{sunday}T12:00"}, "start", "closed_day"),
        ({"start": "{holiday}T10:00", "end": "{holiday}T12:00"}, "start", "closed_day"),
        ({"start": "{past}T10:00", "end": "{past}T12:00"}, "start", "in_past"),
        ({"start": "{tomorrow}T10:00", "end": "{tomorrow}T12:00"}, "start", "too_soon"),
        ({"start": "{far}T10:00", "end": "{far}T12:00"}, "start", "too_far"),
        ({"people": 41}, "people", "too_many_people"),
        ({"people": 0}, "people", "people_required"),
        ({"phone": "call me"}, "phone", "phone_invalid"),
        ({"purpose": " "}, "purpose", "purpose_required"),
        ({"organisation_name": "Šilutės bendruomenė"}, "organisation_code", "organisation_details"),
        ({"organisation_code": "300123456"}, "organisation_name", "organisation_details"),
    ],
)
def test_each_broken_rule_answers_400_naming_the_field_in_finnish(api, room, monday, changes, field, code):
    # A Tuesday is the holiday: Mondays to Saturdays are staffed 9–18 in this room's branch.
    holiday = monday + dt.timedelta(days=1)
    OpeningExceptionFactory(branch=room.branch, date=holiday, reason="Joninės")
    today = timezone.localdate()
    days = {
        "monday": monday,
        "sunday": monday - dt.timedelta(days=1),
        "holiday": holiday,
        "past": today - dt.timedelta(days=today.weekday() + 7),
        "tomorrow": today + dt.timedelta(days=1 if today.weekday() != 5 else 2),
        "far": far_day(monday),
    }
    changed = {name: value.format(**days) if isinstance(value, str) else value for name, value in changes.items()}
    response = api.post(bookings_of(room), body(monday) | changed, format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == (code, [field])
    assert error["fields"][field] == [error["message"]]
    assert not Booking.objects.exists()


def test_a_rules_message_is_in_the_language_asked_for(api, room, monday):
    """The lead time's message, compared with the catalogue's own wording in each language."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1 if timezone.localdate().weekday() != 5 else 2)
    messages = {}
    for language in ("lt", "en", "bg", "fi"):
        response = api.post(
            f"{bookings_of(room)}?lang={language}", body(tomorrow), format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        messages[language] = response.json()["error"]["message"]
    assert messages["en"] == "Book at least 24 hours ahead."
    for language, message in messages.items():
        with translation.override(language):
            expected = ngettext("Book at least %(hours)d hour ahead.", "Book at least %(hours)d hours ahead.", 24)
            assert message == expected % {"hours": 24}, language


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": "next monday"}, "start"),
        ({"start": "2026-13-01T10:00"}, "start"),
        ({"people": "20"}, "people"),
        ({"with_equipment": "yes"}, "with_equipment"),
        ({"purpose": "x" * 301}, "purpose"),
        ({"phone": None}, "phone"),
        ({"end": None}, "end"),
    ],
)
def test_a_value_of_the_wrong_shape_answers_400_naming_the_field(api, room, monday, changes, field):
    response = api.post(bookings_of(room), body(monday) | changes, format="json", HTTP_ACCEPT_LANGUAGE="lt")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Booking.objects.exists()


def test_a_badly_written_time_is_explained_in_finnish(api, room, monday):
    response = api.post(bookings_of(room), body(monday, start="kymmeneltä"), format="json", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.json()["error"]["fields"]["start"] == [
        "Anna päivä ja kellonaika muodossa 2026-06-22T10:00 (kirjaston paikallista aikaa) tai aikavyöhykkeen "
        "kanssa, 2026-06-22T10:00:00+03:00."
    ]


def test_a_room_not_bookable_online_is_refused(api, room, monday):
    room.bookable_online = False
    room.save()
    response = api.post(bookings_of(room), body(monday), format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "not_bookable_online")
    assert not Booking.objects.exists()


def test_too_many_pending_bookings_of_a_room_are_refused(api, room, monday, patron):
    room.max_active_per_person = 1
    room.save()
    assert api.post(bookings_of(room), body(monday), format="json").status_code == 201
    response = api.post(bookings_of(room), body(monday, "14:00", "16:00"), format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (400, "too_many_pending")
    assert Booking.objects.count() == 1


def test_an_unknown_room_answers_404(api, db, monday):
    response = api.post("/api/v1/rooms/no-such-room/bookings/", body(monday), format="json")
    assert response.status_code == 404


def test_requests_over_the_limit_answer_429(api, room, monday, settings):
    settings.THROTTLES = {**settings.THROTTLES, "room-booking": Rate(1, 3600)}
    assert api.post(bookings_of(room), body(monday, people=999), format="json").status_code == 400
    response = api.post(bookings_of(room), body(monday), format="json")
    assert (response.status_code, response.json()["error"]["code"]) == (429, "throttled")
    assert "Retry-After" in response
    assert not Booking.objects.exists()


# The patron's own bookings ----------------------------------------------------------------------


def test_the_list_holds_only_the_patrons_own_bookings_latest_first(api, room, monday, patron, patron2):
    early = book(room, monday, patron, start="09:00", end="10:00")
    late = book(room, monday, patron, start="14:00", end="15:00")
    book(room, monday, patron2, start="16:00", end="17:00")
    data = api.get(BOOKINGS).json()
    assert data["count"] == 2
    assert [b["id"] for b in data["results"]] == [late.pk, early.pk]


def test_the_list_costs_the_same_queries_for_many_bookings(api, room, monday, patron, django_assert_max_num_queries):
    room.max_active_per_person = 20
    room.save()
    for week in range(6):
        day = monday + dt.timedelta(days=7 * week)
        for hour in (9, 12, 15):
            book(room, day, patron, start=f"{hour:02d}:00", end=f"{hour + 1:02d}:00")
    with django_assert_max_num_queries(4):
        response = api.get(f"{BOOKINGS}?limit=20")
    assert (response.json()["count"], len(response.json()["results"])) == (18, 18)


def test_a_patron_cancels_their_booking_before_the_cut_off(api, room, monday, patron):
    booking = book(room, monday, patron)
    response = api.post(f"{BOOKINGS}{booking.pk}/cancel/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["can_cancel"]) == (Status.CANCELLED_BY_PATRON, False)
    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED_BY_PATRON
    assert booking.history.last().actor == patron


def test_another_patrons_booking_answers_404_and_stays(api, room, monday, patron2):
    other = book(room, monday, patron2)
    response = api.post(f"{BOOKINGS}{other.pk}/cancel/")
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    other.refresh_from_db()
    assert other.status == Status.REQUESTED


def test_after_the_cut_off_only_the_library_cancels(api, room, monday, patron):
    booking = book(room, monday, patron)
    with time_machine.travel(booking.start - dt.timedelta(hours=23), tick=False):
        response = api.post(f"{BOOKINGS}{booking.pk}/cancel/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "too_late"
    assert error["message"].startswith("A booking can be cancelled here only until 24 hours before it starts.")
    booking.refresh_from_db()
    assert booking.status == Status.REQUESTED


def test_a_booking_already_cancelled_answers_409(api, room, monday, patron):
    booking = book(room, monday, patron)
    assert api.post(f"{BOOKINGS}{booking.pk}/cancel/").status_code == 200
    response = api.post(f"{BOOKINGS}{booking.pk}/cancel/")
    assert (response.status_code, response.json()["error"]["code"]) == (409, "illegal_move")


def test_the_schema_documents_the_room_endpoints(client, db):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    create = paths["/api/v1/rooms/{slug}/bookings/"]["post"]
    assert {"200", "201", "400", "401", "404", "409", "422", "429"} <= set(create["responses"])
    assert "Idempotency-Key" in [parameter["name"] for parameter in create["parameters"]]
    availability = paths["/api/v1/rooms/{slug}/availability/"]["get"]
    assert {"from", "to"} <= {parameter["name"] for parameter in availability["parameters"]}
    for path in ("/api/v1/rooms/", "/api/v1/bookings/"):
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert ok.rsplit("/", 1)[-1].startswith("Paginated")
    assert "409" in paths["/api/v1/bookings/{id}/cancel/"]["post"]["responses"]
    assert "401" in paths["/api/v1/bookings/"]["get"]["responses"]
    assert APIClient().get("/api/v1/bookings/").status_code == 401
