"""Room booking in the browser: in Finnish, a patron finds the events hall at Tilžės g. 12, chooses two hours with
presentation equipment in the week grid (40,00 €), requests it, finds it on My account and cancels it through the
cancel link. Every page of the journey passes axe-core, in Lithuanian, English, Bulgarian and Finnish."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from library_portal.demo import demo_load_rooms
from rooms.links import booking_cancel_token
from rooms.models import Booking, Room, Status
from rooms.selectors import zone
from tests.browser.conftest import assert_accessible
from tests.browser.test_reflow import PHONE, assert_reflows

pytestmark = pytest.mark.browser
HALL = "tilzes-12-sale"


@pytest.fixture
def rooms_demo(demo):
    demo_load_rooms(with_bookings=False)
    return Room.objects.get(slug=HALL)


def label(text: str, lang: str) -> str:
    with translation.override(lang):
        return gettext(text)


def log_in(page, base: str, lang: str, password: str, next_path: str) -> None:
    page.goto(f"{base}/{lang}/account/login/?next={next_path}")
    page.locator("#id_username").fill("patron@example.org")
    page.locator("#id_password").fill(password)
    page.locator("form.stacked-form button[type=submit]").click()


def choose_two_hours_with_equipment(page, lang: str) -> str:
    """The grid's controls: the next week, the first free 10:00, two hours, the equipment, "Show the price".
    Returns the chosen start as the grid sends it."""
    page.get_by_role("link", name=label("Next week", lang)).click()
    expect(page).to_have_url(re.compile(r"\?week="))
    start = page.locator('input[name="start"][value$="T10:00"]').first
    value = start.get_attribute("value")
    start.check()
    page.locator("#slot_duration").select_option("120")
    page.locator("#slot_equipment").check()
    page.get_by_role("button", name=label("Show the price", lang)).click()
    expect(page.locator("#quote-total")).to_be_visible()
    return value


def test_a_patron_books_the_tilzes_12_hall_in_finnish_and_cancels_it_through_the_link(
    page, live_server, rooms_demo, settings
):
    base = live_server.url
    log_in(page, base, "fi", settings.DEMO_PASSWORD, "/fi/rooms/")
    expect(page).to_have_url(re.compile(r"/fi/rooms/$"))
    assert_accessible(page)

    page.get_by_role("link", name=rooms_demo.name_fi).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(rooms_demo.name_fi)
    assert_accessible(page)
    start = choose_two_hours_with_equipment(page, "fi")
    expect(page.locator("#quote-total")).to_contain_text(re.compile(r"2 h × 20,00\s€ = 40,00\s€"))
    expect(page.locator(f'input[type=radio][value="{start}"]')).to_be_checked()  # the choice stays chosen
    assert_accessible(page)
    assert not Booking.objects.exists()  # the price comes before anything is sent

    page.get_by_label(label("Purpose", "fi")).fill("Kirjanjulkistus")
    page.get_by_label(label("Expected number of people", "fi")).fill("45")
    page.get_by_label(label("Contact phone", "fi")).fill("+370 441 12345")
    page.get_by_role("button", name=label("Send the request", "fi")).click()
    expect(page).to_have_url(re.compile(r"/fi/account/profile/#hub-rooms$"))
    hub = page.locator("section").filter(has=page.locator("#hub-rooms"))
    expect(hub).to_contain_text(rooms_demo.name_fi)
    with translation.override("fi"):
        expect(hub).to_contain_text(pgettext("booking status", "Requested"))
    expect(hub).to_contain_text(re.compile(r"40,00\s€"))
    assert_accessible(page)
    booking = Booking.objects.get()
    assert (booking.user.email, booking.status, booking.with_equipment) == (
        "patron@example.org",
        Status.REQUESTED,
        True,
    )
    assert (booking.hours, booking.total) == (Decimal("2.00"), Decimal("40.00"))
    assert f"{timezone.localtime(booking.start, zone()):%Y-%m-%dT%H:%M}" == start

    hub.get_by_role("link", name=re.compile(label("Cancel my booking", "fi"))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label("Cancel this room booking?", "fi"))
    assert_accessible(page)
    assert Booking.objects.get().status == Status.REQUESTED  # opening the link asks; it does not cancel
    page.get_by_role("button", name=label("Yes, cancel my booking", "fi")).click()
    expect(page.locator("p[role=status]")).to_be_visible()
    assert_accessible(page)
    assert Booking.objects.get().status == Status.CANCELLED_BY_PATRON


def test_every_page_of_the_journey_passes_axe_in_each_language(page, live_server, rooms_demo, settings):
    """One test for Lithuanian, English and Bulgarian (the journey above is in Finnish), so that the demo loads
    once."""
    for lang in ("lt", "en", "bg"):
        walk_the_journey(page, live_server.url, rooms_demo, lang, settings.DEMO_PASSWORD)


def walk_the_journey(page, base: str, room: Room, lang: str, password: str) -> None:
    # Each language logs in afresh. Its request holds its own day: the grid offers the first 10:00 still free, and
    # the three requests stay within the demo's three pending bookings per person.
    page.context.clear_cookies()
    before = list(Booking.objects.values_list("pk", flat=True))
    log_in(page, base, lang, password, f"/{lang}/rooms/")
    expect(page).to_have_url(re.compile(rf"/{lang}/rooms/$"))
    assert_accessible(page)
    page.get_by_role("link", name=getattr(room, f"name_{lang}")).click()
    assert_accessible(page)
    choose_two_hours_with_equipment(page, lang)
    assert_accessible(page)
    # A request with an error: the summary and the message next to the field, everything else kept.
    page.get_by_label(label("Purpose", lang)).fill("Susitikimas")
    page.get_by_label(label("Contact phone", lang)).fill("+370 441 12345")
    page.get_by_label(label("Expected number of people", lang)).fill("400")
    page.get_by_role("button", name=label("Send the request", lang)).click()
    expect(page.locator("#id_people_error")).to_be_visible()
    expect(page.get_by_label(label("Purpose", lang))).to_have_value("Susitikimas")
    assert_accessible(page)
    page.get_by_label(label("Expected number of people", lang)).fill("40")
    page.get_by_role("button", name=label("Send the request", lang)).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/account/profile/#hub-rooms$"))
    assert_accessible(page)
    page.goto(f"{base}/{lang}/rooms/cancel/{booking_cancel_token(Booking.objects.exclude(pk__in=before).get())}/")
    assert_accessible(page)
    page.goto(f"{base}/{lang}/rooms/cancel/forged/")
    assert_accessible(page)


def test_the_rooms_pages_reflow_on_a_phone_with_the_grid_scrolling_in_its_own_box(browser, live_server, rooms_demo):
    """At 320 CSS pixels the page never scrolls sideways (WCAG 1.4.10): the week grid, a table of two dimensions,
    scrolls inside its own focusable region."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in ("/lt/rooms/", f"/fi/rooms/{HALL}/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_reflows(page, path)
        assert_accessible(page)
    region = page.get_by_role("region", name=re.compile(label("Week of %(first)s to %(last)s", "fi")[:5]))
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
    context.close()
