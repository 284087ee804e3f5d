"""schemathesis over every operation of the API, anonymous and with a patron's token: no 5xx, and
every answer (status, content type, headers, body) matches the OpenAPI schema.

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
        "GET /api/v1/rooms/{slug}/availability/",
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


def fuzz(url: str, tmp_path: Path, *headers: str) -> subprocess.CompletedProcess:
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
        "2",
        "--request-timeout",
        "30",
        "--no-color",
    ]
    for header in headers:
        command += ["--header", header]
    # In a temporary directory: schemathesis and Hypothesis keep their caches in the working directory.
    return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_answer_that_breaks_the_schema(live_server, tmp_path):
    call_command("load_demo", "--with-accounts", verbosity=0)
    patron = User.objects.get(email="patron@example.org")
    token = Token.objects.create(user=patron).key
    for who, headers in (("anonymous", ()), ("patron", (f"Authorization: Token {token}",))):
        result = fuzz(live_server.url, tmp_path, *headers)
        assert result.returncode == 0, f"schemathesis ({who}) found problems:\n{result.stdout[-20000:]}{result.stderr}"
        assert " passed" in result.stdout, result.stdout[-3000:]
        assert not unreached(result.stdout) & set(REACHED[who]), result.stdout[-6000:]
