"""Fixtures that serve the dashboards with Voila on 127.0.0.1, as `make dashboard` does.

Shared by the HTTP checks (tests/test_voila_config.py) and the browser tests
(tests/browser/). The server is started by the test session on a free port,
with ``NEWSCLAIMS_HOME`` pointing at a temporary copy of the project's data, the
repository's ``voila.json`` and page template, and stopped afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsclaims import schema, tables
from newsclaims.app import install_plotly_js
from newsclaims.articles import read_articles

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS_DIR = PROJECT_ROOT / "tests" / "artifacts"
VOILA = Path(sys.executable).with_name("voila")
#: Voila's first page load starts a kernel; on 2 busy cores that can take a while.
START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class VoilaServer:
    """A running Voila server: where it answers and where it logs."""

    url: str
    home: Path
    log_path: Path

    def log(self) -> str:
        """Return what the server has logged so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def make_home(
    root: Path, extra_articles: dict[str, str] | None = None, extra_manifest_rows: str = ""
) -> Path:
    """Copy seeds/ and data/ into ``root`` and build its processed tables, as `make ingest` does.

    ``extra_articles`` (file stem -> text) and ``extra_manifest_rows`` (CSV lines)
    add articles beside the seeds, for tests that need hostile or odd input.
    """
    shutil.copytree(PROJECT_ROOT / "seeds", root / "seeds")
    shutil.copytree(
        PROJECT_ROOT / "data", root / "data", ignore=shutil.ignore_patterns("processed")
    )
    for stem, text in (extra_articles or {}).items():
        (root / "seeds" / f"{stem}.txt").write_text(text, encoding="utf-8")
    manifest = root / "data" / "articles.csv"
    if extra_manifest_rows:
        with manifest.open("a", encoding="utf-8", newline="") as out:
            out.write(extra_manifest_rows)
    seed_paths = sorted((root / "seeds").glob("*.txt"))
    try:
        built = tables.build(seed_paths, manifest)
    except ModuleNotFoundError as exc:
        # The claim extractor is being written in parallel; until it lands the
        # dashboard tests run on the articles table with no claims.
        if exc.name != "newsclaims.extract":
            raise
        load = read_articles(seed_paths, manifest)
        built = tables.Tables(load.articles, schema.empty(schema.CLAIMS), load.report.to_frame())
    tables.write_tables(built, root / "data" / "processed")
    return root


