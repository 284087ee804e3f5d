"""Fault scenarios of the background worker, with real processes; used by
tests/library_portal/test_worker_faults.py and by `BENCH_ONLY=faults make bench`.

The rig (bench/fault_rig.py) is real except the mail server, which is a local SMTP sink counting what
it accepts by Message-ID: a private PostgreSQL cluster, migrated, and `manage.py task_worker` as a
subprocess, sending over SMTP to the sink. Each scenario queues mails, does harm in the middle, waits
until the sink has every mail or a deadline passes, and reports what was queued ("sent"), received,
duplicated and lost:

- sigkill: 500 mails; the worker is killed (SIGKILL) twice, each time followed by a new worker as a
  supervisor would start: once in the middle of a mail's SMTP conversation (its task RUNNING, its
  mark not committed: the reclaimed task must send it), once just after a mail's mark is committed
  and before its task is recorded as finished (the reclaimed task must not send it again). The kill
  comes from the sink at those two moments, so the test always exercises both cases; a kill at any
  other moment is one of these two, apart from the window of RFC 1047 that library_portal.tasks
  describes;
- pg_restart: 300 mails; `pg_ctl restart` of the cluster in the middle; the same worker process must
  carry on by itself and send the rest within 30 s of the database answering again;
- smtp_outage: 100 mails; the sink stops for 20 s (it refuses connections, as a stopped server does)
  and starts again on the same port; every mail must arrive once it is back.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/run.py imports this file as `faults`, with only bench/ on the path; the tests import it as bench.faults.
# Appended, not put first: run.py's own `import feedback` must still find bench/feedback.py, not the app.
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from bench.fault_rig import Figures, Rig, WorkerProcess, wait_for  # noqa: E402 - the path is set just above


def sigkill(rig: Rig, count: int = 500) -> Figures:
    expected = rig.begin(count)
    first = rig.worker()
    second: list[WorkerProcess] = []

    # One third in: the worker is killed while it waits for the sink's answer to RCPT (the mail is
    # not accepted, its mark not committed, its task RUNNING): the reclaimed task must send it.
    rig.sink.once("RCPT", count // 3, first.kill)

    def kill_the_second():
        second[0].kill()

    # Two thirds in: killed while it says QUIT, after the mail was accepted and its mark committed,
    # before its task is recorded as finished: the reclaimed task must not send it again.
    rig.sink.once("QUIT", 2 * count // 3, kill_the_second)
    first.process.wait(120)
    second.append(rig.worker())  # a supervisor starts a new worker
    second[0].process.wait(120)
    last = rig.worker()
    done = wait_for(lambda: rig.has_all(expected), 90)
    # The task killed after its mark was committed has delivered its mail already: wait until it is
    # reclaimed (TASK_RECLAIM_AFTER) and run again, which finds the mark and sends nothing.
    states = [rig.django("state")]
    finished = {"READY": 0, "RUNNING": 0}
    wait_for(lambda: states.append(rig.django("state")) or states[-1].items() >= finished.items(), 30, step=0.5)
    last.stop()  # SIGTERM: it records the task it is running, then exits
    state = rig.django("state")
    figures = rig.figures(
        "sigkill",
        expected,
        kills=2,
        reclaimed=last.output().count("its worker died") + second[0].output().count("its worker died"),
        # The task reclaimed after its mark was committed found the mark and did not send.
        not_sent_again=last.output().count("was sent before") + second[0].output().count("was sent before"),
    )
    figures.notes.update(done=done, state=state)
    figures.promise_kept = (
        figures.notes["reclaimed"] == 2 and figures.notes["not_sent_again"] == 1 and state["FAILED"] == 0
    )
    return figures


def pg_restart(rig: Rig, count: int = 300) -> Figures:
    expected = rig.begin(count)
    worker = rig.worker()
    wait_for(lambda: rig.sink.count() >= count // 3, 60)
    rig.cluster.restart()
    answering = time.monotonic()  # pg_ctl -w returns once the server accepts connections
    done = wait_for(lambda: rig.has_all(expected), 60)
    recovered = time.monotonic() - answering
    same_process = worker.alive()
    worker.stop()
    state = rig.django("state")
    figures = rig.figures(
        "pg_restart",
        expected,
        same_process=same_process,
        all_sent_after_s=round(recovered, 1),
        # "The database does not answer" from the loop, or the note that the task it ran is queued again
        # (when the database came back before the library recorded the task as failed).
        outage_lines=worker.output().count("The database does not answer")
        + worker.output().count("interrupted by the database"),
        done=done,
        state=state,
    )
    figures.promise_kept = same_process and recovered <= 30 and state["FAILED"] == 0
    return figures


def smtp_outage(rig: Rig, count: int = 100, outage: float = 20.0) -> Figures:
    expected = rig.begin(count)
    worker = rig.worker()
    wait_for(lambda: rig.sink.count() >= count // 3, 60)
    rig.sink.stop()
    stopped = time.monotonic()
    received_during = rig.sink.count()
    time.sleep(max(0.0, outage - (time.monotonic() - stopped)))
    rig.sink.start()
    back = time.monotonic()
    down_for = back - stopped
    done = wait_for(lambda: rig.has_all(expected), 60)
    all_sent = time.monotonic() - back
    worker.stop()
    state = rig.django("state")
    figures = rig.figures(
        "smtp_outage",
        expected,
        outage_s=round(down_for, 1),
        received_before_outage=received_during,
        all_sent_after_s=round(all_sent, 1),
        done=done,
        state=state,
    )
    figures.promise_kept = down_for >= outage and state["FAILED"] == 0
    return figures


SCENARIOS = [sigkill, pg_restart, smtp_outage]


def run() -> bool:
    """`BENCH_ONLY=faults`: every scenario; prints the figures; True when one lost or duplicated a mail."""
    failed = False
    print("fault scenarios: private PostgreSQL cluster, task_worker subprocesses, SMTP sink counting Message-IDs")
    with Rig() as rig:
        for scenario in SCENARIOS:
            figures = scenario(rig)
            failed |= not figures.ok
            print(f"{figures.line()}  {'met' if figures.ok else 'MISSED'} (0 lost, 0 duplicated, promise kept)")
    return failed
