"""Voila as served by `make dashboard`: the page works, shows no source, and serves nothing else.

Runs against a real Voila on 127.0.0.1 (tests/voila_harness.py) with the
repository's voila.json and page template. Checks content, not just status: a
page whose cell failed still answers 200.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import nbformat
import pytest

from .conftest import PROJECT_ROOT
from .voila_harness import VoilaServer, newsclaims_home, start_voila, voila_server

__all__ = ["newsclaims_home", "voila_server"]  # session fixtures

CELL_ERROR = "There was an error when executing cell"


def fetch(url: str) -> tuple[int, Message, str]:
    """Return the status, headers and body of a GET, without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=120) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode("utf-8", "replace")


def get(url: str) -> tuple[int, str]:
    """Return the status and body of a GET."""
    status, _headers, body = fetch(url)
    return status, body


@pytest.fixture(scope="module")
def response(voila_server: VoilaServer) -> tuple[Message, str]:
    """The overview page's headers and HTML (rendering it runs the notebook in a kernel)."""
    status, headers, body = fetch(voila_server.url + "voila/render/overview.ipynb")
    assert status == 200
    return headers, body


def test_landing_page_forwards_to_the_overview_with_the_query(voila_server: VoilaServer) -> None:
    status, body = get(voila_server.url + "?outlet=UnitedVoice&x=%3Cb%3E")
    assert status == 200
    assert 'url=/voila/render/overview.ipynb?outlet=UnitedVoice&amp;x=%3Cb%3E"' in body
    assert "<b>" not in body


@pytest.mark.parametrize("view", ["overview", "article", "lineage"])
def test_each_view_renders(voila_server: VoilaServer, view: str) -> None:
    status, body = get(voila_server.url + f"voila/render/{view}.ipynb")
    assert status == 200
    assert "application/vnd.jupyter.widget-view+json" in body
    assert CELL_ERROR not in body and "Traceback" not in body


@pytest.fixture(scope="module")
def page(response: tuple[Message, str]) -> str:
    """The overview page's HTML."""
    return response[1]


def test_page_renders_the_dashboard(page: str) -> None:
    assert "Overview: the figures as reported" in page  # the header cell
    assert "application/vnd.jupyter.widget-view+json" in page  # the app's widget
    assert CELL_ERROR not in page
    assert "Traceback" not in page


def test_page_has_no_notebook_source(page: str) -> None:
    nb = nbformat.read(PROJECT_ROOT / "dashboards" / "overview.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if len(line.strip()) > 12:  # shorter lines ("app") occur in any page
                    assert line.strip() not in page, f"source line in the page: {line!r}"
    assert "load_tables" not in page


def test_page_links_nothing_outside(page: str) -> None:
    # The template drops Voila's FontAwesome CDN links; the browser test checks real requests.
    for needle in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "unpkg.com", "fontawesome-free"):
        assert needle not in page


def test_security_headers(response: tuple[Message, str]) -> None:
    csp = response[0]["Content-Security-Policy"] or ""
    assert "default-src 'self'" in csp
    assert "connect-src 'self'" in csp


def test_settings_come_from_the_repository(voila_server: VoilaServer, page: str) -> None:
    log = voila_server.log()  # after a render (``page``), so a kernel has started
    settings = json.loads((PROJECT_ROOT / "voila.json").read_text(encoding="utf-8"))
    timeout = settings["MappingKernelManager"]["cull_idle_timeout"]
    # Voila runs in a temporary folder, so only --Voila.config_file_paths can have brought these.
    assert f"idle durations > {timeout} seconds" in log


REFUSED = [
    "voila/files/data/articles.csv",
    "voila/files/data/processed/articles.parquet",
    "voila/files/seeds/000_f81ca7430252ce23.txt",
    "voila/files/dashboards/overview.ipynb",
    "voila/files/overview.ipynb",
    "voila/files/voila.json",
    "voila/files/pyproject.toml",
    "voila/files/lib/newsclaims/app.py",
    "voila/files/.git/config",
    "voila/files/.gitignore",
    "voila/files/share/jupyter/voila/templates/newsclaims/index.html.j2",
    "voila/files/../voila.json",
    "voila/files/%2e%2e/voila.json",
    "voila/render/dashboards/overview.ipynb",
    "api/contents",
    "voila/render/../lib/newsclaims/app.py",
    "voila/render/%2e%2e/tests/conftest.py",
    # data staff's review notebook is for JupyterLab, never for readers
    "voila/render/review.ipynb",
    "voila/render/../notebooks/review.ipynb",
    "voila/render/%2e%2e/notebooks/review.ipynb",
    "voila/files/notebooks/review.ipynb",
    "voila/files/data/corrections.csv",
    # the rest of the data folder: lexicons, drop folder, processed tables, the log's lock
    "voila/files/data/claimants.csv",
    "voila/files/data/lexicons/metrics.csv",
    "voila/files/data/inbox/kursk.md",
    "voila/files/data/processed/claims.parquet",
    "voila/files/data/processed/dashboard.duckdb",
    "voila/files/data/corrections.csv.lock",
    "voila/files/tests/gold/seed_gold.csv",
    # jupyter_server's own file, contents and API routes: not part of standalone Voila
    "files/voila.json",
    "files/overview.ipynb",
    "files/data/articles.csv",
    "api/contents/overview.ipynb",
    "api/contents/data/articles.csv",
    "api/contents/?content=1",
    "api/kernels",
    "api/sessions",
    "api/kernelspecs",
    "api/terminals",
    "api/nbconvert",
    "tree",
    "lab",
    "edit/overview.ipynb",
    # Voila's static folder: its own bundle only (CVE-2024-30265 served any file at /static/)
    "static/etc/passwd",
    "voila/static/etc/passwd",
    "voila/static/../../voila.json",
    "voila/static/%2e%2e/%2e%2e/voila.json",
    "voila/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
]


