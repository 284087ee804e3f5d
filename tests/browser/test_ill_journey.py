"""Interlibrary loan in the browser: a patron orders a book in Lithuanian, sees it, cancels it; a librarian
moves another order to READY in the back office and the patron sees the branch and the due date.
Without JavaScript, a copy is ordered in two steps (the service, then its fields) through an error summary; with it,
the service switches in place. Every patron page of the journey passes axe-core in every language."""

import datetime as dt
import importlib
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from playwright.sync_api import expect

from ill.models import IllRequest, Kind, Status
from ill.services import ill_request_move, ill_request_submit
from library_portal.demo import demo_accounts_create, demo_load_ill
from library_portal.languages import LANGS
from library_portal.models import User
from services.models import Branch
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
_groups = importlib.import_module("ill.migrations.0002_staff_groups")
LIBRARIAN, codenames = _groups.LIBRARIAN, _groups.codenames


@pytest.fixture
def ill_demo(demo):
    """The demo with partner libraries, tariffs and requests; the Librarian group gets its ILL permissions
    back (the flush after an earlier transactional test empties what the data migrations filled)."""
    librarian, _created = Group.objects.get_or_create(name="Librarian")
    librarian.permissions.add(
        *Permission.objects.filter(content_type__app_label="ill", codename__in=codenames(LIBRARIAN))
    )
    demo_accounts_create()
    return demo_load_ill(with_requests=True)


def log_in(page, base: str, lang: str, email: str, password: str, next_path: str) -> None:
    page.goto(f"{base}/{lang}/account/login/?next={next_path}")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("form.stacked-form button[type=submit]").click()


def label(text: str, lang: str = "lt") -> str:
    with translation.override(lang):
        return gettext(text)


def choose(page, kind: Kind, lang: str = "lt") -> None:
    """The form's first step, with JavaScript: the chosen service's fields appear in place."""
    page.get_by_label(label(kind.label, lang)).check()
    expect(page.locator("#id_title")).to_be_visible()


def fill_loan(page, title: str) -> None:
    choose(page, Kind.LOAN)
    page.get_by_label(label("Title of the book or journal")).fill(title)
    page.locator("#id_author").fill("Donelaitis, Kristijonas")
    page.locator("#id_isbn").fill("978-0-306-40615-7")
    page.locator("#id_not_needed_after").fill((timezone.localdate() + dt.timedelta(days=40)).isoformat())
    page.locator("#id_max_cost").fill("10")


def demo_patrons_loan(title: str, branch: Branch) -> IllRequest:
    """A book loan of the demo patron, submitted through the service as the form does."""
    request, _created = ill_request_submit(
        patron=User.objects.get(email="patron@example.org"),
        data={
            "kind": "loan",
            "title": title,
            "pickup_branch": branch,
            "not_needed_after": timezone.localdate() + dt.timedelta(days=60),
            "scope": "domestic",
            "max_cost": Decimal("8.00"),
        },
    )
    return request


