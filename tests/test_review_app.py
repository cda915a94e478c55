"""The review notebook's app, driven as data staff would: every action goes to the log."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from newsclaims import corrections as corr
from newsclaims.app import ReviewApp
from newsclaims.articles import read_articles
from newsclaims.tables import load_tables

from .conftest import SEEDS_DIR


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return read_articles([SEEDS_DIR]).articles


@pytest.fixture
def app(articles: pd.DataFrame, tmp_path: Path) -> ReviewApp:
    return ReviewApp(articles, tmp_path / "corrections.csv", who="JD",
                     processed_dir=tmp_path / "processed")  # fmt: skip


def log_rows(app: ReviewApp) -> list[dict[str, str]]:
    if not app.log_path.exists():
        return []
    with app.log_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_queue_starts_with_every_claim_to_review(app: ReviewApp) -> None:
    assert len(app.queue.options) == len(app.raw) > 0
    assert app.queue.value == app.rows.loc[0, "claim_id"]
    assert "<mark" in app.detail.value and "to review" in app.detail.value
    assert f"0 corrections in {app.log_path}" in app.log_summary.value


def test_accept_writes_the_log_and_moves_to_the_next_claim(app: ReviewApp) -> None:
    first, second = app.rows.loc[0, "claim_id"], app.rows.loc[1, "claim_id"]
    app.accept_button.click()
    [row] = log_rows(app)
    assert (row["who"], row["claim_id"], row["action"]) == ("JD", first, "accept")
    assert row["reason"] == "checked against the article"
    assert first not in [cid for _, cid in app.queue.options]  # no longer "to review"
    assert app.queue.value == second
    app.status.value = ("accepted",)
    assert [cid for _, cid in app.queue.options] == [first]


def test_reject_needs_a_reason_and_removes_the_claim(app: ReviewApp) -> None:
    target = app.queue.value
    app.reject_button.click()
    assert "Not recorded" in app.message.value and log_rows(app) == []
    app.reason.value = "a rhetorical question, not a report"
    app.reject_button.click()
    assert [r["action"] for r in log_rows(app)] == ["reject"]
    assert target not in set(app.applied.claims["claim_id"])


def test_a_name_is_required(app: ReviewApp) -> None:
    app.who.value = "  "
    app.accept_button.click()
    assert "Not recorded" in app.message.value and log_rows(app) == []


def test_edit_keeps_the_old_value_and_shows_the_new(app: ReviewApp) -> None:
    target = app.queue.value
    old = app.current()["claimant"]  # type: ignore[index]
    app.field.value = "claimant"
    app.new_value.value = "US Department of Defense"
    app.reason.value = "Kahl spoke for the Pentagon"
    app.edit_button.click()
    [row] = log_rows(app)
    assert (row["action"], row["field"], row["new_value"]) == (
        "edit", "claimant", "US Department of Defense",
    )  # fmt: skip
    assert row["old_value"] == ("" if pd.isna(old) else str(old))
    claim = app.applied.claims.set_index("claim_id").loc[target]
    assert claim["claimant"] == "US Department of Defense"
    app.status.value = ("edited",)
    assert app.queue.value == target
    assert "US Department of Defense" in app.detail.value


def test_add_a_missed_figure_by_its_words(app: ReviewApp) -> None:
    app.add_article.value = "000_f81ca7430252ce23"
    app.add_figure.value = "five states"
    app.add_fields["metric"].value = "other"
    app.reason.value = "countries that voted with Russia"
    app.add_button.click()
    actions = [(r["action"], r["field"]) for r in log_rows(app)]
    assert actions == [("add", "span"), ("edit", "metric")]
    added = app.applied.claims[app.applied.claims["figure_text"] == "five states"]
    assert len(added) == 1 and added.iloc[0]["metric"] == "other"
    assert app.add_figure.value == ""  # ready for the next one
    app.status.value = ("added",)
    assert app.queue.value == added.iloc[0]["claim_id"]


def test_a_figure_not_in_the_article_is_refused_with_the_reason(app: ReviewApp) -> None:
    app.add_article.value = "000_f81ca7430252ce23"
    app.add_figure.value = "seventeen brigades"
    app.reason.value = "test"
    app.add_button.click()
    assert "appears 0 time(s)" in app.message.value
    assert log_rows(app) == []


def test_rebuild_writes_tables_with_the_corrections(app: ReviewApp, tmp_path: Path) -> None:
    target = app.queue.value
    app.reason.value = "not a war figure"
    app.reject_button.click()
    app.rebuild_button.click()
    assert "Rebuilt: 5 articles" in app.message.value
    rebuilt = load_tables(tmp_path / "processed", rebuild=False)
    assert target not in set(rebuilt.claims["claim_id"])
    assert len(rebuilt.claims) == len(app.raw) - 1


def test_article_text_is_escaped_in_the_review(tmp_path: Path) -> None:
    hostile = tmp_path / "999_hostile.txt"
    hostile.write_text(
        "<b>Title</b>\n\n<img src=x onerror=alert(1)> Officials said about 12,000 troops "
        "<script>alert(2)</script> were sent.\n",
        encoding="utf-8",
    )
    app = ReviewApp(read_articles([hostile]).articles, tmp_path / "log.csv", who="JD")
    assert app.queue.value is not None
    assert "<img" not in app.detail.value and "<script" not in app.detail.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.detail.value


def test_two_reviewers_share_one_log(articles: pd.DataFrame, tmp_path: Path) -> None:
    log = tmp_path / "corrections.csv"
    first = ReviewApp(articles, log, who="JD")
    second = ReviewApp(articles, log, who="AB")
    first.accept_button.click()
    second.status.value = ("to review", "accepted")
    second.refresh()
    assert "1 accepted" in second.log_summary.value
    second.queue.value = second.rows.loc[1, "claim_id"]
    second.accept_button.click()
    records, problems = corr.read_log(log)
    assert [c.who for _, c in records] == ["JD", "AB"] and problems == []
