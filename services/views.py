import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from library_portal.caching import cached_public_page
from services.forms import ServiceSearchForm
from services.models import OpeningException, Page, Principle
from services.selectors import (
    CATALOGUE_MODELS,
    branch_status,
    branch_statuses,
    branches_with_hours,
    categories_with_services,
    library_today,
    library_zone,
    ordered_for_listing,
    portal_library,
    published_services,
    search_services,
)

SERVICES_PER_PAGE = 50
UPCOMING_EXCEPTION_DAYS = 30


@cached_public_page(*CATALOGUE_MODELS)
def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    services = search_services(query) if query else published_services()
    page = Paginator(ordered_for_listing(services), SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "services/service_list.html",
        {
            "form": form,
            "query": query,
            "page": page,
            "groups": categories_with_services(page.object_list),
        },
    )


@cached_public_page(*CATALOGUE_MODELS)
def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    service = get_object_or_404(published_services(), slug=slug)
    return render(
        request,
        "services/service_detail.html",
        {"service": service, "branch_statuses": branch_statuses(only=Q(services=service))},
    )


@cached_public_page(*CATALOGUE_MODELS)
def branch_list(request: HttpRequest) -> HttpResponse:
    return render(request, "services/branch_list.html", {"branch_statuses": branch_statuses()})


@cached_public_page(*CATALOGUE_MODELS)
def branch_detail(request: HttpRequest, slug: str) -> HttpResponse:
    zone = library_zone(portal_library())
    now = timezone.now()
    today = library_today(zone, now)
    branch = get_object_or_404(branches_with_hours(today=today), slug=slug)
    status = branch_status(branch, now=now, zone=zone)
    weekly = list(branch.opening_hours.all())
    week = [
        {
            "kind": day_status.kind,
            "days": [
                {"weekday": weekday, "intervals": intervals_on_weekday(weekly, day_status.kind, weekday)}
                for weekday in range(7)
            ],
        }
        for day_status in status.statuses
    ]
    upcoming = OpeningException.objects.filter(
        branch=branch, date__gte=today, date__lte=today + dt.timedelta(days=UPCOMING_EXCEPTION_DAYS)
    )
    return render(
        request,
        "services/branch_detail.html",
        {
            "branch": branch,
            "status": status,
            "week": week,
            "upcoming_exceptions": upcoming,
            "services": published_services().filter(branches=branch),
        },
    )


def intervals_on_weekday(weekly, kind: str, weekday: int):
    return sorted((h.opens, h.closes) for h in weekly if h.kind == kind and h.weekday == weekday)


@cached_public_page(*CATALOGUE_MODELS)
def principles(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/principles.html",
        {"page": Page.objects.filter(slug=Page.Slug.PRINCIPLES).first(), "principles": Principle.objects.all()},
    )


@cached_public_page(*CATALOGUE_MODELS)
def content_page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
    return render(request, "pages/content_page.html", {"page": page})
