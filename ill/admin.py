"""The back office of interlibrary loan: requests move only through the buttons of their allowed next moves."""

import csv
import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ill.forms import NEW_PATRON_FIELDS, MoveForm, StaffRequestForm
from ill.iso18626.build import iso18626_request_xml
from ill.iso18626.send import iso18626_emit
from ill.models import (
    BOOK_FIELDS,
    COPY_FIELDS,
    DEFAULT_LOAN_DAYS,
    DELIVERY_FIELDS,
    FINAL,
    IN_READING_ROOM,
    NEEDS_REASON,
    OPEN,
    REQUEST_FIELDS,
    TRANSITIONS,
    CostLine,
    IllRequest,
    IsoMessage,
    Message,
    PartnerLibrary,
    PostalTariff,
    Status,
    StatusChange,
    staff_status_label,
    staff_status_label_lazy,
)
from ill.rules import normalize_isbn, normalize_issn
from ill.selectors import overdue_returns
from ill.services import (
    ill_cost_add,
    ill_message_post,
    ill_request_enter,
    ill_request_move,
    partner_library_token_issue,
)
from library_portal.admin import PortalAdminMixin, ReadOnlyInline, run_each
from library_portal.caching import Namespace
from library_portal.control_characters import PortalForm, PortalModelForm
from library_portal.errors import DomainError
from library_portal.exports import spreadsheet_row
from library_portal.selectors import admin_lookup_q

EMITTED_KINDS = ("request", "Cancel", "Received", "ShippedReturn")
# What each ISO 18626 message we send does, as the buttons name it (the protocol's name is the hint).
ISO_ACTIONS = {
    "request": gettext_lazy("Send the request to the lender"),
    "Cancel": gettext_lazy("Tell the lender we cancel"),
    "Received": gettext_lazy("Tell the lender we received it"),
    "ShippedReturn": gettext_lazy("Tell the lender we sent it back"),
}
# Moves staff may make for several requests at once from the list, where each request moves on its own.
BULK_MOVES = (Status.ORDERED, Status.READY, Status.ON_LOAN, Status.RETURNED, Status.COMPLETED)
# The move form a failed move leaves for the request's page (Post/Redirect/Get keeps what was typed).
MOVE_SESSION_KEY = "ill-move-form"
CSV_COLUMNS = [
    ("id", gettext_lazy("Number")),
    ("created_at", gettext_lazy("Ordered")),
    ("status", gettext_lazy("Status")),
    ("kind", gettext_lazy("Service")),
    ("channel", gettext_lazy("Received via")),
    ("patron_name", gettext_lazy("Patron")),
    ("card_number", gettext_lazy("Library card number")),
    ("title", gettext_lazy("Title")),
    ("author", gettext_lazy("Author")),
    ("isbn", "ISBN"),
    ("issn", "ISSN"),
    ("article_title", gettext_lazy("Article or chapter")),
    ("pickup_branch", gettext_lazy("Pickup branch")),
    ("scope", gettext_lazy("Where from")),
    ("partner", gettext_lazy("Lending library")),
    ("due_date", gettext_lazy("Due back")),
    ("not_needed_after", gettext_lazy("Not needed after")),
]


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            today = timezone.localdate()
            return queryset.filter(
                admin_lookup_q(overdue_returns(today))
                | (
                    ~Q(status__in=FINAL)
                    & ~Q(status__in=[*IN_READING_ROOM, Status.RETURNED])
                    & Q(not_needed_after__lt=today)
                )
            )
        return queryset


class CancellationRequestedFilter(admin.SimpleListFilter):
    title = gettext_lazy("cancellation requested")
    parameter_name = "cancellation"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(cancellation_requested_at__isnull=False).exclude(status__in=FINAL)
        return queryset


def _category_text(profile) -> str:
    if profile is None or profile.category is None:
        return "—"
    if profile.category_confirmed or not profile.category.needs_proof:
        return str(profile.category)
    return _("%(category)s (not yet confirmed by the library)") % {"category": profile.category}


class StaffStatusFilter(admin.SimpleListFilter):
    """The status filter in the staff's wording (the field's own choices speak to the patron)."""

    title = gettext_lazy("status")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [(status, staff_status_label(status)) for status in Status.values]

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset


