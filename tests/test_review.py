"""The review queue and the corrections it builds, through a real rebuild of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims import corrections as corr
from newsclaims import review
from newsclaims.articles import read_articles
from newsclaims.tables import extract_all

from .conftest import SEEDS_DIR


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    articles = read_articles([SEEDS_DIR]).articles
    return articles, extract_all(articles)


def test_queue_shows_everything_to_review_before_any_correction(seeds, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles, claims = seeds
    applied = corr.apply_corrections(claims, articles, tmp_path / "none.csv")
    queue = review.review_queue(applied.claims, articles, applied.log)
    assert len(queue) == len(claims)
    assert set(queue["status"]) == {"to review"}
    assert queue.loc[0, "article_id"] == "000_f81ca7430252ce23"


def test_a_review_session_through_the_log(seeds, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles, claims = seeds
    log = tmp_path / "corrections.csv"
    first, second, third = (claims.iloc[i] for i in range(3))
    made = [
        review.correction_for(first, "accept", "JD", "matches the article"),
        review.correction_for(second, "edit", "JD", "Kahl spoke for the Pentagon", "claimant",
                              "US Department of Defense"),
        review.correction_for(third, "reject", "JD", "not a report: a rhetorical question"),
    ]  # fmt: skip
    assert made[1].old_value == str(second["claimant"])  # the log keeps what the editor saw
    text = articles.set_index("article_id").loc["000_f81ca7430252ce23", "text"]
    made += review.add_corrections(
        "000_f81ca7430252ce23", text, "five states", "JD", "test", {"metric": "other"}
    )
    corr.append(made, log)
    applied = corr.apply_corrections(claims, articles, log)
    everyone = review.review_queue(applied.claims, articles, applied.log, statuses=None)
    status = dict(zip(everyone["claim_id"], everyone["status"], strict=True))
    assert status[first["claim_id"]] == "accepted"
    assert status[second["claim_id"]] == "edited"
    assert third["claim_id"] not in status  # rejected claims leave the table
    added = corr.claim_id("000_f81ca7430252ce23", text.index("five states"),
                          text.index("five states") + 11)  # fmt: skip
    assert status[added] == "added"
    todo = review.review_queue(applied.claims, articles, applied.log)
    assert len(todo) == len(claims) - 3


def test_find_span_names_the_problem() -> None:
    text = "100,000 troops ... 100,000 troops"
    assert review.find_span(text, "100,000 troops", 2) == (19, 33)
    with pytest.raises(corr.CorrectionError, match="appears 2 time"):
        review.find_span(text, "100,000 troops", 3)
    with pytest.raises(corr.CorrectionError, match="appears 0 time"):
        review.find_span(text, "90,000", 1)


def test_a_correction_without_reason_is_refused(seeds) -> None:  # type: ignore[no-untyped-def]
    _, claims = seeds
    with pytest.raises(corr.CorrectionError, match="reason is empty"):
        review.correction_for(claims.iloc[0], "reject", "JD", "  ")
    with pytest.raises(corr.CorrectionError, match="metric must be one of"):
        review.correction_for(claims.iloc[0], "edit", "JD", "why", "metric", "vibes")
