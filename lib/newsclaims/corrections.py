"""Corrections: data staff's fixes to extracted claims, kept in an append-only log.

``data/corrections.csv`` holds one row per action, never edited in place:

=========  =====================================================================
column     meaning
=========  =====================================================================
when       ISO 8601 time, UTC
who        the person (initials or name)
claim_id   the claim corrected (for ``add``: the id of the new claim's span)
action     ``accept`` (checked, right) | ``edit`` (one field) | ``reject`` (not
           a war figure, or a duplicate) | ``add`` (a claim the extractor missed)
field      for ``edit``: the column changed; for ``add``: ``span``
old_value  for ``edit``: the value the editor saw
new_value  for ``edit``: the value it should have; for ``add``:
           ``article_id:start:end``
reason     why, in words (required)
=========  =====================================================================

:func:`apply_corrections` replays the log over freshly extracted claims on
every build, so a rebuild never loses a correction. A correction whose claim
no longer exists (the article text or a rule changed) is *orphaned*: it is
reported, never dropped silently, and the log keeps it.

Two processes appending at once lose no row: :func:`append` holds a file lock
(``filelock``, the lock the Python packaging tools use) while it writes, and
writes each row with one ``write`` call. A half-written last row from a crash
is detected on read and reported.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from filelock import FileLock

from newsclaims import config, schema

COLUMNS = ("when", "who", "claim_id", "action", "field", "old_value", "new_value", "reason")
ACTIONS = ("accept", "edit", "reject", "add")
#: Claim fields an ``edit`` may change, and how the new value is read.
EDITABLE = {
    "metric": str,
    "party": str,
    "claimant": str,
    "relay": str,
    "qualifier": str,
    "value_low": float,
    "value_high": float,
    "hedged": bool,
}
CORRECTIONS_PATH = config.DATA_DIR / "corrections.csv"


class CorrectionError(ValueError):
    """A correction that cannot be recorded, with the reason."""


@dataclass(frozen=True)
class Correction:
    """One row of the log."""

    when: str
    who: str
    claim_id: str
    action: str
    field: str = ""
    old_value: str = ""
    new_value: str = ""
    reason: str = ""

    def row(self) -> list[str]:
        """The CSV cells, in :data:`COLUMNS` order."""
        return [getattr(self, c) for c in COLUMNS]


@dataclass
class Applied:
    """Claims after the corrections, and what happened to each correction."""

    claims: pd.DataFrame
    log: pd.DataFrame  # one row per correction: line, action, claim_id, outcome, detail
    problems: list[dict[str, object]] = field(default_factory=list)  # ingest-report rows


def claim_id(article_id: str, start: int, end: int) -> str:
    """The stable id of a claim: the same article and span give the same id."""
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def now() -> str:
    """The current time as the log writes it."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise ValueError(f"not yes/no: {text!r}")


def validate(corr: Correction) -> None:
    """Raise :class:`CorrectionError` unless ``corr`` can be recorded."""
    if corr.action not in ACTIONS:
        raise CorrectionError(f"unknown action {corr.action!r} (use {', '.join(ACTIONS)})")
    if not corr.who.strip():
        raise CorrectionError("who is empty: say who made the correction")
    if not corr.reason.strip():
        raise CorrectionError("reason is empty: say why, for the audit trail")
    if corr.action == "edit":
        if corr.field not in EDITABLE:
            raise CorrectionError(
                f"field {corr.field!r} cannot be edited (editable: {', '.join(EDITABLE)})"
            )
        if corr.new_value.strip():
            try:
                _typed(corr.field, corr.new_value)
            except ValueError as exc:
                raise CorrectionError(f"new value for {corr.field}: {exc}") from None
        if corr.field == "qualifier" and corr.new_value not in schema.QUALIFIERS:
            raise CorrectionError(f"qualifier must be one of {', '.join(schema.QUALIFIERS)}")
        if corr.field == "metric" and corr.new_value not in schema.METRICS:
            raise CorrectionError(f"metric must be one of {', '.join(schema.METRICS)}")
    if corr.action == "add":
        parse_span(corr.new_value)
    if not corr.claim_id.strip() and corr.action != "add":
        raise CorrectionError("claim_id is empty")


def parse_span(value: str) -> tuple[str, int, int]:
    """Read ``article_id:start:end``; raise :class:`CorrectionError` when it is not that."""
    try:
        article_id, start, end = value.rsplit(":", 2)
        begin, stop = int(start), int(end)
    except ValueError:
        raise CorrectionError(f"span {value!r} is not article_id:start:end") from None
    if not article_id or begin < 0 or stop <= begin:
        raise CorrectionError(f"span {value!r} is empty or backwards")
    return article_id, begin, stop


