"""The patron's room pages: the rooms by branch, a room's week grid with the price and the request form, the cancel
link's page."""

from django.http import HttpRequest, HttpResponse


def room_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


def room_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("")


def booking_cancel(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("")
