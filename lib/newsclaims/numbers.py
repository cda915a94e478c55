"""Parse the numbers that news copy writes, in all the forms wire copy uses.

Public API::

    parse_number(text) -> float | None        # "1,00,000" -> 100000.0, "twelve thousand" -> 12000.0
    parse_vague(text) -> tuple[float, float] | None  # "tens of thousands" -> (10000, 99999)
    parse_quantity(text) -> Quantity | None   # qualifier + number/range/vague -> bounds
    QUALIFIERS                                # qualifier phrase -> qualifier label

The regex sources :data:`NUMBER_RE`, :data:`VAGUE_RE` and :data:`QUALIFIER_RE`
are exported so that the extractor can compile them into its single candidate
regex: the same pattern that finds a number is the one that parses it.

Value conventions (see ``tests/gold/CONVENTIONS.md``): an exact or approximate
figure sets both bounds, "up to"/"as high as" set only the high bound, "at
least"/"more than" only the low bound, a range both ends, and a vague magnitude
("tens of thousands") the decade span of its magnitude word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "FIRST_WORDS",
    "NUMBER_RE",
    "QUALIFIERS",
    "QUALIFIER_RE",
    "VAGUE_RE",
    "Quantity",
    "alternation",
    "number_words",
    "parse_number",
    "parse_quantity",
    "parse_vague",
]


def alternation(terms: Iterable[str]) -> str:
    """Return a regex alternation of literal terms, spaces matching any whitespace.

    Built as a trie ("North Korea|North Korean" -> "North\\s+Korea(?:n)?"), because
    Python's regex engine tries a flat alternation term by term at every position of
    the text; the trie rejects a position after one character. Longer terms are tried
    first at every branch, so the longest term wins as in a longest-first alternation.
    """
    trie: dict[str, object] = {}
    for term in {t for t in terms if t}:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, object]) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        assert isinstance(child, dict)
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # Optional continuation, tried first (greedy): the longest term wins.
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
# Suffix multipliers written straight after digits ("100K", "1.3m", "2bn").
_SUFFIX: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "mn": 1_000_000,
}

_WORD = alternation([*_UNITS, *_TENS])
_SCALE = "hundred|thousand|million|billion"

# Digits: Western grouping "1,000,000", Indian grouping "1,00,000", plain "100" or "1.3".
_DIGITS = r"\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|\d+(?:\.\d+)?"
#: One number as written: digits with an optional magnitude ("1.3 million", "12-thousand",
#: "100K"), or number words ("twelve thousand", "a hundred thousand", "two dozen").
NUMBER_RE = (
    rf"(?:(?:{_DIGITS})(?:(?:\s+|-)(?:{_SCALE})s?\b|\s?(?:[kK]|mln|bn|mn|m)\b)*"
    rf"|(?:\b(?:a|an|{_WORD})(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}|{_SCALE}|dozen)\b)*"
    rf"(?<=[a-z])\b(?<!\ba)(?<!\ban)))"
)
#: Vague magnitudes with no precise number ("tens of thousands", "several hundred", "dozens").
VAGUE_RE = (
    r"(?:(?:several\s+|many\s+|a\s+few\s+)?(?:tens|hundreds)\s+of\s+(?:thousands|millions)"
    r"|(?:several|a\s+few|many)\s+(?:thousand|hundred|million|dozen)(?!\w)"
    r"|thousands|hundreds|millions|dozens)\b"
)

#: Qualifier phrase (lower case, single spaces) -> qualifier label of the conventions.
QUALIFIERS: dict[str, str] = {
    "up to": "up_to",
    "as many as": "up_to",
    "no more than": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "at most": "up_to",
    "as high as": "as_high_as",
    "at least": "at_least",
    "more than": "at_least",
    "over the": "at_least",
    "well over": "at_least",
    "just over": "at_least",
    "over": "at_least",
    "crossed": "at_least",
    "in excess of": "at_least",
    "upwards of": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "exceeding": "at_least",
    # Verbs of passing a mark ("losses passed 500,000") say the figure is a floor.
    "exceeded": "at_least",
    "exceeds": "at_least",
    "exceed": "at_least",
    "passed": "at_least",
    "passes": "at_least",
    "pass": "at_least",
    "surpassed": "at_least",
    "surpasses": "at_least",
    "surpass": "at_least",
    "topped": "at_least",
    "tops": "at_least",
    "above": "at_least",
    "well above": "at_least",
    "north of": "at_least",
    "heading for": "approx",
    "heading towards": "approx",
    "heading toward": "approx",
    "something like": "approx",
    "in the region of": "approx",
    "of the order of": "approx",
    "on the order of": "approx",
    "nearly": "approx",
    "almost": "approx",
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "roughly": "approx",
    "approaching": "approx",
    "approximately": "approx",
    "close to": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "about the": "approx",
    "just under": "approx",
    "an approximate": "approx",
}
#: Regex source of the qualifier phrases, longest first so "over the" wins over "over".
QUALIFIER_RE = alternation(QUALIFIERS)

#: Every word (lower case) that a figure starting with a letter starts with: a qualifier's
#: first word, a vague magnitude's (VAGUE_RE) or a number word (NUMBER_RE). Keep in step
#: with those patterns: the extractor tries its figure pattern at no other word.
FIRST_WORDS: frozenset[str] = frozenset(
    {
        *(phrase.split()[0] for phrase in QUALIFIERS),
        *("several", "many", "a", "tens", "hundreds", "thousands", "millions", "dozens"),
        *("a", "an", *_UNITS, *_TENS),
    }
)

_VAGUE_SPANS: dict[str, tuple[float, float]] = {
    "tens of thousands": (10_000, 99_999),
    "hundreds of thousands": (100_000, 999_999),
    "tens of millions": (10_000_000, 99_999_999),
    "hundreds of millions": (100_000_000, 999_999_999),
    "thousands": (1_000, 9_999),
    "thousand": (1_000, 9_999),
    "hundreds": (100, 999),
    "hundred": (100, 999),
    "millions": (1_000_000, 9_999_999),
    "million": (1_000_000, 9_999_999),
    "dozens": (24, 99),
    "dozen": (24, 99),
}

_SPACE = re.compile(r"\s+")
_PLAIN = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")
_DIGIT_PART = re.compile(rf"^({_DIGITS})")
_TOKEN = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Quantity:
    """The bounds a figure's words give: ``low``/``high`` are ``None`` when open."""

    low: float | None
    high: float | None
    qualifier: str  # exact, approx, up_to, at_least, range, as_high_as, vague


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower().replace("\u2011", "-"))


