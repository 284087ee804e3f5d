"""Public e-service and event pages, the API, and the staff pages (attendees, consultations, statistics)."""

import csv
import datetime as dt
import io

import icalendar
import pytest
from django.utils import timezone
from openpyxl import load_workbook

from services.models import Consultation, EServicePlace, Registration
from services.registrations import event_registration_confirm, event_registration_create
from services.selectors import service_statistics
from tests.conftest import PASSWORD
from tests.factories import (
    BranchFactory,
    EServiceFactory,
    EventFactory,
    LibraryFactory,
    OpeningHoursFactory,
    PartnerFactory,
)

SITE = "http://testserver"


def register(event, n, *, confirm=True, **overrides):
    """A public registration; by default the registrant also confirms the held place through the link."""
    values = {"name": f"Person {n}", "email": f"p{n}@example.org", "phone": "", "consent": True, "language": "lt"}
    registration = event_registration_create(event=event, site_url=SITE, **(values | overrides))
    if confirm and registration.status == Registration.Status.HELD:
        registration = event_registration_confirm(registration=registration, site_url=SITE)
    return registration


@pytest.fixture
def catalogue(db):
    """Two branches; a utility e-service offered at the first and at another library; an e-health one at the second."""
    LibraryFactory()
    central = BranchFactory(name="Centrinė", name_en="Central", slug="central")
    rural = BranchFactory(name="Kaimo filialas", name_en="Rural branch", slug="rural")
    OpeningHoursFactory(branch=central)
    other = LibraryFactory(
        name="Pasvalio viešoji biblioteka", name_en="Pasvalys Public Library", is_portal_library=False
    )
    lesto = PartnerFactory(name="AB LESTO", name_en="AB LESTO", slug="lesto")
    utility = EServiceFactory(title="Elektros savitarna", title_en="Electricity self-service", slug="utility")
    utility.partners.add(lesto)
    EServicePlace.objects.create(eservice=utility, branch=central, mode=EServicePlace.Mode.SELF_SERVICE_POINT)
    EServicePlace.objects.create(eservice=utility, library=other, mode=EServicePlace.Mode.SELF_SERVICE_POINT)
    health = EServiceFactory(title="E. sveikata", title_en="E-health", slug="health", area="health")
    EServicePlace.objects.create(eservice=health, branch=rural, mode=EServicePlace.Mode.LIBRARIAN_COMPUTER)
    return {"central": central, "rural": rural, "utility": utility, "health": health, "lesto": lesto, "other": other}


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


# Public pages ------------------------------------------------------------------------------------


def test_eservice_list_filters_by_area_and_branch(client, catalogue):
    utility, health = 'href="/en/e-services/utility/"', 'href="/en/e-services/health/"'
    everything = client.get("/en/e-services/").content.decode()
    assert utility in everything and health in everything
    by_area = client.get("/en/e-services/?area=health").content.decode()
    assert health in by_area and utility not in by_area
    by_branch = client.get("/en/e-services/?branch=central").content.decode()
    assert utility in by_branch and health not in by_branch


def test_eservice_list_ignores_filter_values_it_does_not_know(client, catalogue):
    response = client.get("/lt/e-services/?area=<script>&branch=nowhere")
    assert response.status_code == 200
    assert "Elektros savitarna" in response.content.decode()


def test_eservice_list_needs_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/lt/e-services/")
    assert response.status_code == 200
    assert "Elektros savitarna" in response.content.decode()  # the list itself, not an empty page


def test_eservice_page_shows_where_to_get_help_with_hours_and_upcoming_trainings(client, catalogue):
    EventFactory(title_en="Self-service training", eservice=catalogue["utility"], branch=catalogue["central"])
    EventFactory(title_en="Cancelled training", eservice=catalogue["utility"], is_cancelled=True)
    page = client.get("/en/e-services/utility/").content.decode()
    assert "Central" in page
    assert "Self-service point" in page
    assert "Weekly hours" in page and "Monday" in page
    assert "Pasvalys Public Library" in page
    assert "Self-service training" in page
    assert "Cancelled training" not in page
    assert "AB LESTO" in page


