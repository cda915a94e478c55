"""Hypothesis properties of number parsing: never raises, and every form reads back its value."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from newsclaims.numbers import parse_number, parse_quantity, parse_vague
from tests.fuzzing import fuzz

UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """``n`` (0 <= n < 1,000,000) in words as copy writes it: "one hundred and fifty"."""
    if n < 20:
        return UNITS[n]
    if n < 100:
        return TENS[n // 10 - 2] + ("" if n % 10 == 0 else "-" + UNITS[n % 10])
    if n < 1000:
        rest = "" if n % 100 == 0 else " and " + words(n % 100)
        return UNITS[n // 100] + " hundred" + rest
    rest = "" if n % 1000 == 0 else " " + words(n % 1000)
    return words(n // 1000) + " thousand" + rest


def indian(n: int) -> str:
    """``n`` with Indian digit grouping: 1250000 -> "12,50,000"."""
    head, tail = str(n)[:-3], str(n)[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([g for g in [head, *groups] if g] + [tail])


# Pieces that number parsers trip on, mixed with anything Unicode has.
PIECES = [
    *"0123456789,.-–— kKmMbn",
    "million",
    "thousand",
    "hundred",
    "dozen",
    "tens of ",
    "up to ",
    "between ",
    " and ",
    "a ",
    "and ",
    "-strong",
    "to",
]
noisy = st.lists(
    st.sampled_from(PIECES) | st.characters(exclude_categories=("Cs",)), max_size=25
).map("".join)


@fuzz
@given(noisy)
def test_parsers_never_raise_and_give_sound_values(text: str) -> None:
    value = parse_number(text)
    assert value is None or (math.isfinite(value) and value >= 0)
    span = parse_vague(text)
    assert span is None or span[0] <= span[1]
    quantity = parse_quantity(text)
    if quantity is not None:
        for bound in (quantity.low, quantity.high):
            assert bound is None or (math.isfinite(bound) and bound >= 0)
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
        assert quantity.low is not None or quantity.high is not None


@fuzz
@given(st.integers(min_value=0, max_value=10**12))
def test_digits_read_back_in_every_grouping(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    if n >= 1000:
        assert parse_number(indian(n)) == n
    assert parse_number(f"{n:,}-strong") == n


@fuzz
@given(st.integers(min_value=0, max_value=999_999))
def test_number_words_read_back(n: int) -> None:
    assert parse_number(words(n)) == n
    assert parse_number(words(n).capitalize()) == n


@fuzz
@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["K", "k", "-thousand", " thousand", " million", "m", "bn", " billion"]),
)
def test_magnitudes_multiply(n: int, magnitude: str) -> None:
    scale = {"k": 1e3, "thousand": 1e3, "million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9}
    assert parse_number(f"{n}{magnitude}") == n * scale[magnitude.strip(" -").lower()]


@fuzz
@given(
    st.integers(min_value=1, max_value=10**7),
    st.sampled_from(
        [
            ("up to", None, "high"),
            ("as many as", None, "high"),
            ("at least", "low", None),
            ("more than", "low", None),
            ("about", "low", "high"),
            ("nearly", "low", "high"),
            ("", "low", "high"),
        ]
    ),
)
def test_qualifiers_set_the_bounds_of_the_conventions(
    n: int, case: tuple[str, str | None, str | None]
) -> None:
    phrase, low, high = case
    quantity = parse_quantity(f"{phrase} {n:,}".strip())
    assert quantity is not None
    assert quantity.low == (n if low else None)
    assert quantity.high == (n if high else None)


@fuzz
@given(
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=1, max_value=10**7),
    st.sampled_from(["between {a} and {b}", "{a} to {b}", "{a}-{b}", "{a}–{b}", "from {a} to {b}"]),
)
def test_ranges_are_ordered_whatever_order_they_are_written_in(a: int, b: int, form: str) -> None:
    quantity = parse_quantity(form.format(a=f"{a:,}", b=f"{b:,}"))
    assert quantity is not None
    assert (quantity.low, quantity.high) == (min(a, b), max(a, b))
