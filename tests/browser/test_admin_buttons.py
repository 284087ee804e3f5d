"""The back office's own buttons do what they say when clicked in a real browser, and no admin page we
customise puts a form inside another form (a browser drops the inner one, so its button does nothing)."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Feedback, FeedbackStatus
from ill.models import IllRequest, IsoMessage, Message, Status
from library_portal.demo import demo_accounts_create
from library_portal.languages import LANGS
from library_portal.models import User
from pricing.models import PriceList
from services.models import Branch
from tests.browser.conftest import assert_accessible
from tests.browser.test_ill_journey import demo_patrons_loan, ill_demo  # noqa: F401 - the fixture
from tests.factories import FeedbackFactory

pytestmark = pytest.mark.browser


class _FormDepth(HTMLParser):
    """The deepest nesting of <form> elements in a page, read from the HTML as the server sent it."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def assert_no_nested_form(page, response=None) -> None:
    """The page's HTML as the server sent it: the `response` of the navigation when the caller has it (the live
    server then renders the page once, not twice), else the page's address asked for again."""
    parser = _FormDepth()
    parser.feed(response.text() if response is not None else page.request.get(page.url).text())
    assert parser.deepest == 1, f"a form sits inside another form on {page.url}"


def staff_log_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/admin/login/?next={next_path}")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(settings.DEMO_PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(next_path) + "$"))


@pytest.fixture
def staff(demo):
    """The manager with the price-list rights of the data migration again: an earlier transactional test's
    flush emptied the groups, and the demo accounts then joined none (as `ill_demo` does for the librarian)."""
    manager, _created = Group.objects.get_or_create(name="Manager")
    manager.permissions.add(*Permission.objects.filter(content_type__app_label="pricing"))
    demo_accounts_create()


def test_a_manager_copies_the_price_list_into_a_draft_and_archives_it(page, live_server, staff):
    current = PriceList.objects.get(status=PriceList.Status.PUBLISHED)
    staff_log_in(page, live_server.url, "manager@example.org", f"/admin/pricing/pricelist/{current.pk}/change/")
    assert_no_nested_form(page)
    assert_accessible(page)
    page.get_by_role("button", name="Kopijuoti į naują juodraštį").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    draft = PriceList.objects.get(status=PriceList.Status.DRAFT)
    assert draft.items.count() == current.items.count()
    assert page.url.endswith(f"/admin/pricing/pricelist/{draft.pk}/change/")
    assert_no_nested_form(page)
    assert_accessible(page)  # the draft's change page, with its editable items
    page.get_by_role("button", name="Archyvuoti šį juodraštį").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == PriceList.Status.ARCHIVED


def test_a_librarian_writes_to_the_patron_and_sends_an_iso_message_from_the_request_page(
    page,
    live_server,
    ill_demo,  # noqa: F811 - the fixture imported above
):
    ill_request = IllRequest.objects.filter(partner__isnull=False).order_by("pk").first()
    staff_log_in(page, live_server.url, "librarian@example.org", f"/admin/ill/illrequest/{ill_request.pk}/change/")
    assert_no_nested_form(page)
    assert_accessible(page)
    page.locator("#id_staff_message").fill("Knyga jau pakeliui.")
    page.get_by_role("button", name="Siųsti žinutę").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    message = Message.objects.get(request=ill_request, body="Knyga jau pakeliui.")
    assert message.from_staff
    sent = IsoMessage.objects.filter(request=ill_request, direction=IsoMessage.Direction.SENT)
    sent_before = sent.count()
    page.locator("#ill-moves").get_by_role("button", name="Pranešti skolinančiai bibliotekai, kad gavome").click()
    expect(page.locator(".messagelist li").first).to_be_visible()
    assert (
        IsoMessage.objects.filter(request=ill_request, direction=IsoMessage.Direction.SENT).count() == sent_before + 1
    )


def test_a_librarian_starts_the_day_on_today_and_moves_a_new_request_in_one_click(
    page,
    live_server,
    ill_demo,  # noqa: F811 - the fixture imported above
):
    """One test for the four languages, so that the demo loads once. The librarian logs in once: the back office
    reads her language from her row on every request."""
    staff_log_in(page, live_server.url, "librarian@example.org", "/admin/")
    for lang in LANGS:
        _start_the_day_and_move_a_new_request(page, live_server.url, lang)


def _start_the_day_and_move_a_new_request(page, base: str, lang: str) -> None:
    """Today → "new requests" → the request → one click on "More information needed" with a note beside it: the
    request moves, its history names the librarian, and every page passes axe, in the language given."""
    User.objects.filter(email="librarian@example.org").update(preferred_language=lang)  # the back office's language
    # The demo has one new request, and each language moves one on: each submits a new one of its own.
    branch = Branch.objects.filter(library__is_portal_library=True).order_by("order", "pk").first()
    demo_patrons_loan(f"Pamario kraštas ({lang})", branch)
    response = page.goto(f"{base}/admin/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    today = page.locator("#today")
    expect(today).to_be_visible()
    assert_no_nested_form(page, response)
    assert_accessible(page)
    waiting = IllRequest.objects.filter(status=Status.SUBMITTED).count()
    first_row = today.locator("tbody tr").first
    expect(first_row.locator(".today-count")).to_have_text(str(waiting))
    first_row.get_by_role("link").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(waiting)
    assert_accessible(page)
    page.locator("#result_list tbody tr th a").first.click()
    expect(page).to_have_url(re.compile(r"/illrequest/\d+/change/"))
    ill_request = IllRequest.objects.get(pk=int(re.search(r"/illrequest/(\d+)/change/", page.url).group(1)))
    assert ill_request.status == Status.SUBMITTED
    assert_no_nested_form(page)
    assert_accessible(page)
    page.locator("#id_move-note").fill("Nurodykite leidimo metus.")
    page.locator(f"#ill-moves button[formaction$='/move/{Status.NEEDS_INFO}/']").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    ill_request.refresh_from_db()
    assert ill_request.status == Status.NEEDS_INFO
    change = ill_request.history.latest("created_at")
    assert (change.note, change.actor.email) == ("Nurodykite leidimo metus.", "librarian@example.org")
    assert_accessible(page)


def test_a_librarian_switches_the_back_office_to_english_from_the_header(
    page,
    live_server,
    ill_demo,  # noqa: F811 - the fixture imported above
):
    User.objects.filter(email="librarian@example.org").update(preferred_language="lt")
    staff_log_in(page, live_server.url, "librarian@example.org", "/admin/ill/illrequest/")
    page.locator("#staff-language").click()
    expect(page).to_have_url(re.compile(r"/admin/language/"))
    assert_accessible(page)
    page.get_by_label("English").check()
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/ill/illrequest/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".messagelist .success")).to_have_text("The back office now speaks to you in this language.")
    assert User.objects.get(email="librarian@example.org").preferred_language == "en"
    assert_accessible(page)


