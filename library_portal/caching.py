"""The shared cache's namespaces, and whole-page caching of public pages for anonymous visitors.

Cached content is invalidated on purpose, after pretix's NamespacedCache: each kind of public content
(`Namespace`) has a version counter in the shared cache, and everything cached from that content is
stored with the versions it was built from. The service that changes the content calls `bump()`, which
raises the counter, so every host's next read finds the entry out of date and builds it again. Nothing
is keyed on row counts or timestamps, and nothing asks the database whether it changed.

A read costs one round trip to the cache: the entry and the namespaces' counters come back in one
`get_many` (one MGET in Redis), and the versions are compared here. When the cache does not answer, the
page is served uncached and the outage logged: a cache error never fails a page.
"""

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial, wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class Namespace(StrEnum):
    """The kinds of public content, each with its own version counter."""

    BRANCHES = "branches"  # libraries, branches, opening hours and their exceptions
    SERVICES = "services"  # services, their categories, principles and content pages
    PRICES = "prices"  # price lists, items, patron categories, rooms, ILL postal tariffs
    ESERVICES = "eservices"  # e-services, partners, places, online resources, good practices, events
    FEEDBACK = "feedback"  # published answers to feedback
    SURVEYS = "surveys"  # surveys, their pages, questions and choices, published results
    ROOMS = "rooms"  # rooms for booking, their rules, and what is free and taken (bookings, blackouts)
    NEWS = "news"  # news articles
    NOTICES = "notices"  # notices (the banners); those made from opening exceptions follow BRANCHES
    SEARCH = "search"  # the site search's entries (search.services, bumped by whatever indexes a row)


VERSION_KEYS = {namespace: f"ns:{namespace}" for namespace in Namespace}
# The portal's library, which every page shows in its header and footer, read through `namespaced` under this key
# (services.selectors.portal_library). `cached_body` reads its entry in the same round trip as the body.
PORTAL_LIBRARY_KEY = "portal-library"
# The notices in force, which every page shows in its banner (news.notices.notice_board), read the same way.
NOTICES_KEY = "notices"
# An upper bound on any cached page's life: a bump lost to a cache outage is outlived by this much at most.
PAGE_CACHE_SECONDS = 600
# Whatever the middleware answers from the cache: these headers of the view's response are kept.
DROPPED_HEADERS = {"set-cookie", "content-length"}


# Namespaces --------------------------------------------------------------------------------------


def now_and_on_commit(action: Callable[[], Any], *, failure: str) -> None:
    """Run a cache write that follows a change now, and again when the transaction commits.

    Now: the change is visible at once to whoever shares this transaction (the rest of the request, a
    test). On commit: a request on another host that read the old rows between the first write and the
    commit may have cached them; the second write puts them out of date too. When the cache does not
    answer, `failure` is logged and nothing is raised: the change has been made, and a cache outage must
    not undo it.
    """

    def run() -> None:
        try:
            action()
        except RedisError:
            logger.error("%s: the cache does not answer.", failure)

    run()
    transaction.on_commit(run)


def bump(*namespaces: Namespace) -> None:
    """Mark everything cached from these namespaces out of date, now and again when the transaction commits."""
    for namespace in namespaces:
        now_and_on_commit(
            partial(count_up, VERSION_KEYS[namespace]), failure=f"The cache namespace {namespace} could not be bumped"
        )


def forget(key: str) -> None:
    """Drop the entry under `key`, now and again when the transaction commits (as `bump` does for a namespace): for
    an entry of one visitor's, which a namespace's bump would drop for everyone. When the cache does not answer, the
    entry lives out its own timeout."""
    now_and_on_commit(
        partial(cache.delete, key), failure=f"The cache entry {key.split(':', maxsplit=1)[0]} could not be dropped"
    )


def count_up(key: str) -> None:
    """Raise the counter under `key` in the shared cache (a namespace's version, a survey's responses)."""
    try:
        cache.incr(key)
    except ValueError:
        # No counter yet (a new cache, or Redis lost it): start from the clock, so that a counter that comes back
        # never repeats a value that entries still in the cache were stored under.
        if not cache.add(key, time.time_ns(), timeout=None):
            cache.incr(key)


def counter(key: str) -> int:
    """The counter under `key`, started from the clock when there is none yet (see `count_up`)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def _versions_and(key: str, namespaces: Iterable[Namespace]) -> tuple[Any, dict[str, Any]]:
    """The entry under `key` and the current versions of `namespaces`, in one round trip."""
    entries, versions = _entries_and_versions([key], namespaces)
    return entries[key], versions


def _entries_and_versions(keys: list[str], namespaces: Iterable[Namespace]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The entries under `keys` and the current versions of `namespaces`, in one round trip."""
    wanted = [VERSION_KEYS[namespace] for namespace in namespaces]
    found = cache.get_many([*keys, *wanted])
    return {key: found.get(key) for key in keys}, {
        namespace: found.get(VERSION_KEYS[namespace]) for namespace in namespaces
    }


