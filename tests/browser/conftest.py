"""Browser fixtures: Debian's chromium driven by Playwright against Voila on 127.0.0.1.

Every page records each request it makes; a test fails if any goes to a host
other than this machine, or if the page shows Voila's cell-error message.
Never run `playwright install`: it downloads a browser and fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.voila_harness import ARTIFACTS_DIR, newsclaims_home, voila_server

__all__ = ["newsclaims_home", "voila_server"]  # session fixtures shared with the HTTP tests

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
#: Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}
CELL_ERROR = "There was an error when executing cell"
#: How long a dashboard page may take to load, and a filter change to show, on a
#: loaded 2-core CI machine (tests that wait for one page use tighter bounds of their own).
LOAD_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 30_000


@dataclass
class PageLog:
    """What a page did besides rendering: its requests and its console errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def outside_requests(self) -> list[str]:
        """Return every requested URL whose host is not this machine."""
        outside = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if (parts.hostname or "") not in LOCAL_HOSTS:
                outside.append(url)
        return outside


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Debian chromium for the session."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} missing: run `make chromium` (apt-get install chromium)")
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_log() -> PageLog:
    """The requests and console errors of the test's page."""
    return PageLog()


@pytest.fixture
def page(browser: object, page_log: PageLog, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page recording its requests; checked for outside hosts and cell errors at the end."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.on("request", lambda req: page_log.requests.append(req.url))
    page.on("websocket", lambda ws: page_log.requests.append(ws.url))
    page.on(
        "console",
        lambda msg: page_log.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    yield page
    try:
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.name)
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / f"{name}-final.png"), full_page=True)
        body = page.inner_text("body")
    finally:
        context.close()
    assert page_log.requests, "the page made no request at all"
    assert page_log.outside_requests() == [], "the page called hosts outside this machine"
    assert CELL_ERROR not in body
    csp = [m for m in page_log.console_errors if "Content Security Policy" in m]
    assert csp == [], "the page needs something its Content-Security-Policy blocks"
