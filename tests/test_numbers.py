"""Number parsing: every form wire copy uses, and the value conventions of the gold."""

from __future__ import annotations

import pytest

from newsclaims.numbers import Quantity, parse_number, parse_quantity, parse_vague

NUMBER_FORMS = [
    ("100,000", 100_000),
    ("1,00,000", 100_000),  # Indian grouping
    ("12,50,000", 1_250_000),
    ("1,000,000", 1_000_000),
    ("100K", 100_000),
    ("100k", 100_000),
    ("1.3 million", 1_300_000),
    ("2.5m", 2_500_000),
    ("12-thousand", 12_000),
    ("15-hundred", 1_500),
    ("302,000-strong", 302_000),
    ("twelve thousand", 12_000),
    ("a hundred thousand", 100_000),
    ("two dozen", 24),
    ("one hundred and fifty", 150),
    ("twenty-five", 25),
    ("Seventy", 70),
    ("40", 40),
]


@pytest.mark.parametrize(("text", "value"), NUMBER_FORMS, ids=[t for t, _ in NUMBER_FORMS])
def test_parse_number_forms(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "soldiers", "a", "many", "10 apples"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


VAGUE = [
    ("thousands", (1_000, 9_999)),
    ("several thousand", (1_000, 9_999)),
    ("tens of thousands", (10_000, 99_999)),
    ("hundreds of thousands", (100_000, 999_999)),
    ("several hundred", (100, 999)),
    ("hundreds", (100, 999)),
    ("millions", (1_000_000, 9_999_999)),
    ("dozens", (24, 99)),
]


@pytest.mark.parametrize(("text", "span"), VAGUE, ids=[t for t, _ in VAGUE])
def test_vague_decade_spans(text: str, span: tuple[float, float]) -> None:
    assert parse_vague(text) == span
    assert parse_quantity(text) == Quantity(span[0], span[1], "vague")


QUANTITIES = [
    ("up to 100,000", Quantity(None, 100_000, "up_to")),
    ("as many as 3,000", Quantity(None, 3_000, "up_to")),
    ("as high as 15,000", Quantity(None, 15_000, "as_high_as")),
    ("as high as 15,000 to 25,000", Quantity(15_000, 25_000, "as_high_as")),
    ("at least 10,000", Quantity(10_000, None, "at_least")),
    ("more than 300,000", Quantity(300_000, None, "at_least")),
    ("over 1,000", Quantity(1_000, None, "at_least")),
    ("over the 5,000", Quantity(5_000, None, "at_least")),
    ("crossed 500,000", Quantity(500_000, None, "at_least")),
    ("in excess of 20,000", Quantity(20_000, None, "at_least")),
    ("nearly 700,000", Quantity(700_000, 700_000, "approx")),
    ("about 1,500", Quantity(1_500, 1_500, "approx")),
    ("around 15,000", Quantity(15_000, 15_000, "approx")),
    ("some 12,000", Quantity(12_000, 12_000, "approx")),
    ("roughly 1,500", Quantity(1_500, 1_500, "approx")),
    ("approaching 50,000", Quantity(50_000, 50_000, "approx")),
    ("approximately 2,000", Quantity(2_000, 2_000, "approx")),
    ("almost 40", Quantity(40, 40, "approx")),
    ("between 70,000 and 80,000", Quantity(70_000, 80_000, "range")),
    ("from 15,000 to 25,000", Quantity(15_000, 25_000, "range")),
    ("15,000 to 25,000", Quantity(15_000, 25_000, "range")),
    ("40-50", Quantity(40, 50, "range")),
    ("40–50", Quantity(40, 50, "range")),
    ("15 to 25 thousand", Quantity(15_000, 25_000, "range")),
    ("100,000", Quantity(100_000, 100_000, "exact")),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES, ids=[t for t, _ in QUANTITIES])
def test_parse_quantity_value_conventions(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


def test_parse_quantity_rejects_text() -> None:
    assert parse_quantity("up to the front") is None
