"""Column names and dtypes of every table newsclaims produces, in one place.

Each table is declared as an ordered mapping ``column -> pandas dtype``.
:func:`conform` builds a DataFrame with exactly these columns and dtypes and
:func:`validate` raises :class:`SchemaError` when a table does not match, so a
table that reaches Parquet, a chart or the dashboard has the declared shape.

Nullable pandas dtypes (``string``, ``Int64``, ``Float64``, ``boolean``) are
used throughout: an unknown outlet or date stays visibly missing (``<NA>``),
never an empty string or a made-up value.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from pandas.api.types import pandas_dtype

Schema = Mapping[str, str]

#: One row per article that loaded.
ARTICLES: Schema = {
    "article_id": "string",  # file stem, unique
    "title": "string",
    "outlet": "string",  # <NA> when unknown
    "outlet_basis": "string",  # "manifest", 'stated in text: "..."', "unknown"
    "published": "datetime64[s]",  # first day of the period when precision is month/year
    "published_precision": "string",  # day | month | year | <NA>
    "published_basis": "string",
    "url": "string",
    "url_basis": "string",
    "notes": "string",
    "text": "string",  # exactly as read (decoded), never normalised
    "encoding": "string",  # how the bytes were decoded
    "word_count": "Int64",
    "path": "string",
    "sha256": "string",  # of the raw bytes
}

#: One row per reported figure (a claim). Offsets index ``articles.text``.
CLAIMS: Schema = {
    "claim_id": "string",  # stable: hash of article_id + span
    "article_id": "string",
    "start": "Int64",
    "end": "Int64",
    "figure_text": "string",  # text[start:end]
    "sentence": "string",
    "metric": "string",  # troops, casualties, killed, wounded, civilian_killed, ...
    "party": "string",  # whose troops/losses: "North Korea", "Russia", ...
    "value_low": "Float64",
    "value_high": "Float64",
    "qualifier": "string",  # exact, approx, up_to, at_least, range, as_high_as, vague
    "claimant": "string",  # who the text says made the claim; <NA> when nobody
    "claimant_kind": "string",  # official, pundit, agency, outlet, ...
    "relay": "string",  # outlet or agency that passed it on, if named
    "hedged": "boolean",
    "hedge": "string",  # the hedging words found, for explaining `hedged`
    "rule": "string",  # which rule produced the claim
}

#: One row per problem met while loading (and one per file loaded cleanly is not kept).
INGEST_REPORT: Schema = {
    "file": "string",
    "problem": "string",
    "action": "string",
    "severity": "string",  # error (input not used) | warning (used, with a caveat) | info
}

QUALIFIERS = ("exact", "approx", "up_to", "at_least", "range", "as_high_as", "vague")
METRICS = (
    "troops",
    "casualties",
    "killed",
    "wounded",
    "civilian_killed",
    "displaced",
    "prisoners",
    "equipment",
    "other",
)
PRECISIONS = ("day", "month", "year")


class SchemaError(ValueError):
    """A table does not have the declared columns or dtypes."""


def empty(schema: Schema) -> pd.DataFrame:
    """Return an empty DataFrame with the schema's columns and dtypes."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in schema.items()})


def conform(rows: list[dict[str, object]] | pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Build a DataFrame with exactly the schema's columns (in order) and dtypes.

    Missing columns are filled with ``<NA>``; extra columns raise, because a
    column nobody declared is a column nobody validates.
    """
    frame = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    extra = [c for c in frame.columns if c not in schema]
    if extra:
        raise SchemaError(f"undeclared columns: {extra}")
    if frame.empty:
        return empty(schema)
    out = pd.DataFrame(index=frame.index)
    for col, name in schema.items():
        dtype = pandas_dtype(name)
        if col in frame.columns:
            series = frame[col]
            if name.startswith("datetime64"):
                series = pd.to_datetime(series)
            out[col] = series.astype(dtype)
        else:
            out[col] = pd.Series(pd.NA, index=frame.index).astype(dtype)
    return out.reset_index(drop=True)


def validate(frame: pd.DataFrame, schema: Schema, name: str = "table") -> pd.DataFrame:
    """Raise :class:`SchemaError` unless ``frame`` has exactly the schema's columns and dtypes."""
    cols = list(frame.columns)
    if cols != list(schema):
        raise SchemaError(f"{name}: columns {cols} differ from the schema {list(schema)}")
    wrong = {
        col: str(frame[col].dtype)
        for col, dtype in schema.items()
        if frame[col].dtype != pandas_dtype(dtype)
    }
    if wrong:
        raise SchemaError(f"{name}: wrong dtypes {wrong}")
    return frame
