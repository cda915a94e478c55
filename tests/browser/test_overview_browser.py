"""The overview dashboard in a real browser: seed articles, outlet and date filters, reset.

Runs against the Voila server of tests/voila_harness.py (127.0.0.1, free port,
temporary data). The page fixture fails the test on any request to another
host and on Voila's cell-error message; screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import PageLog
from tests.voila_harness import (
    ARTIFACTS_DIR,
    CHARTS_DRAWN,
    CHARTS_REDRAWN,
    VoilaServer,
    make_home,
    start_voila,
)

pytestmark = pytest.mark.browser

#: Cold kernel plus the widget bundle on 2 cores: seconds, not minutes.
LOAD_TIMEOUT_MS = 90_000
UPDATE_TIMEOUT_MS = 10_000

SEED_IDS = [
    "000_f81ca7430252ce23",
    "001_70ae67a01f55abd5",
    "002_4e28c627f23687b4",
    "003_7328c422117cef6f",
    "004_4c7001e8aa4cd83f",
]
ROWS = "table.nc-table tbody tr[data-article-id]"
NBSP = "\xa0"


def shot(page: Any, name: str) -> None:
    """Save a full-page screenshot to tests/artifacts/."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"overview-{name}.png"), full_page=True)


def row_ids(page: Any) -> list[str]:
    """Return the article ids of the table's rows, in order."""
    return [r.get_attribute("data-article-id") for r in page.locator(ROWS).all()]


def assert_rows(page: Any, expected: list[str]) -> None:
    """The articles table lists exactly ``expected``, in order, once its update is in.

    Its count line comes in a message of its own just before it: a test that read the
    rows as soon as the count line changed could read the table before its update
    (seen once in CI: four rows under "1 article"). A table that never gets there
    fails with the rows it shows."""
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            "([sel, ids]) => JSON.stringify([...document.querySelectorAll(sel)]"
            ".map(r => r.dataset.articleId)) === JSON.stringify(ids)",
            arg=[ROWS, expected], timeout=UPDATE_TIMEOUT_MS,
        )  # fmt: skip
    assert row_ids(page) == expected


def cells(page: Any, article_id: str) -> list[str]:
    """Return the visible cell texts of one article's row."""
    return page.locator(f'{ROWS}[data-article-id="{article_id}"] td').all_inner_texts()


def wait_for_summary(page: Any, text: str) -> None:
    """Wait until the count line reads exactly ``text``."""
    summary = ".nc-summary:not(.nc-claims-summary)"
    page.locator(summary, has_text=text).wait_for(timeout=UPDATE_TIMEOUT_MS)
    assert page.locator(summary).inner_text().strip() == text


def pick_outlets(page: Any, *labels: str) -> None:
    """Select exactly these options of the outlet multi-select."""
    # ipywidgets renders the spaces of option labels as no-break spaces.
    wanted = [label.replace(" ", NBSP) for label in labels]
    page.locator(".widget-select-multiple select").first.select_option(label=wanted)


def charts_redrawn(page: Any, before: list[str]) -> None:
    """Wait until every chart has drawn a figure since ``before`` (CHARTS_DRAWN)."""
    page.wait_for_function(CHARTS_REDRAWN, arg=before, timeout=UPDATE_TIMEOUT_MS)


def chart_boxes(page: Any) -> list[tuple[float, float, float]]:
    """Each chart's top and height on the page, and its plot's height."""
    return [
        tuple(b)
        for b in page.evaluate(
            """() => [...document.querySelectorAll('.nc-chart')].map(c => {
                 const box = c.getBoundingClientRect();
                 const svg = c.querySelector('.main-svg').getBoundingClientRect();
                 return [box.top, box.height, svg.height]; })"""
        )
    ]


def assert_charts_laid_out(page: Any) -> None:
    """Each chart takes the room its plot needs, one under the other, none hidden."""
    boxes = chart_boxes(page)
    assert len(boxes) == 2, boxes
    for _top, height, plot in boxes:
        assert height >= plot >= 300, boxes  # the plot inside its chart's box
    (top0, height0, _), (top1, _, _) = boxes
    assert top1 >= top0 + height0, boxes  # the casualty chart under the troop chart


