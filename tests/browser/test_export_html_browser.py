"""The exported HTML chart opens offline in headless Chromium: drawn, and nothing fetched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsclaims import charts, export

from ..test_charts import ARTICLES, CLAIMS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]


def test_exported_html_renders_offline(tmp_path: Path, browser: Any) -> None:
    rows = charts.claims_with_articles(CLAIMS, ARTICLES)
    done = export.export_chart("troops", rows, tmp_path, ("html",))
    requests: list[str] = []
    # the session's browser (tests/browser/conftest.py): one Playwright per process
    page = browser.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(done.files["html"].as_uri())
    page.locator(".main-svg").first.wait_for(timeout=60_000)
    points = page.locator(".scatterlayer path.point").count()
    title = page.locator(".gtitle").text_content()
    page.close()
    assert points == 5
    assert title == "Troop figures as reported"
    assert [r for r in requests if not r.startswith(("file://", "data:", "blob:"))] == []
