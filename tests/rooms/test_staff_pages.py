"""The staff's room pages: the branch calendar (who booked, buffers, blackouts, printable), the room statistics with
their numbers and exports, and the receipt PDF in the customer's language."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from rooms.models import Booking, Status
from rooms.services import booking_approve, booking_request, room_blackout_add
from rooms.staff import booking_price_override, room_internal_book
from rooms.statistics import room_statistics
from services.models import HoursKind, OpeningException
from tests.factories import OpeningHoursFactory, RoomFactory, UserFactory
from tests.rooms.conftest import at, request_kwargs


def calendar_url(room, day: dt.date, view: str = "week") -> str:
    return f"/lt/staff/rooms/calendar/{room.branch.slug}/?date={day.isoformat()}&view={view}"


# The calendar -------------------------------------------------------------------------------------


def test_the_calendar_shows_who_booked_the_buffers_and_a_blackout(client, librarian, room, monday, patron):
    room.buffer_before_minutes = 30
    room.buffer_after_minutes = 15
    room.save()
    patron.first_name, patron.last_name = "Ona", "Onaitė"
    patron.save()
    booking_request(
        **request_kwargs(room, monday, organisation_name="Knygų klubas", organisation_code="123"),
        user=patron,
        actor=patron,
    )
    room_blackout_add(room=room, start=at(monday, "15:00"), end=at(monday, "16:00"), note="Remontas", actor=librarian)
    client.force_login(librarian)
    page = client.get(calendar_url(room, monday)).content.decode()
    assert "Knygų klubas (Ona Onaitė)" in page
    assert "09:30–10:00" in page and "12:00–12:15" in page  # setting up and cleaning
    assert "Remontas" in page
    assert "9:00–18:00" in page or "09:00–18:00" in page  # the branch's staffed hours of the day


def test_the_calendar_of_a_day_shows_that_day_only_and_a_holiday_is_marked(client, librarian, room, monday, patron):
    booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    tuesday = monday + dt.timedelta(days=1)
    OpeningException.objects.create(branch=room.branch, date=tuesday, closed=True, reason="Joninės")
    client.force_login(librarian)
    who = patron.get_full_name()
    day = client.get(calendar_url(room, tuesday, "day")).content.decode()
    assert "Joninės" in day and who not in day
    week = client.get(calendar_url(room, tuesday)).content.decode()
    assert "Joninės" in week and who in week


def test_the_calendar_is_for_staff_who_see_bookings_only(client, patron, librarian, manager, room, monday):
    client.force_login(patron)
    assert client.get(calendar_url(room, monday)).status_code == 403
    assert client.get("/lt/staff/rooms/calendar/").status_code == 403
    for user in (librarian, manager):
        client.force_login(user)
        assert client.get(calendar_url(room, monday)).status_code == 200
        assert client.get("/lt/staff/rooms/calendar/")["Location"].endswith(f"/calendar/{room.branch.slug}/")


def test_a_bad_calendar_date_says_so_and_shows_this_week(client, librarian, room):
    client.force_login(librarian)
    response = client.get(f"/lt/staff/rooms/calendar/{room.branch.slug}/?date=2026-13-45&view=year")
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"date", "view"}


def test_the_calendar_makes_the_same_few_queries_however_many_bookings(
    client, librarian, room, monday, django_assert_max_num_queries
):
    other = RoomFactory(branch=room.branch)
    for day in range(5):
        for hall in (room, other):
            someone = UserFactory()
            when = monday + dt.timedelta(days=day)
            booking_request(**request_kwargs(hall, when), user=someone, actor=someone)
    client.force_login(librarian)
    # Ten for the calendar, and the banner's notices (staff's, and the opening exceptions' of today and tomorrow).
    with django_assert_max_num_queries(12):
        assert client.get(calendar_url(room, monday)).status_code == 200


# Statistics ---------------------------------------------------------------------------------------


@pytest.fixture
def month_of_bookings(room, monday, patron, patron2, librarian):
    """In the month of `monday`: an approved 2 h booking at 15 €/h (30 €), one set free by staff, a no-show of
    1 h, 3 h of the library's own use, a request and a declined one (neither counts)."""
    approved = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    booking_approve(booking=approved, actor=librarian)
    free = booking_request(**request_kwargs(room, monday, "13:00", "15:00"), user=patron2, actor=patron2)
    booking_approve(booking=free, actor=librarian)
    booking_price_override(booking=free, amount=Decimal("0"), reason="Partneriai", actor=librarian)
    tuesday = monday + dt.timedelta(days=1)
    missed = booking_request(**request_kwargs(room, tuesday, "10:00", "11:00"), user=patron, actor=patron)
    Booking.objects.filter(pk=missed.pk).update(status=Status.NO_SHOW)
    room_internal_book(room=room, start=at(tuesday, "14:00"), end=at(tuesday, "17:00"), purpose="Posėdis", actor=None)
    booking_request(**request_kwargs(room, tuesday, "12:00", "13:00"), user=patron2, actor=patron2)  # a request
    return monday


def test_the_statistics_count_hours_own_use_revenue_and_no_shows_of_the_month(room, month_of_bookings):
    monday = month_of_bookings
    first = monday.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    report = room_statistics(date_from=first, date_to=last)
    ((month, branch, row),) = report.rows
    assert (month, branch) == (f"{monday:%Y-%m}", room.branch.name)
    assert (row.bookings, row.hours, row.own_hours, row.revenue, row.no_shows) == (
        3,
        Decimal("5.00"),
        Decimal("3.00"),
        Decimal("30.00"),
        1,
    )
    # Monday to Saturday 9:00–18:00, one room: 9 h on each such day of the month.
    workdays = sum(1 for n in range((last - first).days + 1) if (first + dt.timedelta(days=n)).weekday() < 6)
    assert row.opening_hours == Decimal(9 * workdays)
    assert row.share == (Decimal(8) * 100 / Decimal(9 * workdays)).quantize(Decimal("0.1"))
    assert report.total.revenue == Decimal("30.00")