def test_overview_lists_seeds_and_filters_by_outlet_and_date(
    page: Any, page_log: PageLog, voila_server: VoilaServer
) -> None:
    started = time.monotonic()
    page.goto(voila_server.url, timeout=LOAD_TIMEOUT_MS)
    page.locator(ROWS).first.wait_for(timeout=LOAD_TIMEOUT_MS)
    load_s = time.monotonic() - started
    shot(page, "1-loaded")

    # The five seed articles, with outlet and date at their precision.
    assert_rows(page, SEED_IDS)
    title, outlet, published, words = cells(page, SEED_IDS[0])
    assert title == "Putin Allegedly Close to Accepting North Korean Support in Ukraine"
    assert outlet == "UnitedVoice"
    assert published == "Aug 2022"
    assert int(words.replace(",", "")) > 100
    assert cells(page, SEED_IDS[4])[1:3] == ["(unknown outlet)", "Oct 2024"]
    for article_id in SEED_IDS[1:4]:
        assert cells(page, article_id)[1:3] == ["(unknown outlet)", "Aug 2022"]
    wait_for_summary(page, "5 articles (1 outlet, 4 with unknown outlet)")
    # Unknown outlets are a choice of their own, never dropped.
    options = (
        page.locator(".widget-select-multiple select").first.locator("option").all_inner_texts()
    )
    options = [o.replace(NBSP, " ") for o in options]
    assert options == ["UnitedVoice (1)", "(unknown outlet) (4)"]

    # Outlet filter: the table and the count line follow.
    assert_charts_laid_out(page)
    drawn = page.evaluate(CHARTS_DRAWN)
    started = time.monotonic()
    pick_outlets(page, "UnitedVoice (1)")
    wait_for_summary(page, "1 article (1 outlet)")
    update_s = time.monotonic() - started
    assert_rows(page, SEED_IDS[:1])
    charts_redrawn(page, drawn)
    shot(page, "2-unitedvoice")
    # Every redraw keeps the charts' room: the troop chart (no set height) used to
    # collapse to nothing on every second one, under the casualty chart.
    assert_charts_laid_out(page)

    drawn = page.evaluate(CHARTS_DRAWN)
    pick_outlets(page, "(unknown outlet) (4)")
    wait_for_summary(page, "4 articles (0 outlets, 4 with unknown outlet)")
    assert_rows(page, SEED_IDS[1:])
    charts_redrawn(page, drawn)
    assert_charts_laid_out(page)
    # a narrower window: the charts are drawn again at its width
    width = page.evaluate("() => document.querySelector('.nc-chart .main-svg').clientWidth")
    page.set_viewport_size({"width": 900, "height": 800})
    page.wait_for_function(
        "w => document.querySelector('.nc-chart .main-svg').clientWidth < w - 100",
        arg=width, timeout=UPDATE_TIMEOUT_MS,
    )  # fmt: skip
    assert_charts_laid_out(page)

    # Date range: from 2024 on, only the October 2024 article is left.
    date_from = page.locator(".widget-datepicker input").first
    date_from.fill("2024-01-01")
    date_from.dispatch_event("change")
    wait_for_summary(page, "1 article (0 outlets, 1 with unknown outlet)")
    assert_rows(page, SEED_IDS[4:])

    # Nothing matches: a clear empty state, not an empty table.
    pick_outlets(page, "UnitedVoice (1)")
    wait_for_summary(page, "0 articles (0 outlets)")
    assert page.locator(ROWS).count() == 0
    assert page.locator(".nc-empty", has_text="No articles match these filters").count() == 1
    shot(page, "3-empty")

    # Reset brings every article back.
    page.get_by_role("button", name="Reset filters").click()
    wait_for_summary(page, "5 articles (1 outlet, 4 with unknown outlet)")
    assert_rows(page, SEED_IDS)
    assert date_from.input_value() == "2022-08-01"
    shot(page, "4-reset")

    print(f"overview: first table after {load_s:.1f} s; outlet filter -> table {update_s:.2f} s")
    assert not page_log.outside_requests()
    # plotly's own JupyterLab extension (4.8 MB of script) is not loaded: the charts
    # are newsclaims' widget, and voila.json denies it (every reader would parse it)
    assert not [url for url in page_log.requests if "jupyterlab-plotly" in url]
    assert [url for url in page_log.requests if "plotly.min.js" in url]


