"""What an article's own text says about its outlet and publication date.

Used only where the manifest is silent. Every answer carries its evidence,
quoted from the text, so the ``*_basis`` columns can show an editor why a value
is there. When the text does not say, the answer is ``None``: unknown stays
unknown, never a guess dressed up as a fact.

Rules, most direct first:

outlet
  * a dateline in parentheses at the start of a paragraph: ``(UnitedVoice.com) –``
  * a copyright line: ``Copyright 2022, UnitedVoice.com`` / ``© 2022 Example News``

published
  * a publication line: ``Published: August 9, 2022`` / ``Posted on 9 Aug 2022`` (day)
  * a weekday with a month and day (``On Monday, August 8``) whose weekday fits
    exactly one year among those the text names (a copyright line, or years near
    the date): the month of that day (month precision: the article reports it)
  * the age of a war with a known start (``enters its sixth month`` of the
    invasion begun 2022-02-24, ``over five months``): the month that holds most
    of the window the phrase allows (month precision)
  * a copyright year alone (year precision)

:func:`date_bounds` also collects the earliest date the text allows (the latest
full date or year it mentions), which ``articles`` uses to flag a manifest date
that the text contradicts.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted((m for m in _MONTHS), key=len, reverse=True))
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_RE = "|".join(_WEEKDAYS)

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

#: Wars whose start date lets "its sixth month" be placed in time. The words
#: that must appear near the phrase pick the war; extend as stories arrive.
WAR_STARTS: tuple[tuple[str, date, re.Pattern[str]], ...] = (
    (
        "the Russian invasion of Ukraine",
        date(2022, 2, 24),
        re.compile(r"\b(?:Ukrain\w*|Russia\w*|Kyiv|Donbas\w*)\b", re.IGNORECASE),
    ),
)


@dataclass(frozen=True)
class Found:
    """A value read from the text, with the quoted words it rests on."""

    value: str | date
    evidence: str
    precision: str = ""  # day | month | year, for dates

    @property
    def basis(self) -> str:
        """The ``*_basis`` text for this value."""
        return self.evidence


# --------------------------------------------------------------------- outlet
_DOMAIN_SUFFIX = re.compile(r"\.(?:com|net|org|news|co\.uk|co|info|tv|us|uk)$", re.IGNORECASE)
_NAME = r"[A-Z][\w&'.-]*(?:[ ][A-Z][\w&'.-]*){0,4}"
_DATELINE = re.compile(rf"^\(({_NAME})\)\s*[–—-]", re.MULTILINE)
_COPYRIGHT = re.compile(
    rf"(?:Copyright|©|\(c\))\s*(?:©\s*)?((?:19|20)\d\d)(?:\s*[-–]\s*(?:19|20)\d\d)?,?\s+({_NAME})",
)


def outlet_name(raw: str) -> str:
    """Return the outlet's display name: ``UnitedVoice.com`` -> ``UnitedVoice``."""
    name = raw.strip().rstrip(".,")
    if " " not in name:
        name = _DOMAIN_SUFFIX.sub("", name)
    return name


def infer_outlet(text: str) -> Found | None:
    """Return the outlet the text names for itself, with the quoted evidence, or ``None``."""
    for pattern, group in ((_COPYRIGHT, 2), (_DATELINE, 1)):
        match = pattern.search(text)
        if match:
            raw = match.group(group)
            # A copyright holder like "Copyright 2022 The Associated Press. All rights"
            # stops at the sentence end.
            raw = re.split(r"\.\s", raw)[0]
            quoted = match.group(0).strip()
            return Found(outlet_name(raw), f'stated in text: "{quoted}"')
    return None


# ----------------------------------------------------------------------- date
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:Published|Posted|First published|Updated|Last updated)(?:\s+on)?\s*:?\s*",
    re.IGNORECASE | re.MULTILINE,
)
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY_RE}),?\s+(?:the\s+)?(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"(?!,?\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_WAR_AGE = re.compile(
    r"\b(?P<phrase>(?:enter(?:s|ed|ing)?|prepares to enter|(?:is|was)\s+in)\s+(?:its|the)\s+"
    r"(?P<ord>" + "|".join(_ORDINALS) + r")\s+month"
    r"|(?:for\s+)?(?P<cmp>over|more than|nearly|almost)\s+(?P<card>"
    + "|".join(_CARDINALS)
    + r"|\d{1,2})\s+months)\b",
    re.IGNORECASE,
)


