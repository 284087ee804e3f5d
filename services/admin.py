from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from services.models import (
    Branch,
    Library,
    OpeningException,
    OpeningHours,
    Page,
    Principle,
    Service,
    ServiceCategory,
)


@admin.register(Library)
class LibraryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "is_portal_library", "municipality", "country", "isil", "email"]
    list_filter = ["is_portal_library", "country"]
    search_fields = ["name", "short_name", "municipality", "isil"]
    list_select_related: list[str] = []


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class OpeningExceptionInline(TranslationTabularInline):
    model = OpeningException
    extra = 0
    ordering = ["-date"]


@admin.register(Branch)
class BranchAdmin(TabbedTranslationAdmin):
    list_display = ["name", "address", "municipality", "phone", "is_sample", "order"]
    list_editable = ["order"]
    list_filter = ["library", "municipality", "is_sample"]
    search_fields = ["name", "address", "municipality", "email"]
    list_select_related = ["library"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline, OpeningExceptionInline]


@admin.register(OpeningException)
class OpeningExceptionAdmin(TabbedTranslationAdmin):
    list_display = ["date", "branch", "kind", "closed", "opens", "closes", "reason"]
    list_filter = ["closed", "kind", "branch"]
    search_fields = ["reason", "branch__name"]
    list_select_related = ["branch"]
    date_hierarchy = "date"


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "order"]
    list_editable = ["order"]
    list_filter: list[str] = []
    search_fields = ["title", "description"]
    list_select_related: list[str] = []
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Service)
class ServiceAdmin(TabbedTranslationAdmin):
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
class PrincipleAdmin(TabbedTranslationAdmin):
    list_display = ["number", "title"]
    list_filter: list[str] = []
    search_fields = ["title", "body"]
    list_select_related: list[str] = []


@admin.register(Page)
class PageAdmin(TabbedTranslationAdmin):
    list_display = ["title", "slug", "updated_at"]
    list_filter = ["slug"]
    search_fields = ["title", "body"]
    list_select_related: list[str] = []
