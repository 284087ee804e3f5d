"""The pieces of the interlibrary loan requests' back office: what the ISO 18626 buttons send, the moves made from
the list, the CSV columns, the list filters, the inlines (history, costs, messages) and the forms."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ill.models import (
    FINAL,
    IN_READING_ROOM,
    REQUEST_FIELDS,
    CostLine,
    IllRequest,
    Message,
    Status,
    StatusChange,
    staff_status_label,
)
from ill.rules import normalize_isbn, normalize_issn
from ill.selectors import overdue_returns
from library_portal.admin import PortalAdminMixin, ReadOnlyInline
from library_portal.control_characters import PortalForm, PortalModelForm
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