def _parse_words(text: str) -> float | None:
    """Parse number words: "twelve thousand", "a hundred and fifty", "two dozen"."""
    total = 0
    current = 0
    seen = False
    for token in _TOKEN.findall(text):
        if token in ("a", "an"):
            # "a hundred": the article stands for one, only in front of a scale word.
            current = max(current, 1)
        elif token == "and":
            continue
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token == "dozen":
            current = max(current, 1) * 12
            seen = True
        elif token == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def number_words() -> list[str]:
    """Every number and magnitude word the parser knows ("one" ... "ninety", "hundred", ...)."""
    return [*_UNITS, *_TENS, *_SCALES]


def parse_number(text: str) -> float | None:
    """Return the value of one written number, or ``None`` when ``text`` is not one.

    Accepts ``100,000``, ``1,00,000`` (Indian grouping), ``100K``, ``1.3 million``,
    ``12-thousand``, ``15-hundred``, ``302,000-strong`` and number words
    (``twelve thousand``, ``a hundred thousand``, ``two dozen``).
    """
    if _PLAIN.fullmatch(text):
        # The common case, "1,500" or "300": what the general path below returns too.
        value = float(text.replace(",", ""))
        return value if math.isfinite(value) else None
    norm = _norm(text)
    if norm.endswith("-strong"):
        norm = norm[: -len("-strong")]
    if not norm:
        return None
    match = _DIGIT_PART.match(norm)
    if match is None:
        return _parse_words(norm)
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return None
    rest = norm[match.end() :].strip(" -")
    for token in re.findall(r"[a-z]+", rest):
        if token in _SCALES:
            value *= _SCALES[token]
        elif token.rstrip("s") in _SCALES:
            value *= _SCALES[token.rstrip("s")]
        elif token in _SUFFIX:
            value *= _SUFFIX[token]
        else:
            return None
    return value if math.isfinite(value) else None


def parse_vague(text: str) -> tuple[float, float] | None:
    """Return the decade span of a vague magnitude ("tens of thousands" -> 10000-99999)."""
    norm = _norm(text)
    norm = re.sub(r"^(?:several|many|a few)\s+", "", norm)
    return _VAGUE_SPANS.get(norm)


_QUANTITY = re.compile(
    rf"^(?:(?P<qual>{QUALIFIER_RE})\s+)?"
    rf"(?:(?P<between>between|from)\s+(?P<a>{NUMBER_RE})\s+(?:and|to)\s+(?P<b>{NUMBER_RE})"
    rf"|(?P<vague>{VAGUE_RE})"
    rf"|(?P<x>{NUMBER_RE})(?:\s*(?:-|–|—|to|or)\s*(?P<y>{NUMBER_RE}))?)$",
    re.IGNORECASE,
)


def _scale_of(text: str) -> float:
    """The multiplier of a number's magnitude word or suffix (1 when it has none)."""
    norm = _norm(text)
    match = _DIGIT_PART.match(norm)
    if match is None:
        return 1.0
    scale = 1.0
    for token in re.findall(r"[a-z]+", norm[match.end() :]):
        scale *= _SCALES.get(token.rstrip("s"), _SUFFIX.get(token, 1))
    return scale


def bounds(qualifier: str | None, low: float, high: float | None = None) -> Quantity:
    """Apply the value conventions to one number (``high`` None) or a range."""
    if high is not None and high != low:
        if high < low:
            # "15-hundred" style slips aside, a reversed range is still the same range.
            low, high = high, low
        return Quantity(low, high, "as_high_as" if qualifier == "as_high_as" else "range")
    if qualifier in ("up_to", "as_high_as"):
        return Quantity(None, low, qualifier)
    if qualifier == "at_least":
        return Quantity(low, None, qualifier)
    return Quantity(low, low, qualifier or "exact")


def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole figure: optional qualifier + number, range or vague magnitude.

    >>> parse_quantity("up to 100,000")
    Quantity(low=None, high=100000.0, qualifier='up_to')
    >>> parse_quantity("between 70,000 and 80,000")
    Quantity(low=70000.0, high=80000.0, qualifier='range')
    """
    match = _QUANTITY.match(_norm(text))
    if match is None:
        return None
    qual = QUALIFIERS.get(_norm(match.group("qual") or ""))
    if match.group("vague"):
        span = parse_vague(match.group("vague"))
        return None if span is None else Quantity(span[0], span[1], "vague")
    first = match.group("a") or match.group("x")
    second = match.group("b") or match.group("y")
    low = parse_number(first)
    if low is None:
        return None
    high = parse_number(second) if second else None
    if second and high is None:
        return None
    if high is not None and low < high:
        # "15 to 25 thousand", "1-2 million": the magnitude word of the second end
        # applies to a bare first end too.
        scale = _scale_of(second or "")
        if scale > 1 and _scale_of(first) == 1 and low * scale <= high:
            low *= scale
    return bounds(qual, low, high)
