"""The patron's room pages: the rooms by branch, a room's week grid with the price and the request form, and the
page of the signed cancel link.

The room page works without JavaScript: the grid is a GET form (a radio button in each free step, the length and the
equipment) whose answer shows the price and, for a logged-in patron, the request form, a POST.
"""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from library_portal.caching import Namespace, cached_public_page, expire_page_at
from library_portal.errors import DomainError
from library_portal.models import PatronProfile
from rooms.availability import room_availability_cached
from rooms.forms import LOCAL_FORMAT, BookingForm, SlotForm
from rooms.links import booking_from_cancel_token, cancel_cutoff
from rooms.models import Room
from rooms.rules import duration_text
from rooms.selectors import (
    CLOSED,
    FREE,
    DayAvailability,
    bookable_rooms,
    booking_window,
    hourly_prices,
    rooms_by_branch,
    zone,
)
from rooms.services import booking_cancel_by_patron, booking_preview, booking_request


def room_list(request: HttpRequest) -> HttpResponse:
    """Every room by branch, with its price per hour (and with equipment) from the list in force today."""
    groups = rooms_by_branch()
    prices = hourly_prices([room for _branch, rooms in groups for room in rooms], on=timezone.localdate())
    for _branch, rooms in groups:
        for room in rooms:
            room.hourly = prices.get(room.price_code)
            room.hourly_with_equipment = prices.get(room.price_code_with_equipment) if room.has_equipment else None
    return render(request, "rooms/room_list.html", {"groups": groups})


# The week grid ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    monday: dt.date
    previous: dt.date | None  # None: the week before is wholly in the past
    next: dt.date | None  # None: the week after is beyond the horizon

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)


def _week(room: Room, asked: str | None, *, around: dt.datetime | None = None) -> Week:
    """The week shown: the one asked for (`?week=`), or the one of `around`, or the first with a bookable time;
    kept between this week and the horizon."""
    tz = zone()
    window = booking_window(room, timezone.now(), tz)
    first = window.earliest.astimezone(tz).date()
    first_monday = first - dt.timedelta(days=first.weekday())
    today = timezone.now().astimezone(tz).date()
    this_monday = today - dt.timedelta(days=today.weekday())
    last = window.latest.astimezone(tz).date() - dt.timedelta(days=1)
    try:
        day = dt.date.fromisoformat(asked) if asked else (around.astimezone(tz).date() if around else first_monday)
    except ValueError:
        day = first_monday
    monday = day - dt.timedelta(days=day.weekday())
    last_monday = last - dt.timedelta(days=last.weekday())
    monday = min(max(monday, this_monday), last_monday)
    return Week(
        monday=monday,
        previous=monday - dt.timedelta(days=7) if monday > this_monday else None,
        next=monday + dt.timedelta(days=7) if monday < last_monday else None,
    )


def _grid(days: list[DayAvailability], chosen: str) -> dict:
    """The table of the week: a column per open day, a row per step of the day (wall-clock time), and the days
    that are closed (holidays with their reason, days without staffed hours)."""
    tz = zone()
    open_days = [day for day in days if not day.is_closed]
    times = sorted({slot.start.astimezone(tz).time() for day in open_days for slot in day.slots})
    cells = {(day.date, slot.start.astimezone(tz).time()): slot for day in open_days for slot in day.slots}
    rows = []
    first_free = True  # the first free step's radio button is the one an error about the start links to
    for moment in times:
        row = []
        for day in open_days:
            slot = cells.get((day.date, moment))
            value = slot.start.astimezone(tz).strftime(LOCAL_FORMAT) if slot else ""
            state = slot.state if slot else CLOSED
            row.append({"state": state, "value": value, "date": day.date, "first": first_free and state == FREE})
            first_free = first_free and state != FREE
        rows.append({"time": moment, "cells": row})
    return {
        "days": open_days,
        "rows": rows,
        "closed": [day for day in days if day.is_closed],
        "chosen": chosen,
    }


def _context(request: HttpRequest, room: Room, *, week: Week, slot_form: SlotForm, form=None, quote=None) -> dict:
    availability = room_availability_cached(slug=room.slug, room=room, start_date=week.monday, end_date=week.sunday)
    days = availability.days
    # An anonymous visitor's page is kept whole (cached_public_page) until a step of the grid changes with the time.
    expire_page_at(request, availability.valid_until)
    prices = hourly_prices([room], on=timezone.localdate())
    chosen = slot_form.data.get("start", "") if slot_form.is_bound else ""
    return {
        "room": room,
        "week": week,
        "grid": _grid(days, chosen),
        "slot_form": slot_form,
        "form": form,
        "quote": quote,
        "hourly": prices.get(room.price_code),
        "hourly_with_equipment": prices.get(room.price_code_with_equipment) if room.has_equipment else None,
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.get_full_path()}),
        "rules": {
            "shortest": duration_text(room.min_minutes),
            "longest": duration_text(room.max_minutes),
            "cancel_hours": settings.ROOMS_CANCEL_CUTOFF_HOURS,
        },
    }


