"""Load article files and the manifest into the typed ``articles`` table.

Precedence for each metadata field: the manifest (``data/articles.csv``, edited
by data staff) > what the article's own text states > unknown. The
``*_basis`` columns say which, quoting the text where it was read from there.

Bad input never stops a load: each problem becomes a row of the ingest report
(:class:`newsclaims.report.Report`) and the good articles still load.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from newsclaims import config, metadata, schema, sources
from newsclaims.report import ERROR, INFO, WARNING, Report

#: Columns data staff may use in the manifest. ``title`` overrides the first line.
MANIFEST_COLUMNS = ("article_id", "outlet", "published", "url", "notes", "title")
#: Larger files are not articles (a data dump, a video saved with the wrong name).
MAX_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = sources.SUPPORTED

_MANIFEST_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class ManifestEntry:
    """One manifest row after validation; ``None`` where the row is silent or invalid."""

    article_id: str
    outlet: str | None = None
    published: date | None = None
    published_precision: str | None = None
    url: str | None = None
    notes: str | None = None
    title: str | None = None


INPUT_COLUMNS = ("file", "status", "articles", "detail")


@dataclass
class ArticleLoad:
    """The result of a load: the ``articles`` table, the ingest report, every input's fate."""

    articles: pd.DataFrame
    report: Report
    inputs: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(INPUT_COLUMNS)))


# ------------------------------------------------------------------ reading
def decode(raw: bytes) -> tuple[str, str, list[str]]:
    """Decode article bytes; return ``(text, encoding, notes)``.

    UTF-8 first (what the web serves). A byte order mark is removed, so that
    offsets count characters of the article, not of the mark. Otherwise
    Windows-1252, which is what browsers use for text labelled Latin-1 (it
    differs only in 0x80-0x9F, where it has the curly quotes and dashes that
    news copy is full of); Latin-1 last, which decodes any byte.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"),):
        if raw.startswith(bom):
            return raw.decode(codec), codec, ["UTF-8 byte order mark removed"]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16"), "utf-16", ["decoded as UTF-16 (byte order mark)"]
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        where = f"invalid UTF-8 at byte {exc.start}"
    for codec in ("cp1252", "latin-1"):
        try:
            return raw.decode(codec), codec, [f"{where}; decoded as {codec}"]
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def looks_binary(raw: bytes) -> bool:
    """True when bytes are not text: a NUL byte, or many control characters."""
    head = raw[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def title_of(text: str) -> str | None:
    """Return the article's first non-empty line, stripped, as its title."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def expand_inputs(paths: Iterable[str | Path], report: Report) -> list[Path]:
    """Turn files and folders into a sorted list of article files; report what is skipped."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith("."):
                    continue
                if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
                    files.append(child)
                elif child.is_file():
                    report.add(
                        child,
                        f"not an article file (supported: {', '.join(ARTICLE_SUFFIXES)})",
                        "skipped",
                        WARNING,
                    )
        elif path.is_file():
            files.append(path)
        else:
            report.add(path, "no such file or folder", "skipped", ERROR)
    return files


def _display_path(path: Path) -> str:
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(config.PROJECT_ROOT))
    except ValueError:
        return str(resolved)


# ----------------------------------------------------------------- manifest
def parse_manifest_date(value: str) -> tuple[date, str]:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; return ``(first day, precision)``.

    Raises ``ValueError`` with a message a data editor can act on.
    """
    match = _MANIFEST_DATE.match(value.strip())
    if not match:
        raise ValueError(f"invalid date {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = match.groups()
    try:
        parsed = date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"invalid date {value!r} ({exc})") from None
    return parsed, "day" if day else "month" if month else "year"