def namespaced(
    key: str,
    namespaces: Iterable[Namespace],
    build: Callable[[], Any],
    timeout: int = 3600,
    *,
    fresh: Callable[[Any], bool] | None = None,
    request: HttpRequest | None = None,
) -> Any:
    """The value cached under `key` while none of `namespaces` has been bumped since (and, with `fresh`, while
    `fresh(value)` holds: content that changes with time, such as the surveys open now); else `build()`, stored.

    With the `request` of a page whose `cached_body` already read the entry along with the body (its `along`),
    that value serves without a round trip of its own. `build` is called (and its value not stored) when the cache
    does not answer.
    """
    namespaces = tuple(namespaces)
    ahead = getattr(request, "cache_read_ahead", {})
    if key in ahead and (fresh is None or fresh(ahead[key])):
        return ahead[key]
    try:
        entry, versions = _versions_and(key, namespaces)
    except RedisError:  # the cache is down: answer from the database
        logger.warning("The cache does not answer: %s is read from the database.", key.split(":", maxsplit=1)[0])
        return build()
    if entry is not None and entry[0] == versions and (fresh is None or fresh(entry[1])):
        return entry[1]
    value = build()
    try:
        cache.set(key, (versions, value), timeout)
    except RedisError:
        logger.warning("The cache does not answer: %s was not stored.", key.split(":", maxsplit=1)[0])
    return value


# Whole pages -------------------------------------------------------------------------------------


@dataclass
class PagePlan:
    """What the middleware learns while the page renders: whether the view allows caching, on which
    namespaces it depends, and until when it stays right (the next opening or closing, event start...)."""

    key: str
    versions: dict[str, Any]
    namespaces: tuple[Namespace, ...] = ()
    max_age: int = PAGE_CACHE_SECONDS
    expires_at: float = field(default=0.0)

    def expire_at(self, *moments: dt.datetime | None) -> None:
        for moment in moments:
            if moment is not None:
                self.expires_at = min(self.expires_at, moment.timestamp())


def page_plan(request: HttpRequest) -> PagePlan | None:
    """The plan of a page being cached, or None when this request's page will not be cached (a visitor with a
    session, a POST, a cache that is down): views compute a page's expiry only when it is needed."""
    plan = getattr(request, "page_plan", None)
    return plan if plan is not None and plan.namespaces else None


def expire_page_at(request: HttpRequest, *moments: dt.datetime | None) -> None:
    """The cached copy of this page must not be served from `moments` on (the earliest counts)."""
    plan = page_plan(request)
    if plan is not None:
        plan.expire_at(*moments)


def page_depends_on(request: HttpRequest, *namespaces: Namespace) -> None:
    """The cached copy of this page also depends on `namespaces`: a part of the page that the view does not know of
    (the notices' banner of base.html) adds what it shows."""
    plan = page_plan(request)
    if plan is not None:
        plan.namespaces = tuple(dict.fromkeys((*plan.namespaces, *namespaces)))


def _midnight() -> dt.datetime:
    # "Today" moves on at midnight: the price list in force, the figures of the month, the events ahead.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, dt.time(0), tzinfo=timezone.get_current_timezone())


