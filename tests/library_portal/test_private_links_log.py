"""The secrets of private links never reach the logs: runserver's and gunicorn's access logs and
Django's request warnings show the address with the secret hidden."""

import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from bench.fault_rig import free_port
from library_portal.log_filters import HIDDEN, hide_private_links

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Sl4ptas-Raktas_42"
# Every kind of private link, as a patron's browser asks for it.
PRIVATE_PATHS = [
    f"/lt/feedback/track/{SECRET}/",
    f"/bg/events/confirm/{SECRET}/",
    f"/en/events/cancel/{SECRET}/",
    f"/fi/rooms/cancel/{SECRET}/",
    f"/fi/surveys/tyytyvaisyys/?token={SECRET}",
    f"/bg/account/verify/{SECRET}/",
    f"/lt/account/reset/MQ/{SECRET}/",
]


@pytest.mark.parametrize("path", PRIVATE_PATHS)
def test_the_secret_of_each_private_link_is_hidden(path):
    hidden = hide_private_links(f'"GET {path} HTTP/1.1" 200 512')
    assert SECRET not in hidden
    assert HIDDEN in hidden
    assert hidden.startswith(f'"GET {path.split(SECRET)[0]}')


def test_other_addresses_are_logged_unchanged():
    line = '"GET /lt/feedback/?topic=services&page=2 HTTP/1.1" 200 512'
    assert hide_private_links(line) == line


def test_a_real_record_of_runservers_access_log_and_a_request_warning_hide_the_secret():
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append(self.format(record))

    keep = Keep()
    for name in ("django.server", "django.request"):
        logging.getLogger(name).addHandler(keep)
    try:
        logging.getLogger("django.server").info('"%s" %s %s', f"GET {PRIVATE_PATHS[0]} HTTP/1.1", "200", "512")
        logging.getLogger("django.request").warning("Not Found: %s", PRIVATE_PATHS[1])
    finally:
        for name in ("django.server", "django.request"):
            logging.getLogger(name).removeHandler(keep)
    assert len(seen) == 2
    assert all(SECRET not in line and HIDDEN in line for line in seen), seen


def _environment(**extra: str) -> dict[str, str]:
    settings = connection.settings_dict
    database = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    return {**os.environ, "DEBUG": "1", "DATABASE_URL": database, "PYTHONUNBUFFERED": "1", **extra}


def _visit(port: int, process: subprocess.Popen) -> None:
    """Wait for the server, then ask for every private link (a referer carrying one, too)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except OSError:  # not listening yet, or the worker is still starting
            assert process.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
    for path in PRIVATE_PATHS:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}", headers={"Referer": f"http://127.0.0.1:{port}{PRIVATE_PATHS[0]}"}
        )
        try:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310 - an http:// address we built
        except urllib.error.HTTPError as error:
            assert error.code < 500, path


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.mark.cluster  # starts runserver or gunicorn: `make test` runs it, `make test-fast` not
def test_runservers_access_log_never_shows_the_secret_of_a_private_link(db, tmp_path):
    port = free_port()
    log = tmp_path / "runserver.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=_environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _visit(port, process)
        finally:
            _stop(process)
    text = log.read_text()
    assert "/lt/feedback/track/" in text and "/en/events/cancel/" in text, text
    assert text.count(HIDDEN) >= len(PRIVATE_PATHS), text
    assert SECRET not in text, text


@pytest.mark.cluster  # starts runserver or gunicorn: `make test` runs it, `make test-fast` not
def test_gunicorns_access_log_never_shows_the_secret_of_a_private_link(db, tmp_path):
    port = free_port()
    access = tmp_path / "access.log"
    errors = tmp_path / "gunicorn.log"
    with errors.open("w") as output:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "library_portal.wsgi"],
            cwd=ROOT,
            env=_environment(GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1", GUNICORN_ACCESS_LOG=str(access)),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _visit(port, process)
        finally:
            _stop(process)
    text = access.read_text()
    assert "/lt/feedback/track/" in text and "token=" in text, errors.read_text()
    assert text.count(HIDDEN) >= 2 * len(PRIVATE_PATHS), text  # the request line and the referer
    assert SECRET not in text + errors.read_text(), text