def test_the_folder_listing_lists_nothing(voila_server: VoilaServer) -> None:
    # Directory mode serves the tree page; ours only forwards to the overview.
    status, body = get(voila_server.url + "voila/tree")
    assert status == 200
    assert "voila/render/overview.ipynb" in body
    for name in ("article.ipynb", "lineage.ipynb", "data", "seeds"):
        assert name not in body


@pytest.mark.parametrize("path", REFUSED)
def test_files_are_not_served(voila_server: VoilaServer, path: str) -> None:
    status, body = get(voila_server.url + path)
    assert status in {302, 403, 404}, f"{path} answered {status}"
    for leaked in ("article_id,outlet", '"cells"', "import ", "[core]", "VoilaConfiguration"):
        assert leaked not in body


def test_query_string_cannot_switch_template(voila_server: VoilaServer) -> None:
    status, body = get(voila_server.url + "?template=classic&theme=dark")
    assert status == 200
    assert "cdn.jsdelivr.net" not in body
    assert "theme-dark" not in body
    assert CELL_ERROR not in body


def test_notebook_copy_is_untouched(newsclaims_home: Path) -> None:
    # Voila runs the kernel against the temporary home: the repository's data stay as they are.
    assert (newsclaims_home / "data" / "processed" / "articles.parquet").exists()


#: The page template's folder: only what is in its static/ is served (plotly.js).
#: Voila answers a path outside static/ with a 500 (its handler fails to split the
#: path) whose body is tornado's generic page, so 500 counts as refused here.
TEMPLATE_PATHS = [
    "voila/templates/newsclaims/index.html.j2",
    "voila/templates/newsclaims/conf.json",
    "voila/templates/newsclaims/static/../index.html.j2",
    "voila/templates/newsclaims/static/%2e%2e/index.html.j2",
    "voila/templates/newsclaims/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/voila.json",
    "voila/templates/lab/index.html.j2",
    "voila/templates/lab/static/../index.html.j2",
]


@pytest.mark.parametrize("path", TEMPLATE_PATHS)
def test_template_sources_are_not_served(voila_server: VoilaServer, path: str) -> None:
    status, body = get(voila_server.url + path)
    assert status in {403, 404, 500}, f"{path} answered {status}"
    for leaked in ("{%", "{{", "extends", "base_template", "VoilaConfiguration", "Traceback"):
        assert leaked not in body


def test_the_template_serves_plotly_js(voila_server: VoilaServer) -> None:
    # The positive control of the refusals above: the same handler does serve static/.
    status, body = get(voila_server.url + "voila/templates/newsclaims/static/plotly.min.js")
    assert status == 200
    assert "plotly.js" in body[:300]


@pytest.mark.parametrize(
    "query", ["?download=1", "?format=notebook", "?format=script", "?nbconvert=1"]
)
def test_no_query_turns_a_view_into_its_source(voila_server: VoilaServer, query: str) -> None:
    status, body = get(voila_server.url + "voila/render/lineage.ipynb" + query)
    assert status in {200, 403, 404}
    assert '"cells"' not in body and '"nbformat"' not in body
    assert "LineageApp(" not in body and "load_tables" not in body


# ------------------------------------------------------------------------------------------
# A served folder that holds everything a careless deployment might put beside a dashboard:
# the refusals must come from voila.json's allow/deny lists, not from the files being absent.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
PLANTED = {
    "overview.ipynb": '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    "helpers.py": "import os  # dashboard helper source",
    "voila.json": '{"VoilaConfiguration": {}}',
    "notes.md": "import notes",
    "data/articles.csv": "article_id,outlet\n000,UnitedVoice\n",
    "data/corrections.csv": "article_id,outlet\n",
    "data/processed/claims.parquet": "article_id,outlet",
    "data/processed/dashboard.duckdb": "article_id,outlet",
    "data/inbox/kursk.md": "article_id,outlet",
    "seeds/000_f81ca7430252ce23.txt": "article_id,outlet",
    "lib/newsclaims/app.py": "import ipywidgets",
    "share/jupyter/voila/templates/newsclaims/index.html.j2": "{% extends VoilaConfiguration %}",
    ".env": "import SECRET",
    ".git/config": "[core]",
    "data/chart.png": "",  # an image under data/: refused by the folder rule
    "requirements.txt": "import voila",
}


@pytest.fixture(scope="module")
def planted_server(
    tmp_path_factory: pytest.TempPathFactory, newsclaims_home: Path
) -> Iterator[VoilaServer]:
    """Voila serving a folder that holds a dashboard beside data, source and secrets."""
    site = tmp_path_factory.mktemp("planted_site")
    for name, text in PLANTED.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(TINY_PNG if name.endswith(".png") else text.encode("utf-8"))
    (site / "assets").mkdir()
    (site / "assets" / "logo.png").write_bytes(TINY_PNG)
    yield from start_voila(newsclaims_home, target=site)


def test_a_served_folder_serves_its_images(planted_server: VoilaServer) -> None:
    # The positive control: the file handler works, so the refusals below are the lists'.
    status, headers, _body = fetch(planted_server.url + "voila/files/assets/logo.png")
    assert status == 200
    assert headers["Content-Type"] == "image/png"


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_served_folder_serves_nothing_else(planted_server: VoilaServer, name: str) -> None:
    status, body = get(planted_server.url + "voila/files/" + name)
    assert status in {403, 404}, f"{name} answered {status}"
    for leaked in ("import ", "article_id,outlet", '"cells"', "[core]", "VoilaConfiguration"):
        assert leaked not in body
