"""The back office of partner libraries (and the tokens they use with us), the ISO 18626 messages exchanged
with them, and the postal tariffs."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ill.models import IsoMessage, PartnerLibrary, PostalTariff
from ill.services import partner_library_token_issue
from library_portal.admin import PortalAdminMixin
from library_portal.caching import Namespace


@admin.register(PartnerLibrary)
class PartnerLibraryAdmin(PortalAdminMixin, admin.ModelAdmin):
    """Partner libraries. Librarians may only view them, without the credentials we send; managers keep them.

    The token a partner uses with us is never shown again after it is issued (only its digest is
    stored): on creation, and on "Issue a new token", the next page shows it once.
    """

    list_display = ["library", "agency_id", "country", "email", "iso18626_address", "has_agreement", "is_active"]
    list_filter = ["is_active", "has_agreement", "library__country"]
    search_fields = ["library__name", "agency_id", "library__isil", "library__email"]
    list_select_related = ["library"]
    autocomplete_fields = ["library"]
    fields = [
        "library",
        "agency_id",
        "has_agreement",
        "is_active",
        "iso18626_address",
        "iso18626_username",
        "iso18626_password",
        "inbound_token",
    ]
    # The password we present to the partner: managers only, who may need to read and change it.
    OUTBOUND_CREDENTIALS = ("iso18626_username", "iso18626_password")
    readonly_fields = ["inbound_token"]
    change_form_template = "admin/ill/partnerlibrary/change_form.html"

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if not self.has_change_permission(request, obj):
            fields = [name for name in fields if name not in self.OUTBOUND_CREDENTIALS]
        if obj is None:
            fields = [name for name in fields if name != "inbound_token"]
        return fields

    @admin.display(description=gettext_lazy("token the partner uses with us"))
    def inbound_token(self, obj: PartnerLibrary) -> str:
        return _("Hidden: only a fingerprint of it is kept. Issue a new token if the partner has lost it.")

    @admin.display(description=gettext_lazy("country"), ordering="library__country")
    def country(self, obj: PartnerLibrary) -> str:
        return obj.library.country

    @admin.display(description=gettext_lazy("e-mail"))
    def email(self, obj: PartnerLibrary) -> str:
        return obj.library.email

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/token/", view(self.token_view), name="ill_partnerlibrary_token"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {**(extra_context or {}), "can_issue_token": self.has_change_permission(request)}
        return super().change_view(request, object_id, form_url, extra)

    def _token_page(self, request, partner: PartnerLibrary, token: str) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("The new token of %(partner)s") % {"partner": partner},
            "original": partner,
            "token": token,
        }
        # Shown once: admin_view's never_cache already tells browsers and proxies to keep no copy.
        return TemplateResponse(request, "admin/ill/partnerlibrary/token.html", context)

    def response_add(self, request, obj, post_url_continue=None):
        """A new partner gets its token at once, shown on the page that follows the save."""
        token = partner_library_token_issue(partner_id=obj.pk)
        self.log_change(request, obj, _("Issued a new token."))
        return self._token_page(request, obj, token)

    def token_view(self, request, pk: int):
        """Ask, then issue a new token (the old one stops working) and show it once."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        partner = get_object_or_404(PartnerLibrary.objects.select_related("library"), pk=pk)
        if request.method == "POST":
            token = partner_library_token_issue(partner_id=partner.pk)
            self.log_change(request, partner, _("Issued a new token."))
            return self._token_page(request, partner, token)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Issue a new token to %(partner)s") % {"partner": partner},
            "original": partner,
        }
        return TemplateResponse(request, "admin/ill/partnerlibrary/token.html", context)


@admin.register(PostalTariff)
class PostalTariffAdmin(PortalAdminMixin, admin.ModelAdmin):
    """Changes reach every host's estimates at once: the tables are cached under the prices' namespace."""

    cache_namespaces = (Namespace.PRICES,)

    list_display = ["scope", "max_weight_g", "price"]
    list_editable = ["price"]
    list_filter = ["scope"]
    search_fields = ["max_weight_g"]
    list_select_related = []


@admin.register(IsoMessage)
class IsoMessageAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "direction", "message_type", "partner", "request", "ok", "error"]
    list_filter = ["direction", "ok", "message_type", "partner"]
    search_fields = ["xml", "error"]
    list_select_related = ["partner__library", "request"]
    readonly_fields = ["created_at", "direction", "message_type", "partner", "request", "ok", "error", "xml"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