def wait_until_answering(url: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until ``url`` gives any HTTP answer; raise if the server exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with code {proc.returncode} before answering")
        try:
            # A path no handler serves: any HTTP status proves the server is up,
            # and unlike "/" it does not start a kernel.
            urllib.request.urlopen(url + "voila/files/_readiness_probe.png", timeout=2)
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise TimeoutError(f"voila did not answer at {url} within {timeout:.0f} s")


def wait_until_preheated(server: VoilaServer, notebooks: list[str], timeout: float) -> None:
    """Wait until Voila has logged each notebook's kernel pool as filled (or ``timeout``).

    At start a server launches and pre-renders every pool's kernels at once; a test's
    first page would otherwise take a kernel mid-start on two busy cores. The pools
    are counted filled when their kernels are done starting, well or not, so this
    ends either way; after ``timeout`` the tests go on and meet whatever is wrong.
    """
    deadline = time.monotonic() + timeout
    wanted = set(notebooks)
    while time.monotonic() < deadline:
        filled = {
            Path(line.split("Kernel pool of ", 1)[1].rsplit(" is filled", 1)[0]).name
            for line in server.log().splitlines()
            if "Kernel pool of " in line and " is filled" in line
        }
        if wanted <= filled:
            return
        time.sleep(0.2)


#: Preheated overview kernels in the tests' servers (one for each other view, replaced
#: 1 s after use). voila.json keeps ten (two for the other views, replaced after 30 s),
#: for a newsroom's readers arriving together; a test opens a page or two at a time,
#: and fourteen kernels warming at each server start would cost CI minutes of CPU.
TEST_POOL = 2


def start_voila(
    home: Path, log_dir: Path = ARTIFACTS_DIR, notebook: str = "", target: Path | None = None,
    config_dir: Path | None = None, pool: int | None = TEST_POOL,
) -> Iterator[VoilaServer]:  # fmt: skip
    """Serve ``dashboards/<notebook>`` from the repository with the repository's settings.

    The working directory is the temporary home, not the repository, so the
    settings reach Voila only through ``--Voila.config_file_paths`` and
    ``JUPYTER_PATH`` (the same flags `make dashboard` passes), never by accident.
    ``config_dir``: where ``voila.json`` is read; by default a copy of the repository's
    in ``home`` with the pools of :data:`TEST_POOL` (``pool=None``: the repository's own
    file, as it is).
    """
    if config_dir is None and pool is None:
        config_dir = PROJECT_ROOT
    elif config_dir is None:
        settings = json.loads((PROJECT_ROOT / "voila.json").read_text(encoding="utf-8"))
        pools = settings["VoilaKernelManager"]["kernel_pools_config"]
        pools["overview.ipynb"]["pool_size"] = pool
        pools["default"]["pool_size"] = 1
        # replaced at once: tests load pages one after another, never ten together
        settings["VoilaKernelManager"]["fill_delay"] = 1
        config_dir = home / "voila-config"
        config_dir.mkdir(exist_ok=True)
        (config_dir / "voila.json").write_text(json.dumps(settings), encoding="utf-8")
    install_plotly_js()  # as `make dashboard` does
    port = free_port()
    log_path = log_dir / f"voila-{port}.log"
    env = {
        **os.environ,
        "NEWSCLAIMS_HOME": str(home),
        "JUPYTER_PATH": str(PROJECT_ROOT / "share" / "jupyter"),
    }
    cmd = [
        str(VOILA),
        str(target or PROJECT_ROOT / "dashboards" / notebook),
        "--port",
        str(port),
        "--no-browser",
        f"--Voila.config_file_paths={config_dir}",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_answering(url, proc, START_TIMEOUT_S)
            server = VoilaServer(url=url, home=home, log_path=log_path)
            settings = json.loads((config_dir / "voila.json").read_text(encoding="utf-8"))
            if settings.get("VoilaConfiguration", {}).get("preheat_kernel"):
                served = target or PROJECT_ROOT / "dashboards" / notebook
                notebooks = [served] if served.is_file() else list(served.rglob("*.ipynb"))
                names = [nb.name for nb in notebooks if ".ipynb_checkpoints" not in str(nb)]
                wait_until_preheated(server, names, START_TIMEOUT_S)
            yield server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


@pytest.fixture(scope="session")
def newsclaims_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary project home with the seeds, the manifest and freshly built tables."""
    return make_home(tmp_path_factory.mktemp("newsclaims_home"))


@pytest.fixture(scope="session")
def voila_server(newsclaims_home: Path) -> Iterator[VoilaServer]:
    """Voila serving the overview on a free port of 127.0.0.1 for the whole session."""
    yield from start_voila(newsclaims_home)


# -------------------------------------- a page's charts, as tests and benchmarks see them
#: How many figures each chart on the page has drawn (the chart widget's ``data-drawn``).
CHARTS_DRAWN = "() => [...document.querySelectorAll('.nc-chart')].map(c => c.dataset.drawn)"
#: True once every chart has drawn a figure since ``b`` (what CHARTS_DRAWN gave then).
CHARTS_REDRAWN = f"b => ({CHARTS_DRAWN})().every((d, i) => d !== b[i])"


# ------------------------------------------------- a page's kernel, as tests reach it
def kernel_id_of(page_html: str) -> str:
    """The kernel id a rendered Voila page connects to (its ``jupyter-config-data``)."""
    import json
    import re

    found = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page_html, re.S
    )
    if found is None:
        # what came instead, so that a failure in CI can be read from its log alone
        raise ValueError(
            f"no jupyter-config-data in the page: not a rendered Voila page "
            f"({len(page_html)} characters: {page_html[:300]!r} ... {page_html[-300:]!r})"
        )
    kernel_id: str = json.loads(found.group(1))["kernelId"]
    return kernel_id


def kernel_channels_url(server: VoilaServer, kernel_id: str) -> str:
    """The websocket URL a page's widgets talk to its kernel through."""
    return server.url.replace("http://", "ws://", 1) + f"api/kernels/{kernel_id}/channels"


def kernel_pid(kernel_id: str) -> int | None:
    """The process id of the kernel with this id (found by its connection file), or None."""
    needle = f"kernel-{kernel_id}.json".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:  # the process ended while we looked
            continue
        if needle in cmdline:
            return int(proc.name)
    return None


def shutdown_kernel(server: VoilaServer, kernel_id: str) -> int:
    """Stop a kernel as its shutdown request or the idle culler does; return the HTTP status.

    jupyter_server's XSRF check is a double submit (cookie and header agree), which
    any client that knows the kernel id can make, as this does.
    """
    token = "newsclaims-test"
    request = urllib.request.Request(
        server.url + f"api/kernels/{kernel_id}",
        method="DELETE",
        headers={"Cookie": f"_xsrf={token}", "X-XSRFToken": token},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            status: int = resp.status
            return status
    except urllib.error.HTTPError as err:
        return err.code