def read_manifest(
    path: Path, report: Report, today: date | None = None
) -> dict[str, ManifestEntry]:
    """Read the manifest CSV into entries by article id; every bad row or cell is reported."""
    if not path.exists():
        report.add(path, "no manifest", "metadata from the articles' text only", INFO)
        return {}
    try:
        raw = path.read_bytes()
        text, _, _ = decode(raw)
        rows = list(csv.reader(io.StringIO(text)))
    except (OSError, csv.Error) as exc:
        report.add(path, f"manifest unreadable: {exc}", "manifest ignored", ERROR)
        return {}
    if not rows:
        return {}
    header = [h.strip() for h in rows[0]]
    if "article_id" not in header:
        report.add(path, "manifest has no article_id column", "manifest ignored", ERROR)
        return {}
    for col in header:
        if col not in MANIFEST_COLUMNS:
            report.add(
                path,
                f"unknown manifest column {col!r} (known: {', '.join(MANIFEST_COLUMNS)})",
                "column ignored",
                WARNING,
            )
    today = today or date.today()
    entries: dict[str, ManifestEntry] = {}
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}:{line_no}"
        if len(row) != len(header):
            report.add(
                where,
                f"row has {len(row)} cells, header has {len(header)}",
                "row used as far as it goes" if len(row) < len(header) else "extra cells ignored",
                WARNING,
            )
        cells = {
            h: row[i].strip()
            for i, h in enumerate(header)
            if i < len(row) and h in MANIFEST_COLUMNS
        }
        article_id = cells.get("article_id", "")
        if not article_id:
            report.add(where, "row has no article_id", "row ignored", ERROR)
            continue
        if article_id in entries:
            report.add(where, f"second row for {article_id!r}", "first row kept", ERROR)
            continue
        published = precision = None
        if cells.get("published"):
            try:
                published, precision = parse_manifest_date(cells["published"])
                if published > today:
                    raise ValueError(f"date {cells['published']!r} is in the future")
            except ValueError as exc:
                report.add(where, str(exc), "date ignored; taken from the text if it says", ERROR)
                published = precision = None
        entries[article_id] = ManifestEntry(
            article_id=article_id,
            outlet=cells.get("outlet") or None,
            published=published,
            published_precision=precision,
            url=cells.get("url") or None,
            notes=cells.get("notes") or None,
            title=cells.get("title") or None,
        )
    return entries


# -------------------------------------------------------------------- load
def _given_date(
    value: Any, basis: str, file: str, report: Report, today: date
) -> tuple[date, str] | None:
    try:
        parsed, precision = parse_manifest_date(sources.as_date_text(value))
        if parsed > today:
            raise ValueError(f"date {value!r} is in the future")
    except ValueError as exc:
        report.add(file, f"{basis}: {exc}", "date ignored; taken from the text if it says", ERROR)
        return None
    return parsed, precision


def _metadata_row(
    doc: sources.Document, entry: ManifestEntry, report: Report, today: date
) -> dict[str, object]:
    """Rank the metadata: manifest > front matter / CSV / page metadata > the text > unknown."""
    text, file, given = doc.text, doc.path, doc.given
    row: dict[str, object] = {
        "article_id": doc.article_id,
        "notes": entry.notes or (given["notes"][0] if "notes" in given else None),
    }
    row["title"] = entry.title or (str(given["title"][0]).strip() if "title" in given else None)
    row["title"] = row["title"] or title_of(text)

    stated_outlet = metadata.infer_outlet(text)
    if entry.outlet:
        row["outlet"], row["outlet_basis"] = entry.outlet, "manifest"
        if stated_outlet and str(stated_outlet.value).lower() not in entry.outlet.lower():
            report.add(
                file,
                f"manifest outlet {entry.outlet!r} but the text says {stated_outlet.value!r} "
                f"({stated_outlet.evidence})",
                "manifest value kept; check it",
                WARNING,
            )
    elif "outlet" in given:
        value, basis = given["outlet"]
        row["outlet"], row["outlet_basis"] = metadata.outlet_name(str(value)), basis
    elif stated_outlet:
        row["outlet"], row["outlet_basis"] = stated_outlet.value, stated_outlet.evidence
    else:
        row["outlet"], row["outlet_basis"] = None, "unknown: not in the manifest, not in the text"

    published: date | None = None
    precision: str | None = None
    if entry.published:
        published, precision, basis = entry.published, entry.published_precision, "manifest"
    elif "published" in given and (
        found_given := _given_date(*given["published"], file, report, today)
    ):
        (published, precision), basis = found_given, given["published"][1]
    elif found := metadata.infer_published(text):
        assert isinstance(found.value, date)
        published, precision, basis = found.value, found.precision, found.evidence
    else:
        basis = "unknown: not in the manifest, not in the text"
    if published and precision:
        allowed = metadata.earliest_allowed(text)
        if allowed and metadata.period_end(published, precision) < allowed[0]:
            report.add(
                file,
                f"published {published.isoformat()} ({precision}) is earlier than "
                f'"{allowed[1]}", which the text mentions',
                f"kept ({basis.split(':')[0]}); check the date",
                WARNING,
            )
    row["published"] = pd.Timestamp(published) if published else pd.NaT
    row["published_precision"], row["published_basis"] = precision, basis

    if entry.url:
        row["url"], row["url_basis"] = entry.url, "manifest"
    elif "url" in given:
        row["url"], row["url_basis"] = str(given["url"][0]), given["url"][1]
    else:
        row["url"], row["url_basis"] = None, "unknown: not in the manifest"
    return row


