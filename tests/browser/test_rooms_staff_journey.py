"""Room booking's staff side in the browser: in Finnish a patron requests the Tilžės g. 12 hall for two hours with
equipment (40,00 €) and sees it on My account, a librarian approves it with the list's one-click button, the
patron's approval mail carries the .ics and the patron cancels. The other controls of the staff are clicked too, and
their effect checked in the database: Decline (a reason asked for), the price set by staff, the booking form for
someone (a weekly series that reports the date it skips), the calendar's navigation. Every page passes axe-core in
Lithuanian, English, Bulgarian and Finnish, the back office's included."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from library_portal.languages import LANGS
from library_portal.models import User
from rooms.models import Booking, BookingSeries, Room, Status
from rooms.selectors import zone
from rooms.services import booking_approve, booking_request
from services.models import Event
from tests.browser.conftest import assert_accessible
from tests.browser.test_admin_buttons import assert_no_nested_form, staff_log_in
from tests.browser.test_rooms_journey import (
    choose_two_hours_with_equipment,
    label,
    log_in,
    rooms_demo,  # noqa: F401 - the fixture
)

pytestmark = pytest.mark.browser
LIST = "/admin/rooms/booking/"


@pytest.fixture
def staff_in(rooms_demo):  # noqa: F811 - the fixture imported above
    """The demo's librarian and manager in their groups (an earlier transactional test's flush may have emptied
    them), speaking the language a test asks for; the manager also sees the e-service statistics."""

    def speaking(lang: str) -> dict[str, User]:
        users = {}
        for role in ("librarian", "manager"):
            user = User.objects.get(email=f"{role}@example.org")
            user.groups.add(Group.objects.get(name=role.capitalize()))
            user.preferred_language = lang
            user.save(update_fields=["preferred_language"])
            users[role] = user
        users["manager"].user_permissions.add(
            *Permission.objects.filter(content_type__app_label="services", codename="view_statistics")
        )
        return users

    return speaking


def next_weekday(weekday: int, weeks_ahead: int = 1) -> dt.date:
    today = timezone.now().astimezone(zone()).date()
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)


def at(day: dt.date, clock: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.fromisoformat(clock), tzinfo=zone())


def request_for(room: Room, email: str, day: dt.date, start: str, end: str) -> Booking:
    user = User.objects.get(email=email)
    return booking_request(
        room=room,
        start=at(day, start),
        end=at(day, end),
        with_equipment=False,
        purpose="Knygų klubas",
        people=10,
        phone="+370 441 12345",
        user=user,
        actor=user,
    )


def mails_to(email: str) -> list[dict]:
    rows = DBTaskResult.objects.filter(task_path__endswith="send_mail_task").order_by("enqueued_at")
    return [row.args_kwargs["kwargs"] for row in rows if row.args_kwargs["kwargs"]["to"] == [email]]


def test_a_librarian_approves_a_finnish_patron_s_request_in_one_click_and_the_patron_gets_the_ics_and_cancels(
    page,
    browser,
    live_server,
    rooms_demo,  # noqa: F811 - the fixture imported above
    staff_in,
    settings,
):
    base = live_server.url
    staff_in("fi")
    log_in(page, base, "fi", settings.DEMO_PASSWORD, "/fi/rooms/")
    page.get_by_role("link", name=rooms_demo.name_fi).click()
    choose_two_hours_with_equipment(page, "fi")
    expect(page.locator("#quote-total")).to_contain_text(re.compile(r"40,00\s€"))
    page.get_by_label(label("Purpose", "fi")).fill("Kirjanjulkistus")
    page.get_by_label(label("Expected number of people", "fi")).fill("45")
    page.get_by_label(label("Contact phone", "fi")).fill("+370 441 12345")
    page.get_by_role("button", name=label("Send the request", "fi")).click()
    expect(page).to_have_url(re.compile(r"/fi/account/profile/#hub-rooms$"))
    hub = page.locator("section").filter(has=page.locator("#hub-rooms"))
    with translation.override("fi"):
        expect(hub).to_contain_text(pgettext("booking status", "Requested"))
    booking = Booking.objects.get()
    assert (booking.status, booking.total) == (Status.REQUESTED, Decimal("40.00"))
    assert not [m for m in mails_to("patron@example.org") if m.get("attachments")]  # a request has no .ics

    # The librarian, in a browser of their own, approves it from the list of requests waiting for approval.
    librarian_context = browser.new_context(viewport={"width": 1280, "height": 900})
    staff = librarian_context.new_page()
    staff_log_in(staff, base, "librarian@example.org", f"{LIST}?pending=yes")
    assert_no_nested_form(staff)
    assert_accessible(staff)
    approve = staff.locator(f'button[formaction$="/{booking.pk}/move/approved/"]')
    row = staff.locator("#result_list tbody tr").filter(has=approve)
    expect(row).to_contain_text(re.compile(r"40,00\s€"))
    approve.click()
    expect(staff.locator(".messagelist .success")).to_be_visible()
    expect(staff).to_have_url(re.compile(r"\?pending=yes$"))
    assert_accessible(staff)
    booking.refresh_from_db()
    assert booking.status == Status.APPROVED
    assert booking.history.last().actor.email == "librarian@example.org"
    (approval,) = [m for m in mails_to("patron@example.org") if m.get("attachments")]
    ((name, ics, mimetype),) = approval["attachments"]
    assert (name, mimetype) == (f"room-booking-{booking.pk}.ics", "text/calendar")
    assert "BEGIN:VEVENT" in ics
    language = booking.user.language  # the patron's mails are in their account's language
    with translation.override(language):
        name = Room.objects.get(pk=rooms_demo.pk).name
        assert gettext("Your booking of “%(room)s” is approved") % {"room": name} == approval["subject"]

    # The booking's page, its receipt and the day's calendar, as the librarian sees them.
    response = staff.goto(f"{base}{LIST}{booking.pk}/change/")
    assert_no_nested_form(staff, response)
    assert_accessible(staff)
    receipt = staff.request.get(f"{base}/fi/rooms/bookings/{booking.pk}/receipt.pdf")  # with the staff's cookies
    assert receipt.headers["content-type"] == "application/pdf"
    staff.get_by_role("link", name=label("Calendar of the day", "fi")).click()
    expect(staff.locator(".calendar-entry").filter(has_text="patron")).to_have_count(0)  # names, not e-mails
    expect(staff.locator("table.room-calendar")).to_contain_text(booking.user.get_full_name())
    assert_accessible(staff)
    librarian_context.close()

    # The patron cancels the approved booking from My account.
    page.goto(f"{base}/fi/account/profile/")  # a new load: the same URL with its fragment would not reload
    hub = page.locator("section").filter(has=page.locator("#hub-rooms"))
    with translation.override("fi"):
        expect(hub).to_contain_text(pgettext("booking status", "Approved"))
    hub.get_by_role("link", name=re.compile(label("Cancel my booking", "fi"))).click()
    page.get_by_role("button", name=label("Yes, cancel my booking", "fi")).click()
    expect(page.locator("p[role=status]")).to_be_visible()
    assert_accessible(page)
    assert Booking.objects.get().status == Status.CANCELLED_BY_PATRON


def test_a_librarian_declines_with_a_reason_sets_a_price_and_books_a_weekly_series_for_a_patron(
    page,
    live_server,
    rooms_demo,  # noqa: F811 - the fixture imported above
    staff_in,
):
    base = live_server.url
    staff_in("lt")
    monday = next_weekday(0)
    declined = request_for(rooms_demo, "patron2@example.org", monday, "10:00", "12:00")
    priced = request_for(rooms_demo, "patron@example.org", monday, "14:00", "16:00")
    booking_approve(booking=priced, actor=None)
    staff_log_in(page, base, "librarian@example.org", f"{LIST}{declined.pk}/change/")

    # Decline without a reason: refused beside the reason, nothing changes; with a reason, declined.
    decline = page.locator(f'#booking-moves button[formaction$="/{declined.pk}/move/declined/"]')
    decline.click()
    expect(page.locator("#booking-handle .errorlist")).to_be_visible()
    assert_accessible(page)
    declined.refresh_from_db()
    assert declined.status == Status.REQUESTED
    page.locator("#id_handle-reason").fill("Salėje tą dieną remontas")
    page.locator(f'#booking-moves button[formaction$="/{declined.pk}/move/declined/"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    declined.refresh_from_db()
    assert (declined.status, declined.reason) == (Status.DECLINED, "Salėje tą dieną remontas")

    # The price set by staff: free of charge for a partner's training.
    page.goto(f"{base}{LIST}{priced.pk}/change/")
    page.locator("#id_price-amount").fill("0,00")
    page.locator("#id_price-reason").fill("Partnerio mokymai")
    page.get_by_role("button", name=label("Set the price", "lt")).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#booking-handle")).to_contain_text("Partnerio mokymai")
    priced.refresh_from_db()
    assert (priced.price_override, priced.price_override_reason) == (Decimal("0.00"), "Partnerio mokymai")
    assert priced.price_override_by.email == "librarian@example.org"

    # A weekly series for a patron who phoned: three Tuesdays, the second one already taken.
    tuesday = next_weekday(1)
    request_for(rooms_demo, "patron2@example.org", tuesday + dt.timedelta(weeks=1), "15:00", "16:00")
    response = page.goto(f"{base}{LIST}enter/")
    assert_no_nested_form(page, response)
    expect(page.locator("#id_user + .select2 .select2-selection")).to_have_attribute("aria-label", re.compile(r"\S"))
    assert_accessible(page)
    page.locator("#id_room").select_option(str(rooms_demo.pk))
    page.locator("#id_kind_0").check()
    page.locator("#id_user + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("000101")  # the library card number
    page.locator(".select2-results__option", has_text="Ona Petraitienė").click()
    page.locator("#id_phone").fill("+370 441 12345")
    page.locator("#id_date").fill(tuesday.isoformat())
    page.locator("#id_start_time").fill("15:00")
    page.locator("#id_end_time").fill("17:00")
    page.locator("#id_purpose").fill("Kalbų klubas")
    page.locator("#id_people").fill("12")
    page.locator("#id_repeat_until").fill((tuesday + dt.timedelta(weeks=2)).isoformat())
    page.locator("input[type=submit]").click()
    expect(page.locator("#series-result")).to_be_visible()
    expect(page.locator("#series-result .errorlist li")).to_have_count(1)
    assert_accessible(page)
    series = BookingSeries.objects.get()
    assert (series.user.email, series.created_by.email) == ("patron@example.org", "librarian@example.org")
    assert [b.start for b in series.bookings.order_by("start")] == [
        at(tuesday, "15:00"),
        at(tuesday + dt.timedelta(weeks=2), "15:00"),
    ]
    assert series.skipped == [{"date": (tuesday + dt.timedelta(weeks=1)).isoformat(), "code": "slot_taken"}]
    page.get_by_role("link", name=label("The series", "lt")).click()
    assert_accessible(page)

    # The calendar's controls: the next week shows the series' second date booked.
    page.goto(f"{base}/lt/staff/rooms/calendar/{rooms_demo.branch.slug}/?date={tuesday.isoformat()}&view=week")
    page.get_by_role("link", name=label("Next week", "lt")).click()
    expect(page).to_have_url(re.compile(rf"date={(tuesday + dt.timedelta(weeks=1)).isoformat()}"))
    expect(page.locator("table.room-calendar")).to_contain_text("15:00–16:00")
    expect(page.locator("[data-print]")).to_be_visible()  # shown by print.js
    assert_accessible(page)


def test_every_staff_page_of_room_booking_passes_axe_in_each_language(
    page,
    live_server,
    rooms_demo,  # noqa: F811 - the fixture imported above
    staff_in,
):
    """One test for the four languages, so that the demo loads once."""
    base = live_server.url
    users = staff_in(LANGS[0])
    # The same bookings and event serve every language: made once (a second pair would clash with the first).
    monday = next_weekday(0)
    pending = request_for(rooms_demo, "patron@example.org", monday, "10:00", "12:00")
    approved = request_for(rooms_demo, "patron2@example.org", monday, "14:00", "16:00")
    booking_approve(booking=approved, actor=users["librarian"])
    event = Event.objects.create(
        title="Mokymai",
        branch=rooms_demo.branch,
        starts_at=at(monday, "17:00"),
        ends_at=at(monday, "18:00"),
        capacity=5,
    )
    admin_pages = [
        f"{LIST}?pending=yes",
        f"{LIST}{pending.pk}/change/",
        f"{LIST}{approved.pk}/change/",
        f"{LIST}enter/",
        "/admin/rooms/bookingseries/",
        f"/admin/services/event/{event.pk}/change/",
    ]
    # The back office reads the staff member's language from the row on every request: each logs in once, and
    # staff_in(lang) switches both between the languages.
    staff_log_in(page, base, "librarian@example.org", LIST)
    for lang in LANGS:
        staff_in(lang)
        calendar = f"/{lang}/staff/rooms/calendar/{rooms_demo.branch.slug}/?date={monday.isoformat()}"
        walk_the_staff_pages(page, base, lang, [*admin_pages, f"{calendar}&view=week", f"{calendar}&view=day"])
    page.context.clear_cookies()
    staff_log_in(page, base, "manager@example.org", f"/{LANGS[0]}/staff/rooms/statistics/")
    for lang in LANGS:
        staff_in(lang)
        page.goto(f"{base}/{lang}/staff/rooms/statistics/")
        expect(page.locator("svg").first).to_be_visible()
        assert_accessible(page)


def walk_the_staff_pages(page, base: str, lang: str, pages: list[str]) -> None:
    for path in pages:
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert_no_nested_form(page, response)
        assert_accessible(page)
    # A refused staff booking (nothing saved): the errors beside their fields.
    page.goto(f"{base}{LIST}enter/")
    page.locator("input[type=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
