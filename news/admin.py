from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from library_portal.admin import PortalAdminMixin, ReadOnlyInline, run_each
from library_portal.caching import Namespace
from library_portal.control_characters import PortalModelForm
from library_portal.errors import DomainError
from news.models import Article, ArticleChange, Notice
from news.services import (
    NOTICE_END_MISSING,
    NOTICE_START_MISSING,
    article_check,
    article_delete,
    article_publish,
    article_save,
    article_withdraw,
    notice_check,
    notice_delete,
    notice_save,
)
from search.admin import SearchIndexAdminMixin


class ArticleAdminForm(PortalModelForm):
    """The admin builds the fields; the rules of the content are the service's (`article_check`), shown by their
    field before anything is saved."""

    def clean(self):
        data = super().clean()
        try:
            article_check(
                slug=data.get("slug") or "",
                # An upload, the stored file, or False when "clear" is ticked.
                has_image=bool(data.get("image")),
                image_alt=data.get("image_alt_lt") or "",
                publish_at=data.get("publish_at"),
                expires_at=data.get("expires_at"),
            )
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, str(error.message))
        return data


class ArticleChangeInline(ReadOnlyInline):
    model = ArticleChange
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Article)
class ArticleAdmin(SearchIndexAdminMixin, PortalAdminMixin, TabbedTranslationAdmin):
    """Librarians write, publish and withdraw news; only managers may delete it (the groups' rights)."""

    cache_namespaces = (Namespace.NEWS,)
    # The article services index what they write; the mixin covers the deletion of the selected articles.
    search_index_on_save = False
    form = ArticleAdminForm
    list_display = ["title", "status", "on_site", "publish_at", "expires_at", "branch"]
    list_filter = ["status", "branch"]
    search_fields = ["title", "summary", "body"]
    list_select_related = ["branch"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status"]
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "image",
        "image_alt",
        "branch",
        "publish_at",
        "expires_at",
        "status",
    ]
    inlines = [ArticleChangeInline]
    actions = ["publish", "withdraw"]

    @admin.display(description=_("on the site"))
    def on_site(self, article: Article) -> str:
        now = timezone.now()
        if article.status == Article.Status.DRAFT:
            return _("no (draft)")
        if article.publish_at > now:
            return _("scheduled")
        if article.expires_at is not None and article.expires_at <= now:
            return _("expired")
        return _("yes")

    def save_model(self, request, obj, form, change):
        article_save(article=obj)

    def delete_model(self, request, obj):
        article_delete(article=obj)

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda article: article_publish(article=article, actor=request.user),
            lambda article: _("%(article)s is published.") % {"article": article},
        )

    @admin.action(description=_("Take the selected articles back to draft"), permissions=["change"])
    def withdraw(self, request, queryset):
        run_each(
            self,
            request,
            queryset,
            lambda article: article_withdraw(article=article, actor=request.user),
            lambda article: _("%(article)s is back to draft.") % {"article": article},
        )


class NoticeAdminForm(PortalModelForm):
    """The rules of a notice's time are the service's (`notice_check`), shown by their field: a missing end says
    why it is needed, and an end before the start is refused before anything is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in (("starts_at", NOTICE_START_MISSING), ("ends_at", NOTICE_END_MISSING)):
            if name in self.fields:
                # The admin's date and time inputs: nothing given, or only one of the two.
                self.fields[name].error_messages.update({"required": message, "incomplete": message})

    def clean(self):
        data = super().clean()
        if data.get("starts_at") is not None and data.get("ends_at") is not None:
            try:
                notice_check(starts_at=data["starts_at"], ends_at=data["ends_at"])
            except DomainError as error:
                self.add_error(error.field, str(error.message))
        return data


@admin.register(Notice)
class NoticeAdmin(PortalAdminMixin, TabbedTranslationAdmin):
    """Librarians write notices; only managers may delete them. Closures and changed hours need none: the opening
    exceptions of today and tomorrow show as notices by themselves."""

    cache_namespaces = (Namespace.NOTICES,)
    form = NoticeAdminForm
    list_display = ["text", "level", "starts_at", "ends_at", "in_force", "where"]
    list_filter = ["level", "branches"]
    search_fields = ["text"]
    list_select_related: list[str] = []
    date_hierarchy = "starts_at"
    formfield_overrides = {
        # Plain checkboxes: they work without JavaScript and each has its label.
        Notice.branches.field.__class__: {"widget": forms.CheckboxSelectMultiple},
    }

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("branches")

    @admin.display(description=_("in force"), boolean=True)
    def in_force(self, notice: Notice) -> bool:
        return notice.starts_at <= timezone.now() < notice.ends_at

    @admin.display(description=_("where"))
    def where(self, notice: Notice) -> str:
        return ", ".join(str(branch) for branch in notice.branches.all()) or _("the whole library")

    def save_model(self, request, obj, form, change):
        # The branches follow in save_related (the form's many-to-many), which bumps the notices again.
        notice_save(notice=obj)

    def delete_model(self, request, obj):
        notice_delete(notice=obj)
