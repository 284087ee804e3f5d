"""The staff's room pages outside the admin: the calendar of a branch's rooms (day or week, printable for the door),
the room statistics with their exports; and the receipt PDF, which the patron opens for their own booking and staff
for any."""

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from library_portal.exports import statistics_download
from library_portal.views import error_response
from rooms.calendar import branch_calendar, calendar_days
from rooms.models import Booking, Room
from rooms.receipts import booking_receipt_pdf
from rooms.selectors import zone
from rooms.staff_forms import CalendarForm, RoomStatisticsForm
from rooms.statistics import (
    metric_headings,
    room_charts,
    room_statistics,
    room_statistics_csv,
    room_statistics_xlsx,
)
from services.models import Branch


def _branches_with_rooms():
    return Branch.objects.filter(pk__in=Room.objects.values("branch")).order_by("order", "name")


@permission_required("rooms.view_booking", raise_exception=True)
def calendar_index(request: HttpRequest) -> HttpResponse:
    """The calendar of the first branch that has rooms (the page offers the others)."""
    branch = _branches_with_rooms().first()
    if branch is None:
        return render(request, "rooms/staff/calendar.html", {"calendar": None, "branches": []})
    return redirect("rooms:calendar", branch=branch.slug)


@permission_required("rooms.view_booking", raise_exception=True)
def calendar(request: HttpRequest, branch: str) -> HttpResponse:
    """A day or a week of the branch's rooms: each booking with who booked it and its status, the buffers before
    and after, blackouts, the library's own use and events; the branch's staffed hours of each day."""
    branch_obj = get_object_or_404(Branch, slug=branch)
    today = timezone.localdate(timezone=zone())
    form = CalendarForm(request.GET or None, initial={"date": today, "view": "week"})
    day, view = form.chosen(today)
    first, last = calendar_days(day, view)
    step = dt.timedelta(days=1 if view == "day" else 7)
    return render(
        request,
        "rooms/staff/calendar.html",
        {
            "form": form,
            "calendar": branch_calendar(branch=branch_obj, first=first, last=last),
            "branches": _branches_with_rooms(),
            "branch": branch_obj,
            "view": view,
            "first": first,
            "last": last,
            "previous": (day - step).isoformat(),
            "next": (day + step).isoformat(),
            "today": today.isoformat(),
        },
        status=400 if form.errors else 200,
    )


@permission_required("rooms.view_statistics", raise_exception=True)
def statistics(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate(timezone=zone())
    defaults = {"date_from": today.replace(month=1, day=1), "date_to": today, "branch": None}
    form = RoomStatisticsForm(request.GET or None, initial=defaults)
    if request.GET and not form.is_valid():
        return render(request, "rooms/staff/statistics.html", {"form": form, "report": None}, status=400)
    filters = form.cleaned_data if request.GET else defaults
    report = room_statistics(date_from=filters["date_from"], date_to=filters["date_to"], branch=filters["branch"])
    download = statistics_download(
        request, report, name="room-statistics", csv=room_statistics_csv, xlsx=room_statistics_xlsx
    )
    if download is not None:
        return download
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "rooms/staff/statistics.html",
        {
            "form": form,
            "report": report,
            "charts": room_charts(report),
            "headings": metric_headings(),
            "query": query.urlencode(),
        },
    )


@login_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt PDF, in the customer's language: the patron's own booking, or any booking for staff who see
    bookings. Someone else's booking is not found; a booking not (or no longer) due has no receipt."""
    queryset = Booking.objects.select_related("room__branch", "user", "price_list")
    if not request.user.has_perm("rooms.view_booking"):
        queryset = queryset.filter(user=request.user)
    booking = get_object_or_404(queryset, pk=pk)
    if not booking.has_receipt:
        if booking.user_id is None:
            raise Http404
        return error_response(
            request,
            status=409,
            code="no_receipt",
            title=_("There is no receipt for this booking"),
            message=_("A receipt is made once the booking is approved; a declined or cancelled booking has none."),
        )
    language = booking.language if booking.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    pdf = booking_receipt_pdf(booking=booking, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="room-booking-{booking.pk}-{language}.pdf"'
    return response
