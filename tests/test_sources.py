"""Each kind of input, the precedence of its metadata, and `newsclaims add`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from newsclaims.articles import read_articles

STORY = "About 1,500 North Korean troops have been sent to Russia, Seoul's spy agency said.\n"

MARKDOWN = f"""---
outlet: Korea Watch
published: 2024-10-18
url: https://example.org/kw/1500
title: Seoul says 1,500 troops sent
---
{STORY}"""

PAGE = b"""<!doctype html><html><head><title>Seoul: 1,500 troops sent | The Korea Herald</title>
<meta property="og:site_name" content="The Korea Herald">
<meta property="article:published_time" content="2024-10-18T09:30:00+09:00">
<link rel="canonical" href="https://www.koreaherald.example/view/1"></head>
<body><nav>Home | World | Sport</nav><article><h1>Seoul says 1,500 troops sent to Russia</h1>
<p>About 1,500 North Korean special forces troops have been sent to Russia, South Korea's spy
agency said on Friday, and a further 10,000 could follow by December.</p>
<p>The agency said the troops were being trained in the far east of Russia.</p></article>
<footer>Subscribe | Contact</footer></body></html>"""

CSV = (
    "article_id,title,outlet,published,url,text\n"
    'wire-1,Troops sent,Wire One,2024-10,https://w1.example/1,"Some 12,000 soldiers were sent, '
    'officials said."\n'
    ',Second story,Wire Two,2024,,"Ukraine said 300 Russian troops were killed overnight."\n'
)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def load(folder: Path, manifest: str | None = None):  # type: ignore[no-untyped-def]
    manifest_path = folder / "manifest.csv"
    if manifest is not None:
        manifest_path.write_text(manifest)
    return read_articles([folder / "in"], manifest_path)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    return tmp_path


def test_markdown_front_matter_gives_metadata_and_the_body_is_the_text(inbox: Path) -> None:
    write(inbox / "in", "kw.md", MARKDOWN)
    row = load(inbox).articles.iloc[0]
    assert row["text"] == STORY
    assert (row["outlet"], row["outlet_basis"]) == ("Korea Watch", "front matter")
    assert (row["published"], row["published_precision"]) == (pd.Timestamp("2024-10-18"), "day")
    assert (row["title"], row["url_basis"]) == ("Seoul says 1,500 troops sent", "front matter")


def test_saved_web_page_gives_text_title_date_and_site(inbox: Path) -> None:
    write(inbox / "in", "herald.html", PAGE)
    load_ = load(inbox)
    row = load_.articles.iloc[0]
    assert "About 1,500 North Korean special forces troops" in row["text"]
    assert "Subscribe" not in row["text"] and "Home | World" not in row["text"]
    assert (row["outlet"], row["outlet_basis"]) == ("The Korea Herald", "page metadata (sitename)")
    assert row["published"] == pd.Timestamp("2024-10-18")
    assert row["published_basis"] == "page metadata (date)"
    assert row["url"] == "https://www.koreaherald.example/view/1"
    assert row["encoding"] == "html"


def test_csv_gives_one_article_per_row(inbox: Path) -> None:
    write(inbox / "in", "batch.csv", CSV)
    articles = load(inbox).articles.set_index("article_id")
    assert list(articles.index) == ["wire-1", "batch-0002"]
    assert articles.loc["wire-1", "outlet_basis"] == "csv column"
    assert articles.loc["wire-1", "published_precision"] == "month"
    assert articles.loc["batch-0002", "published_precision"] == "year"
    assert articles.loc["batch-0002", "path"].endswith("batch.csv#row=2")


def test_manifest_wins_over_front_matter_which_wins_over_the_text(inbox: Path) -> None:
    write(inbox / "in", "kw.md", MARKDOWN.replace(STORY, "(Other Wire) – " + STORY))
    # the text names "Other Wire"; front matter says Korea Watch; the manifest overrides the date
    articles = load(inbox, "article_id,published\nkw,2024-11\n").articles
    row = articles.iloc[0]
    assert (row["outlet"], row["outlet_basis"]) == ("Korea Watch", "front matter")
    assert (row["published"], row["published_basis"]) == (pd.Timestamp("2024-11-01"), "manifest")


def test_page_metadata_wins_over_inference_from_text(inbox: Path) -> None:
    page = PAGE.replace(b"<footer>", b"<p>Copyright 2019, OldName.com</p><footer>")
    write(inbox / "in", "herald.html", page)
    row = load(inbox).articles.iloc[0]
    assert row["outlet"] == "The Korea Herald"


def test_the_text_is_used_when_nothing_else_says(inbox: Path) -> None:
    write(
        inbox / "in", "plain.md", "(KyivPost.com) – " + STORY + "\nCopyright 2023, KyivPost.com\n"
    )
    row = load(inbox).articles.iloc[0]
    assert row["outlet"] == "KyivPost"
    assert row["outlet_basis"].startswith("stated in text")


BAD = {
    "front matter does not parse": ("bad.md", "---\noutlet: [unclosed\n---\n" + STORY,
                                    "bad front matter", "body loaded without its metadata", 1),
    "front matter is a list": ("list.md", "---\n- a\n- b\n---\n" + STORY,
                               "front matter is a list", "body loaded without its metadata", 1),
    "front matter never closed": ("open.md", "---\noutlet: X\n" + STORY,
                                  "never closed", "loaded as plain text", 1),
    "front matter unknown key": ("key.md", "---\nauthor: Jo\n---\n" + STORY,
                                 "unknown front matter key 'author'", "key ignored", 1),
    "front matter date in the future": ("future.md", "---\npublished: 2999-01-01\n---\n" + STORY,
                                        "is in the future", "date ignored", 1),
    "front matter invalid date": ("baddate.md", "---\npublished: last Tuesday\n---\n" + STORY,
                                  "invalid date 'last Tuesday'", "date ignored", 1),
    "HTML with no text": ("empty.html", "<html><body><nav>Home</nav></body></html>",
                          "HTML page with no article text", "not loaded", 0),
    "CSV without a text column": ("notext.csv", "title,outlet\nA,B\n",
                                  "CSV has no 'text' column", "not loaded", 0),
    "CSV row without text": ("gap.csv", 'title,text\nA,""\nB,"' + STORY.strip() + '"\n',
                             "row has no text", "row not loaded", 1),
    "CSV duplicate article ids": ("dup.csv", 'article_id,text\nx,"' + STORY.strip() + '"\nx,"Other '
                                  'story: 300 troops killed."\n', "article id 'x' already used",
                                  "not loaded", 1),
    "CSV unknown column": ("extra.csv", 'text,mood\n"' + STORY.strip() + '",grim\n',
                           "unknown CSV column 'mood'", "column ignored", 1),
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "data", "problem", "action", "loads"), BAD.values(), ids=list(BAD)
)
def test_bad_inputs_of_each_kind_are_reported(
    inbox: Path, name: str, data: str, problem: str, action: str, loads: int
) -> None:
    write(inbox / "in", name, data)
    write(inbox / "in", "good.txt", "Kyiv said 40 Russian tanks were destroyed on Monday.\n")
    result = load(inbox)
    assert any(
        problem in str(r["problem"]) and action in str(r["action"]) for r in result.report.rows
    ), result.report.format()
    assert len(result.articles) == loads + 1
    assert "good" in set(result.articles["article_id"])
    fates = result.inputs.set_index("file")
    assert len(fates) == 2
    assert fates["status"].str.fullmatch("loaded|rejected|merged as duplicate").all()


def test_the_same_text_in_two_kinds_is_merged_once(inbox: Path) -> None:
    write(inbox / "in", "a.txt", STORY)
    write(inbox / "in", "b.md", "---\noutlet: X\n---\n" + STORY.replace(" ", "  "))
    result = load(inbox)
    assert list(result.articles["article_id"]) == ["a"]
    names = result.inputs["file"].map(lambda f: Path(f).name)
    fates = dict(zip(names, result.inputs["status"], strict=True))
    assert fates == {"a.txt": "loaded", "b.md": "merged as duplicate"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsclaims.cli", *args],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_add_copies_the_raw_input_and_says_what_it_will_load(tmp_path: Path) -> None:
    source = write(tmp_path, "herald.html", PAGE)
    inbox = tmp_path / "inbox"
    done = _cli("add", str(source), "--inbox", str(inbox), "--manifest", str(tmp_path / "m.csv"))
    assert done.returncode == 0, done.stderr
    assert (inbox / "herald.html").read_bytes() == PAGE  # kept as received
    assert "added as" in done.stdout
    assert "The Korea Herald (page metadata (sitename))" in done.stdout
    again = _cli("add", str(source), "--inbox", str(inbox))
    assert "already added" in again.stdout
    clash = write(tmp_path / "inbox", "x.txt", "old")
    other = write(tmp_path, "x.txt", STORY)
    refused = _cli("add", str(other), "--inbox", str(inbox))
    assert refused.returncode == 1
    assert "a different x.txt is already in" in refused.stderr
    assert clash.read_text() == "old"