def _typed(column: str, text: str) -> Any:
    kind = EDITABLE[column]
    if kind is bool:
        return _parse_bool(text)
    if kind is float:
        return float(text.replace(",", ""))
    return text


def append(corrections: Iterable[Correction], path: Path | None = None) -> int:
    """Validate and append corrections to the log under a file lock; return how many."""
    target = path or CORRECTIONS_PATH
    rows = list(corrections)
    for corr in rows:
        validate(corr)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for corr in rows:
        writer.writerow(corr.row())
    with FileLock(str(target) + ".lock", timeout=30):
        new_file = not target.exists() or target.stat().st_size == 0
        with target.open("a", encoding="utf-8", newline="") as handle:
            if not new_file and not _ends_with_newline(target):
                handle.write("\n")  # close a half-written row so ours starts clean
            if new_file:
                handle.write(",".join(COLUMNS) + "\n")
            handle.write(buffer.getvalue())  # one write: rows cannot interleave
            handle.flush()
    return len(rows)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) == b"\n"


def read_log(
    path: Path | None = None,
) -> tuple[list[tuple[int, Correction]], list[dict[str, object]]]:
    """Read the log; return ``(line, correction)`` pairs and problem rows for the report."""
    target = path or CORRECTIONS_PATH
    problems: list[dict[str, object]] = []
    if not target.exists():
        return [], problems
    text = target.read_bytes().decode("utf-8", errors="replace")
    # A crash mid-write leaves a last row with no line end.
    half_written = bool(text) and not text.endswith("\n")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        return [], problems
    if tuple(h.strip() for h in header) != COLUMNS:
        problems.append(
            _problem(target, f"header is {header}, expected {list(COLUMNS)}", "log not applied")
        )
        return [], problems
    rows = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    records: list[tuple[int, Correction]] = []
    for i, (line, cells) in enumerate(rows):
        last_and_cut = half_written and i == len(rows) - 1
        where = f"{target}:{line}"
        if len(cells) != len(COLUMNS):
            what = (
                "half-written last row (a crash while writing?)"
                if last_and_cut
                else f"row has {len(cells)} cells, expected {len(COLUMNS)}"
            )
            problems.append(_problem(where, what, "row not applied; fix or re-enter it"))
            continue
        corr = Correction(*[c.strip() for c in cells])
        try:
            validate(corr)
        except CorrectionError as exc:
            problems.append(_problem(where, str(exc), "row not applied"))
            continue
        if last_and_cut:
            problems.append(
                _problem(where, "last row has no line end (a crash while writing?)",
                         "applied; check it", "warning")
            )  # fmt: skip
        records.append((line, corr))
    return records, problems


def _problem(file: object, problem: str, action: str, severity: str = "error") -> dict[str, object]:
    return {"file": str(file), "problem": problem, "action": action, "severity": severity}


def apply_corrections(
    claims: pd.DataFrame,
    articles: pd.DataFrame,
    path: Path | None = None,
) -> Applied:
    """Replay the corrections log over ``claims``; return corrected claims and the outcome of each.

    Edits change one field and say so in the claim's ``rule``; rejects remove
    the claim; adds create a claim on a span of an article's text; accepts
    only mark review. A correction whose claim or article is gone is
    ``orphaned``, and an edit whose ``old_value`` no longer matches is applied
    but reported as ``stale``. :class:`Replay` does the same batch by batch.
    """
    replay = Replay(path)
    corrected = replay.apply(claims, articles, last=True)
    log, problems = replay.finish()
    return Applied(corrected, log, problems)


