"""Room booking scenarios of `make bench` (BENCH_ONLY=rooms; bench/seed.py calls `clear` and `seed`, bench/run.py
calls `run`).

- A room's availability, as the public reads it: its page `/lt/rooms/<slug>/` (the week grid, rendered for each
  request) and `GET /api/v1/rooms/<slug>/availability/` for the same week, each at 16 connections, >= 1.0x the bare
  Django page of the same run (bench/bare.py). The week has a few bookings a day, with buffers.
- 64 patrons, each with an API token and a connection of their own, request the same slot at the same moment,
  three times (three slots): exactly one request may be held each time (201), every other answer must be 409
  `slot_taken`, none 5xx, and the database must hold exactly one row for the slot
  (the exclusion constraint rooms_booking_no_overlap decides; the application never asks "is it free?").

bench/run.py imports this file as `rooms` (its own folder comes first on sys.path, before the app of that name):
only the standard library is imported at the top; Django is imported inside `clear()` and `seed()`, which run in
bench/seed.py's process, where the project's folder comes first and `rooms` is the app.
"""

import datetime as dt
import http.client
import json
import os
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

SLUG = "bench-hall"
RACERS = 64
# Three free slots of the race week: (day after its Monday, start, end), in the library's local time.
RACE_SLOTS = [(1, "10:00", "12:00"), (2, "14:00", "16:00"), (3, "09:00", "10:00")]
RATIO_TARGET = 1.0
# The bookings of the driven week: (start hour, hours) each weekday, with the room's 15-minute buffers.
SEEDED = [(9, 2), (13, 1), (16, 2)]


def _bench_db_url() -> str:
    """The bench's database: bench/run.py's processes get it as BENCH_DATABASE_URL; bench/run.py itself derives it
    from DATABASE_URL by its rule (the name with `_bench` appended, even to a name that ends in `_bench` already)."""
    if "BENCH_DATABASE_URL" in os.environ:
        return os.environ["BENCH_DATABASE_URL"]
    base, _sep, name = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/library_portal").rpartition(
        "/"
    )
    return f"{base}/{name.split('?')[0]}_bench"


def _facts_file() -> Path:
    return Path(tempfile.gettempdir()) / f"bench-rooms-{_bench_db_url().rsplit('/', 1)[-1]}.json"


# Seeding (in bench/seed.py's process) ----------------------------------------------------------------


def clear() -> None:
    """Remove the rooms and their bookings, which protect branches and price lists from bench/seed.py's clean-up."""
    from rooms.models import Booking, Room

    Booking.objects.all().delete()
    Room.objects.all().delete()


def seed(branches) -> None:
    """The hall of seed 004 in the first branch (staffed Monday to Saturday 9–18), three bookings on each weekday of
    the week driven, and 64 patrons with API tokens; the facts go to a file bench/run.py reads."""
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from library_portal.models import User
    from rooms.models import Booking, Kind, Room, Status
    from rooms.selectors import zone
    from rooms.services import held_range

    room = Room.objects.create(
        branch=branches[0],
        slug=SLUG,
        name_lt="Renginių/parodų salė",
        name_en="Events/exhibition hall",
        capacity=60,
        has_equipment=True,
        price_code="room-t12-hall",
        price_code_with_equipment="room-t12-hall-equipment",
        buffer_before_minutes=15,
        buffer_after_minutes=15,
        # Each patron requests once per slot of the race: the per-person limit must not be what refuses them.
        max_active_per_person=len(RACE_SLOTS) + 1,
    )
    patrons = [User.objects.get_or_create(email=f"bench-room-{n}@example.org")[0] for n in range(RACERS)]
    tokens = [Token.objects.get_or_create(user=patron)[0].key for patron in patrons]
    tz = zone()
    today = timezone.now().astimezone(tz).date()
    monday = today + dt.timedelta(days=14 - today.weekday())  # the week after next: past the lead time
    rows = []
    for day in range(5):
        date = monday + dt.timedelta(days=day)
        for hour, hours in SEEDED:
            start = dt.datetime.combine(date, dt.time(hour), tzinfo=tz)
            end = start + dt.timedelta(hours=hours)
            rows.append(
                Booking(
                    room=room,
                    kind=Kind.BOOKING,
                    status=Status.APPROVED if hour == 9 else Status.REQUESTED,
                    start=start,
                    end=end,
                    held=held_range(room, start, end),
                    user=patrons[len(rows) % RACERS],
                    purpose="Bench",
                    people=10,
                    phone="+370 441 12345",
                )
            )
    Booking.objects.bulk_create(rows)
    race_monday = monday + dt.timedelta(days=7)
    _facts_file().write_text(
        json.dumps({"monday": monday.isoformat(), "race_monday": race_monday.isoformat(), "tokens": tokens})
    )
    print(f"seeded the room {SLUG} with {len(rows)} bookings and {RACERS} patrons with API tokens")


