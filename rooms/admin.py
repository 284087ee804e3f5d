"""The back office of room booking: rooms with their rules, and the bookings (read here; they move only through the
services). A booking's page has the buttons of its next moves (Approve, Decline with a reason, ...) and the price
set by staff; the list approves a pending request with one click; staff book for someone (once or every week) on
their own page."""

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from library_portal.admin import PortalAdminMixin, ReadOnlyInline, run_each
from library_portal.caching import Namespace
from library_portal.errors import DomainError
from library_portal.money import format_money
from rooms.models import TRANSITIONS, Booking, BookingHistory, BookingSeries, Kind, Room, Status
from rooms.selectors import zone
from rooms.series import booking_series_create, skip_reason
from rooms.services import (
    booking_approve,
    booking_cancel_by_library,
    booking_complete,
    booking_decline,
    booking_no_show,
)
from rooms.staff import PRICED, booking_price_override, booking_staff_create, room_internal_book
from rooms.staff_forms import HandleForm, PriceForm, StaffBookingForm


@admin.register(Room)
class RoomAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.ROOMS,)  # a room's rules decide its free times (rooms/availability.py)
    list_display = ["name", "branch", "capacity", "has_equipment", "bookable_online", "requires_approval", "order"]
    list_filter = ["branch", "bookable_online", "requires_approval", "has_equipment"]
    search_fields = ["name", "slug", "description"]
    list_select_related = ["branch"]
    prepopulated_fields = {"slug": ["name_lt"]}
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "branch",
                    "name",
                    "slug",
                    "description",
                    "capacity",
                    "accessibility_notes",
                    "photo",
                    "photo_alt",
                    "order",
                ]
            },
        ),
        (gettext_lazy("Price"), {"fields": ["has_equipment", "price_code", "price_code_with_equipment"]}),
        (
            gettext_lazy("Booking rules"),
            {
                "fields": [
                    "bookable_online",
                    "requires_approval",
                    "patrons_may_book",
                    "organisations_may_book",
                    "slot_minutes",
                    "min_minutes",
                    "max_minutes",
                    "lead_hours",
                    "horizon_days",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "max_active_per_person",
                ]
            },
        ),
    ]


class BookingHistoryInline(ReadOnlyInline):
    model = BookingHistory
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


# The moves staff make from a booking's page, each through its service; the patron's own cancellation is theirs.
STAFF_MOVES = (Status.APPROVED, Status.DECLINED, Status.CANCELLED_BY_LIBRARY, Status.COMPLETED, Status.NO_SHOW)
MOVE_LABELS = {
    Status.APPROVED: gettext_lazy("Approve"),
    Status.DECLINED: gettext_lazy("Decline"),
    Status.CANCELLED_BY_LIBRARY: gettext_lazy("Cancel the booking"),
    Status.COMPLETED: gettext_lazy("Mark as used"),
    Status.NO_SHOW: gettext_lazy("Mark as not used (no-show)"),
}
# What a refused move or price leaves for the booking's page (Post/Redirect/Get keeps what was typed).
FORM_SESSION_KEY = "rooms-handle-form"


def _move(booking: Booking, to: str, *, reason: str, actor) -> Booking:
    if to == Status.APPROVED:
        return booking_approve(booking=booking, actor=actor)
    if to == Status.DECLINED:
        return booking_decline(booking=booking, reason=reason, actor=actor)
    if to == Status.CANCELLED_BY_LIBRARY:
        return booking_cancel_by_library(booking=booking, reason=reason, actor=actor)
    if to == Status.COMPLETED:
        return booking_complete(booking=booking, actor=actor)
    return booking_no_show(booking=booking, actor=actor)


