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


def format_money(amount: Decimal, language: str | None = None) -> str:
    language = language or get_language() or "lt"
    rounded = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    with override(language):
        number = number_format(rounded, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"€{number}" if language in SIGN_FIRST else f"{number}{NBSP}€"
