import json

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserChangeForm, UserCreationForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks_db.compat import TaskResultStatus
from rest_framework.authtoken.admin import TokenAdmin as DrfTokenAdmin
from rest_framework.authtoken.models import TokenProxy

from library_portal.caching import bump
from library_portal.control_characters import ControlCharacterFormMixin, PortalModelForm
from library_portal.errors import DomainError
from library_portal.models import FailedTask, PatronProfile, User
from library_portal.selectors import patrons_to_pick, tasks_needing_attention
from library_portal.services import patron_category_confirm, task_retry


def run_each(model_admin, request, queryset, move, done=None) -> None:
    """Run one service move per selected row, as an admin action does: a refusal is told for its row with the
    service's reason, and the other rows go on."""
    for obj in queryset:
        try:
            move(obj)
        except DomainError as error:
            model_admin.message_user(request, f"{obj}: {error.message}", level=messages.ERROR)
        else:
            if done:
                model_admin.message_user(request, done(obj))


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline's inputs have only a column heading, no label (WCAG 4.1.2): each gets an accessible name,
    its column and its row ("Amount – Colour copy A4")."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = str(form.instance) if form.instance.pk else _("new row %(number)s") % {"number": (index or 0) + 1}
        for field in form.fields.values():
            # A related field's select sits inside the admin's wrapper (with its add/change links).
            widget = getattr(field.widget, "widget", field.widget)
            if not widget.is_hidden:
                widget.attrs["aria-label"] = f"{field.label} – {row}"


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
    # Inlines only (a ModelAdmin has no formset): every input of a tabular row is named by its column and row.
    formset = LabelledInlineFormSet

    # The cache namespaces (library_portal.caching.Namespace) of the public content this admin edits. Every way the
    # admin writes goes through one of the five methods below: the change form and the list's editable rows
    # (save_model, then save_related for inlines and many-to-many fields), deletion of one row or of the selected
    # ones, and every admin action (also those that run a bulk queryset.update(), which no save() or signal sees).
    # Each bumps the namespaces, so the next anonymous page on every host shows the change.
    cache_namespaces: tuple = ()

    def _bump_public(self) -> None:
        if self.cache_namespaces:
            bump(*self.cache_namespaces)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._bump_public()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._bump_public()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._bump_public()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._bump_public()

    def response_action(self, request, queryset):
        response = super().response_action(request, queryset)
        self._bump_public()
        return response

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", PortalModelForm)
        return super().get_changelist_form(request, **kwargs)


