"""Chart builders: one mark per claim, hedges drawn as hedges, text escaped."""

from __future__ import annotations

import html
import itertools

import numpy as np
import pandas as pd
import pytest

from newsclaims import charts, schema

ARTICLES = schema.conform(
    [
        {"article_id": "a1", "outlet": "Wire One", "published": pd.Timestamp("2022-08-01"),
         "published_precision": "month", "title": "t1"},
        {"article_id": "a2", "outlet": None, "published": pd.Timestamp("2024-10-03"),
         "published_precision": "day", "title": "t2"},
        {"article_id": "a3", "outlet": "Undated Daily", "published": None, "title": "t3"},
    ],
    schema.ARTICLES,
)  # fmt: skip


def claim(
    article_id: str,
    start: int,
    metric: str,
    qualifier: str,
    low: float | None,
    high: float | None,
    claimant: str | None = None,
    **extra: object,
) -> dict[str, object]:
    return {
        "claim_id": f"{article_id}-{start}", "article_id": article_id, "start": start,
        "end": start + 5, "figure_text": f"fig{start}", "sentence": f"Sentence {start}.",
        "metric": metric, "party": "Russia", "value_low": low, "value_high": high,
        "qualifier": qualifier, "claimant": claimant, "hedged": False, "rule": "test", **extra,
    }  # fmt: skip


CLAIMS = schema.conform(
    [
        claim("a1", 0, "troops", "exact", 100_000, 100_000, "Igor Korotchenko"),
        claim("a1", 10, "troops", "up_to", None, 100_000, "Regnum"),
        claim("a1", 20, "troops", "vague", 10_000, 99_999),
        claim("a2", 0, "troops", "at_least", 10_000, None),
        claim("a2", 10, "troops", "range", 10_000, 12_000),
        claim("a3", 0, "troops", "exact", 5_000, 5_000),  # article date unknown
        claim("a1", 30, "casualties", "range", 70_000, 80_000, "Colin Kahl"),
        claim("a1", 40, "killed", "as_high_as", 15_000, 25_000, "National Review"),
        claim("a2", 20, "wounded", "approx", 3_000, 3_000),
        claim("a2", 30, "equipment", "up_to", None, 12),
    ],
    schema.CLAIMS,
)
ROWS = charts.claims_with_articles(CLAIMS, ARTICLES)


def _claim_traces(fig):  # type: ignore[no-untyped-def]
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("kind") == "claims"]


def test_troop_chart_has_one_mark_per_dated_troop_claim() -> None:
    fig = charts.troop_chart(ROWS)
    assert charts.count_marks(fig) == 5
    ids = sorted(i for t in _claim_traces(fig) for i in t.meta["claim_ids"])
    assert ids == ["a1-0", "a1-10", "a1-20", "a2-0", "a2-10"]
    assert "1 troop claim(s) not drawn: article date unknown" in fig.layout.title.subtitle.text


def _shapes(fig, kind):  # type: ignore[no-untyped-def]
    """The segments or polygons of a chart's ``kind`` traces: (legend group, corners)."""
    out = []
    for t in fig.data:
        if isinstance(t.meta, dict) and t.meta.get("kind") == kind:
            corners: list[tuple[object, object]] = []
            for x, y in zip(t.x, t.y, strict=True):
                if x is None:
                    out.append((t.legendgroup, corners))
                    corners = []
                else:
                    corners.append((x, y))
            assert not corners, "each shape ends with a gap"
    return out


