"""Every write of the interlibrary-loan workflow. Pages, the API, the admin and ISO 18626 messages all call these."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from ill.iso18626.send import iso18626_emit
from ill.models import (
    DEFAULT_LOAN_DAYS,
    FINAL,
    NEEDS_REASON,
    PATRON_CANCELLABLE,
    REQUEST_FIELDS,
    TRANSITIONS,
    Channel,
    CostLine,
    IllRequest,
    Kind,
    Message,
    PartnerLibrary,
    Reason,
    Scope,
    Status,
    StatusChange,
    new_token,
    staff_status_label,
    system_note,
    token_digest,
)
from ill.selectors import postage_estimate
from ill.tasks import ill_staff_notice_task
from library_portal.errors import DomainError
from library_portal.services import patron_record_create
from library_portal.tasks import mail_after_commit
from library_portal.transitions import transition

# Statuses the patron is told about by e-mail.
PATRON_NOTICES = frozenset(
    {Status.ORDERED, Status.AWAITING_APPROVAL, Status.READY, Status.UNFILLED, Status.CANCELLED, Status.REJECTED}
)
# Our own moves a partner with an ISO 18626 address is told about at once (staff can also send by hand).
PARTNER_MESSAGES = {Status.ORDERED: "request", Status.READY: "Received", Status.RETURNED: "ShippedReturn"}


def _notify_patron(request: IllRequest, template: str) -> None:
    patron = request.patron
    if not patron.email:
        return  # a record made at the desk with a phone number alone: staff phone (the request page shows it)
    with translation.override(patron.language):
        context = {"request": request, "patron": patron, "link": settings.SITE_URL + request.get_absolute_url()}
        mail_after_commit(
            subject=render_to_string(f"ill/email/{template}_subject.txt", context).strip(),
            body=render_to_string(f"ill/email/{template}.txt", context),
            to=[patron.email],
        )


def _notify_staff(request: IllRequest, template: str, *, note: str = "", message: Message | None = None) -> None:
    """Queue the staff notice in this transaction (nothing on rollback); the worker renders and sends it."""
    ill_staff_notice_task.enqueue(
        request_id=request.pk, template=template, note=note, message_id=message.pk if message else None
    )


def _locked(request_id: int) -> IllRequest:
    try:
        return IllRequest.objects.select_for_update().select_related("patron", "pickup_branch").get(pk=request_id)
    except IllRequest.DoesNotExist:
        raise DomainError(gettext_lazy("There is no such request."), code="not_found", status=404) from None


def _owned(request: IllRequest, patron) -> None:
    if request.patron_id != patron.pk:
        raise DomainError(gettext_lazy("There is no such request."), code="not_found", status=404)


def ill_request_enter(
    *,
    patron,
    new_patron: dict[str, str] | None,
    data: dict[str, Any],
    channel: str,
    entered_by,
    idempotency_key: str = "",
) -> tuple[IllRequest, bool]:
    """Staff enter a request for a patron they picked or, with `new_patron` (patron_record_create's fields), for
    someone with no account, whose record is made here. One transaction: a request the rules refuse leaves no
    record behind, so the librarian corrects the form and saves again. Raises DomainError naming the field."""
    with transaction.atomic():
        if new_patron:
            patron = patron_record_create(**new_patron, actor=entered_by)
        return ill_request_submit(
            patron=patron, data=data, channel=channel, entered_by=entered_by, idempotency_key=idempotency_key
        )


def ill_request_submit(
    *,
    patron,
    data: dict[str, Any],
    channel: str = Channel.FORM,
    entered_by=None,
    idempotency_key: str = "",
) -> tuple[IllRequest, bool]:
    """Place a request for `patron` (by the patron, or by staff with the channel it came by).

    `data` is already validated (forms.RequestForm / api serializer share ill.rules). The seed's
    rules are checked again here so no caller can skip them. Returns (request, created): a repeated
    idempotency key returns the request it created the first time, also when both arrive at once.
    Raises DomainError: periodical_loan, max_cost, copyright.
    """
    if data["kind"] == Kind.LOAN and data.get("issn") and not data.get("isbn"):
        raise DomainError(Reason.PERIODICAL.label, code="periodical_loan", field="issn")
    if data.get("max_cost") is None or data["max_cost"] < 0:
        raise DomainError(gettext_lazy("Enter an amount of 0 or more."), code="max_cost", field="max_cost")
    if data["kind"] == Kind.COPY and not data.get("copyright_declared"):
        raise DomainError(
            gettext_lazy("Confirm the copyright declaration to order a copy."),
            code="copyright",
            field="copyright_declared",
        )
    fields = {name: data.get(name) for name in REQUEST_FIELDS if name in data}
    for name in [
        "author",
        "publisher",
        "place",
        "edition",
        "isbn",
        "issn",
        "volume",
        "issue",
        "pages",
        "article_title",
        "article_author",
        "language",
        "note",
    ]:
        fields[name] = fields.get(name) or ""
    fields.setdefault("scope", Scope.DOMESTIC)  # the model's default, which the estimate needs before the row exists
    estimate = postage_estimate(kind=fields["kind"], scope=fields["scope"])
    try:
        # One transaction (a savepoint when the caller has one open, as ill_request_enter does): the
        # request, its postage estimate, its first history row and the staff notice's task row commit
        # together, or none of them does.
        with transaction.atomic():
            request = IllRequest.objects.create(
                patron=patron, channel=channel, entered_by=entered_by, idempotency_key=idempotency_key, **fields
            )
            CostLine.objects.create(
                request=request,
                kind=CostLine.Kind.POSTAGE,
                weight_g=estimate.weight_g,
                count=estimate.count,
                unit_amount=estimate.unit_amount,
                estimate=estimate.amount,
            )
            StatusChange.objects.create(
                request=request,
                to_status=Status.SUBMITTED,
                actor=entered_by or patron,
                system_notes=[system_note("channel", channel=channel)] if channel != Channel.FORM else [],
                note_is_public=True,
            )
            _notify_staff(request, "staff_new_request")
    except IntegrityError:
        # The unique constraint ill_request_idempotency_unique holds the key, also between two
        # submissions racing with it: the second INSERT waits for the first transaction and fails
        # once it commits. The first request stands and is the answer to both.
        existing = (
            IllRequest.objects.select_related("pickup_branch")
            .filter(patron=patron, idempotency_key=idempotency_key)
            .first()
            if idempotency_key
            else None
        )
        if existing is None:
            raise  # another constraint refused the row: not a replay
        return existing, False
    return request, True


def _move_details(
    request: IllRequest, to_status: str, *, reason: str, partner: PartnerLibrary | None, note: str, due_date
) -> list[str]:
    """Set on the locked request what a move to `to_status` needs besides its status; return the changed fields.
    Raises DomainError: reason_required, partner_required."""
    update = []
    if to_status in NEEDS_REASON:
        if reason not in Reason.values:
            raise DomainError(
                gettext_lazy("Give the reason the patron will read."), code="reason_required", field="reason"
            )
        request.reason = reason
        update.append("reason")
    if partner is not None:
        request.partner = partner
        update.append("partner")
    if to_status == Status.ORDERED and request.partner_id is None and partner is None and not note:
        raise DomainError(
            gettext_lazy("Choose the lending library, or say in the note where the order went."),
            code="partner_required",
            field="partner",
        )
    if due_date is not None or to_status == Status.READY:
        request.due_date = due_date or request.due_date or timezone.localdate() + dt.timedelta(DEFAULT_LOAN_DAYS)
        update.append("due_date")
    return update


def ill_request_move(
    *,
    request_id: int,
    to_status: str,
    actor=None,
    actor_label: str = "",
    note: str = "",
    system_notes: list[dict] | None = None,
    note_is_public: bool = True,
    reason: str = "",
    due_date: dt.date | None = None,
    partner: PartnerLibrary | None = None,
    seen_status: str = "",
) -> IllRequest:
    """Move a request to `to_status` if the transitions table allows it, and record the move.

    `seen_status` is the status the person saw when choosing the move (the back office sends it): when
    somebody else moved the request in the meantime the move is refused and nothing changes. `note` is what a
    person wrote; `system_notes` are the portal's own (ill.models.system_note), put into words when shown. Raises
    DomainError: moved_meanwhile, illegal_move (409), reason_required, partner_required.
    """
    with transaction.atomic():
        request = _locked(request_id)
        from_status = request.status
        if seen_status and seen_status != from_status:
            raise DomainError(
                gettext_lazy(
                    "This request moved to “%(status)s” while you were looking at it; nothing was changed. "
                    "Check the history below before you move it again."
                )
                % {"status": staff_status_label(from_status)},
                code="moved_meanwhile",
                status=409,
            )
        # What a move needs besides (a reason, the lender) is asked only for a move the table allows: transition
        # refuses any other one first, so nobody is asked for a reason for a move that cannot be made.
        update = []
        if to_status in TRANSITIONS[from_status]:
            update = _move_details(request, to_status, reason=reason, partner=partner, note=note, due_date=due_date)
        transition(
            request,
            to_status,
            table=TRANSITIONS,
            history=request.history,
            refused=gettext_lazy("A request that is “%(from)s” cannot become “%(to)s”."),
            closed=gettext_lazy("This request is closed (%(from)s); it cannot change any more."),
            actor=actor,
            note=note,
            fields=update,
            actor_label=actor_label,
            system_notes=system_notes or [],
            note_is_public=note_is_public,
        )
        if to_status in PATRON_NOTICES:
            _notify_patron(request, "status")
        kind = PARTNER_MESSAGES.get(to_status)
        if kind and not actor_label and request.partner_id and request.partner.iso18626_address:
            iso18626_emit(ill_request=request, kind=kind)
    return request


def ill_request_cancel(*, request_id: int, patron) -> IllRequest:
    """The patron cancels a request not yet sent to a lender; later only a cancellation request is possible."""
    with transaction.atomic():
        request = _locked(request_id)
        _owned(request, patron)
        if request.status not in PATRON_CANCELLABLE:
            if request.status in FINAL:
                raise DomainError(gettext_lazy("This request is already closed."), code="closed", status=409)
            raise DomainError(
                gettext_lazy(
                    "Sent orders are not cancelled: this request has gone to the lending library. "
                    "You can ask the staff to cancel it."
                ),
                code="already_sent",
                status=409,
            )
        return ill_request_move(request_id=request.pk, to_status=Status.CANCELLED, actor=patron)


def ill_request_cancellation_request(*, request_id: int, patron, note: str = "") -> IllRequest:
    """Flag a sent request for staff: they ask the lender and cancel it if the lender agrees."""
    with transaction.atomic():
        request = _locked(request_id)
        _owned(request, patron)
        if request.status in FINAL:
            raise DomainError(gettext_lazy("This request is already closed."), code="closed", status=409)
        if request.status in PATRON_CANCELLABLE:
            return ill_request_move(request_id=request.pk, to_status=Status.CANCELLED, actor=patron)
        if request.cancellation_requested_at is None:
            request.cancellation_requested_at = timezone.now()
            request.save(update_fields=["cancellation_requested_at", "updated_at"])
            if note:
                Message.objects.create(request=request, author=patron, body=note)
            _notify_staff(request, "staff_cancellation_request", note=note)
        return request


def ill_request_cost_decide(*, request_id: int, patron, approve: bool) -> IllRequest:
    """The patron accepts or declines the cost or conditions the lender asked for."""
    with transaction.atomic():
        request = _locked(request_id)
        _owned(request, patron)
        if request.status != Status.AWAITING_APPROVAL:
            raise DomainError(
                gettext_lazy("There is nothing to approve on this request now."), code="nothing_to_approve", status=409
            )
        if approve:
            return ill_request_move(
                request_id=request.pk,
                to_status=Status.SUPPLIER_ACCEPTED,
                actor=patron,
                system_notes=[system_note("cost_accepted")],
            )
        return ill_request_move(
            request_id=request.pk, to_status=Status.CANCELLED, actor=patron, system_notes=[system_note("cost_declined")]
        )


def ill_message_post(*, request_id: int, author, body: str, from_staff: bool = False) -> Message:
    body = body.strip()
    if not body:
        raise DomainError(gettext_lazy("Write a message."), code="required", field="body")
    with transaction.atomic():
        request = _locked(request_id)
        if not from_staff:
            _owned(request, author)
        message = Message.objects.create(request=request, author=author, body=body, from_staff=from_staff)
        if from_staff:
            _notify_patron(request, "staff_message")
        else:
            _notify_staff(request, "staff_patron_message", message=message)
    return message


def ill_cost_add(
    *,
    request_id: int,
    kind: str,
    actor,
    description: str = "",
    lender_agency: str = "",
    estimate: Decimal | None = None,
    amount: Decimal | None = None,
) -> CostLine:
    """Add a cost line: postage, the lender's invoice, copies, or a charge for a lost or damaged item."""
    if estimate is None and amount is None:
        raise DomainError(gettext_lazy("Give an estimate or a final amount."), code="required", field="amount")
    if any(value is not None and value < 0 for value in (estimate, amount)):
        raise DomainError(gettext_lazy("Amounts cannot be negative."), code="negative", field="amount")
    with transaction.atomic():
        request = _locked(request_id)
        line = CostLine.objects.create(
            request=request,
            kind=kind,
            description=description,
            lender_agency=lender_agency,
            estimate=estimate,
            amount=amount,
        )
        if kind == CostLine.Kind.LOSS:
            StatusChange.objects.create(
                request=request,
                from_status=request.status,
                to_status=request.status,
                actor=actor,
                system_notes=[system_note("loss_charge", amount=amount if amount is not None else estimate)],
                note_is_public=True,
            )
    return line


def partner_library_token_issue(*, partner_id: int) -> str:
    """Give a partner library a new token for posting ISO 18626 messages to us, and return it.

    Only the token's digest is stored, so the value returned here is the one time anyone sees it:
    show it to the member of staff who will pass it on to the partner. The previous token stops
    working at once. Raises PartnerLibrary.DoesNotExist for an unknown partner.
    """
    token = new_token()
    with transaction.atomic():
        partner = PartnerLibrary.objects.select_for_update().get(pk=partner_id)
        partner.inbound_token_digest = token_digest(token)
        partner.save(update_fields=["inbound_token_digest", "updated_at"])
    return token
