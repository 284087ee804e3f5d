"""A patron's interlibrary loan request and what hangs off it: its history, costs, messages with staff and
the ISO 18626 messages exchanged about it."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ill.models.partners import PartnerLibrary
from ill.models.workflow import (
    AMOUNT,
    FINAL,
    OPEN,
    PATRON_CANCELLABLE,
    Channel,
    Kind,
    Reason,
    Scope,
    Status,
)
from library_portal.models import StatusHistory, TimeStampedModel
from library_portal.money import format_money, format_number
from services.models import Branch


class IllRequest(TimeStampedModel):
    # No index of its own: ill_request_patron_recent (patron, -created_at) serves every lookup by patron.
    patron = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ill_requests",
        verbose_name=_("patron"),
        db_index=False,
    )
    kind = models.CharField(_("service"), max_length=10, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    channel = models.CharField(_("received via"), max_length=20, choices=Channel.choices, default=Channel.FORM)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by staff"),
    )
    # What is wanted. Books: title, author, publisher, place, year, edition, ISBN.
    # Copies: journal (or book) title, ISSN/ISBN, volume, issue, pages, article or chapter title and author.
    title = models.CharField(_("title"), max_length=500)
    author = models.CharField(_("author"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True)
    issn = models.CharField(_("ISSN"), max_length=9, blank=True)
    volume = models.CharField(_("volume"), max_length=50, blank=True)
    issue = models.CharField(_("issue"), max_length=50, blank=True)
    pages = models.CharField(_("pages"), max_length=50, blank=True)
    article_title = models.CharField(_("article or chapter title"), max_length=500, blank=True)
    article_author = models.CharField(_("article or chapter author"), max_length=300, blank=True)
    language = models.CharField(_("language of the item"), max_length=50, blank=True)
    note = models.TextField(_("note"), blank=True)
    # How it should come.
    pickup_branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="ill_requests", verbose_name=_("pickup branch")
    )
    not_needed_after = models.DateField(_("not needed after"))
    scope = models.CharField(_("where from"), max_length=20, choices=Scope.choices, default=Scope.DOMESTIC)
    max_cost = models.DecimalField(_("maximum cost accepted"), validators=[MinValueValidator(0)], **AMOUNT)
    copyright_declared = models.BooleanField(_("copyright declaration accepted"), default=False)
    # Where it stands.
    partner = models.ForeignKey(
        PartnerLibrary,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("lending library"),
    )
    due_date = models.DateField(_("due back"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    cancellation_requested_at = models.DateTimeField(_("cancellation requested"), null=True, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, blank=True, editable=False)

    class Meta:
        verbose_name = _("interlibrary loan request")
        verbose_name_plural = _("interlibrary loan requests")
        ordering = ["-created_at"]
        permissions = [("move_illrequest", _("Can move interlibrary loan requests through their statuses"))]
        constraints = [
            models.UniqueConstraint(
                fields=["patron", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="ill_request_idempotency_unique",
            ),
            models.CheckConstraint(
                condition=Q(kind="loan") | Q(copyright_declared=True),
                name="ill_copy_needs_copyright_declaration",
                violation_error_message=_("A copy can only be ordered with the copyright declaration."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="loan") | ~Q(isbn="") | Q(issn=""),
                name="ill_no_periodical_loans",
                violation_error_message=Reason.PERIODICAL.label,
            ),
            models.CheckConstraint(condition=Q(max_cost__gte=0), name="ill_max_cost_not_negative"),
        ]
        indexes = [
            # The patron's own list: their requests, newest first.
            models.Index(fields=["patron", "-created_at"], name="ill_request_patron_recent"),
            # The back office's default view: open requests by status.
            models.Index(fields=["status", "-created_at"], name="ill_request_status_recent"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("ill:detail", args=[self.pk])

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def patron_can_cancel(self) -> bool:
        return self.status in PATRON_CANCELLABLE

    @property
    def patron_can_request_cancellation(self) -> bool:
        return self.status in OPEN - PATRON_CANCELLABLE and self.cancellation_requested_at is None

    @property
    def identifier(self) -> str:
        return self.isbn or self.issn


# Notes the portal itself writes into the history, by code. A row keeps the code and its facts
# (StatusChange.system_notes) and is put into words in the reader's language when shown; `note` keeps only
# what a person wrote (staff, the patron, the lending library's own message).
SYSTEM_NOTES = {
    "channel": _("Received via: %(channel)s"),
    "cost_accepted": _("The patron accepted the cost."),
    "cost_declined": _("The patron declined the cost."),
    "loss_charge": _("Charge for a lost or damaged item recorded under the library's rules: %(amount)s"),
    "lender_received": _("The lending library has received the request."),
    "lender_overdue": _("The lending library reports the item overdue."),
    "lender_recalled": _("The lending library has recalled the item: please return it as soon as you can."),
    "lender_refused_cancel": _("The lending library refused to cancel the request."),
    "lender_no_return": _("The lending library does not want the item back."),
    "lender_reason": _("Reason given by the lending library: %(reason)s"),
    "lender_charge": _("The lending library charges %(amount)s."),
    "lender_condition": _("The lending library's condition: %(condition)s"),
}


def system_note(code: str, **facts) -> dict:
    """A note for StatusChange.system_notes: its code and facts (amounts as strings of a Decimal)."""
    assert code in SYSTEM_NOTES, code
    return {"code": code, **{key: str(value) for key, value in facts.items()}}


def system_note_text(item: dict) -> str:
    """A stored note in words, in the active language; amounts in its money style."""
    message = SYSTEM_NOTES.get(item.get("code"))
    if message is None:
        return ""
    facts = {key: value for key, value in item.items() if key not in ("code", "currency")}
    if "amount" in facts:
        facts["amount"] = format_money(Decimal(facts["amount"]), currency=item.get("currency", "EUR"))
    if "channel" in facts and facts["channel"] in Channel.values:
        facts["channel"] = Channel(facts["channel"]).label
    return str(message) % facts if facts else str(message)


class StatusChange(StatusHistory):
    """One row per move: from, to, who, when, and a note for the patron or for staff only.

    A partner library's message has no user behind it: `actor_label` names the partner then."""

    # No index of its own: ill_history_request (request, created_at) serves the lookups by request.
    request = models.ForeignKey(
        IllRequest, on_delete=models.CASCADE, related_name="history", verbose_name=_("request"), db_index=False
    )
    # The statuses' names, for the back office and the API.
    from_status = models.CharField(_("previous status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("new status"), max_length=20, choices=Status.choices)
    actor_label = models.CharField(_("by (partner)"), max_length=100, blank=True)
    system_notes = models.JSONField(_("notes by the portal"), default=list, blank=True)
    note_is_public = models.BooleanField(_("the patron sees the note"), default=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("history")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["request", "created_at"], name="ill_history_request")]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"

    @property
    def note_text(self) -> str:
        """The portal's notes in the active language, then what a person wrote."""
        lines = [system_note_text(item) for item in self.system_notes or []]
        return "\n".join(line for line in (*lines, self.note) if line)


def postage_description(*, weight_g: int, count: int | None, unit_amount: Decimal | None) -> str:
    """The postage line in the active language: "Postage both ways for a book up to 1,000 g: 2 × €6.25"."""
    weight = format_number(weight_g)
    if count and count > 1 and unit_amount is not None:
        return gettext("Postage both ways for a book up to %(weight)s g: %(count)s × %(price)s") % {
            "weight": weight,
            "count": count,
            "price": format_money(unit_amount),
        }
    return gettext("Postage for copies up to %(weight)s g") % {"weight": weight}


class CostLine(models.Model):
    """A cost of a request. What the portal works out itself (postage by the tariff table, a partner's charge)
    is kept as facts (weight band, count, unit amount, lending agency) and put into words in the reader's
    language when shown; `description` is only what staff type."""

    class Kind(models.TextChoices):
        POSTAGE = "postage", _("Postage")
        LENDER = "lender", _("Lending library's charge")
        COPY = "copy", _("Copies")
        LOSS = "loss", _("Lost or damaged item")

    request = models.ForeignKey(IllRequest, on_delete=models.CASCADE, related_name="costs", verbose_name=_("request"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight_g = models.PositiveIntegerField(_("weight band up to (g)"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("count"), null=True, blank=True)
    unit_amount = models.DecimalField(_("unit amount"), null=True, blank=True, **AMOUNT)
    lender_agency = models.CharField(_("lending library (agency id)"), max_length=100, blank=True)
    estimate = models.DecimalField(_("estimate"), null=True, blank=True, **AMOUNT)
    amount = models.DecimalField(_("final amount"), null=True, blank=True, **AMOUNT)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("costs")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(estimate__isnull=True) | Q(estimate__gte=0)) & (Q(amount__isnull=True) | Q(amount__gte=0)),
                name="ill_cost_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def facts(self) -> str:
        """The facts the portal stored (postage band, a lender's charge) in words, in the active language."""
        if self.kind == self.Kind.POSTAGE and self.weight_g:
            return postage_description(weight_g=self.weight_g, count=self.count, unit_amount=self.unit_amount)
        if self.lender_agency:
            return gettext("Charge of the lending library %(agency)s") % {"agency": self.lender_agency}
        return ""

    @property
    def details(self) -> str:
        """What the line is for, in the active language: the facts in words, then what staff typed."""
        return "; ".join(part for part in (self.facts, self.description) if part)


class Message(models.Model):
    """A message between the patron and staff about one request."""

    request = models.ForeignKey(
        IllRequest, on_delete=models.CASCADE, related_name="messages", verbose_name=_("request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    from_staff = models.BooleanField(_("from staff"), default=False)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class IsoMessage(models.Model):
    """Every ISO 18626 message we sent or received, kept as it was, for the record."""

    class Direction(models.TextChoices):
        SENT = "sent", _("sent")
        RECEIVED = "received", _("received")

    request = models.ForeignKey(
        IllRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="iso_messages"
    )
    partner = models.ForeignKey(PartnerLibrary, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    message_type = models.CharField(_("message"), max_length=60)
    xml = models.TextField(_("XML"))
    ok = models.BooleanField(_("processed"), default=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("ISO 18626 message")
        verbose_name_plural = _("ISO 18626 messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.message_type}"