def test_a_librarian_enters_a_phoned_in_request_picking_the_patron_by_card_number(
    page,
    live_server,
    ill_demo,  # noqa: F811 - the fixture imported above
):
    User.objects.filter(email="librarian@example.org").update(preferred_language="lt")
    staff_log_in(page, live_server.url, "librarian@example.org", "/admin/ill/illrequest/enter/")
    assert_no_nested_form(page)
    # axe once the picker is built (and named after the field's label, static/js/admin-a11y.js).
    expect(page.locator("#id_patron + .select2 .select2-selection")).to_have_attribute("aria-label", re.compile(r"\S"))
    assert_accessible(page)
    # The patron picker is the admin's autocomplete: type part of the card number, choose the patron it finds.
    page.locator("#id_patron + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("000101")
    page.locator(".select2-results__option", has_text="Ona Petraitienė").click()
    page.locator("#id_channel").select_option("phone")
    page.locator("#id_kind_0").check()
    page.locator("#id_title").fill("Pamario kraštas")
    page.locator("#id_not_needed_after").fill("2099-01-01")
    page.locator("#id_scope_0").check()
    page.locator("#id_max_cost").fill("5")
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    entered = IllRequest.objects.get(title="Pamario kraštas")
    assert (entered.patron.email, entered.channel, entered.entered_by.email) == (
        "patron@example.org",
        "phone",
        "librarian@example.org",
    )


def test_a_librarian_enters_a_request_for_someone_with_no_account_making_the_record_on_the_spot(
    page,
    live_server,
    ill_demo,  # noqa: F811 - the fixture imported above
):
    """A caller with no portal account: the librarian records card and name, forgets the phone, is told so with
    everything typed kept, adds it and saves; the request page shows how to reach the patron."""
    User.objects.filter(email="librarian@example.org").update(preferred_language="lt")
    staff_log_in(page, live_server.url, "librarian@example.org", "/admin/ill/illrequest/enter/")
    page.locator("#id_new_card_number").fill("SIL-004242")
    page.locator("#id_new_first_name").fill("Kęstutis")
    page.locator("#id_new_last_name").fill("Pamarys")
    page.locator("#id_kind_0").check()
    page.locator("#id_title").fill("Pamario kraštas")
    page.locator("#id_not_needed_after").fill("2099-01-01")
    page.locator("#id_scope_0").check()
    page.locator("#id_max_cost").fill("5")
    page.locator("input[type=submit]").click()
    expect(page.locator(".form-row.errors #id_new_phone")).to_be_visible()
    expect(page.locator("#id_new_card_number")).to_have_value("SIL-004242")
    expect(page.locator("#id_title")).to_have_value("Pamario kraštas")
    assert not User.objects.filter(last_name="Pamarys").exists()
    assert_no_nested_form(page)
    assert_accessible(page)
    page.locator("#id_new_phone").fill("+370 612 34567")
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    entered = IllRequest.objects.get(title="Pamario kraštas")
    assert (entered.patron.get_full_name(), entered.patron.email, entered.patron.is_active) == (
        "Kęstutis Pamarys",
        None,
        False,
    )
    assert (entered.patron.patron.card_number, entered.patron.patron.entered_by.email) == (
        "SIL-004242",
        "librarian@example.org",
    )
    expect(page.locator(".ill-patron")).to_contain_text("+370 612 34567")
    assert_accessible(page)


def test_a_manager_reviews_then_runs_the_anonymisation_from_the_feedback_list(page, live_server, staff, settings):
    old = FeedbackFactory(
        status=FeedbackStatus.CLOSED,
        closed_at=timezone.now() - dt.timedelta(days=settings.FEEDBACK_RETENTION_DAYS + 5),
        email="sena@example.org",
    )
    User.objects.filter(email="manager@example.org").update(preferred_language="lt")
    staff_log_in(page, live_server.url, "manager@example.org", "/admin/feedback/feedback/")
    page.get_by_role("link", name="Pašalinti senus kontaktinius duomenis…").click()
    assert_no_nested_form(page)
    assert_accessible(page)
    expect(page.locator("#anonymize-due")).to_contain_text(f"#{old.pk}")
    page.locator("#anonymize-due").get_by_role("link", name=f"#{old.pk}").click()
    assert_no_nested_form(page)
    assert_accessible(page)  # the feedback's change page
    page.go_back()
    assert Feedback.objects.get(pk=old.pk).email == "sena@example.org"
    page.get_by_role("button", name="Pašalinti šiuos kontaktinius duomenis dabar").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Feedback.objects.get(pk=old.pk).email == ""
