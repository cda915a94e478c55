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
    return counts_line(n, k, int((labels == UNKNOWN_OUTLET).sum()))


def counts_line(n: int, k: int, unknown: int) -> str:
    """The articles' count line from its counts (articles, named outlets, unknown outlet)."""
    line = f"{n:,} article{'s' if n != 1 else ''} ({k:,} outlet{'s' if k != 1 else ''}"
    if unknown:
        line += f", {unknown:,} with unknown outlet"
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


#: Rows a table shows at most: a page a reader scans, not a corpus (the export has all).
#: Datasette's page size: 500 rows made each filter change send 280 KB of tables and
#: spend 60 ms building them, for rows nobody scrolls to.
TABLE_ROWS = 100


def _more_rows(shown: int, total: int, what: str) -> str:
    if total <= shown:
        return ""
    return (
        f'<p class="nc-basis nc-more" data-shown="{shown}" data-total="{total}">Showing the first '
        f"{shown:,} of {total:,} {what}. Narrow the filters, or export the data for all of them.</p>"
    )


def articles_table_html(
    articles: pd.DataFrame, limit: int = TABLE_ROWS, total: int | None = None
) -> str:
    """Return the articles as an HTML table (title, outlet, published, words), every value escaped.

    Each row carries ``data-article-id``; the outlet and date cells carry their
    basis (manifest, stated in text, inferred) as a tooltip. An empty table
    becomes :func:`empty_state_html`. At most ``limit`` rows, and a line saying so
    (of ``total`` when ``articles`` is already a page of a larger result).
    """
    if articles.empty:
        return empty_state_html()
    rows = []
    for rec in articles.head(limit).to_dict("records"):
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
        + _more_rows(len(rows), len(articles) if total is None else total, "articles")
    )


# ------------------------------------------------------------ claims views (issue 4)
CLAIM_CSS = """
<style>
.nc-nav { display: flex; gap: 1.2em; padding: 0.4em 0 0.8em 0; border-bottom: 1px solid #ddd;
          margin-bottom: 0.8em; font-size: 0.95em; }
.nc-nav a { color: #0b5394; text-decoration: none; }
.nc-nav a.nc-here { font-weight: 700; color: #222; }
.nc-notes { background: #fff6dd; border: 1px solid #e6c35c; padding: 0.4em 0.8em; margin: 0.4em 0; }
.nc-text { white-space: pre-wrap; line-height: 1.55; font-size: 1.02em; max-width: 60em; }
.nc-text mark { background: #ffe08a; padding: 0 2px; border-radius: 2px; }
.nc-text mark.nc-hedged { background: #f9c6a8; }
.nc-meta th { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
.nc-meta td { padding: 2px 12px 2px 0; vertical-align: top; }
.nc-basis { color: #666; font-size: 0.88em; }
.nc-group { margin: 1em 0 1.4em 0; }
.nc-group h3 { margin: 0.2em 0; font-size: 1.08em; }
.nc-changed { color: #b45309; font-weight: 600; }
.nc-rewrites { background: #eef4fb; border: 1px solid #b6cde8; padding: 0.4em 0.8em; }
</style>
"""

VIEWS = (("overview", "Overview"), ("article", "Article"), ("lineage", "How figures travelled"))

#: Columns the claims table can be sorted by: label -> claims_with_articles column.
CLAIM_SORTS = {
    "Published": "published",
    "Outlet": "outlet_label",
    "Claimant": "claimant_label",
    "Metric": "metric",
    "Value": "value_sort",
}


def esc(value: object) -> str:
    """Escape any value for HTML; missing values become an empty string."""
    return html.escape(_text(value) or "", quote=True)


#: The only schemes an article's address may have to become a link: ``javascript:``,
#: ``data:``, ``vbscript:`` and the like are shown as text.
LINK_SCHEMES = ("http", "https")


