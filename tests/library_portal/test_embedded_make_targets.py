"""`make run`, `make test` and `make stop-db` on the embedded PostgreSQL, in a copy of the checkout with a .venv as
`make` leaves it and a PATH without any PostgreSQL program: what a newcomer with nothing but Python gets. How the
database is chosen is in test_embedded_database.py."""

import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from tests.library_portal.embedded_helpers import (
    choose,
    connect,
    database_url,
    environment,
    free_port,
    nothing_listens,
    postmaster_of,
    processes_in,
)

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not


def _venv(folder: Path) -> None:
    """A .venv as `make` leaves it, whose packages are this test run's (a .pth file), so nothing is installed."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / ".venv")], check=True)
    purelib = Path(sysconfig.get_paths(vars={"base": str(folder / ".venv")})["purelib"])
    (purelib / "test-run-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    (folder / ".venv" / ".installed-stamp").touch()


def _path_without_postgresql(folder: Path) -> str:
    """A PATH with make and the shell only: no PostgreSQL binary (this machine has them in /usr/local/bin)."""
    tools = folder / "tools"
    tools.mkdir()
    for tool in ("make", "sh", "useradd"):  # useradd: the package adds its system user when run as root
        found = shutil.which(tool, path=os.environ["PATH"] + ":/usr/sbin:/sbin")
        if found:
            (tools / tool).symlink_to(found)
    assert not any(shutil.which(tool, path=str(tools)) for tool in ("postgres", "pg_ctl", "initdb", "psql"))
    return str(tools)


def _make_run_until_healthy(folder: Path, env: dict, log: Path) -> tuple[subprocess.Popen, float]:
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"], cwd=folder, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    while True:
        try:
            with urllib.request.urlopen(f"http://{env['RUN_ADDRESS']}/healthz", timeout=5) as response:
                assert response.status == 200
                return process, time.monotonic() - started
        except OSError:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() - started < 300, log.read_text()
            time.sleep(0.5)


def _stop(process: subprocess.Popen, how: str) -> None:
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)  # what the terminal sends to make and everything it started
    else:
        process.send_signal(signal.SIGTERM)  # to make alone, as a supervisor would
    process.wait(60)


def test_make_stop_db_stops_the_embedded_server_and_keeps_its_data(checkout):
    _venv(checkout)
    env = environment(PATH=_path_without_postgresql(checkout.parent))
    url = database_url(choose(checkout, nothing_listens()))
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before make stop-db')")
    connection.close()

    stopped = subprocess.run(["make", "stop-db"], cwd=checkout, env=env, capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 0, stopped.stderr
    assert "Stopped the embedded PostgreSQL (data kept in var/postgres/)." in stopped.stdout
    assert processes_in(checkout / "var" / "postgres") == []
    # A clean (fast) shutdown: the next start needs no crash recovery, and the data is there.
    again = choose(checkout, nothing_listens())
    assert "(started)" in again.stderr, again.stderr
    assert "database system was not properly shut down" not in (checkout / "var" / "postgres" / "log").read_text()
    with connect(database_url(again)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT note FROM kept")
        assert cursor.fetchall() == [("written before make stop-db",)]
    connection.close()


# A test of the suite that reports the database it ran on (written into the copy: `make test` runs the suite).
WHICH_SERVER_TEST = """import pytest
from django.db import connection


@pytest.mark.django_db
def test_which_server():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_setting('data_directory')")
        print("SERVER", *cursor.fetchone(), connection.settings_dict["HOST"])
"""


def test_make_test_uses_the_same_rule_and_runs_the_suite_on_the_embedded_server(checkout):
    _venv(checkout)
    bin_dir = checkout / ".venv" / "bin"
    (bin_dir / "ruff").symlink_to(Path(sys.executable).parent / "ruff")
    # The suite of the copy, narrowed to one test (the whole suite on a second server would take 10 minutes):
    # make's own pytest options, then the test's file.
    (checkout / "tests" / "test_which_server.py").write_text(WHICH_SERVER_TEST)
    (bin_dir / "pytest").write_text(
        f'#!/bin/sh\nexec "{bin_dir}/python" -m pytest -p no:cacheprovider -s "$@" tests/test_which_server.py\n'
    )
    (bin_dir / "pytest").chmod(0o755)
    env = environment(PATH=_path_without_postgresql(checkout.parent), DEFAULT_DATABASE_URL=nothing_listens())
    env.pop("DEBUG")  # the Makefile's own default

    result = subprocess.run(
        ["make", "test", "TEST_WORKERS=0"], cwd=checkout, env=env, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Using the embedded PostgreSQL 18 (started), database 'library_portal', data in var/postgres/" in output
    data = checkout / "var" / "postgres"
    # pytest-django's test database, on the embedded server whose socket and data are in var/postgres/.
    assert f"SERVER test_library_portal {data} {data}" in output, output
    assert "1 passed" in output
    # make test stopped the server it started.
    assert "Stopped the embedded PostgreSQL (data kept in var/postgres/)." in output
    assert processes_in(data) == []


@pytest.mark.slow
def test_make_run_serves_the_demo_on_an_embedded_postgresql_when_no_server_answers(checkout):
    scratch = checkout.parent
    _venv(checkout)
    env = environment(
        PATH=_path_without_postgresql(scratch),
        DEFAULT_DATABASE_URL=nothing_listens(),
        RUN_ADDRESS=f"127.0.0.1:{free_port()}",
    )
    env.pop("DEBUG")  # the Makefile's own default
    log = scratch / "make-run.log"

    process, first = _make_run_until_healthy(checkout, env, log)
    try:
        with urllib.request.urlopen(f"http://{env['RUN_ADDRESS']}/en/branches/centrine-biblioteka/") as page:
            assert "Tilžės g. 12" in page.read().decode()
        data = checkout / "var" / "postgres"
        assert "Using the embedded PostgreSQL 18 (started), database 'library_portal', data in var/postgres/" in (
            log.read_text()
        )
        server = postmaster_of(checkout)
        assert Path(server.cwd()) == data
    finally:
        _stop(process, "ctrl-c")
    output = log.read_text()
    assert "Stopped the embedded PostgreSQL (data kept in var/postgres/)." in output
    server.wait(10)  # gone (psutil waits for the unrelated process to be reaped too)
    assert processes_in(checkout) == [], output

    # The second run reuses the data: nothing left to migrate, the demo data is there at once.
    process, second = _make_run_until_healthy(checkout, env, log)
    try:
        with urllib.request.urlopen(f"http://{env['RUN_ADDRESS']}/api/v1/branches/?lang=en") as response:
            assert b"centrine-biblioteka" in response.read()
    finally:
        _stop(process, "sigterm")
    output = log.read_text()
    assert "No migrations to apply." in output
    assert "Stopped the embedded PostgreSQL (data kept in var/postgres/)." in output
    assert processes_in(checkout) == [], output
    print(f"make run until /healthz answers: first {first:.1f} s, second {second:.1f} s")
