"""What the dashboards show, as pure functions: DataFrames in, DataFrames or HTML strings out.

Nothing here imports ipywidgets or IPython, so every filter and every piece of
HTML a reader sees is tested in plain pytest. The app module
(:mod:`newsclaims.app`) only wires widgets to these functions.

Every value that comes from an article (title, outlet, ids, bases) goes through
:func:`html.escape` before it becomes HTML: an article titled
``<img src=x onerror=alert(1)>`` is shown as that text, never run.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

import pandas as pd

#: The choice that stands for articles whose outlet is unknown. Those articles
#: are never dropped: they get a visible choice of their own.
UNKNOWN_OUTLET = "(unknown outlet)"
#: Shown for an article whose date is unknown.
UNKNOWN_DATE = "date unknown"
#: Titles longer than this are shortened in the table; the full title is in its tooltip.
TITLE_MAX_CHARS = 140

#: Styles of the HTML this module produces (class names all start with ``nc-``).
CSS = """
<style>
.nc-summary { font-size: 1.05em; font-weight: 600; margin: 0.4em 0; }
.nc-table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
.nc-table th { text-align: left; border-bottom: 2px solid #444; padding: 4px 8px; }
.nc-table td { border-bottom: 1px solid #ddd; padding: 4px 8px; vertical-align: top; }
.nc-table td.nc-num, .nc-table th.nc-num { text-align: right; white-space: nowrap; }
.nc-table td.nc-date { white-space: nowrap; }
.nc-unknown { color: #777; font-style: italic; }
.nc-hint { display: block; color: #666; font-size: 0.85em; line-height: 1.3;
           padding-left: 88px; }
.nc-empty { padding: 1em; border: 1px dashed #999; background: #fafafa; color: #333; }
</style>
"""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _text(value: object) -> str | None:
    """Return ``value`` as a string, or ``None`` when it is missing (``<NA>``, ``None``, NaN)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and pd.isna(value):
        return None
    return str(value)


def outlet_label(outlet: object) -> str:
    """Return the outlet as shown to readers: its name, or :data:`UNKNOWN_OUTLET`."""
    name = _text(outlet)
    return name if name and name.strip() else UNKNOWN_OUTLET


def outlet_choices(articles: pd.DataFrame) -> list[tuple[str, str]]:
    """Return ``(label, value)`` pairs for the outlet filter, with article counts.

    Known outlets come first, alphabetically; :data:`UNKNOWN_OUTLET` comes last
    whenever any article has no known outlet, so those articles can be picked.
    """
    counts = articles["outlet"].map(outlet_label).value_counts()
    known = sorted((o for o in counts.index if o != UNKNOWN_OUTLET), key=str.casefold)
    ordered = known + ([UNKNOWN_OUTLET] if UNKNOWN_OUTLET in counts.index else [])
    return [(f"{o} ({counts[o]})", o) for o in ordered]


def period_end(published: pd.Timestamp, precision: object) -> pd.Timestamp:
    """Return the last day of the period an article's date stands for.

    ``published`` is the first day of the period: a month-precision date of
    2022-08-01 means "some day in August 2022", which ends on 2022-08-31.
    """
    match _text(precision):
        case "month":
            return published + pd.offsets.MonthEnd(0)
        case "year":
            return published + pd.offsets.YearEnd(0)
        case _:
            return published


def format_published(published: object, precision: object) -> str:
    """Return a date at its precision: ``8 Aug 2022`` (day), ``Aug 2022`` (month), ``2022`` (year).

    A missing date is :data:`UNKNOWN_DATE`; never a made-up day.
    """
    if not isinstance(published, date | str):  # pd.Timestamp is a date; NaT is caught below
        return UNKNOWN_DATE
    ts = pd.Timestamp(published)
    if pd.isna(ts):
        return UNKNOWN_DATE
    match _text(precision):
        case "year":
            return f"{ts.year}"
        case "month":
            return f"{_MONTHS[ts.month - 1]} {ts.year}"
        case _:
            return f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def date_bounds(articles: pd.DataFrame) -> tuple[date | None, date | None]:
    """Return the first and last day covered by the articles' dates (``None`` if none is known)."""
    dated = articles[articles["published"].notna()]
    if dated.empty:
        return None, None
    starts = dated["published"]
    ends = [
        period_end(p, q)
        for p, q in zip(dated["published"], dated["published_precision"], strict=True)
    ]
    return pd.Timestamp(starts.min()).date(), pd.Timestamp(max(ends)).date()


def filter_articles(
    articles: pd.DataFrame,
    outlets: Iterable[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    include_undated: bool = True,
) -> pd.DataFrame:
    """Return the articles that match the filters, in their original order (a new DataFrame).

    ``outlets``: the outlet names to keep (``None`` keeps all); :data:`UNKNOWN_OUTLET`
    selects articles whose outlet is unknown. ``date_from``/``date_to``: an article
    matches when the period its date stands for overlaps the range (an "Aug 2022"
    article matches a range that starts on 15 August). Articles without a date are
    kept only when ``include_undated`` is true.
    """
    keep = pd.Series(True, index=articles.index)
    if outlets is not None:
        wanted = set(outlets)
        keep &= articles["outlet"].map(outlet_label).isin(wanted)
    if date_from is not None or date_to is not None:
        starts = articles["published"]
        ends = pd.Series(
            [
                period_end(p, q) if pd.notna(p) else pd.NaT
                for p, q in zip(starts, articles["published_precision"], strict=True)
            ],
            index=articles.index,
            dtype="datetime64[s]",
        )
        in_range = starts.notna()
        if date_from is not None:
            in_range &= ends >= pd.Timestamp(date_from)
        if date_to is not None:
            in_range &= starts <= pd.Timestamp(date_to)
        keep &= in_range | (starts.isna() & include_undated)
    elif not include_undated:
        keep &= articles["published"].notna()
    return articles[keep].copy()


def summary_line(articles: pd.DataFrame) -> str:
    """Return the plain-text count line, e.g. ``5 articles (1 outlet, 4 with unknown outlet)``."""
    n = len(articles)
    labels = articles["outlet"].map(outlet_label) if n else pd.Series(dtype="string")
    k = labels[labels != UNKNOWN_OUTLET].nunique()
    unknown = int((labels == UNKNOWN_OUTLET).sum())
    line = f"{n} article{'s' if n != 1 else ''} ({k} outlet{'s' if k != 1 else ''}"
    if unknown:
        line += f", {unknown} with unknown outlet"
    return line + ")"


def summary_html(articles: pd.DataFrame) -> str:
    """Return :func:`summary_line` as escaped HTML."""
    return f'<div class="nc-summary">{html.escape(summary_line(articles))}</div>'


def _short(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """Shorten ``text`` to ``limit`` characters at a word boundary, marking the cut with …."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def empty_state_html() -> str:
    """Return the message shown when no article matches the filters."""
    return (
        '<div class="nc-empty"><strong>No articles match these filters.</strong> '
        "Pick more outlets, widen the date range, or press “Reset filters”.</div>"
    )


def articles_table_html(articles: pd.DataFrame) -> str:
    """Return the articles as an HTML table (title, outlet, published, words), every value escaped.

    Each row carries ``data-article-id``; the outlet and date cells carry their
    basis (manifest, stated in text, inferred) as a tooltip. An empty table
    becomes :func:`empty_state_html`.
    """
    if articles.empty:
        return empty_state_html()
    rows = []
    for rec in articles.to_dict("records"):
        title = _text(rec.get("title")) or ""
        outlet = outlet_label(rec.get("outlet"))
        outlet_cls = ' class="nc-unknown"' if outlet == UNKNOWN_OUTLET else ""
        published = format_published(rec.get("published"), rec.get("published_precision"))
        date_cls = "nc-date nc-unknown" if published == UNKNOWN_DATE else "nc-date"
        outlet_basis = html.escape(_text(rec.get("outlet_basis")) or "")
        date_basis = html.escape(_text(rec.get("published_basis")) or "")
        words = _text(rec.get("word_count"))
        rows.append(
            f'<tr data-article-id="{html.escape(_text(rec.get("article_id")) or "")}">'
            f'<td title="{html.escape(title)}">{html.escape(_short(title))}</td>'
            f'<td{outlet_cls} title="{outlet_basis}">'
            f"{html.escape(outlet)}</td>"
            f'<td class="{date_cls}" title="{date_basis}">'
            f"{html.escape(published)}</td>"
            f'<td class="nc-num">{html.escape(f"{int(words):,}") if words else "–"}</td>'
            "</tr>"
        )
    return (
        '<table class="nc-table"><thead><tr><th>Title</th><th>Outlet</th>'
        '<th>Published</th><th class="nc-num">Words</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
