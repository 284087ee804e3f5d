from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from library_portal.errors import DomainError
from library_portal.models import PatronProfile, User
from library_portal.services import patron_category_confirm


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
class PatronProfileAdmin(admin.ModelAdmin):
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
