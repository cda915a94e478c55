"""Data staff's review notebook in JupyterLab, in a real browser: run it, accept a claim.

JupyterLab starts on 127.0.0.1 with a token, on a copy of the notebook in a
temporary project home (so nothing touches the repository's notebook or data).
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import PageLog
from tests.voila_harness import ARTIFACTS_DIR, free_port, make_home, wait_until_answering

pytestmark = pytest.mark.browser

PROJECT_ROOT = Path(__file__).resolve().parents[2]
JUPYTER = PROJECT_ROOT / ".venv" / "bin" / "jupyter"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = make_home(tmp_path_factory.mktemp("lab_home"))
    (home / "notebooks").mkdir()
    shutil.copy(PROJECT_ROOT / "notebooks" / "review.ipynb", home / "notebooks" / "review.ipynb")
    state = tmp_path_factory.mktemp("lab_state")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "NEWSCLAIMS_HOME": str(home),
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
    }
    cmd = [
        str(JUPYTER), "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={home / 'notebooks'}",
    ]  # fmt: skip
    log_path = ARTIFACTS_DIR / f"lab-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_until_answering(base + f"api/status?token={token}", proc, 90)
            yield f"{base}lab/tree/review.ipynb?token={token}", home
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_review_notebook_runs_in_jupyterlab_and_writes_the_log(
    page: Any, page_log: PageLog, lab: tuple[str, Path]
) -> None:
    url, home = lab
    page.goto(url, timeout=90_000)
    page.locator(".jp-Notebook").first.wait_for(timeout=90_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)  # kernel ready
    review = page.locator(".nc-review").first
    for _attempt in range(3):  # a menu click can land while JupyterLab is still settling
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        try:
            review.wait_for(timeout=60_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    review.wait_for(timeout=1_000)
    span = review.locator("mark.nc-review-span")
    assert span.count() == 1 and span.inner_text().strip()
    claim_id = review.get_attribute("data-claim-id")
    page.get_by_role("button", name="Accept").click()
    page.locator(".nc-notes", has_text="who is empty").wait_for(timeout=30_000)  # no name yet
    page.get_by_placeholder("initials or name").fill("JD")
    page.get_by_role("button", name="Accept").click()
    page.locator(".nc-basis", has_text=f"Recorded: accept {claim_id}").wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS_DIR / "review-lab.png"), full_page=True)
    with (home / "data" / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["claim_id"], r["action"]) for r in rows] == [(claim_id, "accept")]
    assert not page_log.outside_requests()
