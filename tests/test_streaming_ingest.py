"""A streamed ingest (batches of articles) writes the tables of the in-memory build."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from newsclaims import articles as articles_module
from newsclaims import corrections, tables
from newsclaims.articles import read_articles
from newsclaims.cli import main
from newsclaims.corrections import Correction
from newsclaims.synth import generate, write_csv
from newsclaims.tables import build, ingest, read_table, stream, write_tables

from .conftest import SEEDS_DIR

FIRST_SEED = "000_f81ca7430252ce23.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, 40 synthetic articles, a CSV of 12 more, duplicates late in the order, bad files."""
    folder = tmp_path_factory.mktemp("streaming_corpus")
    for path in SEEDS_DIR.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    synthetic = list(generate(40, seed=5))
    for article in synthetic:
        (folder / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8")
    with (folder / "rows.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "outlet", "published", "text"])
        for article in generate(12, seed=6):
            writer.writerow([article.article_id, article.outlet, article.published, article.text])
        # the text of a synthetic article, whose file comes later: a duplicate across batches
        writer.writerow(["csv-copy", "Daily Post", "2024-05-01", synthetic[0].text])
        writer.writerow(["no-text", "Daily Post", "2024-05-01", ""])
    (folder / "zz_copy.txt").write_bytes((SEEDS_DIR / FIRST_SEED).read_bytes())
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "zz_empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def log(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Corrections of claims in the first and the last articles, one added, two orphans."""
    plain = build([corpus], Path("/nonexistent/manifest.csv"), Path("/nonexistent/log.csv"))
    claims = plain.claims
    first = claims[claims["article_id"] == claims["article_id"].iloc[0]]
    last = claims[claims["article_id"] == plain.articles["article_id"].iloc[-1]]
    assert len(first) >= 2 and len(last) >= 2
    text = plain.articles.set_index("article_id")["text"]
    late_article = str(plain.articles["article_id"].iloc[-3])
    path = tmp_path_factory.mktemp("log") / "corrections.csv"

    def corr(claim_id: str, action: str, **more: str) -> Correction:
        return Correction("2025-01-01T00:00:00+00:00", "ab", claim_id, action,
                          reason="test", **more)  # fmt: skip

    corrections.append(
        [
            corr(str(first["claim_id"].iloc[0]), "reject"),
            corr(str(last["claim_id"].iloc[0]), "edit", field="value_low", new_value="7"),
            corr(str(last["claim_id"].iloc[1]), "accept"),
            corr(
                str(first["claim_id"].iloc[1]),
                "edit",
                field="party",
                old_value="nobody",
                new_value="Russia",
            ),  # fmt: skip  (stale: applied and reported)
            corr("", "add", field="span", new_value=f"{late_article}:0:5"),
            corr("0000000000000000", "reject"),  # orphaned: no such claim
            corr("", "add", field="span", new_value="not-loaded:0:5"),  # orphaned article
        ],
        path,
    )
    assert len(text[late_article]) > 5
    return path


def _sorted(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    return frame.sort_values(by, kind="stable").reset_index(drop=True)


def _same_tables(one: Path, other: Path) -> None:
    pd.testing.assert_frame_equal(
        _sorted(read_table("articles", one), ["article_id"]),
        _sorted(read_table("articles", other), ["article_id"]),
    )
    by = ["article_id", "start", "end", "claim_id"]
    pd.testing.assert_frame_equal(
        _sorted(read_table("claims", one), by), _sorted(read_table("claims", other), by)
    )
    pd.testing.assert_frame_equal(
        read_table("ingest_report", one), read_table("ingest_report", other)
    )


def test_a_streamed_ingest_writes_the_tables_of_the_build(
    corpus: Path, log: Path, tmp_path: Path
) -> None:
    manifest = tmp_path / "none.csv"
    built = build([corpus], manifest, log)
    write_tables(built, tmp_path / "memory")
    done = stream([corpus], manifest, log, tmp_path / "streamed", batch=7)
    assert done.batches == -(-len(built.articles) // 7) > 5
    assert (tmp_path / "streamed" / "claims.parquet" / "part-00000.parquet").is_file()
    _same_tables(tmp_path / "memory", tmp_path / "streamed")
    assert (done.articles, done.claims) == (len(built.articles), len(built.claims))
    assert done.outlets == built.articles["outlet"].nunique()
    assert built.inputs is not None
    pd.testing.assert_frame_equal(done.inputs, built.inputs)

    # what the comparison compares: the duplicates, bad files and corrections are there
    report = " | ".join(built.report["file"] + ": " + built.report["problem"])
    assert f"zz_copy.txt: duplicate: same text as {FIRST_SEED[:-4]}" in report
    assert "syn5-0000000.txt: duplicate: same text as csv-copy" in report
    assert "rows.csv#row=14: row has no text" in report
    assert "zz_binary.txt: binary file" in report and "zz_empty.txt: empty file" in report
    assert report.count("orphaned correction") == 2 and report.count("stale correction") == 1
    claims = built.claims
    assert (claims["value_low"] == 7).sum() >= 1
    assert claims["rule"].str.contains("added by ab").sum() == 1
    assert claims["rule"].str.contains("accepted by ab").sum() == 1


def test_a_streamed_ingest_on_dask_writes_the_same_tables(
    corpus: Path, log: Path, tmp_path: Path
) -> None:
    manifest = tmp_path / "none.csv"
    stream([corpus], manifest, log, tmp_path / "serial", batch=9)
    done = stream([corpus], manifest, log, tmp_path / "dask", workers=2, batch=9)
    assert done.batches > 5
    _same_tables(tmp_path / "serial", tmp_path / "dask")


def test_ingest_streams_above_the_size_threshold_or_when_asked(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, log = tmp_path / "none.csv", tmp_path / "no-log.csv"
    assert ingest([corpus], manifest, log, tmp_path / "a").batches == 1  # small: in memory
    assert (tmp_path / "a" / "claims.parquet").is_file()
    monkeypatch.setattr(tables, "STREAM_BYTES", 1000)
    monkeypatch.setattr(tables, "BATCH", 25)
    done = ingest([corpus], manifest, log, tmp_path / "b")
    assert (done.batches, done.batch) == (-(-done.articles // 25), 25)
    _same_tables(tmp_path / "a", tmp_path / "b")
    # streaming over a folder of parts, then in memory over it again: each swaps the other out
    monkeypatch.undo()
    ingest([corpus], manifest, log, tmp_path / "b", batch=10_000)
    ingest([corpus], manifest, log, tmp_path / "b")
    assert (tmp_path / "b" / "claims.parquet").is_file()
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "articles.parquet", "claims.parquet", "ingest_report.parquet",
    ]  # fmt: skip


def test_the_command_line_streams_with_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    none, no_log = str(tmp_path / "none.csv"), str(tmp_path / "n.csv")
    args = ["ingest", str(SEEDS_DIR), "--out", str(out), "--batch", "2",
            "--manifest", none, "--corrections", no_log]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "5 articles" in printed and "streamed in 3 batch(es) of up to 2 articles" in printed
    assert len(list((out / "articles.parquet").glob("part-*.parquet"))) == 3


def test_nothing_loadable_streams_to_empty_tables(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    done = stream([tmp_path / "in"], tmp_path / "none.csv", tmp_path / "n.csv", tmp_path / "out")
    assert (done.articles, done.claims) == (0, 0)
    assert read_table("claims", tmp_path / "out").empty
    assert "empty file" in " ".join(done.report["problem"])
    assert done.inputs["status"].tolist() == ["rejected"]


def test_a_large_csv_is_read_row_by_row_as_the_whole_file_would_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "many.csv", 30, seed=8)
    with path.open("ab") as handle:  # a Windows-1252 quote: not UTF-8, so decoded as cp1252
        handle.write(b'cp,Daily Post,,2024-05-01,"Officials said \x93about 5,000\x94 troops."\r\n')
        handle.write(b'short,Daily Post,,2024-05-01,"Twelve tanks were lost.",extra\r\n')
    manifest = tmp_path / "none.csv"
    whole = read_articles([path], manifest)
    monkeypatch.setattr(articles_module, "MAX_BYTES", 1000)  # now a large file: streamed
    streamed = read_articles([path], manifest)
    pd.testing.assert_frame_equal(streamed.articles, whole.articles)
    # the same rows; a row's own problems come before its metadata's when read whole
    assert sorted(map(str, streamed.report.rows)) == sorted(map(str, whole.report.rows))
    assert len(whole.articles) == 32
    assert "decoded as cp1252" in " ".join(str(r["problem"]) for r in whole.report.rows)
    assert whole.articles["text"].iloc[-2] == "Officials said “about 5,000” troops."


def test_a_large_csv_the_parser_cannot_finish_keeps_the_rows_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles_module, "MAX_BYTES", 100)
    path = tmp_path / "cut.csv"
    rows = "".join(f"a{i},Troops number {i} thousand, officials said.\n" for i in range(5))
    path.write_text("article_id,text\n" + rows + 'a9,"never closed\n' + "x" * 200_000)
    load = read_articles([path], tmp_path / "none.csv")
    assert load.articles["article_id"].tolist() == [f"a{i}" for i in range(5)]
    problem = next(r for r in load.report.rows if "CSV unreadable" in str(r["problem"]))
    assert str(problem["file"]).endswith("cut.csv#row=6")
    assert problem["action"] == "the 5 rows before it loaded; the rest not loaded"
