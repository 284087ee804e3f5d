"""Limits on public writes, counted in the shared cache so that every worker and host shares one count.

A fixed-window counter: each (scope, key) has one counter per window of the scope's rate
(settings.THROTTLES), created with `add` and raised with `incr`, which Redis does atomically. Pages
and the API call the same `throttle()` with the same scope and key, so they share one count per target.

When the cache does not answer, the limits fail closed: the write is refused with 503 and Retry-After
(`LimitsUnavailable`), because a limit that lets everything through while Redis is down is no limit at
the moment a flood takes Redis down. Pages, which count nothing, are still served (library_portal/caching.py).
"""

import hashlib
import logging
import math
import time
from ipaddress import IPv6Network, ip_address

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy, ngettext
from redis.exceptions import RedisError

from library_portal.clients import client_address
from library_portal.errors import DomainError

logger = logging.getLogger(__name__)

# A counter is kept a little past its window so that it cannot expire between add() and incr().
EXPIRY_MARGIN = 60


class Throttled(DomainError):
    """Too many actions of one client or on one target: answered 429 with Retry-After."""

    def __init__(self, *, retry_after: int):
        super().__init__(wait_message(retry_after), code="throttled", status=429)
        self.retry_after = retry_after


# How long a client is asked to wait when the limits cannot be counted: a restart of Redis takes seconds.
UNAVAILABLE_RETRY_AFTER = 30


class LimitsUnavailable(Throttled):
    """The shared cache that counts the limits does not answer: the write is refused (503), not let through."""

    def __init__(self):
        DomainError.__init__(
            self,
            gettext_lazy(
                "This cannot be sent just now: a part of the portal is briefly unavailable. Nothing was saved. "
                "Please try again in a minute."
            ),
            code="temporarily_unavailable",
            status=503,
        )
        self.retry_after = UNAVAILABLE_RETRY_AFTER


def wait_message(seconds: int) -> str:
    """The translated "try again in N minutes (or hours)" in the active language."""
    minutes = max(1, math.ceil(seconds / 60))
    if minutes < 120:
        return ngettext(
            "There were too many attempts in a short time. Please try again in %(count)d minute.",
            "There were too many attempts in a short time. Please try again in %(count)d minutes.",
            minutes,
        ) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext(
        "There were too many attempts in a short time. Please try again in %(count)d hour.",
        "There were too many attempts in a short time. Please try again in %(count)d hours.",
        hours,
    ) % {"count": hours}


def client_key(request: HttpRequest) -> str:
    """The client's address as a throttle key; an IPv6 client counts by its /64 network.

    One IPv6 subscriber is usually given a whole /64, so counting single addresses would let one
    client pose as billions.
    """
    address = client_address(request)
    try:
        parsed = ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(IPv6Network(f"{parsed}/64", strict=False))
    return address


def throttle(*, scope: str, key: str) -> None:
    """Count one action of `key` (a client address, an e-mail, a patron id) under `scope`.

    Raises Throttled once more than the scope's limit have been counted in the current window, and
    LimitsUnavailable (a Throttled answered 503) when the cache cannot be reached: the outage is logged.
    """
    rate = settings.THROTTLES[scope]
    now = time.time()
    window = int(now // rate.window)
    retry_after = max(1, math.ceil((window + 1) * rate.window - now))
    # Hashed: keys may hold e-mail addresses, which have no place in the cache in clear.
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    name = f"throttle:{scope}:{digest}:{window}"
    store = caches["throttle"]
    try:
        if store.add(name, 1, retry_after + EXPIRY_MARGIN):
            count = 1
        else:
            try:
                count = store.incr(name)
            except ValueError:  # the counter was evicted between add() and incr()
                store.add(name, 1, retry_after + EXPIRY_MARGIN)
                count = 1
    except RedisError:
        logger.error("The throttle %s could not be counted: the cache does not answer; refused.", scope)
        raise LimitsUnavailable() from None
    if count > rate.limit:
        raise Throttled(retry_after=retry_after)


def throttled_page(response: HttpResponse, error: Throttled) -> HttpResponse:
    """A page re-rendered with the message in it: status 429 (503 when the limits cannot be counted), Retry-After."""
    response.status_code = error.status
    response["Retry-After"] = str(error.retry_after)
    return response


def throttled_form(request: HttpRequest, template: str, context: dict, error: Throttled) -> HttpResponse:
    """The form's page again with the message above the form and everything typed kept (context["form"])."""
    context["form"].add_error(None, str(error.message))
    return throttled_page(render(request, template, context), error)
