"""The rig of the task worker's fault scenarios (bench/faults.py), with real processes.

Everything is real except the mail server, which is a local SMTP sink counting what it accepts by
Message-ID: a private PostgreSQL cluster (initdb in a temporary folder, on a port of its own, so
that it can be restarted without touching the shared server), migrated; `manage.py task_worker`
as a subprocess, sending over SMTP to the sink. `Rig` holds the three together and counts what was
queued ("sent"), received, duplicated and lost (`Figures`).

Run as a script (`python bench/fault_rig.py begin 500`) it is the Django side of the scenarios: it
empties the queue and queues mails, or reports the queue's state, in the database of DATABASE_URL.
"""

import asyncio
import contextlib
import email
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def _pg_bin() -> Path:
    """PG_BIN, else the newest Debian/Ubuntu server binaries (/usr/lib/postgresql/<version>/bin)."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
# The worker as the scenarios configure it: short retry delays and reclaim timeout, so that a
# scenario takes seconds. TASK_RECLAIM_AFTER stays above the longest task (EMAIL_TIMEOUT 2 s per
# exchange with a sink on loopback), as it must in production.
WORKER_SETTINGS = {
    "MAIL_RETRY_DELAY": "3",
    "MAIL_TASK_ATTEMPTS": "8",
    "TASK_RECLAIM_AFTER": "4",
    "EMAIL_TIMEOUT": "2",
    "DATABASE_CONNECT_TIMEOUT": "2",
}


def free_port() -> int:
    """A loopback port nothing listens on now: for a server to start there, or to stand for one that is down. The one
    copy that the bench tools and the tests share (this module runs as a script too, so it imports nothing of ours)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_name(url: str) -> str:
    return url.partition("?")[0].rpartition("/")[2]


def database_url_named(url: str, name: str) -> str:
    """`url` naming the database `name` instead; its query (`?host=/a/socket/folder`) kept."""
    address, query_sep, query = url.partition("?")
    return f"{address.rpartition('/')[0]}/{name}{query_sep}{query}"