class Replay:
    """The corrections log replayed over claims that arrive in batches of articles.

    Each correction is applied in the batch holding its claim (for ``add``, its
    article), in the log's order; :meth:`finish` reports those no batch held as
    orphaned, as :func:`apply_corrections` does for a whole corpus at once.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.records, self.problems = read_log(path)
        self.outcomes: dict[int, dict[str, object]] = {}  # record index -> outcome row

    def apply(
        self, claims: pd.DataFrame, articles: pd.DataFrame, last: bool = False
    ) -> pd.DataFrame:
        """The claims of one batch of ``articles``, corrected, sorted by article and span.

        ``last``: no batch follows, so every correction not yet applied is
        applied (or found orphaned) here.
        """
        out = claims.copy().set_index("claim_id", drop=False)
        texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        for i, (line, corr) in enumerate(self.records):
            if i in self.outcomes:
                continue
            if not last and not (
                parse_span(corr.new_value)[0] in texts
                if corr.action == "add"
                else corr.claim_id in out.index
            ):
                continue  # its claim is in another batch
            outcome, detail = _apply_one(out, texts, corr)
            if outcome == "added":
                out = _add_claim(out, texts, corr)
            elif outcome == "rejected":
                out = out.drop(index=corr.claim_id)
            self.outcomes[i] = {
                "line": line, "when": corr.when, "who": corr.who, "action": corr.action,
                "claim_id": corr.claim_id, "field": corr.field, "outcome": outcome,
                "detail": detail,
            }  # fmt: skip
        corrected = schema.conform(out.reset_index(drop=True), schema.CLAIMS)
        corrected = corrected.sort_values(["article_id", "start", "end"], kind="stable")
        return corrected.reset_index(drop=True)

    def finish(self) -> tuple[pd.DataFrame, list[dict[str, object]]]:
        """The outcome of every correction, in the log's order, and the ingest-report rows."""
        nothing = schema.empty(schema.CLAIMS).set_index("claim_id", drop=False)
        problems = list(self.problems)
        outcomes = []
        for i, (line, corr) in enumerate(self.records):
            if i not in self.outcomes:  # in no batch: orphaned, in the words of a whole build
                outcome, detail = _apply_one(nothing, {}, corr)
                self.outcomes[i] = {
                    "line": line, "when": corr.when, "who": corr.who, "action": corr.action,
                    "claim_id": corr.claim_id, "field": corr.field, "outcome": outcome,
                    "detail": detail,
                }  # fmt: skip
            row = self.outcomes[i]
            outcomes.append(row)
            outcome = str(row["outcome"])
            if outcome in ("orphaned", "stale", "invalid"):
                problems.append(
                    _problem(
                        f"{self.path or CORRECTIONS_PATH}:{line}",
                        f"{outcome} correction ({corr.action} {corr.claim_id}): {row['detail']}",
                        "kept in the log"
                        + ("; not applied" if outcome != "stale" else "; applied"),
                        "warning",
                    )
                )
        log = pd.DataFrame(
            outcomes,
            columns=["line", "when", "who", "action", "claim_id", "field", "outcome", "detail"],
        )
        return log, problems


def _apply_one(out: pd.DataFrame, texts: dict[str, str], corr: Correction) -> tuple[str, str]:
    if corr.action == "add":
        article_id, start, end = parse_span(corr.new_value)
        if article_id not in texts:
            return "orphaned", f"article {article_id!r} is not loaded"
        if end > len(texts[article_id]):
            return "orphaned", f"span {start}-{end} is past the end of the article"
        new_id = claim_id(article_id, start, end)
        if new_id in out.index:
            return "duplicate", "the extractor now finds this claim itself"
        return "added", f"“{texts[article_id][start:end]}”"
    if corr.claim_id not in out.index:
        return "orphaned", "no such claim after this build (text or rules changed)"
    if corr.action == "accept":
        _note(out, corr.claim_id, f"accepted by {corr.who}")
        return "accepted", ""
    if corr.action == "reject":
        return "rejected", corr.reason
    current: Any = out.at[corr.claim_id, corr.field]
    shown = "" if pd.isna(current) else _shown(current)
    new = _typed(corr.field, corr.new_value) if corr.new_value.strip() else pd.NA
    out.at[corr.claim_id, corr.field] = new
    _note(out, corr.claim_id, f"{corr.field} edited by {corr.who}")
    if corr.old_value.strip() and corr.old_value.strip() != shown:
        return "stale", f"{corr.field} was {shown!r} at build, {corr.old_value!r} when corrected"
    return "edited", f"{corr.field}: {shown!r} → {corr.new_value!r}"


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _note(out: pd.DataFrame, cid: str, words: str) -> None:
    rule = out.at[cid, "rule"]
    out.at[cid, "rule"] = f"{rule}; {words}" if isinstance(rule, str) and rule else words


def _add_claim(out: pd.DataFrame, texts: dict[str, str], corr: Correction) -> pd.DataFrame:
    article_id, start, end = parse_span(corr.new_value)
    text = texts[article_id]
    sentence_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1) + 1
    sentence_end = min(
        (i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0), default=len(text)
    )
    cid = claim_id(article_id, start, end)
    row = {
        "claim_id": cid, "article_id": article_id, "start": start, "end": end,
        "figure_text": text[start:end], "sentence": text[sentence_start:sentence_end + 1].strip(),
        "hedged": False, "rule": f"added by {corr.who}: {corr.reason}",
    }  # fmt: skip
    added = schema.conform([row], schema.CLAIMS).set_index("claim_id", drop=False)
    return pd.concat([out, added])
