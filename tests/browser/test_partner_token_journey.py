"""A manager issues a new token to a partner library in the back office, in every language: the token is
shown once, works against the ISO 18626 endpoint at once, and the one before no longer does. Every admin
page of the journey passes axe-core."""

import re
import urllib.error
import urllib.request

import pytest
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from ill.models import PartnerLibrary, token_digest
from ill.services import partner_library_token_issue
from library_portal.demo import demo_accounts_create, demo_load_ill
from library_portal.languages import LANGS
from library_portal.models import User
from tests.browser.conftest import LOCALES, assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def partner(demo):
    """A demo partner library; the Manager group gets its partner rights back (a transactional test before
    may have emptied what the data migrations filled)."""
    manager, _created = Group.objects.get_or_create(name="Manager")
    manager.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="ill", codename__in=["view_partnerlibrary", "change_partnerlibrary"]
        )
    )
    demo_accounts_create()
    demo_load_ill(with_requests=False)
    return PartnerLibrary.objects.select_related("library").order_by("pk").first()


def iso18626_status(base: str, token: str) -> int:
    """What the endpoint answers a post with this Bearer token: 401 unless the token is the partner's."""
    request = urllib.request.Request(  # noqa: S310 - the live server, over http://
        f"{base}/api/v1/ill/iso18626/",
        data=b"<not-a-message/>",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/xml"},
    )
    try:
        return urllib.request.urlopen(request, timeout=10).status  # noqa: S310 - the live server's http:// address
    except urllib.error.HTTPError as error:
        return error.code


def test_a_manager_issues_a_new_token_that_works_at_once_and_replaces_the_old(browser, live_server, partner, settings):
    """One test for the four languages, so that the demo loads once."""
    base = live_server.url
    session = _manager_session(browser, base, partner, settings.DEMO_PASSWORD)
    # A token known in clear before the first language, so that every language sees the one before stop working.
    previous = partner_library_token_issue(partner_id=partner.pk)
    for lang in LANGS:
        token = _issue_a_token(browser, base, partner, session, lang)
        assert iso18626_status(base, previous) == 401
        previous = token


def _manager_session(browser, base: str, partner, password: str) -> dict:
    """The manager logs in once: the back office reads their language on every request, so each language's
    browser starts with these cookies instead of logging in again."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/admin/login/?next=/admin/ill/partnerlibrary/{partner.pk}/change/")
    page.locator("#id_username").fill("manager@example.org")
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/admin/ill/partnerlibrary/{partner.pk}/change/$"))
    session = context.storage_state()
    context.close()
    return session


def _issue_a_token(browser, base: str, partner, session: dict, lang: str) -> str:
    """The manager, in `lang`, issues a token; it is stored as a digest and works at once. Returns it in clear."""
    User.objects.filter(email="manager@example.org").update(preferred_language=lang)  # the back office's language
    context = browser.new_context(locale=LOCALES[lang], storage_state=session)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/admin/ill/partnerlibrary/{partner.pk}/change/")
    expect(page).to_have_url(re.compile(rf"/admin/ill/partnerlibrary/{partner.pk}/change/$"))
    assert page.locator("html").get_attribute("lang") == lang
    assert_accessible(page)

    page.locator(f".object-tools a[href$='/partnerlibrary/{partner.pk}/token/']").click()
    expect(page).to_have_url(re.compile(rf"/partnerlibrary/{partner.pk}/token/$"))
    assert_accessible(page)
    before = PartnerLibrary.objects.get(pk=partner.pk).inbound_token_digest
    page.locator("input[type=submit].default").click()
    token = page.locator("#partner-token").input_value()
    assert_accessible(page)
    context.close()

    # Only the token's digest is stored, and it changed with this click.
    stored = PartnerLibrary.objects.get(pk=partner.pk).inbound_token_digest
    assert stored == token_digest(token) != before
    assert iso18626_status(base, token) == 400  # authenticated: our made-up message is what is refused
    assert iso18626_status(base, "wrong-" + token) == 401
    return token


def test_the_token_before_the_new_one_stops_working(browser, live_server, partner, settings):
    old = partner_library_token_issue(partner_id=partner.pk)
    assert iso18626_status(live_server.url, old) == 400
    context = browser.new_context(locale="lt")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/ill/partnerlibrary/{partner.pk}/token/")
    page.locator("#id_username").fill("manager@example.org")
    page.locator("#id_password").fill(settings.DEMO_PASSWORD)
    page.locator("input[type=submit]").click()
    page.locator("input[type=submit].default").click()
    new = page.locator("#partner-token").input_value()
    context.close()
    assert iso18626_status(live_server.url, old) == 401
    assert iso18626_status(live_server.url, new) == 400
