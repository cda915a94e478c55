"""Claims where they are stored: SQL (DuckDB) over the processed Parquet tables.

At the seeds' size the dashboards filter pandas frames in memory. A corpus of a
million articles (millions of claims, gigabytes of article text) must not be
loaded into every reader's kernel. :class:`ClaimStore` pushes the dashboard's
filters (:class:`newsclaims.filters.ClaimFilter`) down to DuckDB, which reads
only the columns a query names from the Parquet parts, and hands back pandas
frames of what is shown: counts, the marks of a chart (binned when there are
too many to draw), the first rows of the claims table.

Why DuckDB: an embedded, well-kept SQL engine that scans partitioned Parquet in
parallel without a server, and exchanges results with pandas through Arrow.

The SQL here mirrors :func:`newsclaims.filters.filter_claims` clause for
clause (labels for unknown outlets, claimants and parties; a date range that a
publication period overlaps); a property test checks that both give the same
claims for any filter.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from newsclaims.charts import MAX_ROWS, UNATTRIBUTED, UNKNOWN_OUTLET, ordered_labels
from newsclaims.filters import Choices, ClaimFilter

log = logging.getLogger(__name__)
UNKNOWN_PARTY = "(party unknown)"
#: The claim columns the dashboards read; never the article text.
CLAIM_COLUMNS = (
    "claim_id", "article_id", "start", "end", "figure_text", "sentence", "metric", "party",
    "value_low", "value_high", "qualifier", "claimant", "relay", "hedged", "hedge", "rule",
)  # fmt: skip
ARTICLE_COLUMNS = (
    "article_id", "title", "outlet", "outlet_basis", "published", "published_precision",
    "published_basis", "word_count",
)  # fmt: skip

_PUBLISHED_END = """CASE {p}published_precision
            WHEN 'day' THEN {p}published
            WHEN 'month' THEN last_day({p}published)
            ELSE CAST(date_trunc('year', {p}published) + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
       END"""
_ROWS = f"""
SELECT {", ".join(f"c.{name}" for name in CLAIM_COLUMNS)},
       a.title, a.outlet, a.published, a.published_precision,
       coalesce(a.outlet, '{UNKNOWN_OUTLET}') AS outlet_label,
       coalesce(c.claimant, '{UNATTRIBUTED}') AS claimant_label,
       coalesce(c.party, '{UNKNOWN_PARTY}') AS party_label,
       {_PUBLISHED_END.format(p="a.")} AS published_end
FROM claims_src c LEFT JOIN articles_src a USING (article_id)
"""
#: What Python's ``str.strip`` strips (``str.isspace``): a name of these only is no name.
#: (tests/test_store.py checks the list against ``str.isspace``).
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: The articles with the labels the overview filters them by: an article's outlet label
#: is its name, or :data:`UNKNOWN_OUTLET` when missing or blank (a claim's: when missing),
#: as :func:`newsclaims.views.outlet_label` and :func:`newsclaims.charts.claims_with_articles`
#: give them.
_ARTICLE_ROWS = f"""
SELECT *, CASE WHEN trim(coalesce(outlet, ''), '{_SPACES}') = '' THEN '{UNKNOWN_OUTLET}'
               ELSE outlet END AS outlet_label,
       {_PUBLISHED_END.format(p="")} AS published_end
FROM articles_src
"""


#: The coded columns the dashboard filters by, and the label each codes.
_FILTERED = {"outlet_code": "outlet_label", "metric_code": "metric",
             "claimant_code": "claimant_label", "party_code": "party_label"}  # fmt: skip


def in_codes(column: str, codes: Iterable[int], listed: bool = False) -> str:
    """The SQL condition that integer ``column`` is one of ``codes`` (integers read from the
    database, written into the SQL as such). Two or more: a semi-join on a list, which
    DuckDB probes as a hash table: ``x IN (1, 4, 7)`` is a chain of comparisons per row,
    40% slower in a WHERE clause over five million claims (106 vs 61 ms for three
    metrics, 61 vs 38 ms for twenty outlets, one thread); ``listed``: the ``IN`` list,
    for an aggregate's FILTER, where a semi-join costs twice the list (80 vs 39 ms).
    One code: an equality, the fastest of all."""
    found = sorted({int(c) for c in codes})
    if not found:
        return "FALSE"
    if len(found) == 1:
        return f"{column} = {found[0]}"
    if listed:
        return f"{column} IN ({', '.join(map(str, found))})"
    return f"{column} IN (SELECT unnest([{', '.join(map(str, found))}]))"


def filter_condition(
    flt: ClaimFilter, codes: dict[str, dict[str, list[int]]] | None = None, listed: bool = False
) -> tuple[str, list[Any]]:
    """The SQL condition (with its parameters) for ``flt`` over the claim rows; "TRUE" when
    it keeps all. With ``codes`` (label -> codes, per labelled column of ``_FILTERED``),
    for the dashboard database's rows: outlets, metrics, claimants and parties are
    compared by their integer codes (``listed``: see :func:`in_codes`), and dates by the
    :data:`SPANS`."""
    clauses: list[str] = []
    params: list[Any] = []
    coded = {label: code for code, label in _FILTERED.items()}
    for column, allowed in (
        ("outlet_label", flt.outlets),
        ("metric", flt.metrics),
        ("claimant_label", flt.claimants),
        ("party_label", flt.parties),
    ):
        if allowed is None:
            continue
        if codes is not None:
            found = [c for label in allowed for c in codes[column].get(label, ())]
            clauses.append(in_codes(coded[column], found, listed))
        elif allowed:
            clauses.append(f"{column} IN ({', '.join('?' * len(allowed))})")
            params.extend(allowed)
        else:
            clauses.append("FALSE")
    if flt.hedged is not None:
        clauses.append("coalesce(hedged, FALSE) = ?")
        params.append(flt.hedged)
    dates, args = date_condition(flt, spans=codes is not None)
    return (" AND ".join([*clauses, *dates]) or "TRUE"), [*params, *args]


def date_condition(flt: ClaimFilter, spans: bool = False) -> tuple[list[str], list[Any]]:
    """The clauses (with their parameters) of ``flt``'s date range and undated choice,
    over rows with ``published`` and ``published_end`` (claims or articles). With
    ``spans``, over the dashboard database's :data:`SPANS` where undated rows pass."""
    if flt.date_from is None and flt.date_to is None:
        return ([] if flt.include_undated else ["published IS NOT NULL"]), []
    in_range: list[str] = []
    params: list[Any] = []
    if flt.date_from is not None:
        in_range.append("published_end >= ?")
        params.append(flt.date_from)
    if flt.date_to is not None:
        in_range.append("published <= ?")
        params.append(flt.date_to)
    if spans and flt.include_undated:
        return [c.replace("published_end", "span_end").replace("published", "span_start")
                for c in in_range], params  # fmt: skip
    undated = " OR published IS NULL" if flt.include_undated else ""
    return [f"(({' AND '.join(in_range)}){undated})"], params


def _source_views(con: duckdb.DuckDBPyConnection, processed_dir: Path) -> None:
    articles = ", ".join(ARTICLE_COLUMNS)
    con.execute(
        "CREATE TEMP VIEW claims_src AS SELECT * FROM " + _parquet(processed_dir / "claims")
    )
    con.execute(
        f"CREATE TEMP VIEW articles_src AS SELECT {articles} FROM "
        + _parquet(processed_dir / "articles")
    )


DATABASE = "dashboard.duckdb"
#: The layout of :data:`DATABASE`; a file of another layout is rebuilt. 2: articles
#: carry their labels, claims an integer article number (``aid``) to count by; 3: and
#: the integer :data:`CODES` that like claims are grouped by; 4: and ``metric_code``,
#: with the tables of :data:`LOOKUPS` kept, so that filters compare integers, and the
#: :data:`SPANS`; 5: the articles too carry an outlet code and their spans
#: (:data:`ARTICLE_KEYS`); 6: and the claims' outlet code and :data:`KINDS`; 7: the claims
#: carry the :data:`LIKES` keys; 8: and :data:`DUP`.
LAYOUT = 8
#: The publication span of each claim row with undated articles open at both ends:
#: ``span_start`` (``published``, else -infinity) and ``span_end`` (``published_end``,
#: else +infinity). "In the date range, or undated" is then ``span_end >= from AND
#: span_start <= to``: a conjunction, so DuckDB skips the blocks of other dates by their
#: min/max, where ``(... ) OR published IS NULL`` made it read every block (15x slower
#: for a fortnight of a million articles).
SPANS = ("span_start", "span_end")
#: Integer codes of the claims in the dashboard database, kept from the claim rows:
#: article (``aid``, dense in id order), claim (``cid``, in id order), and codes of the
#: labels, party, qualifier and bounds that like claims are grouped by (equal texts,
#: equal codes; missing values a code of their own). Name: the columns coded, and the
#: distinct values to number (small tables, joined to the claims: windows over every
#: claim row would hold all of them in memory, many times over).
CODES = {
    "aid": (
        ("article_id",),
        "SELECT DISTINCT article_id FROM claims_src WHERE article_id IS NOT NULL",
    ),
    "cid": (("claim_id",), "SELECT DISTINCT claim_id FROM claims_src"),
    "outlet_code": (
        ("outlet_label",),
        f"SELECT coalesce(outlet, '{UNKNOWN_OUTLET}') FROM articles_src "
        f"UNION SELECT '{UNKNOWN_OUTLET}'",
    ),
    "claimant_code": (
        ("claimant_label",),
        f"SELECT DISTINCT coalesce(claimant, '{UNATTRIBUTED}') FROM claims_src",
    ),
    "party_code": (("party",), "SELECT DISTINCT party FROM claims_src"),
    "metric_code": (("metric",), "SELECT DISTINCT metric FROM claims_src"),
    "qualifier_code": (("qualifier",), "SELECT DISTINCT qualifier FROM claims_src"),
    "value_code": (
        ("value_low", "value_high"),
        "SELECT DISTINCT value_low, value_high FROM claims_src",
    ),
}


#: One integer per group of like claims, by outlet and by claimant: the codes of metric,
#: label, party, qualifier and bounds packed into a BIGINT (:func:`like_bits`), so that
#: the casualty chart's groups are a group-by of one column, not five (a fifth to a third
#: faster over two million claims). NULL if the codes need more than 62 bits.
LIKES = {"outlet_code": "like_outlet", "claimant_code": "like_claimant"}
#: Claims to bin from which the dashboard database merges labels before it groups
#: (``ClaimStore._binned_merged``): two more scans of the claims, which pay only for a
#: broad filter. Same-run timings at a million articles, merged / per article: 0.51-0.78
#: for 700,000 troop claims, 0.96-1.15 for 150,000-215,000, 1.1-1.5 below.
BROAD = 300_000
#: Whether a claim shares its article, qualifier and bounds with another claim: one that
#: does not is alone in any chart mark for its article (a mark is of one month, label,
#: qualifier and bounds, and an article of one month), so a mark's articles are its
#: claims that do not plus the distinct articles of those that do (see ``binned``).
DUP = "dup"
#: 2**32: a claim count and a claim number (``cid``, an INTEGER) packed in a BIGINT.
_HALF = 1 << 32
#: The codes a like key packs after the metric's and the label's, in order.
_LIKE_REST = ("party_code", "qualifier_code", "value_code")
#: The columns only the dashboard database's claim rows have (hidden from what they show).
_KEYS = (*CODES, *SPANS, *LIKES.values(), DUP)
#: The kinds of claims an article holds, one bit per metric code and hedge (bit
#: ``2 * (metric_code - 1) + hedged``), in the dashboard database's articles: how many
#: articles have a claim that passes a filter of outlets, dates, metrics and hedges is
#: then a scan of a million article rows, where counting the distinct articles of the
#: claims that pass hashed every claim (130-250 ms of a broad filter at a million
#: articles). NULL if there are more metric codes than bits: the claims are counted.
KINDS = "kinds"
#: Metric codes a :data:`KINDS` mask has room for (two bits each in a BIGINT).
_KIND_METRICS = 31
#: The columns only the dashboard database's article rows have: the code of the article's
#: outlet label (table ``code_article_outlet(k0, outlet_code)``; an article's label trims
#: the name, a claim's does not, so the codes differ from the claims'), its claims'
#: outlet code (``claim_outlet_code``), :data:`KINDS` and the :data:`SPANS`, so that the
#: articles table filters as the claims do.
ARTICLE_KEYS = ("outlet_code", "claim_outlet_code", KINDS, *SPANS)

#: The codes kept in :data:`DATABASE` as tables ``code_<name>(k0[, k1], <name>)``: the
#: texts behind them, looked up to filter and to label what is drawn (a few hundred
#: rows each). Filtering by codes costs a third of filtering by texts: DuckDB compares
#: ``outlet_code IN (3, 17)`` as integers, ``outlet_label IN (...)`` string by string.
LOOKUPS = ("outlet_code", "claimant_code", "party_code", "metric_code", "qualifier_code",
           "value_code")  # fmt: skip


def like_bits(con: duckdb.DuckDBPyConnection, label: str) -> list[tuple[str, int]] | None:
    """The codes a :data:`LIKES` key of ``label`` (``outlet_code`` or ``claimant_code``)
    packs, each with the bits it takes (the highest code's length), metric first; None if
    they need more than 62 bits."""
    names = ["metric_code", label, *_LIKE_REST]
    bits = []
    for name in names:
        got = con.execute(f"SELECT coalesce(max({name}), 0) FROM code_{name}").fetchone()
        bits.append((name, max(1, int(got[0] if got else 0).bit_length())))
    return bits if sum(b for _, b in bits) <= 62 else None


def _like_key(bits: list[tuple[str, int]] | None) -> str:
    """The SQL of a :data:`LIKES` key over the claims' codes (``code_<name>.<name>``)."""
    if bits is None:
        return "CAST(NULL AS BIGINT)"
    key = f"CAST(code_{bits[0][0]}.{bits[0][0]} AS BIGINT)"
    for name, width in bits[1:]:
        key = f"(({key} << {width}) | code_{name}.{name})"
    return key


def _layout(database: Path) -> int:
    try:
        con = duckdb.connect(str(database), read_only=True)
    except duckdb.Error:
        return 0
    try:
        got = con.execute("SELECT max(layout) FROM dashboard_layout").fetchone()
    except duckdb.Error:
        return 0
    finally:
        con.close()
    return int(got[0]) if got and got[0] is not None else 0


def _newest(processed_dir: Path) -> int:
    paths = [*processed_dir.glob("claims*"), *processed_dir.glob("articles*")]
    parts = [q for p in paths for q in ([*p.glob("*.parquet")] if p.is_dir() else [p])]
    if not parts:
        raise FileNotFoundError(f"no processed tables in {processed_dir}")
    return max(q.stat().st_mtime_ns for q in parts)


def dashboard_database(processed_dir: Path) -> Path:
    """``processed_dir/dashboard.duckdb``: claims joined to their articles, sorted by date.

    Built from the Parquet parts when missing or older than them (the first
    dashboard after an ingest pays tens of seconds per million claims), then opened
    read-only by every reader's kernel: the operating system's page cache is
    shared between them, where frames or DuckDB's in-memory tables would be
    copied into each kernel. Queries skip the join and, through DuckDB's
    per-block min/max indexes, the blocks a date range excludes; they count
    articles and group like claims by integers (:data:`CODES`) rather than by
    texts. Written under a temporary name and renamed, so a reader never opens
    half a database; a database of an older :data:`LAYOUT` is rebuilt.
    """
    import os

    database = processed_dir / DATABASE
    newest = _newest(processed_dir)
    if database.exists() and database.stat().st_mtime_ns >= newest and _layout(database) == LAYOUT:
        return database
    tmp = processed_dir / f".{DATABASE}.{os.getpid()}.tmp"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        _source_views(con, processed_dir)
        con.execute(
            "CREATE TABLE code_article_outlet AS SELECT k0, CAST(row_number() OVER (ORDER BY k0) "
            "AS INTEGER) AS outlet_code "
            f"FROM (SELECT DISTINCT outlet_label FROM ({_ARTICLE_ROWS})) AS v(k0)"
        )
        joins = []
        for name, (columns, values) in CODES.items():
            keys = [f"k{i}" for i in range(len(columns))]
            kind = "" if name in LOOKUPS else "TEMP "
            con.execute(
                f"CREATE {kind}TABLE code_{name} AS SELECT *, CAST(row_number() OVER "
                f"(ORDER BY {', '.join(k + ' NULLS LAST' for k in keys)}) AS INTEGER) AS {name} "
                f"FROM ({values}) AS v({', '.join(keys)})"
            )
            on = " AND ".join(
                f"r.{c} IS NOT DISTINCT FROM code_{name}.{k}"
                for c, k in zip(columns, keys, strict=True)
            )
            joins.append(f"LEFT JOIN code_{name} ON {on}")
        likes = ", ".join(f"{_like_key(like_bits(con, label))} AS {key}"
                          for label, key in LIKES.items())  # fmt: skip
        # The article, qualifier and bounds that more than one claim shares (few rows).
        con.execute(
            "CREATE TEMP TABLE shared AS SELECT article_id, qualifier, value_low, value_high "
            "FROM claims_src GROUP BY ALL HAVING count(*) > 1"
        )
        joins.append(
            "LEFT JOIN shared ON shared.article_id IS NOT DISTINCT FROM r.article_id AND "
            + " AND ".join(
                f"shared.{c} IS NOT DISTINCT FROM r.{c}"
                for c in ("qualifier", "value_low", "value_high")
            )
        )
        con.execute(
            f"CREATE TABLE joined AS SELECT r.*, {', '.join(f'code_{n}.{n}' for n in CODES)}, "
            "coalesce(r.published, '-infinity'::TIMESTAMP) AS span_start, "
            f"coalesce(r.published_end, 'infinity'::TIMESTAMP) AS span_end, {likes}, "
            f"shared.article_id IS NOT NULL AS {DUP} "
            f"FROM ({_ROWS}) r {' '.join(joins)} ORDER BY published, article_id, start"
        )
        # KINDS stand for the claims' articles only if every claim's article is one row
        # of the articles table (not missing, not twice): else NULL, and claims are counted.
        got = con.execute(
            "SELECT (SELECT max(metric_code) FROM code_metric_code), "
            "(SELECT count(*) - count(DISTINCT article_id) FROM articles_src), "
            "(SELECT count(*) FROM (SELECT DISTINCT article_id FROM joined) j "
            "WHERE j.article_id IS NOT NULL AND j.article_id NOT IN "
            "(SELECT article_id FROM articles_src WHERE article_id IS NOT NULL))"
        ).fetchone()
        fits = got is not None and (got[0] or 0) <= _KIND_METRICS and got[1] == 0 == got[2]
        kinds = (
            "bit_or(1::BIGINT << (2 * (metric_code - 1) "
            "+ CAST(coalesce(hedged, FALSE) AS INTEGER)))"
            if fits
            else "CAST(NULL AS BIGINT)"
        )
        con.execute(
            "CREATE TABLE articles AS SELECT r.*, c.outlet_code, "
            "o.outlet_code AS claim_outlet_code, "
            f"CASE WHEN k.n IS NULL THEN 0 ELSE k.{KINDS} END AS {KINDS}, "
            "coalesce(r.published, '-infinity'::TIMESTAMP) AS span_start, "
            "coalesce(r.published_end, 'infinity'::TIMESTAMP) AS span_end "
            f"FROM ({_ARTICLE_ROWS}) r LEFT JOIN code_article_outlet c ON c.k0 = r.outlet_label "
            f"LEFT JOIN code_outlet_code o ON o.k0 = coalesce(r.outlet, '{UNKNOWN_OUTLET}') "
            f"LEFT JOIN (SELECT article_id, count(*) AS n, {kinds} AS {KINDS} FROM joined "
            "GROUP BY article_id) k USING (article_id) "
            "ORDER BY article_id"
        )
        con.execute(f"CREATE TABLE dashboard_layout AS SELECT {LAYOUT} AS layout")
    finally:
        con.close()
    tmp.replace(database)
    return database


def _location(path: Path) -> tuple[Path, bool]:
    """Where a processed table ``path`` (no suffix) lies, and whether as a folder of parts:
    ``<name>.parquet``, a file or a folder (see :func:`newsclaims.tables.write_tables`),
    or a ``<name>/`` folder."""
    dataset = path.with_suffix(".parquet")
    if dataset.is_dir():
        return dataset, True
    if path.is_dir():
        return path, True
    return dataset, False


def table_parts(path: Path) -> list[Path]:
    """The Parquet files of the processed table ``path`` (no suffix), as :func:`_parquet`
    reads them (a missing table: its ``.parquet`` name, which does not exist)."""
    target, folder = _location(path)
    return sorted(target.glob("*.parquet")) if folder else [target]


def _parquet(path: Path) -> str:
    """A DuckDB table expression for the processed table ``path`` (see :func:`_location`)."""
    target, folder = _location(path)
    pattern = str(target / "*.parquet") if folder else str(target)
    return "read_parquet('{}')".format(pattern.replace("'", "''"))


class ClaimStore:
    """Filtered views of the claims joined to their articles' outlet and date."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, joined: bool = False) -> None:
        self.con = connection
        #: Whether the claims carry :data:`CODES` (in the dashboard database).
        self.coded = joined
        #: What articles are counted by: ``aid`` in the dashboard database, else the ids.
        self.article_key = "aid" if joined else "article_id"
        #: The claim rows with their :data:`CODES` if any (``claim_rows`` hides them).
        self.keyed = "joined" if joined else "claim_rows"
        #: Filter label -> its codes (see :data:`LOOKUPS`), in the dashboard database.
        self._codes: dict[str, dict[str, list[int]]] = {c: {} for c in _FILTERED.values()}
        #: An article's outlet label -> its code, in the dashboard database.
        self._article_codes: dict[str, int] = {}
        #: Every metric code, if the articles' :data:`KINDS` count articles (else empty).
        self._kind_metrics: list[int] = []
        #: Label code -> how far its :data:`LIKES` key is shifted past the metric code.
        self._like_shift: dict[str, int] = {}
        if joined:  # a database file holding the join already (see :func:`dashboard_database`)
            self._joined_views()
            self._article_codes = dict(
                self.con.execute("SELECT k0, outlet_code FROM code_article_outlet").fetchall()
            )
            for label in LIKES:
                bits = like_bits(self.con, label)
                if bits is not None:
                    self._like_shift[label] = sum(b for _, b in bits[1:])
            kinds = self.con.execute(f"SELECT count({KINDS}) = count(*) FROM articles").fetchone()
            if kinds and kinds[0]:
                self._kind_metrics = [
                    int(m) for (m,) in self.con.execute("SELECT metric_code FROM code_metric_code")
                    .fetchall()
                ]  # fmt: skip
            for name, column in _FILTERED.items():
                lookup = self.con.execute(f"SELECT k0, {name} FROM code_{name}").fetchall()
                for value, code in lookup:
                    label = UNKNOWN_PARTY if column == "party_label" and value is None else value
                    if label is not None:  # a claim of no metric passes no metric filter
                        self._codes[column].setdefault(label, []).append(code)
        else:
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW claim_rows AS {_ROWS}")
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW article_rows AS {_ARTICLE_ROWS}")

    def _joined_views(self) -> None:
        """The views of the dashboard database's tables (temporary: one connection's)."""
        self.con.execute(
            "CREATE OR REPLACE TEMP VIEW claim_rows AS "
            f"SELECT * EXCLUDE ({', '.join(_KEYS)}) FROM joined"
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP VIEW article_rows AS "
            f"SELECT * EXCLUDE ({', '.join(ARTICLE_KEYS)}) FROM articles"
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP VIEW articles_src AS "
            f"SELECT * EXCLUDE (outlet_label, published_end, {', '.join(ARTICLE_KEYS)}) "
            "FROM articles"
        )

    def cursor(self) -> ClaimStore | None:
        """This store on a connection of its own to the same database, for another thread
        (a DuckDB connection runs one query at a time and refuses a second), sharing
        this store's code lookups (made once, only read after). None unless the store
        is over the dashboard database: frames and Parquet views are made on one
        connection and another does not see them."""
        if not self.coded:
            return None
        twin = copy.copy(self)
        twin.con = self.con.cursor()
        twin._joined_views()
        return twin

    @classmethod
    def open(
        cls, processed_dir: Path, threads: int | None = None, cache: bool = True
    ) -> ClaimStore:
        """Query the processed tables in ``processed_dir``.

        With ``cache`` (the default) through :func:`dashboard_database`, built
        once per ingest; without, straight from the Parquet parts.
        """
        if cache:
            try:
                database = dashboard_database(processed_dir)
            except (OSError, duckdb.Error) as exc:  # a read-only folder, say: go to the parts
                log.warning("no dashboard database in %s (%s): querying Parquet", processed_dir,
                            exc)  # fmt: skip
            else:
                con = duckdb.connect(str(database), read_only=True)
                if threads:
                    con.execute(f"SET threads = {int(threads)}")
                return cls(con, joined=True)
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        _source_views(con, processed_dir)
        return cls(con)

    @classmethod
    def from_frames(cls, articles: pd.DataFrame, claims: pd.DataFrame) -> ClaimStore:
        """The same queries over frames already in memory (tests, small corpora)."""
        con = duckdb.connect()
        con.register("claims_frame", claims[list(CLAIM_COLUMNS)])
        con.register("articles_frame", articles[list(ARTICLE_COLUMNS)])
        con.execute("CREATE TEMP VIEW claims_src AS SELECT * FROM claims_frame")
        con.execute(
            "CREATE TEMP VIEW articles_src AS SELECT * REPLACE (CAST(published AS DATE) "
            "AS published) FROM articles_frame"
        )
        return cls(con)

    def _query(self, sql: str, params: list[Any]) -> pd.DataFrame:
        return self.con.execute(sql, params).df()

    def where(self, flt: ClaimFilter) -> tuple[str, list[Any]]:
        """The SQL condition (with its parameters) for ``flt`` over :attr:`keyed`; "TRUE"
        when it keeps all. Compares codes in the dashboard database, else texts."""
        return filter_condition(flt, self._codes if self.coded else None)

    def _metrics(self, metrics: tuple[str, ...], listed: bool = False) -> tuple[str, list[Any]]:
        """The condition that a claim is of one of ``metrics``, for :attr:`keyed`
        (``listed``: see :func:`in_codes`)."""
        codes = self._codes if self.coded else None
        return filter_condition(ClaimFilter(metrics=metrics), codes, listed)

    def _where_metrics(
        self, flt: ClaimFilter, metrics: tuple[str, ...] | None
    ) -> tuple[str, list[Any]]:
        """:meth:`where` for ``flt``, and of one of ``metrics`` if given."""
        cond, params = self.where(flt)
        if metrics is None:
            return cond, params
        inside, args = self._metrics(metrics)
        return f"{cond} AND {inside}", [*params, *args]

    def article_where(self, flt: ClaimFilter) -> tuple[str, list[Any]]:
        """The SQL condition (with its parameters) for ``flt``'s outlets and dates over the
        articles (``article_rows``, or ``articles`` in the dashboard database: by codes)."""
        clauses: list[str] = []
        params: list[Any] = []
        if flt.outlets is not None:
            if self.coded:
                found = [self._article_codes[o] for o in flt.outlets if o in self._article_codes]
                clauses.append(in_codes("outlet_code", found))
            elif flt.outlets:
                clauses.append(f"outlet_label IN ({', '.join('?' * len(flt.outlets))})")
                params.extend(flt.outlets)
            else:
                clauses.append("FALSE")
        dates, args = date_condition(flt, spans=self.coded)
        return " AND ".join([*clauses, *dates]) or "TRUE", [*params, *args]

    def article_counts(self, flt: ClaimFilter) -> tuple[int, int, int]:
        """The articles that pass ``flt``'s outlets and dates: how many, of how many named
        outlets, and how many of unknown outlet."""
        where, args = self.article_where(flt)
        source, label = (
            ("articles", "outlet_code") if self.coded else ("article_rows", "outlet_label")
        )
        unknown = str(self._article_codes.get(UNKNOWN_OUTLET, -1)) if self.coded else "?"
        got = self.con.execute(
            f"/* articles */ SELECT count(*), count(DISTINCT {label}) FILTER "
            f"(WHERE {label} <> {unknown}), count(*) FILTER (WHERE {label} = {unknown}) "
            f"FROM {source} WHERE {where}",
            [*([] if self.coded else [UNKNOWN_OUTLET, UNKNOWN_OUTLET]), *args],
        ).fetchone() or (0, 0, 0)
        return int(got[0]), int(got[1]), int(got[2])

    def article_page(self, flt: ClaimFilter, limit: int) -> pd.DataFrame:
        """The first ``limit`` articles (by id) that pass ``flt``'s outlets and dates."""
        where, args = self.article_where(flt)
        source = "articles" if self.coded else "article_rows"
        hidden = ", ".join(["outlet_label", "published_end", *(ARTICLE_KEYS if self.coded else ())])
        articles = self._query(
            f"/* articles */ SELECT * EXCLUDE ({hidden}) FROM {source} "
            f"WHERE {where} ORDER BY article_id LIMIT {int(limit)}",
            args,
        )
        articles["published"] = pd.to_datetime(articles["published"])
        return articles

    def choices(self) -> Choices:
        """What each filter can take, as :func:`newsclaims.filters.choices` reads it."""
        got = self.con.execute(
            "SELECT list(DISTINCT outlet_label), list(DISTINCT metric), "
            "list(DISTINCT party_label), list(DISTINCT claimant_label), "
            "min(published), max(published) FROM claim_rows"
        ).fetchone()
        assert got is not None
        outlets, metrics, parties, claimants, first, last = got

        def day(value: object) -> date | None:
            return pd.Timestamp(value).date() if value is not None else None  # type: ignore[arg-type]

        return Choices(
            outlets=ordered_labels(outlets or []),
            metrics=ordered_labels([m for m in metrics or [] if m is not None]),
            parties=ordered_labels(parties or []),
            claimants=ordered_labels(claimants or []),
            date_min=day(first),
            date_max=day(last),
        )

    def summary(self, flt: ClaimFilter) -> tuple[int, int, int]:
        """Claims, articles and named outlets that pass ``flt``."""
        cond, params = self.where(flt)
        got = self.con.execute(
            "/* summary */ SELECT count(*), count(DISTINCT article_id), count(DISTINCT outlet) "
            f"FROM {self.keyed} WHERE {cond}",
            params,
        ).fetchone()
        assert got is not None
        return int(got[0]), int(got[1]), int(got[2])

    def counts(
        self, flt: ClaimFilter, groups: dict[str, tuple[str, ...]] | None = None
    ) -> dict[str, int]:
        """What :meth:`summary` counts (``claims``, ``articles``, ``outlets``), the claims of
        unknown outlet (``unknown_outlet``) and those of each metric group in ``groups``
        (name: metrics), for ``flt``: in one pass over the claims."""
        cond, params = self.where(flt)
        extra = ""
        args: list[Any] = []
        for name, metrics in (groups or {}).items():
            if not name.isidentifier():
                raise ValueError(f"not a name: {name!r}")
            inside, metric_args = self._metrics(metrics, listed=True)
            extra += f", count(*) FILTER (WHERE {inside}) AS {name}"
            args.extend(metric_args)
        by_kinds = self._articles_by_kinds(flt)
        articles = "" if by_kinds else f"count(DISTINCT {self.article_key}) AS articles, "
        cur = self.con.execute(
            f"/* counts */ SELECT count(*) AS claims, {articles}count(DISTINCT outlet) AS outlets, "
            f"count(*) FILTER (WHERE outlet IS NULL) AS unknown_outlet{extra} "
            f"FROM {self.keyed} WHERE {cond}",
            [*args, *params],
        )
        names = [d[0] for d in cur.description]
        got = cur.fetchone()
        assert got is not None
        counted = {k: int(v) for k, v in zip(names, got, strict=True)}
        if by_kinds:
            where, where_args = by_kinds
            found = self.con.execute(
                f"/* counts */ SELECT count(*) FROM articles WHERE {where}", where_args
            ).fetchone()
            counted["articles"] = int(found[0]) if found else 0
        return {"claims": counted.pop("claims"), "articles": counted.pop("articles"), **counted}

    def _articles_by_kinds(self, flt: ClaimFilter) -> tuple[str, list[Any]] | None:
        """The condition (with its parameters) over the dashboard database's articles that
        they have a claim passing ``flt``, by their outlet, dates and :data:`KINDS`; None
        if the kinds cannot tell (a filter of parties or claimants, or no kinds)."""
        if not self._kind_metrics or flt.parties is not None or flt.claimants is not None:
            return None
        metrics = self._kind_metrics
        if flt.metrics is not None:
            metrics = sorted({c for m in flt.metrics for c in self._codes["metric"].get(m, ())})
        hedges = [0, 1] if flt.hedged is None else [int(flt.hedged)]
        mask = 0
        for code in metrics:
            for hedged in hedges:
                mask |= 1 << (2 * (code - 1) + hedged)
        clauses = [f"{KINDS} & {mask} <> 0"]  # integers computed here, not user text
        if flt.outlets is not None:
            found = [c for o in flt.outlets for c in self._codes["outlet_label"].get(o, ())]
            clauses.append(in_codes("claim_outlet_code", found))
        dates, args = date_condition(flt, spans=True)
        return " AND ".join([*clauses, *dates]), args

    def rows(
        self,
        flt: ClaimFilter,
        metrics: tuple[str, ...] | None = None,
        limit: int | None = None,
        order_by: str = "published, article_id, start",
        columns: tuple[str, ...] | None = None,
    ) -> pd.DataFrame:
        """The claims that pass ``flt`` (of ``metrics`` if given), at most ``limit`` of them;
        their ``columns`` only if given (names of :data:`CLAIM_COLUMNS` or labels)."""
        cond, params = self._where_metrics(flt, metrics)
        if columns is not None and not all(c.isidentifier() for c in columns):
            raise ValueError(f"not column names: {columns!r}")
        hidden = ["party_label", "published_end", *(_KEYS if self.coded else ())]
        shown = ", ".join(columns) if columns else f"* EXCLUDE ({', '.join(hidden)})"
        sql = f"/* rows */ SELECT {shown} FROM {self.keyed} WHERE {cond}"
        sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        frame = self._query(sql, params)
        frame["published"] = pd.to_datetime(frame["published"])
        return frame

    def count(self, flt: ClaimFilter, metrics: tuple[str, ...]) -> int:
        """How many claims of these metrics pass ``flt``."""
        if not metrics:
            return 0
        cond, params = self._where_metrics(flt, metrics)
        got = self.con.execute(
            f"/* count */ SELECT count(*) FROM {self.keyed} WHERE {cond}", params
        ).fetchone()
        return int(got[0]) if got else 0

    def binned(
        self,
        flt: ClaimFilter,
        metrics: tuple[str, ...],
        by: str = "outlet_label",
        top: int | None = None,
        rest: str = "(others)",
        limit: int | None = None,
        claims: int | None = None,
    ) -> pd.DataFrame:
        """Claims counted per month, ``by`` label, qualifier and bounds: the marks of a chart
        with too many claims to draw one by one (each row: one mark, ``n`` claims, in
        ``articles`` articles, ``example`` one's wording).

        With ``top``, and more than ``top`` labels, the ``top - 1`` labels with the most
        claims (ties: the first in order) keep theirs and the others are merged as
        ``rest`` (``n`` and ``articles`` added up), as :func:`newsclaims.charts.binned_spec`
        does in pandas: a few hundred marks cross to Python, not one per outlet and
        month. Rows are then in the order of ``month, label, qualifier, value_low,
        value_high`` (missing values last), as a pandas group-by gives them.

        With ``limit``, and more marks than that, only the ``limit`` marks of the most
        claims (ties: the first in that order) are returned, in that order, as
        ``binned_spec`` keeps them; ``attrs["claims"]`` is the claims of all marks.

        ``claims``, how many claims the marks hold if known (the overview's counts),
        chooses the query in the dashboard database: the same marks either way.
        """
        if by not in {"outlet_label", "claimant_label"}:
            raise ValueError(f"cannot bin by {by!r}")
        cond, params = self._where_metrics(flt, metrics)
        if self.coded and claims is not None and claims >= BROAD:
            frame = self._binned_merged(cond, params, by, top, rest, limit)
        elif self.coded:
            frame = self._binned_codes(cond, params, by, top, rest, limit)
        else:
            frame = self._binned_texts(cond, params, by, top, rest)
            frame.attrs["claims"] = int(frame["n"].sum())
            if limit is not None and len(frame) > limit:
                frame = frame.nlargest(limit, "n", keep="first").reset_index(drop=True)
        frame["month"] = pd.to_datetime(frame["month"])
        return frame

    def _binned_texts(
        self, cond: str, params: list[Any], by: str, top: int | None, rest: str
    ) -> pd.DataFrame:
        marks = (
            f"SELECT date_trunc('month', published) AS month, {by} AS label, metric, "
            "qualifier, value_low, value_high, count(*) AS n, "
            "any_value(figure_text) AS example, count(DISTINCT article_id) AS articles "
            f"FROM claim_rows WHERE {cond} AND published IS NOT NULL GROUP BY ALL"
        )
        if top is None:
            sql = (  # qualifier last: marks of equal bounds keep one order (nlargest's ties)
                f"/* binned */ {marks} "
                "ORDER BY month, label, value_high NULLS FIRST, value_low, qualifier"
            )
        else:
            sql = (
                f"/* binned */ WITH b AS ({marks}), "
                "t AS (SELECT label, sum(n) AS n FROM b GROUP BY label), "
                f"keep AS (SELECT label FROM t ORDER BY n DESC, label LIMIT {int(top) - 1}) "
                "SELECT month, CASE WHEN (SELECT count(*) FROM t) <= ? "
                "OR label IN (SELECT label FROM keep) THEN label ELSE ? END AS label, "
                "qualifier, value_low, value_high, CAST(sum(n) AS BIGINT) AS n, "
                "CAST(sum(articles) AS BIGINT) AS articles, any_value(example) AS example "
                "FROM b GROUP BY ALL "
                "ORDER BY month, label, qualifier, value_low NULLS LAST, value_high NULLS LAST"
            )
            params = [*params, int(top), rest]
        return self._query(sql, params)

    def _binned_codes(
        self, cond: str, params: list[Any], by: str, top: int | None, rest: str,
        limit: int | None,
    ) -> pd.DataFrame:  # fmt: skip
        """:meth:`binned` in the dashboard database: grouped by integer codes, the texts
        looked up for the marks returned only (a thousand, not a row per claim).

        Articles are counted in two steps, claims per article in each mark and then
        articles per mark: a count where ``count(DISTINCT ...)`` would cost twice the
        time. Codes are numbered in the order of their texts (missing last), so ordering
        by code is ordering by text; a merged label is ordered by its text. A mark's
        example is the wording of its first claim (by id).
        """
        code = "outlet_code" if by == "outlet_label" else "claimant_code"
        per_article = (
            f"SELECT date_trunc('month', published) AS month, {code} AS lc, qualifier_code, "
            "value_code, aid, count(*) AS k, min(cid) AS pick "
            f"FROM joined WHERE {cond} AND published IS NOT NULL GROUP BY ALL"
        )
        merge = "lc"
        if top is not None:  # -1: the merged labels
            merge = (
                "CASE WHEN (SELECT count(*) FROM t) <= ? OR lc IN (SELECT lc FROM keep) "
                "THEN lc ELSE -1 END"
            )
            params = [*params, int(top)]
        ctes = (
            f"p AS ({per_article}), "
            "g AS (SELECT month, lc, qualifier_code, value_code, sum(k) AS n, "
            "count(aid) AS articles, min(pick) AS pick FROM p GROUP BY ALL), "
            "t AS (SELECT lc, sum(n) AS n FROM g GROUP BY lc), "
            f"keep AS (SELECT lc FROM t JOIN code_{code} c ON c.{code} = t.lc "
            f"ORDER BY t.n DESC, c.k0 LIMIT {max(0, int(top or 1) - 1)}), "
            f"m AS (SELECT month, {merge} AS lc, qualifier_code, value_code, sum(n) AS n, "
            "sum(articles) AS articles, min(pick) AS pick FROM g GROUP BY ALL)"
        )
        return self._binned_marks(ctes, params, code, top, rest, limit)

    def _binned_merged(
        self, cond: str, params: list[Any], by: str, top: int | None, rest: str,
        limit: int | None,
    ) -> pd.DataFrame:  # fmt: skip
        """:meth:`_binned_codes` for a broad filter (:data:`BROAD` claims or more), which
        the same marks cost half of at a million articles, and a narrow one a third more.

        The labels to keep are counted first (a group-by of one small code), so the
        marks are grouped with the others already merged: thousands of groups, not one
        per label, month, hedge and bounds. A mark's articles are its claims that share
        no article, qualifier and bounds with another claim (:data:`DUP`: each is alone
        in its mark for its article, whatever the filter), plus the distinct articles
        of the others (a few percent of the claims), counted per label before labels
        merge, as :func:`newsclaims.charts.binned_spec` adds them up. Codes are
        numbered in the order of their texts (missing last), so ordering by code is
        ordering by text; a merged label is ordered by its text. A mark's example is
        the wording of its first claim (by id).
        """
        code = "outlet_code" if by == "outlet_label" else "claimant_code"
        dated = f"{cond} AND published IS NOT NULL"
        merged = code
        if top is not None:
            counted = self.con.execute(
                f"/* binned */ SELECT {code}, count(*) FROM joined WHERE {dated} GROUP BY 1",
                params,
            ).fetchall()
            if len(counted) > top:  # codes in the order of their texts: ties by text
                kept = sorted(counted, key=lambda got: (-got[1], got[0]))[: max(0, top - 1)]
                inside = in_codes(code, (c for c, _ in kept), listed=True)
                merged = f"CASE WHEN {inside} THEN {code} ELSE -1 END"
        base = (
            f"SELECT date_trunc('month', published) AS month, {code} AS lc, {merged} AS ml, "
            f"qualifier_code, value_code, aid, cid, {DUP} FROM joined WHERE {dated}"
        )
        ctes = (
            f"b AS ({base}), "
            "s AS (SELECT month, ml, qualifier_code, value_code, count(*) AS n, "
            f"count(aid) FILTER (WHERE NOT {DUP}) AS alone, min(cid) AS pick FROM b GROUP BY ALL), "
            "d AS (SELECT month, ml, qualifier_code, value_code, count(aid) AS shared FROM "
            f"(SELECT DISTINCT month, lc, ml, qualifier_code, value_code, aid FROM b WHERE {DUP}) "
            "GROUP BY ALL), "
            "m AS (SELECT s.month, s.ml AS lc, s.qualifier_code, s.value_code, s.n, "
            "s.alone + coalesce(d.shared, 0) AS articles, s.pick FROM s LEFT JOIN d "
            "USING (month, ml, qualifier_code, value_code))"
        )
        return self._binned_marks(ctes, params, code, top, rest, limit)

    def _binned_marks(
        self, ctes: str, params: list[Any], code: str, top: int | None, rest: str,
        limit: int | None,
    ) -> pd.DataFrame:  # fmt: skip
        """The marks of ``ctes`` (SQL ending in ``m``: a row per mark, of ``month``, label
        code ``lc`` (-1: merged), ``qualifier_code``, ``value_code``, ``n``, ``articles``
        and the ``pick`` of its example) as :meth:`binned` returns them: the texts looked
        up, the ``limit`` largest if more, in the order of the text query's rows."""
        # The order of the text query's rows (merged labels: as a pandas group-by sorts).
        keys = (
            ["month", "label", "qualifier_code", "value_code"]
            if top is not None
            else ["month", "label", "v.k1 NULLS FIRST", "v.k0", "qualifier_code"]
        )

        def order(alias: str) -> str:
            return ", ".join(k if k.startswith("v.") else f"{alias}.{k}" for k in keys)

        # Over ``limit`` marks: those of the most claims first, as pandas' nlargest keeps them.
        first = "FALSE" if limit is None else f"(SELECT count(*) FROM m) > {int(limit)}"
        sql = (
            f"/* binned */ WITH {ctes}, "
            "r AS (SELECT m.*, coalesce(c.k0, ?) AS label, "
            "CASE WHEN " + first + " THEN n ELSE 0 END AS rank_n, "
            "(SELECT sum(n) FROM m) AS claims "
            f"FROM m LEFT JOIN code_{code} c ON c.{code} = m.lc), "
            "shown AS (SELECT r.* FROM r LEFT JOIN code_value_code v "
            f"ON v.value_code = r.value_code ORDER BY r.rank_n DESC, {order('r')}"
            + ("" if limit is None else f" LIMIT {int(limit)}")
            + ") "
            "SELECT shown.month, shown.label, q.k0 AS qualifier, v.k0 AS value_low, "
            "v.k1 AS value_high, CAST(shown.n AS BIGINT) AS n, "
            "CAST(shown.articles AS BIGINT) AS articles, j.figure_text AS example, "
            "CAST(shown.claims AS BIGINT) AS claims "
            "FROM shown LEFT JOIN code_qualifier_code q ON q.qualifier_code = shown.qualifier_code "
            "LEFT JOIN code_value_code v ON v.value_code = shown.value_code "
            "LEFT JOIN joined j ON j.cid = shown.pick "
            f"ORDER BY shown.rank_n DESC, {order('shown')}"
        )
        frame = self._query(sql, [*params, rest])
        claims = int(frame["claims"].iloc[0]) if len(frame) else 0
        frame = frame.drop(columns="claims")
        frame.attrs["claims"] = claims
        return frame

    def like_claims(
        self, flt: ClaimFilter, metrics: tuple[str, ...], by: str, per_metric: int = MAX_ROWS
    ) -> pd.DataFrame:
        """Claims grouped by metric, ``by`` label, party, qualifier and bounds, with
        ``n_claims``: the ``per_metric`` commonest groups of each metric, each shown by
        one of its claims (the casualty chart's rows when there are too many claims).
        ``attrs["groups"]``: per metric, its claims and groups in all (what the chart's
        ``groups`` takes)."""
        if by not in {"outlet_label", "claimant_label"}:
            raise ValueError(f"cannot group by {by!r}")
        cond, params = self._where_metrics(flt, metrics)
        keys = f"metric, {by}, party, qualifier, value_low, value_high"
        first, source, hidden = "claim_id", "claim_rows", "party_label, published_end"
        metric = "metric"
        if self.coded:  # the same groups, by codes; the first claim id is the first cid
            code = "outlet_code" if by == "outlet_label" else "claimant_code"
            metric = "metric_code"
            keys = f"metric_code, {code}, party_code, qualifier_code, value_code"
            if code in self._like_shift:  # the same groups, by one packed key
                keys = LIKES[code]
                metric = f"{keys} >> {self._like_shift[code]}"
            first, source, hidden = "cid", "joined", f"{hidden}, {', '.join(_KEYS)}"
        # Group, keep the commonest groups, then fetch their first claims (by id) only:
        # sorting every claim into windows would cost more than the whole page.
        kept = (
            "g AS (SELECT n_claims, pick, count(*) OVER m AS groups_all, "
            "sum(n_claims) OVER m AS claims_all FROM a WINDOW m AS (PARTITION BY metric) "
            "QUALIFY row_number() "
            f"OVER (PARTITION BY metric ORDER BY n_claims DESC, pick) <= {int(per_metric)}) "
        )
        if self.coded:  # the same, without sorting the groups: a top-k of one packed
            # integer per metric, most claims then least cid (an INTEGER) first
            kept = (
                "b AS (SELECT count(*) AS groups_all, sum(n_claims) AS claims_all, "
                f"max(n_claims * {_HALF} + ({_HALF - 1} - pick), {int(per_metric)}) AS top "
                "FROM a GROUP BY metric), "
                "k AS (SELECT unnest(top) AS key, groups_all, claims_all FROM b), "
                f"g AS (SELECT key >> 32 AS n_claims, {_HALF - 1} - (key & {_HALF - 1}) AS pick, "
                "groups_all, claims_all FROM k) "
            )
        sql = (
            f"/* like_claims */ WITH a AS (SELECT {metric} AS metric, count(*) AS n_claims, "
            f"min({first}) AS pick FROM {source} WHERE {cond} GROUP BY {keys}), {kept}"
            f"SELECT r.* EXCLUDE ({hidden}), g.n_claims, g.groups_all, g.claims_all "
            f"FROM {source} r JOIN g ON r.{first} = g.pick "
            "ORDER BY r.metric, g.n_claims DESC, r.claim_id"
        )
        frame = self._query(sql, params)
        frame["published"] = pd.to_datetime(frame["published"])
        totals = frame.drop_duplicates("metric")
        groups = {
            str(m): (int(c), int(g))
            for m, c, g in zip(totals["metric"], totals["claims_all"], totals["groups_all"],
                               strict=True)
        }  # fmt: skip
        frame = frame.drop(columns=["groups_all", "claims_all"])
        frame.attrs["groups"] = groups
        return frame


__all__ = ["ARTICLE_COLUMNS", "CLAIM_COLUMNS", "ClaimStore", "dashboard_database",
           "date_condition", "filter_condition", "table_parts"]  # fmt: skip