def test_an_unpublished_eservice_is_not_found(client, catalogue):
    catalogue["health"].is_published = False
    catalogue["health"].save()
    assert client.get("/lt/e-services/health/").status_code == 404


def test_each_branch_page_lists_its_eservices(client, catalogue):
    page = client.get("/en/branches/rural/").content.decode()
    assert "E-health" in page
    assert "Electricity self-service" not in page


def test_events_list_shows_upcoming_events_filtered_by_branch_and_area(client, catalogue):
    EventFactory(title_en="Soon at central", branch=catalogue["central"], eservice=catalogue["utility"])
    EventFactory(title_en="Soon at rural", branch=catalogue["rural"], eservice=catalogue["health"])
    EventFactory(
        title_en="Long past",
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-2),
    )
    page = client.get("/en/events/").content.decode()
    assert "Soon at central" in page and "Soon at rural" in page and "Long past" not in page
    rural = client.get("/en/events/?branch=rural").content.decode()
    assert "Soon at rural" in rural and "Soon at central" not in rural
    utility = client.get("/en/events/?area=utility").content.decode()
    assert "Soon at central" in utility and "Soon at rural" not in utility


def test_events_list_needs_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    events = [EventFactory(branch=catalogue["central"], eservice=catalogue["utility"]) for _n in range(5)]
    with django_assert_max_num_queries(8):
        response = client.get("/lt/events/")
    assert response.status_code == 200
    assert all(event.title in response.content.decode() for event in events)  # the list itself, not an empty page


