"""Whole-page caching of public pages for anonymous visitors, keyed on a fingerprint of the data."""

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

PAGE_CACHE_SECONDS = 120
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
KEY_PERIOD_SECONDS = 60  # a cached page is keyed on the current minute


def _key_period() -> int:
    return int(time.time() // KEY_PERIOD_SECONDS)


def cached_until() -> dt.datetime:
    """The moment a page cached now stops being served: the end of the minute in its key.

    A page that lists what is still ahead (events not yet started, surveys still open) filters on this
    moment rather than on "now", so that its cached copy never shows an event after it has started or a
    survey after it has closed.
    """
    return dt.datetime.fromtimestamp((_key_period() + 1) * KEY_PERIOD_SECONDS, tz=dt.UTC)


def table_fingerprint(model_classes: Iterable[type[models.Model]]) -> str:
    """The row count and latest change time of each table, in one cheap query.

    Any save moves a timestamp and any deletion moves a count, so a page cached under this
    fingerprint can never be stale, in any worker process, without a single invalidation hook.
    Tables without `updated_at` (pure link tables) contribute their count.
    """
    parts = []
    for model in model_classes:
        table = connection.ops.quote_name(model._meta.db_table)
        has_stamp = any(field.name == "updated_at" for field in model._meta.concrete_fields)
        stamp = "concat(count(*), '@', max(updated_at))" if has_stamp else "count(*)::text"
        parts.append(f"(SELECT {stamp} FROM {table})")  # noqa: S608 - table names come from the models
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT concat_ws('|', {', '.join(parts)})")
        return cursor.fetchone()[0]


def cached_public_page(*model_classes: type[models.Model]) -> Callable:
    """Serve a GET of a public page from the cache while the tables it shows have not changed.

    The key holds the tables' fingerprint (so an edit in the admin shows at once), the current
    minute (opening hours change state on the minute: "open now" stays right), the language and
    the full path with its query. Visitors with a session (staff, logged-in patrons) always get
    a fresh page.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
                return view(request, *args, **kwargs)
            fingerprint = table_fingerprint(model_classes)
            raw = f"{fingerprint}|{_key_period()}|{get_language()}|{request.get_full_path()}"
            key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = cache.get(key)
            if hit is not None:
                content, headers = hit
                return HttpResponse(content, headers=headers)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                cache.set(key, (response.content, headers), PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator
