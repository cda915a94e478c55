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
Parquet size. Goal (issue 7): under 300 ms p95 at 1M articles. ``--legacy``
also times, in the same run and on the same filters (alternating, so that a
noisy machine weighs on both alike), the query path of commit bf4ab46 (before
the single-scan view): its SQL over its own database layout, kept here only
to compare. ``--breakdown`` prints the time of each query (median and p95).
``--other-views`` times the same filters under other view settings as well
(:data:`OTHER_VIEWS`: a reader who sorted the claims table by value, say), in turn
with the default.

The corpora are kept in ``--corpus`` (built once; a million articles take a few
minutes), with the dashboard database the store builds beside them.

Run:  .venv/bin/python bench/bench_query.py [--sizes 100000 1000000] [--changes 30]
          [--legacy] [--breakdown] [--other-views] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from newsclaims import charts, filters, schema, tables, views
from newsclaims.filters import ClaimFilter
from newsclaims.overview import FrameData, StoreData
from newsclaims.store import ClaimStore, _parquet, date_condition, filter_condition
from newsclaims.tables import load_tables

METRICS = ["troops", "killed", "wounded", "casualties", "equipment", "displaced", "prisoners"]
QUALIFIERS = ["exact", "approx", "up_to", "at_least", "range", "vague"]
PARTIES = ["Russia", "Ukraine", "North Korea", None]
CLAIMANTS = [f"Claimant {i}" for i in range(60)] + [None]
PART_ROWS = 100_000  # articles per part


def build(root: Path, n: int, seed: int = 0) -> None:
    """Write ``n`` synthetic articles and their claims under ``root`` as an ingest lays out a
    large corpus (:func:`newsclaims.tables.write_tables`): folders of Parquet parts named
    ``articles.parquet`` and ``claims.parquet``, and an ingest report (empty), so that
    the dashboards read it as they read ``data/processed/`` at any size: the store above
    200,000 claims, frames below (a corpus they could not read would be rebuilt from the
    seeds, and a benchmark would time the seeds)."""
    rng = np.random.default_rng(seed)
    articles_dir, claims_dir = root / "articles.parquet", root / "claims.parquet"
    articles_dir.mkdir(parents=True)
    claims_dir.mkdir(parents=True)
    schema.empty(tables.TABLES["ingest_report"]).to_parquet(
        root / "ingest_report.parquet", index=False
    )
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
        articles.to_parquet(articles_dir / f"part-{part:05d}.parquet", index=False)
        claims.to_parquet(claims_dir / f"part-{part:05d}.parquet", index=False)


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
#: The view settings ``--other-views`` times beside the default one, on the same filters:
#: each makes a query the default does not (a top-100 over every matching claim for the
#: claims table, claimants' colours in SQL, casualty rows grouped by outlet).
OTHER_VIEWS = {
    "claimant colours, log scale, grouped by outlet, sorted by value (desc)": {
        "color_by": "claimant", "log_y": True, "group_by": "outlet", "sort_by": "Value",
        "descending": True,
    },
    "sorted by outlet": {**VIEW, "sort_by": "Outlet"},
}  # fmt: skip


def corpus(folder: Path, n: int) -> Path:
    """``folder/<n>``: the synthetic corpus of ``n`` articles, built on first use (and again
    when kept in the layout before the ingest report, with ``claims/`` folders)."""
    root = folder / str(n)
    if root.exists() and not (root / "ingest_report.parquet").is_file():
        shutil.rmtree(root)
    if not root.exists():
        tmp = folder / f".{n}.{os.getpid()}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        build(tmp, n)
        tmp.replace(root)
    return root


class Timed:
    """A DuckDB connection that adds up the time of each statement (with its fetch),
    named by the ``/* name */`` comment the SQL starts with (else its first words).

    Its cursors (the view's second query thread, ``ClaimStore.cursor``) add to the
    same times, which :meth:`reset` starts again."""

    def __init__(self, con: duckdb.DuckDBPyConnection, parent: Timed | None = None) -> None:
        self._con = con
        self._root: Timed = parent or self
        self._lock = threading.Lock()
        self.times: dict[str, float] = defaultdict(float)

    def reset(self) -> None:
        self.times = defaultdict(float)

    def add(self, label: str, seconds: float) -> None:
        root = self._root
        with root._lock:
            root.times[label] += seconds

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)

    def cursor(self) -> Timed:
        return Timed(self._con.cursor(), self._root)

    def execute(self, sql: str, params: object = None) -> Any:
        named = re.match(r"\s*/\*\s*([\w ()-]+?)\s*\*/", sql)
        label = named.group(1) if named else " ".join(sql.split()[:4])[:40]
        started = time.perf_counter()
        result = self._con.execute(sql, params) if params is not None else self._con.execute(sql)
        self.add(label, time.perf_counter() - started)
        return _TimedResult(result, self, label)


