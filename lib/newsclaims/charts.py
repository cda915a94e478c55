"""Pure chart builders: claims DataFrame in, a plotly figure out.

Each chart has two forms built by the same code: ``troop_spec`` returns the
figure as plain plotly.js JSON (``{"data": [...], "layout": {...}}``), which the
dashboards send to the browser as is; ``troop_chart`` returns the same figure as
a validated ``plotly.graph_objects.Figure``, which the export writes to
PNG/SVG/PDF/HTML and the tests inspect. Building plain dicts costs about 5 ms
where plotly's validating objects cost 60-70 ms per chart (and a second on the
first call, while validators load), so a filter change stays well under 200 ms.
Neither form adds logic of its own, so what an editor sees is what a reader gets.

Hedges are drawn, never hidden (house style: no hedge becomes a hard number):

==============  ============================================================
qualifier       mark
==============  ============================================================
exact           filled circle at the value
approx          open circle at the value ("about", "around", "some")
up_to           downward triangle at the upper bound, with a dotted tail
as_high_as      the same (a single number); a range behind "as high as" is
                drawn as a range
at_least        upward triangle at the lower bound, with a dotted tail
range           a bar from the lower to the upper bound, ticks at both ends
vague           a translucent band over the decade span ("tens of thousands")
==============  ============================================================

Each claim is exactly one point (one hoverable mark) in one trace, so the
number of points in a chart equals the number of claims it shows.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.json import to_json_plotly

#: A figure as plotly.js reads it: ``{"data": [trace, ...], "layout": {...}}``.
Spec = dict[str, Any]

#: Plotly marker symbol for each qualifier.
SYMBOLS = {
    "exact": "circle",
    "approx": "circle-open",
    "up_to": "triangle-down",
    "as_high_as": "triangle-down",
    "at_least": "triangle-up",
    "range": "line-ew-open",
    "vague": "square-open",
}
QUALIFIER_LABELS = {
    "exact": "exact",
    "approx": "approximate (about, around, some)",
    "up_to": "upper bound only (up to, as many as)",
    "as_high_as": "upper bound only (as high as)",
    "at_least": "lower bound only (at least, more than)",
    "range": "range (between, to)",
    "vague": "vague magnitude (thousands, tens of thousands)",
}
METRIC_LABELS = {
    "killed": "Killed",
    "wounded": "Wounded",
    "casualties": "Casualties (killed + wounded)",
    "civilian_killed": "Civilians killed",
    "prisoners": "Prisoners",
    "displaced": "Displaced",
}
#: Metrics drawn by :func:`casualty_chart`, in panel order.
CASUALTY_METRICS = ("killed", "wounded", "casualties", "civilian_killed")
#: Okabe-Ito, distinguishable by readers with colour-vision deficiency.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#7F7F7F",
    "#F0E442",
    "#000000",
)
#: The colour of the labels merged as "(other claimants)" / "(other outlets)".
OTHERS_COLOR = "#BBBBBB"
UNKNOWN_OUTLET = "(unknown outlet)"
UNATTRIBUTED = "(unattributed)"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


#: Characters plotly's text would read as markup, and their entities. plotly.js
#: decodes numeric entities and only a few named ones (``&amp;``, ``&lt;``,
#: ``&gt;``; not ``&quot;``), so quotes and ``$`` become numeric entities.
_PLOTLY_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "$": "&#36;"}
)


def esc(value: object, missing: str = "") -> str:
    """Escape any value for plotly's HTML-like text (hover, titles, labels, legend).

    Plotly renders a subset of HTML tags in text (``<b>``, ``<a href>``, ...) and
    typesets ``$...$`` with MathJax where it is loaded; article text must reach
    neither, and must read exactly as written (``"`` stays ``"``, not ``&quot;``).
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return missing
    return str(value).translate(_PLOTLY_ENTITIES)


@functools.lru_cache(maxsize=8192)
def _wrap(text: str, width: int = 70) -> str:
    """``text`` escaped, in lines of at most ``width`` characters (a longer word: a line of
    its own), joined by ``<br>``: a hover's source sentence.

    Greedy word wrap, not :func:`textwrap.wrap` (which also breaks at hyphens and inside
    long words): a tenth of the time, for the sentence of every mark of every redraw; and
    cached, since the same sentence returns with each filter change and often holds
    several claims.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return esc("\n".join(lines)).replace("\n", "<br>")  # split() took every newline out


def format_value(value: Any) -> str:
    """Format a count for a label: ``100000.0`` -> ``100,000``; missing -> ``?``."""
    if value is None or pd.isna(value):
        return "?"
    return f"{value:,.0f}"


def describe_bounds(qualifier: str, low: Any, high: Any) -> str:
    """Say a claim's value in words an editor reads: "up to 100,000", "70,000–80,000"."""
    lo, hi = format_value(low), format_value(high)
    if qualifier in ("up_to", "as_high_as") and (low is None or pd.isna(low)):
        return f"{'up to' if qualifier == 'up_to' else 'as high as'} {hi}"
    if qualifier == "at_least":
        return f"at least {lo}"
    if qualifier == "approx":
        return f"about {lo}"
    if qualifier == "vague":
        return f"vague: {lo}–{hi}"
    if qualifier == "as_high_as":
        return f"as high as {lo}–{hi}"
    if lo == hi:
        return lo
    return f"{lo}–{hi}"


def published_label(published: Any, precision: object) -> str:
    """Show a date at its precision: ``Aug 2022`` for month, ``8 Aug 2022`` for day."""
    if pd.isna(published):
        return "date unknown"
    if precision == "year":
        return f"{published:%Y}"
    if precision == "month":
        return f"{published:%b %Y}"
    return f"{published.day} {published:%b %Y}"


