"""The main menu leads to every part of the portal and marks the section of the page being read."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import LibraryFactory, ServiceFactory


def main_menu(html: str) -> str:
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_the_menu_leads_to_every_section(client, db, lang):
    LibraryFactory()
    menu = main_menu(client.get(f"/{lang}/").content.decode())
    with translation.override(lang):
        for name in (
            "home",
            "services:service_list",
            "services:eservice_list",
            "services:event_list",
            "services:branch_list",
            "pricing:current",
            "rooms:list",
            "ill:list",
            "feedback:form",
            "feedback:survey_list",
            "account_login",
            "services:principles",
        ):
            assert f'href="{reverse(name)}"' in menu, name


def test_a_page_inside_a_section_marks_that_section_as_current(client, db):
    LibraryFactory()
    service = ServiceFactory(slug="kopijavimas")
    menu = main_menu(client.get(f"/en/services/{service.slug}/").content.decode())
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', menu) == ["/en/services/"]
    menu = main_menu(client.get("/en/no-such-page/").content.decode())
    assert "aria-current" not in menu


def test_a_logged_in_patron_finds_the_account_and_the_log_out_button_in_the_menu(client, patron):
    LibraryFactory()
    client.force_login(patron)
    menu = main_menu(client.get("/en/account/profile/").content.decode())
    assert re.findall(r'<a href="([^"]+)" aria-current="page">', menu) == ["/en/account/profile/"]
    assert 'action="/en/account/logout/"' in menu
