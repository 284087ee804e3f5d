"""My account as the patron's hub: interlibrary loan, event registrations, feedback and surveys, the category."""

import datetime as dt
import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.db.models import F
from django.utils import timezone

from feedback.models import Feedback, Participation
from ill.models import Status
from library_portal.demo import (
    demo_load,
    demo_load_eservices,
    demo_load_prices,
    demo_patron_feedback,
    demo_register_patron,
)
from library_portal.models import PatronProfile, User
from pricing.models import PatronCategory
from services.models import Event, Registration
from tests.feedback.factories import FeedbackFactory, SurveyFactory
from tests.ill.factories import IllRequestFactory
from tests.services.factories import BranchFactory, EventFactory, LibraryFactory


def _register(event, email: str, status=Registration.Status.CONFIRMED) -> Registration:
    """A registration as the registration services leave it, with the event's count of confirmed places."""
    if status == Registration.Status.CONFIRMED:
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") + 1)
    return Registration.objects.create(
        event=event, name="Ona Onaitė", email=email, status=status, consent_at=timezone.now()
    )


def _hub(client, patron, lang: str = "en") -> str:
    client.force_login(patron)
    response = client.get(f"/{lang}/account/profile/")
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, heading_id: str) -> str:
    """The part of the page from one hub heading to the next section."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_my_account_lists_the_patrons_requests_open_first_with_what_to_do(client, patron):
    branch = BranchFactory(name="Centrinė biblioteka", name_en="Central library")
    IllRequestFactory(patron=patron, title="Baigta knyga", status=Status.COMPLETED)
    waiting = IllRequestFactory(patron=patron, title="Brangi knyga", status=Status.AWAITING_APPROVAL)
    IllRequestFactory(patron=patron, title="Neaiški knyga", status=Status.NEEDS_INFO)
    ready = IllRequestFactory(
        patron=patron,
        title="Paruošta knyga",
        status=Status.READY,
        pickup_branch=branch,
        due_date=dt.date(2026, 7, 10),
    )
    IllRequestFactory(title="Kito skaitytojo knyga")  # another patron's
    ill = _section(_hub(client, patron), "hub-ill")
    assert "Kito skaitytojo knyga" not in ill
    # Open ones first, the finished one last.
    assert ill.index("Baigta knyga") > max(ill.index(t) for t in ("Brangi knyga", "Neaiški knyga", "Paruošta knyga"))
    assert f'href="/en/ill/{waiting.pk}/"' in ill
    assert f'href="/en/ill/{ready.pk}/"' in ill
    assert "Waiting for your approval" in ill  # the status in the patron's words
    assert f'href="/en/ill/{waiting.pk}/#approval">Approve or decline the cost' in ill
    assert "The library needs more information: answer it" in ill
    assert "Come and read it in the reading room of Central library by 10 July 2026." in ill


def test_my_account_lists_registrations_coming_first_with_their_cancel_links(client, patron):
    LibraryFactory()
    now = timezone.now()
    soon = EventFactory(title="Kompiuterio pradžiamokslis", title_en="Computer basics")
    later = EventFactory(title_en="E-health", starts_at=now + dt.timedelta(days=20))
    past = EventFactory(
        title_en="Last year's class",
        starts_at=now - dt.timedelta(days=30),
        ends_at=now - dt.timedelta(days=30, hours=-2),
    )
    cancelled_event = EventFactory(title_en="Called off", starts_at=now + dt.timedelta(days=3), is_cancelled=True)
    mine = _register(soon, patron.email.upper())  # the address in another case is still theirs
    _register(later, patron.email, status=Registration.Status.WAITLISTED)
    _register(past, patron.email)
    _register(cancelled_event, patron.email)
    _register(EventFactory(title_en="Someone else's"), "other@example.org")
    events = _section(_hub(client, patron), "hub-events")
    assert "Someone else&#x27;s" not in events
    assert events.index("Called off") < events.index("Computer basics") < events.index("E-health")
    assert events.index("E-health") < events.index("Last year&#x27;s class")
    assert f'href="/en/events/{soon.pk}/"' in events
    assert "On the waiting list" in events
    assert "This event is cancelled." in events
    cancel_links = re.findall(r'href="(/en/events/cancel/[^"]+/)"', events)
    assert len(cancel_links) == 2  # the confirmed and the waitlisted place; none for the past or cancelled event
    page = client.get(cancel_links[0])
    assert page.status_code == 200
    client.post(cancel_links[0])
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED


def test_my_account_lists_the_patrons_feedback_and_surveys_with_links(client, patron, patron2):
    feedback = FeedbackFactory(user=patron, message="Skaitykloje per šalta.", status="answered")
    FeedbackFactory(user=patron2, message="Kito skaitytojo žinutė")
    answered = SurveyFactory(title_en="Reader satisfaction 2026")
    published = SurveyFactory(title_en="Reader satisfaction 2025", results_published_at=timezone.now())
    Participation.objects.create(survey=answered, user=patron)
    Participation.objects.create(survey=published, user=patron)
    Participation.objects.create(survey=SurveyFactory(title_en="Their survey"), user=patron2)
    html = _hub(client, patron)
    mine = _section(html, "hub-feedback")
    assert f'href="/en/feedback/track/{feedback.token}/"' in mine
    assert "Answered" in mine
    assert "Kito skaitytojo" not in html
    surveys = _section(html, "hub-surveys")
    assert f'href="/en/surveys/{answered.slug}/">Reader satisfaction 2026' in surveys
    assert f'href="/en/surveys/{published.slug}/results/">Reader satisfaction 2025' in surveys
    assert "Their survey" not in surveys


def test_an_empty_hub_says_so_and_keeps_the_profile_form(client, patron):
    html = _hub(client, patron)
    assert "You have no interlibrary loan requests yet." in html
    assert "You are not registered for any coming event." in html
    assert 'name="first_name"' in html


def test_my_account_uses_the_same_queries_for_many_entries(client, patron, django_assert_max_num_queries):
    LibraryFactory()

    def add_one_of_each():
        IllRequestFactory(patron=patron)
        _register(EventFactory(), patron.email)
        _register(
            EventFactory(
                starts_at=timezone.now() - dt.timedelta(days=5), ends_at=timezone.now() - dt.timedelta(days=4)
            ),
            patron.email,
        )
        FeedbackFactory(user=patron)
        Participation.objects.create(survey=SurveyFactory(), user=patron)

    add_one_of_each()
    client.force_login(patron)
    with django_assert_max_num_queries(12) as few:
        assert client.get("/en/account/profile/").status_code == 200
    for _n in range(4):
        add_one_of_each()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/en/account/profile/").content.decode()
    assert html.count("/en/events/cancel/") == 5


@pytest.mark.parametrize(
    ("code", "confirmed", "shown", "hidden"),
    [
        ("reduced", False, "awaiting confirmation by the library", "confirmed by the library)"),
        ("free", True, "(confirmed by the library)", "awaiting"),
        ("adult", False, None, "confirm"),
    ],
)
def test_only_a_category_that_needs_proof_waits_for_the_librarys_confirmation(
    client, patron, code, confirmed, shown, hidden
):
    demo_load_prices()
    PatronProfile.objects.create(
        user=patron,
        category=PatronCategory.objects.get(code=code),
        category_confirmed_at=timezone.now() if confirmed else None,
    )
    category = unescape(re.search(r'<dd id="patron-category">(.*?)</dd>', _hub(client, patron), re.S).group(1))
    assert PatronCategory.objects.get(code=code).name_en in category
    if shown:
        assert shown in category
    assert hidden not in category


def test_the_migration_marks_the_reduced_and_free_categories_as_needing_proof(db):
    for code in ("adult", "reduced", "free"):
        PatronCategory.objects.create(code=code, name=code)
    migration = importlib.import_module("pricing.migrations.0003_patron_category_needs_proof")
    migration.mark_categories(apps, None)
    assert set(PatronCategory.objects.filter(needs_proof=True).values_list("code", flat=True)) == {"reduced", "free"}


def test_the_demo_patron_gets_one_registration_and_one_feedback_however_often_the_demo_loads(db):
    demo_load(with_accounts=True, year=2026)
    demo_load_eservices()
    for _run in range(2):
        demo_register_patron()
        demo_patron_feedback()
    patron = User.objects.get(email="patron@example.org")
    registration = Registration.objects.get(email=patron.email)
    assert registration.status == Registration.Status.CONFIRMED  # the demo patron's address is confirmed
    assert registration.event.starts_at > timezone.now()
    assert Feedback.objects.filter(user=patron).count() == 1


def test_staff_see_an_unconfirmed_category_only_where_it_needs_proof(client, librarian):
    demo_load_prices()
    librarian.preferred_language = "en"
    librarian.save()
    client.force_login(librarian)
    for code, unconfirmed in (("reduced", True), ("adult", False)):
        request = IllRequestFactory()
        PatronProfile.objects.create(user=request.patron, category=PatronCategory.objects.get(code=code))
        page = client.get(f"/admin/ill/illrequest/{request.pk}/change/").content.decode()
        assert PatronCategory.objects.get(code=code).name_en in unescape(page)
        assert ("(not yet confirmed by the library)" in page) is unconfirmed
