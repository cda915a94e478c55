"""Benchmark: many readers on one Voila server (issue 8, "many readers").

Prints, measured in one run on this machine:
  * ``--concurrent`` readers opening the overview at the same moment (one
    browser, a page each): how many showed the charts, time to first chart
    (p50 / p95 / max), and whether each one's troop chart redrew after an
    outlet filter change (and how long that took);
  * memory: resident set size of the Voila server and its kernels before the
    readers, with them all open, and the difference per reader;
  * ``--sequential`` readers one after another (open, wait for the chart, close
    the tab): the server's memory and live kernel count every 10 readers, and
    the growth from the first ten to the last.

Kernels: the overview keeps a pool of preheated kernels (voila.json,
``kernel_pools_config``) so a reader who arrives finds one already run; a tab
that closes asks Voila to shut its kernel down, and kernels whose tab vanished
without saying so are culled after ``cull_idle_timeout``. The sequential run
shows whether closed tabs really give their memory back.

Run:  .venv/bin/python bench/bench_readers.py [--concurrent 10] [--sequential 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# psutil comes with dask.distributed, a runtime dependency.
import psutil
from playwright.async_api import Browser, async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dashboard import ARGS, POINTS, pct, settle, voila_pid
from tests.voila_harness import PROJECT_ROOT, make_home, start_voila

GB = 1024**3


def server_memory(pid: int) -> tuple[float, int]:
    """Resident memory (GB) of the Voila process and its children, and how many kernels run."""
    root = psutil.Process(pid)
    procs = [root, *root.children(recursive=True)]
    rss = 0
    kernels = 0
    for proc in procs:
        try:
            rss += proc.memory_info().rss
            kernels += "ipykernel_launcher" in " ".join(proc.cmdline())
        except psutil.NoSuchProcess:
            continue
    return rss / GB, kernels


async def one_reader(browser: Browser, url: str, keep_open: bool) -> dict[str, Any]:
    """Open the overview, wait for the chart, change the outlet filter, wait for the redraw."""
    page = await browser.new_page()
    result: dict[str, Any] = {"page": page, "chart": None, "redraw": None, "error": ""}
    started = time.perf_counter()
    try:
        await page.goto(url, timeout=180_000)
        await page.locator(POINTS).first.wait_for(timeout=180_000)
        result["chart"] = time.perf_counter() - started
        chart = page.locator(".nc-chart").first
        before = await chart.get_attribute("data-drawn")
        select = page.locator(".widget-select-multiple select").first
        options = await select.locator("option").all_inner_texts()
        changed = time.perf_counter()
        await select.select_option(label=[options[0]])
        await page.wait_for_function(
            "b => document.querySelector('.nc-chart').dataset.drawn !== b",
            arg=before, timeout=60_000, polling="raf",
        )  # fmt: skip
        result["redraw"] = time.perf_counter() - changed
    except Exception as exc:  # a reader who got no chart is the thing being counted
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    if not keep_open:
        await leave(page)
    return result


async def leave(page: Any) -> None:
    """Leave the page as a reader does (its beacon asks Voila to stop the kernel), then close.

    Playwright's page.close() drops the page before the beacon goes out; navigating away
    fires beforeunload as a real tab close does.
    """
    await page.goto("about:blank")
    await page.close()


async def run(args: argparse.Namespace) -> None:
    """Serve the seeds, send the readers, print the numbers."""
    home = make_home(Path(tempfile.mkdtemp(prefix="nc-bench-readers-")))
    logs = home / "logs"
    logs.mkdir()
    config = json.loads((PROJECT_ROOT / "voila.json").read_text(encoding="utf-8"))
    pools = config["VoilaKernelManager"]["kernel_pools_config"]
    changed = args.pool is not None or args.fill_delay is not None
    if args.pool is not None:  # the same settings but the overview's pool
        pools["overview.ipynb"]["pool_size"] = args.pool
    if args.fill_delay is not None:
        config["VoilaKernelManager"]["fill_delay"] = args.fill_delay
    if changed:
        (home / "config").mkdir()
        (home / "config" / "voila.json").write_text(json.dumps(config), encoding="utf-8")
    pool = pools["overview.ipynb"]["pool_size"]
    delay = config["VoilaKernelManager"]["fill_delay"]
    servers = start_voila(home, logs, config_dir=home / "config" if changed else PROJECT_ROOT)
    server = next(servers)
    url = server.url + "voila/render/overview.ipynb"
    pid = voila_pid(server.url)
    print(f"overview pool: {pool} preheated kernels, refilled {delay} s after use"
          + (" (set here, not voila.json's)" if changed else " (voila.json)"))  # fmt: skip
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        # Voila logs "pool is filled" once the kernels have started, not once they
        # have run the notebook: wait until the server and its kernels are idle.
        print(f"  pool warm after {await settle(pid):.0f} s")
        idle, idle_kernels = server_memory(pid)
        readers = await asyncio.gather(
            *(one_reader(browser, url, keep_open=True) for _ in range(args.concurrent))
        )
        busy, busy_kernels = server_memory(pid)
        shown = [r["chart"] for r in readers if r["chart"] is not None]
        redrawn = [r["redraw"] for r in readers if r["redraw"] is not None]
        for r in readers:
            if r["error"]:
                print(f"  reader failed: {r['error']}")
            await leave(r["page"])
        print(f"{args.concurrent} readers at once: {len(shown)} showed the charts, "
              f"{len(redrawn)} redrew after a filter change")  # fmt: skip
        if shown:
            print(f"  first chart: p50 {pct(shown, .5):.1f} s, p95 {pct(shown, .95):.1f} s, "
                  f"max {max(shown):.1f} s")  # fmt: skip
        if redrawn:
            print(f"  filter change -> redrawn: p50 {pct(redrawn, .5) * 1000:.0f} ms, "
                  f"p95 {pct(redrawn, .95) * 1000:.0f} ms")  # fmt: skip
        print(f"  server + kernels: {idle:.2f} GB with {idle_kernels} kernels idle, "
              f"{busy:.2f} GB with {busy_kernels} kernels and {args.concurrent} readers: "
              f"{(busy - idle) / args.concurrent * 1024:.0f} MB a reader")  # fmt: skip
        await asyncio.sleep(15)  # closed tabs' kernels shut down; the pool refills
        samples: list[tuple[int, float, int]] = []
        failed = 0
        times: list[float] = []
        for i in range(1, args.sequential + 1):
            r = await one_reader(browser, url, keep_open=False)
            failed += r["chart"] is None
            if r["chart"] is not None:
                times.append(r["chart"])
            if i % 10 == 0:
                await asyncio.sleep(3)
                gb, kernels = server_memory(pid)
                samples.append((i, gb, kernels))
                print(f"  after {i:3} sequential readers: {gb:.2f} GB, {kernels} kernels")
        await browser.close()
    next(servers, None)
    if samples:
        first, last = samples[0], samples[-1]
        growth = (last[1] - first[1]) * 1024
        print(f"{args.sequential} sequential readers: {args.sequential - failed} showed the "
              f"charts; first chart median {statistics.median(times):.1f} s; memory "
              f"{first[1]:.2f} GB after {first[0]} -> {last[1]:.2f} GB after {last[0]} "
              f"({growth:+.0f} MB), kernels {first[2]} -> {last[2]} (the pool refilling); "
              f"per live kernel, server included: "
              f"{first[1] / max(first[2], 1) * 1024:.0f} -> {last[1] / max(last[2], 1) * 1024:.0f}"
              f" MB; most: {max(s[1] for s in samples):.2f} GB, "
              f"{max(s[2] for s in samples)} kernels")  # fmt: skip


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=10)
    parser.add_argument("--sequential", type=int, default=100)
    parser.add_argument("--pool", type=int, default=None,
                        help="preheated overview kernels (default: voila.json's)")  # fmt: skip
    parser.add_argument("--fill-delay", type=float, default=None,
                        help="seconds before a used kernel is replaced")  # fmt: skip
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
