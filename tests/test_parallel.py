"""Extraction on Dask gives the serial table, row for row; large tables are written in parts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from newsclaims import tables
from newsclaims.articles import read_articles
from newsclaims.filters import ClaimFilter
from newsclaims.parallel import extract_parallel
from newsclaims.store import ClaimStore
from newsclaims.synth import generate
from newsclaims.tables import build, extract_all, load_tables, read_table, write_tables

from .conftest import SEEDS_DIR


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, 300 synthetic articles, an exact duplicate and a binary file."""
    folder = tmp_path_factory.mktemp("parallel_corpus")
    for path in SEEDS_DIR.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    for article in generate(300, seed=3):
        (folder / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8")
    (folder / "zz_copy.txt").write_bytes((SEEDS_DIR / "000_f81ca7430252ce23.txt").read_bytes())
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def test_a_local_dask_cluster_gives_the_serial_tables(corpus: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "none.csv"
    serial = build([corpus], manifest, tmp_path / "no-corrections.csv")
    on_dask = build([corpus], manifest, tmp_path / "no-corrections.csv", workers=2)
    assert len(serial.claims) > 1000
    pd.testing.assert_frame_equal(on_dask.claims, serial.claims)
    pd.testing.assert_frame_equal(on_dask.articles, serial.articles)
    pd.testing.assert_frame_equal(on_dask.report, serial.report)
    assert "zz_binary.txt" in " ".join(serial.report["file"])  # the bad file is named


def test_an_existing_cluster_by_its_address_gives_the_serial_claims(corpus: Path) -> None:
    from distributed import LocalCluster

    articles = read_articles([corpus], Path("/nonexistent/manifest.csv")).articles
    serial = extract_all(articles)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        remote = extract_all(articles, scheduler=cluster.scheduler_address)
        small_chunks = extract_parallel(
            dict(zip(articles["article_id"], articles["text"], strict=True)),
            scheduler=cluster.scheduler_address, chunk=7,
        )  # fmt: skip
    pd.testing.assert_frame_equal(remote, serial)
    pd.testing.assert_frame_equal(
        tables.schema.validate(small_chunks, tables.schema.CLAIMS, "claims"), serial
    )


def test_large_tables_are_written_in_parts_and_read_as_one(corpus: Path, tmp_path: Path) -> None:
    built = build([corpus], tmp_path / "none.csv", tmp_path / "none-corrections.csv")
    out = tmp_path / "processed"
    write_tables(built, out, part_rows=500)
    parts = sorted((out / "claims.parquet").glob("part-*.parquet"))
    assert len(parts) == -(-len(built.claims) // 500) > 1
    assert (out / "articles.parquet").is_file()  # 306 articles: one file
    assert read_table("claims", out).equals(built.claims)
    assert load_tables(out, rebuild=False).claims.equals(built.claims)
    store = ClaimStore.open(out)
    assert store.summary(ClaimFilter())[0] == len(built.claims)
    before = tables.processed_signature(out)
    write_tables(built, out, part_rows=100_000)  # smaller than a part now: back to one file
    assert (out / "claims.parquet").is_file()
    assert tables.processed_signature(out) != before
    assert not list(out.glob("*.tmp")) and not list(out.glob("*.old"))
    assert read_table("claims", out).equals(built.claims)
