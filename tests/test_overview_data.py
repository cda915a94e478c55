"""The overview shows the same from frames and from the store, at a size where the store
bins the troop chart and groups the casualty chart in SQL (the seeds are too small)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from newsclaims import charts, schema
from newsclaims.filters import ClaimFilter
from newsclaims.overview import PARTS, FrameData, StoreData
from newsclaims.store import BROAD, ClaimStore

QUALIFIERS = ["exact", "approx", "up_to", "at_least", "range", "vague"]


def frames(n: int = 2_500, seed: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` articles from 14 outlets (and unknown ones), four claims each on average;
    claim ids in frame order, and the wording of a figure set by its bounds."""
    rng = np.random.default_rng(seed)
    published = pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 900, n), unit="D")
    outlets = pd.Series([f"Outlet {k:02d}" for k in rng.integers(0, 14, n)])
    articles = schema.conform(
        pd.DataFrame({
            "article_id": [f"a{i:05d}" for i in range(n)],
            "title": [f"Article {i}" for i in range(n)],
            "outlet": outlets.where(rng.random(n) > 0.1, None),
            "outlet_basis": "manifest",
            "published": pd.Series(published).where(rng.random(n) > 0.03),
            "published_precision": rng.choice(["day", "day", "month", "year"], n),
            "published_basis": "manifest",
            "word_count": rng.integers(100, 900, n),
        }),
        schema.ARTICLES,
    )  # fmt: skip
    # Outlet names as a manifest may give them: padded and empty. An article's label trims
    # them ("Outlet 02", "(unknown outlet)"), a claim's keeps them: both sides must agree.
    articles.loc[articles.index % 97 == 5, "outlet"] = " Outlet 02 "
    articles.loc[articles.index % 101 == 7, "outlet"] = ""
    per = rng.integers(1, 8, n)
    owner = np.repeat(np.arange(n), per)
    m = len(owner)
    low = rng.choice([100.0, 1_000.0, 5_000.0, 20_000.0], m)
    high = low * rng.choice([1, 1, 2], m)
    qualifier = rng.choice(QUALIFIERS, m)
    claims = schema.conform(
        pd.DataFrame({
            "claim_id": [f"c{j:07d}" for j in range(m)],
            "article_id": articles["article_id"].to_numpy()[owner],
            "start": rng.integers(0, 2_000, m),
            "end": rng.integers(2_000, 2_100, m),
            "figure_text": [f"{q} {lo:.0f}-{hi:.0f}"
                            for q, lo, hi in zip(qualifier, low, high, strict=True)],
            "sentence": "Officials said so.",
            "metric": rng.choice(["troops", "troops", "killed", "wounded", "casualties"], m),
            "party": rng.choice(["Russia", "Ukraine", "North Korea", None], m),
            "value_low": low, "value_high": high, "qualifier": qualifier,
            "claimant": rng.choice([*(f"Claimant {i}" for i in range(12)), None], m),
            "hedged": rng.random(m) < 0.3,
            "rule": "synthetic",
        }),
        schema.CLAIMS,
    )  # fmt: skip
    return articles, claims


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[FrameData, list[StoreData]]:
    """The overview's data from frames, from the store over frames, and from the store's
    dashboard database built from Parquet parts."""
    articles, claims = frames()
    folder = tmp_path_factory.mktemp("overview_data")
    for name, frame in (("articles", articles), ("claims", claims)):
        (folder / name).mkdir()
        frame.to_parquet(folder / name / "part-00000.parquet", index=False)
    stores = [StoreData(ClaimStore.from_frames(articles, claims)), StoreData.open(folder)]
    return FrameData(articles, claims), stores


def claim_ids(html: object) -> list[str]:
    return sorted(re.findall(r'data-claim-id="([^"]+)"', str(html)))


def subtitle(spec: object) -> str:
    return str(spec["layout"]["title"].get("subtitle", {}).get("text"))  # type: ignore[index]


def binned(spec: object) -> bool:
    return any(t["meta"]["kind"] == "binned" for t in spec["data"])  # type: ignore[index]


def drawn(spec: object) -> list[str]:
    marks = [t for t in spec["data"] if t["meta"]["kind"] == "claims"]  # type: ignore[index]
    return sorted(i for t in marks for i in t["meta"]["claim_ids"])


