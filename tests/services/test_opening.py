"""The "open now" logic, on plain rows: no database needed."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from services.opening import day_status, hours_days, live_state

VILNIUS = ZoneInfo("Europe/Vilnius")


@dataclass
class Hours:
    weekday: int
    opens: dt.time
    closes: dt.time
    kind: str = "staffed"


@dataclass
class Exception_:
    date: dt.date
    closed: bool = True
    opens: dt.time | None = None
    closes: dt.time | None = None
    kind: str = ""
    reason: str = ""


def t(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def vilnius(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=VILNIUS)


# Monday to Friday 10:00–19:00, Saturday 10:00–15:00.
WEEK = [Hours(day, t("10:00"), t("19:00")) for day in range(5)] + [Hours(5, t("10:00"), t("15:00"))]


def test_branch_is_open_inside_weekday_hours():
    status = day_status(vilnius(2026, 11, 23, 12, 0), VILNIUS, "staffed", WEEK, [])  # a Monday
    assert status.open_now
    assert status.closes_at == t("19:00")
    assert [(i.opens, i.closes) for i in status.today] == [(t("10:00"), t("19:00"))]


def test_branch_is_closed_before_opening_and_says_when_it_opens():
    status = day_status(vilnius(2026, 11, 23, 9, 59), VILNIUS, "staffed", WEEK, [])
    assert not status.open_now
    assert status.opens_next == t("10:00")


def test_closing_time_itself_is_closed():
    assert not day_status(vilnius(2026, 11, 23, 19, 0), VILNIUS, "staffed", WEEK, []).open_now
    assert day_status(vilnius(2026, 11, 23, 18, 59), VILNIUS, "staffed", WEEK, []).open_now


def test_sunday_without_hours_is_closed_all_day():
    status = day_status(vilnius(2026, 11, 22, 12, 0), VILNIUS, "staffed", WEEK, [])
    assert not status.open_now
    assert status.today == []


def test_holiday_exception_closes_a_weekday():
    christmas_eve = Exception_(dt.date(2026, 12, 24), reason="Kūčios")  # a Thursday
    status = day_status(vilnius(2026, 12, 24, 12, 0), VILNIUS, "staffed", WEEK, [christmas_eve])
    assert not status.open_now
    assert status.today == []
    assert status.exception_reason == "Kūčios"


def test_changed_hours_exception_replaces_the_weekly_pattern():
    short_day = Exception_(dt.date(2026, 12, 23), closed=False, opens=t("10:00"), closes=t("14:00"))
    assert day_status(vilnius(2026, 12, 23, 13, 0), VILNIUS, "staffed", WEEK, [short_day]).open_now
    assert not day_status(vilnius(2026, 12, 23, 15, 0), VILNIUS, "staffed", WEEK, [short_day]).open_now


def test_exception_for_one_kind_leaves_other_kinds_alone():
    week = [*WEEK, Hours(0, t("07:00"), t("22:00"), kind="self_service")]
    staffed_closed = Exception_(dt.date(2026, 11, 23), kind="staffed")
    now = vilnius(2026, 11, 23, 12, 0)
    assert not day_status(now, VILNIUS, "staffed", week, [staffed_closed]).open_now
    assert day_status(now, VILNIUS, "self_service", week, [staffed_closed]).open_now


def test_kind_specific_exception_wins_over_all_kinds_exception():
    closed_all = Exception_(dt.date(2026, 11, 23))
    self_service_open = Exception_(
        dt.date(2026, 11, 23), closed=False, opens=t("08:00"), closes=t("12:00"), kind="self_service"
    )
    now = vilnius(2026, 11, 23, 9, 0)
    assert day_status(now, VILNIUS, "self_service", [], [closed_all, self_service_open]).open_now
    assert not day_status(now, VILNIUS, "staffed", WEEK, [closed_all, self_service_open]).open_now


def test_interval_ending_at_midnight_is_open_until_the_last_minute():
    week = [Hours(0, t("08:00"), t("00:00"), kind="self_service")]
    assert day_status(vilnius(2026, 11, 23, 23, 59), VILNIUS, "self_service", week, []).open_now
    assert not day_status(vilnius(2026, 11, 24, 0, 0), VILNIUS, "self_service", week, []).open_now


def test_interval_past_midnight_belongs_to_the_day_it_started():
    week = [Hours(4, t("20:00"), t("02:00"))]  # Friday night event hours
    assert day_status(vilnius(2026, 11, 28, 1, 30), VILNIUS, "staffed", week, []).open_now  # Saturday 01:30
    assert not day_status(vilnius(2026, 11, 28, 2, 0), VILNIUS, "staffed", week, []).open_now
    assert not day_status(vilnius(2026, 11, 29, 1, 30), VILNIUS, "staffed", week, []).open_now  # Sunday


def test_now_is_read_in_the_library_time_zone_not_utc():
    # 08:30 UTC on a Monday in winter is 10:30 in Vilnius (UTC+2): open.
    now = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    assert day_status(now, VILNIUS, "staffed", WEEK, []).open_now
    # The same instant is 09:30 in Helsinki's neighbour zone UTC+1 (Warsaw): still closed there.
    assert not day_status(now, ZoneInfo("Europe/Warsaw"), "staffed", WEEK, []).open_now


def test_daylight_saving_change_keeps_local_opening_time():
    # Summer time starts on 29 March 2026 (a Sunday); the Monday after, Vilnius is UTC+3.
    week = [Hours(0, t("10:00"), t("19:00"))]
    before = dt.datetime(2026, 3, 23, 8, 0, tzinfo=dt.UTC)  # 10:00 local, UTC+2
    after = dt.datetime(2026, 3, 30, 7, 0, tzinfo=dt.UTC)  # 10:00 local, UTC+3
    after_minus = dt.datetime(2026, 3, 30, 6, 59, tzinfo=dt.UTC)  # 09:59 local
    assert day_status(before, VILNIUS, "staffed", week, []).open_now
    assert day_status(after, VILNIUS, "staffed", week, []).open_now
    assert not day_status(after_minus, VILNIUS, "staffed", week, []).open_now


def test_night_hours_across_the_autumn_clock_change():
    # Clocks go back at 04:00 local (01:00 UTC) on 25 October 2026. A Saturday-night interval until
    # 03:30 local is open at 23:00 UTC (02:00 local) and closed at 00:45 UTC (03:45 local).
    week = [Hours(5, t("22:00"), t("03:30"))]
    assert day_status(dt.datetime(2026, 10, 24, 23, 0, tzinfo=dt.UTC), VILNIUS, "staffed", week, []).open_now
    assert not day_status(dt.datetime(2026, 10, 25, 0, 45, tzinfo=dt.UTC), VILNIUS, "staffed", week, []).open_now


# The state now and the hours per day of the open-data API and the widget ------------------------------------------


def test_self_service_until_midnight_changes_to_closed_at_midnight_not_at_the_start_of_the_day():
    week = [Hours(day, t("08:00"), t("00:00"), kind="self_service") for day in range(7)]
    state = live_state(vilnius(2026, 11, 23, 23, 0), VILNIUS, week, [], horizon_days=7)
    assert state.state == "self_service"
    # 08:00–00:00 every day: closed from midnight to 08:00.
    assert state.until == vilnius(2026, 11, 24, 0, 0)


def test_an_interval_past_midnight_keeps_the_branch_open_after_midnight():
    week = [Hours(4, t("20:00"), t("02:00"))]  # Friday night
    state = live_state(vilnius(2026, 11, 28, 1, 0), VILNIUS, week, [], horizon_days=7)  # Saturday 01:00
    assert (state.state, state.until) == ("staffed", vilnius(2026, 11, 28, 2, 0))
    closed = live_state(vilnius(2026, 11, 28, 2, 0), VILNIUS, week, [], horizon_days=7)
    assert (closed.state, closed.next_opening) == ("closed", vilnius(2026, 12, 4, 20, 0))


def test_round_the_clock_self_service_has_no_end_within_the_horizon():
    # Opening and closing times must differ, so round the clock is written as two halves of each day.
    week = [Hours(day, t("00:00"), t("12:00"), kind="self_service") for day in range(7)]
    week += [Hours(day, t("12:00"), t("00:00"), kind="self_service") for day in range(7)]
    state = live_state(vilnius(2026, 11, 23, 12, 0), VILNIUS, week, [], horizon_days=7)
    assert (state.state, state.until, state.next_opening) == ("self_service", None, None)


def test_staffed_hours_inside_self_service_hours_give_three_changes_in_a_day():
    week = [Hours(0, t("10:00"), t("18:00")), Hours(0, t("08:00"), t("20:00"), kind="self_service")]
    moments = [(8, 30), (12, 0), (19, 0), (21, 0)]
    states = [live_state(vilnius(2026, 11, 23, h, m), VILNIUS, week, [], horizon_days=7) for h, m in moments]
    assert [(s.state, s.until.time() if s.until else None) for s in states] == [
        ("self_service", t("10:00")),
        ("staffed", t("18:00")),
        ("self_service", t("20:00")),
        ("closed", t("08:00")),  # next Monday
    ]
    assert states[3].next_opening == vilnius(2026, 11, 30, 8, 0)


def test_closing_time_across_the_autumn_clock_change_carries_the_winter_offset():
    # Clocks go back at 04:00 local on Sunday 25 October 2026; a Saturday-night interval until 05:00.
    week = [Hours(5, t("22:00"), t("05:00"))]
    state = live_state(dt.datetime(2026, 10, 24, 21, 0, tzinfo=dt.UTC), VILNIUS, week, [], horizon_days=7)
    assert state.state == "staffed"
    assert state.until.isoformat() == "2026-10-25T05:00:00+02:00"


def test_a_closure_for_longer_than_the_horizon_gives_no_next_opening():
    closures = [Exception_(dt.date(2026, 11, 23) + dt.timedelta(days=n)) for n in range(10)]
    state = live_state(vilnius(2026, 11, 23, 12, 0), VILNIUS, WEEK, closures, horizon_days=7)
    assert (state.state, state.until, state.next_opening) == ("closed", None, None)


def test_hours_days_mark_only_the_dates_an_exception_changed():
    phone_closed = Exception_(dt.date(2026, 11, 24), kind="phone", reason="Mokymai")
    days = hours_days(dt.date(2026, 11, 23), dt.date(2026, 11, 25), ["staffed"], WEEK, [phone_closed])
    assert [day.changed for day in days] == [False, False, False]  # phone hours were not asked for
    days = hours_days(dt.date(2026, 11, 23), dt.date(2026, 11, 25), ["staffed", "phone"], WEEK, [phone_closed])
    assert [(day.changed, day.reason) for day in days] == [(False, ""), (True, "Mokymai"), (False, "")]
    assert [day.weekday for day in days] == [0, 1, 2]
