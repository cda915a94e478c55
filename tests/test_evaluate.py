"""The seed-gold gate and unit tests of the span matcher."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from newsclaims import schema
from newsclaims.evaluate import check_floors, evaluate, load_gold, main_evaluate, read_texts

TESTS_DIR = Path(__file__).resolve().parent
GOLD = TESTS_DIR / "gold" / "seed_gold.csv"
FLOORS = TESTS_DIR / "gold" / "floors.toml"
SEEDS = TESTS_DIR.parent / "seeds"


def test_seed_gold_meets_pinned_floors() -> None:
    gold = load_gold(GOLD)
    texts = read_texts(SEEDS, list(dict.fromkeys(gold["article_id"])))
    report = evaluate(gold, texts)
    assert check_floors(report, FLOORS) == [], report.format()
    # The issue's own targets, whatever the floors say.
    assert report.span_f1 >= 0.95
    assert report.fully_right >= 0.90


def test_gold_offsets_index_the_seed_texts() -> None:
    gold = load_gold(GOLD)
    texts = read_texts(SEEDS, list(dict.fromkeys(gold["article_id"])))
    for row in gold.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.figure_text


def _claim(start: int, end: int, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "article_id": "a",
        "start": start,
        "end": end,
        "figure_text": "x" * (end - start),
        "metric": "troops",
        "party": "Russia",
        "value_low": 10.0,
        "value_high": 10.0,
        "qualifier": "exact",
        "claimant": "Kyiv",
    }
    row.update(fields)
    return row


def _fake(preds: list[dict[str, object]]):  # type: ignore[no-untyped-def]
    def extractor(text: str, article_id: str) -> pd.DataFrame:
        rows = [{**p, "rule": "fake", "claim_id": str(i)} for i, p in enumerate(preds)]
        return schema.conform(rows, schema.CLAIMS)

    return extractor


def _gold(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def test_overlap_matches_and_fields_compared() -> None:
    gold = _gold([_claim(0, 10), _claim(20, 30, value_low=None, value_high=5.0)])
    preds = [_claim(5, 12), _claim(25, 40, value_low=None, value_high=5.0, claimant=" kyiv ")]
    report = evaluate(gold, {"a": ""}, _fake(preds))
    assert (report.n_gold, report.n_pred, report.n_matched) == (2, 2, 2)
    assert report.span_f1 == 1.0
    assert report.accuracy("values") == 1.0  # NaN == NaN
    assert report.accuracy("claimant") == 1.0  # case and whitespace ignored
    assert report.fully_right == 1.0


def test_matching_is_one_to_one() -> None:
    gold = _gold([_claim(0, 10)])
    preds = [_claim(0, 4), _claim(3, 10)]
    report = evaluate(gold, {"a": ""}, _fake(preds))
    assert report.n_matched == 1
    assert report.precision == 0.5 and report.recall == 1.0
    assert len(report.false_positives) == 1


def test_non_overlapping_spans_do_not_match() -> None:
    gold = _gold([_claim(0, 10)])
    report = evaluate(gold, {"a": ""}, _fake([_claim(10, 20)]))
    assert report.n_matched == 0
    assert report.span_f1 == 0.0
    assert len(report.false_negatives) == 1


def test_field_errors_listed_and_fully_right_counts_gold() -> None:
    gold = _gold([_claim(0, 10), _claim(20, 30)])
    preds = [_claim(0, 10, party="Ukraine")]
    report = evaluate(gold, {"a": ""}, _fake(preds))
    assert report.accuracy("party") == 0.0
    assert report.fully_right == 0.0
    assert report.field_errors[0]["field"] == "party"
    text = report.format()
    assert "fully right: 0/2" in text and "field errors (1)" in text


def test_check_floors_reports_violations(tmp_path: Path) -> None:
    gold = _gold([_claim(0, 10)])
    report = evaluate(gold, {"a": ""}, _fake([]))
    floors = tmp_path / "floors.toml"
    floors.write_text("span_f1 = 0.95\nnonsense = 1\n", encoding="utf-8")
    problems = check_floors(report, floors)
    assert any("span_f1" in p for p in problems)
    assert any("nonsense" in p for p in problems)


def test_missing_article_text_raises() -> None:
    with pytest.raises(KeyError):
        evaluate(_gold([_claim(0, 10)]), {}, _fake([]))


def test_main_evaluate_prints_and_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main_evaluate(GOLD, SEEDS, FLOORS) == 0
    out = capsys.readouterr().out
    assert "span precision" in out and "fully right" in out
