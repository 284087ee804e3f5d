"""`make cluster`: the portal as it runs on several hosts, on this one machine.

Three application hosts on 127.0.0.1, each its own gunicorn (gunicorn.conf.py, DEBUG off, two workers) with its own
port and its own process group, so that killing a host kills its master and workers and nothing else. In front of
them HAProxy with the example configuration shipped in deploy/haproxy.cfg (round robin, a /healthz check every
second); beside them one task worker (`manage.py task_worker`), the shared PostgreSQL (a database of its own:
DATABASE_URL's name with a `_cluster` suffix), Redis (REDIS_URL, or a private redis-server when it is not set) and a
local S3-compatible server (bench/s3_server.py). Every host gets its own MEDIA_ROOT, so that a file that reached
another host through anything but the object storage would show as missing.

`make cluster` prints the addresses and runs until Ctrl-C. The cluster test (tests/cluster/test_cluster.py) uses
the same class:

    with Cluster(database_url=..., redis_url=...) as cluster:
        requests.get(cluster.url + "/lt/")      # through the balancer; X-Served-By names the host
        cluster.kill_host(0)                    # SIGKILL to host1's gunicorn master and workers
        cluster.wait_until_down("host1")        # seconds until HAProxy took it out
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `python bench/cluster.py` (make cluster) puts bench/ first on the path; the tests import this as bench.cluster.
sys.path.insert(0, str(ROOT))

from bench.fault_rig import (  # noqa: E402 - the path is set just above
    database_copy,
    database_name,
    database_url_named,
    free_port,
)
from bench.s3_server import S3Server  # noqa: E402
from library_portal.env import load_dotenv  # noqa: E402

PY = sys.executable
HAPROXY_CONFIG = ROOT / "deploy" / "haproxy.cfg"
HOSTS = 3
# Two sync workers per host: enough to show several processes per host on a small machine.
WORKERS_PER_HOST = 2
# deploy/haproxy.cfg: a check every second, two failures take a host out.
CHECK_INTERVAL_S = 1.0
CHECK_FALL = 2


def wait_for(probe, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(interval)


def answers_200(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310 - loopback only
            return reply.status == 200
    except OSError:
        return False


def static_files_current() -> bool:
    """Whether staticfiles/ (collectstatic with DEBUG off: hashed names) is newer than the portal's static files and
    the pinned requirements (which bring the admin's, the API docs'): the cluster collects only when something
    changed (a few seconds without the compressed copies, STATIC_COMPRESS=0)."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [ROOT / "requirements.txt", *(path for path in (ROOT / "static").rglob("*") if path.is_file())]
    return manifest.stat().st_mtime > max(path.stat().st_mtime for path in sources)


@dataclass
class Process:
    """A process started in a session of its own: its group is it and whatever it forks (gunicorn's workers)."""

    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> "Process":
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole process group, as when the machine loses power: no clean shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if not self.alive:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()


@dataclass
class Host(Process):
    port: int = 0

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"