def test_the_calendar_feed_lists_upcoming_events(client, catalogue):
    EventFactory(title_en="In the feed")
    EventFactory(title_en="Cancelled", is_cancelled=True)
    response = client.get("/en/events/feed.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["In the feed"]


def test_the_registration_form_keeps_the_entries_and_explains_a_bad_email(client, catalogue):
    event = EventFactory()
    response = client.post(
        f"/en/events/{event.pk}/", {"name": "Ona Onaitė", "email": "ona@", "phone": "", "consent": "on"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert 'value="Ona Onaitė"' in page
    assert Registration.objects.count() == 0


def test_registering_twice_with_the_same_email_shows_a_translated_message(client, catalogue):
    event = EventFactory()
    data = {"name": "Ona", "email": "ona@example.org", "phone": "", "consent": "on"}
    assert client.post(f"/lt/events/{event.pk}/", data).status_code == 200
    again = client.post(f"/lt/events/{event.pk}/", data)
    assert again.status_code == 400
    assert "jau užregistruotas" in again.content.decode()
    assert Registration.objects.count() == 1


def test_a_closed_event_page_explains_why_and_refuses_a_post(client, catalogue):
    event = EventFactory(is_cancelled=True)
    assert "This event is cancelled." in client.get(f"/en/events/{event.pk}/").content.decode()
    response = client.post(f"/en/events/{event.pk}/", {"name": "Ona", "email": "ona@example.org", "consent": "on"})
    assert response.status_code == 400
    assert Registration.objects.count() == 0


# API ---------------------------------------------------------------------------------------------


def test_api_lists_partners_eservices_and_upcoming_events(client, catalogue):
    event = EventFactory(capacity=3, eservice=catalogue["utility"], partner=catalogue["lesto"])
    register(event, 1)
    partners = client.get("/api/v1/partners/?lang=en").json()
    assert [p["slug"] for p in partners["results"]] == ["lesto"]
    eservices = client.get("/api/v1/e-services/?lang=en").json()["results"]
    utility = next(e for e in eservices if e["slug"] == "utility")
    assert utility["partners"] == ["lesto"]
    assert {p["branch"] or p["library"] for p in utility["places"]} == {"central", "Pasvalys Public Library"}
    (listed,) = client.get("/api/v1/events/").json()["results"]
    assert (listed["id"], listed["confirmed"], listed["places_left"]) == (event.pk, 1, 2)


def test_api_list_endpoints_need_a_fixed_number_of_queries(client, catalogue, django_assert_max_num_queries):
    for _n in range(5):
        EventFactory(eservice=catalogue["utility"])
    with django_assert_max_num_queries(6):
        client.get("/api/v1/e-services/")
    with django_assert_max_num_queries(4):
        client.get("/api/v1/events/")


def test_api_registration_answers_201_then_409_for_the_same_email(client, catalogue):
    event = EventFactory(capacity=1)
    body = {"name": "Ona", "email": "ona@example.org", "consent": True}
    first = client.post(f"/api/v1/events/{event.pk}/registrations/", body, content_type="application/json")
    assert first.status_code == 201
    assert first.json()["status"] == "held"
    second = client.post(f"/api/v1/events/{event.pk}/registrations/", body, content_type="application/json")
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "already_registered"
    other = {"name": "Jonas", "email": "jonas@example.org", "consent": True}
    third = client.post(f"/api/v1/events/{event.pk}/registrations/", other, content_type="application/json")
    assert third.json()["status"] == "waitlisted"


def test_api_registration_refuses_bad_input_with_the_common_error_shape(client, catalogue):
    event = EventFactory()
    url = f"/api/v1/events/{event.pk}/registrations/"
    bad = client.post(url, {"name": "", "email": "x", "consent": "maybe"}, content_type="application/json")
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"name", "email", "consent"}
    no_consent = client.post(
        url, {"name": "Ona", "email": "o@example.org", "consent": False}, content_type="application/json"
    )
    assert no_consent.status_code == 400
    assert no_consent.json()["error"]["code"] == "consent_required"
    assert client.post("/api/v1/events/999999/registrations/", {}, content_type="application/json").status_code == 404
    past = EventFactory(
        starts_at=timezone.now() - dt.timedelta(hours=1), ends_at=timezone.now() + dt.timedelta(hours=1)
    )
    closed = client.post(
        f"/api/v1/events/{past.pk}/registrations/",
        {"name": "Ona", "email": "o@example.org", "consent": True},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert closed.status_code == 409
    assert closed.json()["error"]["message"] == "This event has already taken place; registration is closed."
    assert Registration.objects.count() == 0


# Staff pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/lt/staff/consultations/", "/lt/staff/e-service-statistics/"])
def test_staff_pages_are_closed_to_patrons(client, catalogue, patron, path):
    assert client.get(path).status_code == 403
    login(client, patron)
    assert client.get(path).status_code == 403


def test_a_librarian_sees_the_attendee_list_and_marks_attendance(client, catalogue, librarian, patron):
    event = EventFactory()
    came = register(event, 1)
    absent = register(event, 2)
    login(client, patron)
    assert client.get(f"/lt/staff/events/{event.pk}/").status_code == 403
    login(client, librarian)
    page = client.get(f"/en/staff/events/{event.pk}/").content.decode()
    assert "Person 1" in page and "p2@example.org" in page
    response = client.post(f"/en/staff/events/{event.pk}/", {"mark_attendance": "1", "attended": [str(came.pk)]})
    assert response.status_code == 302
    came.refresh_from_db()
    absent.refresh_from_db()
    assert (came.attended, absent.attended) == (True, False)


def test_staff_message_the_registrants(client, catalogue, librarian, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    event = EventFactory()
    register(event, 1)
    DBTaskResult.objects.all().delete()
    login(client, librarian)
    empty = client.post(f"/en/staff/events/{event.pk}/", {"send_message": "1", "subject": "", "body": ""})
    assert empty.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            f"/en/staff/events/{event.pk}/", {"send_message": "1", "subject": "Room changed", "body": "Room 2 now."}
        )
    assert sent.status_code == 302
    (task,) = DBTaskResult.objects.all()
    assert task.args_kwargs["kwargs"]["subject"] == "Room changed"
    assert "Room 2 now." in task.args_kwargs["kwargs"]["body"]


def test_staff_cancel_an_event_from_the_attendee_page(client, catalogue, librarian):
    event = EventFactory()
    login(client, librarian)
    assert client.post(f"/en/staff/events/{event.pk}/", {"cancel_event": "1"}).status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled


def test_a_librarian_records_a_consultation_in_one_click_and_the_branch_is_remembered(client, catalogue, librarian):
    login(client, librarian)
    data = {
        "date": timezone.localdate().isoformat(),
        "branch": catalogue["rural"].pk,
        "eservice": catalogue["health"].pk,
        "people": 2,
        "minutes": 20,
    }
    assert client.post("/lt/staff/consultations/", data).status_code == 302
    consultation = Consultation.objects.get()
    assert (consultation.people, consultation.minutes, consultation.recorded_by) == (2, 20, librarian)
    form = client.get("/lt/staff/consultations/").content.decode()
    assert f'<option value="{catalogue["rural"].pk}" selected>' in form


def test_a_consultation_with_bad_numbers_or_a_future_date_is_refused(client, catalogue, librarian):
    login(client, librarian)
    data = {"date": "", "branch": catalogue["rural"].pk, "eservice": catalogue["health"].pk, "people": 0, "minutes": 5}
    response = client.post("/en/staff/consultations/", data)
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    future = {**data, "people": 1, "date": (timezone.localdate() + dt.timedelta(days=2)).isoformat()}
    response = client.post("/en/staff/consultations/", future)
    assert response.status_code == 400
    assert "A consultation cannot be recorded for a future date." in response.content.decode()
    assert Consultation.objects.count() == 0


def test_a_librarian_corrects_and_deletes_todays_own_entries_where_they_were_made(
    client, catalogue, librarian, manager
):
    login(client, librarian)
    today = timezone.localdate().isoformat()
    data = {
        "date": today,
        "branch": catalogue["rural"].pk,
        "eservice": catalogue["health"].pk,
        "people": 2,
        "minutes": 20,
    }
    client.post("/lt/staff/consultations/", data)
    client.post("/lt/staff/consultations/", {**data, "people": 3})
    first, second = Consultation.objects.order_by("pk")
    page = client.get("/lt/staff/consultations/").content.decode()
    assert (
        f"/lt/staff/consultations/{first.pk}/edit/" in page and f"/lt/staff/consultations/{second.pk}/delete/" in page
    )
    # A wrong number is refused next to the field, with what was typed kept.
    refused = client.post(f"/lt/staff/consultations/{first.pk}/edit/", {**data, "people": 0, "minutes": 33})
    assert refused.status_code == 400
    assert 'name="minutes" value="33"' in refused.content.decode()
    assert client.post(f"/lt/staff/consultations/{first.pk}/edit/", {**data, "people": 5}).status_code == 302
    first.refresh_from_db()
    assert first.people == 5
    assert client.post(f"/lt/staff/consultations/{second.pk}/delete/").status_code == 302
    assert list(Consultation.objects.values_list("pk", flat=True)) == [first.pk]
    # Another librarian's entry, or an entry of an earlier day, is not theirs to correct here.
    client.logout()
    login(client, manager)
    assert client.post(f"/lt/staff/consultations/{first.pk}/delete/").status_code == 404
    assert client.get(f"/lt/staff/consultations/{first.pk}/edit/").status_code == 404
    client.logout()
    login(client, librarian)
    Consultation.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    assert client.post(f"/lt/staff/consultations/{first.pk}/delete/").status_code == 404
    assert Consultation.objects.count() == 1


# Statistics --------------------------------------------------------------------------------------


@pytest.fixture
def known_data(catalogue):
    """Consultations in January and February, and one event in February with 3 confirmed (2 came), 1 waiting."""
    central, rural = catalogue["central"], catalogue["rural"]
    utility, health = catalogue["utility"], catalogue["health"]
    for date, branch, eservice, people, minutes in [
        (dt.date(2026, 1, 5), central, utility, 1, 10),
        (dt.date(2026, 1, 20), central, utility, 2, 30),
        (dt.date(2026, 2, 3), rural, health, 4, 60),
        (dt.date(2025, 12, 31), central, utility, 9, 99),  # outside the period
    ]:
        Consultation.objects.create(date=date, branch=branch, eservice=eservice, people=people, minutes=minutes)
    event = EventFactory(branch=central, eservice=utility, capacity=3)
    for n in range(4):
        register(event, n)
    Registration.objects.filter(event=event, status="confirmed", name__in=["Person 0", "Person 1"]).update(
        attended=True
    )
    starts = timezone.make_aware(dt.datetime(2026, 2, 10, 10))
    type(event).objects.filter(pk=event.pk).update(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    return catalogue


def test_statistics_sum_consultations_and_registrations_per_month_branch_eservice_and_partner(known_data):
    report = service_statistics(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31))
    assert [(r.label, r.consultations, r.people, r.minutes, r.registrations, r.attended) for r in report.by_month] == [
        ("2026-01", 2, 3, 40, 0, 0),
        ("2026-02", 1, 4, 60, 3, 2),
    ]
    by_branch = {r.label: (r.consultations, r.people, r.registrations, r.attended) for r in report.by_branch}
    assert by_branch == {"Centrinė": (2, 3, 3, 2), "Kaimo filialas": (1, 4, 0, 0)}
    by_eservice = {r.label: (r.people, r.registrations) for r in report.by_eservice}
    assert by_eservice == {"Elektros savitarna": (3, 3), "E. sveikata": (4, 0)}
    by_partner = {r.key: (r.label, r.people, r.registrations) for r in report.by_partner}
    assert by_partner == {known_data["lesto"].pk: ("AB LESTO", 3, 3), None: ("(nenurodyta)", 4, 0)}
    total = report.total
    assert (total.consultations, total.people, total.minutes, total.registrations, total.attended) == (3, 7, 100, 3, 2)


def test_statistics_filter_by_partner(known_data):
    report = service_statistics(
        date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31), partner=known_data["lesto"]
    )
    assert (report.total.people, report.total.registrations) == (3, 3)


def test_the_manager_sees_charts_and_exports_csv_and_xlsx(client, known_data, manager, librarian):
    login(client, librarian)
    assert client.get("/en/staff/e-service-statistics/").status_code == 403
    login(client, manager)
    query = "date_from=2026-01-01&date_to=2026-03-31"
    page = client.get(f"/en/staff/e-service-statistics/?{query}").content.decode()
    assert "<svg" in page and "People consulted per month" in page
    exported = client.get(f"/en/staff/e-service-statistics/?{query}&export=csv")
    assert exported["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert ["2026-02", "1", "4", "60", "3", "2"] in rows
    assert rows[-1] == ["Total", "3", "7", "100", "3", "2"]
    workbook = load_workbook(io.BytesIO(client.get(f"/en/staff/e-service-statistics/?{query}&export=xlsx").content))
    months = [list(row) for row in workbook["Month"].iter_rows(values_only=True)]
    assert months[-1] == ["Total", 3, 7, 100, 3, 2]


def test_statistics_with_dates_the_wrong_way_round_explain_the_error(client, known_data, manager):
    login(client, manager)
    response = client.get("/en/staff/e-service-statistics/?date_from=2026-03-01&date_to=2026-01-01")
    assert response.status_code == 400
    assert "The end date must not be before the start date." in response.content.decode()
