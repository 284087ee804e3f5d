"""The staff's day on one page: /admin/ opens on "Today", whose counts are right, link to lists that show exactly
those items, stay a constant number of queries whatever the data, and show each member of staff only what they may
see."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from feedback.models import FeedbackStatus
from ill.models import IllRequest, Status
from library_portal.selectors import working_days_before
from services.models import Consultation, Registration
from tests.conftest import PASSWORD
from tests.factories import EServiceFactory, EventFactory, FeedbackFactory, IllRequestFactory

# A Wednesday at ten, Vilnius time: "today" and "7 days ago" do not depend on when the suite runs.
NOW = dt.datetime(2026, 6, 17, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def a_day_of_work(scale: int) -> None:
    """`scale` of each thing that waits for staff, and as many that do not."""
    today = timezone.localdate()
    for _ in range(scale):
        IllRequestFactory(status=Status.SUBMITTED)
        IllRequestFactory(status=Status.ORDERED)  # not waiting for anyone here
        waiting = IllRequestFactory(status=Status.AWAITING_APPROVAL)
        IllRequest.objects.filter(pk=waiting.pk).update(updated_at=timezone.now() - dt.timedelta(days=8))
        IllRequestFactory(status=Status.NEEDS_INFO)  # asked today: not yet late
        IllRequestFactory(status=Status.READY, due_date=today + dt.timedelta(days=2))
        IllRequestFactory(status=Status.ON_LOAN, due_date=today + dt.timedelta(days=20))
        IllRequestFactory(status=Status.ON_LOAN, due_date=today - dt.timedelta(days=1))
        late = FeedbackFactory(status=FeedbackStatus.NEW)
        late.__class__.objects.filter(pk=late.pk).update(created_at=timezone.now() - dt.timedelta(days=20))
        FeedbackFactory(status=FeedbackStatus.NEW)  # came in today
        eservice = EServiceFactory()
        event = EventFactory(starts_at=timezone.now() + dt.timedelta(hours=3), capacity=5)
        Consultation.objects.create(date=today, branch=event.branch, eservice=eservice, people=2)
        Registration.objects.create(
            event=event,
            name="Ona",
            email="ona@example.org",
            status=Registration.Status.CONFIRMED,
            consent_at=timezone.now(),
        )
        Registration.objects.create(
            event=event,
            name="Jonas",
            phone="+37060000000",
            status=Registration.Status.WAITLISTED,
            consent_at=timezone.now(),
        )
        EventFactory()  # next week


def log_in(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


def counts(response) -> dict[str, tuple[int, str]]:
    return {item.label: (item.count, item.url) for item in response.context["today"]["counts"]}


def test_the_back_office_opens_on_today_with_the_right_counts_and_links(client, librarian):
    a_day_of_work(1)
    response = log_in(client, librarian).get(reverse("admin:index"))
    shown = counts(response)
    assert [count for count, _url in shown.values()] == [1, 1, 1, 1, 1, 1]
    assert list(shown) == [
        "Nauji tarpbibliotekinio abonemento užsakymai",
        "Užsakymai, kurių skaitytojas neatsako ilgiau nei 7 dienas",
        "Leidiniai skaitykloje, kurių panaudos terminas baigiasi per 3 dienas",
        "Vėluojama grąžinti skolinančioms bibliotekoms",
        "Atsiliepimai, į kuriuos neatsakyta per 10 darbo dienų",
        "Šiandien užregistruotos konsultacijos",
    ]
    # Each link opens a list showing exactly the items counted.
    for count, url in list(shown.values())[:5]:
        listing = client.get(url)
        assert listing.status_code == 200, url
        assert listing.context["cl"].result_count == count, url
    [event] = response.context["today"]["events"]
    assert (event.confirmed, event.held, event.waiting) == (1, 0, 1)
    assert "Šiandienos renginiai" in response.content.decode()


def test_today_costs_the_same_queries_whatever_the_amount_of_data(client, manager, django_assert_num_queries):
    log_in(client, manager)
    a_day_of_work(1)
    with django_assert_num_queries(9) as small:  # the session is read from the cache, not counted here
        client.get(reverse("admin:index"))
    a_day_of_work(4)  # five times the data (more only makes the test slower: a per-row query shows at five)
    with django_assert_num_queries(len(small)):
        response = client.get(reverse("admin:index"))
    assert [count for count, _url in counts(response).values()][:5] == [5, 5, 5, 5, 5]


def test_failed_tasks_are_counted_for_managers_only(client, librarian, manager):
    librarian_page = log_in(client, librarian).get(reverse("admin:index"))
    assert "Nepavykusios arba užstrigusios foninės užduotys" not in counts(librarian_page)
    client.logout()
    manager_page = log_in(client, manager).get(reverse("admin:index"))
    assert counts(manager_page)["Nepavykusios arba užstrigusios foninės užduotys"][0] == 0


def test_the_answer_target_counts_working_days():
    wednesday = dt.date(2026, 6, 17)
    assert working_days_before(wednesday, 10) == dt.date(2026, 6, 3)
    assert working_days_before(dt.date(2026, 6, 15), 1) == dt.date(2026, 6, 12)  # Monday → the Friday before