def claims_with_articles(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Join each claim to its article's outlet, date and title (one row per claim)."""
    meta = articles[["article_id", "outlet", "published", "published_precision", "title"]]
    rows = claims.merge(meta, on="article_id", how="left", validate="many_to_one")
    rows["outlet_label"] = rows["outlet"].fillna(UNKNOWN_OUTLET)
    rows["claimant_label"] = rows["claimant"].fillna(UNATTRIBUTED)
    rows["date_label"] = published_labels(rows["published"], rows["published_precision"])
    return rows


def published_labels(published: pd.Series, precision: pd.Series) -> list[str]:
    """:func:`published_label` of each row: worked out once per date and precision (a
    corpus has a few hundred of those, a redraw thousands of claims), from plain
    ``datetime`` values (pandas' Timestamps cost a microsecond each to make)."""
    days = pd.to_datetime(published).astype("datetime64[us]").to_numpy().tolist()  # NaT: None
    done: dict[tuple[object, object], str] = {}
    out = []
    kinds = precision.astype(object).where(precision.notna(), None).tolist()
    for key in zip(days, kinds, strict=True):
        label = done.get(key)
        if label is None:
            label = done[key] = published_label(*key)
        out.append(label)
    return out


def ordered_labels(values: Iterable[object]) -> list[str]:
    """Distinct text labels, sorted without regard to case, "(unknown ...)" labels last."""
    distinct = {v for v in values if isinstance(v, str)}
    return sorted(distinct, key=lambda s: (s.startswith("("), s.lower()))


def color_map(labels: Sequence[str]) -> dict[str, str]:
    """Give each label a palette colour, stable for the same sorted labels."""
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(ordered_labels(labels))}


def legend_labels(weight: Mapping[str, int], rest: str) -> tuple[dict[str, str], dict[str, str]]:
    """Each label's legend entry, and each entry's colour, for labels weighted by their
    claims. With more labels than :data:`PALETTE` has colours, the ``len(PALETTE) - 1``
    with the most claims (ties: in label order) keep theirs and the others share one
    entry, ``rest``, drawn in :data:`OTHERS_COLOR`: a colour given twice would say two
    outlets are one, and a trace per label made a chart of 140 outlets some 500
    traces (300 ms to make in the kernel at 1,000 articles, and seconds to draw).
    Every mark's hover still names its own label."""
    kept = set(weight)
    if len(weight) > len(PALETTE):
        kept = set(sorted(weight, key=lambda k: (-weight[k], k))[: len(PALETTE) - 1])
    legend_of = {label: label if label in kept else rest for label in weight}
    return legend_of, {**color_map(sorted(kept)), rest: OTHERS_COLOR}


def _records(rows: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows as dicts of the named columns only: the joined rows carry whole article
    texts, and ``DataFrame.to_dict`` over every column is most of a redraw's time."""
    values = [rows[c].tolist() for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


_HOVER_COLUMNS = (
    "figure_text", "qualifier", "value_low", "value_high", "relay", "hedged", "hedge",
    "outlet_label", "date_label", "claimant_label", "sentence",
)  # fmt: skip


def _hover(rows: pd.DataFrame) -> list[str]:
    """Each row's hover text (see :func:`_hover_text`), with every missing value (NaN,
    NaT, ``pd.NA``) passed as None: values a cache can key on (NaN is not equal to
    itself; ``pd.NA`` cannot say whether it is)."""
    na = pd.NA
    columns = [rows[c].tolist() for c in _HOVER_COLUMNS]
    return [
        _hover_text(*[None if v is na or v != v else v for v in values])
        for values in zip(*columns, strict=True)
    ]


@functools.lru_cache(maxsize=4096)  # about 1 KB each with its key: a few views' marks
def _hover_text(
    figure_text: object, qualifier: Any, value_low: Any, value_high: Any, relay: object,
    hedged: object, hedge: object, outlet_label: object, date_label: object,
    claimant_label: object, sentence: object,
) -> str:  # fmt: skip
    """One claim's hover: the figure and its bounds, outlet and date, claimant (and who
    relayed it), qualifier and hedge, and the source sentence, every part escaped.

    Cached on every value it shows (so it is the same text for the same values, whatever
    table they came from): the same claims return with each filter change, and making
    their text was a fifth of the troop chart's time (16.9 -> 13.6 ms for 326 marks).
    """
    bounds = describe_bounds(qualifier, value_low, value_high)
    relayed = f" (relayed by {esc(relay)})" if isinstance(relay, str) else ""
    hedging = f"; hedged: {esc(hedge)}" if hedged is True else ""
    label = QUALIFIER_LABELS.get(qualifier, qualifier)
    return "<br>".join(
        [
            f"<b>{esc(figure_text)}</b> ({esc(bounds)})",
            f"Outlet: {esc(outlet_label)}, {esc(date_label)}",
            f"Claimant: {esc(claimant_label)}{relayed}",
            f"Qualifier: {esc(label)}{hedging}",
            _wrap(f"“{sentence}”"),
        ]
    )


def _spread_dates(rows: pd.DataFrame, y: pd.Series) -> pd.Series:
    """x positions: the published date, with claims that would hide each other spread apart.

    Month and year precision dates are placed mid-period, where the uncertainty
    is centred. Claims at the same date and value (the same figure repeated in
    one story, or by several outlets the same month) are spread sideways by a
    share of the whole time axis, so every mark stays visible and hoverable.
    """
    days = (
        rows["published_precision"].astype(object).map({"month": 14, "year": 182})
        .fillna(0).to_numpy(dtype="int64")
    )  # fmt: skip
    base = pd.to_datetime(rows["published"]) + pd.to_timedelta(days, unit="D")
    span = base.max() - base.min() if base.notna().any() else pd.Timedelta(0)
    step = max(pd.Timedelta(days=2), span / 90)
    # Clusters of equal (x, y rounded to hundreds): each claim's place in its cluster
    # (in row order) and the cluster's size, from one stable sort. Two pandas groupbys
    # over datetime keys did the same in half of the chart's time.
    x = base.to_numpy().view("int64")  # in the column's own unit; NaT is one value
    yr = y.round(-2).to_numpy(dtype="float64")
    order = np.lexsort((yr, x))
    xs, ys = x[order], yr[order]
    same_y = (ys[1:] == ys[:-1]) | (np.isnan(ys[1:]) & np.isnan(ys[:-1]))
    starts = np.flatnonzero(np.concatenate(([True], (xs[1:] != xs[:-1]) | ~same_y)))
    run = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, len(x))))
    pos = np.empty(len(x), dtype="int64")
    size = np.empty(len(x), dtype="int64")
    pos[order] = np.arange(len(x)) - starts[run]
    size[order] = np.diff(np.append(starts, len(x)))[run]
    offset = pd.Series(pos - (size - 1) / 2, index=rows.index)
    return base + offset * step


