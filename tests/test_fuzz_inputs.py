"""Fuzzing the input parsers: on any bytes, no exception escapes and every file is accounted for."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsclaims.articles import decode, parse_manifest_date, read_articles, read_manifest
from newsclaims.report import Report
from newsclaims.sources import read_csv_rows, read_markdown
from tests.fuzzing import fuzz

# Cases per test: 300 in CI, thousands under `make fuzz` (tests/fuzzing.py).
FUZZ = fuzz
# Text made of the characters that break parsers: separators, quotes, YAML syntax, newlines.
tricky = st.text(
    alphabet=st.sampled_from(list("ab1-:,\"'\n\r\t ---{}[]#&*!|>%@`\\\x00\u2019\u00e9"))
    | st.characters(exclude_categories=("Cs",)),  # surrogates cannot be written as UTF-8
    max_size=300,
)


@FUZZ
@given(st.binary(max_size=400))
def test_decode_never_raises_and_round_trips_utf8(raw: bytes) -> None:
    text, encoding, notes = decode(raw)
    assert isinstance(text, str)
    if encoding == "utf-8":
        assert text.encode("utf-8") == raw and notes == []


@FUZZ
@given(st.text(max_size=30))
def test_manifest_dates_parse_or_say_why(value: str) -> None:
    try:
        day, precision = parse_manifest_date(value)
    except ValueError as exc:
        assert "invalid date" in str(exc)
    else:
        assert precision in ("day", "month", "year")
        assert day.year == int(value.strip()[:4])


@FUZZ
@given(tricky)
def test_manifest_never_raises_and_reports_what_it_drops(body: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.csv"
        path.write_text("article_id,outlet,published,url,notes\n" + body, encoding="utf-8")
        report = Report()
        entries = read_manifest(path, report)
        for article_id, entry in entries.items():
            assert article_id and entry.article_id == article_id
            assert (entry.published is None) == (entry.published_precision is None)


@FUZZ
@given(tricky, tricky)
def test_front_matter_never_raises(block: str, body: str) -> None:
    report = Report()
    text = f"---\n{block}\n---\n{body}"
    out, meta = read_markdown(Path("x.md"), "x.md", text, report)
    assert isinstance(out, str) and isinstance(meta, dict)
    assert set(meta) <= {"outlet", "published", "url", "title", "notes"}
    assert out in text or out == text.lstrip("\r\n")


@FUZZ
@given(tricky)
def test_csv_rows_never_raise(body: str) -> None:
    report = Report()
    docs = read_csv_rows("article_id,text\n" + body, Path("b.csv"), "b.csv", report)
    ids = [d.article_id for d in docs]
    assert all(d.text.strip() for d in docs)
    assert len(ids) == len(docs)


@settings(max_examples=60, deadline=None)
@example([(".csv", b"article_id,text\n")])  # a header and no rows
@example([(".md", b"---\noutlet: X\n---\n\n")])  # front matter and no body
@example([(".csv", b'text\n"   "\n')])  # one row, blank text
@given(
    st.lists(
        st.tuples(st.sampled_from([".txt", ".md", ".csv", ".html"]), st.binary(max_size=300)),
        min_size=1,
        max_size=4,
    )
)
def test_any_folder_of_files_loads_without_raising_and_accounts_for_each(
    files: list[tuple[str, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, (suffix, data) in enumerate(files):
            (folder / f"f{i}{suffix}").write_bytes(data)
        load = read_articles([folder], Path(tmp) / "none.csv")
        assert len(load.inputs) == len(files)
        assert set(load.inputs["status"]) <= {"loaded", "rejected", "merged as duplicate"}
        rejected = load.inputs[load.inputs["status"] == "rejected"]
        assert all(detail for detail in rejected["detail"])  # a rejection always says why
        assert load.articles["article_id"].is_unique
