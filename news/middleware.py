from django.conf import settings

from news.notices import HEARD_COOKIE, heard_keys


class NoticeCookieMiddleware:
    """Writes the notices a page announced to the browser's `notices_heard` cookie (news.notices.banner_notices), so
    that the next pages do not announce them again. A browser-session cookie: it ends when the browser closes.

    Placed after (inside) PageCacheMiddleware: a page that sets it is never stored in the page cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        heard = getattr(request, "notices_heard", None)
        if heard is not None and heard != heard_keys(request):
            response.set_cookie(
                HEARD_COOKIE,
                ".".join(sorted(heard)),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
