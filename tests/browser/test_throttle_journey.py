"""A visitor who sends feedback again and again meets the limit in the page: the message in their
language, what they wrote still in the form, status 429, and the page passes axe."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from feedback.models import Feedback
from library_portal.env import Rate
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

# 5 s into a 10-minute window: the clock runs on, far from the window's end.
NOW = dt.datetime(2026, 3, 10, 8, 0, 5, tzinfo=dt.UTC)
MESSAGE = "Prie įėjimo trūksta dviračių stovo."


def send_feedback(page, base: str, lang: str):
    page.goto(f"{base}/{lang}/feedback/")
    page.locator("#id_topic").select_option("premises")
    page.locator("#id_message").fill(MESSAGE)
    page.locator("#id_consent").check()
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("form.stacked-form button[type=submit]").click()
    return posted.value


def test_the_feedback_form_shows_the_limit_in_the_page_and_keeps_the_message(page, live_server, db, settings):
    settings.THROTTLES = {**settings.THROTTLES, "feedback": Rate(2, 600)}
    with time_machine.travel(NOW, tick=True):
        for _n in range(2):
            assert send_feedback(page, live_server.url, "lt").status == 200
            expect(page.locator("a.private-link")).to_be_visible()

        refused = send_feedback(page, live_server.url, "lt")
        assert refused.status == 429
        assert refused.headers["retry-after"] in {str(n) for n in range(560, 596)}
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Per trumpą laiką buvo per daug bandymų. Bandykite dar kartą po 10 minučių.")
        expect(page.locator("#id_message")).to_have_value(MESSAGE)
        expect(page.locator("#id_topic")).to_have_value("premises")
        assert_accessible(page)

        refused = send_feedback(page, live_server.url, "en")
        assert refused.status == 429
        expect(page.get_by_role("alert")).to_contain_text("Please try again in 10 minutes.")
        expect(page.locator("#id_message")).to_have_value(MESSAGE)
        assert_accessible(page)
    assert Feedback.objects.count() == 2
