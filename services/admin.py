from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from library_portal.admin import PortalAdminMixin, run_each
from library_portal.caching import Namespace
from library_portal.control_characters import PortalModelForm
from library_portal.errors import DomainError
from search.admin import SearchIndexAdminMixin
from services.events import event_cancel, event_save
from services.models import (
    Branch,
    Consultation,
    EService,
    EServicePlace,
    Event,
    GoodPractice,
    Library,
    OnlineResource,
    OpeningException,
    OpeningHours,
    Page,
    Partner,
    Principle,
    Registration,
    Service,
    ServiceCategory,
)
from services.registrations import event_registration_cancel, event_registration_confirm


@admin.register(Library)
class LibraryAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.BRANCHES,)
    list_display = ["name", "is_portal_library", "municipality", "country", "isil", "email"]
    list_filter = ["is_portal_library", "country"]
    search_fields = ["name", "short_name", "municipality", "isil"]
    list_select_related: list[str] = []


class OpeningHoursInline(PortalAdminMixin, admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(PortalAdminMixin, TranslationTabularInline):
    model = OpeningException
    extra = 0
    ordering = ["-date"]


@admin.register(Branch)
class BranchAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.BRANCHES,)
    list_display = ["name", "address", "municipality", "phone", "is_sample", "order"]
    list_editable = ["order"]
    list_filter = ["library", "municipality", "is_sample"]
    search_fields = ["name", "address", "municipality", "email"]
    list_select_related = ["library"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(OpeningException)
class OpeningExceptionAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.BRANCHES,)
    list_display = ["date", "branch", "kind", "closed", "opens", "closes", "reason"]
    list_filter = ["closed", "kind", "branch"]
    search_fields = ["reason", "branch__name"]
    list_select_related = ["branch"]
    date_hierarchy = "date"


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.SERVICES,)
    list_display = ["title", "slug", "order"]
    list_editable = ["order"]
    list_filter: list[str] = []
    search_fields = ["title", "description"]
    list_select_related: list[str] = []
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Service)
class ServiceAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.SERVICES,)
    list_display = ["title", "category", "is_published", "is_highlighted", "order", "updated_at"]
    list_editable = ["is_published", "is_highlighted", "order"]
    list_filter = ["category", "is_published", "is_highlighted", "branches"]
    search_fields = ["title", "summary", "body", "contact_name"]
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["branches"]
    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected services"), permissions=["change"])
    def publish(self, request, queryset):
        self.message_user(request, _("%(count)d services published.") % {"count": queryset.update(is_published=True)})

    @admin.action(description=_("Hide the selected services"), permissions=["change"])
    def unpublish(self, request, queryset):
        self.message_user(request, _("%(count)d services hidden.") % {"count": queryset.update(is_published=False)})


@admin.register(Principle)
class PrincipleAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.SERVICES,)
    list_display = ["number", "title"]
    list_filter: list[str] = []
    search_fields = ["title", "body"]
    list_select_related: list[str] = []


@admin.register(Page)
class PageAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.SERVICES,)
    list_display = ["title", "slug", "updated_at"]
    list_filter = ["slug"]
    search_fields = ["title", "body"]
    list_select_related: list[str] = []


# Partner e-services ------------------------------------------------------------------------------


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# An address typed without a scheme is taken as https (Django 6's default).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Partner)
class PartnerAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.ESERVICES,)
    list_display = ["name", "kind", "agreement_level", "agreement_date", "contact_email"]
    list_filter = ["kind", "agreement_level"]
    search_fields = ["name", "agreement_subject", "contact_name", "contact_email"]
    list_select_related: list[str] = []
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = HTTPS_URLS


class EServicePlaceInline(PortalAdminMixin, TranslationTabularInline):
    model = EServicePlace
    extra = 0
    autocomplete_fields = ["branch", "library"]


class OnlineResourceInline(PortalAdminMixin, TranslationStackedInline):
    model = OnlineResource
    extra = 0
    formfield_overrides = HTTPS_URLS
    readonly_fields = ["last_checked_at", "last_check_ok", "last_check_result"]


class GoodPracticeInline(PortalAdminMixin, TranslationStackedInline):
    model = GoodPractice
    extra = 0


@admin.register(EService)
class EServiceAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.ESERVICES,)
    list_display = ["title", "area", "is_published", "order", "updated_at"]
    list_editable = ["is_published", "order"]
    list_filter = ["area", "is_published", "partners"]
    search_fields = ["title", "summary", "description"]
    list_select_related: list[str] = []
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["partners"]
    inlines = [EServicePlaceInline, OnlineResourceInline, GoodPracticeInline]


