from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin as DrfTokenAdmin
from rest_framework.authtoken.models import TokenProxy

from library_portal.control_characters import ControlCharacterFormMixin, PortalModelForm
from library_portal.errors import DomainError
from library_portal.models import PatronProfile, User
from library_portal.services import patron_category_confirm


class PortalActionForm(ControlCharacterFormMixin, ActionForm):
    pass


class PortalAdminMixin:
    """Put first in the bases of every ModelAdmin and inline: its forms refuse control characters.

    The change form, the inline forms, the list's editable rows and the action bar all derive from
    ControlCharacterFormMixin; tests/library_portal/test_control_characters.py checks every registered
    admin, so a new one cannot forget.
    """

    form = PortalModelForm
    action_form = PortalActionForm

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", PortalModelForm)
        return super().get_changelist_form(request, **kwargs)


class AdminLoginForm(ControlCharacterFormMixin, AdminAuthenticationForm):
    pass


class UserCreation(ControlCharacterFormMixin, UserCreationForm):
    pass


class UserChange(ControlCharacterFormMixin, UserChangeForm):
    pass


class UserPasswordChange(ControlCharacterFormMixin, AdminPasswordChangeForm):
    pass


admin.site.login_form = AdminLoginForm

# Django's and DRF's own admins, registered again with the portal's forms.
admin.site.unregister(Group)
admin.site.unregister(TokenProxy)


@admin.register(Group)
class GroupAdmin(PortalAdminMixin, DjangoGroupAdmin):
    pass


@admin.register(TokenProxy)
class TokenAdmin(PortalAdminMixin, DrfTokenAdmin):
    pass


@admin.register(User)
class UserAdmin(PortalAdminMixin, DjangoUserAdmin):
    form = UserChange
    add_form = UserCreation
    change_password_form = UserPasswordChange
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related: list[str] = []
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(PatronProfile)
class PatronProfileAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["user", "card_number", "category", "category_confirmed_at", "email_verified_at"]
    list_filter = [
        "category",
        ("category_confirmed_at", admin.EmptyFieldListFilter),
        ("email_verified_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["user__email", "user__first_name", "user__last_name", "card_number"]
    list_select_related = ["user", "category"]
    readonly_fields = ["user", "category_confirmed_at", "category_confirmed_by", "email_verified_at"]
    fields = ["user", "card_number", "category", "category_confirmed_at", "category_confirmed_by", "email_verified_at"]
    actions = ["confirm_category"]

    @admin.action(description=_("Confirm the patron category"), permissions=["change"])
    def confirm_category(self, request, queryset):
        confirmed = 0
        for profile in queryset:
            try:
                patron_category_confirm(profile=profile, staff=request.user)
            except DomainError as error:
                self.message_user(request, f"{profile}: {error.message}", messages.WARNING)
            else:
                confirmed += 1
        self.message_user(request, _("Categories confirmed: %(count)d.") % {"count": confirmed}, messages.SUCCESS)
