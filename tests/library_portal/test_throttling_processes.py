"""The limits hold across processes: real gunicorn with two workers, against the test database and the
shared cache. With the old per-process counter each worker had its own count, and a restart reset it."""

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench.fault_rig import free_port
from feedback.models import Feedback

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
LIMIT = 5
BODY = json.dumps({"topic": "premises", "message": "Per šalta skaitykloje.", "consent": True}).encode()


def far_window() -> int:
    """A window of about a week whose end is not in the next ten minutes, whenever the test runs.

    Windows are counted from the Unix epoch; the test must not straddle the end of one."""
    window = 7 * 86400
    while window - time.time() % window < 600:
        window += 3600
    return window


class Gunicorn:
    def __init__(self, env: dict[str, str], log: Path):
        self.env = env
        self.port = free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_ACCESS_LOG": "-"}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(GUNICORN),
                    "-c",
                    "gunicorn.conf.py",
                    "--access-logformat",
                    "worker=%(p)s %(s)s %(U)s",
                    "library_portal.wsgi",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not start; see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def post(self, forwarded_for: str | None = None) -> int:
        headers = {"Content-Type": "application/json"}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/v1/feedback/", data=BODY, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:  # noqa: S310 - our own http:// address
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code

    def workers_that_answered(self) -> set[str]:
        """The workers that answered a post (not only the health checks of the start-up, which both may answer)."""
        return set(re.findall(r"worker=<(\d+)> \d+ /api/v1/feedback/", self.log.read_text()))


@pytest.fixture
def gunicorn(transactional_db, tmp_path):
    """gunicorn as deployed (gunicorn.conf.py), two workers, on the test database and the same cache."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "GUNICORN_WORKERS": "2",
        "THROTTLE_FEEDBACK": f"{LIMIT}/{far_window()}s",
        # Our own requests come from 127.0.0.1, which stands in for the reverse proxy here.
        "TRUSTED_PROXIES": "127.0.0.1",
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    server.start()
    yield server
    server.stop()


def test_two_workers_accept_exactly_the_limit_and_a_restart_does_not_reset_it(gunicorn):
    assert settings.REDIS_URL, "the limits are shared between processes through Redis: set REDIS_URL"
    # Simultaneous posts, until both workers have answered some (a fast worker may take a whole batch by itself);
    # Redis counts atomically, so exactly the limit is accepted however the posts were spread.
    statuses = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        while len(gunicorn.workers_that_answered()) < 2 and len(statuses) < 300:
            statuses += pool.map(lambda _n: gunicorn.post(), range(30))
    assert len(gunicorn.workers_that_answered()) == 2
    assert sorted(statuses) == [201] * LIMIT + [429] * (len(statuses) - LIMIT)
    assert Feedback.objects.count() == LIMIT

    gunicorn.stop()
    gunicorn.start()
    assert [gunicorn.post() for _n in range(5)] == [429] * 5
    # Another patron behind the same proxy has a count of their own.
    assert gunicorn.post(forwarded_for="203.0.113.8") == 201
    assert Feedback.objects.count() == LIMIT + 1