def test_troop_marks_encode_the_qualifier_and_bounds() -> None:
    fig = charts.troop_chart(ROWS)
    marks = {}
    for trace in _claim_traces(fig):
        for i, cid in enumerate(trace.meta["claim_ids"]):
            marks[cid] = (trace.marker.symbol[i], trace.y[i], trace.x[i], trace.legendgroup)
    symbols = {cid: (m[0], m[1]) for cid, m in marks.items()}
    assert symbols["a1-0"] == ("circle", 100_000)
    assert symbols["a1-10"] == ("triangle-down", 100_000)  # upper bound only
    assert symbols["a2-0"] == ("triangle-up", 10_000)  # lower bound only
    assert symbols["a2-10"] == ("line-ew-open", 12_000)  # a range: its top
    assert symbols["a1-20"] == ("square-open", 99_999)  # vague: its top
    # range bars go from the mark straight down to the lower bound, in its legend group
    bars = sorted((c[0][1], c[1][1]) for _, c in _shapes(fig, "ranges"))
    assert bars == [(12_000, 10_000), (99_999, 10_000)]
    for group, ((x0, y0), (x1, _)) in _shapes(fig, "ranges"):
        mark = next(m for m in marks.values() if m[1] == y0)
        assert x0 == x1 == mark[2] and group == mark[3]
    # the vague claim's band spans its bounds, five days either side of its mark
    bands = _shapes(fig, "bands")
    assert len(bands) == 1
    group, corners = bands[0]
    assert sorted({y for _, y in corners}) == [10_000, 99_999]
    days = sorted({pd.Timestamp(x) for x, _ in corners})
    assert days[1] - days[0] == pd.Timedelta(days=10)
    assert pd.Timestamp(marks["a1-20"][2]) == days[0] + pd.Timedelta(days=5)
    assert group == marks["a1-20"][3]
    # up_to and at_least get dotted tails: down from an upper bound, up from a lower
    tails = {(c[0][1], c[1][1]) for _, c in _shapes(fig, "tails")}
    assert tails == {(100_000, 75_000), (10_000, 12_500)}
    assert all(t.line.dash == "dot" for t in fig.data if t.meta.get("kind") == "tails")
    # drawn under every mark, and never hovered
    kinds = [t.meta["kind"] for t in fig.data]
    rank = ["bands", "tails", "ranges", "claims"]
    assert kinds == sorted(kinds, key=rank.index) and set(kinds) == set(rank)
    assert all(t.hoverinfo == "skip" for t in fig.data if t.meta["kind"] != "claims")
    assert fig.layout.shapes == ()
    assert fig.layout.showlegend  # two outlets
    one = ROWS[ROWS["outlet"].eq("Wire One")]
    assert charts.troop_chart(one).layout.showlegend is False  # one: no legend to read


def test_troop_chart_range_bars_follow_a_log_axis() -> None:
    fig = charts.troop_chart(ROWS, log_y=True)
    tails = {(c[0][1], round(c[1][1])) for _, c in _shapes(fig, "tails")}
    assert tails == {(100_000, 60_000), (10_000, 16_667)}


def test_colour_by_outlet_or_claimant_names_the_unknown() -> None:
    by_outlet = {t.name for t in _claim_traces(charts.troop_chart(ROWS))}
    assert by_outlet == {"Wire One", "(unknown outlet)"}
    by_claimant = {t.name for t in _claim_traces(charts.troop_chart(ROWS, color_by="claimant"))}
    assert by_claimant == {"Igor Korotchenko", "Regnum", "(unattributed)"}


def test_log_scale_toggle() -> None:
    assert charts.troop_chart(ROWS, log_y=True).layout.yaxis.type == "log"
    assert charts.troop_chart(ROWS).layout.yaxis.type == "linear"


def test_marks_of_one_date_and_value_do_not_hide_each_other() -> None:
    fig = charts.troop_chart(ROWS)
    points = [(x, y) for t in _claim_traces(fig) for x, y in zip(t.x, t.y, strict=True)]
    assert len(set(points)) == len(points)


def test_casualty_chart_keeps_metrics_apart_and_labelled() -> None:
    fig = charts.casualty_chart(ROWS)
    assert charts.count_marks(fig) == 3
    metrics = sorted(t.meta["metric"] for t in _claim_traces(fig))
    assert metrics == ["casualties", "killed", "wounded"]
    panel_titles = [a.text for a in fig.layout.annotations]
    assert panel_titles == [
        "<b>Killed</b>",
        "<b>Wounded</b>",
        "<b>Casualties (killed + wounded)</b>",
    ]
    kahl = next(t for t in _claim_traces(fig) if t.name == "Colin Kahl")
    assert (kahl.x[0], kahl.error_x.arrayminus[0]) == (80_000, 10_000)
    # no range in a trace: no error bars at all (plotly would draw one of no length a mark)
    bars = {t.name: t.error_x.arrayminus for t in _claim_traces(fig)}
    assert bars == {"Colin Kahl": (10_000,), "National Review": (10_000,), "(unattributed)": None}


