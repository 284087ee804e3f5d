"""The portal on a phone: every public page reflows at 320 CSS pixels (WCAG 1.4.10: the page never scrolls
sideways) and passes axe; the header with the closed menu takes at most a quarter of a 360 x 640 screen; the menu
button opens the menu, with JavaScript and without it, and marks the current section."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from ill.models import IllRequest
from library_portal.demo import demo_load_eservices, demo_load_feedback, demo_load_ill
from services.models import Branch, Event
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
SMALL_PHONE_SCREEN = {"width": 360, "height": 640}
# A quarter of the first screen of a 360 x 640 phone.
HEADER_MAX_HEIGHT = 160


@pytest.fixture
def everything_demo(demo):
    """The demo library with interlibrary-loan requests of the demo patron, e-services and events, the survey and
    published answers to feedback: every public page has its content."""
    demo_load_ill(with_requests=True)
    demo_load_eservices()
    demo_load_feedback()


def url(name: str, lang: str, *args) -> str:
    with translation.override(lang):
        return reverse(name, args=args)


def label(text: str, lang: str) -> str:
    with translation.override(lang):
        return gettext(text)


def assert_reflows(page, name: str) -> None:
    """The page is no wider than the window. Measured once the stylesheet has loaded (a click's `expect` may return
    earlier). The context is not a mobile one: a mobile browser zooms out of a page that is too wide, and the window
    would grow with it."""
    page.wait_for_load_state("load")
    scroll_width, window_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= window_width, (
        f"{name} ({page.url}) is {scroll_width} px wide in a {window_width} px wide window: it scrolls sideways"
    )


def log_in(page, base: str, lang: str) -> None:
    page.goto(f"{base}{url('account_login', lang)}")
    page.locator("#id_username").fill("patron@example.org")
    page.locator("#id_password").fill(settings.DEMO_PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(url("account_profile", lang)) + "$"))


def check_header_and_menu_on_a_small_phone(page, lang: str) -> None:
    """At 360 x 640 the closed menu leaves three quarters of the screen to the page; its button opens it."""
    page.set_viewport_size(SMALL_PHONE_SCREEN)
    header = page.locator("header.site-header")
    height = header.bounding_box()["height"]
    assert height <= HEADER_MAX_HEIGHT, f"the header is {height} px high at 360 x 640 in {lang}"
    menu = page.get_by_role("navigation", name=label("Main menu", lang))
    events = menu.get_by_role("link", name=label("Events", lang), exact=True)
    expect(events).to_be_hidden()
    menu.locator("summary").click()
    for name in ("Services", "E-services", "Events", "Prices", "Interlibrary loan", "Feedback", "Surveys"):
        expect(menu.get_by_role("link", name=label(name, lang), exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name=label("Home", lang), exact=True)).to_have_attribute("aria-current", "page")
    assert_reflows(page, "the home page with the menu open")
    assert_accessible(page)
    events.click()
    expect(page).to_have_url(re.compile(re.escape(url("services:event_list", lang)) + "$"))
    menu.locator("summary").click()
    expect(events).to_have_attribute("aria-current", "page")
    expect(menu.locator("[aria-current]")).to_have_count(1)
    page.set_viewport_size(PHONE)


def test_public_pages_reflow_at_320_pixels_and_pass_axe_in_every_language(browser, live_server, everything_demo):
    """One test for the four languages: the demo data loads once (about 15 s), not once per language."""
    for lang in ("lt", "en", "bg", "fi"):
        walk_the_public_pages(browser, live_server, lang)


def walk_the_public_pages(browser, live_server, lang: str) -> None:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    base = live_server.url
    log_in(page, base, lang)
    assert_reflows(page, "My account")
    assert_accessible(page)

    page.goto(f"{base}{url('home', lang)}")
    check_header_and_menu_on_a_small_phone(page, lang)

    branch = Branch.objects.filter(library__is_portal_library=True).order_by("order", "pk").first()
    event = Event.objects.filter(is_cancelled=False, starts_at__gt=timezone.now()).order_by("starts_at").first()
    ill_request = IllRequest.objects.get(idempotency_key="demo-awaiting")
    pages = {
        "the home page": url("home", lang),
        "the services": url("services:service_list", lang),
        "a service": url("services:service_detail", lang, "interlibrary-loan"),
        "a branch": url("services:branch_detail", lang, branch.slug),
        "the price list": url("pricing:current", lang),
        "the interlibrary-loan request form": url("ill:new", lang),
        "an interlibrary-loan request": url("ill:detail", lang, ill_request.pk),
        "the events": url("services:event_list", lang),
        "an event": url("services:event_detail", lang, event.pk),
        "the feedback form": url("feedback:form", lang),
        "the survey": url("feedback:survey", lang, "customer-satisfaction"),
        "You said, we did": url("feedback:answered", lang),
    }
    for name, path in pages.items():
        page.goto(f"{base}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_reflows(page, name)
        assert_accessible(page)

    page.goto(f"{base}{url('pricing:quote', lang)}")
    page.locator("select[name=lines-0-item]").select_option("copy-colour-a3")
    page.locator("input[name=lines-0-quantity]").fill("10")
    page.locator("select[name=lines-1-item]").select_option("bind-a4")
    page.locator("input[name=lines-1-quantity]").fill("1")
    page.locator("input[name=lines-1-pages]").fill("50")
    page.locator("button[name=calculate]").click()
    expect(page.locator(".quote-result .total")).to_be_visible()
    assert_reflows(page, "the price quote")
    assert_accessible(page)
    context.close()


def test_the_menu_opens_without_javascript_and_shows_open_on_a_wide_screen(browser, live_server, everything_demo):
    context = browser.new_context(viewport=SMALL_PHONE_SCREEN, java_script_enabled=False, locale="bg-BG")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}{url('feedback:form', 'bg')}")
    menu = page.get_by_role("navigation", name="Главно меню")
    surveys = menu.get_by_role("link", name="Проучвания", exact=True)
    expect(surveys).to_be_hidden()

    # By keyboard: the skip link first, then the site's name, the four languages and the menu button.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=label("Skip to main content", "bg"))).to_be_focused()
    for _step in range(6):
        page.keyboard.press("Tab")
    expect(menu.locator("summary")).to_be_focused()
    page.keyboard.press("Enter")
    expect(surveys).to_be_visible()
    expect(menu.get_by_role("link", name="Обратна връзка", exact=True)).to_have_attribute("aria-current", "page")

    surveys.click()
    expect(page).to_have_url(re.compile(r"/bg/surveys/$"))
    expect(surveys).to_be_hidden()  # a new page starts with the menu closed
    menu.get_by_text("Меню").click()
    expect(surveys).to_have_attribute("aria-current", "page")
    menu.get_by_text("Меню").click()
    expect(surveys).to_be_hidden()

    # A wide screen: no button, the links are there as they always were (the menu is still closed).
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu.locator("summary")).to_be_hidden()
    expect(menu.get_by_role("link", name="Цени", exact=True)).to_be_visible()
    context.close()