def _anchor(rows: pd.DataFrame) -> pd.Series:
    """The y of each claim's mark: the upper bound where there is one, else the lower."""
    return rows["value_high"].fillna(rows["value_low"]).astype("float64")


def _bar_down_to_low(spans: list[float], color: str, thickness: int, width: int) -> dict[str, Any]:
    """An error bar from each mark (at the upper bound) down to the lower bound: a range.

    Marks with no range get a zero-length bar; callers draw bars without caps
    (``width=0``) where a cap would strike through an open marker. Spans stay
    finite numbers: NaN is not JSON, and a widget message holding one is refused.
    """
    return {
        "type": "data",
        "symmetric": False,
        "array": [0.0] * len(spans),
        "arrayminus": spans,
        "color": color,
        "thickness": thickness,
        "width": width,
    }


def _empty_spec(title: str, message: str) -> Spec:
    layout = {
        "title": {"text": esc(title)},
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "annotations": [
            {
                "text": esc(message),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 16, "color": "#555"},
            }
        ],
    }
    return {"data": [], "layout": _style(layout)}


#: Right margin (px): half of the widest x tick label ("1,000,000", "Sep 2024") fits
#: in it, so a label at the right end of an axis is never cut by the chart's edge.
RIGHT_MARGIN = 48


@functools.cache
def _template() -> dict[str, Any]:
    """plotly's "simple_white" template, spelled out (plotly.js knows no template names),
    with every axis's tick labels drawn where they fall (``ticklabeloverflow="allow"``).

    plotly.js's default for these axes, "hide past div", measures each tick label
    against the page after drawing it, a forced layout per axis: a third of the
    casualty chart's redraw in Chromium (112 -> 74 ms median, three panels of 20
    rows, 100k corpus). The margins leave room for every label (the left one is
    measured by :func:`tick_margin`, the right one is :data:`RIGHT_MARGIN`), so
    nothing was ever hidden; the export keeps plotly's default all the same.
    """
    template: dict[str, Any] = pio.templates["simple_white"].to_plotly_json()
    layout = template.setdefault("layout", {})
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**layout.get(axis, {}), "ticklabeloverflow": "allow"}
    return template


#: The casualty chart's key to its marks (the first line of its subtitle).
HEDGE_KEY = "Bars: ranges · ◀ upper bound only · ▶ lower bound only · ○ approximate"
#: Height (px) of a line of subtitle, and of the title above it with its spare room.
SUBTITLE_LINE = 17
TITLE_ROOM = 44
#: The top margin a chart's set height was reckoned with: the height grows by what
#: the title and its lines need more (:func:`_style`).
BASE_TOP = 100


def _titled(title: str, notes: Sequence[str], above_plot: int = 0) -> dict[str, Any]:
    """A title and its notes as the subtitle, one note a line: plotly does not wrap a
    subtitle, and notes run one after another were cut off at the chart's right edge.

    The title is set on the plot's top edge, raised by the subtitle's lines (plotly
    lays the subtitle out below the title, and out of its own reckoning) and by
    ``above_plot`` px of labels the chart puts there; :func:`_style` makes the top
    margin tall enough for all of it."""
    return {
        "text": esc(title),
        "subtitle": {"text": "<br>".join(esc(n) for n in notes)},
        "yref": "paper",
        "y": 1,
        "yanchor": "bottom",
        "pad": {"b": SUBTITLE_LINE * len(notes) + 8 + above_plot},
    }


def _style(layout: dict[str, Any]) -> dict[str, Any]:
    room = layout.get("title", {}).get("pad", {}).get("b")  # see _titled; none: no notes
    top = BASE_TOP if room is None else TITLE_ROOM + int(room)
    layout.update(
        template=_template(),
        font={"family": FONT, "size": 13, "color": "#222"},
        hoverlabel={"font": {"family": FONT, "size": 12}, "align": "left"},
        margin={"l": 70, "r": RIGHT_MARGIN, "t": top, "b": 60},
    )
    if "height" in layout:  # the plot keeps its height whatever the title's
        layout["height"] += top - BASE_TOP
    return layout


