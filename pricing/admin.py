from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from library_portal.admin import PortalAdminMixin
from library_portal.caching import Namespace
from library_portal.control_characters import PortalForm
from library_portal.errors import DomainError
from pricing.models import CategoryPrice, PatronCategory, PriceItem, PriceList, Room, TierPrice
from pricing.services import price_item_ensure_editable, price_list_archive, price_list_copy, price_list_publish

READ_ONLY_MESSAGE = _("This price list is published and cannot be changed: copy it into a new draft.")


class DraftOnlyMixin:
    """Published and archived lists are shown read-only: a change is a new version."""

    def _list_of(self, obj) -> PriceList | None:
        if obj is None:
            return None
        return obj if isinstance(obj, PriceList) else obj.price_list

    def has_change_permission(self, request, obj=None):
        price_list = self._list_of(obj)
        if price_list is not None and not price_list.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        price_list = self._list_of(obj)
        if price_list is not None and not price_list.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        price_list = self._list_of(obj)
        if price_list is not None and not price_list.is_editable:
            return False
        return super().has_add_permission(request, *([obj] if obj is not None else []))


class PriceItemInline(DraftOnlyMixin, PortalAdminMixin, TranslationTabularInline):
    model = PriceItem
    extra = 0
    fields = ["order", "code", "section", "name", "unit", "pricing", "amount", "room", "with_equipment"]
    show_change_link = True
    ordering = ["order", "pk"]

    def has_add_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return admin.TabularInline.has_add_permission(self, request, obj)


class PublishForm(PortalForm):
    effective_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )


@admin.register(PriceList)
class PriceListAdmin(DraftOnlyMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.PRICES,)
    list_display = ["title", "status", "effective_from", "effective_until", "published_by", "published_at", "links"]
    list_filter = ["status", "effective_from"]
    search_fields = ["title", "decisions"]
    list_select_related = ["published_by"]
    readonly_fields = ["status", "effective_from", "effective_until", "published_by", "published_at", "copied_from"]
    fields = ["title", "decisions", *readonly_fields]
    inlines = [PriceItemInline]
    actions = ["copy_into_draft"]
    change_form_template = "admin/pricing/pricelist/change_form.html"

    @admin.display(description=_("Preview"))
    def links(self, obj: PriceList):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">PDF</a> · <a href="{}">CSV</a>',
            reverse("pricing:version", args=[obj.pk]),
            _("page"),
            reverse("pricing:version_pdf", args=[obj.pk]),
            reverse("pricing:version_csv", args=[obj.pk]),
        )

    def get_urls(self):
        return [
            path("<int:pk>/publish/", self.admin_site.admin_view(self.publish_view), name="pricing_pricelist_publish"),
            path("<int:pk>/copy/", self.admin_site.admin_view(self.copy_view), name="pricing_pricelist_copy"),
            path("<int:pk>/archive/", self.admin_site.admin_view(self.archive_view), name="pricing_pricelist_archive"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        price_list = self.get_object(request, object_id)
        if price_list is not None and not price_list.is_editable and request.method == "GET":
            messages.info(request, READ_ONLY_MESSAGE)
        extra = {
            "can_publish": request.user.has_perm("pricing.publish_pricelist"),
            "can_copy": request.user.has_perm("pricing.add_pricelist"),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def publish_view(self, request, pk: int):
        if not request.user.has_perm("pricing.publish_pricelist"):
            raise PermissionDenied
        price_list = get_object_or_404(PriceList, pk=pk)
        form = PublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                price_list_publish(
                    price_list=price_list, effective_from=form.cleaned_data["effective_from"], user=request.user
                )
            except DomainError as error:
                form.add_error("effective_from" if error.field else None, str(error.message))
            else:
                published_from = date_format(form.cleaned_data["effective_from"])
                self.log_change(request, price_list, _("Published from %(date)s.") % {"date": published_from})
                self.message_user(request, _("The price list is published."), messages.SUCCESS)
                return redirect("admin:pricing_pricelist_change", pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Publish %(title)s") % {"title": price_list.title},
            "price_list": price_list,
            "form": form,
            "current": PriceList.objects.filter(
                status=PriceList.Status.PUBLISHED, effective_until__isnull=True
            ).first(),
        }
        return TemplateResponse(request, "admin/pricing/pricelist/publish.html", context)

    def copy_view(self, request, pk: int):
        if request.method != "POST" or not request.user.has_perm("pricing.add_pricelist"):
            raise PermissionDenied
        source = get_object_or_404(PriceList, pk=pk)
        copy = price_list_copy(source=source, user=request.user)
        self.log_addition(
            request, copy, _("Copied from %(title)s (#%(pk)d).") % {"title": source.title, "pk": source.pk}
        )
        self.message_user(request, _("A new draft was made: edit it, then publish it."), messages.SUCCESS)
        return redirect("admin:pricing_pricelist_change", copy.pk)

    def archive_view(self, request, pk: int):
        if request.method != "POST" or not request.user.has_perm("pricing.change_pricelist"):
            raise PermissionDenied
        price_list = get_object_or_404(PriceList, pk=pk)
        try:
            price_list_archive(price_list=price_list)
        except DomainError as error:
            self.message_user(request, str(error.message), messages.ERROR)
        else:
            self.log_change(request, price_list, _("Archived."))
            self.message_user(request, _("The draft is archived."), messages.SUCCESS)
        return redirect("admin:pricing_pricelist_change", pk)

    @admin.action(description=_("Copy into a new draft"), permissions=["add"])
    def copy_into_draft(self, request, queryset):
        for price_list in queryset:
            copy = price_list_copy(source=price_list, user=request.user)
            self.log_addition(
                request, copy, _("Copied from %(title)s (#%(pk)d).") % {"title": price_list.title, "pk": price_list.pk}
            )
        self.message_user(request, _("%(count)d new drafts made.") % {"count": queryset.count()}, messages.SUCCESS)


class CategoryPriceInline(DraftOnlyMixin, PortalAdminMixin, admin.TabularInline):
    model = CategoryPrice
    extra = 0

    def has_add_permission(self, request, obj=None):
        if obj is not None and not obj.price_list.is_editable:
            return False
        return admin.TabularInline.has_add_permission(self, request, obj)


class TierPriceInline(CategoryPriceInline):
    model = TierPrice


@admin.register(PriceItem)
class PriceItemAdmin(DraftOnlyMixin, PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.PRICES,)
    list_display = ["code", "name", "section", "unit", "pricing", "amount", "price_list"]
    list_filter = ["price_list", "section", "pricing", "unit"]
    search_fields = ["code", "name"]
    list_select_related = ["price_list"]
    inlines = [CategoryPriceInline, TierPriceInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        if item is not None and not item.price_list.is_editable and request.method == "GET":
            messages.info(request, READ_ONLY_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        price_item_ensure_editable(item=obj)
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "price_list" in form.base_fields:
            form.base_fields["price_list"].queryset = PriceList.objects.filter(status=PriceList.Status.DRAFT)
        return form


@admin.register(PatronCategory)
class PatronCategoryAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.PRICES,)
    list_display = ["name", "code", "needs_proof", "order"]
    list_filter = ["needs_proof"]
    search_fields = ["code", "name"]
    list_select_related: list[str] = []


@admin.register(Room)
class RoomAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.PRICES,)
    list_display = ["name", "code", "branch", "order"]
    list_filter = ["branch"]
    search_fields = ["code", "name"]
    list_select_related = ["branch"]
