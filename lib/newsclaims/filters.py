"""Claim filters, shared by the overview dashboard, deep links and the export.

A :class:`ClaimFilter` says which claims to show; :func:`filter_claims`
applies it to :func:`newsclaims.charts.claims_with_articles` rows. A filter
field left as ``None`` does not filter.

Deep links: :func:`from_query` reads a URL query string such as
``?outlet=UnitedVoice&metric=troops&from=2022-08-01``. Values are compared with
the choices the data offers (case-insensitively); anything else is ignored and
named in a note for the reader, never an error. The query string comes from a
stranger's browser: it is only ever compared, never evaluated or used as a path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import parse_qs

import pandas as pd

from newsclaims.charts import ordered_labels

#: Query-string keys, each with the aliases a person might type.
QUERY_KEYS = {
    "outlet": ("outlet", "outlets"),
    "metric": ("metric", "metrics"),
    "party": ("party", "parties"),
    "claimant": ("claimant", "claimants"),
    "hedged": ("hedged",),
    "from": ("from", "date_from", "since"),
    "to": ("to", "date_to", "until"),
}
#: Longest query string read; a longer one is cut (and said so).
MAX_QUERY = 2000


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to show; ``None`` means "all" for that field."""

    outlets: tuple[str, ...] | None = None  # outlet labels, "(unknown outlet)" included
    metrics: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None
    claimants: tuple[str, ...] | None = None  # claimant labels, "(unattributed)" included
    hedged: bool | None = None  # True: hedged only; False: unhedged only
    date_from: date | None = None
    date_to: date | None = None
    include_undated: bool = True  # keep claims of articles with no known date

    def with_(self, **changes: object) -> ClaimFilter:
        """Return a copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class Choices:
    """The values each filter can take, read from the data."""

    outlets: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)
    date_min: date | None = None
    date_max: date | None = None


def choices(rows: pd.DataFrame) -> Choices:
    """Return what each filter can take in ``rows`` (``claims_with_articles`` output)."""
    dates = rows["published"].dropna()
    return Choices(
        outlets=ordered_labels(rows["outlet_label"]),
        metrics=ordered_labels(rows["metric"]),
        parties=ordered_labels(rows["party"].fillna("(party unknown)")),
        claimants=ordered_labels(rows["claimant_label"]),
        date_min=dates.min().date() if not dates.empty else None,
        date_max=dates.max().date() if not dates.empty else None,
    )


def filter_claims(rows: pd.DataFrame, flt: ClaimFilter) -> pd.DataFrame:
    """Return the rows that pass ``flt``, in their original order.

    A claim passes the date range when its article's publication period
    overlaps it: a claim published "Aug 2022" passes ``from=2022-08-15``.
    """
    keep = pd.Series(True, index=rows.index)
    for column, allowed in (
        ("outlet_label", flt.outlets),
        ("metric", flt.metrics),
        ("claimant_label", flt.claimants),
    ):
        if allowed is not None:
            keep &= rows[column].isin(allowed)
    if flt.parties is not None:
        keep &= rows["party"].fillna("(party unknown)").isin(flt.parties)
    if flt.hedged is not None:
        keep &= rows["hedged"].fillna(False).astype(bool) == flt.hedged
    if flt.date_from is not None or flt.date_to is not None:
        start = rows["published"]
        end = _period_end(rows)
        in_range = pd.Series(True, index=rows.index)
        if flt.date_from is not None:
            in_range &= end >= pd.Timestamp(flt.date_from)
        if flt.date_to is not None:
            in_range &= start <= pd.Timestamp(flt.date_to)
        undated = start.isna()
        keep &= in_range.fillna(False) | (undated & flt.include_undated)
    elif not flt.include_undated:
        keep &= rows["published"].notna()
    return rows[keep]


def _period_end(rows: pd.DataFrame) -> pd.Series:
    start = rows["published"]
    precision = rows["published_precision"]
    month_end = start + pd.offsets.MonthEnd(0)
    year_end = start + pd.offsets.YearEnd(0)
    return start.where(precision == "day", month_end.where(precision == "month", year_end))


def summary(rows: pd.DataFrame) -> str:
    """The count line: "N claims from M articles (K outlets)"."""
    known = rows["outlet"].dropna().nunique() if "outlet" in rows else 0
    has_unknown = "outlet" in rows and bool(rows["outlet"].isna().any())
    return summary_line(len(rows), rows["article_id"].nunique(), known, has_unknown)


def summary_line(n: int, m: int, known: int, has_unknown: bool) -> str:
    """The count line from its counts (claims, articles, named outlets, any unknown)."""
    unknown = " and unknown outlets" if has_unknown else ""
    return (
        f"{n:,} claim{'s' * (n != 1)} from {m:,} article{'s' * (m != 1)} "
        f"({known:,} outlet{'s' * (known != 1)}{unknown})"
    )


def _match(values: Sequence[str], offered: Sequence[str]) -> tuple[list[str], list[str]]:
    by_lower = {o.lower(): o for o in offered}
    found, unknown = [], []
    for value in values:
        hit = by_lower.get(value.strip().lower())
        if hit is None:
            unknown.append(value)
        elif hit not in found:
            found.append(hit)
    return found, unknown


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def from_query(query: str, offered: Choices) -> tuple[ClaimFilter, list[str]]:
    """Turn a URL query string into a filter and notes on what was ignored.

    ``offered`` is :func:`choices` of the data. Repeated keys and
    comma-separated values both select several: ``?outlet=A&outlet=B`` or
    ``?outlet=A,B``.
    """
    notes: list[str] = []
    if len(query) > MAX_QUERY:
        notes.append(f"The link's query was longer than {MAX_QUERY} characters; the rest ignored.")
        query = query[:MAX_QUERY]
    params = parse_qs(query.lstrip("?"), keep_blank_values=False)
    flt = ClaimFilter()
    known_keys = {alias: key for key, aliases in QUERY_KEYS.items() for alias in aliases}
    for raw_key, raw_values in params.items():
        key = known_keys.get(raw_key.lower())
        values = [v for raw in raw_values for v in raw.split(",") if v.strip()]
        if key is None:
            notes.append(f"Ignored “{raw_key}”: not a filter (use {', '.join(QUERY_KEYS)}).")
            continue
        if key in ("outlet", "metric", "party", "claimant"):
            offer = {
                "outlet": offered.outlets,
                "metric": offered.metrics,
                "party": offered.parties,
                "claimant": offered.claimants,
            }[key]
            found, unknown = _match(values, offer)
            for value in unknown:
                notes.append(f"Ignored {key} “{value}”: no such {key} in the data.")
            if found:
                flt = flt.with_(**{f"{key}s" if key != "party" else "parties": tuple(found)})
        elif key == "hedged":
            answer = values[-1].strip().lower() if values else ""
            if answer in ("yes", "true", "1", "hedged"):
                flt = flt.with_(hedged=True)
            elif answer in ("no", "false", "0", "unhedged"):
                flt = flt.with_(hedged=False)
            else:
                notes.append(f"Ignored hedged “{answer}”: use yes or no.")
        else:
            day = _parse_date(values[-1]) if values else None
            if day is None:
                shown = values[-1] if values else ""
                notes.append(f"Ignored {key} “{shown}”: not a date (use YYYY-MM-DD).")
            else:
                flt = flt.with_(**{"date_from" if key == "from" else "date_to": day})
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        notes.append("Ignored the dates: “from” is after “to”.")
        flt = flt.with_(date_from=None, date_to=None)
    return flt, notes