class PendingFilter(admin.SimpleListFilter):
    title = gettext_lazy("waiting for approval")
    parameter_name = "pending"

    def lookups(self, request, model_admin):
        return [("yes", gettext_lazy("Requests waiting for approval"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=Status.REQUESTED)
        return queryset


@admin.register(Booking)
class BookingAdmin(PortalAdminMixin, admin.ModelAdmin):
    cache_namespaces = (Namespace.ROOMS,)
    list_display = ["room", "start", "end", "kind", "status", "customer", "price", "handle"]
    list_filter = [PendingFilter, "status", "kind", "room__branch", "room"]
    search_fields = ["user__email", "user__last_name", "organisation_name", "organisation_code", "purpose", "phone"]
    list_select_related = ["room", "user"]
    date_hierarchy = "start"
    inlines = [BookingHistoryInline]
    actions = ["approve_selected"]
    change_form_template = "admin/rooms/booking/change_form.html"
    change_list_template = "admin/rooms/booking/change_list.html"
    # Every field is read-only: a booking is written and moved only by rooms.services, where its rules live.
    readonly_fields = [
        "room",
        "kind",
        "status",
        "start",
        "end",
        "held",
        "user",
        "organisation_name",
        "organisation_code",
        "purpose",
        "people",
        "phone",
        "with_equipment",
        "language",
        "source",
        "created_by",
        "event",
        "series",
        "reason",
        "price_list",
        "price_code",
        "category_code",
        "unit_price",
        "hours",
        "total",
        "price_override",
        "price_override_reason",
        "price_override_by",
        "price_override_at",
        "reminder_sent_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_handle_permission(self, request) -> bool:
        return request.user.has_perm("rooms.handle_booking")

    @admin.display(description=gettext_lazy("customer"), ordering="user__last_name")
    def customer(self, obj: Booking) -> str:
        if obj.kind != Kind.BOOKING:
            return obj.purpose
        who = obj.user.get_full_name() or obj.user.email
        return f"{obj.organisation_name} ({who})" if obj.organisation_name else who

    @admin.display(description=gettext_lazy("price"))
    def price(self, obj: Booking) -> str:
        if obj.kind != Kind.BOOKING:
            return "—"
        if obj.amount_due is None:
            return _("priced individually")
        return format_money(obj.amount_due) + (" *" if obj.price_override is not None else "")

    @admin.display(description=gettext_lazy("handle"))
    def handle(self, obj: Booking) -> str:
        """A pending request's one-click Approve (a button of the list's own form, posted to the move view) and a
        link to its page, where Decline asks for the reason."""
        if obj.status != Status.REQUESTED:
            return ""
        return format_html(
            '<button type="submit" class="button" formaction="{}" formnovalidate>{}</button> '
            '<a href="{}#booking-handle">{}</a>',
            reverse("admin:rooms_booking_move", args=[obj.pk, Status.APPROVED]),
            MOVE_LABELS[Status.APPROVED],
            reverse("admin:rooms_booking_change", args=[obj.pk]),
            _("Decline…"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("enter/", view(self.enter_view), name="rooms_booking_enter"),
            path("<int:pk>/move/<str:to_status>/", view(self.move_view), name="rooms_booking_move"),
            path("<int:pk>/price/", view(self.price_view), name="rooms_booking_price"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_handle": self.has_handle_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {**(extra_context or {})}
        if obj is not None:
            kept = request.session.pop(FORM_SESSION_KEY, None) if request.method == "GET" else None
            kept = kept if kept and kept.get("pk") == obj.pk else {}
            extra.update(
                can_handle=self.has_handle_permission(request),
                moves=[(to, MOVE_LABELS[to]) for to in STAFF_MOVES if to in TRANSITIONS[obj.status]],
                handle_form=self._kept(HandleForm, "handle", kept),
                price_form=self._kept(PriceForm, "price", kept),
                show_price=obj.kind == Kind.BOOKING and obj.status in PRICED,
                receipt_url=reverse("rooms:receipt", args=[obj.pk]),
            )
        return super().change_view(request, object_id, form_url, extra)

    @staticmethod
    def _kept(form_class, prefix: str, kept: dict):
        """The form as it was posted, with the service's refusal by its field, after a refused post; else empty."""
        if kept.get("prefix") != prefix:
            return form_class(prefix=prefix)
        form = form_class(kept["data"], prefix=prefix)
        form.is_valid()
        for field, errors in kept["errors"].items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return form

    def _refused(self, request, booking: Booking, form, prefix: str, error: DomainError | None = None):
        if error is not None:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        self.message_user(request, _("Nothing was changed: see the reason below."), messages.ERROR)
        request.session[FORM_SESSION_KEY] = {
            "pk": booking.pk,
            "prefix": prefix,
            "data": {key: value for key, value in request.POST.items() if key.startswith(prefix + "-")},
            "errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()},
        }
        return redirect(reverse("admin:rooms_booking_change", args=[booking.pk]) + "#booking-handle")

    def move_view(self, request, pk: int, to_status: str):
        """One click: a move button (on the booking's page, or Approve in the list) posts its form here
        (formaction); this reads only the reason (prefix "handle") and answers on the booking's page."""
        if not self.has_handle_permission(request):
            raise PermissionDenied
        booking = get_object_or_404(Booking, pk=pk)
        if to_status not in STAFF_MOVES:
            raise Http404
        if request.method != "POST":
            return redirect("admin:rooms_booking_change", pk)
        form = HandleForm(request.POST, prefix="handle")
        if not form.is_valid():
            return self._refused(request, booking, form, "handle")
        try:
            booking = _move(booking, to_status, reason=form.cleaned_data["reason"], actor=request.user)
        except DomainError as error:
            return self._refused(request, booking, form, "handle", error)
        label = booking.get_status_display()
        self.log_change(request, booking, _("Moved to %(status)s.") % {"status": label})
        self.message_user(request, _("The booking is now “%(status)s”.") % {"status": label}, messages.SUCCESS)
        # Approve pressed in the list: back to the list as it was filtered.
        came_from = request.headers.get("referer", "")
        changelist = reverse("admin:rooms_booking_changelist")
        if url_has_allowed_host_and_scheme(came_from, {request.get_host()}) and changelist in came_from:
            return redirect(came_from)
        return redirect("admin:rooms_booking_change", pk)

    def price_view(self, request, pk: int):
        """The price set by staff, with its reason (prefix "price"), through booking_price_override."""
        if not self.has_handle_permission(request):
            raise PermissionDenied
        booking = get_object_or_404(Booking, pk=pk)
        if request.method != "POST":
            return redirect("admin:rooms_booking_change", pk)
        form = PriceForm(request.POST, prefix="price")
        if not form.is_valid():
            return self._refused(request, booking, form, "price")
        try:
            booking = booking_price_override(
                booking=booking,
                amount=form.cleaned_data["amount"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except DomainError as error:
            return self._refused(request, booking, form, "price", error)
        amount = format_money(booking.price_override)
        self.log_change(request, booking, _("Price set to %(amount)s.") % {"amount": amount})
        self.message_user(request, _("The price is now %(amount)s.") % {"amount": amount}, messages.SUCCESS)
        return redirect("admin:rooms_booking_change", pk)

    @admin.action(description=gettext_lazy("Approve the selected requests"), permissions=["handle"])
    def approve_selected(self, request, queryset: QuerySet[Booking]):
        run_each(
            self,
            request,
            queryset.filter(status=Status.REQUESTED).order_by("start"),
            lambda booking: booking_approve(booking=booking, actor=request.user),
            lambda booking: _("%(booking)s is approved.") % {"booking": booking},
        )

    def enter_view(self, request):
        """Staff book for someone (a phone call, the desk) or for the library's own use, once or every week."""
        if not self.has_handle_permission(request):
            raise PermissionDenied
        form = StaffBookingForm(request.POST or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = _enter(form.cleaned_data, actor=request.user)
            except DomainError as error:
                form.add_refusal(error)
            else:
                if isinstance(result, Booking):
                    self.log_addition(request, result, _("Entered by staff."))
                    self.message_user(request, _("The room is booked."), messages.SUCCESS)
                    return redirect("admin:rooms_booking_change", result.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Book a room for someone"),
            "form": form,
            "result": result,
            "skipped": [(s.date, s.message) for s in result.skipped] if result else [],
        }
        return TemplateResponse(request, "admin/rooms/booking/enter.html", context, status=400 if form.errors else 200)


def _enter(data: dict, *, actor):
    """One booking (Booking) or a weekly series (SeriesResult) from the staff's form."""
    common = {"room": data["room"], "purpose": data["purpose"], "actor": actor}
    if data.get("repeat_until"):
        return booking_series_create(
            **common,
            kind=data["kind"],
            first_date=data["date"],
            last_date=data["repeat_until"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            every_weeks=data.get("every_weeks") or 1,
            user=data.get("user"),
            organisation_name=data.get("organisation_name", ""),
            organisation_code=data.get("organisation_code", ""),
            people=data.get("people"),
            phone=data.get("phone", ""),
            with_equipment=data.get("with_equipment", False),
        )
    tz = zone()
    start = dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz)
    end = dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz)
    if data["kind"] == Kind.INTERNAL:
        return room_internal_book(**common, start=start, end=end)
    return booking_staff_create(
        **common,
        start=start,
        end=end,
        user=data["user"],
        with_equipment=data.get("with_equipment", False),
        people=data.get("people"),
        phone=data.get("phone", ""),
        organisation_name=data.get("organisation_name", ""),
        organisation_code=data.get("organisation_code", ""),
    )


class SeriesBookingInline(ReadOnlyInline):
    model = Booking
    fields = ["start", "end", "status", "link"]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("dates booked")

    @admin.display(description=gettext_lazy("booking"))
    def link(self, obj: Booking) -> str:
        return format_html('<a href="{}">#{}</a>', reverse("admin:rooms_booking_change", args=[obj.pk]), obj.pk)


@admin.register(BookingSeries)
class BookingSeriesAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["room", "first_date", "last_date", "start_time", "end_time", "kind", "user", "created_by"]
    list_filter = ["kind", "room__branch", "room"]
    search_fields = ["purpose", "organisation_name", "user__email", "user__last_name"]
    list_select_related = ["room", "user", "created_by"]
    inlines = [SeriesBookingInline]
    readonly_fields = [
        "room",
        "kind",
        "user",
        "organisation_name",
        "organisation_code",
        "purpose",
        "first_date",
        "last_date",
        "every_weeks",
        "start_time",
        "end_time",
        "with_equipment",
        "created_by",
        "created_at",
        "skipped_dates",
    ]
    fields = readonly_fields

    @admin.display(description=gettext_lazy("dates skipped"))
    def skipped_dates(self, obj: BookingSeries) -> str:
        rows = [(entry["date"], skip_reason(entry["code"])) for entry in obj.skipped]
        if not rows:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    def has_add_permission(self, request):
        return False  # made by the staff's booking form, which books each date

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
