"""Build, write and read the processed tables: articles -> claims -> Parquet.

The dashboards call :func:`load_tables`, which reads ``data/processed/`` and
rebuilds it from the sources when it is missing or unreadable, so a reader
never meets a dead page because a generated file was deleted.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsclaims import config, schema
from newsclaims.articles import read_articles
from newsclaims.report import WARNING, Report

TABLES = {
    "articles": schema.ARTICLES,
    "claims": schema.CLAIMS,
    "ingest_report": schema.INGEST_REPORT,
}


@dataclass
class Tables:
    """The processed tables of one build."""

    articles: pd.DataFrame
    claims: pd.DataFrame
    report: pd.DataFrame
    inputs: pd.DataFrame | None = None  # every input file: loaded, merged or rejected
    #: The processed files these tables were read from (see :func:`processed_signature`).
    signature: tuple[tuple[str, int, int], ...] = ()

    def outdated(self, out_dir: Path | None = None) -> bool:
        """True if ``data/processed/`` changed since these tables were read from it."""
        return processed_signature(out_dir) != self.signature


def processed_signature(out_dir: Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of each processed table file (missing: zeros).

    A dashboard kernel started ahead of its reader (Voila's preheated pool) holds
    the tables of when it started; comparing signatures tells it to reload
    after an ingest or a correction.
    """
    out: list[tuple[str, int, int]] = []
    for name in TABLES:
        try:
            info = config.processed_path(name, out_dir or config.PROCESSED_DIR).stat()
        except OSError:
            out.append((name, 0, 0))
        else:
            out.append((name, info.st_mtime_ns, info.st_size))
    return tuple(out)


def extract_all(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the ``claims`` table of every article."""
    from newsclaims.extract import extract_many  # the extractor loads its lexicons on use

    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    return schema.validate(extract_many(texts), schema.CLAIMS, "claims")


def build(
    paths: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    corrections: Path | None = None,
    progress: bool = False,
) -> Tables:
    """Load articles from ``paths`` (default ``seeds/``), extract claims, apply corrections.

    ``corrections`` defaults to ``data/corrections.csv``; its problems (orphaned
    or stale corrections, broken rows) join the ingest report.
    """
    from newsclaims.corrections import apply_corrections

    load = read_articles(paths, manifest, progress=progress)
    applied = apply_corrections(extract_all(load.articles), load.articles, corrections)
    report = load.report
    for problem in applied.problems:
        report.add(
            str(problem["file"]),
            str(problem["problem"]),
            str(problem["action"]),
            str(problem["severity"]),
        )
    return Tables(load.articles, applied.claims, report.to_frame(), load.inputs)


def write_tables(tables: Tables, out_dir: Path | None = None) -> dict[str, Path]:
    """Write each table to ``out_dir`` (default ``data/processed/``) as Parquet.

    Each file is written beside its final name and renamed into place, so a
    reader never sees half a table.
    """
    out = out_dir or config.PROCESSED_DIR
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for name, frame in (
        ("articles", tables.articles),
        ("claims", tables.claims),
        ("ingest_report", tables.report),
    ):
        final = config.processed_path(name, out)
        tmp = final.with_suffix(".parquet.tmp")
        frame.to_parquet(tmp, index=False)
        tmp.replace(final)
        written[name] = final
    return written


def read_table(name: str, out_dir: Path | None = None) -> pd.DataFrame:
    """Read one processed table and check it against its schema."""
    frame = pd.read_parquet(config.processed_path(name, out_dir or config.PROCESSED_DIR))
    return schema.validate(schema.conform(frame, TABLES[name]), TABLES[name], name)


def load_tables(out_dir: Path | None = None, rebuild: bool = True) -> Tables:
    """Read the processed tables; rebuild them from ``seeds/`` if missing or corrupt.

    A rebuild is recorded in the returned ingest report.
    """
    try:
        signature = processed_signature(out_dir)
        return Tables(
            read_table("articles", out_dir),
            read_table("claims", out_dir),
            read_table("ingest_report", out_dir),
            signature=signature,
        )
    except (OSError, ValueError, KeyError) as exc:
        if not rebuild:
            raise
        problem = f"processed tables unreadable ({type(exc).__name__}: {exc})"
    tables = build()
    with contextlib.suppress(OSError):  # a read-only checkout still gets its dashboard
        write_tables(tables, out_dir)
        tables.signature = processed_signature(out_dir)
    note = Report()
    note.add(out_dir or config.PROCESSED_DIR, problem, "rebuilt from the sources", WARNING)
    tables.report = pd.concat([note.to_frame(), tables.report], ignore_index=True)
    return tables
