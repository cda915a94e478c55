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
from typing import Any

import pandas as pd

from newsclaims import config, schema
from newsclaims.articles import INPUT_COLUMNS, input_bytes, iter_articles, read_articles
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
        path = config.processed_path(name, out_dir or config.PROCESSED_DIR)
        try:
            files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
            infos = [f.stat() for f in files]
        except OSError:
            out.append((name, 0, 0))
        else:
            newest = max((i.st_mtime_ns for i in infos), default=0)
            out.append((name, newest, sum(i.st_size for i in infos) + len(infos)))
    return tuple(out)


def extract_all(
    articles: pd.DataFrame, workers: int = 0, scheduler: str | None = None
) -> pd.DataFrame:
    """Return the ``claims`` table of every article.

    ``workers`` > 0 runs the extraction on a local Dask cluster of that many
    processes; ``scheduler`` (an address) on an existing Dask cluster. The
    table is the same as the serial one, row for row.
    """
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    if workers or scheduler:
        from newsclaims.parallel import extract_parallel

        claims = extract_parallel(texts, workers=workers, scheduler=scheduler)
    else:
        from newsclaims.extract import extract_many  # the extractor loads its lexicons on use

        claims = extract_many(texts)
    return schema.validate(claims, schema.CLAIMS, "claims")


def build(
    paths: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    corrections: Path | None = None,
    progress: bool = False,
    workers: int = 0,
    scheduler: str | None = None,
) -> Tables:
    """Load articles from ``paths`` (default ``seeds/``), extract claims, apply corrections.

    ``corrections`` defaults to ``data/corrections.csv``; its problems (orphaned
    or stale corrections, broken rows) join the ingest report.
    """
    from newsclaims.corrections import apply_corrections

    load = read_articles(paths, manifest, progress=progress)
    claims = extract_all(load.articles, workers=workers, scheduler=scheduler)
    applied = apply_corrections(claims, load.articles, corrections)
    report = load.report
    for problem in applied.problems:
        report.add(
            str(problem["file"]),
            str(problem["problem"]),
            str(problem["action"]),
            str(problem["severity"]),
        )
    return Tables(load.articles, applied.claims, report.to_frame(), load.inputs)


#: Rows per Parquet part: a table longer than this is written as a folder of parts
#: (``claims.parquet/part-00000.parquet``, ...) that pandas, pyarrow and DuckDB read
#: as one dataset, so no reader ever needs a whole large table in one piece.
PART_ROWS = 250_000


def _clear(path: Path) -> None:
    import shutil

    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _swap(tmp: Path, final: Path) -> None:
    """Move ``tmp`` (a file or a folder of parts) to ``final``, replacing what is there."""
    old = final.with_name(final.name + ".old")
    _clear(old)
    if final.is_dir() or (tmp.is_dir() and final.exists()):
        final.replace(old)  # a folder cannot be replaced in one step: move the old one aside
    tmp.replace(final)
    _clear(old)


def _write_one(frame: pd.DataFrame, final: Path, part_rows: int) -> None:
    """Write ``frame`` beside ``final`` and swap it into place (a file, or a folder of parts)."""
    tmp = final.with_name(final.name + ".tmp")
    for leftover in (tmp, final.with_name(final.name + ".old")):  # from a crashed earlier run
        _clear(leftover)
    if len(frame) > part_rows:
        tmp.mkdir()
        for i, lo in enumerate(range(0, len(frame), part_rows)):
            frame.iloc[lo : lo + part_rows].to_parquet(tmp / f"part-{i:05d}.parquet", index=False)
    else:
        frame.to_parquet(tmp, index=False)
    _swap(tmp, final)


def write_tables(
    tables: Tables, out_dir: Path | None = None, part_rows: int = PART_ROWS
) -> dict[str, Path]:
    """Write each table to ``out_dir`` (default ``data/processed/``) as Parquet.

    Each table is written beside its final name and renamed into place, so a
    reader never sees half a table; a table of more than ``part_rows`` rows
    becomes a folder of parts under the same name.
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
        _write_one(frame, final, part_rows)
        written[name] = final
    return written


#: Inputs larger than this in all (bytes) are ingested in batches (:func:`ingest`).
STREAM_BYTES = 256 * 2**20
#: Articles per batch of a streamed ingest: about 0.3 GB of memory a batch in flight.
BATCH = 20_000


@dataclass
class Ingested:
    """What an ingest wrote: counts, the files, the ingest report, every input's fate."""

    articles: int
    outlets: int  # named outlets
    unknown_outlet: int  # articles whose outlet is unknown
    claims: int
    written: dict[str, Path]
    report: pd.DataFrame
    inputs: pd.DataFrame
    batches: int = 1  # 1: built in memory; more: streamed (:func:`stream`)
    batch: int | None = None  # articles per batch when streamed


