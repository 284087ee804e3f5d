import datetime as dt
from decimal import Decimal

import pytest
from django.utils import formats, translation

from library_portal.money import format_money


@pytest.mark.parametrize(
    "lang,expected",
    [("lt", "1,15\u00a0€"), ("fi", "1,15\u00a0€"), ("bg", "1,15\u00a0€"), ("en", "€1.15")],
)
def test_amounts_are_formatted_per_language(lang, expected):
    assert format_money(Decimal("1.15"), lang) == expected


def test_large_amounts_are_grouped_per_language():
    assert format_money(Decimal("1234.5"), "en") == "€1,234.50"
    assert format_money(Decimal("1234.5"), "lt") == "1\u00a0234,50\u00a0€"


def test_money_rounds_half_up_to_cents():
    assert format_money(Decimal("0.005"), "en") == "€0.01"
    assert format_money(Decimal("2.345"), "lt") == "2,35\u00a0€"


@pytest.mark.parametrize(
    "lang,expected", [("lt", "2026 m. gruodžio 24 d."), ("en", "Dec. 24, 2026"), ("fi", "24. joulukuuta 2026")]
)
def test_dates_are_formatted_per_language(lang, expected):
    with translation.override(lang):
        assert formats.date_format(dt.date(2026, 12, 24), "DATE_FORMAT") == expected


@pytest.mark.parametrize("lang,expected", [("lt", "18:30"), ("fi", "18.30"), ("bg", "18:30"), ("en", "6:30 p.m.")])
def test_times_are_formatted_per_language(lang, expected):
    with translation.override(lang):
        assert formats.time_format(dt.time(18, 30)) == expected