FILTERS = [
    ClaimFilter(),
    ClaimFilter(hedged=False, date_from=date(2022, 9, 1)),
    ClaimFilter(outlets=("Outlet 01", "Outlet 03", "(unknown outlet)", "Outlet 07")),
    ClaimFilter(metrics=("troops",), include_undated=False, date_to=date(2023, 12, 31)),
    ClaimFilter(claimants=("Claimant 1", "(unattributed)"), parties=("Russia",)),
    ClaimFilter(
        outlets=(" Outlet 02 ", "", "Outlet 05"),
        date_from=date(2022, 6, 1),
        date_to=date(2023, 6, 30),
    ),
    ClaimFilter(
        outlets=("Outlet 02", "(unknown outlet)"), date_to=date(2023, 1, 1), include_undated=False
    ),
]


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize("color_by", ["outlet", "claimant"])
def test_the_same_page_from_frames_and_from_the_store(
    both: tuple[FrameData, list[StoreData]], flt: ClaimFilter, color_by: str
) -> None:
    frame_data, stores = both
    # the table by value (its own query), or by date (from the charts' rows when few)
    options = {"color_by": color_by, "log_y": False, "group_by": color_by,
               "sort_by": "Value" if color_by == "outlet" else "Published",
               "descending": color_by == "outlet"}  # fmt: skip
    mine = frame_data.view(flt, **options)  # type: ignore[arg-type]
    for store_data in stores:
        theirs = store_data.view(flt, **options)  # type: ignore[arg-type]
        for key in ("n_claims", "claims_summary", "articles_summary", "articles_table"):
            assert mine[key] == theirs[key], key
        assert claim_ids(mine["claims_table"]) == claim_ids(theirs["claims_table"])
        if binned(mine["troops"]):  # the same chart, mark for mark (labels merged in SQL)
            assert theirs["troops"] == mine["troops"]
        else:  # the same claims, one mark each (in another order)
            assert drawn(theirs["troops"]) == drawn(mine["troops"])
        assert charts.count_marks(theirs["casualties"]) == charts.count_marks(mine["casualties"])  # type: ignore[arg-type]
        # the same note of claims and groups of like claims (grouped in SQL, or in pandas)
        assert subtitle(theirs["casualties"]) == subtitle(mine["casualties"])


def test_the_corpus_is_big_enough_to_bin_and_group(
    both: tuple[FrameData, list[StoreData]],
) -> None:
    frame_data, stores = both
    counts = stores[1].store.counts(
        ClaimFilter(), {"troops": ("troops",), "casualties": charts.CASUALTY_METRICS}
    )
    assert counts["troops"] > charts.MAX_MARKS and counts["casualties"] > 5_000
    assert counts["claims"] == len(frame_data.claims)
    shown = stores[1].view(ClaimFilter(), "outlet", False, "outlet", "Published", False)
    troops = shown["troops"]
    assert isinstance(troops, dict)
    assert binned(troops) and {t["meta"]["kind"] for t in troops["data"]} == {"binned"}
    assert len(troops["data"]) == len(charts.PALETTE)  # 8 outlets and "(other outlets)"


def test_merged_labels_give_what_pandas_merges(
    both: tuple[FrameData, list[StoreData]],
) -> None:
    """ClaimStore.binned(top=...) is binned_spec's merge of the least common labels."""
    _, stores = both
    store = stores[0].store
    flt = ClaimFilter(hedged=True)
    whole = store.binned(flt, ("troops",), by="claimant_label")
    merged = store.binned(flt, ("troops",), by="claimant_label", top=5, rest="(others)")
    assert whole["label"].nunique() > 5 and merged["label"].nunique() == 5
    assert merged["n"].sum() == whole["n"].sum()
    totals = whole.groupby("label")["n"].sum()
    kept = set(merged["label"]) - {"(others)"}
    assert kept == set(totals.nlargest(4, keep="first").index)
    assert set(merged.columns) >= {"month", "label", "qualifier", "value_low", "value_high", "n",
                                   "articles", "example"}  # fmt: skip


def test_an_older_dashboard_database_is_rebuilt(tmp_path: Path) -> None:
    import duckdb

    from newsclaims.store import DATABASE, dashboard_database

    articles, claims = frames(50)
    for name, frame in (("articles", articles), ("claims", claims)):
        (tmp_path / name).mkdir()
        frame.to_parquet(tmp_path / name / "part-00000.parquet", index=False)
    old = duckdb.connect(str(tmp_path / DATABASE))  # a layout-1 file: no layout table
    old.execute("CREATE TABLE joined AS SELECT 1 AS x")
    old.close()
    database = dashboard_database(tmp_path)
    store = ClaimStore.open(tmp_path)
    assert database == tmp_path / DATABASE
    assert store.summary(ClaimFilter())[0] == len(claims)