# The scenarios (in bench/run.py's process) ------------------------------------------------------------


def _race(base: str, tokens: list[str], path: str, body: str) -> tuple[Counter, list[float], str]:
    """Each patron opens a connection of their own, then all send the same request at once. Returns the count of
    each status, the seconds each took, and the message of one 409."""
    host, port = base.removeprefix("http://").split(":")
    barrier = threading.Barrier(len(tokens))
    statuses: list = [None] * len(tokens)
    seconds: list = [0.0] * len(tokens)
    message = [""]

    def send(n: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        try:
            connection.connect()
            barrier.wait(timeout=60)
            started = time.perf_counter()
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "Authorization": f"Token {tokens[n]}",
                    "Accept-Language": "fi",
                },
            )
            answer = connection.getresponse()
            data = answer.read()
            statuses[n], seconds[n] = answer.status, time.perf_counter() - started
            if answer.status == 409:
                message[0] = json.loads(data)["error"]["message"]
        except OSError as error:  # counted as "no answer"
            statuses[n] = f"no answer ({error.__class__.__name__})"
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(tokens))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return Counter(statuses), seconds, message[0]


def _held_rows(start: str) -> int:
    """The rows that hold the bench room from `start` (local ISO time, read in the library's zone)."""
    import psycopg2

    with psycopg2.connect(_bench_db_url()) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM rooms_booking b JOIN rooms_room r ON r.id = b.room_id "
            "WHERE r.slug = %s AND b.status IN ('requested', 'approved') "
            "AND b.start = (%s::timestamp AT TIME ZONE (SELECT time_zone FROM services_library "
            "WHERE is_portal_library LIMIT 1))",
            [SLUG, start],
        )
        return cursor.fetchone()[0]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def run(*, drive, fetch, base: str, bare_rps: float) -> bool:
    """Drive the availability page and API, then the races; print in bench/run.py's format. True when a target is
    missed."""
    failed = False
    facts = json.loads(_facts_file().read_text())
    monday = dt.date.fromisoformat(facts["monday"])
    pages = [
        ("rooms page", f"/lt/rooms/{SLUG}/?week={monday}"),
        ("availability API", f"/api/v1/rooms/{SLUG}/availability/?from={monday}&to={monday + dt.timedelta(days=6)}"),
    ]
    for _name, path in pages:  # warm every worker
        for _ in range(20):
            fetch("GET", path)
    for name, path in pages:
        rps, p50, p99, errors = drive("GET", path, None)
        ok = rps / bare_rps >= RATIO_TARGET and errors == 0
        failed |= not ok
        verdict = f"{'met' if ok else 'MISSED'} (>= {RATIO_TARGET:.1f}x the bare page)"
        if errors:
            verdict += f" {errors} non-2xx responses"
        print(f"{name:<16} {path[:28]:<28} {rps:>9.1f} {rps / bare_rps:>6.2f} {p50:>8.2f} {p99:>8.2f}  {verdict}")

    race_monday = dt.date.fromisoformat(facts["race_monday"])
    path = f"/api/v1/rooms/{SLUG}/bookings/"
    for day, start, end in RACE_SLOTS:
        date = race_monday + dt.timedelta(days=day)
        body = {
            "start": f"{date}T{start}",
            "end": f"{date}T{end}",
            "with_equipment": True,
            "purpose": "Knygos pristatymas",
            "people": 30,
            "phone": "+370 441 12345",
        }
        statuses, seconds, message = _race(base, facts["tokens"], path, json.dumps(body))
        held = _held_rows(body["start"])
        server_errors = sum(count for status, count in statuses.items() if isinstance(status, int) and status >= 500)
        others = sum(count for status, count in statuses.items() if status not in (201, 409))
        ok = statuses[201] == 1 and statuses[409] == RACERS - 1 and server_errors == 0 and held == 1
        failed |= not ok
        print(
            f"{'room race':<16} {f'c={RACERS} {date} {start}':<28} {'':>9} {'':>6} "
            f"{_percentile(seconds, 0.5):>8.2f} {_percentile(seconds, 0.99):>8.2f}  "
            f"{'met' if ok else 'MISSED'} (exactly one held: 201 {statuses[201]}, 409 {statuses[409]}, "
            f"5xx {server_errors}, other {others}; rows holding the slot {held})"
        )
    print(f"{'':<16} a 409 in Finnish: {message}")
    return failed
