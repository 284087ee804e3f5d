import datetime as dt

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline

from feedback.forms import NoteForm, PublishAnswerForm, PublishResultsForm, ReplyForm, StaffFeedbackForm, StatusForm
from feedback.models import (
    Channel,
    Choice,
    Feedback,
    FeedbackEvent,
    FeedbackNote,
    FeedbackReply,
    FeedbackStatus,
    Invitation,
    Question,
    ReplyTemplate,
    Response,
    Survey,
    SurveyPage,
)
from feedback.selectors import anonymization_last_run, feedback_due_for_anonymization, reply_draft
from feedback.services import (
    feedback_anonymize,
    feedback_answer_publish,
    feedback_answer_unpublish,
    feedback_note_add,
    feedback_reply,
    feedback_status_change,
    feedback_submit,
)
from feedback.surveys import survey_invitations_send, survey_results_publish, survey_results_unpublish
from library_portal.admin import PortalAdminMixin, ReadOnlyInline
from library_portal.caching import Namespace
from library_portal.errors import DomainError


class ReplyInline(ReadOnlyInline):
    model = FeedbackReply
    fields = ["created_at", "author", "sent_to", "body"]
    readonly_fields = fields


class NoteInline(ReadOnlyInline):
    model = FeedbackNote
    fields = ["created_at", "author", "body"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = FeedbackEvent
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note_in_words"]
    readonly_fields = fields

    @admin.display(description=_("note"))
    def note_in_words(self, event: FeedbackEvent) -> str:
        """A submission's note is the channel's code: its name in the librarian's language."""
        if event.action == FeedbackEvent.Action.SUBMITTED and event.note in Channel.values:
            return Channel(event.note).label
        return event.note


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@admin.register(Feedback)
class FeedbackAdmin(PortalAdminMixin, admin.ModelAdmin):
    cache_namespaces = (Namespace.FEEDBACK,)
    list_display = ["pk", "topic", "status", "channel", "branch", "created_at", "answered_at", "is_published"]
    list_filter = ["status", "topic", "channel", "branch", ("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["message", "name", "email"]
    list_select_related = ["branch"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "message",
        "status",
        "channel",
        "language",
        "user",
        "entered_by",
        "consented_at",
        "answered_at",
        "closed_at",
        "anonymized_at",
        "public_summary",
        "public_answer",
        "published_at",
        "published_by",
        "private_link",
    ]
    # The author's words are kept as written; staff correct only the topic, branch and contact details.
    fields = ["topic", "branch", "name", "email", "wants_reply", *readonly_fields]
    inlines = [ReplyInline, NoteInline, EventInline]
    actions = ["mark_in_progress", "mark_closed"]
    change_form_template = "admin/feedback/feedback/change_form.html"

    @admin.display(boolean=True, description=_("published"))
    def is_published(self, obj: Feedback) -> bool:
        return obj.published_at is not None

    @admin.display(description=_("private link"))
    def private_link(self, obj: Feedback):
        return format_html('<a href="{0}">{0}</a>', obj.get_absolute_url()) if obj.pk else "—"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/reply/", view(self.reply_view), name="feedback_feedback_reply"),
            path("<int:pk>/publish/", view(self.publish_view), name="feedback_feedback_publish"),
            path("<int:pk>/status/", view(self.status_view), name="feedback_feedback_status"),
            path("<int:pk>/note/", view(self.note_view), name="feedback_feedback_note"),
            path("anonymize/", view(self.anonymize_view), name="feedback_feedback_anonymize"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_anonymize": request.user.has_perm("feedback.delete_feedback"), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def anonymize_view(self, request):
        """Managers (who may delete feedback) see which closed feedback would lose its contact details, and when
        that last ran, then confirm: the same service as the daily task and `manage.py anonymize_feedback`."""
        if not request.user.has_perm("feedback.delete_feedback"):
            raise PermissionDenied
        days = settings.FEEDBACK_RETENTION_DAYS
        if request.method == "POST":
            counts = feedback_anonymize(older_than_days=days)
            self.message_user(
                request,
                _(
                    "Contact details removed from %(feedback)s feedback and %(invitations)s survey invitations; "
                    "%(mails)s e-mails to them removed from the queue."
                )
                % counts,
                messages.SUCCESS,
            )
            return redirect("admin:feedback_feedback_changelist")
        # The dry run's counts say how many; the list shows the first 200 of them.
        counts = feedback_anonymize(older_than_days=days, dry_run=True)
        due = feedback_due_for_anonymization(cutoff=timezone.now() - dt.timedelta(days=days)).select_related("branch")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Remove old contact details"),
            "days": days,
            "due": due.order_by("closed_at")[:200],
            "counts": counts,
            "last_run": anonymization_last_run(),
        }
        return TemplateResponse(request, "admin/feedback/feedback/anonymize.html", context)

    def _page(self, request, feedback, title, form, template="admin/feedback/feedback/action.html", **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "feedback": feedback,
            "form": form,
            **extra,
        }
        return TemplateResponse(request, template, context)

    def _done(self, request, feedback, message):
        self.log_change(request, feedback, str(message))
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:feedback_feedback_change", feedback.pk)

    def add_view(self, request, form_url="", extra_context=None):
        """Staff enter feedback given orally, by phone or by letter through the same service as the web form."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = StaffFeedbackForm(request.POST or None, initial={"language": "lt"})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                feedback = feedback_submit(**data, consent=False, entered_by=request.user, site_url=_site_url(request))
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
            else:
                self.log_addition(request, feedback, str(_("Entered by staff.")))
                self.message_user(request, _("The feedback is saved."), messages.SUCCESS)
                return redirect("admin:feedback_feedback_change", feedback.pk)
        return self._page(request, None, _("Enter feedback given in person, by phone or by letter"), form)

    def reply_view(self, request, pk: int):
        if not request.user.has_perm("feedback.reply_feedback"):
            raise PermissionDenied
        feedback = get_object_or_404(Feedback, pk=pk)
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            template = form.cleaned_data["template"]
            if "use_template" in request.POST and template is not None:
                # In the author's language, not the librarian's: the reply goes to the author.
                body = reply_draft(feedback=feedback, template=template)
                if body is not None:
                    form = ReplyForm(initial={"template": template, "body": body})
                else:  # the bound form keeps what the librarian typed
                    form.add_error(
                        "template",
                        _(
                            "This template has no text in the author's language (%(language)s): write the reply "
                            "or translate the template."
                        )
                        % {"language": dict(settings.LANGUAGES)[feedback.language]},
                    )
            else:
                try:
                    feedback_reply(
                        feedback=feedback,
                        body=form.cleaned_data["body"],
                        user=request.user,
                        site_url=_site_url(request),
                    )
                except DomainError as error:
                    form.add_error("body" if error.field else None, str(error.message))
                else:
                    return self._done(request, feedback, _("The reply is sent to the author."))
        return self._page(
            request, feedback, _("Reply to feedback #%(pk)d") % {"pk": feedback.pk}, form, use_template=True
        )

    def publish_view(self, request, pk: int):
        if not request.user.has_perm("feedback.publish_feedback"):
            raise PermissionDenied
        feedback = get_object_or_404(Feedback, pk=pk)
        if request.method == "POST" and "unpublish" in request.POST:
            try:
                feedback_answer_unpublish(feedback=feedback, user=request.user)
            except DomainError as error:
                self.message_user(request, str(error.message), messages.ERROR)
                return redirect("admin:feedback_feedback_change", feedback.pk)
            return self._done(request, feedback, _("The answer is withdrawn from the public page."))
        initial = {
            f"{prefix}_{code}": getattr(feedback, f"public_{prefix}_{code}") or ""
            for prefix in ("summary", "answer")
            for code in ("lt", "en", "bg", "fi")
        }
        form = PublishAnswerForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                feedback_answer_publish(
                    feedback=feedback, summary=form.texts("summary"), answer=form.texts("answer"), user=request.user
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                return self._done(request, feedback, _("The answer is published on “You said, we did”."))
        return self._page(request, feedback, _("Publish an answer to feedback #%(pk)d") % {"pk": feedback.pk}, form)

    def status_view(self, request, pk: int):
        if not self.has_change_permission(request):
            raise PermissionDenied
        feedback = get_object_or_404(Feedback, pk=pk)
        form = StatusForm(request.POST or None, initial={"status": feedback.status})
        if request.method == "POST" and form.is_valid():
            try:
                feedback_status_change(
                    feedback=feedback,
                    to_status=form.cleaned_data["status"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                return self._done(request, feedback, _("The status is changed."))
        return self._page(request, feedback, _("Change the status of feedback #%(pk)d") % {"pk": feedback.pk}, form)

    def note_view(self, request, pk: int):
        if not request.user.has_perm("feedback.add_feedbacknote"):
            raise PermissionDenied
        feedback = get_object_or_404(Feedback, pk=pk)
        form = NoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            feedback_note_add(feedback=feedback, body=form.cleaned_data["body"], user=request.user)
            return self._done(request, feedback, _("The note is added."))
        return self._page(request, feedback, _("Add an internal note to feedback #%(pk)d") % {"pk": feedback.pk}, form)

    def _bulk_status(self, request, queryset, to_status):
        moved = 0
        for feedback in queryset:
            try:
                feedback_status_change(feedback=feedback, to_status=to_status, user=request.user)
                moved += 1
            except DomainError as error:
                self.message_user(request, f"#{feedback.pk}: {error.message}", messages.ERROR)
        if moved:
            self.message_user(request, _("%(count)d changed.") % {"count": moved}, messages.SUCCESS)

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._bulk_status(request, queryset, FeedbackStatus.IN_PROGRESS)

    @admin.action(description=_("Close"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._bulk_status(request, queryset, FeedbackStatus.CLOSED)


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    list_display = ["title", "order"]
    list_filter: list[str] = []
    search_fields = ["title", "body"]
    list_select_related: list[str] = []


class SurveyPageInline(PortalAdminMixin, TranslationTabularInline):
    model = SurveyPage
    extra = 0
    fields = ["order", "title"]


class QuestionInline(PortalAdminMixin, TranslationStackedInline):
    model = Question
    extra = 0
    fields = ["page", "order", "kind", "text", "help_text", "required", "show_if_question", "show_if_value"]
    show_change_link = True

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        survey_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name == "page":
            kwargs["queryset"] = SurveyPage.objects.filter(survey_id=survey_id or 0)
        if db_field.name == "show_if_question":
            kwargs["queryset"] = Question.objects.filter(survey_id=survey_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class InvitationInline(PortalAdminMixin, admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["email", "token", "sent_at"]
    readonly_fields = ["token", "sent_at"]


@admin.register(Survey)
class SurveyAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.SURVEYS,)
    list_display = ["title", "slug", "opens_at", "closes_at", "anonymity", "access", "results_published_at", "links"]
    list_filter = ["anonymity", "access", "opens_at"]
    search_fields = ["title", "slug"]
    list_select_related: list[str] = []
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["results_summary", "results_published_at", "invitations_purged_at"]
    fields = [
        "title",
        "slug",
        "intro",
        "thanks",
        "opens_at",
        "closes_at",
        "anonymity",
        "access",
        "asks_branch",
        "min_group_size",
        *readonly_fields,
    ]
    inlines = [SurveyPageInline, QuestionInline, InvitationInline]
    actions = ["send_invitations"]
    change_form_template = "admin/feedback/survey/change_form.html"

    @admin.display(description=_("Results"))
    def links(self, obj: Survey):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("feedback:report", args=[obj.slug]),
            _("report"),
            reverse("feedback:results", args=[obj.slug]),
            _("published summary"),
        )

    def get_urls(self):
        return [
            path("<int:pk>/publish/", self.admin_site.admin_view(self.publish_view), name="feedback_survey_publish"),
            *super().get_urls(),
        ]

    def publish_view(self, request, pk: int):
        if not request.user.has_perm("feedback.publish_survey_results"):
            raise PermissionDenied
        survey = get_object_or_404(Survey, pk=pk)
        if request.method == "POST" and "unpublish" in request.POST:
            survey_results_unpublish(survey=survey)
            self.message_user(request, _("The results are withdrawn."), messages.SUCCESS)
            return redirect("admin:feedback_survey_change", survey.pk)
        initial = {
            f"summary_{code}": getattr(survey, f"results_summary_{code}") or "" for code in ("lt", "en", "bg", "fi")
        }
        form = PublishResultsForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                survey_results_publish(survey=survey, summary=form.texts(), user=request.user)
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                self.log_change(request, survey, str(_("Results published.")))
                self.message_user(request, _("The results are published."), messages.SUCCESS)
                return redirect("admin:feedback_survey_change", survey.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Publish the results of %(title)s") % {"title": survey.title},
            "survey": survey,
            "form": form,
        }
        return TemplateResponse(request, "admin/feedback/survey/publish.html", context)

    @admin.action(description=_("Send the invitations not sent yet"), permissions=["change"])
    def send_invitations(self, request, queryset):
        count = 0
        for survey in queryset:
            count += survey_invitations_send(
                survey=survey, invitations=survey.invitations.filter(sent_at__isnull=True), site_url=_site_url(request)
            )
        self.message_user(request, _("%(count)d invitations sent.") % {"count": count}, messages.SUCCESS)


class ChoiceInline(PortalAdminMixin, TranslationTabularInline):
    model = Choice
    extra = 0
    fields = ["order", "code", "text"]


@admin.register(Question)
class QuestionAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    cache_namespaces = (Namespace.SURVEYS,)
    list_display = ["text", "survey", "page", "order", "kind", "required"]
    list_filter = ["survey", "kind", "required"]
    search_fields = ["text"]
    list_select_related = ["survey", "page"]
    inlines = [ChoiceInline]


@admin.register(Response)
class ResponseAdmin(PortalAdminMixin, admin.ModelAdmin):
    """Read-only: responses change only by being answered (or deleted by their patron)."""

    cache_namespaces = (Namespace.SURVEYS,)

    list_display = ["pk", "survey", "submitted_on", "branch", "language", "anonymous"]
    list_filter = ["survey", "anonymous", "branch", "language"]
    search_fields = ["survey__slug"]
    list_select_related = ["survey", "branch"]
    readonly_fields = [
        "survey",
        "anonymous",
        "user",
        "ip_address",
        "submitted_on",
        "submitted_at",
        "branch",
        "language",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
