"""Opening hours as open data: a branch's hours per day, every branch's state now, CORS and cache headers."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from services.models import HoursKind
from tests.factories import BranchFactory, LibraryFactory, OpeningExceptionFactory, OpeningHoursFactory

VILNIUS = ZoneInfo("Europe/Vilnius")
ORIGIN = {"Origin": "https://www.silute.lt"}


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VILNIUS)


@pytest.fixture
def branch(db):
    """Staffed Monday to Friday 10:00–18:00 and Saturday 10:00–15:00; self-service Monday to Saturday 08:00–20:00;
    phone Monday to Friday 09:00–16:00; closed on Sunday."""
    LibraryFactory()
    branch = BranchFactory(slug="rusne", name="Rusnės filialas", name_en="Rusnė Branch")
    for weekday in range(6):
        OpeningHoursFactory(
            branch=branch, weekday=weekday, opens=dt.time(10), closes=dt.time(18 if weekday < 5 else 15)
        )
        OpeningHoursFactory(
            branch=branch, kind=HoursKind.SELF_SERVICE, weekday=weekday, opens=dt.time(8), closes=dt.time(20)
        )
        if weekday < 5:
            OpeningHoursFactory(
                branch=branch, kind=HoursKind.PHONE, weekday=weekday, opens=dt.time(9), closes=dt.time(16)
            )
    return branch


def hours(client, query: str = "", **headers):
    return client.get(f"/api/v1/branches/rusne/hours/{query}", headers=headers)


def live(client, **headers):
    return client.get("/api/v1/branches/live/?lang=en", headers=headers)


def intervals(day: dict, kind: str) -> list[tuple[str, str]]:
    return [(interval["opens"][:5], interval["closes"][:5]) for interval in day[kind]]


# Hours per day ---------------------------------------------------------------------------------------------------


def test_hours_list_every_day_of_the_range_by_kind_with_a_holiday_applied(client, branch):
    OpeningExceptionFactory(branch=branch, date=dt.date(2026, 12, 24), reason="Kūčios", reason_en="Christmas Eve")
    OpeningExceptionFactory(
        branch=branch, date=dt.date(2026, 12, 23), kind=HoursKind.STAFFED, closed=False,
        opens=dt.time(10), closes=dt.time(14), reason="Trumpesnė diena",
    )  # fmt: skip
    body = hours(client, "?from=2026-12-21&to=2026-12-27&lang=en").json()
    assert (body["branch"], body["time_zone"], body["from"], body["to"]) == (
        "rusne",
        "Europe/Vilnius",
        "2026-12-21",
        "2026-12-27",
    )
    assert body["kinds"] == ["staffed", "self_service", "phone"]
    days = {day["date"]: day for day in body["days"]}
    assert list(days) == [f"2026-12-{d}" for d in range(21, 28)]
    monday = days["2026-12-21"]
    assert (monday["weekday"], monday["changed"], monday["reason"]) == (0, False, "")
    assert intervals(monday, "staffed") == [("10:00", "18:00")]
    assert intervals(monday, "self_service") == [("08:00", "20:00")]
    assert intervals(monday, "phone") == [("09:00", "16:00")]
    # Changed staffed hours leave self-service and phone as they were.
    short = days["2026-12-23"]
    assert intervals(short, "staffed") == [("10:00", "14:00")]
    assert intervals(short, "self_service") == [("08:00", "20:00")]
    assert short["changed"] is True
    # Closed all day for every kind, with the reason in the language asked for.
    eve = days["2026-12-24"]
    assert (eve["staffed"], eve["self_service"], eve["phone"]) == ([], [], [])
    assert (eve["changed"], eve["reason"]) == (True, "Christmas Eve")
    assert days["2026-12-27"]["staffed"] == []  # Sunday


def test_hours_keep_their_wall_clock_times_across_the_spring_daylight_saving_change(client, branch):
    # Summer time begins on Sunday 29 March 2026: the week before is UTC+2, the week after UTC+3.
    body = hours(client, "?from=2026-03-23&to=2026-04-05").json()
    mondays = [day for day in body["days"] if day["weekday"] == 0]
    assert [day["date"] for day in mondays] == ["2026-03-23", "2026-03-30"]
    assert [intervals(day, "staffed") for day in mondays] == [[("10:00", "18:00")]] * 2
    assert len(body["days"]) == 14


def test_hours_default_to_a_week_from_today_in_the_library_time_zone(client, branch, time_machine):
    # 23:30 UTC on Sunday is already Monday in Vilnius.
    time_machine.move_to(dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC), tick=False)
    body = hours(client).json()
    assert (body["from"], body["to"]) == ("2026-11-23", "2026-11-29")
    from_only = hours(client, "?from=2026-12-01").json()
    assert (from_only["from"], from_only["to"]) == ("2026-12-01", "2026-12-07")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?from=2026-12-20&to=2026-12-01", "to", "The end date must not be before the start date."),
        ("?from=2026-01-01&to=2027-01-02", "to", "At most 366 days at a time: choose a shorter range."),
        ("?from=0001-01-01&to=9999-12-31", "to", "At most 366 days at a time: choose a shorter range."),
        ("?to=2000-01-01", "to", "The end date must not be before the start date."),
        ("?from=2026-1-5", "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?from=20261205", "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?from=2026-W49-1", "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?from=2026-02-30", "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?from=0000-01-01", "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?to=tomorrow", "to", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        # Present but empty is not left out: the schema's `format: date` does not allow it.
        ("?to=", "to", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?from=&to=2026-12-01", "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
        ("?from=" + "9" * 5000, "from", "Enter a date as YYYY-MM-DD, e.g. 2026-12-24."),
    ],
)
def test_a_bad_range_answers_400_in_the_one_error_shape(client, branch, query, field, message):
    response = hours(client, f"{query}&lang=en")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert response.json()["error"]["fields"] == {field: [message]}


def test_a_bad_range_is_explained_in_the_language_asked_for(client, branch):
    response = hours(client, "?from=2026-12-20&to=2026-12-01&lang=lt")
    assert response.json()["error"]["fields"] == {"to": ["Pabaigos data negali būti ankstesnė už pradžios datą."]}
    assert hours(client, "?from=2026-13-01&lang=fi").json()["error"]["fields"] == {
        "from": ["Anna päivämäärä muodossa YYYY-MM-DD, esim. 2026-12-24."]
    }


def test_the_last_dates_there_are_give_a_shorter_week_not_an_error(client, branch):
    body = hours(client, "?from=9999-12-30").json()
    assert [day["date"] for day in body["days"]] == ["9999-12-30", "9999-12-31"]
    assert len(hours(client, "?from=2028-01-01&to=2028-12-31").json()["days"]) == 366  # a leap year


def test_hours_of_an_unknown_branch_answer_404(client, branch):
    response = client.get("/api/v1/branches/nowhere/hours/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_hours_need_a_fixed_number_of_queries_for_a_year(client, branch, django_assert_max_num_queries):
    for day in range(1, 29):
        OpeningExceptionFactory(branch=branch, date=dt.date(2026, 2, day))
    # The library (from the shared cache once it is there), the branch with its weekly hours, the exceptions.
    with django_assert_max_num_queries(4):
        assert len(hours(client, "?from=2026-01-01&to=2026-12-31").json()["days"]) == 365


# Every branch's state now ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "state", "until", "next_opening"),
    [
        # Monday before the self-service doors open.
        (at(2026, 11, 23, 7, 30), "closed", "2026-11-23T08:00:00+02:00", "2026-11-23T08:00:00+02:00"),
        # Self-service before the staff come.
        (at(2026, 11, 23, 9, 0), "self_service", "2026-11-23T10:00:00+02:00", None),
        (at(2026, 11, 23, 12, 0), "staffed", "2026-11-23T18:00:00+02:00", None),
        # Self-service only after the staff have left.
        (at(2026, 11, 23, 19, 0), "self_service", "2026-11-23T20:00:00+02:00", None),
        # Sunday: closed all day; opens on Monday morning.
        (at(2026, 11, 22, 12, 0), "closed", "2026-11-23T08:00:00+02:00", "2026-11-23T08:00:00+02:00"),
        # Saturday evening before summer time: the next opening is on Monday, at UTC+3.
        (at(2026, 3, 28, 21, 0), "closed", "2026-03-30T08:00:00+03:00", "2026-03-30T08:00:00+03:00"),
    ],
)
def test_live_state_at_pinned_instants(client, branch, time_machine, now, state, until, next_opening):
    time_machine.move_to(now, tick=False)
    body = live(client).json()
    assert body["time_zone"] == "Europe/Vilnius"
    assert dt.datetime.fromisoformat(body["now"]) == now
    [row] = body["branches"]
    assert (row["slug"], row["name"], row["url"]) == ("rusne", "Rusnė Branch", "/en/branches/rusne/")
    assert (row["state"], row["until"], row["next_opening"]) == (state, until, next_opening)


def test_live_state_on_a_holiday_says_when_the_branch_opens_after_it(client, branch, time_machine):
    OpeningExceptionFactory(branch=branch, date=dt.date(2026, 12, 24))
    OpeningExceptionFactory(branch=branch, date=dt.date(2026, 12, 25))
    OpeningExceptionFactory(branch=branch, date=dt.date(2026, 12, 26))
    time_machine.move_to(at(2026, 12, 24, 12, 0), tick=False)
    [row] = live(client).json()["branches"]
    assert (row["state"], row["state_label"]) == ("closed", "Closed")
    assert row["next_opening"] == "2026-12-28T08:00:00+02:00"


def test_live_state_is_given_in_the_library_time_zone_not_the_server_one(client, branch, time_machine, settings):
    settings.TIME_ZONE = "UTC"
    time_machine.move_to(at(2026, 11, 23, 12, 0), tick=False)
    body = live(client).json()
    assert body["now"] == "2026-11-23T12:00:00+02:00"
    assert body["branches"][0]["until"] == "2026-11-23T18:00:00+02:00"


def test_a_branch_without_hours_is_closed_with_no_opening_in_sight(client, branch, time_machine):
    BranchFactory(slug="zz-nauja", order=99)
    time_machine.move_to(at(2026, 11, 23, 12, 0), tick=False)
    rows = {row["slug"]: row for row in live(client).json()["branches"]}
    assert (rows["zz-nauja"]["state"], rows["zz-nauja"]["until"], rows["zz-nauja"]["next_opening"]) == (
        "closed",
        None,
        None,
    )


def test_live_state_labels_follow_the_language(client, branch, time_machine):
    time_machine.move_to(at(2026, 11, 23, 12, 0), tick=False)
    labels = {
        lang: client.get(f"/api/v1/branches/live/?lang={lang}").json()["branches"][0]["state_label"]
        for lang in ("lt", "en", "bg", "fi")
    }
    assert labels == {
        "lt": "Darbuotojų aptarnavimas",
        "en": "Staffed service",
        "bg": "Обслужване от персонала",
        "fi": "Henkilökunta paikalla",
    }


def test_live_state_needs_the_same_queries_for_one_branch_or_many(client, branch, django_assert_num_queries):
    with django_assert_num_queries(4):  # the library (then kept in the shared cache), branches, hours, exceptions
        live(client)
    with django_assert_num_queries(3):
        live(client)
    for n in range(6):
        extra = BranchFactory(slug=f"extra-{n}")
        OpeningHoursFactory(branch=extra)
        OpeningExceptionFactory(branch=extra, date=timezone.localdate() + dt.timedelta(days=1))
    with django_assert_num_queries(3):
        assert len(live(client).json()["branches"]) == 7


# CORS and cache headers ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/branches/live/", "/api/v1/branches/rusne/hours/"])
def test_open_data_endpoints_may_be_read_from_any_site_without_credentials(client, branch, path):
    response = client.get(path, headers=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cache-Control"] in ("public, max-age=60", "public, max-age=300")
    head = client.head(path, headers=ORIGIN)
    assert head.status_code == 200 and head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/api/v1/branches/live/", "/api/v1/branches/rusne/hours/"])
def test_a_preflight_is_answered_with_the_allowed_methods_and_no_body(client, branch, path):
    response = client.options(
        path, headers={**ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "accept"}
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "accept" in response["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in response


def test_an_error_of_the_open_data_api_is_readable_from_another_site_but_not_cached(client, branch):
    response = hours(client, "?from=yesterday", **ORIGIN)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Cache-Control" not in response


def test_a_session_is_not_read_by_the_open_data_api(client, branch, patron):
    client.force_login(patron)
    response = live(client, **ORIGIN)
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize(
    "path", ["/api/v1/branches/", "/api/v1/branches/rusne/", "/api/v1/services/", "/api/v1/price-lists/current/"]
)
def test_other_api_endpoints_send_no_cors_header(client, branch, path):
    response = client.get(path, headers=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response
    preflight = client.options(path, headers={**ORIGIN, "Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in preflight


def test_writes_to_the_open_data_endpoints_are_refused(client, branch):
    response = client.post("/api/v1/branches/live/", {}, content_type="application/json")
    assert response.status_code == 405
    assert response.json()["error"]["status"] == 405


# The schema ------------------------------------------------------------------------------------------------------


def test_both_endpoints_are_in_the_openapi_schema_with_their_parameters(client, db):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/branches/{slug}/hours/"]["get"]
    parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
    assert parameters["from"]["format"] == "date" and parameters["to"]["format"] == "date"
    assert {"200", "400", "404"} <= set(operation["responses"])
    live_operation = schema["paths"]["/api/v1/branches/live/"]["get"]
    assert live_operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LiveOutput"
    }
    branch_live = schema["components"]["schemas"]["BranchLiveOutput"]["properties"]
    assert branch_live["until"]["nullable"] is True and branch_live["next_opening"]["nullable"] is True
