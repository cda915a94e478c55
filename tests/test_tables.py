"""Processed tables: written atomically, read back with their schema, rebuilt when lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims import config, schema
from newsclaims.tables import build, load_tables, read_table, write_tables


@pytest.fixture(scope="module")
def seed_tables():  # type: ignore[no-untyped-def]
    return build()


def test_build_from_seeds_gives_articles_claims_and_report(seed_tables) -> None:  # type: ignore[no-untyped-def]
    assert len(seed_tables.articles) == 5
    schema.validate(seed_tables.claims, schema.CLAIMS, "claims")
    assert set(seed_tables.claims["article_id"]) <= set(seed_tables.articles["article_id"])
    assert len(seed_tables.claims) > 0
    assert seed_tables.report.empty


def test_parquet_round_trip_keeps_schema_and_values(seed_tables, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    written = write_tables(seed_tables, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "articles.parquet",
        "claims.parquet",
        "ingest_report.parquet",
    ]
    assert set(written) == {"articles", "claims", "ingest_report"}
    articles = read_table("articles", tmp_path)
    assert articles.equals(seed_tables.articles)
    assert read_table("claims", tmp_path).equals(seed_tables.claims)


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_lost_or_corrupt_tables_are_rebuilt_and_the_rebuild_reported(
    seed_tables,
    tmp_path: Path,
    damage: str,  # type: ignore[no-untyped-def]
) -> None:
    write_tables(seed_tables, tmp_path)
    target = config.processed_path("claims", tmp_path)
    if damage == "missing":
        target.unlink()
    else:
        target.write_bytes(b"PAR1 this is not parquet")
    tables = load_tables(tmp_path)
    assert tables.claims.equals(seed_tables.claims)
    assert "rebuilt from the sources" in tables.report["action"].tolist()
    assert read_table("claims", tmp_path).equals(seed_tables.claims)


def test_a_truncated_part_of_a_table_in_parts_is_rebuilt_and_reported(
    seed_tables,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    write_tables(seed_tables, tmp_path, part_rows=10)  # claims as a folder of parts
    parts = sorted(config.processed_path("claims", tmp_path).glob("part-*.parquet"))
    assert len(parts) >= 2
    parts[1].write_bytes(parts[1].read_bytes()[:100])  # cut short, as by a full disk
    tables = load_tables(tmp_path)
    assert tables.claims.equals(seed_tables.claims)
    note = tables.report.iloc[0]
    assert note["action"] == "rebuilt from the sources" and "unreadable" in note["problem"]
    assert read_table("claims", tmp_path).equals(seed_tables.claims)  # written whole again
