"""ISO 18626 with partner libraries: the messages we send, the messages partners send us, the endpoint.

We emit strictly: every element in the schema's order, timestamps as xs:dateTime in UTC, always inside
the `ISO18626Message` envelope. We parse leniently, because real partners send `+0000` offsets,
nanosecond fractions, placeholders, empty optional elements, unqualified attributes and bare
(unwrapped) messages. Whatever we cannot use is answered with a confirmation carrying `errorData`
and a 4xx status, never a 500.

A partner's `supplyingAgencyMessage` moves our request through the same transition services as the
back office (`ill.services.ill_request_move`):

    ISO 18626 status           our status
    RequestReceived            no move; a staff-only history note
    ExpectToSupply             SUPPLIER_ACCEPTED
    WillSupply                 SUPPLIER_ACCEPTED, or AWAITING_APPROVAL when the lender's charge takes the
                               total above the patron's maximum, is in another currency, or comes with a
                               loan condition (the charge becomes a LENDER cost estimate)
    Loaned                     IN_TRANSIT, with the due date from statusInfo/dueDate
    Overdue                    no move; a staff-only history note
    Recalled                   no move; a history note the patron sees
    RetryPossible              NEEDS_INFO
    Unfilled                   UNFILLED, reason NOT_AVAILABLE (the lender's reason in a staff note)
    CopyCompleted              DELIVERED
    LoanCompleted              COMPLETED, through RETURNED when the item is still with us
    CompletedWithoutReturn     COMPLETED, through RETURNED (or DELIVERED for a copy)
    Cancelled                  CANCELLED
    CancelResponse Y / N       CANCELLED / a staff note that the lender refused, then the status as above

Idempotence: partners resend messages (their retry after a lost confirmation, a status they repeat).
A message whose status our request has already reached or passed is answered OK and moves nothing,
so the second `Loaned` of an IN_TRANSIT request, or an `ExpectToSupply` for a request waiting for the
patron's approval, changes nothing. A move the transitions table refuses otherwise (a `Loaned` for a
cancelled request) is a real conflict for staff: error confirmation, HTTP 409. So is a status that does
not fit the request's kind (`STATUS_KINDS`: `Loaned`, `Overdue`, `Recalled`, `LoanCompleted` only for a
loan, `CopyCompleted` only for a copy): it is refused and changes nothing.

Authentication comes first: the endpoint reads the Authorization header, and only an authenticated
partner's body is read in full, parsed and kept.

The package, in the order its modules build on each other (none imports a later one):

    parse     the schema's vocabulary; partners' messages and confirmations, read leniently
    build     our messages and confirmations, written strictly
    send      iso18626_emit: keep our message and queue ill.tasks' send task after commit
              (ill.services calls it when a request moves)
    receive   the endpoint and iso18626_receive, which move requests through ill.services

Import from the module that defines a name. The names below are also available from the package itself
(`from ill.iso18626 import iso18626_receive`), resolved when first asked for.
"""

import importlib

# Where each public name lives.
_EXPORTS = {
    "ACTIONS": "parse",
    "CONFIRMATIONS": "parse",
    "CURRENCY": "parse",
    "MAX_BODY_BYTES": "parse",
    "REASONS": "parse",
    "STATUSES": "parse",
    "Confirmation": "parse",
    "parse_confirmation": "parse",
    "parse_timestamp": "parse",
    "EMIT_KINDS": "build",
    "NS": "build",
    "REQUESTING_ACTIONS": "build",
    "VERSION": "build",
    "iso18626_request_xml": "build",
    "iso18626_emit": "send",
    "EXCERPT_BYTES": "receive",
    "PROGRESS": "receive",
    "STATUS_KINDS": "receive",
    "iso18626_authenticate": "receive",
    "iso18626_endpoint": "receive",
    "iso18626_receive": "receive",
    "iso18626_refuse_unauthenticated": "receive",
}
__all__ = list(_EXPORTS)  # the names of _EXPORTS, each looked up on first use (below)


def __getattr__(name: str):
    # Looked up on first use, not imported at the top (PEP 562): `receive` builds on ill.services, which builds
    # on `send`. Importing every module here would run `receive` whenever ill.services imports `send`, before
    # ill.services is complete: the import cycle this package was split to remove.
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