def figure(spec: Spec) -> go.Figure:
    """The spec as a validated plotly Figure (for export and inspection)."""
    return go.Figure(spec)


def spec_json(spec: Spec) -> str:
    """The spec as JSON for plotly.js (dates, NumPy and pandas values converted)."""
    return str(to_json_plotly(spec))


def troop_claims(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows :func:`troop_chart` draws: troop claims with a value and a known date."""
    troops = rows[rows["metric"] == "troops"]
    return troops[troops["published"].notna() & _anchor(troops).notna()]


def casualty_claims(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows :func:`casualty_chart` draws: casualty-type claims with a value."""
    data = rows[rows["metric"].isin(CASUALTY_METRICS)]
    return data[_anchor(data).notna()]


def troop_chart(
    rows: pd.DataFrame,
    color_by: str = "outlet",
    log_y: bool = False,
    title: str = "Troop figures as reported",
) -> go.Figure:
    """:func:`troop_spec` as a validated plotly Figure."""
    return figure(troop_spec(rows, color_by=color_by, log_y=log_y, title=title))


#: Above this many claims a chart draws one mark per group of like claims (see
#: :func:`binned_troop_spec`), and never more marks than this: a browser draws a
#: thousand SVG marks quickly, not a hundred thousand, and no reader can hover
#: them one by one anyway.
MAX_MARKS = 1000


def troop_spec(
    rows: pd.DataFrame,
    color_by: str = "outlet",
    log_y: bool = False,
    title: str = "Troop figures as reported",
    max_marks: int = MAX_MARKS,
) -> Spec:
    """Troop claims over time: x = published date, y = value, one mark per claim.

    ``rows`` is :func:`claims_with_articles` output (any metric; only ``troops``
    is drawn). ``color_by`` is ``"outlet"`` or ``"claimant"``. Claims whose
    article has no known date cannot be placed and are counted in a note.
    More than ``max_marks`` claims are drawn binned (:func:`binned_troop_spec`).
    """
    undated = int((rows["metric"].eq("troops") & rows["published"].isna()).sum())
    troops = troop_claims(rows).copy()
    if troops.empty:
        return _empty_spec(title, "No troop claims match these filters.")
    if len(troops) > max_marks:
        return binned_troop_spec(troops, color_by=color_by, log_y=log_y, title=title)
    troops["y"] = _anchor(troops)
    troops["x"] = _spread_dates(troops, troops["y"])
    label_col = "claimant_label" if color_by == "claimant" else "outlet_label"
    rest = "(other claimants)" if color_by == "claimant" else "(other outlets)"
    labels = troops[label_col].astype(str)
    weight = {str(label): int(n) for label, n in labels.value_counts().items()}
    legend_of, colors = legend_labels(weight, rest)
    legend = labels.map(legend_of)
    data: list[dict[str, Any]] = []
    # drawn first, under every mark: bands, then tails, then range bars
    under: dict[str, list[dict[str, Any]]] = {"bands": [], "tails": [], "ranges": []}
    # one trace (and its decorations) per legend entry, in label order, the rest last
    entries = sorted(troops.groupby(legend), key=lambda kv: (kv[0] == rest, str(kv[0])))
    for label, group in entries:
        color = colors[str(label)]
        # Hedged marks are drawn last, on top: in a dense cluster the hedge must
        # not hide behind the plain numbers.
        group = group.sort_values("qualifier", key=lambda q: q.ne("exact"), kind="stable")
        symbols = [SYMBOLS.get(q, "circle") for q in group["qualifier"]]
        xs = np.array(_iso(group["x"]), dtype=object)  # the marks', and their bars' and tails'
        data.append(
            dict(  # noqa: C408 (keyword form mirrors plotly's trace attributes)
                type="scatter",
                x=xs.tolist(),
                y=group["y"].tolist(),
                mode="markers",
                name=esc(label),
                legendgroup=esc(label),
                marker={
                    "symbol": symbols,
                    "size": 12,
                    "color": color,
                    # a white rim separates overlapping filled marks; open marks are all rim
                    "line": {
                        "width": [2 if "open" in s else 1 for s in symbols],
                        "color": [color if "open" in s else "white" for s in symbols],
                    },
                },
                customdata=group[["claim_id", "article_id"]].to_numpy(),
                hovertext=_hover(group),
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"kind": "claims", "claim_ids": group["claim_id"].tolist()},
            )
        )
        # Ranges and vague spans get a bar down from the mark to the lower bound (no
        # cap: it would strike through an open mark; a range's top is its own mark,
        # "line-ew-open"); open-ended claims a dotted tail where the value is unknown.
        for kind, trace in _decorations(group, xs, str(label), color, log_y).items():
            under[kind].append(trace)
    entries_drawn = len(data)
    data = [*under["bands"], *under["tails"], *under["ranges"], *data]
    notes = [
        "▼ upper bound only · ▲ lower bound only · ○ approximate · bars: ranges · bands: vague"
    ]
    if undated:
        notes.append(f"{undated} troop claim(s) not drawn: article date unknown")
    xaxis: dict[str, Any] = {"title": {"text": "Published"}, "type": "date"}
    if troops["published_precision"].ne("day").all():
        # Dates known to the month only: label months, so that marks spread across
        # a month for visibility are not read as exact days.
        xaxis["tickformat"] = "%b %Y"
        first, last = troops["published"].min(), troops["published"].max()
        if (last - first).days < 365:
            months = pd.date_range(first, last, freq="MS")
            xaxis["tickvals"] = [m + pd.Timedelta(days=14) for m in months]
            xaxis["ticktext"] = [f"{m:%b %Y}" for m in months]
            xaxis["range"] = [first - pd.Timedelta(days=2), last + pd.offsets.MonthEnd(0)]
    if troops["published"].nunique() == 1 and "range" not in xaxis:
        # one date: give the axis a month either side, not a millisecond
        day = troops["published"].iloc[0]
        xaxis["range"] = [day - pd.Timedelta(days=30), day + pd.Timedelta(days=30)]
    yaxis: dict[str, Any] = {
        "title": {"text": "Troops (as reported)"},
        "type": "log" if log_y else "linear",
        "rangemode": "tozero" if not log_y else "normal",
    }
    if not log_y:
        yaxis["tickformat"] = ",d"
    layout = {
        "title": _titled(title, notes),
        "xaxis": xaxis,
        "yaxis": yaxis,
        # a legend for two labels or more, as plotly's default was for the marks alone
        "showlegend": entries_drawn > 1,
    }
    return {"data": data, "layout": _style(layout)}