def _preview(request: HttpRequest, room: Room, slot_form: SlotForm):
    """The price of the chosen time and the request form filled in with it, or None after an error on the form."""
    if not slot_form.is_valid():
        return None, None
    start = slot_form.cleaned_data["start"]
    end = start + dt.timedelta(minutes=slot_form.cleaned_data["duration"])
    equipment = slot_form.cleaned_data.get("equipment", False)
    user = request.user if request.user.is_authenticated else None
    try:
        quote = booking_preview(room=room, start=start, end=end, with_equipment=equipment, user=user)
    except DomainError as error:
        slot_form.add_error("start" if error.field in (None, "start", "end") else None, str(error.message))
        return None, None
    initial = {"start": start, "end": end, "with_equipment": equipment}
    if user is not None:
        profile = PatronProfile.objects.filter(user=user).only("phone").first()
        initial["phone"] = profile.phone if profile else ""
    return quote, BookingForm(room=room, initial=initial)


@require_http_methods(["GET", "POST"])
@cached_public_page(Namespace.ROOMS, Namespace.PRICES)
def room_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The room, its week grid and, once a time is chosen, its price and the request form (logged-in patrons)."""
    room = get_object_or_404(bookable_rooms(), slug=slug)
    with timezone.override(zone()):
        if request.method == "POST":
            return _request(request, room)
        slot_form = SlotForm(request.GET if "start" in request.GET else None, room=room, auto_id="slot_%s")
        quote, form = _preview(request, room, slot_form)
        week = _week(room, request.GET.get("week"), around=quote and slot_form.cleaned_data["start"])
        return render(
            request,
            "rooms/room_detail.html",
            _context(request, room, week=week, slot_form=slot_form, form=form, quote=quote),
        )


def _request(request: HttpRequest, room: Room) -> HttpResponse:
    """Send the request; an error goes next to its field with everything typed kept, and a time taken meanwhile
    shows the grid again, as it is now."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = BookingForm(request.POST, room=room)
    taken = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking_request(
                room=room,
                start=data["start"],
                end=data["end"],
                with_equipment=data.get("with_equipment", False),
                purpose=data["purpose"],
                people=data["people"],
                phone=data["phone"],
                user=request.user,
                organisation_name=data.get("organisation_name", ""),
                organisation_code=data.get("organisation_code", ""),
                actor=request.user,
            )
        except DomainError as error:
            taken = error.code == "slot_taken"
            form.add_error(None if taken or error.field not in form.fields else error.field, str(error.message))
        else:
            if room.requires_approval:
                messages.success(request, _("Your request is sent. We will e-mail you when the library answers."))
            else:
                messages.success(request, _("Your booking is confirmed. We have e-mailed you the details."))
            return redirect(reverse("account_profile") + "#hub-rooms")
    start = form.cleaned_data.get("start") if hasattr(form, "cleaned_data") else None
    week = _week(room, request.POST.get("week"), around=start)
    context = _context(request, room, week=week, slot_form=SlotForm(room=room, auto_id="slot_%s"), form=form)
    context["taken"] = taken
    return render(request, "rooms/room_detail.html", context, status=409 if taken else 200)


# Cancelling through the signed link ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def booking_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mails and on My account: GET asks, POST cancels (mail scanners open links). A forged or
    expired link, a booking past the cut-off or one that no longer holds the room gets a page saying so, and
    nothing changes."""
    try:
        booking = booking_from_cancel_token(token)
    except DomainError as error:
        return render(request, "rooms/cancel.html", {"error": error.message}, status=400)
    done = False
    error = None
    with timezone.override(zone()):
        if request.method == "POST":
            try:
                booking = booking_cancel_by_patron(booking=booking)
                done = True
            except DomainError as refused:
                error = refused.message
        elif not booking.is_holding:
            error = _("This booking is “%(status)s” and can no longer be cancelled.") % {
                "status": booking.get_status_display()
            }
        elif timezone.now() >= cancel_cutoff(booking):
            error = _("It is too late to cancel this booking here. Call the branch.")
        return render(
            request,
            "rooms/cancel.html",
            {"booking": booking, "room": booking.room, "done": done, "error": error, "cutoff": cancel_cutoff(booking)},
            status=400 if error and request.method == "POST" else 200,
        )
