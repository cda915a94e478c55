"""The articles table from the seeds: identity, text as read, metadata with its basis."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from newsclaims import config, metadata, schema
from newsclaims.articles import read_articles

from .conftest import GOLD_DIR, SEEDS_DIR


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    load = read_articles([SEEDS_DIR], config.MANIFEST_PATH)
    assert load.report.rows == [], load.report.format()
    return load.articles.set_index("article_id", drop=False)


def test_seed_files_are_kept_byte_for_byte() -> None:
    pinned = dict(
        reversed(line.split()) for line in (GOLD_DIR / "seeds.sha256").read_text().splitlines()
    )
    actual = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS_DIR.glob("*.txt")}
    assert actual == pinned


def test_five_articles_with_declared_schema(seeds: pd.DataFrame) -> None:
    assert list(seeds.index) == [
        "000_f81ca7430252ce23",
        "001_70ae67a01f55abd5",
        "002_4e28c627f23687b4",
        "003_7328c422117cef6f",
        "004_4c7001e8aa4cd83f",
    ]
    schema.validate(seeds.reset_index(drop=True), schema.ARTICLES, "articles")


def test_text_is_exactly_what_the_file_holds(seeds: pd.DataFrame) -> None:
    for row in seeds.itertuples():
        raw = (SEEDS_DIR / f"{row.article_id}.txt").read_bytes()
        assert row.text == raw.decode("utf-8")
        assert row.sha256 == hashlib.sha256(raw).hexdigest()
        assert row.word_count == len(raw.decode("utf-8").split())
        assert row.path == f"seeds/{row.article_id}.txt"
        assert row.encoding == "utf-8"


def test_titles_are_first_lines(seeds: pd.DataFrame) -> None:
    assert seeds.loc["000_f81ca7430252ce23", "title"] == (
        "Putin Allegedly Close to Accepting North Korean Support in Ukraine"
    )
    assert seeds.loc["002_4e28c627f23687b4", "title"].startswith("Vladimir Putin considering")
    for row in seeds.itertuples():
        assert row.text.lstrip().startswith(row.title)


def test_unitedvoice_outlet_rests_on_quoted_text(seeds: pd.DataFrame) -> None:
    row = seeds.loc["000_f81ca7430252ce23"]
    assert row["outlet"] == "UnitedVoice"
    assert row["outlet_basis"].startswith('stated in text: "')
    quoted = row["outlet_basis"].split('"')[1]
    assert quoted in row["text"]
    assert "UnitedVoice.com" in quoted
    assert row["url"].startswith("https://www.unitedvoice.com/putin-allegedly")
    assert row["url_basis"] == "manifest"


def test_unknown_outlets_stay_unknown(seeds: pd.DataFrame) -> None:
    for article_id in ("001_70ae67a01f55abd5", "002_4e28c627f23687b4", "004_4c7001e8aa4cd83f"):
        assert pd.isna(seeds.loc[article_id, "outlet"])
        assert seeds.loc[article_id, "outlet_basis"].startswith("unknown")


@pytest.mark.parametrize(
    ("article_id", "month", "basis_quote"),
    [
        ("000_f81ca7430252ce23", "2022-08", '"Monday, August 8" is a Monday in 2022'),
        ("001_70ae67a01f55abd5", "2022-08", "manifest"),
        ("002_4e28c627f23687b4", "2022-08", '"enters its sixth month"'),
        ("003_7328c422117cef6f", "2022-08", '"for over five months"'),
        ("004_4c7001e8aa4cd83f", "2024-10", "manifest"),
    ],
)
def test_published_month_and_basis(
    seeds: pd.DataFrame, article_id: str, month: str, basis_quote: str
) -> None:
    row = seeds.loc[article_id]
    assert row["published"].strftime("%Y-%m") == month
    assert row["published_precision"] == "month"
    assert basis_quote in row["published_basis"]


def test_no_date_contradicts_the_text(seeds: pd.DataFrame) -> None:
    checked = 0
    for row in seeds.itertuples():
        start = row.published.date()
        end = metadata.period_end(start, row.published_precision)
        allowed = metadata.earliest_allowed(row.text)
        if allowed is None:  # 003 and 004 name no year at all
            continue
        checked += 1
        assert end >= allowed[0], (row.article_id, allowed)
        copyright_year = metadata._copyright_year(row.text)
        if copyright_year:
            assert start.year == copyright_year[0]
    assert checked == 3


def test_manifest_wins_over_the_text_and_disagreement_is_reported(tmp_path: Path) -> None:
    manifest = tmp_path / "articles.csv"
    manifest.write_text(
        "article_id,outlet,published\n000_f81ca7430252ce23,Other Outlet,2021-01-05\n"
    )
    load = read_articles([SEEDS_DIR / "000_f81ca7430252ce23.txt"], manifest)
    row = load.articles.iloc[0]
    assert (row["outlet"], row["outlet_basis"]) == ("Other Outlet", "manifest")
    assert row["published"] == pd.Timestamp("2021-01-05")
    assert row["published_precision"] == "day"
    problems = " | ".join(r["problem"] for r in load.report.rows)
    assert "manifest outlet 'Other Outlet' but the text says 'UnitedVoice'" in problems
    assert "published 2021-01-05 (day) is earlier than" in problems