HOSTILE_TITLE = "<img src=x onerror=alert(1)> Troops <b>100,000</b>"
HOSTILE_OUTLET = "<script>alert(2)</script>Evil Daily"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voila serving the seeds plus one article whose title and outlet are HTML."""
    home = make_home(
        tmp_path_factory.mktemp("hostile_home"),
        extra_articles={"999_hostile": f"{HOSTILE_TITLE}\n\nSome text about 100,000 troops.\n"},
        extra_manifest_rows=f'999_hostile,"{HOSTILE_OUTLET}",2022-08-09,,\n',
    )
    yield from start_voila(home)


def test_article_html_is_shown_as_text_never_run(
    page: Any, page_log: PageLog, hostile_server: VoilaServer
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_server.url, timeout=LOAD_TIMEOUT_MS)
    row = page.locator(f'{ROWS}[data-article-id="999_hostile"]')
    row.wait_for(timeout=LOAD_TIMEOUT_MS)
    title, outlet, published, _words = cells(page, "999_hostile")
    assert title == HOSTILE_TITLE
    assert outlet == HOSTILE_OUTLET
    assert published == "9 Aug 2022"
    assert row.locator("img, b, script").count() == 0
    options = (
        page.locator(".widget-select-multiple select").first.locator("option").all_inner_texts()
    )
    assert f"{HOSTILE_OUTLET} (1)" in [o.replace(NBSP, " ") for o in options]
    pick_outlets(page, f"{HOSTILE_OUTLET} (1)")
    wait_for_summary(page, "1 article (1 outlet)")
    shot(page, "5-hostile")
    assert dialogs == []
    assert page.locator("table.nc-table img").count() == 0


NEW_ARTICLE = """---
title: Wire check on the Kursk deployment
outlet: Test Wire
published: 2024-11-05
---
Officials in Seoul said about 12,000 North Korean troops were now in the Kursk region.
"""


def test_an_article_added_while_the_server_runs_shows_on_the_next_load(
    page: Any, page_log: PageLog, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Preheated kernels built their page before the ingest: they reload, never show stale data."""
    import os
    import subprocess
    import sys

    home = make_home(tmp_path_factory.mktemp("walkthrough_home"))
    servers = start_voila(home)
    server = next(servers)
    try:
        page.goto(server.url, timeout=LOAD_TIMEOUT_MS)
        page.locator(ROWS).first.wait_for(timeout=LOAD_TIMEOUT_MS)
        wait_for_summary(page, "5 articles (1 outlet, 4 with unknown outlet)")
        # What data staff do (README walk-through): add the file, ingest.
        new = tmp_path_factory.mktemp("incoming") / "wire-kursk.md"
        new.write_text(NEW_ARTICLE, encoding="utf-8")
        cli = [sys.executable, "-m", "newsclaims.cli"]
        env = {**os.environ, "NEWSCLAIMS_HOME": str(home)}
        for args in (["add", str(new)], ["ingest"]):
            subprocess.run([*cli, *args], cwd=home, env=env, check=True, capture_output=True)
        page.goto(server.url, timeout=LOAD_TIMEOUT_MS)
        page.locator(ROWS).first.wait_for(timeout=LOAD_TIMEOUT_MS)
        wait_for_summary(page, "6 articles (2 outlets, 4 with unknown outlet)")
        row = page.locator(ROWS, has_text="Wire check on the Kursk deployment")
        assert row.locator("td").nth(1).inner_text() == "Test Wire"
        claims = page.locator(".nc-claims-summary").inner_text()
        assert " claims from 6 articles (2 outlets" in claims, claims
        shot(page, "6-added-article")
        assert not page_log.outside_requests()
    finally:
        next(servers, None)
