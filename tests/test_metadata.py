"""What an article's text says about its outlet and date: general rules, not the seeds."""

from __future__ import annotations

from datetime import date

import pytest

from newsclaims import metadata

OUTLETS = {
    "dateline with domain": ("(KyivPost.com) – Russian forces shelled the city.", "KyivPost"),
    "dateline with name": ("(Example News) — Troops moved north overnight.", "Example News"),
    "copyright line": ("Body text.\n\nCopyright 2023, DailyWire.com", "DailyWire"),
    "copyright sign": (
        "Body.\n© 2024 The Associated Press. All rights reserved.",
        "The Associated Press",
    ),
    "copyright range": ("Body.\nCopyright 2019-2024 Kyiv Independent", "Kyiv Independent"),
}


@pytest.mark.parametrize(("text", "outlet"), OUTLETS.values(), ids=list(OUTLETS))
def test_outlet_stated_in_text(text: str, outlet: str) -> None:
    found = metadata.infer_outlet(text)
    assert found is not None
    assert found.value == outlet
    assert found.evidence.startswith('stated in text: "')
    assert found.evidence.split('"')[1] in text


NO_OUTLET = {
    "plain story": "Ukraine said 300 Russian troops were killed.",
    "parenthesis mid-sentence": "The ministry (MoD) – in a statement – said so.",
}


@pytest.mark.parametrize("text", NO_OUTLET.values(), ids=list(NO_OUTLET))
def test_no_outlet_is_invented(text: str) -> None:
    assert metadata.infer_outlet(text) is None


DATES = {
    "published line": (
        "Headline\nPublished: March 3, 2023\nBody about 2022.",
        date(2023, 3, 3),
        "day",
        'stated in text: "Published: March 3, 2023"',
    ),
    "updated line, day first": (
        "Headline\nUpdated 14 February 2024 09:00 GMT\n",
        date(2024, 2, 14),
        "day",
        "Updated 14 February 2024",
    ),
    "weekday fits the copyright year": (
        "On Tuesday, January 10, the ministry said ...\nCopyright 2023, Example.com",
        date(2023, 1, 1),
        "month",
        '"Tuesday, January 10" is a Tuesday in 2023',
    ),
    "weekday fits a year in the text": (
        "The war began in 2022. On Friday, March 1, officials said 2024 would be hard.",
        date(2024, 3, 1),
        "month",
        "Friday, March 1",
    ),
    "tenth month of the invasion": (
        "As Russia's war in Ukraine enters its tenth month, ...",
        date(2022, 12, 1),
        "month",
        'inferred: "enters its tenth month" of the Russian invasion of Ukraine begun 2022-02-24',
    ),
    "over eleven months": (
        "The fighting in Ukraine has gone on for over eleven months.",
        date(2023, 2, 1),
        "month",
        "over eleven months",
    ),
    "copyright year only": ("Body.\nCopyright 2021 Example", date(2021, 1, 1), "year", "2021"),
}


@pytest.mark.parametrize(("text", "day", "precision", "basis"), DATES.values(), ids=list(DATES))
def test_published_from_text(text: str, day: date, precision: str, basis: str) -> None:
    found = metadata.infer_published(text)
    assert found is not None
    assert (found.value, found.precision) == (day, precision)
    assert basis in found.evidence


NO_DATE = {
    "weekday that fits no year": "On Monday, August 9, troops moved. Copyright 2022 Example",
    "war age with no known war": "The strike at the plant enters its sixth month.",
    "no date at all": "Troops moved north, officials said.",
    "impossible date": "Published: February 30, 2023",
}


@pytest.mark.parametrize("text", NO_DATE.values(), ids=list(NO_DATE))
def test_no_date_is_invented(text: str) -> None:
    found = metadata.infer_published(text)
    assert found is None or found.precision == "year"


def test_earliest_allowed_is_the_latest_date_mentioned() -> None:
    text = "In 1948 ... on August 3, 2022 ... plans for 2030 ... by 2035 nothing."
    assert metadata.earliest_allowed(text) == (date(2030, 1, 1), "2030")
    assert metadata.earliest_allowed("by 2035 nothing") is None
    assert metadata.earliest_allowed("On August 3, 2022 and in 2021") == (
        date(2022, 8, 3),
        "August 3, 2022",
    )


@pytest.mark.parametrize(
    ("start", "precision", "end"),
    [
        (date(2022, 8, 1), "month", date(2022, 8, 31)),
        (date(2024, 2, 1), "month", date(2024, 2, 29)),
        (date(2022, 1, 1), "year", date(2022, 12, 31)),
        (date(2022, 8, 8), "day", date(2022, 8, 8)),
    ],
)
def test_period_end(start: date, precision: str, end: date) -> None:
    assert metadata.period_end(start, precision) == end