def ingest(
    paths: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    corrections: Path | None = None,
    out_dir: Path | None = None,
    workers: int = 0,
    scheduler: str | None = None,
    batch: int | None = None,
    progress: bool = False,
) -> Ingested:
    """Build the processed tables and write them to ``out_dir`` (default ``data/processed/``).

    In memory (:func:`build`, :func:`write_tables`) when the inputs are at most
    :data:`STREAM_BYTES`; otherwise, or when ``batch`` (articles) is given,
    streamed in batches (:func:`stream`). Both write the same tables.
    """
    if batch is None and input_bytes(paths) <= STREAM_BYTES:
        tables = build(paths, manifest, corrections, progress, workers, scheduler)
        written = write_tables(tables, out_dir)
        outlet = tables.articles["outlet"]
        return Ingested(
            len(tables.articles), int(outlet.nunique()), int(outlet.isna().sum()),
            len(tables.claims), written, tables.report,
            tables.inputs if tables.inputs is not None else pd.DataFrame(),
        )  # fmt: skip
    return stream(
        paths, manifest, corrections, out_dir, workers, scheduler, batch or BATCH, progress
    )


def stream(
    paths: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    corrections: Path | None = None,
    out_dir: Path | None = None,
    workers: int = 0,
    scheduler: str | None = None,
    batch: int = BATCH,
    progress: bool = False,
) -> Ingested:
    """Ingest in batches of ``batch`` articles: memory is bounded by a batch, not the corpus.

    Each batch is read (:func:`newsclaims.articles.iter_articles`, which keeps
    the digest of every text so duplicates across batches are still merged),
    its claims extracted (on Dask with ``workers``/``scheduler``: while the
    workers extract one batch, this process reads the next), corrected
    (:class:`newsclaims.corrections.Replay`; corrections no batch held are
    reported orphaned at the end), and written as one Parquet part of
    ``articles.parquet/`` and of ``claims.parquet/``. The parts are written
    beside the tables and swapped in at the end, so readers see the old tables
    or the new, never half. The tables are those of :func:`build`, row for row
    once sorted the same way (a test compares them).
    """
    from contextlib import nullcontext

    from newsclaims import parallel
    from newsclaims.corrections import Replay

    out = out_dir or config.PROCESSED_DIR
    out.mkdir(parents=True, exist_ok=True)
    finals = {name: config.processed_path(name, out) for name in ("articles", "claims")}
    tmps = {name: final.with_name(final.name + ".tmp") for name, final in finals.items()}
    for name, tmp in tmps.items():
        _clear(tmp)
        _clear(finals[name].with_name(finals[name].name + ".old"))
        tmp.mkdir()
    replay = Replay(corrections)
    outlets: set[str] = set()
    counts = {"articles": 0, "unknown": 0, "claims": 0, "parts": 0}
    inputs: list[pd.DataFrame] = []
    report = Report()

    def write(articles: pd.DataFrame, claims: pd.DataFrame) -> None:
        claims = replay.apply(schema.validate(claims, schema.CLAIMS, "claims"), articles)
        name = f"part-{counts['parts']:05d}.parquet"
        articles.to_parquet(tmps["articles"] / name, index=False)
        claims.to_parquet(tmps["claims"] / name, index=False)
        outlets.update(articles["outlet"].dropna().unique())
        counts["articles"] += len(articles)
        counts["unknown"] += int(articles["outlet"].isna().sum())
        counts["claims"] += len(claims)
        counts["parts"] += 1

    client_block = (
        parallel.cluster(workers, scheduler) if workers or scheduler else nullcontext(None)
    )
    with client_block as client:
        pending: tuple[pd.DataFrame, list[Any]] | None = None
        for load in iter_articles(paths, manifest, progress=progress, batch=batch):
            report = load.report
            if not load.inputs.empty:
                inputs.append(load.inputs)
            articles = load.articles
            if articles.empty:
                continue
            texts = dict(zip(articles["article_id"], articles["text"], strict=True))
            if client is None:
                from newsclaims.extract import extract_many

                write(articles, extract_many(texts))
                continue
            futures = parallel.submit(client, texts)
            if pending is not None:  # the previous batch, extracted while this one was read
                write(pending[0], parallel.gather(client, pending[1]))
            pending = (articles, futures)
        if pending is not None and client is not None:
            write(pending[0], parallel.gather(client, pending[1]))
    if not counts["parts"]:
        write(schema.empty(schema.ARTICLES), schema.empty(schema.CLAIMS))
    _log, problems = replay.finish()
    for problem in problems:
        report.add(
            str(problem["file"]), str(problem["problem"]), str(problem["action"]),
            str(problem["severity"]),
        )  # fmt: skip
    written: dict[str, Path] = {}
    for name, final in finals.items():
        _swap(tmps[name], final)
        written[name] = final
    frame = report.to_frame()
    written["ingest_report"] = config.processed_path("ingest_report", out)
    _write_one(frame, written["ingest_report"], PART_ROWS)
    all_inputs = (
        pd.concat(inputs, ignore_index=True)
        if inputs
        else pd.DataFrame(columns=list(INPUT_COLUMNS))
    )
    return Ingested(
        counts["articles"], len(outlets), counts["unknown"], counts["claims"], written, frame,
        all_inputs, batches=counts["parts"], batch=batch,
    )  # fmt: skip


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
