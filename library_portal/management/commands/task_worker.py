"""`manage.py task_worker`: django-tasks-db's worker, made to survive faults.

django-tasks-db 0.13's `db_worker` ends the process on any database error other than a locked
SQLite or MySQL table (a PostgreSQL restart kills it with "connection already closed"), and a task
left RUNNING by a worker that was killed stays RUNNING for ever. Its loop has no hook between two
tasks, so this command subclasses its `Worker` and replaces only the loop (`run`); running a task,
recording its outcome, claiming rows and the signal handling are the library's, and so are the
command-line options (`--interval`, `--batch`, `--queue-name`, ...). On top of them:

- when the database does not answer, one line is logged, the connections are closed, and the worker
  tries again after 0.5, 1, 2, 4, then every 5 seconds, without exiting; the task it was running is
  put back in the queue once the database answers (a mail task does not send twice: SentMail);
- every so often (half of TASK_RECLAIM_AFTER, at most 30 s) tasks RUNNING for longer than
  TASK_RECLAIM_AFTER are put back in the queue (`task_reclaim_stale`).
"""

import contextlib
import logging
import os
import random
import time

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from library_portal.services import task_put_back, task_reclaim_stale
from library_portal.tasks import DATABASE_ERRORS, database_backoff

logger = logging.getLogger("library_portal.worker")

DATABASE_ERROR_PATHS = {f"{error.__module__}.{error.__qualname__}" for error in DATABASE_ERRORS}


class Worker(db_worker.Worker):
    def __init__(self, *, reclaim_after: float, **options) -> None:
        super().__init__(**options)
        self.reclaim_after = reclaim_after
        self.reclaim_every = min(30.0, reclaim_after / 2)
        self.next_reclaim = 0.0  # at once on start: a worker restarted by its supervisor reclaims first
        self.interrupted: DBTaskResult | None = None
        self.failures = 0
        self.down_since: float | None = None

    def run(self) -> None:
        logger.info(
            "Starting worker %s (queues %s); tasks RUNNING for over %.0f s are put back in the queue.",
            self.worker_id,
            ",".join(self.queue_names),
            self.reclaim_after,
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together, not a secret
        while self.running:
            try:
                close_old_connections()
                self.put_back_interrupted()
                self.reclaim_if_due()
                task_result = self.claim()
            except DATABASE_ERRORS as error:
                self.database_failed(error)
                continue
            self.database_answers()
            if task_result is None:
                if self.batch:
                    logger.info("No more tasks to run for worker %s - exiting.", self.worker_id)
                    return
                time.sleep(self.interval)
                continue
            try:
                self.run_task(task_result)
            except DATABASE_ERRORS as error:
                # The task, or recording its outcome, met a database that went away.
                self.interrupted = task_result
                self.database_failed(error)
                continue
            failed = task_result.status == TaskResultStatus.FAILED
            if failed and task_result.exception_class_path in DATABASE_ERROR_PATHS:
                # It failed only because the database went away (and came back quickly): not its fault.
                self.interrupted = task_result
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Ran the maximum of %d tasks on worker %s - exiting.", self._run_tasks, self.worker_id)
                return

    def claim(self) -> DBTaskResult | None:
        """The next ready task, marked RUNNING by this worker (as the library's loop does it)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def put_back_interrupted(self) -> None:
        if self.interrupted is None:
            return
        task = self.interrupted
        if task_put_back(task=task):  # raises while the database is still away: tried again next time
            logger.warning("Task %s (%s) was interrupted by the database; it is queued again.", task.pk, task.task_path)
        self.interrupted = None

    def reclaim_if_due(self) -> None:
        if time.monotonic() < self.next_reclaim:
            return
        for task_id in task_reclaim_stale(older_than=self.reclaim_after):
            logger.warning(
                "Task %s was RUNNING for over %.0f s (its worker died); queued again.", task_id, self.reclaim_after
            )
        self.next_reclaim = time.monotonic() + self.reclaim_every

    def database_failed(self, error: Exception) -> None:
        self.failures += 1
        delay = database_backoff(self.failures)
        if self.down_since is None:
            self.down_since = time.monotonic()
            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            logger.error(
                "The database does not answer (%s: %s); the worker waits and tries again every %.0f s at most.",
                type(error).__name__,
                reason,
                database_backoff(10),
            )
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(*DATABASE_ERRORS):  # broken already: Django forgets it all the same
                connection.close()
        time.sleep(delay)

    def database_answers(self) -> None:
        if self.down_since is not None:
            logger.warning("The database answers again after %.1f s; carrying on.", time.monotonic() - self.down_since)
        self.down_since = None
        self.failures = 0


class Command(db_worker.Command):
    help = "Run the background task worker; it survives database restarts and reclaims tasks of dead workers."

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
            reclaim_after=settings.TASK_RECLAIM_AFTER,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child that runs the worker
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
