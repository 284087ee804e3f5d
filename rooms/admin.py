"""The back office of room booking: rooms with their rules, and the bookings (read here; they move only through the
services)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from library_portal.admin import PortalAdminMixin, ReadOnlyInline
from library_portal.caching import Namespace
from rooms.models import Booking, BookingHistory, Room


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
        (_("Price"), {"fields": ["has_equipment", "price_code", "price_code_with_equipment"]}),
        (
            _("Booking rules"),
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


@admin.register(Booking)
class BookingAdmin(PortalAdminMixin, admin.ModelAdmin):
    cache_namespaces = (Namespace.ROOMS,)
    list_display = ["room", "start", "end", "kind", "status", "user", "organisation_name", "total"]
    list_filter = ["status", "kind", "room__branch", "room"]
    search_fields = ["user__email", "user__last_name", "organisation_name", "organisation_code", "purpose", "phone"]
    list_select_related = ["room", "user"]
    date_hierarchy = "start"
    inlines = [BookingHistoryInline]
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