def _date_from_match(match: re.Match[str]) -> date | None:
    g = match.groupdict()
    try:
        if g.get("m1"):
            return date(int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"]))
        if g.get("m2"):
            return date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))
        return date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
    except ValueError:  # "February 30, 2022" is a typo, not a date
        return None


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_holding_most(start: date, end: date) -> date:
    """First day of the month that holds the midpoint of ``[start, end)``."""
    mid = start + (end - start) / 2
    return mid.replace(day=1)


def _copyright_year(text: str) -> tuple[int, str] | None:
    match = _COPYRIGHT.search(text) or re.search(r"(?:Copyright|©)\s*((?:19|20)\d\d)", text)
    return (int(match.group(1)), match.group(0).strip()) if match else None


def _published_line(text: str) -> Found | None:
    for line_match in _PUBLISHED_LINE.finditer(text):
        line_end = text.find("\n", line_match.end())
        line = text[line_match.start() : line_end if line_end >= 0 else len(text)]
        found = _FULL_DATE.search(line)
        if found and (day := _date_from_match(found)):
            return Found(day, f'stated in text: "{line.strip()}"', "day")
    return None


def _weekday_date(text: str) -> Found | None:
    copyright_year = _copyright_year(text)
    for match in _WEEKDAY_DATE.finditer(text):
        month, dom = _MONTHS[match["m"].lower()], int(match["d"])
        weekday = _WEEKDAYS[match["wd"].lower()]
        candidates: list[tuple[int, str]] = []
        if copyright_year:
            candidates.append(copyright_year)
        candidates += [(int(y), f"the year {y} in the text") for y in set(_YEAR.findall(text))]
        for year, why in candidates:
            try:
                day = date(year, month, dom)
            except ValueError:
                continue
            if day.weekday() == weekday:
                quoted = match.group(0)
                evidence = (
                    f'inferred: "{quoted}" is a {calendar.day_name[weekday]} in {year} '
                    f"({'from ' + repr(why) if not why.startswith('the year') else why}); "
                    "the article reports it, so it dates from that month or later"
                )
                return Found(day.replace(day=1), evidence.replace("'", '"'), "month")
    return None


def _war_age(text: str) -> Found | None:
    for match in _WAR_AGE.finditer(text):
        window = text[max(0, match.start() - 200) : match.end() + 200]
        for war, start, context in WAR_STARTS:
            if not context.search(window):
                continue
            if match["ord"]:
                n = _ORDINALS[match["ord"].lower()]
                lo, hi = _add_months(start, n - 1), _add_months(start, n)
            else:
                raw = match["card"].lower()
                n = _CARDINALS[raw] if raw in _CARDINALS else int(raw)
                if match["cmp"].lower() in ("nearly", "almost"):
                    lo, hi = _add_months(start, n - 1), _add_months(start, n)
                else:  # over five months: somewhere in the sixth month
                    lo, hi = _add_months(start, n), _add_months(start, n + 1)
            month = _month_holding_most(lo, hi - timedelta(days=1))
            evidence = (
                f'inferred: "{match.group(0)}" of {war} begun {start.isoformat()} '
                f"({lo.isoformat()} to {(hi - timedelta(days=1)).isoformat()}; "
                f"most of it in {month:%B %Y})"
            )
            return Found(month, evidence, "month")
    return None


def infer_published(text: str) -> Found | None:
    """Return the publication date the text supports, with precision and evidence, or ``None``."""
    for rule in (_published_line, _weekday_date, _war_age):
        found = rule(text)
        if found:
            return found
    copyright_year = _copyright_year(text)
    if copyright_year:
        year, quoted = copyright_year
        return Found(date(year, 1, 1), f'stated in text: "{quoted}"', "year")
    return None


def earliest_allowed(text: str) -> tuple[date, str] | None:
    """Return the earliest publication date the text allows, and the words that say so.

    An article cannot be older than the latest full date or year it mentions.
    (Future plans, "by 2030", are rare in war copy; the check only warns.)
    """
    best: tuple[date, str] | None = None
    for match in _FULL_DATE.finditer(text):
        day = _date_from_match(match)
        if day and (best is None or day > best[0]):
            best = (day, match.group(0))
    for match in _YEAR.finditer(text):
        year_start = date(int(match.group(1)), 1, 1)
        context = text[max(0, match.start() - 12) : match.start()].lower()
        if re.search(r"\b(?:by|until|before)\s+$", context):
            continue  # "by 2030" names the future
        if best is None or year_start > best[0]:
            best = (year_start, match.group(0))
    return best


def period_end(start: date, precision: str) -> date:
    """Return the last day of the period that ``start`` and ``precision`` describe."""
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start
