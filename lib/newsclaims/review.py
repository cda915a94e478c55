"""The review queue for data staff: claims to check, and corrections built from their choices.

Pure functions; the review notebook's widgets (in :mod:`newsclaims.app`) only
call them. A correction is always built from the claim as the editor saw it,
so the log records the old value beside the new one.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from newsclaims import corrections as corr

STATUSES = ("to review", "accepted", "edited", "rejected", "added")


def claim_status(claims: pd.DataFrame, log: pd.DataFrame) -> pd.Series:
    """Each claim's review status from the applied log (latest action wins, by claim_id).

    ``log`` is :attr:`newsclaims.corrections.Applied.log`. Rejected claims are
    no longer in ``claims``; their status lives in the log only.
    """
    status = pd.Series("to review", index=claims["claim_id"], dtype="string")
    word = {"accepted": "accepted", "edited": "edited", "stale": "edited", "added": "added"}
    for cid, outcome in zip(log["claim_id"], log["outcome"], strict=True):
        if cid in status.index and outcome in word:
            # the strongest word wins: an added claim stays "added" through the edits
            # that fill it in, and an accept does not hide an edit
            rank = {"to review": 0, "accepted": 1, "edited": 2, "added": 3}
            if rank[word[outcome]] >= rank[str(status[cid])]:
                status[cid] = word[outcome]
    return status.reindex(claims["claim_id"]).reset_index(drop=True)


def review_queue(
    claims: pd.DataFrame,
    articles: pd.DataFrame,
    log: pd.DataFrame,
    statuses: tuple[str, ...] | None = ("to review",),
    article_id: str | None = None,
    metric: str | None = None,
) -> pd.DataFrame:
    """Claims with status, outlet and title; unreviewed first, then by article and place."""
    rows = claims.assign(status=claim_status(claims, log).to_numpy()).merge(
        articles[["article_id", "outlet", "title"]], on="article_id", how="left"
    )
    if statuses is not None:
        rows = rows[rows["status"].isin(statuses)]
    if article_id:
        rows = rows[rows["article_id"] == article_id]
    if metric:
        rows = rows[rows["metric"] == metric]
    order = {s: i for i, s in enumerate(STATUSES)}
    return rows.sort_values(
        ["status", "article_id", "start"], key=lambda c: c.map(order) if c.name == "status" else c
    ).reset_index(drop=True)


def _shown(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def correction_for(
    claim: pd.Series | dict[str, Any],
    action: str,
    who: str,
    reason: str,
    field: str = "",
    new_value: str = "",
) -> corr.Correction:
    """Build a correction of ``claim`` (a claims row), with the old value it had; validated."""
    old = _shown(claim[field]) if action == "edit" and field in claim else ""
    made = corr.Correction(
        when=corr.now(), who=who.strip(), claim_id=str(claim["claim_id"]), action=action,
        field=field if action == "edit" else "", old_value=old, new_value=new_value.strip(),
        reason=reason.strip(),
    )  # fmt: skip
    corr.validate(made)
    return made


def find_span(text: str, figure_text: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th appearance of ``figure_text`` in ``text``.

    Raises :class:`newsclaims.corrections.CorrectionError` naming how many
    appearances there are when the one asked for does not exist.
    """
    needle = figure_text.strip()
    if not needle:
        raise corr.CorrectionError("type the figure as it appears in the article")
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    if not 1 <= occurrence <= len(starts):
        raise corr.CorrectionError(
            f"“{needle}” appears {len(starts)} time(s) in the article; "
            f"occurrence {occurrence} does not exist"
        )
    start = starts[occurrence - 1]
    return start, start + len(needle)


def add_corrections(
    article_id: str,
    text: str,
    figure_text: str,
    who: str,
    reason: str,
    fields: dict[str, str],
    occurrence: int = 1,
) -> list[corr.Correction]:
    """Corrections that add a missed claim: the span, then one edit per field given."""
    start, end = find_span(text, figure_text, occurrence)
    new_id = corr.claim_id(article_id, start, end)
    made = [
        corr.Correction(corr.now(), who.strip(), new_id, "add", "span", "",
                        f"{article_id}:{start}:{end}", reason.strip())
    ]  # fmt: skip
    for field, value in fields.items():
        if value.strip():
            made.append(
                corr.Correction(corr.now(), who.strip(), new_id, "edit", field, "", value.strip(),
                                reason.strip())
            )  # fmt: skip
    for item in made:
        corr.validate(item)
    return made
