"""The request form's rules, shared by the web form and the API so they cannot drift.

`check_request(data)` takes the parsed fields and returns (cleaned data, {field: [messages]}).
"""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn
from stdnum.exceptions import ValidationError as StdnumError

from ill.models import Kind, Reason

EARLIEST_YEAR = 1450  # printing with movable type in Europe

REQUIRED = {
    Kind.LOAN: ("title",),
    Kind.COPY: ("title", "article_title", "pages"),
}
REQUIRED_LABELS = {
    "title": _("Enter the title."),
    "article_title": _("Enter the title of the article or chapter."),
    "pages": _("Enter the pages to copy, e.g. 15-27."),
}


def normalize_isbn(value: str) -> str:
    """ISBN-10 or ISBN-13 with a valid check digit, kept as a compact ISBN-13 (one form to compare)."""
    try:
        return stdnum_isbn.to_isbn13(stdnum_isbn.validate(value))
    except StdnumError:
        raise ValueError(_("This ISBN is not valid: check the digits (10 or 13, the last may be X).")) from None


def normalize_issn(value: str) -> str:
    try:
        return stdnum_issn.format(stdnum_issn.validate(value))
    except StdnumError:
        raise ValueError(_("This ISSN is not valid: it has 8 characters, e.g. 0317-8471.")) from None


def check_request(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:  # noqa: C901 - independent checks, one per rule of the seed's interlibrary-loan rules, read top to bottom
    cleaned = dict(data)
    errors: dict[str, list[str]] = {}

    def fail(field: str, message) -> None:
        errors.setdefault(field, []).append(message)

    kind = cleaned.get("kind")
    for field in REQUIRED.get(kind, ()):
        if not str(cleaned.get(field) or "").strip():
            fail(field, REQUIRED_LABELS[field])
    for field, normalize in (("isbn", normalize_isbn), ("issn", normalize_issn)):
        if cleaned.get(field):
            try:
                cleaned[field] = normalize(str(cleaned[field]))
            except ValueError as error:
                fail(field, error.args[0])
    if kind == Kind.LOAN and cleaned.get("issn") and not cleaned.get("isbn") and "issn" not in errors:
        fail("issn", Reason.PERIODICAL.label)
    year = cleaned.get("year")
    if year is not None and not EARLIEST_YEAR <= year <= timezone.localdate().year + 1:
        fail(
            "year",
            _("Enter a year between %(first)s and %(last)s.")
            % {"first": EARLIEST_YEAR, "last": timezone.localdate().year + 1},
        )
    not_needed_after = cleaned.get("not_needed_after")
    if isinstance(not_needed_after, dt.date) and not_needed_after <= timezone.localdate():
        fail("not_needed_after", _("Enter a date in the future."))
    max_cost = cleaned.get("max_cost")
    if max_cost is not None and max_cost < 0:
        fail("max_cost", _("Enter an amount of 0 or more."))
    if kind == Kind.COPY and not cleaned.get("copyright_declared"):
        fail("copyright_declared", _("Confirm the copyright declaration to order a copy."))
    if kind == Kind.LOAN:
        cleaned["copyright_declared"] = False
    return cleaned, errors
