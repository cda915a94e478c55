"""Every dashboard notebook is thin, committed clean, and runs headless without error output."""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import PROJECT_ROOT
from .voila_harness import newsclaims_home

__all__ = ["newsclaims_home"]  # session fixture: a temporary project home with built tables

DASHBOARDS = sorted((PROJECT_ROOT / "dashboards").glob("*.ipynb"))
#: Data staff's notebooks (JupyterLab only, outside what Voila serves).
STAFF = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
NOTEBOOKS = DASHBOARDS + STAFF
#: The Output-capture hang (nbclient #312) can happen headless too: never wait forever.
CELL_TIMEOUT_S = 120
DEF_OR_CLASS = re.compile(r"^\s*(async\s+def|def|class)\s", re.MULTILINE)


def test_there_are_dashboards() -> None:
    assert any(p.name == "overview.ipynb" for p in DASHBOARDS)
    assert [p.name for p in STAFF] == ["review.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_thin_and_stripped(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    assert 3 <= len(nb.cells) <= 6, "a dashboard notebook has 3 to 6 cells"
    assert nb.cells[0].cell_type == "markdown", "it starts with a header saying what it shows"
    assert nb.cells[0].source.lstrip().startswith("# ")
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not DEF_OR_CLASS.search(cell.source), "def/class belong in the library"
        assert cell.outputs == [], "outputs must be stripped before commit"
        assert cell.execution_count is None, "execution counts must be stripped"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_headless_without_errors(
    path: Path, newsclaims_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSCLAIMS_HOME", str(newsclaims_home))  # the kernel inherits it
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": path.parent}},
    ).execute()
    assert time.monotonic() - started < CELL_TIMEOUT_S
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    errors = [out for out in outputs if out.output_type == "error"]
    stderr = [out.text for out in outputs if out.output_type == "stream" and out.name == "stderr"]
    assert errors == []
    assert stderr == []
    # A cell shows the app as a widget, not a repr string ...
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
    # ... and a dashboard's last cell opens it for its reader (preheated kernels wait there).
    if path in DASHBOARDS:
        assert "open_for_reader(" in nb.cells[-1].source
