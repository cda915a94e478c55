"""What the overview dashboard shows, from frames in memory or from the store on disk.

:class:`newsclaims.app.OverviewApp` asks one of these for everything it draws
after a filter change: the filters' choices, the count lines, the two charts and
the two tables. :class:`FrameData` answers from pandas frames (the seeds, a
desk's few thousand articles); :class:`StoreData` answers with SQL over the
processed Parquet parts (:class:`newsclaims.store.ClaimStore`), so a reader's
kernel holds only what is on the page, never the whole corpus or its text.
Both give the same answers (tests compare them); the app cannot tell which it
has, and the notebooks stay the same at every size.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from newsclaims import charts, filters, schema, views
from newsclaims.filters import Choices, ClaimFilter
from newsclaims.store import ClaimStore, table_parts

#: Above this many claims the dashboards query the store instead of loading frames.
LARGE = 200_000
#: Casualty claims fetched one by one at most; more are grouped in SQL.
CASUALTY_ROWS = 5_000
#: Claims fetched in one query for the table and both charts at most (one scan instead
#: of three: the page, the troop claims, the casualty claims); more: a query each.
SMALL = 5_000
#: Query threads of a view over the dashboard database: one per core of the machine
#: it was measured on (two); DuckDB runs each query on every core as well.
SQL_THREADS = 2
#: The order the charts get claims in (it decides how marks at one place are spread),
#: as the claims table sorts them "by Published" (then one query serves both).
CHART_ORDER = "published ASC NULLS LAST, article_id ASC, start ASC, claim_id ASC"
CASUALTIES = charts.CASUALTY_METRICS


def _date_labels(rows: pd.DataFrame) -> pd.DataFrame:
    rows["date_label"] = charts.published_labels(rows["published"], rows["published_precision"])
    return rows


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text columns as Python strings: the charts and tables read values
    one by one, which costs twice as much from Arrow-backed text as from objects."""
    text = {c: object for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)}
    return frame.astype(text) if text else frame


#: The claim columns the overview's charts and claims table read: charts.troop_spec,
#: charts.casualty_spec, views.claims_table_html (tests compare them with FrameData's).
SHOWN = (
    "claim_id", "article_id", "start", "figure_text", "sentence", "metric", "party",
    "value_low", "value_high", "qualifier", "relay", "hedged", "hedge", "published",
    "published_precision", "outlet_label", "claimant_label",
)  # fmt: skip


#: What a view is made of, in the page's order (the keys of what ``view`` returns).
PARTS = ("n_claims", "claims_summary", "troops", "casualties", "claims_table",
         "articles_summary", "articles_table")  # fmt: skip
#: Called with each part of a view as soon as it is made: its name and value.
Emit = Callable[[str, Any], None]


class _Parts:
    """A view's parts as they are made: kept, and handed on to ``emit`` if given."""

    def __init__(self, emit: Emit | None) -> None:
        self.parts: dict[str, str | charts.Spec] = {}
        self._emit = emit

    def __call__(self, name: str, value: str | charts.Spec) -> None:
        self.parts[name] = value
        if self._emit is not None:
            self._emit(name, value)


class _Outdated:
    #: The processed files this data came from (see tables.processed_signature); () if none.
    signature: tuple[tuple[str, int, int], ...] = ()

    def outdated(self) -> bool:
        """True if ``data/processed/`` changed since this data was opened from it."""
        from newsclaims.tables import processed_signature

        return bool(self.signature) and processed_signature() != self.signature


class FrameData(_Outdated):
    """The overview's answers from the articles and claims frames."""

    def __init__(self, articles: pd.DataFrame, claims: pd.DataFrame | None = None) -> None:
        self.articles = articles
        self.claims = claims if claims is not None else schema.empty(schema.CLAIMS)
        self.rows = charts.claims_with_articles(self.claims, articles)

    def outlet_choices(self) -> list[tuple[str, str]]:
        return views.outlet_choices(self.articles)

    def date_bounds(self) -> tuple[date | None, date | None]:
        return views.date_bounds(self.articles)

    def has_undated(self) -> bool:
        return bool(self.articles["published"].isna().any())

    def choices(self) -> Choices:
        return filters.choices(self.rows)

    def filtered(self, flt: ClaimFilter) -> pd.DataFrame:
        """Every claim that passes ``flt`` (for the export)."""
        return filters.filter_claims(self.rows, flt)

    def view(
        self, flt: ClaimFilter, color_by: str, log_y: bool, group_by: str, sort_by: str,
        descending: bool, emit: Emit | None = None,
    ) -> dict[str, str | charts.Spec]:  # fmt: skip
        """Count lines, chart specs and table HTML for ``flt``; each also given to ``emit``
        (name, value) as soon as it is made, in the page's order (:data:`PARTS`)."""
        out = _Parts(emit)
        shown = filters.filter_claims(self.rows, flt)
        out("n_claims", str(len(shown)))
        out("claims_summary", filters.summary(shown))
        out("troops", charts.troop_spec(shown, color_by=color_by, log_y=log_y))
        out("casualties", charts.casualty_spec(shown, group_by=group_by))
        out("claims_table", views.claims_table_html(shown, sort_by, descending))
        articles = views.filter_articles(
            self.articles, flt.outlets, flt.date_from, flt.date_to, flt.include_undated
        )
        out("articles_summary", views.summary_line(articles))
        out("articles_table", views.articles_table_html(articles))
        return out.parts