def safe_url(value: object) -> str | None:
    """The address as given if it may become a link (http or https, with a host); else None.

    Browsers ignore tabs, newlines and leading control characters in an
    ``href`` (``java\tscript:`` runs), so any of those make an address text only.
    """
    from urllib.parse import urlsplit

    url = _text(value)
    if not url or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return url


def url_html(value: object) -> str:
    """An article's address: a link that opens in a new tab if :func:`safe_url` allows it, else text."""
    url = safe_url(value)
    if url is None:
        return esc(value)
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer nofollow">{esc(url)}</a>'


def _table(headers: tuple[str, ...], rows: list[str], cls: str = "nc-table") -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    return (
        f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def nav_html(here: str) -> str:
    """The bar of links between the views; ``here`` is the current view's name."""
    links = [
        f'<a href="{name}.ipynb" class="{"nc-here" if name == here else ""}">{label}</a>'
        for name, label in VIEWS
    ]
    return f'<nav class="nc-nav">{"".join(links)}</nav>'


def notes_html(notes: list[str]) -> str:
    """Notes on a deep link's ignored values, escaped; empty when there are none."""
    if not notes:
        return ""
    items = "".join(f"<li>{esc(n)}</li>" for n in notes)
    return f'<div class="nc-notes" role="status"><ul style="margin:0">{items}</ul></div>'


def article_link(article_id: object, claim_id: object = None) -> str:
    """The article view's URL for an article (and claim), query-escaped."""
    from urllib.parse import quote

    anchor = f"#claim-{quote(str(claim_id))}" if claim_id is not None else ""
    return f"article.ipynb?article={quote(str(article_id))}{anchor}"


def claims_table_html(
    rows: pd.DataFrame, sort_by: str = "Published", descending: bool = False,
    limit: int = TABLE_ROWS, total: int | None = None,
) -> str:  # fmt: skip
    """The claims as a sortable HTML table: figure, value, metric, party, claimant, outlet, sentence.

    ``rows`` is :func:`newsclaims.charts.claims_with_articles` output. Each row
    links to its article in the article view and carries ``data-claim-id``.
    """
    from newsclaims.charts import describe_bounds

    if rows.empty:
        return (
            '<div class="nc-empty"><strong>No claims match these filters.</strong> '
            "Pick more outlets, metrics or claimants, widen the dates, or press “Reset filters”.</div>"
        )
    data = rows.assign(value_sort=rows["value_high"].fillna(rows["value_low"]))
    column = CLAIM_SORTS.get(sort_by, "published")
    data = data.sort_values([column, "article_id", "start"], ascending=not descending,
                            na_position="last", kind="stable").head(limit)  # fmt: skip
    body = []
    for r in data.to_dict("records"):
        said = describe_bounds(r["qualifier"], r["value_low"], r["value_high"])
        hedge = (
            f' <span class="nc-basis">(hedged: {esc(r["hedge"])})</span>'
            if r["hedged"] is True
            else ""
        )
        body.append(
            f'<tr data-claim-id="{esc(r["claim_id"])}" data-metric="{esc(r["metric"])}">'
            f'<td><a href="{esc(article_link(r["article_id"], r["claim_id"]))}" target="_blank">'
            f"{esc(r['figure_text'])}</a></td>"
            f'<td class="nc-num">{esc(said)}</td><td>{esc(r["metric"])}</td>'
            f"<td>{esc(r['party'])}</td><td>{esc(r['claimant_label'])}</td>"
            f'<td>{esc(r["outlet_label"])}</td><td class="nc-date">{esc(r["date_label"])}</td>'
            f"<td>{esc(_short(str(r['sentence']), 220))}{hedge}</td></tr>"
        )
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "Figure",
            "Value",
            "Metric",
            "Party",
            "Claimant",
            "Outlet",
            "Published",
            "Sentence",
        )
    )
    return (
        f'<table class="nc-table nc-claims"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
        + _more_rows(len(body), len(rows) if total is None else total, "claims")
    )


