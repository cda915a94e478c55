"""Faults a reader meets, in a real browser: a lost kernel, and a callback that fails.

When the kernel behind a reader's page goes away (stopped or culled by the
server, or killed, say by the out-of-memory killer), the page's template shows
"Connection to the dashboard was lost. Reload the page." instead of leaving
widgets that silently do nothing. When a callback fails, the page says so in
one short sentence; the traceback, with its paths and source, goes to the
server's log and never travels to the browser.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import nbformat
import pytest

from newsclaims.app import CALLBACK_FAILED
from tests.browser.conftest import LOAD_TIMEOUT_MS, UPDATE_TIMEOUT_MS
from tests.voila_harness import (
    ARTIFACTS_DIR,
    VoilaServer,
    kernel_pid,
    shutdown_kernel,
    start_voila,
)

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
ROWS = "table.nc-table tbody tr[data-article-id]"
LOST = "Connection to the dashboard was lost. Reload the page."
NBSP = "\xa0"


def shot(page: Any, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"faults-{name}.png"), full_page=True)


def page_kernel_id(page: Any) -> str:
    """The id of the kernel the page talks to, as the page itself has it."""
    return str(
        page.evaluate(
            "() => JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
        )
    )


def open_overview(page: Any, server: VoilaServer) -> None:
    page.goto(server.url, timeout=LOAD_TIMEOUT_MS)
    page.locator(ROWS).first.wait_for(timeout=LOAD_TIMEOUT_MS)


def stop_by_request(server: VoilaServer, kernel_id: str) -> None:
    assert shutdown_kernel(server, kernel_id) == 204


def kill_process(_server: VoilaServer, kernel_id: str) -> None:
    pid = kernel_pid(kernel_id)
    assert pid is not None, f"no process for kernel {kernel_id}"
    os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("end", [stop_by_request, kill_process], ids=["shut-down", "killed"])
def test_a_lost_kernel_shows_the_reload_banner(
    page: Any, voila_server: VoilaServer, end: Any
) -> None:
    open_overview(page, voila_server)
    banner = page.locator("#nc-connection-lost")
    # The page works and says nothing about its connection while the kernel lives.
    page.locator(".widget-select-multiple select").first.select_option(
        label=[f"UnitedVoice{NBSP}(1)"]
    )
    page.locator(".nc-claims-summary", has_text="from 1 article (1 outlet)").wait_for(
        timeout=UPDATE_TIMEOUT_MS
    )
    assert banner.count() == 0 or not banner.is_visible()

    end(voila_server, page_kernel_id(page))
    banner.wait_for(state="visible", timeout=UPDATE_TIMEOUT_MS)
    assert banner.inner_text().startswith(LOST)
    assert page.get_by_role("alert").filter(has_text=LOST).count() == 1
    shot(page, f"lost-{end.__name__}")


def test_leaving_the_page_shuts_its_kernel_down(page: Any, voila_server: VoilaServer) -> None:
    """The page's shutdown beacon passes the XSRF check (the template sets the cookie it needs).

    Without it Voila answers 403 and every reader who left keeps a kernel until the culler.
    """
    open_overview(page, voila_server)
    kernel_id = page_kernel_id(page)
    assert kernel_pid(kernel_id) is not None
    page.goto("about:blank")  # fires beforeunload, as closing the tab does
    deadline = time.monotonic() + 30
    while kernel_pid(kernel_id) is not None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert kernel_pid(kernel_id) is None, "the left page's kernel is still running"
    assert f"Kernel shutdown: {kernel_id}" in voila_server.log()
    assert "_xsrf' argument missing" not in voila_server.log()


# ------------------------------------------------------------------------------------------
SECRET = "SECRET-7f3a /srv/newsclaims/private.py"
#: The test's own copy of the overview notebook, with two callbacks made to fail after the
#: page is built: the library itself has no switch that breaks it.
SABOTAGE = f"""
SECRET = {SECRET!r}
real_view = app.data.view

def failing_view(flt, **kwargs):
    if flt.outlets == ("UnitedVoice",):
        raise RuntimeError(SECRET)
    return real_view(flt, **kwargs)

def failing_select_all():
    raise RuntimeError(SECRET)

app.data.view = failing_view
app._select_all = failing_select_all
"""


@pytest.fixture(scope="module")
def failing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voila serving the overview with callbacks that fail (the test's notebook, not the app's)."""
    from tests.voila_harness import PROJECT_ROOT, make_home

    home = make_home(tmp_path_factory.mktemp("failing_home"))
    nb = nbformat.read(PROJECT_ROOT / "dashboards" / "overview.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(SABOTAGE))
    target = tmp_path_factory.mktemp("failing_site") / "overview.ipynb"
    nbformat.write(nb, target)
    # Kernels started under pytest leave stderr uncaptured (ipykernel checks for
    # PYTEST_CURRENT_TEST); this server's kernels must behave as in production, where
    # stderr is captured and sent to the page.
    pytest_test = os.environ.pop("PYTEST_CURRENT_TEST", None)
    try:
        servers = start_voila(home, target=target)
        server = next(servers)
    finally:
        if pytest_test is not None:
            os.environ["PYTEST_CURRENT_TEST"] = pytest_test
    yield server
    next(servers, None)


def test_a_failing_callback_shows_a_message_and_sends_no_traceback(
    page: Any, failing_server: VoilaServer
) -> None:
    frames: list[str | bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: frames.append(frame)))
    open_overview(page, failing_server)
    alert = page.locator(".nc-failed").first
    assert page.locator(".nc-failed").count() == 0

    # A button whose callback fails: the reader is told, in one sentence.
    page.get_by_role("button", name="Reset filters").click()
    alert.wait_for(state="visible", timeout=UPDATE_TIMEOUT_MS)
    assert alert.inner_text().strip() == CALLBACK_FAILED

    # A filter whose update fails: the tables say the same.
    outlets = page.locator(".widget-select-multiple select").first
    outlets.select_option(label=[f"UnitedVoice{NBSP}(1)"])
    page.wait_for_function(
        "() => document.querySelectorAll('.nc-failed').length >= 3", timeout=UPDATE_TIMEOUT_MS
    )
    shot(page, "callback-failed")
    body = page.inner_text("body")
    for leaked in (SECRET, "Traceback", "RuntimeError", "failing_view", ".py"):
        assert leaked not in body
    # Nothing of the traceback reached the browser at all, shown or not.
    received = b"".join(f if isinstance(f, bytes) else f.encode("utf-8") for f in frames)
    assert received, "no websocket frames recorded"
    at = received.find(SECRET.encode())
    assert at < 0, received[max(0, at - 1500) : at + 300]
    assert b"failing_select_all" not in received and b"Traceback" not in received
    # The kernel is alive: no lost-connection banner, and the server's log has the details.
    assert page.locator("#nc-connection-lost").count() == 0
    log = failing_server.log()
    assert "OverviewApp._on_reset failed" in log and "overview update failed" in log
    assert log.count(SECRET) >= 2


def test_the_template_watches_the_kernel_from_the_page_itself(failing_server: VoilaServer) -> None:
    # The banner's code is inline in the page: nothing is fetched for it.
    import urllib.request

    with urllib.request.urlopen(failing_server.url, timeout=120) as resp:
        html = resp.read().decode("utf-8")
    assert '<script id="nc-connection-watch">' in html
    assert LOST in html