class HistoryInline(ReadOnlyInline):
    model = StatusChange
    fields = ["created_at", "from_label", "to_label", "who", "note_in_words", "note_is_public"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("note"))
    def note_in_words(self, change: StatusChange) -> str:
        return change.note_text

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=gettext_lazy("From"))
    def from_label(self, change: StatusChange) -> str:
        return staff_status_label(change.from_status) if change.from_status else "—"

    @admin.display(description=gettext_lazy("To"))
    def to_label(self, change: StatusChange) -> str:
        return staff_status_label(change.to_status)

    @admin.display(description=gettext_lazy("By"))
    def who(self, change: StatusChange) -> str:
        if change.actor is not None:
            return str(change.actor)
        return change.actor_label or _("the patron or the portal")


class CostInline(PortalAdminMixin, admin.StackedInline):
    """Cost lines: new ones go through ill_cost_add (a lost or damaged item is recorded in the history too).

    Stacked, not tabular: a tabular row's inputs have only a column heading, no label (WCAG 4.1.2).
    """

    model = CostLine
    fields = ["kind", "computed", "description", "estimate", "amount", "created_at"]
    readonly_fields = ["computed", "created_at"]
    extra = 0

    @admin.display(description=gettext_lazy("worked out by the portal"))
    def computed(self, line: CostLine) -> str:
        return line.facts or "—"


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["created_at", "author", "from_staff", "body"]
    readonly_fields = fields


class IllRequestAdminForm(PortalModelForm):
    """Staff correct an item's details; identifiers keep the same check digits and form as the patron's form."""

    class Meta:
        model = IllRequest
        fields = REQUEST_FIELDS[1:]  # all but the service, which is not changed once ordered

    def _identifier(self, name: str, normalize) -> str:
        value = self.cleaned_data.get(name, "")
        if not value:
            return ""
        try:
            return normalize(value)
        except ValueError as error:
            raise forms.ValidationError(error.args[0]) from None

    def clean_isbn(self) -> str:
        return self._identifier("isbn", normalize_isbn)

    def clean_issn(self) -> str:
        return self._identifier("issn", normalize_issn)


