"""Score extraction against labelled claims (the seed gold and any larger gold set).

Public API::

    load_gold(path) -> DataFrame                       # gold CSV, typed
    evaluate(gold, texts, extractor=None) -> EvalReport
    EvalReport.format() -> str                         # for printing
    check_floors(report, floors_path) -> list[str]     # violations of pinned floors
    main_evaluate(gold_path, articles_dir) -> int      # what `newsclaims evaluate` runs

Matching: a predicted claim matches a gold claim of the same article when their
character spans overlap; matching is one-to-one (largest overlap first), so a
prediction never counts twice. Fields are compared on matched pairs only: metric,
party, values (low and high both equal, missing == missing), qualifier and
claimant (case-insensitive, whitespace normalised). ``fully_right`` is the share
of *gold* claims matched with all five fields right.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pandas.api.types import pandas_dtype

__all__ = [
    "FIELDS",
    "EvalReport",
    "check_floors",
    "evaluate",
    "load_gold",
    "main_evaluate",
]

FIELDS = ("metric", "party", "values", "qualifier", "claimant")
_GOLD_DTYPES = {
    "article_id": "string",
    "figure_text": "string",
    "start": "Int64",
    "end": "Int64",
    "metric": "string",
    "party": "string",
    "value_low": "Float64",
    "value_high": "Float64",
    "qualifier": "string",
    "claimant": "string",
}


@dataclass
class EvalReport:
    """Span precision/recall/F1, per-field accuracy on matches, and the errors behind them."""

    n_gold: int
    n_pred: int
    n_matched: int
    field_correct: dict[str, int]
    fully_right_count: int
    false_positives: list[dict[str, object]] = field(default_factory=list)
    false_negatives: list[dict[str, object]] = field(default_factory=list)
    field_errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of predicted claims that match a gold claim."""
        return self.n_matched / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        """Share of gold claims matched by a prediction."""
        return self.n_matched / self.n_gold if self.n_gold else 1.0

    @property
    def span_f1(self) -> float:
        """Harmonic mean of span precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fully_right(self) -> float:
        """Share of gold claims matched with all five fields right."""
        return self.fully_right_count / self.n_gold if self.n_gold else 1.0

    def accuracy(self, name: str) -> float:
        """Accuracy of one field (metric, party, values, qualifier, claimant) on matches."""
        return self.field_correct.get(name, 0) / self.n_matched if self.n_matched else 1.0

    def scores(self) -> dict[str, float]:
        """Every score by name, as used in ``floors.toml``."""
        out = {
            "span_precision": self.precision,
            "span_recall": self.recall,
            "span_f1": self.span_f1,
            "fully_right": self.fully_right,
        }
        out.update({name: self.accuracy(name) for name in FIELDS})
        return out

    def format(self, errors: bool = True) -> str:
        """A plain-text report: scores, then the errors to look at."""
        lines = [
            f"gold claims {self.n_gold}, predicted {self.n_pred}, matched {self.n_matched}",
            f"span precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.span_f1:.3f}",
            "field accuracy on matched claims: "
            + "  ".join(f"{name} {self.accuracy(name):.3f}" for name in FIELDS),
            f"fully right: {self.fully_right_count}/{self.n_gold} = {self.fully_right:.3f}",
        ]
        if errors:
            for title, items in (
                ("false positives", self.false_positives),
                ("false negatives", self.false_negatives),
                ("field errors", self.field_errors),
            ):
                if items:
                    lines.append(f"{title} ({len(items)}):")
                    lines.extend(f"  {_describe(item)}" for item in items)
        return "\n".join(lines)


def _describe(item: Mapping[str, object]) -> str:
    return "; ".join(f"{k}={v}" for k, v in item.items())


def load_gold(path: Path) -> pd.DataFrame:
    """Read a gold CSV (columns of ``tests/gold/seed_gold.csv``) with typed columns."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in _GOLD_DTYPES if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: gold lacks column(s) {missing}")
    out = frame.copy()
    for col, dtype in _GOLD_DTYPES.items():
        values = out[col].str.strip().replace({"": pd.NA})
        if dtype in ("Int64", "Float64"):
            out[col] = pd.to_numeric(values).astype(pandas_dtype(dtype))
        else:
            out[col] = values.astype(pandas_dtype(dtype))
    return out


def _norm_text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split()).lower()