def test_patron_orders_sees_and_cancels_then_sees_ready_set_by_a_librarian(
    page, browser, live_server, ill_demo, settings
):
    base = live_server.url
    log_in(page, base, "lt", "patron@example.org", settings.DEMO_PASSWORD, "/lt/ill/new/")
    expect(page).to_have_url(re.compile(r"/lt/ill/new/$"))
    fill_loan(page, "Metai (naršyklės testas)")
    page.locator("#id_isbn").fill("978-0-306-40615-8")  # a wrong check digit first
    page.get_by_role("button", name=label("Continue: see the cost")).click()
    expect(page.locator("#id_isbn_error")).to_be_visible()
    expect(page.get_by_label(label("Title of the book or journal"))).to_have_value("Metai (naršyklės testas)")
    page.locator("#id_isbn").fill("978-0-306-40615-7")
    page.get_by_role("button", name=label("Continue: see the cost")).click()
    expect(page.get_by_role("heading", name=label("What it may cost"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=label("Confirm and submit")).click()
    expect(page.locator("#request-status")).to_have_text(label(Status.SUBMITTED.label))
    ordered = IllRequest.objects.get(title="Metai (naršyklės testas)")
    assert ordered.patron.email == "patron@example.org"
    page.get_by_role("link", name=label("My interlibrary loan requests")).click()
    expect(page.get_by_role("link", name="Metai (naršyklės testas)")).to_be_visible()
    page.get_by_role("link", name="Metai (naršyklės testas)").click()
    page.get_by_role("link", name=label("Cancel the request")).click()
    page.get_by_role("button", name=label("Yes, cancel the request")).click()
    expect(page.locator("#request-status")).to_have_text(label(Status.CANCELLED.label))
    assert IllRequest.objects.get(pk=ordered.pk).status == Status.CANCELLED

    # Another order, on its way from the lender; a librarian marks its arrival in the back office.
    branch = Branch.objects.filter(library__is_portal_library=True).order_by("order", "pk").last()
    other = demo_patrons_loan("Pamario kraštas", branch)
    for status in (Status.ORDERED, Status.SUPPLIER_ACCEPTED, Status.IN_TRANSIT):
        ill_request_move(request_id=other.pk, to_status=status, note="Lazdijai" if status == Status.ORDERED else "")
    staff_context = browser.new_context(locale="lt-LT")
    staff = staff_context.new_page()
    staff.goto(f"{base}/admin/login/?next=/admin/ill/illrequest/{other.pk}/change/")
    staff.locator("#id_username").fill("librarian@example.org")
    staff.locator("#id_password").fill(settings.DEMO_PASSWORD)
    staff.locator("input[type=submit]").click()
    expect(staff).to_have_url(re.compile(rf"/admin/ill/illrequest/{other.pk}/change/$"))
    # One click: the due date sits beside the move buttons on the request's own page.
    due = timezone.localdate() + dt.timedelta(days=21)
    staff.locator("#id_move-due_date").fill(due.isoformat())
    staff.locator(f"#ill-moves button[formaction$='/move/{Status.READY}/']").click()
    expect(staff.locator(".messagelist .success")).to_be_visible()
    expect(staff).to_have_url(re.compile(rf"/admin/ill/illrequest/{other.pk}/change/$"))
    assert IllRequest.objects.get(pk=other.pk).status == Status.READY
    staff_context.close()

    page.goto(f"{base}/lt/ill/{other.pk}/")
    expect(page.locator("#request-status")).to_have_text(label(Status.READY.label))
    with translation.override("lt"):
        expect(page.locator("#pickup")).to_contain_text(branch.name)
        expect(page.locator("#pickup")).to_contain_text(date_format(due, "DATE_FORMAT"))
    assert_accessible(page)


def test_ill_pages_pass_axe_in_every_language(page, live_server, ill_demo, settings):
    """One test for the four languages, so that the demo loads once."""
    for lang in LANGS:
        _check_ill_pages(page, live_server.url, lang, settings.DEMO_PASSWORD)


def _check_ill_pages(page, base: str, lang: str, password: str) -> None:
    """The patron stops at the cost confirmation, so every language sees the demo's requests as they were."""
    page.context.clear_cookies()  # each language starts as a visitor and logs in again
    page.goto(f"{base}/{lang}/ill/")  # a visitor: how it works, log in
    assert_accessible(page)
    log_in(page, base, lang, "patron@example.org", password, f"/{lang}/ill/")
    expect(page).to_have_url(re.compile(rf"/{lang}/ill/$"))
    assert_accessible(page)  # the list with the demo requests
    page.goto(f"{base}/{lang}/ill/new/")
    assert_accessible(page)  # the first step: the service
    choose(page, Kind.LOAN, lang)
    page.locator("#id_title").fill("")
    submit = page.get_by_role("button", name=label("Continue: see the cost", lang))
    submit.click()  # nothing filled: errors by the fields
    expect(page.locator(".error").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_title").fill("Metai")
    page.locator("#id_not_needed_after").fill((timezone.localdate() + dt.timedelta(days=40)).isoformat())
    page.locator("#id_max_cost").fill("10")
    page.locator("#id_isbn").fill("")
    submit.click()
    expect(page.locator("button[name=confirm]")).to_be_visible()
    assert_accessible(page)  # the cost confirmation
    for key in ("demo-ready", "demo-awaiting", "demo-unfilled"):
        request = IllRequest.objects.get(idempotency_key=key)
        page.goto(f"{base}/{lang}/ill/{request.pk}/")
        expect(page.locator("#request-status")).to_be_visible()
        assert_accessible(page)


def test_a_copy_is_ordered_in_two_steps_without_javascript_and_the_service_switches_in_place_with_it(
    browser, page, live_server, ill_demo, settings
):
    base = live_server.url
    title = "Lietuvių kalbos žodynas (be JavaScript)"
    no_js = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale="lt-LT")
    no_js.set_default_timeout(15_000)
    plain = no_js.new_page()
    # axe-core cannot run where JavaScript is off (Playwright's evaluate waits there for ever): each page's HTML is
    # checked at the same address in a page that runs axe but not the portal's own scripts.
    checker_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="lt-LT")
    checker = checker_context.new_page()
    checker.route(re.compile(r"/static/js/"), lambda route: route.abort())
    checker.goto(f"{base}/lt/ill/")

    def checked_without_javascript(plain_page) -> None:
        checker.set_content(plain_page.content())
        assert_accessible(checker)

    log_in(plain, base, "lt", "patron@example.org", settings.DEMO_PASSWORD, "/lt/ill/new/")
    expect(plain).to_have_url(re.compile(r"/lt/ill/new/$"))
    expect(plain.locator("#id_title")).to_be_hidden()  # step 1: the service only
    checked_without_javascript(plain)
    plain.get_by_label(label(Kind.COPY.label)).check()
    plain.get_by_role("button", name=label("Continue"), exact=True).click()
    expect(plain.locator("#id_article_title")).to_be_visible()  # step 2: a copy's fields, the declaration too
    expect(plain.locator("#id_copyright_declared")).to_be_visible()
    checked_without_javascript(plain)

    plain.locator("#id_title").fill(title)
    plain.locator("#id_article_title").fill("Įvadas")
    plain.locator("#id_not_needed_after").fill((timezone.localdate() + dt.timedelta(days=40)).isoformat())
    plain.locator("#id_max_cost").fill("10")
    plain.locator("#id_copyright_declared").check()
    plain.get_by_role("button", name=label("Continue: see the cost")).click()  # the pages are missing
    summary = plain.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(label("There is a problem"))
    expect(plain).to_have_title(re.compile("^" + re.escape(label("Error: "))))
    checked_without_javascript(plain)
    summary.get_by_role("link", name=label("Enter the pages to copy, e.g. 15-27.")).click()
    expect(plain.locator("#id_pages")).to_be_focused()
    plain.locator("#id_pages").fill("15-27")
    expect(plain.locator("#id_title")).to_have_value(title)
    plain.get_by_role("button", name=label("Continue: see the cost")).click()
    expect(plain.get_by_role("heading", name=label("What it may cost"))).to_be_visible()
    checked_without_javascript(plain)
    plain.get_by_role("button", name=label("Confirm and submit")).click()
    expect(plain.locator("#request-status")).to_have_text(label(Status.SUBMITTED.label))
    ordered = IllRequest.objects.get(title=title)
    assert (ordered.kind, ordered.pages, ordered.copyright_declared) == (Kind.COPY, "15-27", True)

    plain.get_by_role("link", name=label("Cancel the request")).click()
    expect(plain.get_by_role("heading", name=label("Cancel this request?"))).to_be_visible()
    checked_without_javascript(plain)
    assert IllRequest.objects.get(pk=ordered.pk).status == Status.SUBMITTED  # asking changes nothing
    plain.get_by_role("button", name=label("Yes, cancel the request")).click()
    expect(plain.locator("#request-status")).to_have_text(label(Status.CANCELLED.label))
    assert IllRequest.objects.get(pk=ordered.pk).status == Status.CANCELLED
    no_js.close()
    checker_context.close()

    # With JavaScript, in English: the radios switch the fields in place and the title stays as typed.
    log_in(page, base, "en", "patron@example.org", settings.DEMO_PASSWORD, "/en/ill/new/")
    expect(page).to_have_url(re.compile(r"/en/ill/new/$"))
    assert_accessible(page)
    page.get_by_label(label(Kind.COPY.label, "en")).check()
    expect(page.locator("#id_copyright_declared")).to_be_visible()
    page.locator("#id_title").fill("Metai")
    page.get_by_label(label(Kind.LOAN.label, "en")).check()
    expect(page.locator("#id_copyright_declared")).to_be_hidden()
    expect(page.locator("#id_article_title")).to_be_hidden()
    expect(page.locator("#id_title")).to_have_value("Metai")
    page.get_by_role("button", name=label("Continue: see the cost", "en")).click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#id_title")).to_have_value("Metai")
    expect(page.locator("#id_copyright_declared")).to_be_hidden()  # still a loan after the page came back
    assert_accessible(page)
    page.get_by_label(label(Kind.COPY.label, "en")).check()  # and switched back in place after it
    expect(page.locator("#id_article_title")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value("Metai")
    waiting = IllRequest.objects.filter(patron__email="patron@example.org", status=Status.SUBMITTED).first()
    page.goto(f"{base}/en/ill/{waiting.pk}/cancel/")
    expect(page.get_by_role("heading", name="Cancel this request?")).to_be_visible()
    assert_accessible(page)