class Cluster:
    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str = "",
        port: int | None = None,
        extra_env: dict[str, str] | None = None,
        demo_password: str | None = None,
        log_dir: Path | None = None,
        migrated: str | None = None,
    ):
        """`migrated`: the URL of a migrated database to copy as the cluster's (the tests give pytest-django's),
        instead of migrating `database_url`."""
        self.database_url = database_url
        self.migrated = migrated
        self.redis_url = redis_url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = extra_env or {}
        self.demo_password = demo_password or secrets.token_urlsafe(12)
        self.secret_key = secrets.token_urlsafe(64)
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="portal-cluster-"))
        self.stats_socket = self.log_dir / "haproxy.sock"
        self.s3 = S3Server()
        self.redis: Process | None = None
        self.hosts: list[Host] = []
        self.worker: Process | None = None
        self.balancer: Process | None = None

    @property
    def env(self) -> dict[str, str]:
        """What every host and the worker share: the same secret, database, cache and storage."""
        return {
            **os.environ,
            "DEBUG": "0",
            # Hashed static files without their compressed copies: collectstatic in 3 s instead of 33.
            "STATIC_COMPRESS": "0",
            # One secret for all hosts: a session cookie signed on one host must verify on the others.
            "SECRET_KEY": self.secret_key,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            **self.s3.env,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": self.url,
            # Plain HTTP on loopback here; a real deployment terminates TLS and keeps these on (README "Deploying").
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            # The balancer: the client's address in X-Forwarded-For is believed from it alone.
            "TRUSTED_PROXIES": "127.0.0.1",
            "SITE_URL": self.url,
            "GUNICORN_WORKERS": str(WORKERS_PER_HOST),
            "GUNICORN_ACCESS_LOG": "-",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "DEMO_PASSWORD": self.demo_password,
            "LOG_LEVEL": "WARNING",
            **self.extra_env,
        }

    def start(self) -> "Cluster":
        self.log_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        for old in self.log_dir.glob("*.log"):
            old.unlink()
        self.s3.start()
        if not self.redis_url:
            redis_port = free_port()
            self.redis = Process(
                "redis",
                ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                dict(os.environ),
                self.log_dir / "redis.log",
            ).start()
            self.redis_url = f"redis://127.0.0.1:{redis_port}/0"
        env = self.env
        if self.migrated:
            database_copy(self.migrated, self.database_url)
            commands = []
        else:
            commands = [["ensure_database"], ["migrate", "--noinput"]]
        commands += [
            # As a deployment does once: the bucket lets browsers read the uploaded files (logos) and nothing else.
            ["storage_policy", "--apply"],
            ["load_demo", "--with-accounts"],
        ]
        if not static_files_current():
            commands.append(["collectstatic", "--noinput"])
        for command in commands:
            subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        for number in range(1, HOSTS + 1):
            port = free_port()
            media = self.log_dir / f"host{number}-media"
            media.mkdir(exist_ok=True)
            host = Host(
                f"host{number}",
                [PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "library_portal.wsgi"],
                {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "MEDIA_ROOT": str(media)},
                self.log_dir / f"host{number}.log",
                port=port,
            )
            self.hosts.append(host.start())
        self.worker = Process(
            "worker", [PY, "manage.py", "task_worker", "--interval", "1"], env, self.log_dir / "worker.log"
        ).start()
        for host in self.hosts:
            wait_for(lambda host=host: answers_200(f"{host.url}/healthz"), timeout=60, what=f"{host.name} answering")
        self.balancer = Process(
            "haproxy",
            [shutil.which("haproxy") or "/usr/sbin/haproxy", "-db", "-f", str(HAPROXY_CONFIG)],
            {
                **os.environ,
                "PORTAL_BIND": f"127.0.0.1:{self.port}",
                "PORTAL_HOST": "localhost",
                "HAPROXY_STATS_SOCKET": str(self.stats_socket),
                **{f"HOST{n}": host.address for n, host in enumerate(self.hosts, start=1)},
            },
            self.log_dir / "haproxy.log",
        ).start()
        wait_for(
            lambda: self.stats_socket.exists() and set(self.states().values()) == {"UP"},
            timeout=20,
            what="HAProxy seeing every host UP",
        )

    def states(self) -> dict[str, str]:
        """Each host's state as HAProxy sees it ("UP", "DOWN", "UP 1/2", ...), from its stats socket."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(2)
            sock.connect(str(self.stats_socket))
            sock.sendall(b"show stat\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        lines = data.decode().splitlines()
        columns = lines[0].lstrip("# ").split(",")
        rows = [dict(zip(columns, line.split(","), strict=False)) for line in lines[1:] if line]
        return {
            row["svname"]: row["status"]
            for row in rows
            if row["pxname"] == "portal_hosts" and row["svname"] in {host.name for host in self.hosts}
        }

    def kill_host(self, index: int) -> float:
        """SIGKILL host `index`'s gunicorn master and workers at once; returns the moment (time.monotonic())."""
        self.hosts[index].kill()
        return time.monotonic()

    def wait_until_down(self, name: str, *, since: float, timeout: float = 15.0) -> float:
        """Seconds from `since` (time.monotonic()) until HAProxy marked host `name` DOWN."""
        wait_for(
            lambda: self.states()[name] == "DOWN", timeout=timeout, what=f"HAProxy marking {name} DOWN", interval=0.05
        )
        return time.monotonic() - since

    def logs(self, lines: int = 30) -> str:
        """The last lines of every log, for a failing assertion's message."""
        parts = []
        for log in sorted(self.log_dir.glob("*.log")):
            tail = log.read_text(errors="replace").splitlines()[-lines:]
            parts.append(f"--- {log.name}\n" + "\n".join(tail))
        return "\n".join(parts)

    def stop(self) -> None:
        for process in [self.balancer, *self.hosts, self.worker, self.redis]:
            if process is not None:
                process.stop()
        self.s3.stop()

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def cluster_database_url(url: str) -> str:
    """The cluster's own database, beside the one of `url`: its name with `_cluster` appended."""
    return database_url_named(url, f"{database_name(url)}_cluster")


def main() -> int:
    # As the portal itself does: a .env beside manage.py configures `make cluster` too (real variables win).
    load_dotenv(ROOT / ".env")
    cluster = Cluster(
        database_url=cluster_database_url(
            os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/library_portal")
        ),
        redis_url=os.environ.get("REDIS_URL", ""),
        port=int(os.environ.get("CLUSTER_PORT", "8080")),
        demo_password=os.environ.get("DEMO_PASSWORD", "demo-library-2026"),
        log_dir=ROOT / "var" / "cluster",
    )
    print("Preparing the database; starting the S3 server, three hosts, the worker and HAProxy...", flush=True)
    with cluster:
        print(f"The portal through HAProxy: {cluster.url}/ (admin: {cluster.url}/admin/)")
        for host in cluster.hosts:
            print(
                f"  {host.name}: {host.url}/ (gunicorn, {WORKERS_PER_HOST} workers, process group {host.process.pid})"
            )
        print(f"  database: {cluster.database_url}")
        print(f"  Redis: {cluster.redis_url}")
        print(f"  S3: {cluster.s3.endpoint}/{cluster.s3.bucket}")
        print(f"  HAProxy's stats: echo 'show stat' | socat - {cluster.stats_socket}")
        print(
            f"  a host that stops answering is taken out after {CHECK_FALL} failed checks"
            f" {CHECK_INTERVAL_S:.0f} s apart"
        )
        print(f"  logs: {cluster.log_dir}/")
        print(f"Demo accounts (manager@example.org, patron@example.org) use the password {cluster.demo_password!r}.")
        print("Ctrl-C stops everything.", flush=True)
        stop = []
        signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
        try:
            while not stop and all(p.alive for p in [cluster.balancer, cluster.worker]):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        print("Stopping...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