class _TimedResult:
    def __init__(self, result: Any, timer: Timed, label: str) -> None:
        self._result, self._timer, self._label = result, timer, label

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._result, name)
        if not callable(method):
            return method

        def timed_call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self._timer.add(self._label, time.perf_counter() - started)

        return timed_call


# --- the query path of bf4ab46, kept to compare (not used by the dashboards) -------------

_LEGACY_ROWS = """
SELECT {claims},
       a.title, a.outlet, a.published, a.published_precision,
       coalesce(a.outlet, '{unknown_outlet}') AS outlet_label,
       coalesce(c.claimant, '{unattributed}') AS claimant_label,
       coalesce(c.party, '(party unknown)') AS party_label,
       CASE a.published_precision
            WHEN 'day' THEN a.published
            WHEN 'month' THEN last_day(a.published)
            ELSE CAST(date_trunc('year', a.published) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
       END AS published_end
FROM {claims_table} c
LEFT JOIN (SELECT {articles} FROM {articles_table}) a USING (article_id)
"""


class Legacy:
    """bf4ab46's StoreData.view: one query per count, chart and table, over its database
    (claims joined to articles, sorted by date; article labels computed per query)."""

    def __init__(self, root: Path) -> None:
        from newsclaims.store import ARTICLE_COLUMNS, CLAIM_COLUMNS

        database = root / "legacy.duckdb"
        if not database.exists():
            tmp = root / ".legacy.duckdb.tmp"
            tmp.unlink(missing_ok=True)
            con = duckdb.connect(str(tmp))
            rows = _LEGACY_ROWS.format(
                claims=", ".join(f"c.{c}" for c in CLAIM_COLUMNS),
                articles=", ".join(ARTICLE_COLUMNS),
                claims_table=_parquet(root / "claims"), articles_table=_parquet(root / "articles"),
                unknown_outlet=charts.UNKNOWN_OUTLET, unattributed=charts.UNATTRIBUTED,
            )  # fmt: skip
            con.execute(
                f"CREATE TABLE articles AS SELECT {', '.join(ARTICLE_COLUMNS)} FROM "
                f"{_parquet(root / 'articles')} ORDER BY article_id"
            )
            con.execute(f"CREATE TABLE joined AS {rows} ORDER BY published, article_id, start")
            con.close()
            tmp.replace(database)
        self.raw = duckdb.connect(str(database), read_only=True)
        self.raw.execute("CREATE TEMP VIEW claim_rows AS SELECT * FROM joined")
        self.raw.execute(
            "CREATE TEMP VIEW article_rows AS SELECT *, "
            f"coalesce(nullif(trim(outlet), ''), '{views.UNKNOWN_OUTLET}') AS outlet_label, "
            "CASE published_precision WHEN 'day' THEN published "
            "WHEN 'month' THEN last_day(published) "
            "ELSE CAST(date_trunc('year', published) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE) "
            "END AS published_end FROM articles"
        )
        self.con: Any = self.raw

    def _in(self, cond: str, params: list[Any], metrics: tuple[str, ...]) -> tuple[str, list[Any]]:
        if not metrics:
            return cond + " AND FALSE", params
        return cond + f" AND metric IN ({', '.join('?' * len(metrics))})", [*params, *metrics]

    def _rows(self, cond: str, params: list[Any], limit: int | None = None,
              order_by: str = "published, article_id, start") -> pd.DataFrame:  # fmt: skip
        sql = (
            "/* rows */ SELECT * EXCLUDE (party_label, published_end) FROM claim_rows "
            f"WHERE {cond} ORDER BY {order_by}"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        frame = self.con.execute(sql, params).df()
        frame["published"] = pd.to_datetime(frame["published"])
        return _date_labels(frame)

    def _count(self, cond: str, params: list[Any], metrics: tuple[str, ...]) -> int:
        c, p = self._in(cond, params, metrics)
        got = self.con.execute(
            f"/* count */ SELECT count(*) FROM claim_rows WHERE {c}", p
        ).fetchone()
        return int(got[0]) if got else 0

    def view(self, flt: ClaimFilter, color_by: str, log_y: bool, group_by: str, sort_by: str,
             descending: bool) -> dict[str, Any]:  # fmt: skip
        cond, params = filter_condition(flt)
        n, m, known = self.con.execute(
            "/* summary */ SELECT count(*), count(DISTINCT article_id), count(DISTINCT outlet) "
            f"FROM claim_rows WHERE {cond}", params,
        ).fetchone()  # fmt: skip
        unknown = self.con.execute(
            f"/* count */ SELECT count(*) FROM claim_rows WHERE {cond} AND outlet IS NULL", params
        ).fetchone()
        claims_summary = filters.summary_line(n, m, known, bool(unknown and unknown[0]))
        label = "claimant_label" if color_by == "claimant" else "outlet_label"
        if self._count(cond, params, ("troops",)) > charts.MAX_MARKS:
            c, p = self._in(cond, params, ("troops",))
            binned = self.con.execute(
                f"/* binned */ SELECT date_trunc('month', published) AS month, {label} AS label, "
                "metric, qualifier, value_low, value_high, count(*) AS n, "
                "any_value(figure_text) AS example, count(DISTINCT article_id) AS articles "
                f"FROM claim_rows WHERE {c} AND published IS NOT NULL "
                "GROUP BY ALL ORDER BY month, label, value_high NULLS FIRST, value_low", p,
            ).df()  # fmt: skip
            binned["month"] = pd.to_datetime(binned["month"])
            troops = charts.binned_spec(binned, color_by=color_by, log_y=log_y)
        else:
            c, p = self._in(cond, params, ("troops",))
            troops = charts.troop_spec(self._rows(c, p), color_by=color_by, log_y=log_y)
        c, p = self._in(cond, params, charts.CASUALTY_METRICS)
        if self._count(cond, params, charts.CASUALTY_METRICS) > 5_000:
            by = "outlet_label" if group_by == "outlet" else "claimant_label"
            keys = f"metric, {by}, party, qualifier, value_low, value_high"
            like = self.con.execute(
                "/* like_claims */ WITH g AS (SELECT *, "
                f"count(*) OVER (PARTITION BY {keys}) AS n_claims, "
                f"row_number() OVER (PARTITION BY {keys} ORDER BY claim_id) AS pick "
                f"FROM claim_rows WHERE {c}) "
                "SELECT * EXCLUDE (party_label, published_end, pick) FROM g WHERE pick = 1 "
                "QUALIFY row_number() OVER (PARTITION BY metric ORDER BY n_claims DESC, claim_id) "
                "<= 40", p,
            ).df()  # fmt: skip
            like["published"] = pd.to_datetime(like["published"])
            casualties = charts.casualty_spec(_date_labels(like), group_by=group_by)
        else:
            casualties = charts.casualty_spec(self._rows(c, p), group_by=group_by)
        order = {
            "Published": "published", "Outlet": "outlet_label", "Claimant": "claimant_label",
            "Metric": "metric", "Value": "coalesce(value_high, value_low)",
        }.get(sort_by, "published")  # fmt: skip
        direction = "DESC" if descending else "ASC"
        page = self._rows(cond, params, limit=views.TABLE_ROWS, order_by=(
            f"{order} {direction} NULLS LAST, article_id {direction}, start {direction}"
        ))  # fmt: skip
        claims_table = views.claims_table_html(page, sort_by, descending, total=n)
        where, args = _legacy_articles_where(flt)
        counts = self.con.execute(
            "/* articles */ SELECT count(*), count(DISTINCT outlet_label) FILTER "
            f"(WHERE outlet_label <> '{views.UNKNOWN_OUTLET}'), "
            f"count(*) FILTER (WHERE outlet_label = '{views.UNKNOWN_OUTLET}') "
            f"FROM article_rows WHERE {where}", args,
        ).fetchone() or (0, 0, 0)  # fmt: skip
        articles = self.con.execute(
            f"/* articles */ SELECT * EXCLUDE (outlet_label, published_end) FROM article_rows "
            f"WHERE {where} ORDER BY article_id LIMIT {views.TABLE_ROWS}", args,
        ).df()  # fmt: skip
        articles["published"] = pd.to_datetime(articles["published"])
        return {
            "n_claims": str(n), "claims_summary": claims_summary, "troops": troops,
            "casualties": casualties, "claims_table": claims_table,
            "articles_summary": views.counts_line(*(int(c) for c in counts)),
            "articles_table": views.articles_table_html(articles, total=int(counts[0])),
        }  # fmt: skip


def _legacy_articles_where(flt: ClaimFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.outlets is not None:
        clauses.append(
            f"outlet_label IN ({', '.join('?' * len(flt.outlets))})" if flt.outlets else "FALSE"
        )
        params.extend(flt.outlets)
    dates, args = date_condition(flt)
    return " AND ".join([*clauses, *dates]) or "TRUE", [*params, *args]


def _date_labels(rows: pd.DataFrame) -> pd.DataFrame:
    rows["date_label"] = [
        charts.published_label(p, q)
        for p, q in zip(rows["published"], rows["published_precision"], strict=True)
    ]
    return rows


def with_duckdb(data: StoreData | Legacy, flt: ClaimFilter) -> None:
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


def ms(values: list[float]) -> str:
    return f"{pct(values, 0.5) * 1e3:6.0f} / {pct(values, 0.95) * 1e3:6.0f}"


def run_timed(data: Any, flt: ClaimFilter, per_query: dict[str, list[float]]) -> float:
    """One filter change; the time of each of its queries goes to ``per_query``.

    The view's queries run on two threads (``StoreData.view``), so they overlap one
    another and the Python that makes the charts: the line "(view minus its queries)"
    is what is left of the view's time once theirs is taken off, not Python alone."""
    if isinstance(data, Legacy):
        timer = Timed(data.con)
        data.con = timer
    else:
        timer = data.con
        assert isinstance(timer, Timed), "timed_store() first"
        timer.reset()
    try:
        total = timed(with_duckdb, data, flt)
    finally:
        if isinstance(data, Legacy):
            data.con = data.raw
    for label, seconds in timer.times.items():
        per_query[label].append(seconds)
    per_query["(view minus its queries)"].append(total - sum(timer.times.values()))
    return total


def timed_store(store: ClaimStore) -> StoreData:
    """The overview's data over ``store``, every query it runs timed (:class:`Timed`)."""
    store.con = Timed(store.con)  # type: ignore[assignment]
    return StoreData(store)


def breakdown(name: str, per_query: dict[str, list[float]], changes: int) -> None:
    print(f"   {name}: per query, median / p95 ms over {changes} changes (0 if not run)")
    for label, values in sorted(per_query.items()):
        values = values + [0.0] * (changes - len(values))
        print(f"      {label:<28} {ms(values)}")


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--pandas-up-to", type=int, default=1_000_000)
    parser.add_argument("--legacy", action="store_true", help="also time bf4ab46's query path")
    parser.add_argument("--breakdown", action="store_true", help="print each query's time")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all)")
    parser.add_argument(
        "--other-views", action="store_true",
        help="also time the filters under other view settings (OTHER_VIEWS), in turn",
    )  # fmt: skip
    parser.add_argument(
        "--corpus", type=Path, default=Path(tempfile.gettempdir()) / "nc-query-corpus",
        help="where the synthetic corpora are kept between runs",
    )  # fmt: skip
    args = parser.parse_args()
    args.corpus.mkdir(parents=True, exist_ok=True)
    print("articles   claims     parquet  duckdb p50/p95 ms   pandas p50/p95 ms  peak RSS")
    for n in args.sizes:
        root = corpus(args.corpus, n)
        size = sum(p.stat().st_size for p in root.rglob("*.parquet")) / 1e6
        store = ClaimStore.open(root, threads=args.threads)
        data = timed_store(store)
        offered = store.choices()
        rng = random.Random(1)
        flts = [random_filter(rng, offered) for _ in range(args.changes)]
        legacy = Legacy(root) if args.legacy else None
        if legacy is not None and args.threads:
            legacy.raw.execute(f"SET threads = {int(args.threads)}")
        with_duckdb(data, ClaimFilter())  # warm: file metadata, caches
        if legacy is not None:
            with_duckdb(legacy, ClaimFilter())
        duck: list[float] = []
        old: list[float] = []
        per_query: dict[str, list[float]] = defaultdict(list)
        per_query_old: dict[str, list[float]] = defaultdict(list)
        others: dict[str, list[float]] = {name: [] for name in OTHER_VIEWS}
        for f in flts:  # alternating: a noisy neighbour slows both alike
            duck.append(run_timed(data, f, per_query))
            if legacy is not None:
                old.append(run_timed(legacy, f, per_query_old))
            if args.other_views:
                for name, settings in OTHER_VIEWS.items():
                    started = time.perf_counter()
                    data.view(f, **settings)  # type: ignore[arg-type]
                    others[name].append(time.perf_counter() - started)
        claims = store.summary(ClaimFilter())[0]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        pand = "-"
        if n <= args.pandas_up_to:
            loaded = load_tables(root, rebuild=False)  # as the dashboards read it
            frames = FrameData(loaded.articles, loaded.claims)
            times = [timed(with_pandas, frames, f) for f in flts]
            pand = ms(times)
            del frames
        print(f"{n:>9,} {claims:>9,} {size:7.0f} MB  {ms(duck)}   {pand:>17}  {rss:6.0f} MB"
              " (peak RSS before the frames are loaded)")  # fmt: skip
        print(f"   duckdb median {statistics.median(duck) * 1e3:.0f} ms over {len(duck)} changes")
        if legacy is not None:
            print(f"   bf4ab46 query path, same changes: {ms(old)} ms p50 / p95")
        for name, times in others.items():
            if times:
                print(f"   {name}, same changes: {ms(times)} ms p50 / p95")
        if args.breakdown:
            breakdown("this query path", per_query, len(duck))
            if legacy is not None:
                breakdown("bf4ab46 query path", per_query_old, len(old))


if __name__ == "__main__":
    main()
