"""Views every app shares: the home page, the health check and the error pages."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from library_portal.api import error_body
from library_portal.caching import cached_public_page
from services.selectors import CATALOGUE_MODELS, branch_statuses, published_services


@cached_public_page(*CATALOGUE_MODELS)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home.html",
        {"highlighted": published_services().filter(is_highlighted=True)[:8], "branch_statuses": branch_statuses()},
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not (for load balancers and monitors)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: in production the hashed name exists only after collectstatic.
    return redirect(static("img/favicon.svg"), permanent=True)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body(status_code=404, code="not_found", message=_("Not found.")), status=404)
    return render(request, "404.html", status=404)


def _error(request: HttpRequest, *, status: int, code: str, title: str, message: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body(status_code=status, code=code, message=title), status=status)
    # The error page avoids the database (no library in the header): it may be what failed.
    return render(request, "error.html", {"library": None, "title": title, "message": message}, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        status=500,
        code="server_error",
        title=_("Something went wrong"),
        message=_("An error on our side stopped this page. It has been logged; please try again in a few minutes."),
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        status=400,
        code="bad_request",
        title=_("Bad request"),
        message=_("The portal could not understand this request."),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        status=403,
        code="forbidden",
        title=_("Access denied"),
        message=_("You do not have permission to open this page."),
    )