def binned_troop_spec(
    troops: pd.DataFrame,
    color_by: str = "outlet",
    log_y: bool = False,
    title: str = "Troop figures as reported",
) -> Spec:
    """Troop claims grouped by month, outlet (or claimant), qualifier and bounds.

    One mark per group, sized by how many claims it holds; the hedge stays in
    the marker's shape, as in the one-mark-per-claim chart, and the hover says
    how many claims, in how many articles, with an example of their wording.
    ``meta.claims`` of each trace lists the claims each mark stands for (counts).
    """
    label_col = "claimant_label" if color_by == "claimant" else "outlet_label"
    keys = ["month", "label", "qualifier", "value_low", "value_high"]
    grouped = (
        troops.assign(
            month=troops["published"].dt.to_period("M").dt.to_timestamp(),
            label=troops[label_col],
        )
        .groupby(keys, dropna=False, sort=True)
        .agg(n=("claim_id", "size"), articles=("article_id", "nunique"),
             example=("figure_text", "first"))
        .reset_index()
    )  # fmt: skip
    return binned_spec(grouped, color_by=color_by, log_y=log_y, title=title)


def binned_spec(
    grouped: pd.DataFrame,
    color_by: str = "outlet",
    log_y: bool = False,
    title: str = "Troop figures as reported",
    total: int | None = None,
) -> Spec:
    """Draw binned troop marks: one row of ``grouped`` (month, label, qualifier,
    value_low, value_high, n, articles, example) per mark. The store's
    :meth:`newsclaims.store.ClaimStore.binned` gives the same frame from SQL, and may
    give only the largest marks: ``total`` is then the claims of all of them."""
    if grouped.empty:
        return _empty_spec(title, "No troop claims match these filters.")
    if total is None:
        total = int(grouped["n"].sum())
    weight = grouped.groupby("label")["n"].sum()
    if len(weight) > len(PALETTE):
        # more outlets than a reader can tell apart by colour: the biggest, then the rest
        rest = "(other claimants)" if color_by == "claimant" else "(other outlets)"
        legend_of, _ = legend_labels({str(k): int(n) for k, n in weight.items()}, rest)
        grouped = (
            grouped.assign(label=grouped["label"].map(legend_of).fillna(rest))
            .groupby(["month", "label", "qualifier", "value_low", "value_high"], dropna=False)
            .agg(n=("n", "sum"), articles=("articles", "sum"), example=("example", "first"))
            .reset_index()
        )
    if len(grouped) > MAX_MARKS:
        grouped = grouped.nlargest(MAX_MARKS, "n", keep="first")
    dropped = total - int(grouped["n"].sum())
    grouped = grouped.assign(y=_anchor(grouped))
    colors = color_map(list(grouped["label"]))
    data: list[dict[str, Any]] = []
    # A thousand marks share a few dozen months and a few hundred bounds: each is
    # worded once (the hover was two thirds of this function's time).
    months = {m: f"{m:%b %Y}" for m in set(grouped["month"])}
    bounds: dict[tuple[Any, Any, Any], str] = {}
    for label, group in grouped.groupby("label", sort=True):
        color = colors[str(label)]
        symbols = [SYMBOLS.get(q, "circle") for q in group["qualifier"]]
        name = esc(label)
        hover = []
        for n, a, m, q, lo, hi, ex in zip(
            group["n"], group["articles"], group["month"],
            group["qualifier"], group["value_low"], group["value_high"], group["example"],
            strict=True,
        ):  # fmt: skip
            said = bounds.get((q, lo, hi))
            if said is None:
                said = bounds[(q, lo, hi)] = esc(describe_bounds(q, lo, hi))
            hover.append(
                f"<b>{int(n):,} claim(s)</b> in {int(a):,} article(s), {months[m]}<br>"
                f"{name}: {said}<br>e.g. “{esc(ex)}”"
            )
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": (group["month"] + pd.Timedelta(days=14)).dt.strftime("%Y-%m-%d").tolist(),
                "y": group["y"].tolist(),
                "name": name,
                "legendgroup": name,
                "marker": {
                    "symbol": symbols,
                    "color": color,
                    "size": [min(30, 7 + 3 * math.log2(n)) for n in group["n"]],
                    "line": {"width": 1, "color": "white"},
                },
                "hovertext": hover,
                "hovertemplate": "%{hovertext}<extra></extra>",
                "meta": {"kind": "binned", "claims": [int(n) for n in group["n"]]},
            }
        )
    note = (
        f"{total:,} claims drawn as {len(grouped):,} marks: one per month, "
        f"{'claimant' if color_by == 'claimant' else 'outlet'}, hedge and value; "
        "bigger marks hold more claims"
    )
    if dropped:
        note += f"; {dropped:,} claims in the smallest groups not drawn"
    layout = {
        "title": _titled(title, [note]),
        "xaxis": {"title": {"text": "Published (month)"}, "type": "date"},
        "yaxis": {
            "title": {"text": "Troops (as reported)"},
            "type": "log" if log_y else "linear",
            **({} if log_y else {"rangemode": "tozero", "tickformat": ",d"}),
        },
    }
    return {"data": data, "layout": _style(layout)}