def _num(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(str(value)) if not isinstance(value, int | float) else float(value)
    return None if math.isnan(number) else number


def _field_ok(name: str, gold: Mapping[str, object], pred: Mapping[str, object]) -> bool:
    if name == "values":
        return _num(gold["value_low"]) == _num(pred["value_low"]) and _num(
            gold["value_high"]
        ) == _num(pred["value_high"])
    return _norm_text(gold[name]) == _norm_text(pred[name])


def _match(gold: list[dict[str, object]], pred: list[dict[str, object]]) -> list[tuple[int, int]]:
    """One-to-one matching of overlapping spans, the largest overlaps first."""
    pairs: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(int(str(g["end"])), int(str(p["end"]))) - max(
                int(str(g["start"])), int(str(p["start"]))
            )
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


Extractor = Callable[[str, str], pd.DataFrame]


def evaluate(
    gold: pd.DataFrame, texts: Mapping[str, str], extractor: Extractor | None = None
) -> EvalReport:
    """Score ``extractor`` (default :func:`newsclaims.extract.extract_claims`) on ``gold``.

    ``texts`` maps article_id -> article text; every gold article must be there.
    Predictions are made for every article in ``texts`` that has gold rows.
    """
    if extractor is None:
        from newsclaims.extract import extract_claims

        extractor = extract_claims
    articles = list(dict.fromkeys(gold["article_id"].astype(str)))
    missing = [a for a in articles if a not in texts]
    if missing:
        raise KeyError(f"no text for gold article(s) {missing}")
    n_gold = n_pred = n_matched = fully = 0
    correct = dict.fromkeys(FIELDS, 0)
    report = EvalReport(0, 0, 0, correct, 0)
    for article in articles:
        g_rows: list[dict[str, object]] = gold[gold["article_id"] == article].to_dict("records")  # type: ignore[assignment]
        p_rows: list[dict[str, object]] = extractor(texts[article], article).to_dict("records")  # type: ignore[assignment]
        n_gold += len(g_rows)
        n_pred += len(p_rows)
        pairs = _match(g_rows, p_rows)
        n_matched += len(pairs)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for pi, p in enumerate(p_rows):
            if pi not in matched_p:
                report.false_positives.append(
                    {
                        "article": article,
                        "start": p["start"],
                        "text": p["figure_text"],
                        "metric": p["metric"],
                        "rule": p["rule"],
                    }
                )
        for gi, g in enumerate(g_rows):
            if gi not in matched_g:
                report.false_negatives.append(
                    {
                        "article": article,
                        "start": g["start"],
                        "text": g["figure_text"],
                        "metric": g["metric"],
                    }
                )
        for gi, pi in pairs:
            g, p = g_rows[gi], p_rows[pi]
            ok = True
            for name in FIELDS:
                if _field_ok(name, g, p):
                    correct[name] += 1
                else:
                    ok = False
                    cols = ("value_low", "value_high") if name == "values" else (name,)
                    report.field_errors.append(
                        {
                            "article": article,
                            "start": g["start"],
                            "text": g["figure_text"],
                            "field": name,
                            "gold": " / ".join(str(g[c]) for c in cols),
                            "pred": " / ".join(str(p[c]) for c in cols),
                            "rule": p["rule"],
                        }
                    )
            fully += ok
    report.n_gold, report.n_pred, report.n_matched = n_gold, n_pred, n_matched
    report.fully_right_count = fully
    return report


def check_floors(report: EvalReport, floors_path: Path) -> list[str]:
    """Return one message per score below its floor in ``floors_path`` (TOML, ``name = 0.9``)."""
    with floors_path.open("rb") as handle:
        floors = tomllib.load(handle)
    scores = report.scores()
    out: list[str] = []
    for name, floor in floors.items():
        if name not in scores:
            out.append(f"{floors_path}: unknown score {name!r} (known: {', '.join(scores)})")
        elif scores[name] + 1e-9 < float(floor):
            out.append(f"{name} = {scores[name]:.3f} is below its floor {float(floor):.3f}")
    return out


def read_texts(articles_dir: Path, article_ids: list[str]) -> dict[str, str]:
    """Read ``<articles_dir>/<article_id>.txt`` exactly as stored (UTF-8, no newline conversion)."""
    out: dict[str, str] = {}
    for article in article_ids:
        path = articles_dir / f"{article}.txt"
        out[article] = path.read_bytes().decode("utf-8")
    return out


def main_evaluate(gold_path: Path, articles_dir: Path, floors_path: Path | None = None) -> int:
    """Print the evaluation of ``gold_path`` against the articles of ``articles_dir``.

    Returns 0, or 1 when ``floors_path`` is given and a score is below its floor, or 2
    when an article of the gold is missing.
    """
    gold = load_gold(gold_path)
    try:
        texts = read_texts(articles_dir, list(dict.fromkeys(gold["article_id"].astype(str))))
    except FileNotFoundError as exc:
        print(f"error: {exc}")
        return 2
    report = evaluate(gold, texts)
    print(report.format())
    if floors_path is not None:
        violations = check_floors(report, floors_path)
        for line in violations:
            print(f"FLOOR: {line}")
        return 1 if violations else 0
    return 0