def _documents(path: Path, shown: str, raw: bytes, report: Report) -> list[sources.Document]:
    """Read one input file into documents according to its kind."""
    suffix = path.suffix.lower()
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in sources.HTML_SUFFIXES:
        found = sources.read_html(raw, shown, report)
        if found is None:
            return []
        text, given = found
        return [sources.Document(path.stem, text, "html", shown, digest, "html", given)]
    text, encoding, notes = decode(raw)
    for note in notes:
        report.add(shown, note, f"loaded as {encoding}", WARNING)
    if suffix in sources.CSV_SUFFIXES:
        return sources.read_csv_rows(text, path, shown, report)
    if suffix in sources.MARKDOWN_SUFFIXES:
        body, meta = sources.read_markdown(path, shown, text, report)
        given = {k: (v, "front matter") for k, v in meta.items()}
        return [sources.Document(path.stem, body, encoding, shown, digest, "markdown", given)]
    if "\r\n" in text:
        report.add(
            shown,
            "Windows (CRLF) line endings",
            "loaded unchanged; character offsets count the \\r",
            INFO,
        )
    return [sources.Document(path.stem, text, encoding, shown, digest, "txt")]


def _stream_encoding(path: Path, shown: str, report: Report) -> str:
    """How to decode a large file read in pieces: :func:`decode`'s choice for the whole file.

    A first pass checks the bytes (UTF-8, else Windows-1252, else Latin-1) without
    holding them; the caller then reads the file a second time, decoding as it goes.
    """
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        report.add(shown, "UTF-8 byte order mark removed", "loaded as utf-8-sig", WARNING)
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        note = "decoded as UTF-16 (byte order mark)"
        report.add(shown, note, "loaded as utf-16", WARNING)
        return "utf-16"
    where = ""
    for codec in ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(codec)()
        done = 0
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(STREAM_CHUNK):
                    decoder.decode(chunk)
                    done += len(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            where = where or f"invalid UTF-8 at byte {done + exc.start}"
            continue
        if codec != "utf-8":
            report.add(shown, f"{where}; decoded as {codec}", f"loaded as {codec}", WARNING)
        return codec
    report.add(shown, f"{where}; decoded as latin-1", "loaded as latin-1", WARNING)
    return "latin-1"


#: Bytes read at a time when a large CSV is checked and streamed.
STREAM_CHUNK = 16 * 2**20


def _file_documents(path: Path, shown: str, report: Report) -> Iterator[sources.Document]:
    """The documents of one input file; each reason a file gives none is reported.

    A CSV larger than :data:`MAX_BYTES` (many articles, one a row) is read in
    pieces, row by row, so a corpus of a million rows never sits in memory whole.
    """
    before = len(report)
    found = 0
    try:
        size = path.stat().st_size
        if path.suffix.lower() in sources.CSV_SUFFIXES and size > MAX_BYTES:
            with path.open("rb") as handle:
                head = handle.read(8192)
            if looks_binary(head):
                report.add(shown, "binary file, not text", "not loaded")
                return
            encoding = _stream_encoding(path, shown, report)
            for doc in sources.stream_csv_rows(path, shown, report, encoding):
                found += 1
                yield doc
            if not found and len(report) == before:
                report.add(shown, "no article in the file (no rows, or no text)", "not loaded")
            return
        raw = path.read_bytes()
    except OSError as exc:
        report.add(shown, f"cannot read: {exc.strerror or exc}", "not loaded")
        return
    if not raw.strip():
        report.add(shown, "empty file" if not raw else "file has only white space", "not loaded")
    elif len(raw) > MAX_BYTES:
        report.add(
            shown,
            f"file is {len(raw) / 2**20:.1f} MiB, "
            f"over the {MAX_BYTES // 2**20} MiB an article may be",
            "not loaded",
        )
    elif looks_binary(raw):
        report.add(shown, "binary file, not text", "not loaded")
    else:
        documents = _documents(path, shown, raw, report)
        if not documents and len(report) == before:
            report.add(shown, "no article in the file (no rows, or no text)", "not loaded")
        yield from documents


def input_bytes(paths: Sequence[str | Path] | None = None) -> int:
    """Total size of the article files ``paths`` name (what :func:`read_articles` would read)."""
    default = [config.SEEDS_DIR] + ([config.INBOX_DIR] if config.INBOX_DIR.is_dir() else [])
    total = 0
    for path in expand_inputs(paths if paths is not None else default, Report()):
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def iter_articles(
    paths: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    today: date | None = None,
    progress: bool = False,
    batch: int | None = None,
) -> Iterator[ArticleLoad]:
    """Load articles in batches of ``batch`` (``None``: one batch of all of them).

    Each :class:`ArticleLoad` yielded holds that batch's ``articles`` and the
    ``inputs`` finished since the last batch; its ``report`` is the one report
    of the whole load, growing as it goes (complete in the last batch, which
    may hold no articles). Duplicates and reused article ids are found across
    batches: the load keeps every text's digest and every article id, not the
    texts.
    """
    report = Report()
    today = today or date.today()
    manifest_path = Path(manifest) if manifest else config.MANIFEST_PATH
    entries = read_manifest(manifest_path, report, today=today)
    default = [config.SEEDS_DIR] + ([config.INBOX_DIR] if config.INBOX_DIR.is_dir() else [])
    files = expand_inputs(paths if paths is not None else default, report)

    rows: list[dict[str, object]] = []
    inputs: list[dict[str, object]] = []
    by_text: dict[str, str] = {}
    by_id: dict[str, str] = {}
    from tqdm.auto import tqdm  # progress on long ingests, in a terminal or a notebook

    def cut() -> ArticleLoad:
        articles = schema.validate(
            schema.conform(rows, schema.ARTICLES), schema.ARTICLES, "articles"
        )
        done = pd.DataFrame(inputs, columns=list(INPUT_COLUMNS))
        rows.clear()
        inputs.clear()
        return ArticleLoad(articles, report, done)

    bar = tqdm(desc="articles", unit="article", disable=not progress)
    for path in files:
        shown = _display_path(path)
        before = len(report)
        loaded = merged = 0
        for doc in _file_documents(path, shown, report):
            if not doc.text.strip():
                report.add(doc.path, "no article text (only metadata)", "not loaded")
                continue
            key = sources.text_digest(doc.text)
            if key in by_text:
                report.add(
                    doc.path,
                    f"duplicate: same text as {by_text[key]}",
                    f"merged: loaded once, as {by_text[key]}",
                    WARNING,
                )
                merged += 1
                continue
            if doc.article_id in by_id:
                report.add(
                    doc.path,
                    f"article id {doc.article_id!r} already used by {by_id[doc.article_id]}",
                    "not loaded; rename the file (or the CSV row's article_id)",
                )
                continue
            by_text[key], by_id[doc.article_id] = doc.article_id, doc.path
            entry = entries.get(doc.article_id, ManifestEntry(doc.article_id))
            row = _metadata_row(doc, entry, report, today)
            row.update(
                text=doc.text,
                encoding=doc.encoding,
                word_count=len(doc.text.split()),
                path=doc.path,
                sha256=doc.sha256,
            )
            rows.append(row)
            loaded += 1
            bar.update()
            if batch and len(rows) >= batch:
                yield cut()
        status = "loaded" if loaded else "merged as duplicate" if merged else "rejected"
        problems = [str(r["problem"]) for r in report.rows[before:]]
        inputs.append(
            {"file": shown, "status": status, "articles": loaded, "detail": "; ".join(problems)}
        )
    bar.close()

    for article_id in entries.keys() - by_id.keys():
        report.add(
            manifest_path,
            f"manifest row for {article_id!r}, but no such article among the inputs",
            "row not used",
            WARNING,
        )
    yield cut()


def read_articles(
    paths: Sequence[str | Path] | None = None,
    manifest: str | Path | None = None,
    today: date | None = None,
    progress: bool = False,
) -> ArticleLoad:
    """Load article files (or folders of them) with the manifest; return table and report.

    ``paths`` defaults to the project's ``seeds/`` folder and the drop folder
    ``data/articles/``; ``manifest`` to ``data/articles.csv``. Every input file
    is accounted for in :attr:`ArticleLoad.inputs` (loaded, merged as a
    duplicate, or rejected with the reason). :func:`iter_articles` loads the
    same in batches.
    """
    (load,) = iter_articles(paths, manifest, today, progress)
    return load


def load_articles(
    paths: Sequence[str | Path] | None = None, manifest: str | Path | None = None
) -> pd.DataFrame:
    """Return the ``articles`` table for ``paths`` (default: ``seeds/``).

    Use :func:`read_articles` to get the ingest report as well.
    """
    return read_articles(paths, manifest).articles
