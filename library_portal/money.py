"""Money and number formatting per language.

Amounts are Decimal euros. Lithuanian, Finnish and Bulgarian write the sign after the amount with
a decimal comma ("1,15 €"); English puts it first with a decimal point ("€1.15").
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import get_language, override

CENT = Decimal("0.01")
SIGN_FIRST = {"en"}
NBSP = "\u00a0"


def format_money(amount: Decimal, language: str | None = None, *, currency: str = "EUR") -> str:
    """`amount` in the language's style; another currency than the euro (a lending library abroad invoices in its
    own) keeps its ISO code after the number in every language."""
    language = language or get_language() or "lt"
    rounded = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    number = format_number(rounded, language, decimal_pos=2)
    if currency != "EUR":
        return f"{number}{NBSP}{currency}"
    return f"€{number}" if language in SIGN_FIRST else f"{number}{NBSP}€"


def format_number(value, language: str | None = None, *, decimal_pos: int | None = None) -> str:
    """A number in the language's style, thousands grouped ("1\u00a0000" in Lithuanian, "1,000" in English)."""
    with override(language or get_language() or "lt"):
        return number_format(value, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)
