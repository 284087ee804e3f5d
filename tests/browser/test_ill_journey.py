"""Interlibrary loan in the browser: a patron orders a book in Lithuanian, sees it, cancels it; a librarian
moves another order to READY in the back office and the patron sees the branch and the due date.
Every patron page of the journey passes axe-core in every language."""

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

from ill.demo import demo_load_ill
from ill.models import IllRequest, Status
from ill.services import ill_request_move, ill_request_submit
from library_portal.models import User
from services.demo import demo_accounts_create
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


def fill_loan(page, title: str) -> None:
    page.get_by_label(label("Title of the book or journal")).fill(title)
    page.locator("#id_author").fill("Donelaitis, Kristijonas")
    page.locator("#id_isbn").fill("978-0-306-40615-7")
    page.locator("#id_not_needed_after").fill((timezone.localdate() + dt.timedelta(days=40)).isoformat())
    page.locator("#id_max_cost").fill("10")


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
    page.get_by_role("button", name=label("Cancel the request")).click()
    expect(page.locator("#request-status")).to_have_text(label(Status.CANCELLED.label))
    assert IllRequest.objects.get(pk=ordered.pk).status == Status.CANCELLED

    # Another order, on its way from the lender; a librarian marks its arrival in the back office.
    patron = User.objects.get(email="patron@example.org")
    branch = Branch.objects.filter(library__is_portal_library=True).order_by("order", "pk").last()
    other, _created = ill_request_submit(
        patron=patron,
        data={
            "kind": "loan",
            "title": "Pamario kraštas",
            "pickup_branch": branch,
            "not_needed_after": timezone.localdate() + dt.timedelta(days=60),
            "scope": "domestic",
            "max_cost": Decimal("8.00"),
        },
    )
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


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_ill_pages_pass_axe_in_every_language(page, live_server, ill_demo, settings, lang):
    base = live_server.url
    page.goto(f"{base}/{lang}/ill/")  # a visitor: how it works, log in
    assert_accessible(page)
    log_in(page, base, lang, "patron@example.org", settings.DEMO_PASSWORD, f"/{lang}/ill/")
    expect(page).to_have_url(re.compile(rf"/{lang}/ill/$"))
    assert_accessible(page)  # the list with the demo requests
    page.goto(f"{base}/{lang}/ill/new/")
    assert_accessible(page)
    page.locator("#id_title").fill("")
    page.locator("form.stacked-form button[type=submit]").click()  # nothing filled: errors by the fields
    expect(page.locator(".error").first).to_be_visible()
    assert_accessible(page)
    page.locator("#id_title").fill("Metai")
    page.locator("#id_not_needed_after").fill((timezone.localdate() + dt.timedelta(days=40)).isoformat())
    page.locator("#id_max_cost").fill("10")
    page.locator("#id_isbn").fill("")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator("button[name=confirm]")).to_be_visible()
    assert_accessible(page)  # the cost confirmation
    for key in ("demo-ready", "demo-awaiting", "demo-unfilled"):
        request = IllRequest.objects.get(idempotency_key=key)
        page.goto(f"{base}/{lang}/ill/{request.pk}/")
        expect(page.locator("#request-status")).to_be_visible()
        assert_accessible(page)
