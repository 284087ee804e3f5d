"""The words of an interlibrary loan request: its statuses and the one table of allowed moves between them
(`TRANSITIONS`), the services, zones, channels and reasons, and the groups of fields the patron fills in.

`ill/services.py` is the only place that moves a request, always through `TRANSITIONS`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

AMOUNT = {"max_digits": 8, "decimal_places": 2}
DEFAULT_LOAN_DAYS = 30  # the seed: lenders usually lend for 30 days


class Status(models.TextChoices):
    SUBMITTED = "SUBMITTED", pgettext_lazy("ill status", "Submitted")
    NEEDS_INFO = "NEEDS_INFO", pgettext_lazy("ill status", "More information needed")
    ORDERED = "ORDERED", pgettext_lazy("ill status", "Ordered from another library")
    SUPPLIER_ACCEPTED = "SUPPLIER_ACCEPTED", pgettext_lazy("ill status", "Accepted by the lending library")
    AWAITING_APPROVAL = "AWAITING_APPROVAL", pgettext_lazy("ill status", "Waiting for your approval")
    IN_TRANSIT = "IN_TRANSIT", pgettext_lazy("ill status", "On its way")
    READY = "READY", pgettext_lazy("ill status", "Ready in the reading room")
    ON_LOAN = "ON_LOAN", pgettext_lazy("ill status", "In use in the reading room")
    RETURNED = "RETURNED", pgettext_lazy("ill status", "Returned to the lender")
    DELIVERED = "DELIVERED", pgettext_lazy("ill status", "Copy delivered")
    COMPLETED = "COMPLETED", pgettext_lazy("ill status", "Completed")
    UNFILLED = "UNFILLED", pgettext_lazy("ill status", "Could not be supplied")
    CANCELLED = "CANCELLED", pgettext_lazy("ill status", "Cancelled")
    REJECTED = "REJECTED", pgettext_lazy("ill status", "Rejected")


S = Status
# Every allowed move: from a status to the statuses it may go to. Final statuses go nowhere.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.NEEDS_INFO, S.ORDERED, S.REJECTED, S.CANCELLED}),
    S.NEEDS_INFO: frozenset({S.SUBMITTED, S.ORDERED, S.REJECTED, S.CANCELLED}),
    S.ORDERED: frozenset(
        {S.NEEDS_INFO, S.SUPPLIER_ACCEPTED, S.AWAITING_APPROVAL, S.IN_TRANSIT, S.DELIVERED, S.UNFILLED, S.CANCELLED}
    ),
    S.SUPPLIER_ACCEPTED: frozenset({S.AWAITING_APPROVAL, S.IN_TRANSIT, S.DELIVERED, S.UNFILLED, S.CANCELLED}),
    S.AWAITING_APPROVAL: frozenset({S.SUPPLIER_ACCEPTED, S.UNFILLED, S.CANCELLED}),
    S.IN_TRANSIT: frozenset({S.READY, S.DELIVERED, S.UNFILLED}),
    S.READY: frozenset({S.ON_LOAN, S.RETURNED}),
    S.ON_LOAN: frozenset({S.RETURNED}),
    S.RETURNED: frozenset({S.COMPLETED}),
    S.DELIVERED: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.UNFILLED: frozenset(),
    S.CANCELLED: frozenset(),
    S.REJECTED: frozenset(),
}
FINAL = frozenset(status for status, moves in TRANSITIONS.items() if not moves)
OPEN = frozenset(Status.values) - FINAL
# "Sent orders are not cancelled": the patron cancels directly only before the order goes out.
PATRON_CANCELLABLE = frozenset({S.SUBMITTED, S.NEEDS_INFO})
# Moves that need a reason the patron reads.
NEEDS_REASON = frozenset({S.UNFILLED, S.REJECTED})
# The item is in our reading room, and goes back to the lender by its due date.
IN_READING_ROOM = frozenset({S.READY, S.ON_LOAN})
# The next step is the patron's: more information, or their approval of a cost.
WAITING_FOR_PATRON = frozenset({S.NEEDS_INFO, S.AWAITING_APPROVAL})
# The labels above speak to the patron; staff read the statuses from the library's side where the two differ
# ("Waiting for your approval" is the patron's approval, not the librarian's).
STAFF_LABELS = {
    S.AWAITING_APPROVAL: pgettext_lazy("ill status for staff", "Waiting for the patron's approval"),
    S.READY: pgettext_lazy("ill status for staff", "Ready in the reading room"),
}


def staff_status_label_lazy(status: str):
    """A status as the back office names it, translated when it is shown."""
    return STAFF_LABELS.get(status, Status(status).label)


def staff_status_label(status: str) -> str:
    """A status as the back office names it, in the active language."""
    return str(staff_status_label_lazy(status))


# The fields of a request the patron fills in, by group; the form, the API, the service and the back office use them.
BOOK_FIELDS = ("title", "author", "publisher", "place", "year", "edition", "isbn")
COPY_FIELDS = ("issn", "volume", "issue", "pages", "article_title", "article_author")
DELIVERY_FIELDS = ("pickup_branch", "not_needed_after", "scope", "max_cost", "copyright_declared")
COMMON_FIELDS = ("language", "note", *DELIVERY_FIELDS)
REQUEST_FIELDS = ("kind", *BOOK_FIELDS, *COPY_FIELDS, *COMMON_FIELDS)


class Kind(models.TextChoices):
    LOAN = "loan", _("Loan of a book")
    COPY = "copy", _("Copy of an article or chapter")


# What the patron's form asks for each service: a loan never asks for the copy's fields or the copyright
# declaration, which the law asks only of copies. The book's fields are shared: a copy comes from a book or journal.
KIND_FIELDS = {
    Kind.LOAN: (*BOOK_FIELDS, *(name for name in COMMON_FIELDS if name != "copyright_declared")),
    Kind.COPY: (*BOOK_FIELDS, *COPY_FIELDS, *COMMON_FIELDS),
}


class Scope(models.TextChoices):
    DOMESTIC = "domestic", _("From a library in Lithuania")
    INTERNATIONAL = "international", _("From a library abroad")


class Channel(models.TextChoices):
    FORM = "form", _("Web form")
    POST = "post", _("Post")
    PHONE = "phone", _("Phone")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")


class Reason(models.TextChoices):
    """Why a request is rejected or unfilled; the patron reads the label."""

    RARE = "rare", _("Unique copies, rare and valuable items are not lent through interlibrary loan.")
    PERIODICAL = "periodical", _("Periodicals are not lent through interlibrary loan; order a copy of an article.")
    NOT_FOUND = "not_found", _("No library could supply the item.")
    NOT_AVAILABLE = "not_available", _("The lending library cannot supply it now.")
    COST = "cost", _("The cost exceeds what you accepted.")
    EXPIRED = "expired", _("The item did not arrive before the date you no longer needed it.")
    INCOMPLETE = "incomplete", _("The request lacks the details needed to order it.")
    OTHER = "other", _("Other reason (see the note).")