def test_empty_selection_gives_a_clear_empty_chart() -> None:
    none = ROWS.iloc[0:0]
    fig = charts.troop_chart(none)
    assert charts.count_marks(fig) == 0
    assert fig.layout.annotations[0].text == "No troop claims match these filters."
    assert "No casualty claims" in charts.casualty_chart(none).layout.annotations[0].text


PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "$\\alpha$"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_untrusted_text_is_escaped_everywhere(payload: str) -> None:
    articles = ARTICLES.assign(outlet=payload)
    claims = CLAIMS.assign(claimant=payload, sentence=payload, figure_text=payload)
    rows = charts.claims_with_articles(claims, articles)
    for fig in (charts.troop_chart(rows, title=payload), charts.casualty_chart(rows)):
        dumped = fig.to_json()
        assert "<img" not in dumped and "<script" not in dumped
        assert "$\\\\alpha$" not in dumped  # no MathJax trigger survives
        assert any(
            "&lt;" in t.hovertext[0] or "&#36;" in t.hovertext[0] for t in _claim_traces(fig)
        )


@pytest.mark.parametrize(
    ("qualifier", "low", "high", "said"),
    [
        ("exact", 100_000, 100_000, "100,000"),
        ("approx", 1_500, 1_500, "about 1,500"),
        ("up_to", None, 100_000, "up to 100,000"),
        ("as_high_as", 15_000, 25_000, "as high as 15,000–25,000"),
        ("at_least", 10_000, None, "at least 10,000"),
        ("range", 70_000, 80_000, "70,000–80,000"),
        ("vague", 10_000, 99_999, "vague: 10,000–99,999"),
    ],
)
def test_describe_bounds(qualifier: str, low: float | None, high: float | None, said: str) -> None:
    assert charts.describe_bounds(qualifier, low, high) == said


def test_published_label_follows_precision() -> None:
    assert charts.published_label(pd.Timestamp("2022-08-01"), "month") == "Aug 2022"
    assert charts.published_label(pd.Timestamp("2022-08-08"), "day") == "8 Aug 2022"
    assert charts.published_label(pd.Timestamp("2022-01-01"), "year") == "2022"
    assert charts.published_label(pd.NaT, None) == "date unknown"


def test_hedged_marks_are_drawn_on_top_of_plain_ones() -> None:
    fig = charts.troop_chart(ROWS)
    wire = next(t for t in _claim_traces(fig) if t.name == "Wire One")
    assert list(wire.marker.symbol) == ["circle", "triangle-down", "square-open"]


def test_month_precision_dates_are_labelled_as_months_not_days() -> None:
    month_only = ROWS[ROWS["article_id"] == "a1"]
    axis = charts.troop_chart(month_only).layout.xaxis
    assert list(axis.ticktext) == ["Aug 2022"]
    assert axis.tickformat == "%b %Y"
    day_precise = ROWS[ROWS["article_id"] == "a2"]
    assert charts.troop_chart(day_precise).layout.xaxis.tickformat is None


