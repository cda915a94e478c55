"""The dashboards' pure functions: filtering, labels, dates at their precision, escaped HTML."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from newsclaims import schema, views
from newsclaims.articles import read_articles

from .conftest import SEEDS_DIR

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    """The articles table of the five seeds."""
    return read_articles(sorted(SEEDS_DIR.glob("*.txt"))).articles


def table(rows: list[dict[str, object]]) -> pd.DataFrame:
    """An articles table with the declared dtypes from a few hand-written rows."""
    return schema.conform(rows, schema.ARTICLES)


@pytest.fixture
def mixed() -> pd.DataFrame:
    """Articles covering the awkward cases: unknown outlet, unknown date, each precision."""
    return table(
        [
            {"article_id": "a", "title": "A", "outlet": "Zeta News",
             "published": "2022-08-08", "published_precision": "day", "word_count": 10},
            {"article_id": "b", "title": "B", "outlet": None,
             "published": "2022-08-01", "published_precision": "month", "word_count": 20},
            {"article_id": "c", "title": "C", "outlet": "alpha daily",
             "published": "2024-01-01", "published_precision": "year", "word_count": 30},
            {"article_id": "d", "title": "D", "outlet": "Zeta News",
             "published": None, "published_precision": None, "word_count": 40},
        ]
    )  # fmt: skip


# ------------------------------------------------------------------ labels and dates
DATES = [
    pytest.param("2022-08-08", "day", "8 Aug 2022", id="day"),
    pytest.param("2022-08-01", "month", "Aug 2022", id="month"),
    pytest.param("2024-01-01", "year", "2024", id="year"),
    pytest.param(None, None, views.UNKNOWN_DATE, id="unknown"),
    pytest.param(pd.NaT, "day", views.UNKNOWN_DATE, id="NaT"),
]


@pytest.mark.parametrize(("published", "precision", "shown"), DATES)
def test_dates_shown_at_their_precision(published: object, precision: object, shown: str) -> None:
    value = pd.Timestamp(published) if isinstance(published, str) else published
    assert views.format_published(value, precision) == shown


def test_outlet_choices_keep_unknown_visible_and_last(mixed: pd.DataFrame) -> None:
    assert views.outlet_choices(mixed) == [
        ("alpha daily (1)", "alpha daily"),
        ("Zeta News (2)", "Zeta News"),
        ("(unknown outlet) (1)", views.UNKNOWN_OUTLET),
    ]


def test_seed_outlet_choices(seeds: pd.DataFrame) -> None:
    assert views.outlet_choices(seeds) == [
        ("UnitedVoice (1)", "UnitedVoice"),
        ("(unknown outlet) (4)", views.UNKNOWN_OUTLET),
    ]


def test_date_bounds_cover_whole_periods(mixed: pd.DataFrame, seeds: pd.DataFrame) -> None:
    assert views.date_bounds(mixed) == (date(2022, 8, 1), date(2024, 12, 31))
    assert views.date_bounds(seeds) == (date(2022, 8, 1), date(2024, 10, 31))
    assert views.date_bounds(mixed[mixed["published"].isna()]) == (None, None)


# ------------------------------------------------------------------ filtering
def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["article_id"])


def test_no_filter_keeps_everything_as_a_new_frame(mixed: pd.DataFrame) -> None:
    out = views.filter_articles(mixed)
    assert ids(out) == ["a", "b", "c", "d"]
    assert out is not mixed


FILTERS = [
    pytest.param({"outlets": ["Zeta News"]}, ["a", "d"], id="one-outlet"),
    pytest.param({"outlets": [views.UNKNOWN_OUTLET]}, ["b"], id="unknown-outlet"),
    pytest.param({"outlets": []}, [], id="no-outlet-picked"),
    pytest.param({"outlets": ["Nobody"]}, [], id="outlet-not-offered"),
    # "Aug 2022" overlaps a range starting mid-August; "8 Aug" does not.
    pytest.param({"date_from": date(2022, 8, 15)}, ["b", "c", "d"], id="from-mid-month"),
    pytest.param({"date_to": date(2022, 8, 7)}, ["b", "d"], id="to-before-the-day"),
    pytest.param({"date_from": date(2024, 6, 1)}, ["c", "d"], id="year-overlaps"),
    pytest.param(
        {"date_from": date(2024, 6, 1), "include_undated": False}, ["c"], id="drop-undated"
    ),
    pytest.param({"include_undated": False}, ["a", "b", "c"], id="undated-only-filter"),
    pytest.param(
        {"outlets": ["Zeta News"], "date_to": date(2023, 1, 1), "include_undated": False},
        ["a"],
        id="combined",
    ),
]


@pytest.mark.parametrize(("kwargs", "expected"), FILTERS)
def test_filter_articles(
    mixed: pd.DataFrame, kwargs: dict[str, object], expected: list[str]
) -> None:
    assert ids(views.filter_articles(mixed, **kwargs)) == expected  # type: ignore[arg-type]


def test_filter_keeps_schema(seeds: pd.DataFrame) -> None:
    out = views.filter_articles(seeds, outlets=["UnitedVoice"])
    schema.validate(out, schema.ARTICLES)
    assert ids(out) == ["000_f81ca7430252ce23"]


# ------------------------------------------------------------------ summary
SUMMARIES = [
    pytest.param(["a", "b", "c", "d"], "4 articles (2 outlets, 1 with unknown outlet)", id="all"),
    pytest.param(["a"], "1 article (1 outlet)", id="one"),
    pytest.param(["b"], "1 article (0 outlets, 1 with unknown outlet)", id="unknown"),
    pytest.param([], "0 articles (0 outlets)", id="none"),
]


@pytest.mark.parametrize(("keep", "line"), SUMMARIES)
def test_summary_line(mixed: pd.DataFrame, keep: list[str], line: str) -> None:
    assert views.summary_line(mixed[mixed["article_id"].isin(keep)]) == line


def test_seed_summary(seeds: pd.DataFrame) -> None:
    assert views.summary_line(seeds) == "5 articles (1 outlet, 4 with unknown outlet)"


# ------------------------------------------------------------------ HTML
def test_table_rows_show_title_outlet_date_words(seeds: pd.DataFrame) -> None:
    page = views.articles_table_html(seeds)
    rows = re.findall(r'<tr data-article-id="([^"]+)">(.*?)</tr>', page)
    assert [r[0] for r in rows] == list(seeds["article_id"])
    cells = {aid: re.findall(r"<td[^>]*>(.*?)</td>", body) for aid, body in rows}
    assert cells["000_f81ca7430252ce23"] == [
        "Putin Allegedly Close to Accepting North Korean Support in Ukraine",
        "UnitedVoice",
        "Aug 2022",
        "539",
    ]
    assert cells["004_4c7001e8aa4cd83f"][1:3] == [views.UNKNOWN_OUTLET, "Oct 2024"]


def test_long_titles_are_shortened_with_full_title_in_tooltip(seeds: pd.DataFrame) -> None:
    long_title = seeds.loc[seeds["article_id"] == "004_4c7001e8aa4cd83f", "title"].iloc[0]
    assert len(long_title) > views.TITLE_MAX_CHARS
    page = views.articles_table_html(seeds)
    shown = re.search(r'<tr data-article-id="004[^"]*"><td title="[^"]*">([^<]*)</td>', page)
    assert shown is not None
    assert shown.group(1).endswith("…")
    assert len(shown.group(1)) <= views.TITLE_MAX_CHARS
    assert long_title.startswith(shown.group(1)[:-1])


def test_basis_is_the_tooltip(seeds: pd.DataFrame) -> None:
    page = views.articles_table_html(seeds)
    basis = seeds.loc[seeds["article_id"] == "000_f81ca7430252ce23", "outlet_basis"].iloc[0]
    assert "stated in text" in basis
    assert f'title="{views.html.escape(basis)}">UnitedVoice</td>' in page


def test_empty_table_is_a_clear_message(seeds: pd.DataFrame) -> None:
    page = views.articles_table_html(seeds.iloc[0:0])
    assert "<table" not in page
    assert "No articles match these filters" in page
    assert "Reset filters" in page


HOSTILE_FIELDS = ["title", "outlet", "outlet_basis", "published_basis", "article_id"]


@pytest.mark.parametrize("field", HOSTILE_FIELDS)
def test_article_values_are_escaped(field: str) -> None:
    row: dict[str, object] = {
        "article_id": "x",
        "title": "T",
        "outlet": "O",
        "published": "2022-08-08",
        "published_precision": "day",
    }
    row[field] = HOSTILE + ' " onmouseover="alert(2)'
    page = views.articles_table_html(table([row]))
    assert "<img" not in page
    assert 'onmouseover="alert' not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_hostile_outlet_is_escaped_in_the_summary_and_kept_as_a_choice() -> None:
    frame = table([{"article_id": "x", "title": "T", "outlet": HOSTILE}])
    assert views.outlet_choices(frame) == [(f"{HOSTILE} (1)", HOSTILE)]  # widgets show text
    assert "<img" not in views.summary_html(frame)
    assert ids(views.filter_articles(frame, outlets=[HOSTILE])) == ["x"]


def test_long_tables_show_a_page_and_say_how_many_more(seeds: pd.DataFrame) -> None:
    many = pd.concat([seeds] * 3, ignore_index=True)  # 15 articles
    shown = views.articles_table_html(many, limit=4)
    assert shown.count("<tr data-article-id=") == 4
    assert 'data-shown="4" data-total="15"' in shown and "first 4 of 15 articles" in shown
    assert "nc-more" not in views.articles_table_html(many, limit=15)

    from newsclaims import charts
    from newsclaims.tables import extract_all

    rows = charts.claims_with_articles(extract_all(seeds), seeds)
    table = views.claims_table_html(rows, "Value", descending=True, limit=3)
    assert table.count("<tr data-claim-id=") == 3
    assert f"first 3 of {len(rows)} claims" in table
    biggest = rows["value_high"].fillna(rows["value_low"]).max()
    assert f"{int(biggest):,}" in table.split("<tr data-claim-id=")[1]  # sorted, then cut
