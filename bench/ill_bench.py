"""Interlibrary-loan scenarios of `make bench` (called by bench/run.py).

Seeding (`python bench/ill_bench.py seed`, in the bench database): 100,000 requests, 200 of them
belonging to the patron whose list page is driven; a second patron submits through the API. It
prints a JSON line with that patron's API token and the first one's session cookie.

Then: API submissions at 16 connections, every 10th request replaying the key of the one before (a
double click, often in flight at the same time as the first). Afterwards each request id answered
with 201 must be a row of that run (nothing lost), no key may have two rows (nothing duplicated),
and each replay's 200 must name a row of the run. Then the patron's list page.

Targets (issue 14): a busy library site serves about 1 page view a second with peaks of 20
concurrent users, a network of 100 libraries about 3 a second; ILL submission >= 100 requests/s
at 16 connections is far above either, with room for the machine's other work. Each figure is
also printed as a ratio to the bare Django page measured in the same run (bench/bare.py).
"""

import json
import os
import sys
import tempfile
from pathlib import Path

ROWS = 100_000
OWN_ROWS = 200
OTHER_PATRONS = 500
SUBMIT_TARGET = 100.0
SUBMIT_CONNECTIONS = 16
LIST_TARGET = 150.0

LUA = r"""
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  created = 0
  replayed = 0
  other = 0
  sent_replays = 0
  issued = 0
  created_ids = ""
  replayed_ids = ""
end
function request()
  counter = counter + 1
  issued = issued + 1
  local n = counter
  if counter % 10 == 0 then
    n = counter - 1
    sent_replays = sent_replays + 1
  end
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Token __TOKEN__"
  headers["Idempotency-Key"] = "__RUN__-" .. id .. "-" .. n
  return wrk.format("POST", "/api/v1/ill/requests/", headers, [[__BODY__]])
end
function response(status, headers, body)
  local request_id = string.match(body, '"id":%s*(%d+)') or "none"
  if status == 201 then
    created = created + 1
    created_ids = created_ids .. request_id .. " "
  elseif status == 200 then
    replayed = replayed + 1
    replayed_ids = replayed_ids .. request_id .. " "
  else
    other = other + 1
  end
end
function done(summary, latency, requests)
  local c, r, o, s, i = 0, 0, 0, 0, 0
  local ids = io.open("__IDS__", "w")
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("replayed")
    o = o + t:get("other")
    s = s + t:get("sent_replays")
    i = i + t:get("issued")
    ids:write("created ", t:get("created_ids"), "\n", "replayed ", t:get("replayed_ids"), "\n")
  end
  ids:close()
  io.write(string.format("ILL-COUNTS created=%d replayed=%d other=%d sent_replays=%d issued=%d\n", c, r, o, s, i))
end
"""


