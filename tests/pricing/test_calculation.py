"""The quote arithmetic on plain rules: no database."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from pricing.calculation import PriceRule, QuoteError, QuoteLine, quote, tier_amount

BINDING = PriceRule(
    "bind-a4",
    "Binding",
    "sheet_range",
    "by_tier",
    tiers=[(45, D("1.00")), (25, D("0.75")), (95, D("1.60")), (65, D("1.30"))],
)
RULES = {
    "copy-colour-a3": PriceRule("copy-colour-a3", "Colour copy A3", "copy", "fixed", amount=D("0.90")),
    "bind-a4": BINDING,
    "reader-card": PriceRule(
        "reader-card",
        "Reader card",
        "item",
        "by_category",
        by_category={"adult": D("1.15"), "reduced": D("0.70"), "free": D("0.00")},
    ),
    "ill-postage": PriceRule("ill-postage", "Postage", "item", "individual"),
    "distribution": PriceRule("distribution", "Distribution", "item", "actual_cost"),
    "free-thing": PriceRule("free-thing", "Free", "item", "free"),
    "room": PriceRule("room", "Hall", "hour", "fixed", amount=D("2.30")),
    "odd": PriceRule("odd", "Odd", "hour", "fixed", amount=D("0.13")),
}
CATEGORIES = ["adult", "reduced", "free"]


@pytest.fixture(autouse=True)
def english():
    """The notes are translated; these tests read them in English."""
    with translation.override("en"):
        yield


def run(*lines: QuoteLine, category: str = "adult"):
    return quote(RULES, list(lines), category, CATEGORIES)


def test_ten_colour_a3_copies_and_a_fifty_sheet_binding_cost_ten_thirty():
    result = run(QuoteLine("copy-colour-a3", D(10)), QuoteLine("bind-a4", D(1), pages=50))
    assert [line.subtotal for line in result.lines] == [D("9.00"), D("1.30")]
    assert result.total == D("10.30")
    assert result.notes == []


@pytest.mark.parametrize(
    "sheets,amount",
    [
        (1, "0.75"),
        (25, "0.75"),
        (26, "1.00"),
        (30, "1.00"),
        (45, "1.00"),
        (46, "1.30"),
        (65, "1.30"),
        (66, "1.60"),
        (95, "1.60"),
    ],
)
def test_binding_tier_is_chosen_by_the_number_of_sheets(sheets, amount):
    assert tier_amount(BINDING, sheets) == D(amount)


def test_ninety_six_sheets_are_priced_individually_with_a_clear_note():
    result = run(QuoteLine("bind-a4", D(1), pages=96))
    assert result.lines[0].unit_price is None
    assert "95" in result.lines[0].note
    assert result.total == D("0.00")
    assert result.notes == ["Items priced individually are not included in the total."]


@pytest.mark.parametrize("category,amount", [("adult", "1.15"), ("reduced", "0.70"), ("free", "0.00")])
def test_reader_card_costs_by_patron_category(category, amount):
    assert run(QuoteLine("reader-card", D(1)), category=category).total == D(amount)


@pytest.mark.parametrize("code", ["ill-postage", "distribution"])
def test_items_without_a_fixed_price_are_left_out_of_the_total_with_a_note(code):
    result = run(QuoteLine("copy-colour-a3", D(1)), QuoteLine(code, D(1)))
    assert result.total == D("0.90")
    assert result.lines[1].subtotal is None
    assert result.lines[1].note
    assert result.notes


def test_free_items_cost_nothing():
    assert run(QuoteLine("free-thing", D(3))).total == D("0.00")


def test_rooms_are_priced_by_the_hour_and_take_half_hours():
    assert run(QuoteLine("room", D("1.5"))).total == D("3.45")


def test_rounding_happens_once_half_up_on_the_total():
    # 0.13 × 0.35 = 0.0455 per line: rounding each line would give 0.05 + 0.05 = 0.10.
    result = run(QuoteLine("odd", D("0.35")), QuoteLine("odd", D("0.35")))
    assert result.total == D("0.09")
    assert run(QuoteLine("odd", D("0.50"))).total == D("0.07")  # 0.065 rounds half up


@pytest.mark.parametrize(
    "line,field,code",
    [
        (QuoteLine("no-such-item", D(1)), "lines.0.item", "unknown_item"),
        (QuoteLine("copy-colour-a3", D(0)), "lines.0.quantity", "invalid_quantity"),
        (QuoteLine("copy-colour-a3", D(-2)), "lines.0.quantity", "invalid_quantity"),
        (QuoteLine("copy-colour-a3", D("1.5")), "lines.0.quantity", "invalid_quantity"),
        (QuoteLine("copy-colour-a3", D(1), pages=10), "lines.0.pages", "pages_not_allowed"),
        (QuoteLine("bind-a4", D(1)), "lines.0.pages", "pages_required"),
        (QuoteLine("bind-a4", D(1), pages=0), "lines.0.pages", "invalid_pages"),
    ],
)
def test_bad_lines_are_refused_naming_the_field(line, field, code):
    with pytest.raises(QuoteError) as error:
        run(line)
    assert (error.value.field, error.value.code) == (field, code)


def test_unknown_category_is_refused():
    with pytest.raises(QuoteError) as error:
        run(QuoteLine("copy-colour-a3", D(1)), category="pensioner")
    assert error.value.field == "category"


def test_an_empty_quote_is_refused():
    with pytest.raises(QuoteError) as error:
        run()
    assert error.value.code == "no_lines"
