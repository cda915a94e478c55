"""Benchmark: ``newsclaims ingest`` (read, extract, correct, write Parquet) by corpus size.

For each size a synthetic corpus (:mod:`newsclaims.synth`, seed 0: the same
articles every run) is written once as one CSV, one article a row, and cached
in ``--cache`` (a million articles are about 4.5 GB). Then ``newsclaims
ingest`` runs in a fresh process, on one core (extraction in-process) and on
all cores (``--workers N``, a local Dask cluster; the ingest process reads the
next batch while the workers extract this one). Corpora above 256 MiB are
streamed in batches of 20,000 articles (``newsclaims.tables.stream``); smaller
ones are built in memory, as a desk's ingest is.

Printed for each run:

* wall time and articles per second;
* CPU seconds of the whole process tree (``getrusage(RUSAGE_CHILDREN)``: the
  ingest and its Dask workers) and articles per CPU-second, which a shared,
  noisy machine disturbs less than the wall time;
* peak RSS of the process tree (the sum over the ingest and its workers,
  sampled every 0.2 s with psutil) and of its largest process (``VmHWM``);
* the size of the Parquet tables written (articles, with their text, and claims).

Each result is appended to ``--results`` (JSON lines) and the table of all
results there is written as Markdown to ``--table`` and printed.

Goal (issue 7): a million articles on this 2-core machine under 4 GB peak.

Run:  .venv/bin/python bench/bench_ingest.py [--sizes 1000 10000 100000 1000000] [--cores 1 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil  # comes with dask.distributed, a runtime dependency

from newsclaims.synth import write_csv

CACHE = Path(tempfile.gettempdir()) / "newsclaims-bench"


def corpus(n: int, cache: Path) -> Path:
    """The cached CSV of ``n`` synthetic articles (seed 0), written if missing."""
    path = cache / f"synth-{n}.csv"
    if not path.exists():
        started = time.perf_counter()
        write_csv(path, n, seed=0)
        print(f"  wrote {path} ({path.stat().st_size / 2**20:,.0f} MiB) "
              f"in {time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    return path


class TreeSampler(threading.Thread):
    """Samples the RSS of a process and its descendants until stopped; keeps the peaks."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.every = every
        self.peak_tree = 0  # bytes: the largest sum over the tree at one sample
        self.peak_one = 0  # bytes: the largest VmHWM (peak RSS) of one process
        self.most_processes = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                    self.peak_one = max(self.peak_one, _vm_hwm(proc.pid))
                except psutil.Error:
                    continue
            self.peak_tree = max(self.peak_tree, total)
            self.most_processes = max(self.most_processes, len(procs))
            self.done.wait(self.every)


def _vm_hwm(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def run_ingest(csv_path: Path, cores: int, out: Path, batch: int | None) -> dict[str, Any]:
    """One ``newsclaims ingest`` of ``csv_path`` in a fresh process; its measurements."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable, "-m", "newsclaims.cli", "ingest", str(csv_path), "--out", str(out),
        "--manifest", str(out.parent / "no-manifest.csv"),
        "--corrections", str(out.parent / "no-corrections.csv"),
    ]  # fmt: skip
    if cores > 1:
        cmd += ["--workers", str(cores)]
    if batch:
        cmd += ["--batch", str(batch)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{stdout[-3000:]}\n{stderr[-3000:]}")
    counts = re.search(r"^(\d+) articles .*?, (\d+) claims$", stdout, re.MULTILINE)
    assert counts, stdout[:2000]
    streamed = re.search(r"^streamed in (\d+) batch", stdout, re.MULTILINE)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    articles = int(counts.group(1))
    return {
        "articles": articles,
        "claims": int(counts.group(2)),
        "cores": cores,
        "path": f"streamed, {streamed.group(1)} batches" if streamed else "in memory",
        "wall_s": round(wall, 1),
        "cpu_s": round(cpu, 1),
        "per_s": round(articles / wall, 1),
        "per_cpu_s": round(articles / cpu, 1),
        "peak_tree_gb": round(sampler.peak_tree / 1e9, 2),
        "peak_one_gb": round(sampler.peak_one / 1e9, 2),
        "processes": sampler.most_processes,
        "parquet_mb": round(sum(_size(p) for p in out.glob("*.parquet")) / 1e6, 1),
        "claims_parquet_mb": round(_size(out / "claims.parquet") / 1e6, 1),
        "input_mb": round(csv_path.stat().st_size / 1e6, 1),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "host_cores": os.cpu_count(),
    }


def table(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table, by size then cores (the latest run of each)."""
    latest: dict[tuple[int, int], dict[str, Any]] = {}
    for row in results:
        latest[(row["articles"], row["cores"])] = row
    lines = [
        "| articles | cores | path | claims | wall | articles/s | CPU s | articles per "
        "CPU-s | peak RSS, tree (largest process) | Parquet (claims) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (_n, _c), r in sorted(latest.items()):
        lines.append(
            f"| {r['articles']:,} | {r['cores']} | {r['path']} | {r['claims']:,} | "
            f"{r['wall_s']:,.0f} s | {r['per_s']:,.0f} | {r['cpu_s']:,.0f} | "
            f"{r['per_cpu_s']:,.0f} | {r['peak_tree_gb']:.2f} GB ({r['peak_one_gb']:.2f}) | "
            f"{r['parquet_mb']:,.0f} MB ({r['claims_parquet_mb']:,.0f}) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark; print each run and the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--cores", type=int, nargs="+", default=[1, os.cpu_count() or 2])
    parser.add_argument("--batch", type=int, default=None, help="--batch for ingest")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where corpora are kept")
    parser.add_argument("--results", type=Path, default=CACHE / "ingest-results.jsonl")
    parser.add_argument("--table", type=Path, default=CACHE / "ingest-results.md")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        path = corpus(n, args.cache)
        for cores in args.cores:
            with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
                row = run_ingest(path, cores, Path(tmp) / "processed", args.batch)
            print(
                f"{n:>9,} articles, {cores} core(s), {row['path']}: {row['wall_s']:,.0f} s, "
                f"{row['per_s']:,.0f} articles/s, {row['per_cpu_s']:,.0f} per CPU-second, "
                f"peak RSS {row['peak_tree_gb']:.2f} GB (largest process "
                f"{row['peak_one_gb']:.2f}), Parquet {row['parquet_mb']:,.0f} MB",
                flush=True,
            )
            with args.results.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(row) + "\n")
    rows = [json.loads(line) for line in args.results.read_text().splitlines() if line.strip()]
    text = table(rows)
    args.table.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"(table in {args.table})")


if __name__ == "__main__":
    main()
