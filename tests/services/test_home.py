"""The home page's coming events and open survey, and a branch page's events: what they show, and that a cached
copy never shows an event that has begun or a survey that has closed."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.models import Participation, Survey
from feedback.surveys import survey_participation_delete, survey_response_record
from library_portal.caching import Namespace, bump
from tests.factories import BranchFactory, EventFactory, LibraryFactory, QuestionFactory, SurveyFactory

# A fixed instant: a page rendered now is cached until the first event shown begins or a survey closes.
NOW = dt.datetime(2026, 6, 15, 10, 0, 20, tzinfo=dt.UTC)


def test_home_shows_the_next_events_and_an_open_survey_with_links(client, db):
    LibraryFactory()
    first = EventFactory(title_en="Computer basics")
    EventFactory(title_en="Called off", is_cancelled=True)
    later = [
        EventFactory(title_en=f"Later class {n}", starts_at=first.starts_at + dt.timedelta(days=n)) for n in (1, 2)
    ]
    survey = SurveyFactory(title_en="Reader satisfaction")
    SurveyFactory(title_en="Invited only", access=Survey.Access.INVITATION)
    yesterday = timezone.now() - dt.timedelta(days=1)
    SurveyFactory(title_en="Closed survey", opens_at=yesterday - dt.timedelta(days=30), closes_at=yesterday)
    html = client.get("/en/").content.decode()
    assert html.index("Computer basics") < html.index("Later class 1") < html.index("Later class 2")
    assert f'href="/en/events/{first.pk}/"' in html
    assert f'href="/en/events/{later[1].pk}/"' in html
    assert 'href="/en/events/"' in html
    assert "Called off" not in html
    assert f'href="/en/surveys/{survey.slug}/">Reader satisfaction' in html
    assert "Invited only" not in html and "Closed survey" not in html


def test_home_without_events_or_surveys_says_so_and_offers_no_survey(client, db):
    LibraryFactory()
    html = client.get("/en/").content.decode()
    assert "No events are planned at the moment." in html
    assert 'id="survey-heading"' not in html


@pytest.mark.parametrize("lang", ["lt", "en", "bg", "fi"])
def test_home_shows_its_new_sections_in_every_language(client, db, lang):
    LibraryFactory()
    EventFactory(title="Mokymai", title_en="Training", title_bg="Обучение", title_fi="Koulutus")
    SurveyFactory(title="Apklausa", title_en="Survey", title_bg="Анкета", title_fi="Kysely")
    html = client.get(f"/{lang}/").content.decode()
    headings = {
        "lt": ("Artėjantys mokymai ir renginiai", "Pasakykite savo nuomonę"),
        "en": ("Coming trainings and events", "Tell us what you think"),
        "bg": ("Предстоящи обучения и събития", "Кажете ни какво мислите"),
        "fi": ("Tulevat koulutukset ja tapahtumat", "Kerro mielipiteesi"),
    }[lang]
    for heading in headings:
        assert heading in html


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
def test_a_cached_home_page_flips_when_the_first_event_begins_and_when_a_survey_closes(client, patron, logged_in):
    # Logged in, the page is rendered around a body from the shared cache, which must flip as the whole page does.
    LibraryFactory()
    if logged_in:
        client.force_login(patron)
    with time_machine.travel(NOW, tick=False) as clock:
        EventFactory(title_en="Starting in half a minute", starts_at=NOW + dt.timedelta(seconds=30))
        SurveyFactory(title_en="Closing in a minute", closes_at=NOW + dt.timedelta(seconds=60))
        html = client.get("/en/").content.decode()
        assert "Starting in half a minute" in html and "Closing in a minute" in html
        clock.move_to(NOW + dt.timedelta(seconds=29))
        again = client.get("/en/").content.decode()
        assert "Starting in half a minute" in again and "Closing in a minute" in again  # still true
        assert logged_in or again == html  # anonymous: the cached copy itself
        clock.move_to(NOW + dt.timedelta(seconds=30))
        html = client.get("/en/").content.decode()
        assert "Starting in half a minute" not in html and "Closing in a minute" in html
        clock.move_to(NOW + dt.timedelta(seconds=60))
        assert "Closing in a minute" not in client.get("/en/").content.decode()


def test_a_logged_in_patron_is_invited_to_a_survey_from_the_moment_it_opens(client, patron):
    # The list of open surveys is cached until the next survey opens or closes, not until something is bumped.
    LibraryFactory()
    client.force_login(patron)
    with time_machine.travel(NOW, tick=False) as clock:
        SurveyFactory(title_en="Opening in a minute", opens_at=NOW + dt.timedelta(seconds=60))
        assert "Opening in a minute" not in client.get("/en/").content.decode()
        clock.move_to(NOW + dt.timedelta(seconds=59))
        assert "Opening in a minute" not in client.get("/en/").content.decode()
        clock.move_to(NOW + dt.timedelta(seconds=60))
        assert "Opening in a minute" in client.get("/en/").content.decode()


def test_an_event_cancelled_in_the_admin_leaves_the_cached_home_page_at_once(client, db, manager):
    LibraryFactory()
    event = EventFactory(title_en="Computer basics")
    assert "Computer basics" in client.get("/en/").content.decode()
    staff = Client()
    staff.force_login(manager)
    staff.post(
        reverse("admin:services_event_changelist"),
        {"action": "cancel_events", "_selected_action": [event.pk]},
    )
    assert "Computer basics" not in client.get("/en/").content.decode()


def test_the_home_page_uses_the_same_queries_for_many_events(client, db, django_assert_max_num_queries):
    LibraryFactory()
    EventFactory()
    SurveyFactory()
    # 12 with the news (the latest three, and when they next change) and the notices (staff's and the exceptions'
    # of today and tomorrow, read once before the shared cache has them).
    with django_assert_max_num_queries(12) as few:
        assert client.get("/lt/").status_code == 200
    EventFactory.create_batch(6)
    SurveyFactory.create_batch(2)
    bump(Namespace.ESERVICES, Namespace.SURVEYS)  # the factories write past the services, which would bump
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/lt/").content.decode()
    assert html.count('class="event-item"') == 4


def test_a_branch_page_lists_its_coming_events_with_links(client, db):
    LibraryFactory()
    branch = BranchFactory(slug="rusne", name_en="Rusnė branch")
    mine = EventFactory(title_en="Reading club", branch=branch)
    EventFactory(title_en="Elsewhere")
    EventFactory(title_en="Called off", branch=branch, is_cancelled=True)
    html = client.get("/en/branches/rusne/").content.decode()
    assert f'href="/en/events/{mine.pk}/">Reading club' in html
    assert "Elsewhere" not in html and "Called off" not in html
    assert 'href="/en/events/?branch=rusne"' in html
    other = client.get(f"/en/branches/{BranchFactory().slug}/").content.decode()
    assert "No events are planned in this branch at the moment." in other


def test_a_logged_in_patron_is_not_invited_to_a_survey_they_have_answered(client, patron):
    LibraryFactory()
    answered = SurveyFactory(title_en="Answered survey")
    older = SurveyFactory(title_en="Older survey", opens_at=answered.opens_at - dt.timedelta(days=1))
    Participation.objects.create(survey=answered, user=patron)
    assert "Answered survey" in client.get("/en/").content.decode()
    client.force_login(patron)
    html = client.get("/en/").content.decode()
    assert "Answered survey" not in html
    assert f'href="/en/surveys/{older.slug}/">Older survey' in html


def test_a_logged_in_patrons_home_page_asks_only_for_the_user_and_follows_their_answers(client, patron):
    """The surveys a patron answered come from the shared cache, read along with the body: the page's one query
    is the user's. Answering a survey, or deleting the answer, drops that entry at once."""
    LibraryFactory()
    survey = SurveyFactory(title_en="Tell us", access=Survey.Access.PATRONS)
    question = QuestionFactory(page__survey=survey)
    client.force_login(patron)
    assert "Tell us" in client.get("/en/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "Tell us" in client.get("/en/").content.decode()
    assert [query["sql"].split(" FROM ")[1].split(" ")[0] for query in queries] == ['"library_portal_user"']
    survey_response_record(survey=survey, answers={question.field_name: "5"}, language="en", user=patron)
    assert "Tell us" not in client.get("/en/").content.decode()
    survey_participation_delete(participation=Participation.objects.get(survey=survey, user=patron), user=patron)
    assert "Tell us" in client.get("/en/").content.decode()
