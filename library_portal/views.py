"""Views every app shares: the home page, the health check and the error pages."""

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from library_portal.api import error_body
from library_portal.caching import cached_public_page
from services.selectors import (
    branch_status,
    branches_with_hours,
    library_today,
    library_zone,
    portal_library,
    published_services,
)


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    library = portal_library()
    zone = library_zone(library)
    now = timezone.now()
    branches = branches_with_hours(today=library_today(zone, now))
    return render(
        request,
        "home.html",
        {
            "highlighted": published_services().filter(is_highlighted=True)[:8],
            "branch_statuses": [branch_status(branch, now=now, zone=zone) for branch in branches],
        },
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


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            error_body(status_code=500, code="server_error", message=_("Something went wrong on our side.")), status=500
        )
    # The 500 page avoids the database: it may be what failed.
    return render(request, "500.html", {"library": None}, status=500)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body(status_code=400, code="bad_request", message=_("Bad request.")), status=400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body(status_code=403, code="forbidden", message=_("Access denied.")), status=403)
    return render(request, "403.html", status=403)
