"""Editable CSV lexicons: claimants, metric words, parties, hedges, attribution verbs.

Data staff extend extraction by editing CSV files, never code:

* ``data/claimants.csv``: ``canonical,aliases,kind,affiliation`` (aliases separated by ``|``)
* ``data/lexicons/metrics.csv``: ``term,metric,kind`` (kind: noun, generic, outcome, before)
* ``data/lexicons/parties.csv``: ``term,party``
* ``data/lexicons/hedges.csv``: ``term,note``
* ``data/lexicons/attribution_verbs.csv``: ``term,kind`` (kind: verb, preposition)

Lines starting with ``#`` are comments. A malformed row raises :class:`LexiconError`
naming the file and the line, so a typo in a spreadsheet export is found at once.

Public API::

    load_lexicons(lexicon_dir=None, claimants_path=None) -> Lexicons   # cached
    Lexicons.claimant(name) -> Claimant | None                          # alias lookup
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsclaims import config
from newsclaims.schema import METRICS

__all__ = [
    "Claimant",
    "LexiconError",
    "Lexicons",
    "clear_cache",
    "load_lexicons",
]

METRIC_KINDS = ("noun", "generic", "outcome", "before")
VERB_KINDS = ("verb", "preposition")


class LexiconError(ValueError):
    """A lexicon file is missing, lacks a column, or has a malformed row."""


@dataclass(frozen=True)
class Claimant:
    """One entry of the claimants lexicon."""

    canonical: str
    kind: str
    affiliation: str


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, cached by path
class Lexicons:
    """All lexicons, loaded and checked. Keys of the term maps are as written in the CSV."""

    claimants: dict[str, Claimant]  # lower-cased alias (and canonical) -> entry
    metrics: dict[str, dict[str, str]]  # kind -> term -> metric ("" for generic nouns)
    parties: dict[str, str]  # term -> party
    hedges: tuple[str, ...]
    verbs: tuple[str, ...]  # "said", "told", ...
    prepositions: tuple[str, ...]  # "according to", "per", ...
    sources: dict[str, Path] = field(default_factory=dict)

    def claimant(self, name: str) -> Claimant | None:
        """Return the lexicon entry whose canonical name or alias is ``name`` (any case)."""
        key = " ".join(name.split()).lower()
        found = self.claimants.get(key)
        if found is None and key.startswith("the "):
            found = self.claimants.get(key[4:])
        return found


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line number, row)`` of a lexicon CSV, checking columns and row width."""
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [
            (number, line)
            for number, line in enumerate(handle, start=1)
            if line.strip() and not line.lstrip().startswith("#")
        ]
    if not lines:
        raise LexiconError(f"{path}: empty lexicon (expected header {','.join(columns)})")
    reader = csv.reader(line for _, line in lines)
    header = [h.strip() for h in next(reader)]
    missing = [c for c in columns if c not in header]
    if missing:
        raise LexiconError(f"{path}, line {lines[0][0]}: header lacks column(s) {missing}")
    for (number, _), values in zip(lines[1:], reader, strict=True):
        if len(values) != len(header):
            raise LexiconError(
                f"{path}, line {number}: expected {len(header)} fields "
                f"({','.join(header)}), found {len(values)}: {values!r}"
            )
        row = {h: v.strip() for h, v in zip(header, values, strict=True)}
        if not row[columns[0]]:
            raise LexiconError(f"{path}, line {number}: empty {columns[0]!r}")
        yield number, row


def _load_claimants(path: Path) -> dict[str, Claimant]:
    out: dict[str, Claimant] = {}
    for _, row in _rows(path, ("canonical", "aliases", "kind", "affiliation")):
        entry = Claimant(row["canonical"], row["kind"], row["affiliation"])
        names = [row["canonical"], *row["aliases"].split("|")]
        for name in names:
            key = " ".join(name.split()).lower()
            if key:
                out.setdefault(key, entry)
    return out


def _load_metrics(path: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {kind: {} for kind in METRIC_KINDS}
    for number, row in _rows(path, ("term", "metric", "kind")):
        kind, metric = row["kind"], row["metric"]
        if kind not in METRIC_KINDS:
            raise LexiconError(
                f"{path}, line {number}: kind {kind!r} is not one of {', '.join(METRIC_KINDS)}"
            )
        if metric and metric not in METRICS:
            raise LexiconError(
                f"{path}, line {number}: metric {metric!r} is not one of {', '.join(METRICS)}"
            )
        if not metric and kind != "generic":
            raise LexiconError(f"{path}, line {number}: only generic nouns may leave metric empty")
        out[kind][row["term"]] = metric
    return out


def _load_parties(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for number, row in _rows(path, ("term", "party")):
        if not row["party"]:
            raise LexiconError(f"{path}, line {number}: empty 'party'")
        out[row["term"]] = row["party"]
    return out


def _load_terms(path: Path) -> tuple[str, ...]:
    return tuple(row["term"] for _, row in _rows(path, ("term",)))


def _load_verbs(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    verbs: list[str] = []
    preps: list[str] = []
    for number, row in _rows(path, ("term", "kind")):
        if row["kind"] == "verb":
            verbs.append(row["term"])
        elif row["kind"] == "preposition":
            preps.append(row["term"])
        else:
            raise LexiconError(
                f"{path}, line {number}: kind {row['kind']!r} is not one of {', '.join(VERB_KINDS)}"
            )
    return tuple(verbs), tuple(preps)


@functools.lru_cache(maxsize=16)
def _load(lexicon_dir: Path, claimants_path: Path) -> Lexicons:
    verbs, preps = _load_verbs(lexicon_dir / "attribution_verbs.csv")
    return Lexicons(
        claimants=_load_claimants(claimants_path),
        metrics=_load_metrics(lexicon_dir / "metrics.csv"),
        parties=_load_parties(lexicon_dir / "parties.csv"),
        hedges=_load_terms(lexicon_dir / "hedges.csv"),
        verbs=verbs,
        prepositions=preps,
        sources={"lexicons": lexicon_dir, "claimants": claimants_path},
    )


def load_lexicons(lexicon_dir: Path | None = None, claimants_path: Path | None = None) -> Lexicons:
    """Load (once per pair of paths) and check every lexicon.

    ``lexicon_dir`` defaults to :data:`newsclaims.config.LEXICON_DIR` and
    ``claimants_path`` to ``lexicon_dir/../claimants.csv`` when a directory is given
    and that file exists there, else :data:`newsclaims.config.CLAIMANTS_PATH`.
    Raises :class:`LexiconError` naming the file and line of a malformed row.
    """
    directory = (lexicon_dir or config.LEXICON_DIR).resolve()
    if claimants_path is None:
        beside = directory.parent / "claimants.csv"
        claimants_path = beside if lexicon_dir is not None and beside.is_file() else None
    return _load(directory, (claimants_path or config.CLAIMANTS_PATH).resolve())


def clear_cache() -> None:
    """Forget loaded lexicons, so that edited CSV files are read again."""
    _load.cache_clear()
