"""Benchmark: a dashboard filter change at 100k and 1M articles, DuckDB vs pandas.

Builds a synthetic processed dataset (articles and claims Parquet parts with the
real schemas; about five claims an article, 200 outlets, three years of dates;
no extraction, so it takes seconds) and times what the overview needs after a
filter change (newsclaims.overview: StoreData.view): the count lines, the
troop chart (binned per month, outlet, hedge and bounds above 3,000 claims),
the casualty chart (like claims grouped), and a page of each table. Baseline in
the same run: the same from pandas frames held in memory (FrameData.view),
which is what the dashboards do below 200,000 claims.

Prints p50 / p95 over ``--changes`` random filter changes, peak RSS, and the
Parquet size. Goal (issue 7): under 300 ms p95 at 1M articles.

Run:  .venv/bin/python bench/bench_query.py [--sizes 100000 1000000] [--changes 30]
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from newsclaims import filters
from newsclaims.filters import ClaimFilter
from newsclaims.overview import FrameData, StoreData
from newsclaims.store import ClaimStore

METRICS = ["troops", "killed", "wounded", "casualties", "equipment", "displaced", "prisoners"]
QUALIFIERS = ["exact", "approx", "up_to", "at_least", "range", "vague"]
PARTIES = ["Russia", "Ukraine", "North Korea", None]
CLAIMANTS = [f"Claimant {i}" for i in range(60)] + [None]
PART_ROWS = 100_000  # articles per part


def build(root: Path, n: int, seed: int = 0) -> None:
    """Write ``n`` synthetic articles and their claims as Parquet parts under ``root``."""
    rng = np.random.default_rng(seed)
    (root / "articles").mkdir(parents=True)
    (root / "claims").mkdir(parents=True)
    for part, lo in enumerate(range(0, n, PART_ROWS)):
        hi = min(n, lo + PART_ROWS)
        ids = [f"a{i:08d}" for i in range(lo, hi)]
        days = rng.integers(0, 3 * 365, hi - lo)
        published = pd.to_datetime(date(2022, 2, 24)) + pd.to_timedelta(days, unit="D")
        articles = pd.DataFrame({
            "article_id": ids,
            "title": [f"Article {i}" for i in range(lo, hi)],
            "outlet": pd.Series(rng.integers(0, 200, hi - lo)).map(lambda k: f"Outlet {k}")
            .where(rng.random(hi - lo) > 0.05, None),
            "published": published.where(rng.random(hi - lo) > 0.02),
            "published_precision": rng.choice(["day", "day", "month"], hi - lo),
            "outlet_basis": "manifest", "published_basis": "manifest",
            "word_count": rng.integers(200, 1500, hi - lo),
        })  # fmt: skip
        per = rng.integers(1, 10, hi - lo)
        owner = np.repeat(np.arange(hi - lo), per)
        m = len(owner)
        low = rng.choice([100, 1_000, 5_000, 10_000, 50_000, 100_000], m).astype("float64")
        claims = pd.DataFrame({
            "claim_id": [f"c{lo:08d}{j:06d}" for j in range(m)],
            "article_id": np.array(ids)[owner],
            "start": rng.integers(0, 3000, m), "end": rng.integers(3000, 3100, m),
            "figure_text": "about 10,000 troops",
            "sentence": "Officials said about 10,000 troops had been sent, the ministry said.",
            "metric": rng.choice(METRICS, m), "party": rng.choice(PARTIES, m),
            "value_low": low, "value_high": low * rng.choice([1, 1, 2], m),
            "qualifier": rng.choice(QUALIFIERS, m), "claimant": rng.choice(CLAIMANTS, m),
            "relay": None, "hedged": rng.random(m) < 0.3, "hedge": None, "rule": "synthetic",
        })  # fmt: skip
        articles.to_parquet(root / "articles" / f"part-{part:05d}.parquet", index=False)
        claims.to_parquet(root / "claims" / f"part-{part:05d}.parquet", index=False)


def random_filter(rng: random.Random, offered: filters.Choices) -> ClaimFilter:
    """A filter an editor might set: some outlets or a metric, a date range, a hedge."""
    start = date(2022, 2, 24).toordinal()
    a, b = sorted(rng.sample(range(start, start + 3 * 365), 2))
    outlets = tuple(rng.sample(offered.outlets, rng.randint(1, 20)))
    metrics = tuple(rng.sample(offered.metrics, rng.randint(1, 3)))
    return ClaimFilter(
        outlets=outlets if rng.random() < .7 else None,
        metrics=metrics if rng.random() < .5 else None,
        hedged=rng.choice([None, None, True, False]),
        date_from=date.fromordinal(a) if rng.random() < .6 else None,
        date_to=date.fromordinal(b) if rng.random() < .6 else None,
    )  # fmt: skip


VIEW = {"color_by": "outlet", "log_y": False, "group_by": "claimant", "sort_by": "Published",
        "descending": False}  # fmt: skip


def with_duckdb(data: StoreData, flt: ClaimFilter) -> None:
    """What the overview computes after a filter change, from the store (the dashboard's path)."""
    data.view(flt, **VIEW)  # type: ignore[arg-type]


def with_pandas(data: FrameData, flt: ClaimFilter) -> None:
    """The same from frames held in memory."""
    data.view(flt, **VIEW)  # type: ignore[arg-type]


def timed(fn: object, *args: object) -> float:
    started = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--pandas-up-to", type=int, default=1_000_000)
    args = parser.parse_args()
    print("articles   claims     parquet  duckdb p50/p95 ms   pandas p50/p95 ms  peak RSS")
    for n in args.sizes:
        root = Path(tempfile.mkdtemp(prefix=f"nc-query-{n}-"))
        try:
            build(root, n)
            size = sum(p.stat().st_size for p in root.rglob("*.parquet")) / 1e6
            store = ClaimStore.open(root)
            data = StoreData(store)
            offered = store.choices()
            rng = random.Random(1)
            flts = [random_filter(rng, offered) for _ in range(args.changes)]
            with_duckdb(data, ClaimFilter())  # warm: file metadata, caches
            duck = [timed(with_duckdb, data, f) for f in flts]
            claims = store.summary(ClaimFilter())[0]
            pand = "-"
            if n <= args.pandas_up_to:
                frames = FrameData(
                    pd.read_parquet(root / "articles"), pd.read_parquet(root / "claims")
                )
                times = [timed(with_pandas, frames, f) for f in flts]
                pand = f"{pct(times, 0.5) * 1e3:6.0f} / {pct(times, 0.95) * 1e3:6.0f}"
                del frames
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:>9,} {claims:>9,} {size:7.0f} MB  "
                  f"{pct(duck, .5) * 1e3:6.0f} / {pct(duck, .95) * 1e3:6.0f}   "
                  f"{pand:>17}  {rss:6.0f} MB")  # fmt: skip
            print(
                f"   duckdb median {statistics.median(duck) * 1e3:.0f} ms over {len(duck)} changes"
            )
        finally:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
