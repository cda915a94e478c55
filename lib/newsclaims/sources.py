"""Readers for each kind of input file: one file in, zero or more documents out.

=================  ==========================================================
kind               what is read
=================  ==========================================================
``.txt``           the text as decoded; metadata from the manifest or the text
``.md``            Markdown or text with a YAML front-matter block (``---``):
                   outlet, published, url, title, notes; the text is the body
                   after the block
``.html``/``.htm`` a saved web page: text, title, date, site name and
                   canonical URL by trafilatura, the extraction library news
                   researchers use (it strips menus, adverts and comments)
``.csv``           one article per row: ``text`` required; ``article_id``,
                   ``title``, ``outlet``, ``published``, ``url``, ``notes``
                   optional
=================  ==========================================================

Each :class:`Document` carries the metadata its input states (``given``),
each value with its basis (``front matter``, ``page metadata``, ``csv
column``). :mod:`newsclaims.articles` ranks them: manifest, then front matter
or CSV columns, then page metadata, then what the text says.

Character offsets of claims index :attr:`Document.text`: for ``.txt`` that is
the file as decoded; for the other kinds, the article text the reader took out.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from newsclaims.report import ERROR, WARNING, Report

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
CSV_SUFFIXES = (".csv",)
SUPPORTED = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + CSV_SUFFIXES
FRONT_MATTER_KEYS = ("outlet", "published", "url", "title", "notes")
#: Fewer words than this in a saved page's extracted text: no article (a menu, an error page).
MIN_HTML_WORDS = 15
CSV_COLUMNS = ("article_id", "text", "title", "outlet", "published", "url", "notes")


@dataclass
class Document:
    """One article as read from an input, before its metadata is ranked."""

    article_id: str
    text: str
    encoding: str
    path: str  # as shown to people; "file.csv#row=3" for a CSV row
    sha256: str  # of the bytes as received (the row's text, for CSV)
    kind: str  # txt | markdown | html | csv
    given: dict[str, tuple[Any, str]] = field(default_factory=dict)  # field -> (value, basis)


def text_digest(text: str) -> str:
    """The duplicate key of a text: sha256 of its words, white space folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def as_date_text(value: Any) -> str:
    """A front-matter or page date as ``YYYY-MM-DD``/``YYYY-MM``/``YYYY`` text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    # "2024-10-18T09:30:00+09:00" and "2024-10-18 09:30" keep their day
    return text[:10] if len(text) > 10 and text[10] in "T " else text


def read_markdown(path: Path, shown: str, text: str, report: Report) -> tuple[str, dict[str, Any]]:
    """Split a YAML front-matter block from the body; return ``(body, metadata)``.

    A file without a block is all body. A block that does not parse, or is not
    a mapping, is reported and the body is still loaded, without metadata.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return text, {}
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if closing is None:
        report.add(
            shown, "front matter opened with --- but never closed", "loaded as plain text", WARNING
        )
        return text, {}
    block = "".join(lines[1:closing])
    body = "".join(lines[closing + 1 :]).lstrip("\r\n")
    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        report.add(shown, f"bad front matter{where}: {getattr(exc, 'problem', exc)}",
                   "body loaded without its metadata", ERROR)  # fmt: skip
        return body, {}
    if not isinstance(meta, dict):
        report.add(shown, f"front matter is a {type(meta).__name__}, not key: value pairs",
                   "body loaded without its metadata", ERROR)  # fmt: skip
        return body, {}
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            known = ", ".join(FRONT_MATTER_KEYS)
            report.add(
                shown, f"unknown front matter key {key!r} (known: {known})", "key ignored", WARNING
            )
    return body, {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS and v not in (None, "")}


def read_html(
    raw: bytes, shown: str, report: Report
) -> tuple[str, dict[str, tuple[Any, str]]] | None:
    """Extract a saved page's article text and metadata; ``None`` when it has no text."""
    import trafilatura  # imported on use: loading it costs a second

    try:
        doc = trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # a third-party parser on hostile input: any failure is a report row
        report.add(shown, f"HTML could not be parsed ({type(exc).__name__}: {exc})", "not loaded")
        return None
    found = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (found.get("text") or "").strip()
    words = len(text.split())
    if words < MIN_HTML_WORDS:
        # trafilatura falls back to any text on the page: a menu is not an article
        found_words = f" (only {words} word{'s' * (words != 1)} found)" if words else ""
        report.add(shown, f"HTML page with no article text{found_words}", "not loaded")
        return None
    given: dict[str, tuple[Any, str]] = {}
    for key, name in (
        ("title", "title"),
        ("sitename", "outlet"),
        ("date", "published"),
        ("url", "url"),
    ):
        value = found.get(key)
        if value:
            given[name] = (value, f"page metadata ({key})")
    return text, given


def _csv_header(header: list[str], shown: str, report: Report) -> bool:
    """Check a CSV's header; report what is wrong. False when it has no ``text`` column."""
    if "text" not in header:
        report.add(shown, f"CSV has no 'text' column (columns: {', '.join(header) or 'none'})",
                   "not loaded; see README, adding articles")  # fmt: skip
        return False
    for col in header:
        if col not in CSV_COLUMNS:
            report.add(shown, f"unknown CSV column {col!r}", "column ignored", WARNING)
    return True


def _csv_document(
    row: dict[str | Any, Any], n: int, path: Path, shown: str, report: Report
) -> Document | None:
    """The document of CSV row ``n`` (1 = first after the header); ``None`` with no text."""
    cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
    where = f"{shown}#row={n}"
    if None in row:
        report.add(where, "row has more cells than the header", "extra cells ignored", WARNING)
    body = row.get("text") or ""
    if not body.strip():
        report.add(where, "row has no text", "row not loaded")
        return None
    article_id = cells.get("article_id") or f"{path.stem}-{n:04d}"
    given = {
        key: (cells[key], "csv column")
        for key in ("title", "outlet", "published", "url", "notes")
        if cells.get(key)
    }
    return Document(article_id, body, "utf-8", where,
                    hashlib.sha256(body.encode("utf-8")).hexdigest(), "csv", given)  # fmt: skip


def read_csv_rows(text: str, path: Path, shown: str, report: Report) -> list[Document]:
    """One document per CSV row with a non-empty ``text`` cell; bad rows reported."""
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        report.add(shown, f"CSV unreadable: {exc}", "not loaded")
        return []
    if not _csv_header(header, shown, report):
        return []
    try:
        rows = list(reader)
    except csv.Error as exc:
        report.add(shown, f"CSV unreadable: {exc}", "not loaded")
        return []
    docs = [_csv_document(row, n, path, shown, report) for n, row in enumerate(rows, start=1)]
    return [doc for doc in docs if doc is not None]


def stream_csv_rows(path: Path, shown: str, report: Report, encoding: str) -> Iterator[Document]:
    """The documents of a large CSV, read row by row as they are used.

    Unlike :func:`read_csv_rows`, a row the CSV parser cannot read ends the file
    with the rows before it loaded (they have been handed on already), and the
    report says from which row on nothing was read.
    """
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            header = [h.strip() for h in (reader.fieldnames or [])]
        except csv.Error as exc:
            report.add(shown, f"CSV unreadable: {exc}", "not loaded")
            return
        if not _csv_header(header, shown, report):
            return
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                report.add(
                    f"{shown}#row={n + 1}", f"CSV unreadable from this row on: {exc}",
                    f"the {n} rows before it loaded; the rest not loaded",
                )  # fmt: skip
                return
            n += 1
            doc = _csv_document(row, n, path, shown, report)
            if doc is not None:
                yield doc
