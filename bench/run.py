"""`make bench`: gunicorn (2 sync workers, DEBUG off) on loopback, driven by wrk at 16 connections.

Uses its own database (the DATABASE_URL's name with a `_bench` suffix) filled by bench/seed.py
with 20 branches and 500 services. Each page is driven for a bounded time and the script prints
requests/s and the p50/p99 latency per page. Needs wrk (Debian: apt-get install wrk).
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
BASE = f"http://127.0.0.1:{PORT}"
PAGES = [
    ("services list", "/lt/services/"),
    ("branches list", "/lt/branches/"),
    ("service page", "/lt/services/paslauga-42/"),
]
TARGETS = {"/lt/services/": (200.0, 100.0)}  # path: (min requests/s, max p99 ms)


def bench_env() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/library_portal")
    base, _sep, name = url.rpartition("/")
    return {
        **os.environ,
        "DATABASE_URL": f"{base}/{name.split('?')[0]}_bench",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "WARNING",
    }


def run(*args: str, env: dict[str, str]) -> None:
    subprocess.run([PY, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wait_until_up(timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{BASE}/healthz", timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer on /healthz in time")


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def drive(path: str) -> tuple[float, float, float, int]:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", f"{BASE}{path}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rps, p50, p99, int(non_2xx.group(1)) if non_2xx else 0


def main() -> int:
    if shutil.which("wrk") is None:
        print("make bench needs the load generator wrk: apt-get install wrk (Debian/Ubuntu) or brew install wrk.")
        return 2
    env = bench_env()
    run("manage.py", "ensure_database", env=env)
    run("manage.py", "migrate", "--noinput", env=env)
    run("manage.py", "collectstatic", "--noinput", env=env)
    run("bench/seed.py", env=env)
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "library_portal.wsgi", "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{PORT}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    failed = False
    try:
        wait_until_up()
        for _name, path in PAGES:  # warm both workers' caches and connections
            for _ in range(20):
                urllib.request.urlopen(f"{BASE}{path}", timeout=5).read()  # noqa: S310 - loopback only
        print(f"gunicorn 2 sync workers, DEBUG off, wrk {CONNECTIONS} connections, {DURATION} per page")
        print(f"{'page':<16} {'path':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}  target")
        for name, path in PAGES:
            rps, p50, p99, errors = drive(path)
            target = TARGETS.get(path)
            verdict = ""
            if target:
                ok = rps >= target[0] and p99 < target[1] and errors == 0
                failed |= not ok
                verdict = f"{'met' if ok else 'MISSED'} (>= {target[0]:.0f} req/s, p99 < {target[1]:.0f} ms)"
            if errors:
                verdict += f" {errors} non-2xx responses"
            print(f"{name:<16} {path:<28} {rps:>9.1f} {p50:>8.2f} {p99:>8.2f}  {verdict}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