def _iso(x: pd.Series) -> list[str]:
    # ISO text, not datetime64: a widget sends datetime64 as integers, which plotly
    # then draws on a numeric axis
    return list(x.dt.strftime("%Y-%m-%dT%H:%M:%S"))


def _paths(*corners: Any) -> list[Any]:
    """Segments or polygons as one plotly path: each of ``corners`` holds one corner of
    every shape (lists or arrays of equal length); the shapes come one after another,
    a gap (None) between."""
    size = len(corners[0])
    points = np.empty((size, len(corners) + 1), dtype=object)
    for i, corner in enumerate(corners):
        points[:, i] = list(corner)
    points[:, -1] = None
    return list(points.ravel())


def _decorations(
    group: pd.DataFrame, xs: np.ndarray, label: str, color: str, log_y: bool
) -> dict[str, Any]:
    """What a troop chart draws under one label's marks, as traces by kind: range bars
    (from the mark down to the lower bound), vague bands, and dotted tails of
    open-ended claims. Each kind is one trace, drawn as one path: as an error bar or a
    layout shape each took a path of its own (a fifth of the chart's redraw in
    Chromium), and a shape stayed on the chart when its outlet was hidden from the
    legend; these traces share the marks' legend group and go with them. ``xs``: the
    marks' x as ISO text (:func:`_iso`), in the rows' order."""
    x, y = group["x"], group["y"]
    low, high = group["value_low"], group["value_high"]
    vague = group["qualifier"].eq("vague").to_numpy()
    common = {
        "type": "scatter", "mode": "lines", "hoverinfo": "skip", "showlegend": False,
        "legendgroup": esc(label),
    }  # fmt: skip
    out: dict[str, Any] = {}
    bar = ((high - low).fillna(0) > 0).to_numpy()
    if bar.any():
        out["ranges"] = {
            **common,
            "x": _paths(xs[bar], xs[bar]),
            "y": _paths(y[bar], low[bar]),
            "line": {"color": color, "width": 2},
            "meta": {"kind": "ranges"},
        }
    band = vague & (low.notna() & high.notna()).to_numpy()
    if band.any():
        left = _iso(x[band] - pd.Timedelta(days=5))
        right = _iso(x[band] + pd.Timedelta(days=5))
        lo, hi = low[band], high[band]
        out["bands"] = {
            **common,
            "x": _paths(left, right, right, left),
            "y": _paths(lo, lo, hi, hi),
            "fill": "toself",  # each polygon between gaps filled on its own
            "fillcolor": color,
            "opacity": 0.18,
            "line": {"width": 0},
            "meta": {"kind": "bands"},
        }
    tail = ~vague & (low.isna() | high.isna()).to_numpy()
    if tail.any():
        down = low[tail].isna().to_numpy()
        factor = np.where(down, 0.6, 1 / 0.6) if log_y else np.where(down, 0.75, 1.25)
        out["tails"] = {
            **common,
            "x": _paths(xs[tail], xs[tail]),
            "y": _paths(y[tail], y[tail].to_numpy() * factor),
            "line": {"color": color, "width": 2, "dash": "dot"},
            "opacity": 0.3,  # pale, as they were as shapes (the template's shape default)
            "meta": {"kind": "tails"},
        }
    return out


def _casualty_symbol(qualifier: str) -> str:
    return {
        "up_to": "triangle-left",
        "as_high_as": "triangle-left",
        "at_least": "triangle-right",
        "range": "line-ns-open",
        "vague": "line-ns-open",
        "approx": "circle-open",
    }.get(qualifier, "circle")


def casualty_chart(
    rows: pd.DataFrame,
    group_by: str = "claimant",
    title: str = "Casualty estimates as reported",
) -> go.Figure:
    """:func:`casualty_spec` as a validated plotly Figure."""
    return figure(casualty_spec(rows, group_by=group_by, title=title))


#: Casualty chart rows per panel before like claims are grouped into one row, and the
#: rows of like claims shown then (the commonest). Twenty: each row is a labelled tick,
#: and Chromium draws a tick label in about 2 ms (a chart of three panels of 40 rows took
#: 340 ms to redraw, of 20 rows 175 ms; without labels 100 ms); a reader compares twenty
#: rows at a glance, and the claims table below lists every claim.
MAX_ROWS = 20


def _group_like_claims(
    panel: pd.DataFrame, label_col: str, max_rows: int
) -> tuple[pd.DataFrame, int]:
    """One row per claimant (or outlet), party, qualifier and bounds, with ``n_claims``;
    the ``max_rows`` commonest, and how many groups there are in all."""
    keys = [label_col, "party", "qualifier", "value_low", "value_high"]
    # In Python, not a pandas group-by, transform, drop_duplicates and nlargest: a few
    # thousand rows at most, where pandas' fixed costs were most of a casualty chart's
    # time. The same rows (tests/test_charts.py compares): each group's first row, the
    # most claims first, ties in the panel's order; missing values equal one another.
    first: dict[tuple[object, ...], int] = {}
    count: dict[tuple[object, ...], int] = {}
    missing = [panel[k].isna().tolist() for k in keys]
    values = [panel[k].tolist() for k in keys]
    for i, key in enumerate(zip(*values, strict=True)):
        if any(m[i] for m in missing):
            key = tuple(None if m[i] else v for v, m in zip(key, missing, strict=True))
        if key in count:
            count[key] += 1
        else:
            first[key], count[key] = i, 1
    best = sorted(first, key=lambda k: (-count[k], first[k]))[:max_rows]
    grouped = panel.iloc[[first[k] for k in best]].assign(n_claims=[count[k] for k in best])
    return grouped, len(first)


