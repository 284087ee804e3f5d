"""The portal through a transaction-mode pooler: a real PgBouncer started here on its own port in front
of the shared PostgreSQL, an ILL submission (and its replay) and the staff notice's task run by
`manage.py task_worker`, both in processes of their own whose only way to the database is the pooler.
"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from bench.fault_rig import SmtpSink, free_port, wait_for
from ill.models import CostLine, IllRequest, StatusChange
from library_portal.models import SentMail

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not

ROOT = Path(__file__).resolve().parents[2]
PGBOUNCER = Path("/usr/sbin/pgbouncer")
# One server connection for `tzcheck`: two clients of it certainly share it, one transaction after the other.
CONFIG = """\
[databases]
tzcheck = host={host} port={port} dbname=postgres pool_size=1
* = host={host} port={port}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {listen}
unix_socket_dir =
auth_type = trust
auth_file = {folder}/users.txt
pool_mode = transaction
default_pool_size = 4
"""
SUBMIT = """\
import json, os, sys
import django
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_portal.settings")
django.setup()
from django.db import connection
from rest_framework.test import APIClient
from library_portal.models import User
client = APIClient(HTTP_HOST="localhost")
client.force_authenticate(User.objects.get(pk=int(sys.argv[1])))
body = json.loads(sys.argv[2])
answers = [client.post("/api/v1/ill/requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="via-pooler") for _ in "12"]
print(json.dumps({"answers": [[a.status_code, a.json().get("id")] for a in answers],
                  "port": connection.settings_dict["PORT"],
                  "server_side_cursors_off": connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"]}))
"""


@pytest.fixture(scope="module")
def pooler(tmp_path_factory):
    """PgBouncer in transaction mode on a free port; its address."""
    if not PGBOUNCER.exists():
        pytest.fail("PgBouncer is not installed at /usr/sbin/pgbouncer: apt-get install pgbouncer (bash .ci/run does).")
    folder = tmp_path_factory.mktemp("pgbouncer")
    folder.chmod(0o755)  # PgBouncer refuses to run as root: as user postgres it must still read its files
    settings = connection.settings_dict
    port = free_port()
    (folder / "users.txt").write_text(f'"{settings["USER"]}" ""\n')
    host, server_port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    (folder / "pgbouncer.ini").write_text(CONFIG.format(host=host, port=server_port, listen=port, folder=folder))
    as_user = ["-u", "postgres"] if os.geteuid() == 0 else []
    process = subprocess.Popen(
        [PGBOUNCER, *as_user, folder / "pgbouncer.ini"],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "pgbouncer.log").open("w"),
    )

    def answers() -> bool:
        try:
            psycopg2.connect(host="127.0.0.1", port=port, user=settings["USER"], dbname="tzcheck").close()
        except psycopg2.OperationalError:
            return False
        return True

    assert wait_for(answers, timeout=10), (folder / "pgbouncer.log").read_text()
    yield {"port": port, "user": settings["USER"]}
    process.send_signal(signal.SIGINT)  # PgBouncer's safe shutdown: waits for the transactions in flight
    process.wait(timeout=10)


def pooled_env(pooler: dict, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{pooler['user']}@127.0.0.1:{pooler['port']}/{connection.settings_dict['NAME']}",
        "DATABASE_POOLER": "pgbouncer",
        **extra,
    }


def test_an_ill_submission_its_replay_and_the_staff_notice_work_through_a_transaction_mode_pooler(
    transactional_db, pooler, patron, branch, postal_tariffs
):
    body = {
        "kind": "loan",
        "title": "Metai",
        "isbn": "9780306406157",
        "pickup_branch": branch.slug,
        "not_needed_after": "2099-12-31",
        "max_cost": "10.00",
        "accept_cost": True,
    }
    submitted = subprocess.run(
        [sys.executable, "-c", SUBMIT, str(patron.pk), json.dumps(body)],
        cwd=ROOT,
        env=pooled_env(pooler),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert submitted.returncode == 0, submitted.stderr
    report = json.loads(submitted.stdout.splitlines()[-1])
    (request,) = IllRequest.objects.filter(idempotency_key="via-pooler")
    assert report == {
        "answers": [[201, request.pk], [200, request.pk]],
        "port": pooler["port"],
        "server_side_cursors_off": True,
    }
    assert CostLine.objects.filter(request=request).count() == StatusChange.objects.filter(request=request).count() == 1

    sink = SmtpSink()
    sink.start()
    try:
        worker = subprocess.run(
            [sys.executable, "manage.py", "task_worker", "--batch", "--no-startup-delay", "--interval", "0"],
            cwd=ROOT,
            env=pooled_env(
                pooler,
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(sink.port),
            ),
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        sink.stop()
    assert worker.returncode == 0, worker.stderr
    (notice,) = DBTaskResult.objects.all()
    assert notice.status == "SUCCESSFUL", worker.stderr
    assert SentMail.objects.filter(key=f"ill-notice-{notice.pk}").exists()
    assert sink.count() == 1
    assert f"#{request.pk}" in sink.subjects()[0]


def test_behind_the_pooler_the_time_zone_django_sets_stays_with_its_client_but_other_settings_would_leak(pooler):
    """Why the audit in the README holds: two clients of one server connection. PgBouncer keeps the time zone
    (which Django sets on connecting) per client; a plain SET, which the portal never issues, would reach the
    next client of the server connection."""
    first, second = (
        psycopg2.connect(host="127.0.0.1", port=pooler["port"], user=pooler["user"], dbname="tzcheck") for _ in range(2)
    )
    try:
        for client in (first, second):
            client.autocommit = True
        with first.cursor() as one, second.cursor() as other:
            one.execute("SET TIME ZONE 'Europe/Vilnius'")
            other.execute("SET TIME ZONE 'UTC'")
            one.execute("SELECT current_setting('TimeZone'), pg_backend_pid()")
            other.execute("SELECT current_setting('TimeZone'), pg_backend_pid()")
            (zone_one, server_one), (zone_other, server_other) = one.fetchone(), other.fetchone()
            assert server_one == server_other  # one server connection for both
            assert (zone_one, zone_other) == ("Europe/Vilnius", "UTC")
            one.execute("SET statement_timeout = 1234")
            other.execute("SHOW statement_timeout")
            assert other.fetchone() == ("1234ms",)
            other.execute("RESET statement_timeout")
    finally:
        first.close()
        second.close()