class ReadOnlyInline(PortalAdminMixin, admin.TabularInline):
    """A history shown under its object (status changes, messages, replies): rows are written by the services, so
    the back office can neither add, change nor delete one. A subclass names its `fields` and makes them
    `readonly_fields` too."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
    # Also the patron picker of ILL requests entered by staff (autocomplete): by name, e-mail or library card.
    search_fields = ["email", "first_name", "last_name", "patron__card_number"]
    list_select_related: list[str] = []
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "preferred_language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def get_queryset(self, request):
        """Librarians see patrons only (to reach them, and to pick them for a request); staff accounts are for those
        who may change accounts."""
        queryset = super().get_queryset(request)
        if not request.user.has_perm("library_portal.change_user"):
            queryset = queryset.filter(is_staff=False)
        return queryset

    def get_search_results(self, request, queryset, search_term):
        """The patron picker (autocomplete of an ILL request's patron) offers patrons, never staff."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("app_label") == "ill" and request.GET.get("field_name") == "patron":
            queryset = queryset.filter(pk__in=patrons_to_pick())
        return queryset, may_have_duplicates


@admin.register(PatronProfile)
class PatronProfileAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = ["user", "card_number", "category", "category_confirmed_at", "email_verified_at"]
    list_filter = [
        "category",
        ("category_confirmed_at", admin.EmptyFieldListFilter),
        ("email_verified_at", admin.EmptyFieldListFilter),
        ("entered_by", admin.EmptyFieldListFilter),  # records made at the desk
    ]
    search_fields = ["user__email", "user__first_name", "user__last_name", "card_number", "phone"]
    list_select_related = ["user", "category"]
    readonly_fields = ["user", "category_confirmed_at", "category_confirmed_by", "email_verified_at", "entered_by"]
    fields = [
        "user",
        "card_number",
        "phone",
        "category",
        "category_confirmed_at",
        "category_confirmed_by",
        "email_verified_at",
        "entered_by",
    ]
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


class TaskStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("failed", _("failed")), ("stuck", _("stuck"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(status=TaskResultStatus.FAILED)
        if self.value() == "stuck":
            return queryset.filter(status=TaskResultStatus.RUNNING)
        return queryset


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    """Background tasks that failed for good, or stayed RUNNING past TASK_RECLAIM_AFTER, with their error
    and a Retry button (managers). The rows are the task queue's own; nothing here edits them but Retry."""

    list_display = ["task", "state", "enqueued", "last_started", "runs", "error", "retry_button"]
    list_display_links = ["task"]
    list_filter = [TaskStateFilter]
    search_fields = ["task_path", "exception_class_path", "traceback"]
    list_select_related: list[str] = []
    ordering = ["-enqueued_at"]
    actions = ["retry_selected"]
    fields = ["task", "state", "queue", "enqueued", "last_started", "finished", "runs", "arguments", "error", "details"]
    readonly_fields = fields
    change_list_template = "admin/library_portal/failedtask/change_list.html"
    change_form_template = "admin/library_portal/failedtask/change_form.html"

    def get_queryset(self, request):
        return tasks_needing_attention().order_by("-enqueued_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("library_portal.retry_failedtask")

    def get_urls(self):
        retry = self.admin_site.admin_view(self.retry_view)
        return [path("<path:object_id>/retry/", retry, name="library_portal_failedtask_retry"), *super().get_urls()]

    @admin.display(description=_("task"), ordering="task_path")
    def task(self, obj: FailedTask) -> str:
        return obj.task_name

    @admin.display(description=_("state"))
    def state(self, obj: FailedTask) -> str:
        return _("failed") if obj.status == TaskResultStatus.FAILED else _("stuck")

    @admin.display(description=_("queue"))
    def queue(self, obj: FailedTask) -> str:
        return obj.queue_name

    @admin.display(description=_("queued at"), ordering="enqueued_at")
    def enqueued(self, obj: FailedTask):
        return obj.enqueued_at

    @admin.display(description=_("last started at"), ordering="started_at")
    def last_started(self, obj: FailedTask):
        return obj.started_at

    @admin.display(description=_("finished at"))
    def finished(self, obj: FailedTask):
        return obj.finished_at

    @admin.display(description=_("runs"))
    def runs(self, obj: FailedTask) -> int:
        return len(obj.worker_ids)

    @admin.display(description=_("error"))
    def error(self, obj: FailedTask) -> str:
        if obj.status == TaskResultStatus.RUNNING:
            minutes = int((timezone.now() - obj.started_at).total_seconds() // 60)
            return _("Still running after %(minutes)d minutes (limit: %(limit)d s); its worker probably died.") % {
                "minutes": minutes,
                "limit": settings.TASK_RECLAIM_AFTER,
            }
        last_line = obj.traceback.strip().splitlines()[-1] if obj.traceback.strip() else obj.exception_class_path
        return last_line[:200]

    @admin.display(description=_("arguments"))
    def arguments(self, obj: FailedTask) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.args_kwargs, ensure_ascii=False, indent=2))

    @admin.display(description=_("traceback"))
    def details(self, obj: FailedTask) -> str:
        return format_html("<pre>{}</pre>", obj.traceback or obj.exception_class_path or "-")

    @admin.display(description=_("retry"))
    def retry_button(self, obj: FailedTask) -> str:
        # The button submits a form of its own, rendered after the list (forms cannot nest).
        return format_html('<button type="submit" class="button" form="retry-{}">{}</button>', obj.pk, _("Retry"))

    def changelist_view(self, request, extra_context=None):
        extra = {"can_retry": self.has_retry_permission(request), "reclaim_after": settings.TASK_RECLAIM_AFTER}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {"can_retry": self.has_retry_permission(request)}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if self.has_retry_permission(request) else [name for name in shown if name != "retry_button"]

    @admin.action(description=_("Retry the selected tasks"), permissions=["retry"])
    def retry_selected(self, request, queryset):
        for task in queryset:
            self._retry(request, task.pk)

    def retry_view(self, request, object_id: str):
        if request.method != "POST" or not self.has_retry_permission(request):
            raise PermissionDenied
        self._retry(request, object_id)
        return redirect("admin:library_portal_failedtask_changelist")

    def _retry(self, request, task_id) -> None:
        try:
            task = task_retry(task_id=task_id, actor=request.user)
        except (DomainError, ValidationError) as error:
            message = error.message if isinstance(error, DomainError) else _("There is no such task.")
            self.message_user(request, message, messages.ERROR)
            return
        self.log_change(request, task, str(_("Queued again.")))
        self.message_user(request, _("%(task)s is queued again.") % {"task": task.task_name}, messages.SUCCESS)
