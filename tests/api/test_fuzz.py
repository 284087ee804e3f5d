"""schemathesis over every operation of the API, anonymous and with a patron's token: no 5xx, and
every answer (status, content type, headers, body) matches the OpenAPI schema.

Anonymous, it runs every operation but those only a patron may call (those answer 401 before reading any input, and
the patron's run sends them everything). With the token, it runs every operation that takes a patron's token but the
public reads: no public read looks at who asks (none reads `request.user`), so the anonymous run has already sent them
the same requests. Which operation is which comes from the schema's `security`, so a new operation lands in the right
run by itself. The two runs are two processes at once, each of one thread: with two threads in one process, CPython
3.11 (before 3.11.9) may fail with "AST constructor recursion depth mismatch" when both parse the source of one of
schemathesis' lambdas at the same moment (Hypothesis describes its filters so).

It runs schemathesis' own command line against pytest-django's live server, which serves the
portal from this test's database (the demo data, loaded here) on the real PostgreSQL. The run is
bounded (after every boundary and invalid value of the coverage phase, 15 random examples per write and 5 per read)
and seeded, so that a failure is reproducible: the output names each failure with a curl command to replay
it. tests/api/schemathesis.toml holds these numbers and the exceptions
(the writes may refuse schema-valid bodies with 400, and the hours of a branch and a room's availability a
schema-valid range: rules a JSON schema cannot state). The run must also reach the operations in REACHED: none of
them may be among those schemathesis warns only ever answered 401/403 or 404.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token

from library_portal.models import User

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = "20261201"
# Operations the run must reach beyond "log in first" and "no such object" (schemathesis' warnings say which it did
# not): the room booking API, which starts from the example room of its schema (rooms.api.ROOM_SLUG) and, with the
# token, the demo patron's own bookings. Not the booking request itself: most of its generated slugs name no room,
# and whether "mostly 404" is warned shifts with every operation the schema gains (the seeded examples move); its
# rules, its 409 and its idempotency are proven one by one in tests/rooms/test_api*.py.
REACHED = {
    "anonymous": ["GET /api/v1/rooms/", "GET /api/v1/rooms/{slug}/availability/"],
    "patron": [
        "GET /api/v1/bookings/",
        "POST /api/v1/bookings/{id}/cancel/",
    ],
}
UNREACHED_WARNINGS = ("Authentication failed", "Missing test data")


def unreached(output: str) -> set[str]:
    """The operations schemathesis' warnings list as only answering 401/403 or 404."""
    found, warning = set(), ""
    for line in output.split("=== WARNINGS ===", 1)[-1].split("=== SUMMARY ===", 1)[0].splitlines():
        if line and not line.startswith((" ", "💡", "No links", "401", "403")):
            warning = line
        listed = re.match(r"\s+- ([A-Z]+ /\S+)$", line)
        if listed and warning.startswith(UNREACHED_WARNINGS):
            found.add(listed.group(1))
    return found


def operations(schema: dict) -> dict[str, set[str]]:
    """The operation ids each run sends requests to (see the module's docstring)."""
    runs: dict[str, set[str]] = {"anonymous": set(), "patron": set()}
    for path_item in schema["paths"].values():
        for method, operation in path_item.items():
            security = operation.get("security")
            public = security is None or {} in security
            takes_token = security is not None and {"tokenAuth": []} in security
            if public or not takes_token:
                runs["anonymous"].add(operation["operationId"])
            if takes_token and not (public and method == "get"):
                runs["patron"].add(operation["operationId"])
    return runs


def fuzz(url: str, folder: Path, operation_ids: set[str], *headers: str) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "run",
        f"{url}/api/schema/?format=json",
        "--seed",
        SEED,
        "--phases",
        "examples,coverage,fuzzing",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
    ]
    for header in headers:
        command += ["--header", header]
    for operation_id in sorted(operation_ids):
        command += ["--include-operation-id", operation_id]
    # In a directory of its own: schemathesis and Hypothesis keep their caches in the working directory.
    folder.mkdir()
    return subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_answer_that_breaks_the_schema(live_server, client, tmp_path):
    call_command("load_demo", "--with-accounts", verbosity=0)
    patron = User.objects.get(email="patron@example.org")
    token = Token.objects.create(user=patron).key
    schema = client.get("/api/schema/?format=json").json()
    runs = operations(schema)
    # Together the runs send requests to every operation; a patron's own list is not sent anonymously, nor a public
    # read with the token.
    every = {operation["operationId"] for item in schema["paths"].values() for operation in item.values()}
    assert runs["anonymous"] | runs["patron"] == every
    assert "v1_bookings_list" in runs["patron"] - runs["anonymous"]
    assert "v1_services_list" in runs["anonymous"] - runs["patron"]
    assert {"v1_feedback_create", "v1_ill_iso18626_create"} <= runs["anonymous"]
    headers = {"anonymous": (), "patron": (f"Authorization: Token {token}",)}
    started = {who: fuzz(live_server.url, tmp_path / who, runs[who], *headers[who]) for who in runs}
    # Both runs end before any verdict: a failed first run must not leave the second sending requests while the test's
    # tables are emptied.
    try:
        outputs = {who: process.communicate(timeout=600) for who, process in started.items()}
    finally:
        for process in started.values():
            process.kill()  # does nothing to a run that has ended
    for who, (stdout, stderr) in outputs.items():
        assert started[who].returncode == 0, f"schemathesis ({who}) found problems:\n{stdout[-20000:]}{stderr}"
        assert " passed" in stdout, stdout[-3000:]
        assert not unreached(stdout) & set(REACHED[who]), stdout[-6000:]