@admin.register(OnlineResource)
class OnlineResourceAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.ESERVICES,)
    list_display = ["title", "eservice", "url", "language", "last_check_ok", "last_checked_at"]
    list_filter = ["last_check_ok", "language", "eservice"]
    search_fields = ["title", "url", "description"]
    list_select_related = ["eservice"]
    readonly_fields = ["last_checked_at", "last_check_ok", "last_check_result"]
    formfield_overrides = HTTPS_URLS


class EventAdminForm(PortalModelForm):
    """The admin builds the fields. The places are checked by event_save under the event's lock, against the
    registrations counted at that moment; when it refuses, EventAdmin shows the form again with the service's
    reason (`refusal`) by its field."""

    refusal: DomainError | None = None

    def clean(self):
        data = super().clean()
        if self.refusal is not None:
            field = self.refusal.field if self.refusal.field in self.fields else None
            self.add_error(field, str(self.refusal.message))
        return data


class RegistrationInline(PortalAdminMixin, admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "phone", "status", "hold_expires_at", "attended", "created_at"]
    readonly_fields = ["name", "email", "phone", "status", "hold_expires_at", "created_at"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # registrations come through the public form, the API or the attendee list, which keep the rules


@admin.register(Event)
class EventAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.ESERVICES,)
    search_index_on_save = False  # event_save indexes it
    form = EventAdminForm
    list_display = [
        "title",
        "starts_at",
        "branch",
        "capacity",
        "confirmed_count",
        "held_count",
        "is_cancelled",
        "attendee_list",
    ]
    list_filter = ["is_cancelled", "branch", "eservice__area", "eservice"]
    search_fields = ["title", "description", "room"]
    list_select_related = ["branch"]
    date_hierarchy = "starts_at"
    readonly_fields = ["confirmed_count", "held_count", "is_cancelled"]
    inlines = [RegistrationInline]
    actions = ["cancel_events"]

    @admin.display(description=_("attendees"))
    def attendee_list(self, obj: Event):
        return format_html('<a href="{}">{}</a>', reverse("services:event_staff", args=[obj.pk]), _("list"))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as refusal:
            # event_save refused in save_model, and the admin's transaction rolled back everything the post did:
            # the same post is shown again, its form carrying the reason by the field, and nothing is saved.
            request.event_refusal = refusal
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "event_refusal", None)
        return type(form.__name__, (form,), {"refusal": refusal}) if refusal else form

    def save_model(self, request, obj, form, change):
        # The service writes the event, under its lock and after checking the places against the registrations
        # counted there; moving an event or adding places has consequences for the people registered.
        event_save(event=obj, changed_fields=form.changed_data, site_url=_site_url(request), by=request.user)

    @admin.action(description=_("Cancel the selected events and tell the registrants"), permissions=["change"])
    def cancel_events(self, request, queryset):
        site_url = _site_url(request)
        run_each(
            self,
            request,
            queryset,
            lambda event: event_cancel(event=event, site_url=site_url, by=request.user),
            lambda event: _("%(event)s is cancelled.") % {"event": event},
        )


@admin.register(Registration)
class RegistrationAdmin(PortalAdminMixin, admin.ModelAdmin):
    cache_namespaces = (Namespace.ESERVICES,)
    list_display = ["name", "event", "status", "hold_expires_at", "email", "phone", "attended", "created_at"]
    list_filter = ["status", "attended", "event__branch"]
    search_fields = ["name", "email", "phone", "event__title"]
    list_select_related = ["event"]
    readonly_fields = [
        "event",
        "status",
        "hold_expires_at",
        "contact_confirmed_at",
        "consent_at",
        "reminder_sent_at",
        "language",
        "name",
        "email",
        "phone",
    ]
    actions = ["confirm_registrations", "cancel_registrations"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Confirm the selected held places (the person was reached)"), permissions=["change"])
    def confirm_registrations(self, request, queryset):
        site_url = _site_url(request)
        run_each(
            self,
            request,
            queryset,
            lambda registration: event_registration_confirm(
                registration=registration, site_url=site_url, by=request.user
            ),
            lambda registration: _("%(registration)s is confirmed.") % {"registration": registration},
        )

    @admin.action(description=_("Cancel the selected registrations"), permissions=["change"])
    def cancel_registrations(self, request, queryset):
        site_url = _site_url(request)
        run_each(
            self,
            request,
            queryset,
            lambda registration: event_registration_cancel(
                registration=registration, site_url=site_url, by=request.user
            ),
        )


@admin.register(Consultation)
class ConsultationAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["date", "branch", "eservice", "people", "minutes", "recorded_by"]
    list_filter = ["branch", "eservice", "eservice__area"]
    search_fields = ["eservice__title", "branch__name"]
    list_select_related = ["branch", "eservice", "recorded_by"]
    date_hierarchy = "date"
    readonly_fields = ["recorded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