def _many(n: int, metric: str = "troops") -> pd.DataFrame:
    """``n`` claims over 20 months, 12 outlets and a few hedges and values."""
    rows = pd.concat([ROWS] * (n // len(ROWS) + 1), ignore_index=True).iloc[:n].copy()
    rows["claim_id"] = [f"c{i}" for i in range(n)]
    rows["article_id"] = [f"a{i // 3}" for i in range(n)]
    rows["metric"] = metric
    rows["published"] = pd.Timestamp("2022-03-01") + pd.to_timedelta(
        [(i * 7) % 600 for i in range(n)], unit="D"
    )
    rows["published_precision"] = "day"
    rows["outlet_label"] = [f"Outlet {i % 12}" for i in range(n)]
    rows["claimant_label"] = [f"Claimant {i % 5}" for i in range(n)]
    rows["qualifier"] = [("exact", "approx", "up_to", "at_least")[i % 4] for i in range(n)]
    rows["value_low"] = [float(1000 * (1 + i % 9)) for i in range(n)]
    rows["value_high"] = rows["value_low"].where(rows["qualifier"] != "at_least")
    rows.loc[rows["qualifier"] == "up_to", "value_low"] = float("nan")
    return rows


def test_many_troop_claims_are_drawn_binned_and_all_counted() -> None:
    rows = _many(6000)
    spec = charts.troop_spec(rows, max_marks=3000)
    marks = sum(len(t["x"]) for t in spec["data"])
    assert marks <= charts.MAX_MARKS  # what the browser receives
    assert charts.count_marks(spec) == 6000  # every claim is in some mark
    assert "6,000 claims drawn as" in spec["layout"]["title"]["subtitle"]["text"]
    symbols = {s for t in spec["data"] for s in t["marker"]["symbol"]}
    assert {"triangle-down", "triangle-up", "circle-open", "circle"} <= symbols  # hedges kept
    charts.figure(spec)  # valid plotly
    few = charts.troop_spec(rows.iloc[:200], max_marks=3000)
    assert {t["meta"]["kind"] for t in few["data"]} <= {"claims", "ranges", "bands", "tails"}
    assert charts.count_marks(few) == 200


def test_binned_marks_stay_bounded_however_many_groups() -> None:
    rows = _many(30000)
    rows["outlet_label"] = [f"Outlet {i % 300}" for i in range(len(rows))]
    rows["value_low"] = [float(100 + i % 997) for i in range(len(rows))]
    rows["value_high"] = rows["value_low"]
    rows["qualifier"] = "exact"
    spec = charts.troop_spec(rows)
    assert sum(len(t["x"]) for t in spec["data"]) <= charts.MAX_MARKS
    names = [t["name"] for t in spec["data"]]
    assert len(names) <= len(charts.PALETTE) and "(other outlets)" in names
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    drawn = charts.count_marks(spec)
    assert "30,000 claims drawn as" in subtitle
    assert f"{30000 - drawn:,} claims in the smallest groups not drawn" in subtitle


def test_many_casualty_claims_are_grouped_into_readable_rows() -> None:
    rows = _many(900, metric="killed")
    spec = charts.casualty_spec(rows, max_rows=40)
    ticks = spec["layout"]["yaxis"]["tickvals"]
    assert len(ticks) <= 40
    assert charts.count_marks(spec) <= 900 and charts.count_marks(spec) > 40
    assert "900 claims in" in spec["layout"]["title"]["subtitle"]["text"]
    assert "claims like this" in spec["data"][0]["hovertext"][0]
    charts.figure(spec)


def test_a_grouped_casualty_panel_says_it_shows_only_the_commonest_groups() -> None:
    """At most MAX_ROWS rows a panel; the subtitle gives the claims, all their groups of like
    claims, and that the commonest are drawn; one claim is "1 claim"."""
    rows = _many(900, metric="killed")
    rows["party"] = [("Russia", "Ukraine", None)[i % 3] for i in range(900)]
    rows["claimant_label"] = [f"Claimant {i % 7}" for i in range(900)]
    keys = ["claimant_label", "party", "qualifier", "value_low", "value_high"]
    groups = len(rows.groupby(keys, dropna=False))
    assert groups > charts.MAX_ROWS
    spec = charts.casualty_spec(rows, group_by="claimant")
    assert len(spec["layout"]["yaxis"]["tickvals"]) == charts.MAX_ROWS
    subtitle = spec["layout"]["title"]["subtitle"]["text"]
    assert (
        f"Killed: 900 claims in {groups:,} groups of like claims, "
        f"the {charts.MAX_ROWS} commonest shown" in subtitle
    )
    one = charts.casualty_spec(rows.head(50).assign(value_low=range(50), value_high=range(50)),
                               max_rows=10)  # fmt: skip
    ticks = " ".join(one["layout"]["yaxis"]["ticktext"])
    assert ">1 claim<" in ticks and "1 claims" not in ticks
    assert (
        "Killed: 50 claims in 50 groups of like claims, the 10 commonest shown"
        in (one["layout"]["title"]["subtitle"]["text"])
    )
    # rows grouped already (as the store groups them): the totals come with them
    top = rows.head(12).assign(n_claims=range(40, 28, -1))
    given = charts.casualty_spec(top, groups={"killed": (5000, 300)})
    assert (
        "Killed: 5,000 claims in 300 groups of like claims, the 12 commonest shown"
        in (given["layout"]["title"]["subtitle"]["text"])
    )
    assert len(given["layout"]["yaxis"]["tickvals"]) == 12


@pytest.mark.parametrize("seed", range(5))
def test_like_claims_grouped_in_python_as_pandas_groups_them(seed: int) -> None:
    """_group_like_claims gives the rows pandas' group-by, drop_duplicates and nlargest gave:
    each group's first row, the most claims first, ties in order; missing values alike."""
    rng = np.random.default_rng(seed)
    n = 600
    panel = pd.DataFrame({
        "claim_id": [f"c{i:04d}" for i in range(n)],
        "claimant_label": rng.choice(["A", "B", "C"], n),
        "party": [p or None for p in rng.choice(["Russia", "Ukraine", ""], n)],
        "qualifier": pd.array([q or None for q in rng.choice(["exact", "approx", ""], n)],
                              dtype="string"),
        "value_low": rng.choice([100.0, 1_000.0, np.nan], n),
        "value_high": rng.choice([1_000.0, np.nan], n),
    }, index=rng.permutation(n) + 7)  # fmt: skip
    keys = ["claimant_label", "party", "qualifier", "value_low", "value_high"]
    size = panel.groupby(keys, dropna=False, sort=False)["claim_id"].transform("size")
    expected = (
        panel.assign(n_claims=size)
        .drop_duplicates(subset=keys)
        .nlargest(17, "n_claims", keep="first")
    )
    assert panel.isna().any().sum() == 4  # party, qualifier, both bounds: some missing
    got, groups = charts._group_like_claims(panel, "claimant_label", 17)
    pd.testing.assert_frame_equal(got, expected)
    assert groups == len(panel.drop_duplicates(subset=keys))


@pytest.mark.parametrize(
    "text",
    [
        "“About 10,000 North Korean troops <b>were</b> sent to Kursk & Kherson,” "
        "the $ministry$ said on Tuesday, citing intelligence from the region.",
        "short",
        "x" * 90 + " then a sentence after a word too long for a line",
        "  spaces\tand\nnewlines   inside  ",
    ],
)
def test_hover_sentences_wrap_at_words_and_stay_escaped(text: str) -> None:
    wrapped = charts._wrap(text)
    lines = wrapped.split("<br>")
    assert "<b>" not in wrapped and "$" not in wrapped
    plain = [html.unescape(line) for line in lines]
    assert " ".join(plain).split() == text.split()  # every word, in order, none lost
    assert all(len(line) <= 70 or " " not in line for line in plain)
    # greedy: a line ends only where its next word would not fit
    assert all(len(a) + 1 + len(b.split()[0]) > 70 for a, b in itertools.pairwise(plain))


def test_hover_text_is_cached_on_every_value_it_shows() -> None:
    """Hovers are cached: rows that differ in any shown value (missing or not: NaN, None,
    ``pd.NA``) get their own text; the same values, from any table, the same text."""
    base = {
        "figure_text": "70,000", "qualifier": "range", "value_low": 70000.0,
        "value_high": 80000.0, "relay": None, "hedged": False, "hedge": None,
        "outlet_label": "Daily <b>", "date_label": "8 Aug 2022",
        "claimant_label": "Colin Kahl", "sentence": "Between 70,000 and 80,000 casualties.",
    }  # fmt: skip
    variants = [
        {},
        {"value_low": float("nan"), "qualifier": "up_to"},
        {"value_low": None, "qualifier": "up_to"},
        {"hedged": pd.NA},
        {"hedged": True, "hedge": "estimated"},
        {"relay": "TASS"},
        {"outlet_label": "Daily"},
    ]
    rows = pd.DataFrame([{**base, **v} for v in variants])
    rows["hedged"] = rows["hedged"].astype("boolean")
    got = charts._hover(rows)
    assert got == charts._hover(rows.iloc[::-1].reset_index(drop=True))[::-1]
    assert got[0].startswith("<b>70,000</b> (70,000–80,000)<br>Outlet: Daily &lt;b&gt;, ")
    assert got[1] == got[2] and "(up to 80,000)" in got[1]  # NaN and None: both missing
    assert got[3] == got[0]  # hedged unknown reads as not hedged, as before
    assert "Qualifier: range (between, to); hedged: estimated<br>" in got[4]
    assert "Claimant: Colin Kahl (relayed by TASS)<br>" in got[5]
    assert "Outlet: Daily, 8 Aug 2022" in got[6]
    assert len({got[0], got[1], got[4], got[5], got[6]}) == 5


@pytest.mark.parametrize("color_by", ["outlet", "claimant"])
def test_troop_marks_of_many_outlets_share_the_rest_colour_beyond_the_palette(
    color_by: str,
) -> None:
    """One mark per claim, 140 labels: the 8 with the most claims keep a colour each, the
    others are one legend entry in the rest colour; no mark is lost, none changes its
    hover, and the chart is a few traces, not four per label."""
    rows = _many(700)
    label_col = f"{color_by}_label"
    # L000 has 100 claims, L001-L007 10 each, L008-L139 4 or 5 each
    rows[label_col] = (
        ["L000"] * 100
        + [f"L{j:03d}" for j in range(1, 8) for _ in range(10)]
        + [f"L{8 + i % 132:03d}" for i in range(530)]
    )
    spec = charts.troop_spec(rows, color_by=color_by)
    marks = [t for t in spec["data"] if t["meta"]["kind"] == "claims"]
    rest = f"(other {color_by}s)"
    names = [t["name"] for t in marks]
    assert names == [f"L{i:03d}" for i in range(8)] + [rest]  # label order, the rest last
    colours = {t["name"]: t["marker"]["color"] for t in marks}
    assert colours[rest] == charts.OTHERS_COLOR
    assert len(set(colours.values())) == len(colours)  # no colour stands for two labels
    assert len(spec["data"]) <= 4 * len(charts.PALETTE)
    assert charts.count_marks(spec) == 700
    others = next(t for t in marks if t["name"] == rest)
    assert len(others["x"]) == 530
    shown = {f"L{i:03d}" for i in range(140)} - set(names)
    named = {h.split(f"{color_by.title()}: ")[1].split(",")[0].split("<br>")[0]
             for h in others["hovertext"]}  # fmt: skip
    assert named == shown  # each mark still names its own outlet or claimant
    decorations = [t for t in spec["data"] if t["meta"]["kind"] != "claims"]
    assert {t["legendgroup"] for t in decorations} <= set(names)  # hidden with their marks
    charts.figure(spec)  # valid plotly


def test_published_labels_are_published_label_of_each_row() -> None:
    published = pd.Series(
        pd.to_datetime(["2022-08-08", None, "2024-11-01", "2022-08-08", "2023-01-31", None])
    )
    precision = pd.Series(["day", "day", "month", "year", None, "month"], dtype=object)
    expected = [charts.published_label(p, q) for p, q in zip(published, precision, strict=True)]
    assert charts.published_labels(published, precision) == expected
    assert charts.published_labels(published, precision.astype("string")) == expected
    assert expected == ["8 Aug 2022", "date unknown", "Nov 2024", "2022", "31 Jan 2023",
                        "date unknown"]  # fmt: skip


@pytest.mark.parametrize("n", [30, 900])  # one row a claim; rows of like claims
def test_casualty_colours_stay_distinct_with_more_claimants_than_colours(n: int) -> None:
    """Beyond the palette, the commonest claimants keep a colour each and the others share
    one legend entry; every row still names its own claimant on the axis."""
    rows = _many(n, metric="killed")
    rows["claimant_label"] = [f"Claimant {i % 15:02d}" for i in range(n)]
    spec = charts.casualty_spec(rows, group_by="claimant", max_rows=40)
    legend = {t["name"]: t["marker"]["color"] for t in spec["data"]}
    assert len(legend) == len(charts.PALETTE)  # 8 claimants and "(other claimants)"
    assert legend["(other claimants)"] == charts.OTHERS_COLOR
    assert len(set(legend.values())) == len(legend)  # no colour stands for two
    if n == 30:  # every claim a row of its own, each named on the axis
        ticks = " ".join(spec["layout"]["yaxis"]["ticktext"])
        assert all(f"Claimant {i:02d}" in ticks for i in range(15))
        assert charts.count_marks(spec) == 30
    others = [t for t in spec["data"] if t["name"] == "(other claimants)"]
    assert sum(len(t["x"]) for t in others) > 0


def test_marks_at_the_same_date_and_value_are_spread_apart_in_row_order() -> None:
    day = pd.Timestamp("2024-10-01")
    rows = pd.DataFrame(
        {
            "published": pd.Series(
                [day, day, day, pd.Timestamp("2024-12-01"), pd.Timestamp("2022-03-01"), pd.NaT],
                dtype="datetime64[us]",
            ),
            "published_precision": ["day", "day", "day", "month", "day", "day"],
        }
    ).set_axis([7, 3, 5, 1, 2, 9])
    # 10,000 and 10,040 round to the same hundred: one cluster; 12,000 is apart
    y = pd.Series([10_000.0, 10_040.0, 12_000.0, 10_000.0, 100_000.0, 5.0], index=rows.index)
    x = charts._spread_dates(rows, y)
    assert list(x.index) == [7, 3, 5, 1, 2, 9] and x.dtype == "datetime64[us]"
    step = (pd.Timestamp("2024-12-15") - pd.Timestamp("2022-03-01")) / 90  # a 90th of the axis
    assert x[7] == day - step / 2 and x[3] == day + step / 2  # first in row order goes left
    assert x[5] == day  # alone at its value
    assert x[1] == pd.Timestamp("2024-12-15")  # a month's claim sits mid-month
    assert x[2] == pd.Timestamp("2022-03-01") and pd.isna(x[9])


def test_three_like_marks_spread_evenly_and_far_dates_do_not_overflow() -> None:
    rows = pd.DataFrame(
        {
            "published": pd.Series(["2024-01-10"] * 3 + ["2924-01-10"], dtype="datetime64[us]"),
            "published_precision": ["day"] * 4,
        }
    )
    x = charts._spread_dates(rows, pd.Series([500.0, 480.0, 520.0, 500.0]))
    # a precision not known (<NA> in the schema's string dtype) is a day's
    unknown = rows.assign(published_precision=pd.array([pd.NA] * 4, dtype="string"))
    assert charts._spread_dates(unknown, pd.Series([500.0, 480.0, 520.0, 500.0])).equals(x)
    gaps = x.iloc[:3].diff().dropna()
    assert gaps.nunique() == 1 and gaps.iloc[0] > pd.Timedelta(days=2)
    assert x.iloc[1] == pd.Timestamp("2024-01-10") and x.iloc[3] == pd.Timestamp("2924-01-10")


def test_subtitle_notes_are_lines_of_their_own_above_the_plot() -> None:
    """plotly does not wrap a subtitle: notes run together were cut at the chart's edge.
    Each is a line; the title rises with them and the top margin holds them all."""
    rows = _many(900, metric="killed")
    rows = pd.concat([rows, rows.assign(metric="wounded")], ignore_index=True)
    rows["claimant_label"] = [f"Claimant {i % 50}" for i in range(len(rows))]
    spec = charts.casualty_spec(rows, group_by="claimant")
    title = spec["layout"]["title"]
    lines = title["subtitle"]["text"].split("<br>")
    assert lines[0] == charts.esc(charts.HEDGE_KEY)
    assert [line.split(":")[0] for line in lines[1:]] == ["Killed", "Wounded"]
    assert title["yanchor"] == "bottom" and title["yref"] == "paper" and title["y"] == 1
    assert title["pad"]["b"] >= charts.SUBTITLE_LINE * 3 + 20  # lines and the panel's name
    assert spec["layout"]["margin"]["t"] >= title["pad"]["b"] + 30  # and the title itself
    few = charts.casualty_spec(rows.head(3), group_by="claimant")
    assert few["layout"]["title"]["subtitle"]["text"].count("<br>") == 0
    assert few["layout"]["margin"]["t"] < spec["layout"]["margin"]["t"]
