"""The yardstick of `make bench`: a bare Django page, measured in the same run as the portal's pages.

Absolute requests/s differ from machine to machine; the ratio of a portal page to this page much less. The page
is what the Django tutorial would write: one query for 50 rows, a plain template, no cache, served by the same
gunicorn, settings and middleware as the portal (bench/settings.py adds only this URL).
"""

from django.http import HttpRequest, HttpResponse
from django.template import Context, Engine
from django.urls import path

from library_portal.urls import urlpatterns as portal_urlpatterns
from services.models import Service

BARE_ROWS = 50
BARE_PATH = "/bench/bare/"

_TEMPLATE = Engine().from_string(
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Bare page</title></head><body>"
    "<table><tr><th>Title</th><th>Summary</th></tr>"
    "{% for service in services %}<tr><td>{{ service.title }}</td><td>{{ service.summary }}</td></tr>{% endfor %}"
    "</table></body></html>"
)


def bare_page(request: HttpRequest) -> HttpResponse:
    services = Service.objects.order_by("pk").only("title", "summary")[:BARE_ROWS]
    return HttpResponse(_TEMPLATE.render(Context({"services": services})))


urlpatterns = [path(BARE_PATH.strip("/") + "/", bare_page), *portal_urlpatterns]