@pytest.mark.parametrize("by", ["outlet_label", "claimant_label"])
def test_grouping_by_codes_gives_the_groups_grouping_by_texts_gives(
    both: tuple[FrameData, list[StoreData]], by: str
) -> None:
    """The dashboard database groups like claims by integer codes, frames by their texts."""
    texts, codes = (s.store for s in both[1])
    assert codes.coded and not texts.coded
    flt = ClaimFilter(hedged=False, date_from=date(2022, 6, 1))
    metrics = charts.CASUALTY_METRICS
    mine = texts.like_claims(flt, metrics, by, per_metric=15)
    theirs = codes.like_claims(flt, metrics, by, per_metric=15)
    assert list(theirs.columns) == list(mine.columns)
    assert theirs["claim_id"].tolist() == mine["claim_id"].tolist()
    assert theirs["n_claims"].tolist() == mine["n_claims"].tolist()
    assert theirs.attrs["groups"] == mine.attrs["groups"]
    # grouped by one packed key (store.LIKES), and by the five codes when they do not fit
    code = "outlet_code" if by == "outlet_label" else "claimant_code"
    assert code in codes._like_shift
    shifts, codes._like_shift = codes._like_shift, {}
    try:
        unpacked = codes.like_claims(flt, metrics, by, per_metric=15)
    finally:
        codes._like_shift = shifts
    pd.testing.assert_frame_equal(unpacked, theirs)
    keys = ["month", "label", "qualifier", "value_low", "value_high"]
    # marks of claims sharing an article (store.DUP), alone, and merged: all counted alike
    marks = codes.binned(flt, ("troops",), by)
    assert (marks["articles"] < marks["n"]).any() and (marks["articles"] == marks["n"]).any()
    for top, claims in ((None, None), (6, None), (None, BROAD), (6, BROAD)):
        got, expected = (
            store.binned(flt, ("troops",), by, top=top, rest="(rest)", claims=claims)
            .drop(columns=["example", "metric"], errors="ignore")
            .sort_values(keys, ignore_index=True)
            for store in (codes, texts)
        )
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        # the largest marks only, in the order binned_spec draws them; all claims counted
        got, expected = (
            store.binned(flt, ("troops",), by, top=top, rest="(rest)", limit=40, claims=claims)
            for store in (codes, texts)
        )
        assert len(got) == 40 and got.attrs["claims"] == expected.attrs["claims"]
        assert got.attrs["claims"] > got["n"].sum()
        pd.testing.assert_frame_equal(
            got.drop(columns="example"), expected.drop(columns=["example", "metric"],
                                                       errors="ignore"), check_dtype=False,
        )  # fmt: skip


def test_open_data_picks_frames_or_the_store_by_the_claims_in_the_footers(tmp_path: Path) -> None:
    """A desk's corpus is read into frames, and no dashboard database is built for it (every
    preheated kernel would race to build one at start); above ``large`` claims, the store."""
    from newsclaims.overview import open_data
    from newsclaims.store import DATABASE
    from newsclaims.tables import Tables, write_tables

    articles, claims = frames(40)
    report = schema.empty(schema.INGEST_REPORT)
    write_tables(Tables(articles=articles, claims=claims, report=report), tmp_path)
    small = open_data(tmp_path)
    assert isinstance(small, FrameData) and len(small.claims) == len(claims)
    assert not (tmp_path / DATABASE).exists()
    large = open_data(tmp_path, large=len(claims) - 1)
    assert isinstance(large, StoreData)
    assert large.store.counts(ClaimFilter())["claims"] == len(claims)
    assert (tmp_path / DATABASE).exists()
    # the parts in ``claims/`` and ``articles/`` folders, as the store also reads them
    for name in ("articles", "claims"):
        (tmp_path / name).mkdir()
        (tmp_path / f"{name}.parquet").rename(tmp_path / name / "part-00000.parquet")
    assert isinstance(open_data(tmp_path, large=len(claims) - 1), StoreData)


@pytest.mark.parametrize("flt", [FILTERS[0], FILTERS[2]])  # many claims (binned), few
def test_each_part_is_emitted_once_in_the_page_order(
    both: tuple[FrameData, list[StoreData]], flt: ClaimFilter
) -> None:
    """The app puts each part on the page as it comes: troop chart first, tables last."""
    frame_data, stores = both
    for data in (frame_data, *stores):
        got: list[tuple[str, object]] = []
        shown = data.view(flt, "outlet", False, "outlet", "Published", False,
                          emit=lambda name, value, got=got: got.append((name, value)))  # fmt: skip
        assert [name for name, _ in got] == list(PARTS)
        assert dict(got) == shown
