"""The DuckDB query layer gives exactly the claims the in-memory filters give."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclaims import charts, filters
from newsclaims.articles import read_articles
from newsclaims.filters import ClaimFilter
from newsclaims.overview import FrameData, StoreData
from newsclaims.store import BROAD, CLAIM_COLUMNS, ClaimStore, filter_condition
from newsclaims.synth import generate
from newsclaims.tables import extract_all

from .conftest import SEEDS_DIR


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The seeds plus 60 synthetic articles: many outlets, dates, claimants, some undated."""
    folder = tmp_path_factory.mktemp("store_corpus")
    for article in generate(60, seed=7):
        (folder / f"{article.article_id}.txt").write_text(article.text, encoding="utf-8")
    articles = read_articles([SEEDS_DIR, folder]).articles
    undated = articles.index % 7 == 3  # articles whose date is not known
    articles["published"] = articles["published"].mask(undated)
    articles["published_precision"] = articles["published_precision"].mask(undated)
    assert undated.any()
    return articles, extract_all(articles)


@pytest.fixture(scope="module")
def coded(
    corpus: tuple[pd.DataFrame, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory
) -> ClaimStore:
    """The same corpus through the dashboard database (integer codes, spans)."""
    folder = tmp_path_factory.mktemp("store_coded")
    for name, frame in zip(("articles", "claims"), corpus, strict=True):
        (folder / name).mkdir()
        frame.to_parquet(folder / name / "part-00000.parquet", index=False)
    store = ClaimStore.open(folder)
    assert store.coded
    return store


def ids(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["claim_id"])


def test_all_claims_with_no_filter(corpus: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, claims = corpus
    store = ClaimStore.from_frames(articles, claims)
    assert ids(store.rows(ClaimFilter())) == ids(claims)
    n_claims, n_articles, _ = store.summary(ClaimFilter())
    assert n_claims == len(claims) and n_articles == claims["article_id"].nunique()


def test_choices_match_the_in_memory_ones(corpus: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, claims = corpus
    expected = filters.choices(charts.claims_with_articles(claims, articles))
    assert ClaimStore.from_frames(articles, claims).choices() == expected


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_filter_gives_the_same_claims_as_pandas(
    corpus: tuple[pd.DataFrame, pd.DataFrame], coded: ClaimStore, data: st.DataObject
) -> None:
    articles, claims = corpus
    rows = charts.claims_with_articles(claims, articles)
    offered = filters.choices(rows)

    def some(values: list[str]) -> st.SearchStrategy[tuple[str, ...] | None]:
        return st.none() | st.lists(st.sampled_from(values), unique=True, max_size=4).map(tuple)

    days = st.none() | st.dates(min_value=date(2021, 12, 1), max_value=date(2025, 3, 1))
    flt = ClaimFilter(
        outlets=data.draw(some(offered.outlets)),
        metrics=data.draw(some(offered.metrics)),
        parties=data.draw(some(offered.parties)),
        claimants=data.draw(some(offered.claimants)),
        hedged=data.draw(st.none() | st.booleans()),
        date_from=data.draw(days),
        date_to=data.draw(days),
        include_undated=data.draw(st.booleans()),
    )
    store = ClaimStore.from_frames(articles, claims)
    kept = filters.filter_claims(rows, flt)
    expected = ids(kept)
    assert ids(store.rows(flt)) == expected
    assert ids(coded.rows(flt)) == expected  # by codes and date spans
    counts = coded.counts(flt)
    assert counts["claims"] == len(expected)
    # articles counted by their kinds of claims (or, for parties and claimants, by claims)
    assert counts["articles"] == kept["article_id"].nunique() == store.counts(flt)["articles"]
    # chart marks by codes, per article or (a broad filter: store.BROAD claims) with labels
    # merged first and articles by store.DUP, as by texts
    by = data.draw(st.sampled_from(["outlet_label", "claimant_label"]))
    top = data.draw(st.none() | st.integers(1, 6))
    keys = ["month", "label", "qualifier", "value_low", "value_high"]
    want, per_article, merged = (
        s.binned(flt, ("troops",), by, top=top, rest="(rest)", claims=claims)
        .drop(columns=["example", "metric"], errors="ignore")
        .sort_values(keys, ignore_index=True)
        for s, claims in ((store, None), (coded, None), (coded, BROAD))
    )
    pd.testing.assert_frame_equal(per_article, want, check_dtype=False)
    pd.testing.assert_frame_equal(merged, want, check_dtype=False)


def test_reads_partitioned_parquet_without_the_article_text(
    corpus: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    articles, claims = corpus
    for name, frame in (("articles", articles), ("claims", claims)):
        (tmp_path / name).mkdir()
        half = len(frame) // 2
        frame.iloc[:half].to_parquet(tmp_path / name / "part-00000.parquet", index=False)
        frame.iloc[half:].to_parquet(tmp_path / name / "part-00001.parquet", index=False)
    store = ClaimStore.open(tmp_path)
    flt = ClaimFilter(metrics=("troops",), date_from=date(2022, 6, 1))
    got = store.rows(flt)
    expected = filters.filter_claims(charts.claims_with_articles(claims, articles), flt)
    assert ids(got) == ids(expected) and len(got) > 0
    assert "text" not in got.columns
    assert {*CLAIM_COLUMNS, "outlet_label", "claimant_label", "published"} <= set(got.columns)


def test_binned_marks_count_every_claim_once(corpus: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    articles, claims = corpus
    store = ClaimStore.from_frames(articles, claims)
    flt = ClaimFilter(include_undated=False)
    bins = store.binned(flt, ("troops",))
    assert bins["n"].sum() == store.count(flt, ("troops",)) > 0
    assert len(bins) <= bins["n"].sum()
    with pytest.raises(ValueError, match="cannot bin"):
        store.binned(flt, ("troops",), by="text; DROP TABLE x")


def test_filter_values_are_parameters_never_sql(
    corpus: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    articles, claims = corpus
    store = ClaimStore.from_frames(articles, claims)
    hostile = ClaimFilter(outlets=("x') OR 1=1 --",), claimants=("'; DROP VIEW claim_rows; --",))
    assert store.rows(hostile).empty
    assert store.summary(ClaimFilter())[0] == len(claims)  # the view is still there
    # the dashboard database filters by codes: labels it does not know select nothing
    assert filter_condition(hostile, {"outlet_label": {}, "claimant_label": {}}) == (
        "FALSE AND FALSE",
        [],
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_overview_shows_the_same_from_frames_and_from_the_store(
    corpus: tuple[pd.DataFrame, pd.DataFrame], data: st.DataObject
) -> None:
    articles, claims = corpus
    frames = FrameData(articles, claims)
    stored = StoreData(ClaimStore.from_frames(articles, claims))
    offered = frames.choices()
    assert stored.choices() == offered
    assert stored.outlet_choices() == frames.outlet_choices()
    assert stored.date_bounds() == frames.date_bounds()
    assert stored.has_undated() == frames.has_undated()
    outlets = [value for _, value in frames.outlet_choices()]
    some_metrics = st.lists(st.sampled_from(offered.metrics), unique=True, min_size=1).map(tuple)
    flt = ClaimFilter(
        outlets=data.draw(st.none() | st.lists(st.sampled_from(outlets), unique=True).map(tuple)),
        metrics=data.draw(st.none() | some_metrics),
        hedged=data.draw(st.none() | st.booleans()),
        date_from=data.draw(st.none() | st.dates(date(2022, 1, 1), date(2024, 12, 31))),
        include_undated=data.draw(st.booleans()),
    )
    options = {
        "color_by": data.draw(st.sampled_from(["outlet", "claimant"])),
        "log_y": False,
        "group_by": data.draw(st.sampled_from(["outlet", "claimant"])),
        "sort_by": data.draw(st.sampled_from(["Published", "Outlet", "Claimant", "Value"])),
        "descending": data.draw(st.booleans()),
    }
    mine, theirs = frames.view(flt, **options), stored.view(flt, **options)
    for key in ("n_claims", "claims_summary", "articles_summary", "articles_table"):
        assert mine[key] == theirs[key], key

    def claim_ids(html: object) -> list[str]:
        return sorted(re.findall(r'data-claim-id="([^"]+)"', str(html)))

    assert claim_ids(mine["claims_table"]) == claim_ids(theirs["claims_table"])
    for chart in ("troops", "casualties"):
        assert charts.count_marks(mine[chart]) == charts.count_marks(theirs[chart])  # type: ignore[arg-type]


def test_dashboard_database_is_built_once_and_rebuilt_after_an_ingest(
    corpus: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    import os

    from newsclaims.store import dashboard_database

    articles, claims = corpus
    for name, frame in (("articles", articles), ("claims", claims)):
        (tmp_path / name).mkdir()
        frame.to_parquet(tmp_path / name / "part-00000.parquet", index=False)
    flt = ClaimFilter(metrics=("troops", "killed"), hedged=False)
    cached = ClaimStore.open(tmp_path).rows(flt)
    direct = ClaimStore.open(tmp_path, cache=False).rows(flt)
    assert ids(cached) == ids(direct) and len(cached) > 0
    database = dashboard_database(tmp_path)
    built = database.stat().st_mtime_ns
    assert dashboard_database(tmp_path).stat().st_mtime_ns == built  # not rebuilt
    # an ingest writes new parts: the next dashboard sees them
    fewer = claims[claims["metric"] != "troops"]
    part = tmp_path / "claims" / "part-00000.parquet"
    fewer.to_parquet(part, index=False)
    os.utime(part, ns=(built + 10**9, built + 10**9))
    fresh = ClaimStore.open(tmp_path).rows(flt)
    assert set(fresh["metric"]) == {"killed"}
    assert not list(tmp_path.glob(".*.tmp"))


def test_like_claims_group_and_count_every_claim(
    corpus: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    articles, claims = corpus
    store = ClaimStore.from_frames(articles, claims)
    metrics = ("troops", "killed")
    flt = ClaimFilter(hedged=False)
    groups = store.like_claims(flt, metrics, "claimant_label", per_metric=1000)
    assert groups["n_claims"].sum() == store.count(flt, metrics)
    keys = ["metric", "claimant_label", "party", "qualifier", "value_low", "value_high"]
    assert not groups.duplicated(keys).any()
    top = store.like_claims(flt, metrics, "claimant_label", per_metric=2)
    assert (top.groupby("metric").size() <= 2).all()
    biggest = groups.groupby("metric")["n_claims"].max()
    assert top.groupby("metric")["n_claims"].max().to_dict() == biggest.to_dict()
    # every metric's claims and groups in all, whatever the groups returned
    whole = {m: (int(g["n_claims"].sum()), len(g)) for m, g in groups.groupby("metric")}
    assert set(whole) == set(metrics)
    assert groups.attrs["groups"] == whole == top.attrs["groups"]
    assert "groups_all" not in top.columns and "claims_all" not in top.columns
    with pytest.raises(ValueError, match="cannot group"):
        store.like_claims(flt, metrics, "sentence")


def test_articles_are_counted_right_when_their_kinds_cannot_tell(
    corpus: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    """A claim whose article is missing, or an article listed twice: the articles' kinds
    would miscount, so the dashboard database leaves them NULL and claims are counted."""
    articles, claims = corpus
    orphan = claims.head(3).assign(article_id="no-such-article",
                                   claim_id=[f"orphan-{i}" for i in range(3)])  # fmt: skip
    twice = pd.concat([articles, articles.head(1)], ignore_index=True)
    for name, (arts, cls) in {"orphan": (articles, pd.concat([claims, orphan])),
                              "twice": (twice, claims)}.items():  # fmt: skip
        folder = tmp_path / name
        for table, frame in (("articles", arts), ("claims", cls)):
            (folder / table).mkdir(parents=True)
            frame.to_parquet(folder / table / "part-00000.parquet", index=False)
        store = ClaimStore.open(folder)
        assert store.coded and not store._kind_metrics
        plain = ClaimStore.from_frames(arts, cls)
        for flt in (ClaimFilter(), ClaimFilter(metrics=("killed", "troops"), hedged=False)):
            assert store.counts(flt) == plain.counts(flt), name
    # and the seeds' corpus as it is: counted by kinds
    folder = tmp_path / "whole"
    for table, frame in (("articles", articles), ("claims", claims)):
        (folder / table).mkdir(parents=True)
        frame.to_parquet(folder / table / "part-00000.parquet", index=False)
    assert ClaimStore.open(folder)._kind_metrics


def test_like_keys_pack_the_codes_or_give_way_when_too_wide() -> None:
    """A like key is the five codes side by side; codes of more than 62 bits in all: none."""
    import duckdb

    from newsclaims.store import _like_key, like_bits

    con = duckdb.connect()
    sizes = {"metric_code": 7, "outlet_code": 201, "party_code": 5, "qualifier_code": 6,
             "value_code": 12, "claimant_code": 2**55}  # fmt: skip
    for name, top in sizes.items():
        con.execute(f"CREATE TABLE code_{name} AS SELECT {top}::BIGINT AS {name}")
    bits = like_bits(con, "outlet_code")
    assert bits == [("metric_code", 3), ("outlet_code", 8), ("party_code", 3),
                    ("qualifier_code", 3), ("value_code", 4)]  # fmt: skip
    packed = con.execute(
        f"SELECT {_like_key(bits)} FROM code_metric_code, code_outlet_code, code_party_code, "
        "code_qualifier_code, code_value_code"
    ).fetchone()
    assert packed == ((((7 << 8 | 201) << 3 | 5) << 3 | 6) << 4 | 12,)
    assert like_bits(con, "claimant_code") is None  # 3 + 56 + 3 + 3 + 4 bits
    con.close()


def test_code_lists_keep_the_rows_an_in_list_keeps() -> None:
    """in_codes: none keeps nothing, one is an equality, more a semi-join: each keeps the
    rows that ``IN (...)`` keeps."""
    import duckdb

    from newsclaims.store import in_codes

    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT range % 9 AS c FROM range(1000)")
    assert in_codes("c", []) == "FALSE"
    assert in_codes("c", [4, 4]) == "c = 4"
    assert "unnest" in in_codes("c", [7, 1, 4])
    assert in_codes("c", [7, 1, 4], listed=True) == "c IN (1, 4, 7)"
    for codes in ([], [4], [1, 4, 7], [7, 1, 4, 4, 99], list(range(12))):
        listed = ", ".join(map(str, codes)) or "NULL"
        want = con.execute(f"SELECT count(*) FROM t WHERE c IN ({listed})").fetchone()
        for form in (in_codes("c", codes), in_codes("c", codes, listed=True)):
            got = con.execute(f"SELECT count(*) FROM t WHERE {form}").fetchone()
            assert got == want, form
            got = con.execute(f"SELECT count(*) FILTER (WHERE {form}) FROM t").fetchone()
            assert got == want, form
    con.close()


def test_blank_outlet_names_are_those_python_strips() -> None:
    """An article's outlet of only whitespace is unknown in SQL as in views.outlet_label."""
    from newsclaims.store import _SPACES

    assert "".join(c for c in map(chr, range(0x110000)) if c.isspace()) == _SPACES


def test_a_store_over_the_dashboard_database_has_cursors_for_other_threads(
    corpus: tuple[pd.DataFrame, pd.DataFrame], coded: ClaimStore
) -> None:
    """A view's queries run on two threads, each on a connection of its own (a DuckDB
    connection refuses a second query while one runs): same answers from each."""
    twin = coded.cursor()
    assert twin is not None and twin.con is not coded.con and twin.coded
    flt = ClaimFilter(metrics=("troops", "killed"), hedged=True)
    assert ids(twin.rows(flt)) == ids(coded.rows(flt))
    assert twin.counts(flt, {"t": ("troops",)}) == coded.counts(flt, {"t": ("troops",)})
    # frames and Parquet views live on one connection only: no cursor, one thread
    assert ClaimStore.from_frames(*corpus).cursor() is None


def test_a_view_over_the_dashboard_database_queries_on_connections_of_its_threads(
    corpus: tuple[pd.DataFrame, pd.DataFrame], coded: ClaimStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[ClaimStore] = []
    cursor = coded.cursor

    def counted() -> ClaimStore | None:
        made.append(cursor())  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(coded, "cursor", counted)
    data = StoreData(coded)
    framed = StoreData(ClaimStore.from_frames(*corpus))
    for flt in (ClaimFilter(), ClaimFilter(metrics=("troops", "killed"), hedged=False)):
        for how in (("outlet", False, "claimant", "Value", True),
                    ("claimant", True, "outlet", "Published", False)):  # fmt: skip
            got, want = data.view(flt, *how), framed.view(flt, *how)
            assert list(got) == list(want)
            for part, value in got.items():
                if isinstance(value, dict):
                    assert charts.spec_json(value) == charts.spec_json(want[part]), part
                else:
                    assert value == want[part], part
    # one store per query thread, made once and kept: at most two, never the main one
    assert 1 <= len(made) <= 2 and all(m is not None and m.con is not coded.con for m in made)
