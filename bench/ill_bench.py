"""Interlibrary-loan scenarios of `make bench` (called by bench/run.py).

Seeding (`python bench/ill_bench.py seed`, in the bench database): 100,000 requests, 200 of them
belonging to the patron whose list page is driven; a second patron submits through the API. It
prints a JSON line with that patron's API token and the first one's session cookie.

Then: API submissions at 16 and 64 connections, every 10th request replaying the key of the one
before (a double click); afterwards the rows in the database must equal the 201 answers counted by
wrk, and the replays must have created nothing. Then the patron's list page.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

ROWS = 100_000
OWN_ROWS = 200
OTHER_PATRONS = 500
SUBMIT_TARGET = 300.0
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
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    replayed = replayed + 1
  else
    other = other + 1
  end
end
function done(summary, latency, requests)
  local c, r, o, s, i = 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("replayed")
    o = o + t:get("other")
    s = s + t:get("sent_replays")
    i = i + t:get("issued")
  end
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

    from ill.demo import TARIFFS
    from ill.models import IllRequest, PostalTariff, Status
    from library_portal.models import User
    from services.models import Branch

    with transaction.atomic():
        with connection.cursor() as cursor:
            # The bench database is its own: requests and queued notices of earlier runs go.
            cursor.execute(
                "TRUNCATE ill_illrequest, ill_statuschange, ill_costline, ill_message, "
                "django_tasks_database_dbtaskresult CASCADE"
            )
        for scope, bands in TARIFFS.items():
            for weight, price in bands:
                PostalTariff.objects.update_or_create(scope=scope, max_weight_g=weight, defaults={"price": price})
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


def count_rows(env: dict, run_id: str) -> tuple[int, int]:
    """(rows created by this run, the most rows any one key has)."""
    import subprocess

    code = (
        "import os,sys,django;sys.path.insert(0,'.');os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
        "'library_portal.settings');django.setup();from ill.models import IllRequest;"
        "from django.db.models import Count;"
        f"rows=IllRequest.objects.filter(idempotency_key__startswith='{run_id}-');"
        "most=rows.values('idempotency_key').annotate(n=Count('id')).order_by('-n').values_list('n',flat=True).first();"
        "print(rows.count(), most or 0)"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    rows, most = result.stdout.split()
    return int(rows), int(most)


def run(*, env: dict, seeded: dict, wrk, parse_wrk, fetch) -> bool:
    """Drive the ILL scenarios; True when a target is missed or something was lost."""
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
    for connections in (16, 64):
        run_id = f"bench{connections}-{secrets.token_hex(4)}"
        handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115 - wrk reads it
        handle.write(LUA.replace("__TOKEN__", seeded["token"]).replace("__RUN__", run_id).replace("__BODY__", body))
        handle.close()
        output = wrk("POST", "/api/v1/ill/requests/", None, script=handle.name, connections=connections)
        rps, p50, p99, _non2xx = parse_wrk(output)
        found = re.search(r"ILL-COUNTS (.*)", output).group(1)
        counts = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", found)}
        rows, most_per_key = count_rows(env, run_id)
        distinct_keys = counts["issued"] - counts["sent_replays"]
        ok_rate = rps >= SUBMIT_TARGET
        # Every 201 has its row; rows beyond the 201s are requests wrk stopped waiting for at the end.
        nothing_lost = counts["created"] <= rows <= distinct_keys and counts["other"] == 0
        replays_ok = counts["sent_replays"] > 0 and most_per_key == 1
        failed |= not (ok_rate and nothing_lost and replays_ok)
        print(
            f"{'ILL submit API':<16} {f'c={connections}':<28} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f}  "
            f"{'met' if ok_rate else 'MISSED'} (>= {SUBMIT_TARGET:.0f} req/s)\n"
            f"{'':<16} 201 answers {counts['created']}, rows {rows} of {distinct_keys} keys sent "
            f"({rows - counts['created']} answered after wrk stopped; "
            f"{'nothing lost' if nothing_lost else 'MISMATCH'}); "
            f"{counts['sent_replays']} replayed keys, answered 200 {counts['replayed']} times, at most "
            f"{most_per_key} row per key ({'replays created nothing' if replays_ok else 'DUPLICATES'}); "
            f"other answers {counts['other']}"
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
        f"{'ILL my requests':<16} {'/lt/ill/ (200 of 100,000)':<28} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f}  "
        f"{'met' if ok else 'MISSED'} (>= {LIST_TARGET:.0f} req/s)"
    )
    return failed


if __name__ == "__main__" and sys.argv[1:] == ["seed"]:
    seed()