class StoreData(_Outdated):
    """The overview's answers from SQL over the processed Parquet parts."""

    def __init__(self, store: ClaimStore) -> None:
        self.store = store
        self.con = store.con  # with the store's views claim_rows and article_rows
        #: The threads that run :meth:`view`'s queries (made on first use).
        self._sql: ThreadPoolExecutor | None = None
        #: Each of those threads' store (:meth:`_worker`).
        self._local = threading.local()

    @classmethod
    def open(cls, processed_dir: Path) -> StoreData:
        return cls(ClaimStore.open(processed_dir))

    def outlet_choices(self) -> list[tuple[str, str]]:
        counts = dict(
            self.con.execute(
                "SELECT outlet_label, count(*) FROM article_rows GROUP BY ALL"
            ).fetchall()
        )
        known = sorted((o for o in counts if o != views.UNKNOWN_OUTLET), key=str.casefold)
        ordered = known + ([views.UNKNOWN_OUTLET] if views.UNKNOWN_OUTLET in counts else [])
        return [(f"{o} ({counts[o]})", o) for o in ordered]

    def date_bounds(self) -> tuple[date | None, date | None]:
        got = self.con.execute("SELECT min(published), max(published_end) FROM article_rows")
        first, last = got.fetchone() or (None, None)
        return (
            None if first is None else pd.Timestamp(first).date(),
            None if last is None else pd.Timestamp(last).date(),
        )

    def has_undated(self) -> bool:
        got = self.con.execute("SELECT count(*) FROM article_rows WHERE published IS NULL")
        return bool((got.fetchone() or (0,))[0])

    def choices(self) -> Choices:
        return self.store.choices()

    def filtered(self, flt: ClaimFilter) -> pd.DataFrame:
        """Every claim that passes ``flt`` (for the export)."""
        return _date_labels(self.store.rows(flt))

    def _worker(self) -> ClaimStore:
        """The calling query thread's store: over the dashboard database, a connection
        of its own (:meth:`ClaimStore.cursor`); else the one store (one thread)."""
        store: ClaimStore | None = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self.store.cursor() or self.store
        return store

    def view(
        self, flt: ClaimFilter, color_by: str, log_y: bool, group_by: str, sort_by: str,
        descending: bool, emit: Emit | None = None,
    ) -> dict[str, str | charts.Spec]:  # fmt: skip
        """Count lines, chart specs and table HTML for ``flt``, queried in SQL; each also
        given to ``emit`` (name, value) as soon as it is made, in the page's order
        (:data:`PARTS`), so that the page shows the troop chart while the rest is made.

        The queries run on worker threads, queued in the order the page needs them,
        while this thread turns the answers already in into charts and tables:
        DuckDB lets go of the GIL while it works, so they overlap. Over the
        dashboard database there are :data:`SQL_THREADS` workers, each with its own
        connection (at 1M articles: the sum of a view's times 0.89-0.95 of one
        worker's, same answers); over frames or Parquet views, one.
        """
        out = _Parts(emit)
        if self._sql is None:
            threads = SQL_THREADS if self.store.coded else 1
            self._sql = ThreadPoolExecutor(threads, thread_name_prefix="overview-sql")
        pending: list[Future[Any]] = []

        def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
            return fn(self._worker(), *args, **kwargs)

        def sql(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
            """Queue ``fn(store, *args, **kwargs)`` on a query thread, with its store."""
            assert self._sql is not None
            pending.append(self._sql.submit(run, fn, *args, **kwargs))
            return pending[-1]

        # One pass for every count on the page: the summary line, and which way each
        # chart is drawn (one mark per claim, or binned / grouped in SQL).
        counted = sql(ClaimStore.counts, flt, {"troops": ("troops",), "casualties": CASUALTIES})
        order = {
            "Published": "published", "Outlet": "outlet_label", "Claimant": "claimant_label",
            "Metric": "metric", "Value": "coalesce(value_high, value_low)",
        }.get(sort_by, "published")  # fmt: skip
        direction = "DESC" if descending else "ASC"
        # claim_id: two claims at one offset (synthetic) keep their order
        page_order = (
            f"{order} {direction} NULLS LAST, article_id {direction}, start {direction}, "
            f"claim_id {direction}"
        )
        label = "claimant_label" if color_by == "claimant" else "outlet_label"
        # charts.binned_spec keeps a colour for the commonest labels and merges the
        # rest: done in SQL, so that thousands of marks cross to pandas, not 100,000s
        rest = "(other claimants)" if color_by == "claimant" else "(other outlets)"
        by = "outlet_label" if group_by == "outlet" else "claimant_label"

        def marks(store: ClaimStore) -> tuple[pd.DataFrame, int]:
            got = store.binned(
                flt, ("troops",), label, len(charts.PALETTE), rest, limit=charts.MAX_MARKS,
                claims=counts["troops"],
            )  # fmt: skip
            # popped, as below: pandas deep-copies attrs into every frame made from this
            # one (7 ms of a broad filter's casualty chart)
            claims = int(got.attrs.pop("claims"))
            return _plain(got), claims

        def like(store: ClaimStore) -> tuple[pd.DataFrame, dict[str, tuple[int, int]]]:
            got = store.like_claims(flt, CASUALTIES, by, per_metric=charts.MAX_ROWS)
            groups = got.attrs.pop("groups")
            return _plain(_date_labels(got)), groups

        def claims_of(metrics: tuple[str, ...], count: int) -> Future[Any]:
            # none: no scan (a scan for no rows reads every block of a million claims)
            return sql(_rows, flt, metrics=metrics, order_by=CHART_ORDER,
                       limit=None if count else 0)  # fmt: skip

        try:
            counts = counted.result()
            n = counts["claims"]
            out("n_claims", str(n))
            out("claims_summary", filters.summary_line(
                n, counts["articles"], counts["outlets"], counts["unknown_outlet"] > 0
            ))  # fmt: skip
            # Queued in the page's order: troop chart, casualty chart, claims, articles.
            few = n <= SMALL
            binned = counts["troops"] > charts.MAX_MARKS
            grouped = counts["casualties"] > CASUALTY_ROWS
            if few:  # one scan for both charts (and the table, in the charts' order)
                every = sql(_rows, flt, order_by=CHART_ORDER)
            if binned:
                troop_rows = sql(marks)
            elif not few:
                troop_rows = claims_of(("troops",), counts["troops"])
            if grouped:
                casualty_rows = sql(like)
            elif not few:
                casualty_rows = claims_of(CASUALTIES, counts["casualties"])
            in_order = few and page_order == CHART_ORDER
            if not in_order:
                paged = sql(_rows, flt, limit=views.TABLE_ROWS, order_by=page_order)
            article_counts = sql(ClaimStore.article_counts, flt)
            article_page = sql(_article_page, flt)
            charted = every.result() if few else None
            if binned:
                marked, total = troop_rows.result()
                troops = charts.binned_spec(marked, color_by=color_by, log_y=log_y, total=total)
            else:
                shown = charted if charted is not None else troop_rows.result()
                troops = charts.troop_spec(shown, color_by=color_by, log_y=log_y)
            out("troops", troops)
            if charted is not None and not grouped:
                casualties = charts.casualty_spec(charted, group_by=group_by)
            elif grouped:
                liked, groups = casualty_rows.result()
                casualties = charts.casualty_spec(liked, group_by=group_by, groups=groups)
            else:
                casualties = charts.casualty_spec(casualty_rows.result(), group_by=group_by)
            out("casualties", casualties)
            if in_order:
                assert charted is not None
                page = charted.head(views.TABLE_ROWS)
            else:
                page = paged.result()
            out("claims_table", views.claims_table_html(page, sort_by, descending, total=n))
            n_articles, known, unknown = article_counts.result()
            out("articles_summary", views.counts_line(n_articles, known, unknown))
            articles = article_page.result()
            out("articles_table", views.articles_table_html(articles, total=n_articles))
        finally:  # a failed step: the queries still queued must not outlive this call
            for future in pending:
                future.cancel()
            wait(pending)
        return out.parts


def _rows(store: ClaimStore, flt: ClaimFilter, **how: Any) -> pd.DataFrame:
    return _plain(_date_labels(store.rows(flt, columns=SHOWN, **how)))


def _article_page(store: ClaimStore, flt: ClaimFilter) -> pd.DataFrame:
    return _plain(store.article_page(flt, views.TABLE_ROWS))


def _claim_rows(folder: Path) -> int:
    """How many claims the processed tables in ``folder`` hold, from the Parquet footers of
    the claims table's files as the store finds them (no rows read).

    Not a query: the store would build its dashboard database first, which a desk's
    corpus never needs and which every preheated kernel would race to build at start.
    Missing or unreadable: 0 (``load_tables`` rebuilds the tables from the sources).
    """
    import pyarrow.parquet as pq

    try:
        return sum(
            pq.ParquetFile(part).metadata.num_rows for part in table_parts(folder / "claims")
        )
    except (OSError, ValueError):  # pyarrow's ArrowInvalid is a ValueError
        return 0


def open_data(processed_dir: Path | None = None, large: int = LARGE) -> FrameData | StoreData:
    """The overview's data for ``data/processed/``: frames if small, the store if large."""
    from newsclaims import config
    from newsclaims.tables import load_tables, processed_signature

    folder = processed_dir or config.PROCESSED_DIR
    signature = processed_signature(processed_dir)
    total = _claim_rows(folder)
    data: FrameData | StoreData
    if total > large:
        data = StoreData(ClaimStore.open(folder))
    else:
        tables = load_tables(processed_dir)
        data = FrameData(tables.articles, tables.claims)
        signature = tables.signature or signature
    data.signature = signature
    return data
