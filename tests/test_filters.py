"""Claim filters and deep links: what passes, and what a bad link says."""

from __future__ import annotations

from datetime import date

import pytest

from newsclaims import charts, filters

from .test_charts import ARTICLES, CLAIMS

ROWS = charts.claims_with_articles(CLAIMS, ARTICLES)
OFFERED = filters.choices(ROWS)


def ids(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(rows["claim_id"])


def test_choices_come_from_the_data_with_unknowns_last() -> None:
    assert OFFERED.outlets == ["Undated Daily", "Wire One", "(unknown outlet)"]
    assert OFFERED.metrics == ["casualties", "equipment", "killed", "troops", "wounded"]
    assert OFFERED.claimants[-1] == "(unattributed)"
    assert (OFFERED.date_min, OFFERED.date_max) == (date(2022, 8, 1), date(2024, 10, 3))


def test_empty_filter_keeps_everything() -> None:
    assert len(filters.filter_claims(ROWS, filters.ClaimFilter())) == len(ROWS)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (filters.ClaimFilter(outlets=("Wire One",)), ["a1-0", "a1-10", "a1-20", "a1-30", "a1-40"]),
        (filters.ClaimFilter(outlets=("(unknown outlet)",), metrics=("troops",)),
         ["a2-0", "a2-10"]),
        (filters.ClaimFilter(claimants=("Colin Kahl", "Regnum")), ["a1-10", "a1-30"]),
        # a month-precision article passes a range that starts mid-month
        (filters.ClaimFilter(date_from=date(2022, 8, 20), date_to=date(2022, 9, 1),
                             include_undated=False), ["a1-0", "a1-10", "a1-20", "a1-30", "a1-40"]),
        (filters.ClaimFilter(date_from=date(2024, 1, 1)),
         ["a2-0", "a2-10", "a2-20", "a2-30", "a3-0"]),
        (filters.ClaimFilter(date_from=date(2024, 1, 1), include_undated=False),
         ["a2-0", "a2-10", "a2-20", "a2-30"]),
        (filters.ClaimFilter(outlets=()), []),
    ],
    ids=["outlet", "outlet+metric", "claimants", "month-overlap", "from+undated", "from-only-dated",
         "nothing-selected"],
)  # fmt: skip
def test_filters(flt: filters.ClaimFilter, expected: list[str]) -> None:
    assert ids(filters.filter_claims(ROWS, flt)) == expected


def test_hedged_filter() -> None:
    rows = ROWS.assign(hedged=[True] + [False] * (len(ROWS) - 1))
    assert ids(filters.filter_claims(rows, filters.ClaimFilter(hedged=True))) == ["a1-0"]
    assert len(filters.filter_claims(rows, filters.ClaimFilter(hedged=False))) == len(ROWS) - 1


def test_summary_line() -> None:
    assert filters.summary(ROWS) == "10 claims from 3 articles (2 outlets and unknown outlets)"
    one = filters.filter_claims(ROWS, filters.ClaimFilter(claimants=("Regnum",)))
    assert filters.summary(one) == "1 claim from 1 article (1 outlet)"


def test_deep_link_preselects_filters_case_insensitively() -> None:
    flt, notes = filters.from_query("?outlet=wire one&metric=TROOPS&from=2022-08-01", OFFERED)
    assert notes == []
    assert flt.outlets == ("Wire One",)
    assert flt.metrics == ("troops",)
    assert flt.date_from == date(2022, 8, 1)
    assert ids(filters.filter_claims(ROWS, flt)) == ["a1-0", "a1-10", "a1-20"]


def test_deep_link_several_values() -> None:
    flt, _ = filters.from_query("claimant=Regnum,Colin%20Kahl&hedged=no", OFFERED)
    assert flt.claimants == ("Regnum", "Colin Kahl")
    assert flt.hedged is False


BAD_LINKS = {
    "unknown outlet": ("outlet=Nowhere", "Ignored outlet “Nowhere”: no such outlet in the data."),
    "unknown key": ("colour=red", "Ignored “colour”: not a filter"),
    "bad date": ("from=yesterday", "Ignored from “yesterday”: not a date"),
    "bad hedged": ("hedged=maybe", "Ignored hedged “maybe”: use yes or no."),
    "dates reversed": ("from=2024-01-01&to=2022-01-01", "Ignored the dates"),
    "script payload": (
        "outlet=<script>alert(1)</script>",
        "Ignored outlet “<script>alert(1)</script>”",
    ),
    "too long": ("outlet=" + "x" * 5000, "longer than 2000 characters"),
}


@pytest.mark.parametrize(("query", "note"), BAD_LINKS.values(), ids=list(BAD_LINKS))
def test_bad_deep_links_are_ignored_with_a_note(query: str, note: str) -> None:
    flt, notes = filters.from_query(query, OFFERED)
    assert any(note in n for n in notes), notes
    assert len(filters.filter_claims(ROWS, flt)) == len(ROWS)
