"""Hostile article text in every view: shown as the words it is, never run or rendered.

Data staff bring text from anywhere: an article's title, outlet and address come
from its front matter, its sentences from the page, a claimant from the
corrections log. Here each carries a payload (``<script>``, ``<img onerror>``,
``javascript:`` links, plotly's own tags ``<b>``/``<a href>``, MathJax ``$...$``),
added the way data staff add them (``newsclaims add``, ``correct``, ``ingest``).
The overview (tables, chart hover, legend and axis labels), the article view and
the lineage view must show every payload as text. A payload that runs sets
``window.__pwned`` or opens a dialog; either fails the test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd
import pytest
import yaml

from newsclaims import config
from tests.browser.conftest import LOAD_TIMEOUT_MS, UPDATE_TIMEOUT_MS
from tests.voila_harness import ARTIFACTS_DIR, VoilaServer, make_home, start_voila

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
NBSP = "\xa0"

TITLE = "<img src=x onerror=\"window.__pwned='title'\"> Troops <b>bold</b> $x^2$"
OUTLET = "<script>window.__pwned='outlet'</script>Evil <b>Daily</b>"
URL = "javascript:window.__pwned='url'"
TROOP_SENTENCE = (
    "About 12,000 North Korean troops are in Kursk, officials said "
    "<a href=\"javascript:window.__pwned='text'\">here</a> "
    '<img src=x onerror="window.__pwned=\'text\'"> $\\href{javascript:alert(1)}{x}$ & "quoted".'
)
CASUALTY_SENTENCE = (
    "At least 100 North Korean soldiers were killed in Kursk, <b>officials</b> said."
)
CLAIMANT = (
    "<img src=x onerror=\"window.__pwned='claimant'\">Kim <b>Jong</b> "
    "<a href=\"javascript:alert('claimant')\">un</a> $y$"
)
WHO = "<b>JD</b>"
ARTICLE_ID = "hostile"


def squash(text: str) -> str:
    """Text without white space: plotly breaks long hover lines into separate tspans."""
    return re.sub(r"\s+", "", text.replace(NBSP, " "))


def shot(page: Any, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"hostile-{name}.png"), full_page=True)


def newsclaims(home: Path, *args: str) -> str:
    """Run the ``newsclaims`` command on ``home`` as data staff do; return what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "newsclaims.cli", *args],
        cwd=home, env={**os.environ, "NEWSCLAIMS_HOME": str(home)},
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voila over the seeds plus one hostile article, its claimants set through the log."""
    home = make_home(tmp_path_factory.mktemp("hostile_home"))
    front = {"title": TITLE, "outlet": OUTLET, "published": "2024-11-05", "url": URL}
    article = tmp_path_factory.mktemp("incoming") / f"{ARTICLE_ID}.md"
    article.write_text(
        f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n"
        f"Hostile text\n\n{TROOP_SENTENCE}\n\n{CASUALTY_SENTENCE}\n",
        encoding="utf-8",
    )
    newsclaims(home, "add", str(article))
    newsclaims(home, "ingest")
    processed = home / "data" / "processed"
    found = pd.read_parquet(config.processed_path("claims", processed))
    for claim_id in found.loc[found["article_id"] == ARTICLE_ID, "claim_id"]:
        newsclaims(home, "correct", "edit", claim_id, "--field", "claimant",
                   "--new", CLAIMANT, "--who", WHO, "--reason", "<i>test</i>")  # fmt: skip
    newsclaims(home, "ingest")
    claims = pd.read_parquet(config.processed_path("claims", processed))
    mine = claims[claims["article_id"] == ARTICLE_ID]
    # The set-up itself: both figures found, both claimants from the log.
    assert sorted(mine["metric"]) == ["killed", "troops"], mine[["metric", "figure_text"]]
    assert set(mine["claimant"]) == {CLAIMANT}
    yield from start_voila(home)


@pytest.fixture
def dialogs(page: Any) -> list[str]:
    """Every alert/confirm/prompt the page opens (each one is a payload that ran)."""
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def assert_nothing_ran(page: Any, dialogs: list[str]) -> None:
    """No dialog, no ``window.__pwned``, and no element a payload would have made."""
    assert dialogs == []
    assert page.evaluate("() => window.__pwned === undefined"), page.evaluate("window.__pwned")
    made = page.evaluate(
        """() => {
          const XLINK = 'http://www.w3.org/1999/xlink';
          return {
            images: document.querySelectorAll('img[src="x"]').length,
            scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
            jsLinks: [...document.querySelectorAll('a')].filter(a => /^\\s*javascript:/i.test(
                a.getAttribute('href') || a.getAttributeNS(XLINK, 'href') || '')).length,
            chartLinks: document.querySelectorAll('.js-plotly-plot a').length,
          };
        }"""
    )
    assert made == {"images": 0, "scripts": 0, "jsLinks": 0, "chartLinks": 0}


def assert_plain_text(cell: Any, expected: str) -> None:
    """The cell reads ``expected`` exactly and holds no element (no tag was rendered)."""
    assert cell.inner_text().replace(NBSP, " ") == expected
    assert cell.locator("*").count() == 0


def hover_text(page: Any, chart: int, point: Any) -> str:
    """Move the mouse onto a chart's point; return its hover label's text."""
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = page.locator(".js-plotly-plot").nth(chart).locator(".hoverlayer .hovertext")
    label.first.wait_for(timeout=UPDATE_TIMEOUT_MS)
    return str(label.first.text_content())


def test_overview_tables_and_charts_show_hostile_text_as_text(
    page: Any, dialogs: list[str], hostile_server: VoilaServer
) -> None:
    page.goto(hostile_server.url, timeout=LOAD_TIMEOUT_MS)
    row = page.locator(f'table.nc-table tr[data-article-id="{ARTICLE_ID}"]')
    row.wait_for(timeout=LOAD_TIMEOUT_MS)
    cells = row.locator("td")
    assert_plain_text(cells.nth(0), TITLE)
    assert_plain_text(cells.nth(1), OUTLET)

    # The troop chart's legend (one entry per outlet) names the outlet as written.
    legend = page.locator(".js-plotly-plot").nth(0).locator(".legend .legendtext")
    legend.first.wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert squash(OUTLET) in [squash(t) for t in legend.all_text_contents()]

    # The outlet filter offers the outlet as its name, and narrows the page to it.
    outlets = page.locator(".widget-select-multiple select").first
    label = f"{OUTLET} (1)".replace(" ", NBSP)
    assert label in outlets.locator("option").all_inner_texts()
    outlets.select_option(label=[label])
    page.locator(".nc-claims-summary", has_text="2 claims from 1 article").wait_for(
        timeout=UPDATE_TIMEOUT_MS
    )

    # The claims table: figure, value, metric, party, claimant, outlet, published, sentence.
    # (the table is a widget message of its own: wait for it too)
    page.wait_for_function(
        "() => document.querySelectorAll('table.nc-claims tbody tr').length === 2",
        timeout=UPDATE_TIMEOUT_MS,
    )
    troop_row = page.locator('table.nc-claims tr[data-metric="troops"] td')
    assert_plain_text(troop_row.nth(4), CLAIMANT)
    assert_plain_text(troop_row.nth(5), OUTLET)
    assert_plain_text(troop_row.nth(7), TROOP_SENTENCE)
    shot(page, "1-overview")

    # The troop chart: one mark; its hover reads as the words given.
    troop_chart = page.locator(".js-plotly-plot").nth(0)
    points = troop_chart.locator(".scatterlayer path.point")
    points.first.wait_for(timeout=UPDATE_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot')[0]"
        ".querySelectorAll('.scatterlayer path.point').length === 1",
        timeout=UPDATE_TIMEOUT_MS,
    )
    hover = squash(hover_text(page, 0, points.first))
    for words in (CLAIMANT, OUTLET, TROOP_SENTENCE):
        assert squash(words) in hover, f"{words!r} not in the hover as text: {hover!r}"
    shot(page, "2-troop-hover")

    # The casualty chart: rows labelled by claimant; hover as above.
    casualty_chart = page.locator(".js-plotly-plot").nth(1)
    ticks = squash(" ".join(casualty_chart.locator(".yaxislayer-above text").all_text_contents()))
    assert squash(CLAIMANT) in ticks and squash(OUTLET) in ticks
    page.mouse.move(5, 5)  # leave the troop chart
    hover = squash(hover_text(page, 1, casualty_chart.locator(".scatterlayer path.point").first))
    for words in (CLAIMANT, OUTLET, CASUALTY_SENTENCE):
        assert squash(words) in hover, f"{words!r} not in the hover as text: {hover!r}"
    shot(page, "3-casualty-hover")
    assert_nothing_ran(page, dialogs)


def test_a_deep_link_with_markup_is_named_as_text(
    page: Any, dialogs: list[str], hostile_server: VoilaServer
) -> None:
    asked = "<img src=x onerror=alert('link')>"
    page.goto(hostile_server.url + "?claimant=" + quote(asked), timeout=LOAD_TIMEOUT_MS)
    note = page.locator(".nc-notes")
    note.wait_for(timeout=LOAD_TIMEOUT_MS)
    assert asked in note.inner_text()
    assert note.locator("img").count() == 0
    assert_nothing_ran(page, dialogs)


def test_article_view_shows_hostile_metadata_text_and_claimants_as_text(
    page: Any, dialogs: list[str], hostile_server: VoilaServer
) -> None:
    page.goto(
        hostile_server.url + f"voila/render/article.ipynb?article={ARTICLE_ID}",
        timeout=LOAD_TIMEOUT_MS,
    )
    meta = page.locator("table.nc-meta")
    meta.wait_for(timeout=LOAD_TIMEOUT_MS)
    values = {
        th.inner_text(): meta.locator("tr").nth(i).locator("td").first
        for i, th in enumerate(meta.locator("th").all())
    }
    assert_plain_text(values["Title"], TITLE)
    assert_plain_text(values["Outlet"], OUTLET)
    assert_plain_text(values["URL"], URL)  # a javascript: address is never a link

    # The claims list: claimant from the log, and the rule naming who edited it.
    claims_list = page.locator("table.nc-table").first
    assert claims_list.locator("tbody tr").count() == 2
    for row in claims_list.locator("tbody tr").all():
        assert_plain_text(row.locator("td").nth(4), CLAIMANT)
        assert f"claimant edited by {WHO}" in row.locator("td").nth(6).inner_text()
        assert row.locator("td").nth(6).locator("*").count() == 0

    # The text, every claim marked, every tag shown as written.
    text = page.locator(".nc-text")
    assert TROOP_SENTENCE in text.inner_text() and CASUALTY_SENTENCE in text.inner_text()
    assert text.locator("mark").count() == 2
    assert text.locator("*").count() == 2  # the two marks, nothing else
    picker = page.locator(".widget-dropdown select").first
    assert any(TITLE in o.replace(NBSP, " ") for o in picker.locator("option").all_inner_texts())
    shot(page, "4-article")
    assert_nothing_ran(page, dialogs)


def test_lineage_view_shows_hostile_outlets_and_claimants_as_text(
    page: Any, dialogs: list[str], hostile_server: VoilaServer
) -> None:
    page.goto(hostile_server.url + "voila/render/lineage.ipynb", timeout=LOAD_TIMEOUT_MS)
    page.locator(".nc-group").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    claims = pd.read_parquet(
        config.processed_path("claims", hostile_server.home / "data" / "processed")
    )
    for claim_id in claims.loc[claims["article_id"] == ARTICLE_ID, "claim_id"]:
        cells = page.locator(f'tr[data-claim-id="{claim_id}"] td')
        assert_plain_text(cells.nth(2), OUTLET)
        assert_plain_text(cells.nth(5), CLAIMANT)
    shot(page, "5-lineage")
    assert_nothing_ran(page, dialogs)
