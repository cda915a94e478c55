"""Hypothesis properties of the extractor: it never raises and its spans are sound."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclaims import schema
from newsclaims.extract import extract_claims
from tests.fuzzing import fuzz

QUALIFIERS = [
    "",
    "up to ",
    "as many as ",
    "at least ",
    "more than ",
    "over ",
    "nearly ",
    "about ",
    "some ",
    "as high as ",
    "between ",
    "in excess of ",
    "roughly ",
]
NUMBERS = [
    "100,000",
    "1,00,000",
    "100K",
    "1.3 million",
    "12-thousand",
    "15-hundred",
    "302,000-strong",
    "twelve thousand",
    "a hundred thousand",
    "two dozen",
    "tens of thousands",
    "hundreds",
    "40",
    "15,000 to 25,000",
    "70,000 and 80,000",
    "40-50",
    "2022",
    "$1",
    "0",
]
NOUNS = [
    "",
    " troops",
    " soldiers",
    " North Korean volunteers",
    " casualties",
    " dead",
    " civilians killed",
    " tanks",
    " people",
    " refugees",
    " of its soldiers",
    " years",
    " percent",
    " countries",
    " construction workers",
]
GLUE = [
    "",
    ". ",
    ", ",
    " and ",
    ", Seoul's spy agency said. ",
    " according to Kyiv. ",
    "\n",
    " He said ",
    "“",
    "”",
    " – ",
    " in their 50s ",
    "Russia's ",
    "According to ",
]

fragment = st.builds(
    lambda q, n, noun, glue: q + n + noun + glue,
    st.sampled_from(QUALIFIERS),
    st.sampled_from(NUMBERS),
    st.sampled_from(NOUNS),
    st.sampled_from(GLUE),
)
figure_text = st.lists(fragment, min_size=1, max_size=8).map("".join)


def _check_frame(text: str, frame: pd.DataFrame, article_id: str) -> None:
    schema.validate(frame, schema.CLAIMS)
    assert frame["claim_id"].is_unique
    for row in frame.itertuples(index=False):
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start : row.end] == row.figure_text
        assert row.sentence and row.figure_text.strip() in text
        low, high = row.value_low, row.value_high
        if low is not pd.NA and high is not pd.NA:
            assert not math.isnan(low) and low <= high
        assert row.qualifier in schema.QUALIFIERS
        assert row.metric in schema.METRICS
        assert row.article_id == article_id


@fuzz
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check_frame(text, extract_claims(text, "any"), "any")


@fuzz
@given(figure_text)
def test_figure_fragments_give_sound_claims(text: str) -> None:
    frame = extract_claims(text, "frag")
    _check_frame(text, frame, "frag")


@settings(max_examples=100, deadline=None)
@given(figure_text, st.text(alphabet="abc_0123", min_size=1, max_size=8))
def test_claim_ids_are_stable(text: str, article_id: str) -> None:
    first = extract_claims(text, article_id)
    second = extract_claims(text, article_id)
    assert list(first["claim_id"]) == list(second["claim_id"])
    other = extract_claims(text, article_id + "x")
    if len(first):
        assert set(first["claim_id"]).isdisjoint(set(other["claim_id"]))
