"""The newsroom views in a real browser: charts match the claims table, filters redraw them,
the article view marks every claim, the lineage view follows figures, deep links preselect."""

from __future__ import annotations

import re
import time
from typing import Any

import pandas as pd
import pytest

from newsclaims import config
from tests.browser.conftest import LOAD_TIMEOUT_MS, UPDATE_TIMEOUT_MS
from tests.voila_harness import ARTIFACTS_DIR, VoilaServer

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def shot(page: Any, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"claims-{name}.png"), full_page=True)


def troop_points(page: Any) -> Any:
    """The points of the first chart on the page, the troop chart."""
    return page.locator(".js-plotly-plot").first.locator(".scatterlayer path.point")


def troop_marks(page: Any) -> int:
    return int(troop_points(page).count())


def claims(server: VoilaServer) -> pd.DataFrame:
    return pd.read_parquet(config.processed_path("claims", server.home / "data" / "processed"))


def open_overview(page: Any, server: VoilaServer, query: str = "") -> None:
    page.goto(server.url + query, timeout=LOAD_TIMEOUT_MS)
    troop_points(page).first.wait_for(timeout=LOAD_TIMEOUT_MS)


def wait_marks(page: Any, expected: int) -> None:
    deadline = time.monotonic() + UPDATE_TIMEOUT_MS / 1000
    while troop_marks(page) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert troop_marks(page) == expected


def test_troop_chart_matches_the_claims_table_and_follows_the_outlet_filter(
    page: Any, voila_server: VoilaServer
) -> None:
    open_overview(page, voila_server)
    table_troops = page.locator('table.nc-claims tr[data-metric="troops"]').count()
    expected = int((claims(voila_server)["metric"] == "troops").sum())
    assert table_troops == expected == troop_marks(page) == 13
    summary = page.locator(".nc-claims-summary")
    assert (
        summary.inner_text().strip() == "19 claims from 5 articles (1 outlet and unknown outlets)"
    )
    shot(page, "overview-all")

    outlets = page.locator(".widget-select-multiple select").first
    outlets.select_option(label=["UnitedVoice\xa0(1)"])
    page.locator(".nc-claims-summary", has_text="4 claims from 1 article (1 outlet)").wait_for(
        timeout=UPDATE_TIMEOUT_MS
    )
    wait_marks(page, 3)
    # the table is a separate widget message: wait for it too
    page.wait_for_function(
        "sel => document.querySelectorAll(sel).length === 3",
        arg='table.nc-claims tr[data-metric="troops"]',
        timeout=UPDATE_TIMEOUT_MS,
    )
    shot(page, "overview-unitedvoice")

    page.get_by_role("button", name="Reset filters").click()
    wait_marks(page, 13)


def test_claims_table_links_to_the_article_view_with_every_claim_marked(
    page: Any, voila_server: VoilaServer
) -> None:
    open_overview(page, voila_server)
    link = page.locator("table.nc-claims a", has_text="up to 100,000").first
    href = link.get_attribute("href")
    assert href is not None and re.match(r"article\.ipynb\?article=\w+#claim-\w+", href)
    article_id = href.split("article=")[1].split("#")[0]
    page.goto(voila_server.url + "voila/render/" + href, timeout=LOAD_TIMEOUT_MS)
    page.locator(".nc-text mark").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    mine = claims(voila_server)
    mine = mine[mine["article_id"] == article_id]
    marks = page.locator(".nc-text mark")
    assert marks.count() == len(mine) > 0
    assert set(marks.evaluate_all("els => els.map(e => e.dataset.claimId)")) == set(
        mine["claim_id"]
    )
    assert (
        page.locator(".nc-meta").inner_text().count("inferred")
        + page.locator(".nc-meta").inner_text().count("manifest")
        >= 1
    )
    shot(page, "article")


def test_lineage_follows_the_100000_figure_and_names_rewrites(
    page: Any, voila_server: VoilaServer
) -> None:
    page.goto(voila_server.url + "voila/render/lineage.ipynb", timeout=LOAD_TIMEOUT_MS)
    page.locator(".nc-group").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    first = page.locator(".nc-group").first
    assert "Troops of North Korea: 100,000" in first.locator("h3").inner_text()
    assert first.locator("td.nc-changed", has_text="qualifier exact → up_to").count() >= 1
    rewrites = page.locator(".nc-rewrites").inner_text()
    assert "002_4e28c627f23687b4 is a rewrite of 001_70ae67a01f55abd5" in rewrites
    shot(page, "lineage")


def test_deep_link_preselects_and_names_what_it_ignored(
    page: Any, voila_server: VoilaServer
) -> None:
    open_overview(page, voila_server, "?outlet=UnitedVoice&metric=troops,<b>bogus</b>")
    assert page.url.endswith(
        "overview.ipynb?outlet=UnitedVoice&metric=troops,%3Cb%3Ebogus%3C/b%3E"
    ) or ("overview.ipynb?outlet=UnitedVoice" in page.url)
    wait_marks(page, 3)
    note = page.locator(".nc-notes").inner_text()
    assert "Ignored metric “<b>bogus</b>”: no such metric in the data." in note
    assert page.locator(".nc-notes b").count() == 0  # shown as text, not markup
    assert page.locator(".nc-claims-summary").inner_text().startswith("3 claims from 1 article")
    shot(page, "deep-link")


def test_export_panel_gives_the_files_as_downloads(
    page: Any, voila_server: VoilaServer, tmp_path: Any
) -> None:
    open_overview(page, voila_server, "?outlet=UnitedVoice")
    wait_marks(page, 3)
    page.get_by_role("button", name="Export for publication…").click()
    formats = page.locator(
        ".widget-select-multiple select", has=page.locator("option", has_text="svg")
    )
    formats.select_option(["svg", "csv"])
    page.get_by_role("button", name="Export").click()
    links = page.locator("a.nc-download")
    links.first.wait_for(timeout=120_000)
    names = links.all_inner_texts()
    assert names == ["troops-web.svg", "troops-web.csv", "troops-web.alt.txt"]
    with page.expect_download() as caught:
        page.locator("a.nc-download", has_text="troops-web.csv").click()
    saved = tmp_path / "troops-web.csv"
    caught.value.save_as(saved)
    data = pd.read_csv(saved)
    assert len(data) == 3 and set(data["outlet"]) == {"UnitedVoice"}
    with page.expect_download() as caught:
        page.locator("a.nc-download", has_text="troops-web.svg").click()
    caught.value.save_as(tmp_path / "chart.svg")
    svg = (tmp_path / "chart.svg").read_text()
    assert "Troop figures as reported" in svg
    assert len(re.findall(r'<path class="point[ "]', svg)) == 3
    shot(page, "export")