def test_a_holiday_is_left_out_of_the_opening_hours(room, monday):
    OpeningException.objects.create(branch=room.branch, date=monday, closed=True, reason="Šventė")
    with_holiday = room_statistics(date_from=monday, date_to=monday).total.opening_hours
    assert with_holiday == 0
    assert room_statistics(date_from=monday, date_to=monday + dt.timedelta(days=1)).total.opening_hours == 9
    RoomFactory(branch=room.branch)  # a second room of the branch: twice the room-hours
    assert room_statistics(date_from=monday, date_to=monday + dt.timedelta(days=1)).total.opening_hours == 18


def test_the_statistics_page_is_for_managers_and_exports_csv_and_xlsx(
    client, manager, librarian, patron, room, month_of_bookings
):
    monday = month_of_bookings
    query = f"?date_from={monday.replace(day=1)}&date_to={monday + dt.timedelta(days=7)}"
    for user in (librarian, patron):
        client.force_login(user)
        assert client.get(f"/lt/staff/rooms/statistics/{query}").status_code == 403
    client.force_login(manager)
    page = client.get(f"/lt/staff/rooms/statistics/{query}")
    assert page.status_code == 200
    assert "<svg" in page.content.decode() and "30,00" in page.content.decode()
    rows = list(csv.reader(io.StringIO(client.get(f"/lt/staff/rooms/statistics/{query}&export=csv").content.decode())))
    assert [f"{monday:%Y-%m}", room.branch.name, "3", "5.00", "3.00"] == rows[3][:5]
    workbook = load_workbook(io.BytesIO(client.get(f"/lt/staff/rooms/statistics/{query}&export=xlsx").content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[4]][:3] == [f"{monday:%Y-%m}", room.branch.name, 3]


def test_the_statistics_page_refuses_a_period_that_ends_before_it_starts(client, manager):
    client.force_login(manager)
    response = client.get("/lt/staff/rooms/statistics/?date_from=2026-05-01&date_to=2026-04-01")
    assert response.status_code == 400
    assert response.context["form"].errors.get("date_to")


def test_the_statistics_make_the_same_few_queries_however_many_branches(
    client, manager, room, month_of_bookings, django_assert_max_num_queries
):
    for _n in range(3):
        other = RoomFactory()
        OpeningHoursFactory(
            branch=other.branch, kind=HoursKind.STAFFED, weekday=0, opens=dt.time(9), closes=dt.time(17)
        )
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        assert client.get("/lt/staff/rooms/statistics/").status_code == 200


def test_the_e_service_statistics_and_the_room_statistics_link_to_each_other(client, manager):
    client.force_login(manager)
    assert "/lt/staff/rooms/statistics/" in client.get("/lt/staff/e-service-statistics/").content.decode()
    assert "/lt/staff/e-service-statistics/" in client.get("/lt/staff/rooms/statistics/").content.decode()


# The receipt --------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("lt", ["Kvitas", "Iš viso mokėti", "30,00"]),
        ("en", ["Receipt", "Total to pay", "30.00"]),
        ("bg", ["Разписка", "Общо за плащане", "30,00"]),
        ("fi", ["Kuitti", "Maksettavaa yhteensä", "30,00"]),
    ],
)
def test_the_receipt_is_in_the_customer_s_language_with_the_price_and_the_decisions(
    client, room, monday, patron, librarian, language, words
):
    patron.preferred_language = language
    patron.save()
    booking = booking_request(
        **request_kwargs(room, monday, organisation_name="UAB Knyga", organisation_code="300123456"),
        user=patron,
        actor=patron,
    )
    booking_approve(booking=booking, actor=librarian)
    client.force_login(patron)
    response = client.get(f"/lt/rooms/bookings/{booking.pk}/receipt.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    with translation.override(language):
        name = room.name
    for word in [*words, "UAB Knyga", "300123456", "T1-1123", name]:
        assert word in text


def test_the_receipt_shows_the_price_set_by_staff_and_why(client, room, monday, patron, librarian):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    booking_approve(booking=booking, actor=librarian)
    booking_price_override(booking=booking, amount=Decimal("0"), reason="Partnerių mokymai", actor=librarian)
    client.force_login(librarian)
    text = pdf_text(client.get(f"/lt/rooms/bookings/{booking.pk}/receipt.pdf").content)
    assert "Partnerių mokymai" in text and "0,00" in text


def test_the_receipt_is_the_patron_s_own_and_only_once_approved(client, room, monday, patron, patron2, librarian):
    booking = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    url = f"/lt/rooms/bookings/{booking.pk}/receipt.pdf"
    client.force_login(patron)
    assert client.get(url).status_code == 409  # requested: it may not take place
    booking_approve(booking=booking, actor=librarian)
    assert client.get(url).status_code == 200
    client.force_login(patron2)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the log-in page


def test_my_account_links_the_receipt_of_an_approved_booking_only(client, room, monday, patron, librarian):
    requested = booking_request(**request_kwargs(room, monday), user=patron, actor=patron)
    approved = booking_request(**request_kwargs(room, monday, "14:00", "16:00"), user=patron, actor=patron)
    booking_approve(booking=approved, actor=librarian)
    client.force_login(patron)
    page = client.get("/lt/account/profile/").content.decode()
    assert f"/lt/rooms/bookings/{approved.pk}/receipt.pdf" in page
    assert f"/lt/rooms/bookings/{requested.pk}/receipt.pdf" not in page