def article_meta_html(article: dict[str, object]) -> str:
    """An article's metadata, each value with where it came from."""
    rows = [
        ("Title", esc(article.get("title")), ""),
        ("Outlet", esc(outlet_label(article.get("outlet"))), esc(article.get("outlet_basis"))),
        (
            "Published",
            esc(format_published(article.get("published"), article.get("published_precision"))),
            esc(article.get("published_basis")),
        ),
        ("URL", url_html(article.get("url")) or "unknown", esc(article.get("url_basis"))),
        ("File", esc(article.get("path")), ""),
        ("Words", esc(article.get("word_count")), ""),
    ]
    cells = "".join(
        f'<tr><th>{label}</th><td>{value}</td><td class="nc-basis">{basis}</td></tr>'
        for label, value, basis in rows
    )
    return f'<table class="nc-meta">{cells}</table>'


def highlighted_text_html(text: str, claims: pd.DataFrame) -> str:
    """The article text with every claim's span in a ``<mark id="claim-...">``, all text escaped.

    Spans are taken in order; a span that overlaps an earlier one is marked
    only from where the earlier one ends, so no text is repeated or lost.
    """
    parts: list[str] = []
    pos = 0
    ordered = claims.sort_values(["start", "end"]) if not claims.empty else claims
    for r in ordered.to_dict("records"):
        start, end = max(int(r["start"]), pos), int(r["end"])
        if end <= start or start >= len(text):
            continue
        parts.append(html.escape(text[pos:start]))
        title = (
            f"{_text(r['metric']) or '?'} · {_text(r['qualifier']) or '?'} · "
            f"{_text(r['claimant']) or 'unattributed'}"
        )
        cls = ' class="nc-hedged"' if r.get("hedged") is True else ""
        parts.append(
            f'<mark id="claim-{esc(r["claim_id"])}" data-claim-id="{esc(r["claim_id"])}"{cls} '
            f'title="{html.escape(title, quote=True)}">{html.escape(text[start:end])}</mark>'
        )
        pos = end
    parts.append(html.escape(text[pos:]))
    return f'<div class="nc-text">{"".join(parts)}</div>'


def article_claims_html(rows: pd.DataFrame) -> str:
    """The list of one article's claims, each linking to its mark in the text."""
    from newsclaims.charts import describe_bounds

    if rows.empty:
        return '<div class="nc-empty">No war figures found in this article.</div>'
    items = []
    for r in rows.sort_values("start").to_dict("records"):
        said = describe_bounds(r["qualifier"], r["value_low"], r["value_high"])
        items.append(
            f'<tr><td><a href="#claim-{esc(r["claim_id"])}">{esc(r["figure_text"])}</a></td>'
            f'<td class="nc-num">{esc(said)}</td><td>{esc(r["metric"])}</td><td>{esc(r["party"])}</td>'
            f"<td>{esc(r['claimant']) or '<span class=nc-unknown>unattributed</span>'}</td>"
            f'<td>{esc(r["relay"])}</td><td class="nc-basis">{esc(r["rule"])}</td></tr>'
        )
    return _table(("Figure", "Value", "Metric", "Party", "Claimant", "Relay", "Rule"), items)


