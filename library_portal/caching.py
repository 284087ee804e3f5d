"""Whole-page caching of the public catalogue pages for anonymous visitors."""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from services.selectors import catalogue_version

PAGE_CACHE_SECONDS = 120


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a GET of a public page from the cache while the catalogue has not changed.

    The key holds the catalogue's fingerprint (so an edit in the admin shows at once), the
    current minute (opening hours change state on the minute: "open now" stays right), the
    language and the full path with its query. Visitors with a session (staff, logged-in
    patrons) always get a fresh page.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        raw = f"{catalogue_version()}|{int(time.time() // 60)}|{get_language()}|{request.get_full_path()}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_CACHE_SECONDS)
        return response

    return wrapper
