import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
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
    assert format_money(Decimal("1234.5"), "bg") == "1\u00a0234,50\u00a0€"


def test_money_rounds_half_up_to_cents():
    assert format_money(Decimal("0.005"), "en") == "€0.01"
    assert format_money(Decimal("2.345"), "lt") == "2,35\u00a0€"


# One date, one time, one date with a time and one amount, as a reader of each language expects them: 24-hour
# time everywhere, Lithuanian and Bulgarian months in the form that stands in a date (genitive, lower case),
# British English throughout.
EXPECTED = {
    "lt": ("2026 m. gruodžio 8 d.", "18:30", "2026 m. gruodžio 8 d., 10:00", "1\u00a0234,50\u00a0€"),
    "bg": ("8 декември 2026 г.", "18:30", "8 декември 2026 г., 10:00", "1\u00a0234,50\u00a0€"),
    "fi": ("8.12.2026", "18.30", "8.12.2026 klo 10.00", "1\u00a0234,50\u00a0€"),
    "en": ("8 December 2026", "18:30", "8 December 2026, 10:00", "€1,234.50"),
}


@pytest.mark.parametrize("lang", EXPECTED)
def test_dates_times_and_amounts_read_as_each_language_writes_them(lang):
    with translation.override(lang):
        rendered = (
            formats.date_format(dt.date(2026, 12, 8), "DATE_FORMAT"),
            formats.time_format(dt.time(18, 30), "TIME_FORMAT"),
            formats.date_format(dt.datetime(2026, 12, 8, 10, 0), "DATETIME_FORMAT"),
            format_money(Decimal("1234.5")),
        )
    assert rendered == EXPECTED[lang]


@pytest.mark.parametrize(
    "lang,expected",
    [("lt", "2026-12-08"), ("bg", "08.12.2026"), ("fi", "8.12.2026"), ("en", "08/12/2026")],
)
def test_short_dates_are_formatted_per_language(lang, expected):
    with translation.override(lang):
        assert formats.date_format(dt.date(2026, 12, 8), "SHORT_DATE_FORMAT") == expected


@pytest.mark.parametrize(
    "lang,expected",
    [("lt", "2026 m. gruodis"), ("bg", "декември 2026 г."), ("fi", "joulukuu 2026"), ("en", "December 2026")],
)
def test_months_are_named_per_language(lang, expected):
    with translation.override(lang):
        assert formats.date_format(dt.date(2026, 12, 8), "YEAR_MONTH_FORMAT") == expected


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", ["lt", "bg"])
def test_no_sentence_ends_right_after_a_date_which_already_ends_with_a_dot(lang):
    """A Lithuanian date ends with "d.", a Bulgarian one with "г.": a full stop after it would print "d..".
    The templates pass dates as date, until or when."""
    catalogue = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
    doubled = [e.msgid for e in catalogue if re.search(r"%\((date|until|when)\)s\.", e.msgstr)]
    assert doubled == []


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("lt", "Jūsų vieta renginyje „‚Laiku su mokesčiais‘: pagalba“ patvirtinta"),
        ("en", "Your place at “‘Laiku su mokesčiais’: pagalba” is confirmed"),
    ],
)
def test_a_title_with_quotes_of_its_own_nests_them_inside_the_sentences_quotes(lang, expected):
    template = Template(
        "{% load i18n portal %}{% blocktranslate with title=title|inner_quotes %}Your place at “{{ title }}” is "
        "confirmed. We have e-mailed you a calendar file and a link to cancel, and we remind you the day before."
        "{% endblocktranslate %}"
    )
    with translation.override(lang):
        text = template.render(Context({"title": "„Laiku su mokesčiais“: pagalba"}))
    assert text.startswith(expected)
    assert "„„" not in text and "““" not in text


@pytest.mark.parametrize(
    "lang,expected", [("lt", "3,00\u00a0USD"), ("en", "3.00\u00a0USD"), ("fi", "1\u00a0234,50\u00a0USD")]
)
def test_another_currency_keeps_its_code_after_the_number(lang, expected):
    amount = Decimal("1234.5") if lang == "fi" else Decimal("3")
    assert format_money(amount, lang, currency="USD") == expected
