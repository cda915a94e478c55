"""Corrections: every action survives a rebuild; orphans and broken rows are reported."""

from __future__ import annotations

import csv
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest

from newsclaims import corrections as corr
from newsclaims.tables import build

from .conftest import SEEDS_DIR

KAHL = "000_f81ca7430252ce23"


@pytest.fixture(scope="module")
def seeds_built():  # type: ignore[no-untyped-def]
    return build([SEEDS_DIR], corrections=Path("/nonexistent/corrections.csv"))


def claim_of(claims: pd.DataFrame, text: str) -> pd.Series:
    rows = claims[claims["sentence"].str.contains(text, regex=False)]
    assert len(rows) >= 1, text
    return rows.iloc[0]


def c(action: str, claim_id: str, **kw: str) -> corr.Correction:
    return corr.Correction(
        when="2026-11-22T10:00:00+00:00", who=kw.pop("who", "JD"), claim_id=claim_id,
        action=action, reason=kw.pop("reason", "checked against the article"), **kw,
    )  # fmt: skip


def test_each_action_survives_a_rebuild(tmp_path: Path, seeds_built) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "corrections.csv"
    kahl = claim_of(seeds_built.claims, "70,000 and 80,000")
    rhetorical = claim_of(seeds_built.claims, "100,000 more troops")
    headline = claim_of(seeds_built.claims, "100,000 Troops On STANDBY")
    text = seeds_built.articles.set_index("article_id").loc[KAHL, "text"]
    start = text.index("five states")
    added_id = corr.claim_id(KAHL, start, start + len("five states"))
    corr.append(
        [
            c("accept", headline["claim_id"]),
            c("edit", kahl["claim_id"], field="claimant", old_value="Colin Kahl",
              new_value="US Department of Defense", reason="Kahl spoke for the Pentagon"),
            c("edit", kahl["claim_id"], field="value_high", old_value="80000", new_value="85,000"),
            c("reject", rhetorical["claim_id"], reason="rhetorical question, not a report"),
            c("add", added_id, field="span", new_value=f"{KAHL}:{start}:{start + 11}",
              reason="test of add"),
            c("edit", added_id, field="metric", new_value="other"),
        ],
        log,
    )  # fmt: skip
    for _ in range(2):  # the same log over a fresh build, twice: nothing lost, nothing doubled
        tables = build([SEEDS_DIR], corrections=log)
        claims = tables.claims.set_index("claim_id")
        assert claims.loc[kahl["claim_id"], "claimant"] == "US Department of Defense"
        assert claims.loc[kahl["claim_id"], "value_high"] == 85_000
        assert "claimant edited by JD" in claims.loc[kahl["claim_id"], "rule"]
        assert rhetorical["claim_id"] not in claims.index
        assert "accepted by JD" in claims.loc[headline["claim_id"], "rule"]
        assert claims.loc[added_id, "figure_text"] == "five states"
        assert claims.loc[added_id, "metric"] == "other"
        assert claims.loc[added_id, "rule"].startswith("added by JD: test of add")
        assert len(claims) == len(seeds_built.claims)  # one rejected, one added
        assert tables.report.empty, tables.report


def test_orphaned_and_stale_corrections_are_reported_not_dropped(
    tmp_path: Path,
    seeds_built,  # type: ignore[no-untyped-def]
) -> None:
    log = tmp_path / "corrections.csv"
    kahl = claim_of(seeds_built.claims, "70,000 and 80,000")
    corr.append(
        [
            c("edit", "0123456789abcdef", field="metric", new_value="killed"),
            c("add", corr.claim_id("gone", 0, 5), field="span", new_value="gone:0:5"),
            c("edit", kahl["claim_id"], field="metric", old_value="killed", new_value="wounded"),
        ],
        log,
    )  # fmt: skip
    tables = build([SEEDS_DIR], corrections=log)
    problems = tables.report["problem"].tolist()
    assert any("orphaned correction (edit 0123456789abcdef)" in p for p in problems)
    assert any("article 'gone' is not loaded" in p for p in problems)
    assert any("stale correction" in p and "'casualties' at build" in p for p in problems)
    assert set(tables.report["action"]) == {
        "kept in the log; not applied",
        "kept in the log; applied",
    }
    assert len(list(csv.reader(log.open()))) == 4  # header + 3: the log itself is untouched


BAD_ROWS = {
    "unknown action": ("2026-01-01,JD,abc,delete,,,,why", "unknown action 'delete'"),
    "no reason": ("2026-01-01,JD,abc,reject,,,,", "reason is empty"),
    "no who": ("2026-01-01,,abc,reject,,,,why", "who is empty"),
    "uneditable field": ("2026-01-01,JD,abc,edit,text,,x,why", "field 'text' cannot be edited"),
    "bad number": ("2026-01-01,JD,abc,edit,value_low,,lots,why", "new value for value_low"),
    "bad span": ("2026-01-01,JD,abc,add,span,,nowhere,why", "is not article_id:start:end"),
    "too few cells": ("2026-01-01,JD,abc", "row has 3 cells, expected 8"),
}


@pytest.mark.parametrize(("row", "problem"), BAD_ROWS.values(), ids=list(BAD_ROWS))
def test_bad_rows_are_reported_with_their_line(tmp_path: Path, row: str, problem: str) -> None:
    log = tmp_path / "corrections.csv"
    log.write_text(",".join(corr.COLUMNS) + "\n" + row + "\n2026-01-01,JD,abc,accept,,,,ok\n")
    records, problems = corr.read_log(log)
    assert [line for line, _ in records] == [3]
    assert problems[0]["file"] == f"{log}:2"
    assert problem in str(problems[0]["problem"])


def test_a_half_written_last_row_is_detected(tmp_path: Path) -> None:
    log = tmp_path / "corrections.csv"
    corr.append([c("accept", "abc")], log)
    with log.open("a") as handle:
        handle.write("2026-11-22T10:00:00+00:00,JD,def,edit,met")  # the crash
    records, problems = corr.read_log(log)
    assert [r.claim_id for _, r in records] == ["abc"]
    assert problems == [
        {"file": f"{log}:3", "problem": "half-written last row (a crash while writing?)",
         "action": "row not applied; fix or re-enter it", "severity": "error"}
    ]  # fmt: skip
    corr.append([c("accept", "ghi")], log)  # the next append starts on a fresh line
    records, _ = corr.read_log(log)
    assert [r.claim_id for _, r in records] == ["abc", "ghi"]


def test_invalid_corrections_are_refused_before_writing(tmp_path: Path) -> None:
    log = tmp_path / "corrections.csv"
    with pytest.raises(corr.CorrectionError, match="reason is empty"):
        corr.append([c("accept", "abc"), c("reject", "def", reason=" ")], log)
    assert not log.exists()


def _writer(args: tuple[str, int, int]) -> None:
    path, worker, count = args
    for i in range(count):
        corr.append([c("accept", f"w{worker}-{i:04d}", reason=f"row {i} of worker {worker}")],
                    Path(path))  # fmt: skip


def test_two_processes_appending_at_once_lose_no_row(tmp_path: Path) -> None:
    log = tmp_path / "corrections.csv"
    count = 300
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        pool.map(_writer, [(str(log), 1, count), (str(log), 2, count)])
    records, problems = corr.read_log(log)
    assert problems == []
    ids = [r.claim_id for _, r in records]
    assert len(ids) == 2 * count
    assert set(ids) == {f"w{w}-{i:04d}" for w in (1, 2) for i in range(count)}
    assert log.read_text().count("when,who,claim_id") == 1  # one header