def lineage_html(lineage: pd.DataFrame, pairs: pd.DataFrame, min_articles: int = 1) -> str:
    """Groups of claims reporting the same thing, first appearance then each repetition.

    ``lineage`` is :func:`newsclaims.lineage.claim_lineage` output; ``pairs`` is
    :func:`newsclaims.lineage.article_pairs` output, shown as rewrite notes.
    """
    if lineage.empty:
        return '<div class="nc-empty">No claims to follow.</div>'
    rewrite_of: dict[str, str] = {}
    notes = []
    for p in pairs.to_dict("records"):
        rewrite_of.setdefault(str(p["b"]), str(p["a"]))
        notes.append(
            f"<li><b>{esc(p['b'])}</b> is a {esc(p['relation'])} of <b>{esc(p['a'])}</b> "
            f"(shared wording {float(p['similarity']):.0%})</li>"
        )
    out = []
    if notes:
        out.append(f'<div class="nc-rewrites"><b>Rewrites</b><ul>{"".join(notes)}</ul></div>')
    for group, rows in lineage.groupby("group", sort=False):
        if rows["article_id"].nunique() < min_articles:
            continue
        first = rows.iloc[0]
        lines = []
        for r in rows.to_dict("records"):
            changed = r["step"] > 1 and (
                r["qualifier_changed"] is True or r["claimant_changed"] is True
            )
            rewrite = (
                f' <span class="nc-basis">(rewrite of {esc(rewrite_of[r["article_id"]])})</span>'
                if r["article_id"] in rewrite_of else ""
            )  # fmt: skip
            lines.append(
                f'<tr data-claim-id="{esc(r["claim_id"])}"><td class="nc-num">{r["step"]}</td>'
                f'<td class="nc-date">{esc(r["date_label"])}</td><td>{esc(r["outlet_label"])}{rewrite}</td>'
                f'<td><a href="{esc(article_link(r["article_id"], r["claim_id"]))}" target="_blank">'
                f"{esc(r['figure_text'])}</a></td><td>{esc(r['said'])}</td><td>{esc(r['claimant_label'])}</td>"
                f'<td class="{"nc-changed" if changed else "nc-basis"}">{esc(r["change"])}</td></tr>'
            )
        head = "".join(
            f"<th>{h}</th>"
            for h in ("#", "Published", "Outlet", "Figure", "As printed", "Claimant", "Change")
        )
        out.append(
            f'<div class="nc-group" data-group="{esc(group)}"><h3>{esc(first["group_label"])}</h3>'
            f'<div class="nc-basis">{int(first["n_articles"])} article(s); first printed '
            f"{esc(first['date_label'])} by {esc(first['outlet_label'])}, claimant "
            f"{esc(first['claimant_label'])}</div>"
            f'<table class="nc-table"><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table></div>'
        )
    return "".join(out)


#: The claim fields the review shows and lets data staff edit, in reading order.
REVIEW_FIELDS = (
    "metric", "party", "value_low", "value_high", "qualifier", "claimant", "relay", "hedged",
)  # fmt: skip


def claim_context_html(text: str, start: int, end: int, width: int = 280) -> str:
    """The claim's span marked in up to ``width`` characters of its article either side; escaped."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - width), min(len(text), end + width)
    before = ("…" if lo else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return (
        f'<div class="nc-text nc-context">{html.escape(before)}'
        f'<mark class="nc-review-span">{html.escape(text[start:end])}</mark>'
        f"{html.escape(after)}</div>"
    )


def review_claim_html(claim: dict[str, object], text: str) -> str:
    """One claim for review: status, article, span in context, and its fields; all escaped."""
    from newsclaims.charts import describe_bounds

    def plain(value: object) -> str:  # as typed in an edit: 100000, not 100000.0
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return _text(value) or ""

    fields = "".join(
        f"<tr><th>{esc(name)}</th><td>{esc(plain(claim.get(name)))}</td></tr>"
        for name in REVIEW_FIELDS
    )
    bounds = describe_bounds(
        str(claim.get("qualifier") or ""), claim.get("value_low"), claim.get("value_high")
    )
    return (
        f'<div class="nc-review" data-claim-id="{esc(claim.get("claim_id"))}">'
        f"<p><strong>{esc(claim.get('status') or '')}</strong> · claim "
        f"<code>{esc(claim.get('claim_id'))}</code> in {esc(claim.get('article_id'))} "
        f"({esc(outlet_label(claim.get('outlet')))}) · rule {esc(claim.get('rule') or '')}</p>"
        f"<p>“{esc(claim.get('figure_text'))}” read as {esc(bounds)}</p>"
        f"{claim_context_html(text, int(str(claim['start'])), int(str(claim['end'])))}"
        f'<table class="nc-table nc-fields">{fields}</table></div>'
    )
