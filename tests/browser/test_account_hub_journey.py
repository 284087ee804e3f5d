"""The home page's coming events and survey in every language; the demo patron's My account as a hub: each list
shows the patron's entry and its link opens its page, and the registration is cancelled from there. axe on every page
visited, in Lithuanian and Bulgarian."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import Feedback, Participation
from ill.models import IllRequest, Status
from library_portal.demo import demo_load_eservices, demo_load_ill, demo_patron_feedback, demo_register_patron
from library_portal.models import User
from services.models import Registration
from tests.browser.conftest import assert_accessible
from tests.browser.test_eservices_journey import log_in_on_the_site
from tests.feedback.factories import SurveyFactory

pytestmark = pytest.mark.browser

SURVEY_TITLES = {"lt": "Skaitytojų apklausa", "en": "Reader survey", "bg": "Анкета за читателите", "fi": "Lukijakysely"}


@pytest.fixture
def patron_with_a_bit_of_everything(demo):
    """The demo patron as `load_demo` leaves them (the demo's interlibrary-loan requests, a place at the soonest
    demo training, feedback), who has also answered a survey that is still open."""
    demo_load_ill(with_requests=True)
    demo_load_eservices()
    demo_register_patron()
    demo_patron_feedback()
    patron = User.objects.get(email="patron@example.org")
    registration = Registration.objects.select_related("event").get(email=patron.email)
    assert registration.status == Registration.Status.CONFIRMED
    survey = SurveyFactory(**{f"title_{lang}": title for lang, title in SURVEY_TITLES.items()})
    Participation.objects.create(survey=survey, user=patron)
    return {
        "registration": registration,
        "event": registration.event,
        "feedback": Feedback.objects.get(user=patron),
        "survey": survey,
    }


def test_home_shows_events_and_the_survey_and_the_patrons_hub_links_to_every_entry(
    page, live_server, patron_with_a_bit_of_everything
):
    cast = patron_with_a_bit_of_everything
    base = live_server.url
    for lang, title in SURVEY_TITLES.items():
        page.goto(f"{base}/{lang}/")
        events = page.locator("section.home-events")
        expect(events.get_by_role("heading", level=2)).to_be_visible()
        expect(events.locator(".event-item a").first).to_be_visible()
        expect(page.locator("section.home-survey").get_by_role("link", name=title)).to_be_visible()
        assert_accessible(page)

    log_in_on_the_site(page, base, "patron@example.org")
    awaiting = IllRequest.objects.get(status=Status.AWAITING_APPROVAL)
    for lang in ("lt", "bg"):
        hub = f"{base}/{lang}/account/profile/"
        page.goto(hub)
        assert_accessible(page)
        visits = [
            ("#hub-ill", awaiting.title, rf"/{lang}/ill/{awaiting.pk}/$"),
            ("#hub-events", getattr(cast["event"], f"title_{lang}"), rf"/{lang}/events/{cast['event'].pk}/$"),
            ("#hub-feedback", None, rf"/{lang}/feedback/track/{cast['feedback'].token}/$"),
            ("#hub-surveys", SURVEY_TITLES[lang], rf"/{lang}/surveys/{cast['survey'].slug}/$"),
        ]
        for heading, name, url in visits:
            section = page.locator("section.hub", has=page.locator(heading))
            # Feedback is listed by its date and topic: the patron's one entry is the first link.
            link = section.get_by_role("link", name=name, exact=True) if name else section.locator("li a").first
            expect(link).to_be_visible()
            link.click()
            expect(page).to_have_url(re.compile(url))
            assert_accessible(page)
            page.goto(hub)

    # The registration's cancel link leads to the cancel page, which asks first.
    events = page.locator("section.hub", has=page.locator("#hub-events"))
    events.get_by_role("link", name=re.compile("Отмени записването ми")).click()
    expect(page).to_have_url(re.compile(r"/bg/events/cancel/[^/]+/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Да, отменете записването ми").click()
    expect(page.locator("p[role=status]")).to_be_visible()
    assert_accessible(page)
    registration = cast["registration"]
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    page.goto(f"{base}/bg/account/profile/")
    events = page.locator("section.hub", has=page.locator("#hub-events"))
    expect(events.get_by_text("Отменено", exact=True)).to_be_visible()
    expect(events.get_by_role("link", name=re.compile("Отмени записването ми"))).to_have_count(0)
