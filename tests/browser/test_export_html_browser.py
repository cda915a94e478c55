"""The exported HTML chart opens offline in headless Chromium: drawn, and nothing fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from newsclaims import charts, export

from ..test_charts import ARTICLES, CLAIMS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def test_exported_html_renders_offline(tmp_path: Path) -> None:
    rows = charts.claims_with_articles(CLAIMS, ARTICLES)
    done = export.export_chart("troops", rows, tmp_path, ("html",))
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(done.files["html"].as_uri())
        page.locator(".main-svg").first.wait_for(timeout=60_000)
        points = page.locator(".scatterlayer path.point").count()
        title = page.locator(".gtitle").text_content()
        browser.close()
    assert points == 5
    assert title == "Troop figures as reported"
    assert [r for r in requests if not r.startswith(("file://", "data:", "blob:"))] == []
