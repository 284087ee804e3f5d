"""Benchmark of the partner e-services (bench/run.py calls `run`, bench/seed.py calls `clear` and `seed`).

The e-services list and the events list at 16 connections (target: 200 requests/s each), then the
registration API at 64 connections for one event with 10 places: every request registers a new
person (a public registration, so its place is held until the link e-mailed to it is confirmed), and
afterwards exactly 10 places must be taken, held or confirmed (no overbooking: the run is far shorter
than EVENT_HOLD_MINUTES, so no hold expires during it), and the rest on the waiting list.
"""

import datetime as dt
import json
import os
import re
import subprocess
import tempfile

BENCH_EVENT = "Bench registration event"
EVENT_PLACES = 10
ESERVICES = 30
EVENTS = 60
REGISTRATION_CONNECTIONS = 64
PAGES = [("e-services list", "/lt/e-services/"), ("events list", "/lt/events/")]
TARGET_RPS = 200.0

# Each wrk thread numbers its requests, so every body carries a new e-mail address.
REGISTRATION_SCRIPT = """
local counter = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"Bench %d-%d","email":"bench-%d-%d@example.org","consent":true,"language":"lt"}',
    tid, counter, tid, counter)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
"""


def clear() -> None:
    """Remove the e-service rows that protect branches from bench/seed.py's clean-up."""
    from services.models import Consultation, EService, Event, Partner

    Consultation.objects.all().delete()
    Event.objects.all().delete()
    EService.objects.all().delete()
    Partner.objects.all().delete()


def seed(branches) -> None:
    from django.utils import timezone

    from services.models import EService, EServiceArea, EServicePlace, Event, OnlineResource, Partner

    partners = Partner.objects.bulk_create(
        Partner(
            name_lt=f"Partneris {n}",
            name_en=f"Partner {n}",
            slug=f"partneris-{n}",
            kind=Partner.Kind.NATIONAL_AGENCY,
            agreement_level=Partner.AgreementLevel.NATIONAL,
        )
        for n in range(5)
    )
    areas = list(EServiceArea.values)
    eservices = EService.objects.bulk_create(
        EService(
            area=areas[n % len(areas)],
            title_lt=f"E. paslauga {n}",
            title_en=f"E-service {n}",
            slug=f"e-paslauga-{n}",
            summary_lt=f"E. paslaugos {n} trumpas aprašymas.",
            summary_en=f"A short summary of e-service {n}.",
            order=n,
        )
        for n in range(ESERVICES)
    )
    for n, eservice in enumerate(eservices):
        eservice.partners.add(partners[n % len(partners)])
    EServicePlace.objects.bulk_create(
        EServicePlace(eservice=eservice, branch=branches[(n + k) % len(branches)], mode="librarian_computer")
        for n, eservice in enumerate(eservices)
        for k in range(3)
    )
    OnlineResource.objects.bulk_create(
        OnlineResource(eservice=eservice, title_lt="Išteklius", url="https://example.org/", language="lt")
        for eservice in eservices
    )
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=7)
    Event.objects.bulk_create(
        Event(
            title_lt=f"Mokymai {n}",
            title_en=f"Training {n}",
            branch=branches[n % len(branches)],
            eservice=eservices[n % len(eservices)],
            starts_at=start + dt.timedelta(hours=5 * n),
            ends_at=start + dt.timedelta(hours=5 * n + 2),
            capacity=12,
        )
        for n in range(EVENTS)
    )
    Event.objects.create(
        title_lt=BENCH_EVENT,
        title_en=BENCH_EVENT,
        branch=branches[0],
        starts_at=start + dt.timedelta(days=30),
        ends_at=start + dt.timedelta(days=30, hours=2),
        capacity=EVENT_PLACES,
    )
    print(f"seeded {len(partners)} partners, {ESERVICES} e-services and {EVENTS + 1} events")


def _to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def _drive_registrations(base: str, path: str) -> tuple[float, float, float, int, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REGISTRATION_SCRIPT)
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{REGISTRATION_CONNECTIONS}",
            f"-d{os.environ.get('BENCH_DURATION', '10s')}",
            "--latency",
            "-s",
            script.name,
            f"{base}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, p50, p99, total, int(non_2xx.group(1)) if non_2xx else 0


def _bench_event_id(fetch) -> int:
    """The bench event's id, read through the API page by page (it answers at most 200 events a page)."""
    offset = 0
    while True:
        events = json.loads(fetch("GET", f"/api/v1/events/?limit=200&offset={offset}"))["results"]
        for event in events:
            if event["title"] == BENCH_EVENT:
                return event["id"]
        if not events:
            raise SystemExit(f"The API lists no event named {BENCH_EVENT!r}: was bench/seed.py run?")
        offset += len(events)


def run(drive, fetch, base: str) -> bool:
    """Print the e-service results in bench/run.py's format; True when a target is missed."""
    failed = False
    for _name, path in PAGES:  # warm both workers
        for _ in range(20):
            fetch("GET", path)
    for name, path in PAGES:
        rps, p50, p99, errors = drive("GET", path, None)
        ok = rps >= TARGET_RPS and errors == 0
        failed |= not ok
        verdict = f"{'met' if ok else 'MISSED'} (>= {TARGET_RPS:.0f} req/s)"
        if errors:
            verdict += f" {errors} non-2xx responses"
        print(f"{name:<16} {path:<28} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f}  {verdict}")

    event_id = _bench_event_id(fetch)
    path = f"/api/v1/events/{event_id}/registrations/"
    rps, p50, p99, total, errors = _drive_registrations(base, path)
    after = json.loads(fetch("GET", f"/api/v1/events/{event_id}/"))
    confirmed, held, waiting = after["confirmed"], after["held"], after["waitlisted"]
    taken = confirmed + held
    ok = taken == min(EVENT_PLACES, total - errors) and after["places_left"] == EVENT_PLACES - taken and errors == 0
    failed |= not ok
    verdict = (
        f"{'met' if ok else 'MISSED'} (no overbooking: {taken} taken of {EVENT_PLACES} places ({held} held until "
        f"confirmed, {confirmed} confirmed), {waiting} waiting, {total} requests, {errors} non-2xx; "
        f"{REGISTRATION_CONNECTIONS} connections)"
    )
    print(f"{'registration API':<16} {path:<28} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f}  {verdict}")
    return failed
