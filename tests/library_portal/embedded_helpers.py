"""What the tests of the embedded PostgreSQL share (test_embedded_database.py, test_embedded_make_targets.py): the
portal's commands run in a copy of the checkout (the `checkout` fixture, in conftest.py), the shell assignments they
print, and a look at the processes and the server they leave."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import psutil
import psycopg2

from bench.fault_rig import free_port

ROOT = Path(__file__).resolve().parents[2]
# Settings of the suite's own run that a fresh checkout would not have (and make's, when `make test` runs us).
UNSET = {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
UNSET |= {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}


def nothing_listens() -> str:
    return f"postgres://postgres@127.0.0.1:{free_port()}/library_portal"


def processes_in(folder: Path) -> list[psutil.Process]:
    """Processes working inside `folder`: the embedded server's (its data directory) and the portal's."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if process.status() != psutil.STATUS_ZOMBIE and Path(process.cwd()).is_relative_to(folder):
                found.append(process)
    return found


def environment(**env: str) -> dict:
    """This process's environment as a fresh checkout's commands would see it, with DEBUG on, plus `env`."""
    result = {k: v for k, v in os.environ.items() if k not in UNSET}
    result["DEBUG"] = "1"
    result.update(env)
    return result


def manage(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=folder,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def choose(folder: Path, default_url: str, **env: str) -> subprocess.CompletedProcess:
    """What the make targets run first: choose the database and print the shell assignments."""
    return manage(folder, "ensure_database", "--embedded", f"--default-url={default_url}", "--shell", **env)


def database_url(result: subprocess.CompletedProcess) -> str:
    first = result.stdout.splitlines()[0]
    assert first.startswith("DATABASE_URL=") and first.endswith("; export DATABASE_URL"), result.stdout
    return first.removeprefix("DATABASE_URL=").removesuffix("; export DATABASE_URL").strip("'")


def connect(url: str, **kwargs):
    # postgres://postgres@%2F...%2Fvar%2Fpostgres:5432/library_portal: the host is the socket directory.
    rest = url.removeprefix("postgres://postgres@")
    host_port, name = rest.split("/", 1)
    host, port = host_port.rsplit(":", 1)
    return psycopg2.connect(dbname=name, user="postgres", host=unquote(host), port=port, **kwargs)


def postmaster_of(folder: Path) -> psutil.Process:
    return psutil.Process(int((folder / "var" / "postgres" / "postmaster.pid").read_text().split()[0]))