class StaffMessageForm(PortalForm):
    body = forms.CharField(label=gettext_lazy("Message to the patron"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(IllRequest)
class IllRequestAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "patron_name",
        "kind",
        "status_for_staff",
        "pickup_branch",
        "scope",
        "due_date",
        "created_at",
        "cancellation_requested",
    ]
    list_display_links = ["id", "title"]
    list_filter = [
        StaffStatusFilter,
        "kind",
        "pickup_branch",
        "scope",
        "channel",
        OverdueFilter,
        CancellationRequestedFilter,
        "partner",
    ]
    search_fields = [
        "title",
        "article_title",
        "isbn",
        "issn",
        "patron__first_name",
        "patron__last_name",
        "patron__email",
        "patron__patron__card_number",
    ]
    list_select_related = ["patron", "pickup_branch"]
    date_hierarchy = "created_at"
    form = IllRequestAdminForm
    view_on_site = False  # the request's page is the patron's own
    readonly_fields = [
        "patron_details",
        "status_for_staff",
        "kind",
        "channel",
        "entered_by",
        "cancellation_requested_at",
        "reason",
        "partner",
        "due_date",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["patron_details", "status_for_staff", "reason", "kind", "channel", "entered_by", "created_at"]},
        ),
        (
            gettext_lazy("Item"),
            {"fields": [*BOOK_FIELDS, *COPY_FIELDS, "language", "note"]},
        ),
        (
            gettext_lazy("Delivery"),
            {
                "fields": [
                    *DELIVERY_FIELDS,
                    "partner",
                    "due_date",
                    "cancellation_requested_at",
                ]
            },
        ),
    ]
    inlines = [HistoryInline, CostInline, MessageInline]
    actions = ["export_csv", *(f"move_to_{status}" for status in BULK_MOVES)]
    change_form_template = "admin/ill/illrequest/change_form.html"
    change_list_template = "admin/ill/illrequest/change_list.html"

    @admin.display(description=gettext_lazy("Patron"), ordering="patron__last_name")
    def patron_name(self, obj: IllRequest) -> str:
        return str(obj.patron)

    @admin.display(description=gettext_lazy("Status"), ordering="status")
    def status_for_staff(self, obj: IllRequest) -> str:
        return staff_status_label(obj.status)

    @admin.display(description=gettext_lazy("Patron"))
    def patron_details(self, obj: IllRequest) -> str:
        """Who ordered, and how to reach them, beside the request: name, e-mail, phone, card, category, other open
        requests (links)."""
        user = obj.patron
        profile = getattr(user, "patron", None)
        others = list(
            IllRequest.objects.filter(patron=user, status__in=OPEN).exclude(pk=obj.pk).order_by("-created_at")[:10]
        )
        rows = [
            (_("Name"), user.get_full_name() or "—"),
            (_("E-mail"), format_html('<a href="mailto:{0}">{0}</a>', user.email) if user.email else "—"),
            (_("Phone"), (profile.phone if profile and profile.phone else "—")),
            (_("Library card number"), (profile.card_number if profile and profile.card_number else "—")),
            (_("Patron category"), _category_text(profile)),
            (
                _("Other open requests"),
                format_html_join(
                    ", ",
                    '<a href="{}">#{} {}</a> ({})',
                    (
                        (
                            reverse("admin:ill_illrequest_change", args=[other.pk]),
                            other.pk,
                            other,
                            staff_status_label(other.status),
                        )
                        for other in others
                    ),
                )
                or _("none"),
            ),
        ]
        return format_html('<dl class="ill-patron">{}</dl>', format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    @admin.display(description=gettext_lazy("Cancellation requested"), boolean=True)
    def cancellation_requested(self, obj: IllRequest) -> bool:
        return obj.cancellation_requested_at is not None and obj.status not in FINAL

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("enter/", view(self.enter_view), name="ill_illrequest_enter"),
            path("export/", view(self.export_view), name="ill_illrequest_export"),
            path("<int:pk>/move/<str:to_status>/", view(self.move_view), name="ill_illrequest_move"),
            path("<int:pk>/message/", view(self.message_view), name="ill_illrequest_message"),
            path("<int:pk>/iso18626/request.xml", view(self.iso_download_view), name="ill_illrequest_iso"),
            path("<int:pk>/iso18626/<str:kind>/send/", view(self.iso_send_view), name="ill_illrequest_iso_send"),
            *super().get_urls(),
        ]

    def has_move_permission(self, request) -> bool:
        return request.user.has_perm("ill.move_illrequest")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("patron__patron__category")

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:ill_illrequest_enter")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {**(extra_context or {})}
        if obj is not None:
            moves = [status for status in Status.values if status in TRANSITIONS[obj.status]]
            extra.update(
                status_label=staff_status_label(obj.status),
                moves=[(status, staff_status_label(status)) for status in moves],
                move_form=self._move_form(request, obj, moves),
                can_move=request.user.has_perm("ill.move_illrequest"),
                message_form=StaffMessageForm(),
                iso_actions=[(kind, ISO_ACTIONS[kind]) for kind in EMITTED_KINDS],
            )
        return super().change_view(request, object_id, form_url, extra)

    def _move_form(self, request, obj: IllRequest, moves: list[str]) -> MoveForm:
        """The move fields beside the buttons: only those the allowed moves use, prefilled (the due date 30 days
        on); after a refused move, what was typed and why it was refused."""
        kept = request.session.pop(MOVE_SESSION_KEY, None) if request.method == "GET" else None
        if kept and kept.get("pk") == obj.pk:
            form = MoveForm(kept["data"], prefix="move")
            form.is_valid()
            for field, errors in kept["errors"].items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            due = obj.due_date or timezone.localdate() + dt.timedelta(days=DEFAULT_LOAN_DAYS)
            form = MoveForm(
                prefix="move",
                initial={"partner": obj.partner, "due_date": due, "seen_status": obj.status},
            )
        wanted = {"note", "note_is_public", "seen_status"}
        if NEEDS_REASON & set(moves):
            wanted.add("reason")
        if Status.ORDERED in moves:
            wanted.add("partner")
        if Status.READY in moves:
            wanted.add("due_date")
        for name in list(form.fields):
            if name not in wanted:
                del form.fields[name]
        return form

    def save_formset(self, request, form, formset, change):
        if formset.model is not CostLine:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # sorts the lines into new, changed and deleted (the admin's log reads them)
        for line in formset.deleted_objects:
            line.delete()
        for line, _fields in formset.changed_objects:
            line.save()
        for line in formset.new_objects:
            ill_cost_add(
                request_id=form.instance.pk,
                kind=line.kind,
                actor=request.user,
                description=line.description,
                estimate=line.estimate,
                amount=line.amount,
            )

    def enter_view(self, request):
        """Staff enter a request on a patron's behalf (post, phone, fax, e-mail, in person)."""
        if not request.user.has_perm("ill.add_illrequest"):
            raise PermissionDenied
        form = StaffRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            new_patron = form.new_patron()
            try:
                ill_request, _created = ill_request_enter(
                    patron=form.cleaned_data["patron"],
                    new_patron=new_patron,
                    data=form.request_data(),
                    channel=form.cleaned_data["channel"],
                    entered_by=request.user,
                    idempotency_key=form.cleaned_data["idempotency_key"] or "",
                )
            except DomainError as error:
                field = f"new_{error.field}" if new_patron and error.field in NEW_PATRON_FIELDS else error.field
                form.add_error(field if field in form.fields else None, str(error.message))
            else:
                self.log_addition(request, ill_request, _("Entered on the patron's behalf."))
                self.message_user(request, _("The request is entered."), messages.SUCCESS)
                return redirect("admin:ill_illrequest_change", ill_request.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Enter a request for a patron"),
            "form": form,
        }
        return TemplateResponse(request, "admin/ill/illrequest/enter.html", context)

    def move_view(self, request, pk: int, to_status: str):
        """One click: a move button on the request's page posts the admin's form here (formaction); this reads only
        the move fields (prefix "move") and answers on the request's page, with what was typed kept after a
        refusal."""
        if not request.user.has_perm("ill.move_illrequest"):
            raise PermissionDenied
        ill_request = get_object_or_404(IllRequest, pk=pk)
        if to_status not in Status.values:
            raise Http404
        if request.method != "POST":
            return redirect("admin:ill_illrequest_change", pk)
        form = MoveForm(request.POST, prefix="move")
        if form.is_valid():
            data = form.cleaned_data
            try:
                ill_request_move(
                    request_id=pk,
                    to_status=to_status,
                    actor=request.user,
                    note=data["note"],
                    note_is_public=data["note_is_public"],
                    reason=data["reason"],
                    due_date=data["due_date"],
                    partner=data["partner"],
                    seen_status=data["seen_status"],
                )
            except DomainError as error:
                if error.code == "moved_meanwhile":
                    self.message_user(request, str(error.message), messages.ERROR)
                    return redirect("admin:ill_illrequest_change", pk)
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
            else:
                label = staff_status_label(to_status)
                self.log_change(request, ill_request, _("Moved to %(status)s.") % {"status": label})
                self.message_user(request, _("The request is now “%(status)s”.") % {"status": label}, messages.SUCCESS)
                return redirect("admin:ill_illrequest_change", pk)
        self.message_user(
            request,
            _("The request was not moved to “%(status)s”: see the move fields below the status.")
            % {"status": staff_status_label(to_status)},
            messages.ERROR,
        )
        request.session[MOVE_SESSION_KEY] = {
            "pk": ill_request.pk,
            "data": {key: value for key, value in request.POST.items() if key.startswith("move-")},
            "errors": {field: [str(error) for error in errors] for field, errors in form.errors.items()},
        }
        return redirect("admin:ill_illrequest_change", pk)

    def _bulk_move(self, request, queryset, to_status: str) -> None:
        """Each selected request moves on its own, with its own history row and notices; refusals are told per
        request and do not stop the others."""
        moved = []

        def move(item: IllRequest) -> None:
            ill_request_move(request_id=item.pk, to_status=to_status, actor=request.user)
            self.log_change(request, item, _("Moved to %(status)s.") % {"status": staff_status_label(to_status)})
            moved.append(f"#{item.pk}")

        run_each(self, request, queryset.order_by("pk"), move)
        if moved:
            self.message_user(
                request,
                _("Moved to “%(status)s”: %(requests)s.")
                % {"status": staff_status_label(to_status), "requests": ", ".join(moved)},
                messages.SUCCESS,
            )

    def message_view(self, request, pk: int):
        if request.method != "POST" or not request.user.has_perm("ill.change_illrequest"):
            raise PermissionDenied
        form = StaffMessageForm(request.POST)
        if form.is_valid():
            try:
                ill_message_post(request_id=pk, author=request.user, body=form.cleaned_data["body"], from_staff=True)
            except DomainError as error:
                self.message_user(request, str(error.message), messages.ERROR)
            else:
                self.message_user(request, _("The message is sent to the patron."), messages.SUCCESS)
        else:
            self.message_user(request, _("Write a message."), messages.ERROR)
        return redirect("admin:ill_illrequest_change", pk)

    def iso_download_view(self, request, pk: int):
        ill_request = get_object_or_404(IllRequest.objects.select_related("partner__library", "pickup_branch"), pk=pk)
        kind = "request"
        try:
            xml = iso18626_request_xml(ill_request)
        except DomainError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return redirect("admin:ill_illrequest_change", pk)
        response = HttpResponse(xml, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="ill-{pk}-{kind}.xml"'
        return response

    def iso_send_view(self, request, pk: int, kind: str):
        if request.method != "POST" or not request.user.has_perm("ill.move_illrequest"):
            raise PermissionDenied
        ill_request = get_object_or_404(IllRequest.objects.select_related("partner__library", "pickup_branch"), pk=pk)
        if kind not in EMITTED_KINDS:
            raise Http404
        try:
            iso18626_emit(ill_request=ill_request, kind=kind)
        except DomainError as error:
            self.message_user(request, str(error.message), messages.ERROR)
        else:
            if ill_request.partner.iso18626_address:
                self.message_user(request, _("The message is queued for the lending library."), messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    _("The message is kept; the lending library has no ISO 18626 address: download it and send it."),
                    messages.WARNING,
                )
        return redirect("admin:ill_illrequest_change", pk)

    def export_view(self, request):
        """The list as the filters and search show it, as CSV (UTF-8 with BOM: opens in spreadsheet programs)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request).select_related(
            "patron__patron", "pickup_branch", "partner__library"
        )
        return self._csv(queryset)

    @admin.action(description=gettext_lazy("Export the selected requests as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._csv(queryset.select_related("patron__patron", "pickup_branch", "partner__library"))

    def _csv(self, queryset) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ill-requests-{timezone.localdate()}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([str(label) for _key, label in CSV_COLUMNS])
        for item in queryset.iterator(chunk_size=500):
            profile = getattr(item.patron, "patron", None)
            writer.writerow(
                spreadsheet_row(
                    [
                        item.pk,
                        # ISO date and time: spreadsheets sort and read it in any language.
                        timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
                        item.get_status_display(),
                        item.get_kind_display(),
                        item.get_channel_display(),
                        str(item.patron),
                        profile.card_number if profile else "",
                        item.title,
                        item.author,
                        item.isbn,
                        item.issn,
                        item.article_title,
                        item.pickup_branch.name,
                        item.get_scope_display(),
                        item.partner.library.name if item.partner else "",
                        item.due_date or "",
                        item.not_needed_after,
                    ]
                )
            )
        return response

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(reverse("admin:ill_illrequest_change", args=[obj.pk]))


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


def _bulk_move_action(to_status: str):
    def action(model_admin: IllRequestAdmin, request, queryset):
        model_admin._bulk_move(request, queryset, to_status)

    action.__name__ = f"move_to_{to_status}"
    description = format_lazy(
        gettext_lazy("Move the selected requests to “{status}”"), status=staff_status_label_lazy(to_status)
    )
    return admin.action(description=description, permissions=["move"])(action)


for _status in BULK_MOVES:
    setattr(IllRequestAdmin, f"move_to_{_status}", _bulk_move_action(_status))