def database_copy(source: str, target: str) -> None:
    """The database at URL `source` (schema, applied migrations and rows) as the database at `target`, made anew, with
    pg_dump and psql. The tests give their processes a copy of pytest-django's migrated test database instead of
    migrating again: 2 s against 12 s of CPU for the 87 migrations on this suite's 2-core machine."""
    psql = [str(PG_BIN / "psql"), "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1"]
    # A name of our own settings, quoted; DROP and CREATE cannot run in one transaction, so two -c.
    quoted = '"' + database_name(target).replace('"', '""') + '"'
    subprocess.run(
        [
            *psql,
            "--dbname",
            database_url_named(target, "postgres"),
            "-c",
            f"DROP DATABASE IF EXISTS {quoted}",
            "-c",
            f"CREATE DATABASE {quoted}",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    dump = subprocess.run(
        [str(PG_BIN / "pg_dump"), "--no-owner", "--no-privileges", "--dbname", source],
        check=True,
        capture_output=True,
        timeout=120,
    )
    subprocess.run([*psql, "--dbname", target], input=dump.stdout, check=True, capture_output=True, timeout=120)


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


# PostgreSQL ---------------------------------------------------------------------------------------


class PrivateCluster:
    """A PostgreSQL cluster of our own, in a temporary folder on a free port, run as user postgres."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def _pg(self, program: str, *args: str) -> None:
        command = [str(PG_BIN / program), *args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
        self._pg("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        # fsync off: only a crash of the whole machine would differ, and no scenario crashes it.
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-o", options, "-w", "start")

    def restart(self) -> None:
        """Stop (fast: every connection is cut) and start again; returns once it accepts connections."""
        # The log file again: without it the new server writes to our pipe, which then never closes.
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "postgres.log"), "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, name: str = "faults") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


# The mail server ----------------------------------------------------------------------------------


class SmtpSink:
    """A mail server on loopback that accepts everything and counts the messages by Message-ID.

    `once(event, received, action)` runs `action` the first time the client sends `event` ("RCPT",
    "QUIT") while `received` messages have been accepted: the scenarios kill the worker at a chosen
    moment of a conversation that way. `stop` shuts down as a mail server does: it stops accepting
    connections and lets the sessions already open finish.
    """

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.lock = threading.Lock()
        self.received: Counter[str] = Counter()
        self.messages: list[email.message.Message] = []
        self.hooks: list[tuple[str, int, Callable[[], None]]] = []
        self.open_sessions = 0
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self.server: asyncio.AbstractServer | None = None

    def once(self, event: str, received: int, action: Callable[[], None]) -> None:
        with self.lock:
            self.hooks.append((event, received, action))

    def _event(self, name: str) -> None:
        with self.lock:
            due = [hook for hook in self.hooks if hook[0] == name and hook[1] == len(self.messages)]
            self.hooks = [hook for hook in self.hooks if hook not in due]
        for _name, _count, action in due:
            action()

    def _accept(self, content: bytes) -> None:
        message = email.message_from_bytes(content)
        with self.lock:
            self.received[str(message["Message-ID"])] += 1
            self.messages.append(message)

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def subjects(self) -> list[str]:
        with self.lock:
            return [str(make_header(decode_header(message["Subject"]))) for message in self.messages]

    def start(self) -> None:
        from aiosmtpd.smtp import SMTP

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command at INFO
        sink = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                sink._event("RCPT")
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                sink._accept(envelope.original_content or envelope.content)
                return "250 Message accepted for delivery"

            async def handle_QUIT(self, server, session, envelope):
                sink._event("QUIT")
                return "221 Bye"

        class Session(SMTP):
            def connection_made(self, transport):
                sink.open_sessions += 1
                super().connection_made(transport)

            def connection_lost(self, error):
                sink.open_sessions -= 1
                super().connection_lost(error)

        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            asyncio.set_event_loop(self.loop)
            try:
                self.server = self.loop.run_until_complete(
                    self.loop.create_server(
                        lambda: Session(Handler(), hostname="sink.invalid", loop=self.loop), "127.0.0.1", self.port
                    )
                )
            except OSError as error:
                failure.append(error)
                started.set()
                return
            started.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=serve, name="smtp-sink", daemon=True)
        self.thread.start()
        started.wait(10)
        if failure:
            raise failure[0]

    def stop(self, timeout: float = 5.0) -> None:
        if self.loop is None or self.thread is None:
            return
        self.loop.call_soon_threadsafe(self.server.close)
        wait_for(lambda: self.open_sessions == 0, timeout, step=0.01)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        with contextlib.suppress(RuntimeError):
            self.loop.close()
        self.loop = self.thread = self.server = None


# The worker ---------------------------------------------------------------------------------------


class WorkerProcess:
    """`manage.py task_worker` as a subprocess, as a supervisor (systemd) runs it."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("ab") as output:
            self.process = subprocess.Popen(
                [PY, "manage.py", "task_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is recorded, as after a power loss of the process."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process.wait(15)

    def output(self) -> str:
        return self.log.read_text(errors="replace")


# The rig ----------------------------------------------------------------------------------------


@dataclass
class Figures:
    scenario: str
    sent: int
    received: int
    duplicated: int
    lost: int
    unexpected: int = 0
    notes: dict = field(default_factory=dict)
    # The scenario's own promise beyond the counts (the same process carried on, within 30 s, ...).
    promise_kept: bool = True

    @property
    def ok(self) -> bool:
        return self.lost == 0 and self.duplicated == 0 and self.unexpected == 0 and self.promise_kept

    def line(self) -> str:
        notes = ", ".join(f"{key} {value}" for key, value in self.notes.items())
        return (
            f"{self.scenario:<12} sent {self.sent:>4}  received {self.received:>4}  duplicated {self.duplicated:>3}  "
            f"lost {self.lost:>3}  {notes}"
        )


class Rig:
    """The private cluster (migrated once, or a copy of the migrated database at URL `migrated`), the sink and the
    workers of the scenarios; a context manager."""

    def __init__(self, migrated: str | None = None) -> None:
        self.migrated = migrated
        self.folder = Path(tempfile.mkdtemp(prefix="lp-faults-"))
        self.cluster = PrivateCluster(self.folder)
        self.sink = SmtpSink()
        self.workers: list[WorkerProcess] = []
        self.env = {
            **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": self.cluster.url(),
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.sink.port),
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            **WORKER_SETTINGS,
        }

    def __enter__(self) -> "Rig":
        try:
            self.cluster.start()
            if self.migrated:
                database_copy(self.migrated, self.env["DATABASE_URL"])
            else:
                self.manage("ensure_database")
                self.manage("migrate", "--noinput")
            self.sink.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.workers:
            worker.stop()
        self.sink.stop()
        self.cluster.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def manage(self, *args: str) -> None:
        subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, timeout=300)

    def django(self, *args: str):
        """Run this file as the Django side (queue mails, read the queue); its last line, as JSON."""
        result = subprocess.run(
            [PY, __file__, *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True, timeout=120
        )
        return json.loads(result.stdout.splitlines()[-1])

    def worker(self) -> WorkerProcess:
        worker = WorkerProcess(self.env, self.folder / f"worker-{len(self.workers) + 1}.log")
        self.workers.append(worker)
        return worker

    def begin(self, count: int) -> set[str]:
        """An empty queue and sink, then `count` mails queued; their Message-IDs."""
        with self.sink.lock:
            self.sink.received.clear()
            self.sink.messages.clear()
            self.sink.hooks.clear()
        return set(self.django("begin", str(count)))

    def has_all(self, expected: set[str]) -> bool:
        with self.sink.lock:
            return expected <= set(self.sink.received)

    def figures(self, scenario: str, expected: set[str], **notes) -> Figures:
        with self.sink.lock:
            received = Counter(self.sink.received)
        return Figures(
            scenario=scenario,
            sent=len(expected),
            received=len(expected & set(received)),
            duplicated=sum(received[message_id] - 1 for message_id in expected if received[message_id] > 1),
            lost=len(expected - set(received)),
            unexpected=len(set(received) - expected),
            notes=notes,
        )

    def logs(self) -> str:
        return "\n".join(f"--- {worker.log.name}\n{worker.output()[-4000:]}" for worker in self.workers)


# The Django side ----------------------------------------------------------------------------------


def _django_main(command: str, *args: str) -> object:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_portal.settings")
    import django

    django.setup()
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from library_portal.models import SentMail
    from library_portal.tasks import mail_after_commit, message_id

    if command == "begin":
        DBTaskResult.objects.all().delete()
        SentMail.objects.all().delete()
        with transaction.atomic():
            for number in range(int(args[0])):
                mail_after_commit(
                    subject=f"Fault test {number}", body=f"Mail {number} of the scenarios.", to=[f"r{number}@x.lt"]
                )
        return [message_id(row.args_kwargs["kwargs"]["key"]) for row in DBTaskResult.objects.all()]
    if command == "state":
        counts = Counter(DBTaskResult.objects.values_list("status", flat=True))
        return {status: counts.get(status, 0) for status in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")} | {
            "marks": SentMail.objects.count()
        }
    raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    print(json.dumps(_django_main(*sys.argv[1:])))
