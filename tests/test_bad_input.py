"""Bad input never crashes a load, is never dropped silently, and good articles still load."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclaims.articles import MAX_BYTES, decode, read_articles

from .conftest import SEEDS_DIR

GOOD = "000_f81ca7430252ce23"
MANIFEST_HEADER = "article_id,outlet,published,url,notes\n"


@dataclass(frozen=True)
class Case:
    """One kind of bad input: how to make it, and the report row it must produce."""

    make: Callable[[Path], None]  # writes files into the article folder / manifest
    file: str  # expected report 'file' (suffix match)
    problem: str  # expected substring of 'problem'
    action: str  # expected substring of 'action'
    loads: set[str]  # article ids that must load (besides the good seed)


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "articles" / name).write_bytes(data)

    return make


def _manifest(body: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "articles.csv").write_text(MANIFEST_HEADER + body, encoding="utf-8")

    return make


def _duplicate(folder: Path) -> None:
    shutil.copy(SEEDS_DIR / f"{GOOD}.txt", folder / "articles" / "zzz_copy.txt")


STORY = "Ukraine says 500 Russian troops were killed near Bakhmut on Tuesday.\n"

CASES = {
    "empty file": Case(_write("empty.txt", b""), "empty.txt", "empty file", "not loaded", set()),
    "white space only": Case(
        _write("blank.txt", b" \n\t\n"), "blank.txt", "only white space", "not loaded", set()
    ),
    "binary file": Case(
        _write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "photo.txt",
        "binary file",
        "not loaded",
        set(),
    ),
    "cp1252 text": Case(
        _write("cp1252.txt", "Kyiv’s “estimate”: 500 troops – killed.\n".encode("cp1252")),
        "cp1252.txt",
        "invalid UTF-8 at byte 4; decoded as cp1252",
        "loaded as cp1252",
        {"cp1252"},
    ),
    "latin-1 text": Case(
        # 0x81 is undefined in cp1252, so only Latin-1 decodes this
        _write("latin1.txt", "Zürich \x81 report: 500 troops.\n".encode("latin-1")),
        "latin1.txt",
        "decoded as latin-1",
        "loaded as latin-1",
        {"latin1"},
    ),
    "UTF-8 with BOM": Case(
        _write("bom.txt", b"\xef\xbb\xbf" + STORY.encode()),
        "bom.txt",
        "byte order mark removed",
        "loaded as utf-8-sig",
        {"bom"},
    ),
    "CRLF line endings": Case(
        _write("crlf.txt", STORY.replace("\n", "\r\n").encode() * 2),
        "crlf.txt",
        "CRLF",
        "loaded unchanged",
        {"crlf"},
    ),
    "duplicate article": Case(
        _duplicate, "zzz_copy.txt", f"duplicate: same text as {GOOD}", "merged", set()
    ),
    "huge file": Case(
        _write("huge.txt", b"troops " * (MAX_BYTES // 7 + 10)),
        "huge.txt",
        "MiB, over the 5 MiB",
        "not loaded",
        set(),
    ),
    "unsupported file kind": Case(
        _write("notes.docx", b"PK\x03\x04"), "notes.docx", "not an article file", "skipped", set()
    ),
    "manifest row for a missing file": Case(
        _manifest(f"{GOOD},UnitedVoice,,,\nghost_article,Ghost News,2022-08-01,,\n"),
        "articles.csv",
        "manifest row for 'ghost_article', but no such article",
        "row not used",
        set(),
    ),
    "manifest invalid date": Case(
        _manifest(f"{GOOD},,2022-13-45,,\n"),
        "articles.csv:2",
        "invalid date '2022-13-45'",
        "date ignored",
        set(),
    ),
    "manifest date in words": Case(
        _manifest(f"{GOOD},,August 2022,,\n"),
        "articles.csv:2",
        "use YYYY-MM-DD, YYYY-MM or YYYY",
        "date ignored",
        set(),
    ),
    "manifest date in the future": Case(
        _manifest(f"{GOOD},,2999-01-01,,\n"),
        "articles.csv:2",
        "is in the future",
        "date ignored",
        set(),
    ),
    "manifest unknown column": Case(
        lambda folder: (folder / "articles.csv").write_text(
            f"article_id,outlet,publisher_date\n{GOOD},UnitedVoice,2022\n"
        ),
        "articles.csv",
        "unknown manifest column 'publisher_date'",
        "column ignored",
        set(),
    ),
    "manifest duplicate row": Case(
        _manifest(f"{GOOD},UnitedVoice,,,\n{GOOD},Other,,,\n"),
        "articles.csv:3",
        f"second row for '{GOOD}'",
        "first row kept",
        set(),
    ),
    "manifest without article_id": Case(
        lambda folder: (folder / "articles.csv").write_text("id,outlet\nx,y\n"),
        "articles.csv",
        "no article_id column",
        "manifest ignored",
        set(),
    ),
    "missing input path": Case(
        lambda folder: None, "does_not_exist", "no such file or folder", "skipped", set()
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_bad_input_is_reported_and_good_articles_load(tmp_path: Path, case: Case) -> None:
    folder = tmp_path
    (folder / "articles").mkdir()
    shutil.copy(SEEDS_DIR / f"{GOOD}.txt", folder / "articles")
    case.make(folder)
    load = read_articles(
        [folder / "articles", folder / "does_not_exist"]
        if case.file == "does_not_exist"
        else [folder / "articles"],
        folder / "articles.csv",
    )
    rows = [r for r in load.report.rows if str(r["file"]).endswith(case.file)]
    assert any(
        case.problem in str(r["problem"]) and case.action in str(r["action"]) for r in rows
    ), load.report.format()
    loaded = set(load.articles["article_id"])
    assert loaded == {GOOD} | case.loads
    good = load.articles.set_index("article_id").loc[GOOD]
    assert good["text"] == (SEEDS_DIR / f"{GOOD}.txt").read_text(encoding="utf-8")


def test_every_input_is_accounted_for(tmp_path: Path) -> None:
    """All the bad inputs at once: each file is either loaded or named in the report."""
    folder = tmp_path
    (folder / "articles").mkdir()
    shutil.copy(SEEDS_DIR / f"{GOOD}.txt", folder / "articles")
    for case in CASES.values():
        if "manifest" not in case.file and case.file != "does_not_exist":
            case.make(folder)
    load = read_articles([folder / "articles"], folder / "articles.csv")
    loaded = set(load.articles["article_id"])
    reported = {Path(str(r["file"])).name for r in load.report.rows}
    for path in (folder / "articles").iterdir():
        assert path.stem in loaded or path.name in reported, path.name
    assert loaded == {GOOD, "cp1252", "latin1", "bom", "crlf"}


def test_decoded_text_keeps_typographic_characters() -> None:
    text, encoding, notes = decode("“100,000” – troops’".encode("cp1252"))
    assert (text, encoding) == ("“100,000” – troops’", "cp1252")
    assert notes == ["invalid UTF-8 at byte 0; decoded as cp1252"]


def test_crlf_text_is_kept_unchanged(tmp_path: Path) -> None:
    raw = b"Title\r\n\r\nAbout 500 troops.\r\n"
    (tmp_path / "a.txt").write_bytes(raw)
    load = read_articles([tmp_path], tmp_path / "none.csv")
    assert load.articles.iloc[0]["text"] == raw.decode()
    assert load.articles.iloc[0]["title"] == "Title"


@pytest.mark.parametrize(
    "text",
    [
        "About 10,000 North\nKorean troops were sent to Russia, officials said.",
        "Pyongyang sent 10,000 troops, North  Korea said.",
        "North\tKorea sent 10,000 troops to Russia.",
    ],
)
def test_a_party_name_broken_by_a_line_or_extra_spaces_is_still_that_party(text: str) -> None:
    """Hard-wrapped articles part names across lines; extraction raised KeyError there."""
    from newsclaims.extract import extract_claims

    got = extract_claims(text)
    assert list(got["figure_text"].str.contains("10,000")) == [True]
    assert list(got["party"]) == ["North Korea"]
