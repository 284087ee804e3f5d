"""Quote arithmetic: pure Decimal functions over plain price rules, never the ORM.

Amounts stay exact until the total, which is rounded once, half-up to cents.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from library_portal.errors import DomainError

CENT = Decimal("0.01")
MAX_QUANTITY = Decimal(10_000)
MAX_LINES = 50


class QuoteError(DomainError):
    """A quote line the library cannot price as given; `field` names the input at fault."""


@dataclass(frozen=True)
class PriceRule:
    """One item of a price list, as the calculation needs it."""

    code: str
    name: str
    unit: str
    pricing: str  # fixed, by_category, by_tier, free, individual, actual_cost
    amount: Decimal | None = None
    by_category: Mapping[str, Decimal] = field(default_factory=dict)
    tiers: Sequence[tuple[int, Decimal]] = ()  # (up to sheets, amount), any order

    @property
    def needs_sheets(self) -> bool:
        return self.pricing == "by_tier"


@dataclass(frozen=True)
class QuoteLine:
    item: str
    quantity: Decimal
    pages: int | None = None


@dataclass(frozen=True)
class PricedLine:
    item: str
    name: str
    unit: str
    quantity: Decimal
    pages: int | None
    unit_price: Decimal | None  # None: priced individually, left out of the total
    subtotal: Decimal | None
    note: str = ""


@dataclass(frozen=True)
class Quote:
    category: str
    lines: list[PricedLine]
    total: Decimal
    notes: list[str]


def to_cents(amount: Decimal) -> Decimal:
    """The one place where money is rounded."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_quantity(value, *, index: int) -> Decimal:
    """A positive quantity: whole for most units, hours may be fractional (1.5 hours)."""
    try:
        quantity = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise QuoteError(
            _("Enter the quantity as a number."), code="invalid_quantity", field=f"lines.{index}.quantity"
        ) from None
    if not quantity.is_finite() or quantity <= 0:
        raise QuoteError(
            _("The quantity must be more than zero."), code="invalid_quantity", field=f"lines.{index}.quantity"
        )
    if quantity > MAX_QUANTITY:
        raise QuoteError(
            _("The quantity is too large: ask the library for an individual offer."),
            code="invalid_quantity",
            field=f"lines.{index}.quantity",
        )
    return quantity


def tier_amount(rule: PriceRule, sheets: int) -> Decimal | None:
    """The amount of the smallest tier that holds `sheets`, or None past the last tier."""
    for up_to, amount in sorted(rule.tiers):
        if sheets <= up_to:
            return amount
    return None


def _check_line(rule: PriceRule, line: QuoteLine, *, index: int) -> None:
    """Raise QuoteError for a quantity or a number of sheets that the item does not take."""
    if line.quantity <= 0:
        raise QuoteError(
            _("The quantity must be more than zero."), code="invalid_quantity", field=f"lines.{index}.quantity"
        )
    if rule.unit != "hour" and line.quantity != line.quantity.to_integral_value():
        raise QuoteError(
            _("The quantity of this item must be a whole number."),
            code="invalid_quantity",
            field=f"lines.{index}.quantity",
        )
    if rule.needs_sheets:
        if line.pages is None:
            raise QuoteError(
                _("Give the number of sheets: the price depends on it."),
                code="pages_required",
                field=f"lines.{index}.pages",
            )
        if line.pages <= 0:
            raise QuoteError(
                _("The number of sheets must be more than zero."), code="invalid_pages", field=f"lines.{index}.pages"
            )
    elif line.pages is not None:
        raise QuoteError(
            _("This item is not priced by the number of sheets: leave the sheets empty."),
            code="pages_not_allowed",
            field=f"lines.{index}.pages",
        )


def price_line(rule: PriceRule, line: QuoteLine, category: str, *, index: int) -> PricedLine:
    """Price one line; raises QuoteError for input the item does not take."""
    _check_line(rule, line, index=index)

    def priced(unit_price: Decimal | None, note: str = "") -> PricedLine:
        subtotal = None if unit_price is None else unit_price * line.quantity
        return PricedLine(rule.code, rule.name, rule.unit, line.quantity, line.pages, unit_price, subtotal, note)

    if rule.pricing == "fixed":
        return priced(rule.amount)
    if rule.pricing == "free":
        return priced(Decimal("0"))
    if rule.pricing == "by_category":
        amount = rule.by_category.get(category)
        if amount is None:
            return priced(
                None, str(_("This patron category has no price for this item: the library prices it individually."))
            )
        return priced(amount)
    if rule.pricing == "by_tier":
        amount = tier_amount(rule, line.pages)
        if amount is None:
            largest = max(up_to for up_to, _amount in rule.tiers) if rule.tiers else 0
            return priced(
                None,
                str(_("More than %(largest)d sheets: the library prices this individually.") % {"largest": largest}),
            )
        return priced(amount)
    if rule.pricing == "actual_cost":
        return priced(None, str(_("Charged at actual cost: the library tells you the amount.")))
    return priced(None, str(_("Calculated individually (for postage: by the postal tariffs).")))


def quote(
    rules: Mapping[str, PriceRule], lines: Sequence[QuoteLine], category: str, categories: Sequence[str]
) -> Quote:
    """Price `lines` for a patron `category`. Raises QuoteError naming the field at fault."""
    if category not in categories:
        raise QuoteError(_("Choose one of the patron categories."), code="invalid_category", field="category")
    if not lines:
        raise QuoteError(_("Add at least one line."), code="no_lines", field="lines")
    if len(lines) > MAX_LINES:
        raise QuoteError(_("A quote can have at most 50 lines."), code="too_many_lines", field="lines")
    priced_lines = []
    for index, line in enumerate(lines):
        rule = rules.get(line.item)
        if rule is None:
            raise QuoteError(
                _("There is no such item in the price list."), code="unknown_item", field=f"lines.{index}.item"
            )
        priced_lines.append(price_line(rule, line, category, index=index))
    exact = sum((line.subtotal for line in priced_lines if line.subtotal is not None), Decimal("0"))
    notes = []
    if any(line.subtotal is None for line in priced_lines):
        notes.append(str(_("Items priced individually are not included in the total.")))
    return Quote(category=category, lines=priced_lines, total=to_cents(exact), notes=notes)