def cached_public_page(*namespaces: Namespace, max_age: int = PAGE_CACHE_SECONDS) -> Callable:
    """Let PageCacheMiddleware keep this view's page for anonymous visitors, until one of `namespaces` is bumped,
    `max_age` seconds pass, midnight comes, or the view's own expiry (`expire_page_at`) comes."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            plan = getattr(request, "page_plan", None)
            if plan is not None:
                # Every page shows the portal's library in its header and footer: a library is branches' content.
                plan.namespaces = tuple(dict.fromkeys((*namespaces, Namespace.BRANCHES)))
                plan.max_age = max_age
                plan.expires_at = min(time.time() + max_age, _midnight().timestamp())
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _cacheable(request: HttpRequest) -> bool:
    # A session (a logged-in patron, staff) or a pending message makes the page personal.
    cookies = request.COOKIES
    personal = settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies
    return request.method == "GET" and not personal


def _request_key(prefix: str, request: HttpRequest, *extra: str) -> str:
    """The cache key of what `request` shows: its address (the path carries the language, /lt/..., /en/...; the host
    and scheme go into links such as the calendar's) and `extra`."""
    raw = "|".join((request.scheme, request.META.get("HTTP_HOST", ""), request.get_full_path(), *extra))
    return f"{prefix}:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


class PageCacheMiddleware:
    """Serves anonymous GETs of the pages marked @cached_public_page from the shared cache.

    Placed before the session, language, CSRF and authentication middleware: a hit costs one cache round
    trip and none of their work (bench/run.py measured a hit behind them at well under 5x a bare page). The
    middleware above it (security headers) still runs on every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable(request):
            return self.get_response(request)
        key = _request_key("page", request)
        try:
            entry, versions = _versions_and(key, Namespace)
        except RedisError:  # the cache is down: the page is rendered, not refused
            logger.warning("The cache does not answer: %s is served uncached.", request.path)
            return self.get_response(request)
        fresh = entry is not None and time.time() < entry["expires_at"]
        if fresh and all(entry["versions"][ns] == versions[ns] for ns in entry["versions"]):
            return HttpResponse(entry["content"], status=200, headers=entry["headers"])
        request.page_plan = plan = PagePlan(key=key, versions=versions)
        response = self.get_response(request)
        if plan.namespaces and response.status_code == 200 and not response.streaming and not response.cookies:
            self._store(plan, response)
        return response

    @staticmethod
    def _store(plan: PagePlan, response: HttpResponse) -> None:
        seconds = min(plan.max_age, int(plan.expires_at - time.time()))
        if seconds <= 0:
            return
        entry = {
            "versions": {namespace: plan.versions[namespace] for namespace in plan.namespaces},
            "expires_at": plan.expires_at,
            "content": response.content,
            "headers": {k: v for k, v in response.headers.items() if k.lower() not in DROPPED_HEADERS},
        }
        try:
            cache.set(plan.key, entry, seconds)
        except RedisError:
            logger.warning("The cache does not answer: a page was not stored.")


# Page bodies -------------------------------------------------------------------------------------


@dataclass
class Body:
    """What a view's `build` returns for `cached_body`: the template and context of the part of a page that is the
    same for every visitor, and the moments from which it is no longer right (a branch opens, an event begins)."""

    template: str
    context: dict[str, Any]
    changes_at: Iterable[dt.datetime | None] = ()


def _versions_of(current: dict[str, Any], namespaces: Iterable[Namespace]) -> dict[str, Any]:
    return {namespace: current[namespace] for namespace in namespaces}


def cached_body(
    request: HttpRequest,
    namespaces: Iterable[Namespace],
    build: Callable[[], Body],
    *,
    vary: str = "",
    along: dict[str, Iterable[Namespace]] | None = None,
) -> SafeString:
    """The HTML of a page's body that is the same for every visitor, from the shared cache until one of
    `namespaces` is bumped, midnight comes, PAGE_CACHE_SECONDS pass or the body's own `changes_at` comes;
    else rendered from `build()` and stored. The page around it (menu, account link, messages) stays personal.

    Logged-in visitors never get the whole-page cache, and bench/run.py measured their pages at 0.14-0.26x the
    bare page: building and rendering the bodies (the price table, twenty branches' hours) took most of the time.
    The body is rendered without the request, so nothing of the visitor can leak into it; `vary` tells apart
    bodies that differ for some visitors (staff links). The same expiry goes to the whole-page cache's plan.

    The entries of `namespaced` that the page needs beside its body (`along`: key and namespaces; always the
    portal's library, shown in every page's header and footer, and the notices of its banner) come back in the same
    round trip and are left on the request for `namespaced(..., request=request)`, while their namespaces have not
    been bumped since they were stored. A round trip of its own cost a logged-in page about 0.25 ms of the
    worker's CPU time, a tenth of the page (/lt/services/ and /lt/branches/ 2.6-3.1 ms with the library's, 2.5-2.7
    ms without, the bare page 2.5-2.7 ms; measured in one process with the test client, issue 14).
    """
    namespaces = tuple(namespaces)
    along = {
        PORTAL_LIBRARY_KEY: (Namespace.BRANCHES,),
        NOTICES_KEY: (Namespace.NOTICES, Namespace.BRANCHES),
        **(along or {}),
    }
    along = {entry_key: tuple(entry_namespaces) for entry_key, entry_namespaces in along.items()}
    key = _request_key("body", request, get_language(), vary)
    try:
        wanted = {*namespaces, *(namespace for entry_namespaces in along.values() for namespace in entry_namespaces)}
        entries, current = _entries_and_versions([key, *along], wanted)
    except RedisError:  # the cache is down: the body is rendered, not refused
        logger.warning("The cache does not answer: %s is rendered uncached.", request.path)
        entry, versions = None, None
    else:
        entry, versions = entries[key], _versions_of(current, namespaces)
        request.cache_read_ahead = {
            entry_key: entries[entry_key][1]
            for entry_key, entry_namespaces in along.items()
            if entries[entry_key] is not None and entries[entry_key][0] == _versions_of(current, entry_namespaces)
        }
    if entry is not None and entry[0] == versions and time.time() < entry[2]:
        expire_page_at(request, dt.datetime.fromtimestamp(entry[2], tz=dt.UTC))
        return mark_safe(entry[1])  # noqa: S308 - rendered by our own template, escaped there
    body = build()
    html = render_to_string(body.template, body.context)
    moments = [moment.timestamp() for moment in body.changes_at if moment is not None]
    expires_at = min(time.time() + PAGE_CACHE_SECONDS, _midnight().timestamp(), *moments)
    expire_page_at(request, dt.datetime.fromtimestamp(expires_at, tz=dt.UTC))
    seconds = int(expires_at - time.time())
    if versions is not None and seconds > 0:
        try:
            cache.set(key, (versions, html, expires_at), seconds)
        except RedisError:
            logger.warning("The cache does not answer: a page body was not stored.")
    return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there