def _claims(n: int) -> str:
    return f"{n:,} claim" if n == 1 else f"{n:,} claims"


def grouped_note(metric: str, claims: int, groups: int, shown: int) -> str:
    """What a casualty panel of like claims says of itself: how many claims in how many
    groups, and that only the commonest are drawn."""
    label = METRIC_LABELS.get(metric, metric)
    if shown >= groups:
        rows = "1 row" if groups == 1 else f"{groups:,} rows"
        return f"{label}: {_claims(claims)} in {rows} of like claims"
    return (
        f"{label}: {_claims(claims)} in {groups:,} groups of like claims, "
        f"the {shown} commonest shown"
    )


def casualty_spec(
    rows: pd.DataFrame,
    group_by: str = "claimant",
    title: str = "Casualty estimates as reported",
    max_rows: int = MAX_ROWS,
    groups: Mapping[str, tuple[int, int]] | None = None,
) -> Spec:
    """Casualty claims as ranges (low–high), one row per claim, one panel per metric.

    Killed, wounded, casualties (killed + wounded) and civilians killed never
    share a panel. Rows are labelled by claimant (or outlet, ``group_by``), the
    party whose losses they are, the outlet and date; colour follows
    ``group_by``. An upper bound alone ("up to") is a left-pointing triangle, a
    lower bound alone a right-pointing one. A panel of more than ``max_rows``
    claims shows one row per group of like claims (same claimant or outlet,
    party, hedge and bounds) with their number, the ``max_rows`` commonest.
    ``rows`` already grouped (with ``n_claims``, as the store groups them) come with
    ``groups``: per metric, the claims and groups of like claims they are the
    commonest of, which the chart's subtitle tells.
    """
    data = casualty_claims(rows).copy()
    if data.empty:
        return _empty_spec(title, "No casualty claims match these filters.")
    metrics = [m for m in CASUALTY_METRICS if (data["metric"] == m).any()]
    label_col = "outlet_label" if group_by == "outlet" else "claimant_label"
    other_col = "claimant_label" if group_by == "outlet" else "outlet_label"
    panels: dict[str, pd.DataFrame] = {}
    grouped_notes: list[str] = []
    for metric in metrics:
        panel = data[data["metric"] == metric]
        if "n_claims" in panel.columns:  # grouped already: the commonest groups
            if groups is not None and metric in groups:
                claims, total = groups[metric]
                grouped_notes.append(grouped_note(metric, claims, total, len(panel)))
        elif len(panel) > max_rows:
            grouped, groups_all = _group_like_claims(panel, label_col, max_rows)
            grouped_notes.append(grouped_note(metric, len(panel), groups_all, len(grouped)))
            panel = grouped
        panels[metric] = panel
    # More labels than colours: the commonest keep theirs, the others share one legend
    # entry (each row still names its own in the axis). A colour given twice would
    # say two claimants are one; and a trace per label and panel made a redraw of 51
    # claimants 88 traces, a second of Plotly.react.
    weight: dict[str, int] = {}
    for panel in panels.values():
        counts = panel["n_claims"] if "n_claims" in panel.columns else pd.Series(1, panel.index)
        for label, n in zip(panel[label_col], counts, strict=True):
            weight[str(label)] = weight.get(str(label), 0) + int(n)
    rest = "(other outlets)" if group_by == "outlet" else "(other claimants)"
    legend_of, colors = legend_labels(weight, rest)
    heights = [len(panels[m]) for m in metrics]
    domains = _stacked_domains(heights, gap=0.14 if len(metrics) > 1 else 0)
    traces: list[dict[str, Any]] = []
    layout: dict[str, Any] = {}
    annotations: list[dict[str, Any]] = []
    shown: set[str] = set()
    for i, metric in enumerate(metrics):
        panel = panels[metric].sort_values([label_col, "published", "start"])
        panel = panel.assign(row=range(len(panel), 0, -1))  # first claim on top
        binned = "n_claims" in panel.columns
        axis = "" if i == 0 else str(i + 1)
        # Columns computed once for the panel, then taken per label: per-group pandas
        # calls cost more than the chart at a few hundred rows.
        lows_all = panel["value_low"].astype("float64").to_numpy()
        highs_all = panel["value_high"].astype("float64").to_numpy()
        x_all = np.where(np.isnan(highs_all), lows_all, highs_all)
        span_all = np.nan_to_num(highs_all - lows_all, nan=0.0)
        y_all = panel["row"].to_numpy()
        symbol_all = [_casualty_symbol(q) for q in panel["qualifier"]]
        ids_all = panel[["claim_id", "article_id"]].to_numpy()
        n_all = panel["n_claims"].to_numpy() if binned else np.ones(len(panel), dtype=int)
        hover_all = [
            f"<b>{_claims(int(n))} like this</b><br>{h}" if binned else h
            for n, h in zip(n_all, _hover(panel), strict=True)
        ]
        legend = panel[label_col].astype(str).map(legend_of)
        for label, positions in legend.groupby(legend, sort=False).indices.items():
            color = colors[str(label)]
            traces.append(
                dict(
                    type="scatter",
                    x=x_all[positions].tolist(),
                    y=y_all[positions].tolist(),
                    mode="markers",
                    name=esc(label),
                    legendgroup=esc(label),
                    showlegend=str(label) not in shown,
                    xaxis=f"x{axis}",
                    yaxis=f"y{axis}",
                    marker={
                        "symbol": [symbol_all[i] for i in positions],
                        "size": 14,
                        "color": color,
                        "line": {"width": 2, "color": color},
                    },
                    # plotly draws an error bar for every point, of no length too: a
                    # trace with no range has none (5% of the chart's redraw at 100k)
                    **(
                        {"error_x": _bar_down_to_low(spans, color, thickness=6, width=0)}
                        if any(spans := span_all[positions].tolist())
                        else {}
                    ),
                    customdata=ids_all[positions],
                    hovertext=[hover_all[i] for i in positions],
                    hovertemplate="%{hovertext}<extra></extra>",
                    meta=(
                        {
                            "kind": "binned",
                            "metric": metric,
                            "claims": [int(n_all[i]) for i in positions],
                        }
                        if binned
                        else {"kind": "claims", "metric": metric}
                    ),
                )
            )
            shown.add(str(label))
        lo, hi = domains[i]
        layout.update(
            {
                f"yaxis{axis}": {
                    "domain": [lo, hi],
                    "anchor": f"x{axis}",
                    "tickmode": "array",
                    "tickvals": panel["row"].tolist(),
                    "ticktext": [
                        f"{esc(r[label_col])} · {esc(r['party'], 'party unknown')}<br>"
                        f"<span style='font-size:11px;color:#666'>{esc(r[other_col])},"
                        f" {esc(r['date_label'])}</span>"
                        for r in _records(panel, (label_col, other_col, "party", "date_label"))
                    ]
                    if not binned
                    else [
                        f"{esc(label)} · {esc(party, 'party unknown')}<br>"
                        f"<span style='font-size:11px;color:#666'>{_claims(int(n))}</span>"
                        for label, party, n in zip(
                            panel[label_col], panel["party"], panel["n_claims"], strict=True
                        )
                    ],
                    "range": [0.4, len(panel) + 0.6],
                    "showgrid": False,
                    "automargin": False,  # see tick_margin
                },
                f"xaxis{axis}": {
                    "anchor": f"y{axis}",
                    "rangemode": "tozero",
                    "tickformat": ",d",
                    "showgrid": True,
                    "gridcolor": "#eee",
                    **({"matches": "x"} if i else {}),
                },
            }
        )
        annotations.append(
            {
                "text": f"<b>{esc(METRIC_LABELS.get(metric, metric))}</b>",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": hi,
                "yanchor": "bottom",
                "xanchor": "left",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
    layout.update(
        annotations=annotations,
        title=_titled(
            title,
            [HEDGE_KEY, *grouped_notes],
            above_plot=20,  # the first panel's name
        ),
        height=max(340, 150 + 56 * sum(heights) + 50 * len(metrics)),
        legend={"title": {"text": "Claimant" if group_by != "outlet" else "Outlet"}},
    )
    styled = _style(layout)
    ticks = [t for key, axis in layout.items() if key.startswith("yaxis")
             for t in axis.get("ticktext", ())]  # fmt: skip
    styled["margin"] = {**styled["margin"], "l": tick_margin(ticks)}
    return {"data": traces, "layout": styled}


_TAG = re.compile(r"<[^>]+>")


def tick_margin(ticktexts: Iterable[str], titled: bool = False) -> int:
    """A left margin (px) with room for the longest line of these y tick labels (and the
    axis title if ``titled``): what plotly's ``automargin`` measures in the browser, at a
    fraction of the cost (automargin lays a chart of 120 two-line labels out twice: half
    its redraw time)."""
    longest = 9  # numeric ticks: "1,000,000"
    for text in ticktexts:
        for line in text.split("<br>"):
            longest = max(longest, len(_TAG.sub("", line)))
    return min(340, 20 + int(longest * 7.4) + (26 if titled else 0))


def _stacked_domains(heights: Sequence[int], gap: float) -> list[tuple[float, float]]:
    """Vertical domains for panels, top first, sized by their row counts."""
    total_gap = gap * (len(heights) - 1)
    unit = (1 - total_gap) / max(1, sum(heights))
    top = 1.0
    out = []
    for h in heights:
        bottom = top - unit * h
        out.append((max(0.0, bottom), top))
        top = bottom - gap
    return out


def count_marks(fig: go.Figure | Spec) -> int:
    """Number of claims a chart draws (one per mark, or what each binned mark holds)."""
    traces = fig["data"] if isinstance(fig, dict) else [t.to_plotly_json() for t in fig.data]
    total = 0
    for t in traces:
        meta = t.get("meta")
        if isinstance(meta, dict) and meta.get("kind") == "claims":
            total += len(t.get("x", ()))
        elif isinstance(meta, dict) and meta.get("kind") == "binned":
            total += sum(meta["claims"])
    return total


__all__ = [
    "MAX_MARKS",
    "Spec",
    "binned_spec",
    "binned_troop_spec",
    "casualty_chart",
    "casualty_claims",
    "casualty_spec",
    "claims_with_articles",
    "count_marks",
    "describe_bounds",
    "format_value",
    "published_label",
    "spec_json",
    "troop_chart",
    "troop_claims",
    "troop_spec",
]