def seed() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_portal.settings")
    import django

    django.setup()
    import datetime as dt
    import secrets
    from decimal import Decimal

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection, transaction
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from ill.models import IllRequest, PostalTariff, Status
    from library_portal.demo.fixtures import demo_fixture
    from library_portal.models import User
    from services.models import Branch

    with transaction.atomic():
        with connection.cursor() as cursor:
            # The bench database is its own: requests and queued notices of earlier runs go.
            cursor.execute(
                "TRUNCATE ill_illrequest, ill_statuschange, ill_costline, ill_message, "
                "django_tasks_database_dbtaskresult CASCADE"
            )
        for scope, bands in demo_fixture("ill", "postal_tariffs").items():
            for band in bands:
                PostalTariff.objects.update_or_create(
                    scope=scope, max_weight_g=band["max_weight_g"], defaults={"price": Decimal(band["price"])}
                )
        password = secrets.token_urlsafe(16)
        lister, _ = User.objects.get_or_create(email="bench-list@example.org", defaults={"first_name": "Ona"})
        submitter, _ = User.objects.get_or_create(email="bench-submit@example.org", defaults={"first_name": "Jonas"})
        others = [User.objects.get_or_create(email=f"bench-{n}@example.org")[0] for n in range(OTHER_PATRONS)]
        for user in (lister, submitter):
            user.set_password(password)
            user.save()
        branches = list(Branch.objects.all()[:5])
        statuses = list(Status.values)
        today = timezone.localdate()
        batch = []
        for n in range(ROWS):
            patron = lister if n < OWN_ROWS else others[n % OTHER_PATRONS]
            batch.append(
                IllRequest(
                    patron=patron,
                    kind="loan",
                    status=statuses[n % len(statuses)],
                    title=f"Knyga {n}",
                    author="Donelaitis, Kristijonas",
                    pickup_branch=branches[n % len(branches)],
                    not_needed_after=today + dt.timedelta(days=30 + n % 60),
                    max_cost=Decimal("10.00"),
                    due_date=today + dt.timedelta(days=n % 30),
                )
            )
            if len(batch) == 5000:
                IllRequest.objects.bulk_create(batch)
                batch = []
        IllRequest.objects.bulk_create(batch)
        token, _ = Token.objects.get_or_create(user=submitter)
        session = SessionStore()
        session[SESSION_KEY] = str(lister.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = lister.get_session_auth_hash()
        session.create()
        branch_slug = branches[0].slug
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE ill_illrequest")
    print(json.dumps({"token": token.key, "session": session.session_key, "branch": branch_slug}))


def rows_of_run(env: dict, run_id: str) -> dict[int, str]:
    """The requests this run created in the bench database: id -> idempotency key."""
    import psycopg2

    with psycopg2.connect(env["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT id, idempotency_key FROM ill_illrequest WHERE idempotency_key LIKE %s", [f"{run_id}-%"])
        return dict(cursor.fetchall())


def read_ids(path: str) -> tuple[list[int], list[int]]:
    """The request ids wrk's threads read from the 201 and the 200 answers (-1 for an answer without an id)."""
    created: list[int] = []
    replayed: list[int] = []
    for line in Path(path).read_text().splitlines():
        kind, _sep, ids = line.partition(" ")
        (created if kind == "created" else replayed).extend(-1 if i == "none" else int(i) for i in ids.split())
    return created, replayed


def run(*, env: dict, seeded: dict, wrk, parse_wrk, fetch, bare_rps: float) -> bool:
    """Drive the ILL scenarios; True when a target is missed or something was lost or duplicated."""
    import datetime as dt
    import re
    import secrets

    failed = False
    body = json.dumps(
        {
            "kind": "loan",
            "title": "Metai",
            "author": "Donelaitis, Kristijonas",
            "isbn": "9780306406157",
            "pickup_branch": seeded["branch"],
            "not_needed_after": (dt.date.today() + dt.timedelta(days=60)).isoformat(),
            "max_cost": "10.00",
            "accept_cost": True,
        }
    )
    run_id = f"bench{SUBMIT_CONNECTIONS}-{secrets.token_hex(4)}"
    ids_file = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False).name  # noqa: SIM115 - wrk writes it
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115 - wrk reads it
    handle.write(
        LUA.replace("__TOKEN__", seeded["token"])
        .replace("__RUN__", run_id)
        .replace("__BODY__", body)
        .replace("__IDS__", ids_file)
    )
    handle.close()
    output = wrk("POST", "/api/v1/ill/requests/", None, script=handle.name, connections=SUBMIT_CONNECTIONS)
    rps, p50, p99, _non2xx = parse_wrk(output)
    found = re.search(r"ILL-COUNTS (.*)", output).group(1)
    counts = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", found)}
    rows = rows_of_run(env, run_id)
    created_ids, replayed_ids = read_ids(ids_file)
    keys = list(rows.values())
    # Lost: a 201 whose request is not a row of this run. Duplicated: a key with two rows, or two 201s
    # naming one row. A replay's 200 must name a row of the run too.
    lost = sum(1 for request_id in created_ids if request_id not in rows)
    duplicated = (len(keys) - len(set(keys))) + (len(created_ids) - len(set(created_ids)))
    stray_replays = sum(1 for request_id in replayed_ids if request_id not in rows)
    ok_rate = rps >= SUBMIT_TARGET
    honest = lost == duplicated == stray_replays == counts["other"] == 0 and counts["sent_replays"] > 0
    failed |= not (ok_rate and honest)
    print(
        f"{'ILL submit API':<16} {f'c={SUBMIT_CONNECTIONS}':<28} {rps:>9.1f} {rps / bare_rps:>6.2f} {p50:>8.2f} "
        f"{p99:>8.2f}  {'met' if ok_rate else 'MISSED'} (>= {SUBMIT_TARGET:.0f} req/s)\n"
        f"{'':<16} 201 answers {counts['created']}, rows {len(rows)} "
        f"({len(rows) - counts['created']} answered after wrk stopped), lost {lost}, duplicated {duplicated}; "
        f"{counts['sent_replays']} replayed keys answered 200 {counts['replayed']} times, "
        f"{stray_replays} naming no row of the run; other answers {counts['other']} "
        f"{'met' if honest else 'MISSED'} (0 lost, 0 duplicated)"
    )
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115 - wrk reads it
    handle.write(f'wrk.headers["Cookie"] = "sessionid={seeded["session"]}"\n')
    handle.close()
    page = fetch("GET", "/lt/ill/", headers={"Cookie": f"sessionid={seeded['session']}"})
    assert b"Knyga 199" in page, "the list page did not show the patron's requests"
    rps, p50, p99, errors = parse_wrk(wrk("GET", "/lt/ill/", None, script=handle.name))
    ok = rps >= LIST_TARGET and errors == 0
    failed |= not ok
    print(
        f"{'ILL my requests':<16} {'/lt/ill/ (200 of 100,000)':<28} {rps:>9.1f} {rps / bare_rps:>6.2f} {p50:>8.2f} "
        f"{p99:>8.2f}  "
        f"{'met' if ok else 'MISSED'} (>= {LIST_TARGET:.0f} req/s)"
    )
    return failed


if __name__ == "__main__" and sys.argv[1:] == ["seed"]:
    seed()
