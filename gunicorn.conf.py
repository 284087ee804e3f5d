"""gunicorn settings for the portal: `gunicorn -c gunicorn.conf.py library_portal.wsgi`.

Values come from the environment so that each host sets its own: GUNICORN_BIND (default
127.0.0.1:8000), GUNICORN_WORKERS (or WEB_CONCURRENCY; default 2 × cores + 1), GUNICORN_TIMEOUT (default 30 s),
GUNICORN_WORKER_CLASS and GUNICORN_THREADS (default sync and 1), and
GUNICORN_ACCESS_LOG (a file, or "-" for standard output; off by default). The access log never shows
the secret of a private link (see library_portal/log_filters.py).
"""

import logging
import multiprocessing
import os

from django.urls import get_resolver

from library_portal.log_filters import PrivateLinkFilter

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(
    os.environ.get("GUNICORN_WORKERS") or os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1
)
# The settings read it in each worker: more than one worker with DEBUG off and no REDIS_URL refuses to start.
os.environ["WEB_CONCURRENCY"] = str(workers)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None


def on_starting(server):
    # On the logger, not on a handler: it then covers whatever handler the access log is given, and
    # the workers inherit it when they fork. Django's LOGGING leaves this logger alone.
    access = logging.getLogger("gunicorn.access")
    if not any(isinstance(f, PrivateLinkFilter) for f in access.filters):
        access.addFilter(PrivateLinkFilter())


def post_worker_init(worker):
    # Load the URLs, views and WeasyPrint's fonts before the first request, not during it. Imported here: gunicorn
    # reads this file before Django is set up, and pricing.documents needs the app registry.
    from pricing.documents import warm_up  # noqa: PLC0415

    get_resolver().url_patterns  # noqa: B018 - importing every view module is the point
    warm_up()
