"""Extract every war figure of an article: bounds, qualifier, metric, party, claimant.

Public API::

    extract_claims(text, article_id="", lexicons=None) -> DataFrame  # schema.CLAIMS

How it works, and why it is fast: one precompiled *candidate* regex finds every
number, range and vague magnitude in the text; only around those few matches do
the rules look at a local window (the counted noun after the number, a metric
phrase before it, the sentence's party mentions and attribution). Sentences are
split once per article, attribution is worked out once per sentence and only for
articles that have a candidate figure. No tagger, no model: rules and the CSV
lexicons of :mod:`newsclaims.lexicon`.

Conventions (``tests/gold/CONVENTIONS.md``): a figure is a war figure only when
what it counts is a metric of the lexicon (troops, casualties, killed, ...);
years, dates, ages, durations, money, ranks and counts of countries never are.
The claimant is the original source, an outlet passing it on is the ``relay``.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pandas.api.types import pandas_dtype

from newsclaims import schema
from newsclaims.lexicon import Lexicons, load_lexicons
from newsclaims.numbers import (
    FIRST_WORDS,
    NUMBER_RE,
    QUALIFIER_RE,
    QUALIFIERS,
    VAGUE_RE,
    Quantity,
    _scale_of,
    bounds,
    parse_number,
    parse_vague,
)
from newsclaims.numbers import (
    alternation as _alternation,
)
from newsclaims.numbers import (
    number_words as _number_words,
)

__all__ = ["extract_claims", "extract_many"]

# --------------------------------------------------------------------------- words


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (easy to read and extend)."""
    return frozenset(text.split())


class _Needs:
    """A case-insensitive pattern that cannot match without one of its key words.

    ``search`` and ``match`` look for the words in the window first (str.lower and
    ``in`` take a fraction of the time the regex engine takes to try the pattern at
    every offset) and run the pattern only where one is. The words are lower-case
    ASCII and every match of the pattern holds one of them (pinned in the speed tests).
    A window with one of the four non-ASCII letters that IGNORECASE matches to ASCII
    ones ("ſ" is "s", the Kelvin sign "k", dotted and dotless "i"; str.lower() does
    not turn them into those) is always searched.
    """

    __slots__ = ("regex", "words")

    def __init__(self, regex: re.Pattern[str], words: str) -> None:
        self.regex = regex
        self.words = tuple(words.split())

    def may_match(self, window: str) -> bool:
        """False only when no match of the pattern fits in ``window``."""
        low = window.lower()
        for word in self.words:  # a plain loop: any() over a generator costs more here
            if word in low:
                return True
        if window.isascii():
            return False
        return "ſ" in window or "\u212a" in window or "İ" in window or "ı" in window

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        window = text[pos:end]
        low = window.lower()  # may_match(window), inline
        for word in self.words:
            if word in low:
                return self.regex.search(text, pos, end)
        if window.isascii() or not self.may_match(window):
            return None
        return self.regex.search(text, pos, end)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        window = text[pos:end]
        low = window.lower()  # may_match(window), inline
        for word in self.words:
            if word in low:
                return self.regex.match(text, pos, end)
        if window.isascii() or not self.may_match(window):
            return None
        return self.regex.match(text, pos, end)


# Words that end a noun phrase after a number: a counted noun never comes after them.
_STOP = _words(
    "and or but to in on at for from by with as while since during over under into onto "
    "according said says were was is are be been being have has had will would could may "
    "might must shall should can that which who whom whose where when than then this "
    "these those there their its his her our your my the a an of per if so not no nor "
    "after before until across against about around near between among than via each "
    "every "
)
# Determiners allowed between "of" and the noun: "100,000 of its soldiers".
_OF_DET = _words("its their his her our the these those them whom ")
# Auxiliaries and adverbs allowed between a counted noun and its outcome word.
_AUX = _words(
    "have has had were was are is been being be reportedly allegedly also already now so "
    "far since who which that killed remain remains remained still internally may might "
    "could would will likely probably "
)
_MONTHS = _words(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec "
)
_YEAR_PREP = _words("in since by until till of during before after from early late mid year ")
# The lookahead holds the first characters of the alternatives (IGNORECASE folds it as it
# folds them): most figures are followed by a word none starts with, which it rejects at
# once instead of trying each alternative (pinned in the speed tests).
_UNIT_AFTER = re.compile(
    r"\s*+(?:-\s*+)?(?=[%acdefghkmprtuwy])"  # "*+": whitespace given back fails the rest
    r"(?:years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|km\b|kilomet|miles?\b"
    r"|metres?\b|meters?\b|feet\b|per\s*cent|percent|%|times\b|dollars|euros|pounds\b|roubles"
    r"|mm\b|cm\b|millimet|centimet|calibre|caliber|[ap]\.?m\.?(?!\w)|GMT\b|EST\b|ET\b|CET\b|UTC\b"
    r"|rubles|hryvnias?|yuan|won\b|a\s+day\b|a\s+month\b|a\s+year\b|per\s+day|per\s+month)",
    re.IGNORECASE,
)
# A clock time around a figure: "04:55", "at 10:30".
_CLOCK = re.compile(r"\d:\d\d")
_MONEY_BEFORE = re.compile(r"(?:[$£€¥₴₽]|US\$|USD|EUR|Rs\.?|rubles?|roubles?)\s*$")
# What _MONEY_BEFORE matches, as the text it ends with once trailing whitespace is
# stripped ("US$" ends with "$"): str.endswith is much cheaper than a regex search.
_MONEY_TAILS = (
    "$",
    "£",
    "€",
    "¥",
    "₴",
    "₽",
    "USD",
    "EUR",
    "Rs",
    "Rs.",
    "ruble",
    "rubles",
    "rouble",
    "roubles",
)

# Verbs whose subject owns the figure ("Russia has lost", "North Korea might send").
_OWNER_VERBS = re.compile(
    r"\b(?:sen[dt]s?|sending|deploy(?:s|ed|ing)?|offer(?:s|ed|ing)?|transfer(?:s|red|ring)?"
    r"|provid(?:e|es|ed|ing)|suppl(?:y|ies|ied|ying)|contribut(?:e|es|ed|ing)"
    r"|commit(?:s|ted|ting)?|mobili[sz](?:e|es|ed|ing)|los(?:e|es|t|ing)|sustain(?:s|ed|ing)?"
    r"|suffer(?:s|ed|ing)?|ha[sd]|have|run(?:s|ning)?|operat(?:e|es|ed|ing)|field(?:s|ed|ing)?"
    r"|amass(?:es|ed|ing)?|station(?:s|ed|ing)?|muster(?:s|ed|ing)?|recruit(?:s|ed|ing)?"
    r"|train(?:s|ed|ing)?|gather(?:s|ed|ing)?|mass(?:es|ed|ing)?|dispatch(?:es|ed|ing)?"
    r"|pledg(?:e|es|ed|ing)|promis(?:e|es|ed|ing)|ship(?:s|ped|ping)?|add(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
# Words after a party that make it the receiver or the opponent of the figure.
_RECIPIENT_AFTER = _Needs(
    re.compile(
        r"^(?:['’]s)?\W+(?:[\w-]+\W+){0,3}?(?:notified|informed|fight(?:s|ing)?\s+off"
        r"|repel(?:s|led|ling)?|fac(?:e|es|ed|ing)|against)\b",
        re.IGNORECASE,
    ),
    "notified informed fight repel fac against",
)
# Troops are the sender's: "Russia would accept 10,000 troops" are not Russia's troops
# (equipment received is the receiver's, so this applies to troops only).
_RECEIVER_AFTER = _Needs(
    re.compile(
        r"^(?:['’]s)?\W+(?:[\w-]+\W+){0,3}?(?:accept(?:s|ed|ing)?|receiv(?:e|es|ed|ing)"
        r"|ask(?:s|ed|ing)?|get(?:s|ting)?)\b",
        re.IGNORECASE,
    ),
    "accept receiv ask get",
)
_RECIPIENT_BEFORE = _Needs(
    re.compile(
        r"(?:\b(?:to|into|against|for|invasion\s+of|invading|war\s+(?:on|against|in)"
        r"|attacks?\s+on|fight\s+(?:against|off)|with)\s+(?:the\s+)?)$",
        re.IGNORECASE,
    ),
    "to against for invasion invading war attack fight with",
)
_EXCHANGE_BEFORE = _Needs(
    re.compile(
        r"\b(?:in\s+exchange\s+for|in\s+return\s+for|fight\s+off|repel)\s+(?:[\w-]+\s+){0,2}$",
        re.IGNORECASE,
    ),
    "exchange return fight repel",
)
# "Putin's invasion", "Russian strikes": the party doing the killing, not the victims.
_AGENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:invasion|attacks?|assault|offensive|forces|army|troops"
    r"|strikes?|shelling|bombing|bombardment|military|war|aggression|occupation|regime|drones?"
    r"|missiles?|soldiers|killed|murdered|massacred|kill|kills|forced|has\s+murdered)\b",
    re.IGNORECASE,
)
_BOTH_SIDES = _Needs(
    re.compile(r"[^.;]{0,60}?\b(?:on|from)\s+(?:both|each|either|all)\s+sides?\b", re.IGNORECASE),
    "side",
)
# A pronoun subject that points back at the claimant: "Kyiv said it had lost ...".
_PRONOUN_SUBJECT = re.compile(r"(?:it|they|we|its|their|our|It|They|We|Its|Their|Our)")
# A verb whose subject destroys/captures the figure: those are the other side's.
_AGENT_VERB_BEFORE = _Needs(
    re.compile(
        r"\b(?:(?:shot|shoot(?:s|ing)?)\s+down|downed|downing|intercept(?:ed|s|ing)?"
        r"|destroy(?:ed|s|ing)?|captur(?:ed|es|ing|e)|t(?:ook|aken?|akes|aking)\s+out"
        r"|knock(?:ed|s|ing)?\s+out|neutrali[sz](?:ed|es|ing|e)|eliminat(?:ed|es|ing|e)"
        r"|kill(?:ed|s|ing)?|seiz(?:ed|es|ing|e)|t(?:ook|aken?|akes|aking)\s+prisoner)"
        r"(?:\s+(?:a\s+total\s+of|all|another|a\s+further))?\s+"
        r"(?:[\d,]+\s+of\s+(?:the\s+)?)?$",
        re.IGNORECASE,
    ),
    "shot shoot down intercept destroy captur took tak knock neutrali eliminat kill seiz",
)
_RELAY_KINDS = frozenset({"outlet", "agency", "media"})
_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*")
# "563 fallen soldiers", "the bodies of 563 soldiers": the dead, not troops.
_FALLEN = re.compile(r"\b(?:fallen|slain|dead|killed)\b", re.IGNORECASE)
_BODIES_BEFORE = _Needs(
    re.compile(r"\b(?:bodies|remains)\s+of\s+(?:the\s+)?$", re.IGNORECASE), "bodies remains"
)
_PASSIVE = re.compile(r"\b(?:been|be|being|was|were|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "95 prisoners of war each": a figure both sides share.
_EACH_AFTER = re.compile(r"\s+each\b", re.IGNORECASE)
# "45 of 53 drones": the gap between the two figures of a pair.
_OF_FIGURE = re.compile(r"\s+of\s+(?:the\s+|a\s+total\s+of\s+)?(?=[\da-z])")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+|a\s+total\s+of\s+)?")
# A figure standing alone after one that named the noun: "..., including 1,280 ...".
_ELLIPSIS_BEFORE = re.compile(
    r"(?:\b(?P<w>including|of\s+(?:whom|them|which|those|these)|among\s+(?:them|whom|those)"
    r"|,\s+with)\s+(?:(?:at\s+least|about|some|nearly|more\s+than|up\s+to)\s+)?)$",
    re.IGNORECASE,
)
# Words before a bare figure that point back at the figure before it.
_ANAPHOR_BEFORE = re.compile(
    r"(?:\b(?P<far>another|a\s+further|an\s+additional|yet\s+another)"
    r"|\b(?:the\s+|its\s+|their\s+|latest\s+|overall\s+)*(?:total|toll|tally|number|figure|count"
    r"|estimate)(?:\s+(?:is|was|to|at|of|now|stands\s+at|stood\s+at|reached|rose\s+to|hit"
    r"|climbed\s+to|above|over))+"
    r"|\b(?:put|puts|putting|raised|raising|brought|bringing|bring|brings|taking|takes|took"
    r"|pushing|pushed|pushes)\s+(?:the\s+|its\s+|their\s+|overall\s+)*(?:total|toll|tally|number"
    r"|figure|count|it)(?:\s+(?:to|at))?"
    r"|\b(?:total|number|figure),"
    r"|\b(?:down|up)\s+from(?:\s+(?:a|an|the)\s+(?:peak|high|low|total|average|estimate)"
    r"\s+of)?"
    r"|\bcompared?\s+(?:to|with)(?:\s+(?:a|an|the)\s+\w+\s+of)?"
    r"|\ban\s+average\s+of"
    r"|\bfollowed\s+by\s+(?:the\s+)?[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)*\s+with)\s+$",
    re.IGNORECASE,
)
_MORE_AFTER = re.compile(r"\s+more\b(?!\s+than)", re.IGNORECASE)
_MISSING_AFTER = re.compile(
    r"(?:\s+(?:more|others?))?\s+(?:(?:are|were|is|was|remain|remained|still|listed|as|have"
    r"|been|reported)\s+)*missing\b",
    re.IGNORECASE,
)
_VICTIM_METRICS = frozenset({"civilian_killed", "displaced"})

# Nouns that make a subject a body ("Ukrainian officials said").
_BODY_NOUNS = _words(
    "officials official sources source military ministry agency service staff office army "
    "command government authorities intelligence media television tv analysts analyst "
    "experts expert report estimates spokesman spokeswoman spokesperson minister "
    "commander general administration department council observers monitors mission "
    "police prosecutors investigators diplomats diplomat officers officer governor mayor "
    "president journalist pundit newspaper outlet broadcaster channel statement data "
    "group monitor institute committee forces force services emergency headquarters "
    "directorate centre center bureau project lawmaker lawmakers legislator legislators "
)
# Words that title a person's name and are not part of it.
_TITLES = _words(
    "President Minister Secretary Under Deputy Defense Defence Department Policy Foreign "
    "Prime Chief General Gen Gen. Lt Lt. Lieutenant Colonel Col Col. Major Maj. Commander "
    "Admiral Adm. Director Spokesman Spokeswoman Spokesperson Ambassador Senator Sen. "
    "Rep. Representative Governor Gov. Mayor Head Chairman Chair Adviser Advisor Security "
    "National Intelligence Council Staff Army Navy Air Force MP Dr. Dr Mr. Mr Mrs. Mrs "
    "Ms. Ms Reserve Captain Capt. Sergeant Sgt. Analyst Journalist Editor Presidential "
    "State Interior Affairs Vice Officer Pentagon Kremlin White House Office Ministry "
    "Agency Service Sources Official Officials The A An On In At While As After Before "
    "When If But And Meanwhile However Also Retired Former Senior Top Defence Expert "
    "Pundit Lawmaker Opposition Military Commander-in-Chief Premier Chancellor King Queen "
    "Prince Envoy Spy Brigadier Marshal Field "
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
# "the analyst said": a back-reference to an earlier claimant of this kind.
_BACKREF_KIND = {
    "agency": ("agency", "outlet", "media"),
    "outlet": ("outlet", "media", "agency"),
    "newspaper": ("outlet", "media"),
    "paper": ("outlet", "media"),
    "broadcaster": ("media", "outlet"),
    "channel": ("media", "outlet"),
    "report": ("agency", "outlet", "media"),
    "analyst": ("pundit",),
    "expert": ("pundit",),
    "pundit": ("pundit",),
    "commentator": ("pundit",),
    "journalist": ("pundit", "journalist"),
    "official": ("official",),
    "minister": ("official",),
    "spokesman": ("official",),
    "spokeswoman": ("official",),
    "spokesperson": ("official",),
    "president": ("official",),
    "general": ("official", "military"),
    "commander": ("official", "military"),
    "ministry": ("government",),
    "military": ("military",),
}
_HEDGE_CLAIMANT = re.compile(
    r"^(?:(?:some|unconfirmed|unverified|recent|media|press|news|local|the)\s+)*"
    r"(?:rumou?rs?|speculations?|reports?|claims|estimat(?:es|ions)|accounts|sources)\b"
    r"(?!\s+(?:from|by|of|in|on)\b)",
    re.IGNORECASE,
)
_REPORT_PREFIX = re.compile(
    r"^(?:(?:a|an|the|recent|new|latest|its|their)\s+)*(?:reports?|statements?|estimates?"
    r"|assessments?|data|figures|analysis|analyses|count|tally|broadcasts?|rumou?rs)"
    r"(?:\s+(?:released|published|issued|coming|aired))?\s+(?:from|by|in|of|on)\s+",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    r"^\W*(?:additionally|in addition|moreover|furthermore|also|he added|she added|they added"
    r"|he also|she also|they also)\b",
    re.IGNORECASE,
)
_LEADING_JUNK = re.compile(
    r"^(?:(?:the|a|an|recent|both|some|several|other|senior|top|and|but|so|then)\s+)+",
    re.IGNORECASE,
)
_ADVERB_WORDS = _words(
    "has have had also previously earlier recently later specifically reportedly further "
    "separately again first once then now already"
)
_ADVERB = re.compile(
    rf"(?:\s+(?:{'|'.join(sorted(_ADVERB_WORDS))}|\w+ly|on\s+\w+|in\s+a\s+\w+"
    r"|in\s+\w+))+\s*$",
)
# The tokens of _TOKEN_PLAIN (a word, a letter, a number, any other character), written
# to start with the \S that each of them starts with: the engine then skips whitespace
# instead of trying the four alternatives there, and the lookbehinds pick the
# alternative. The plain form stays as the definition the speed tests pin it to.
_TOKEN = re.compile(r"\S(?:(?<=[A-Za-z])[\w'’.-]*\w|(?<=\d)[\d,.]*|)")
_TOKEN_PLAIN = re.compile(r"[A-Za-z][\w'’.-]*[\w]|[A-Za-z]|\d[\d,.]*|\S")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NOUN_CONTEXT_WORDS = _words(
    "with the a an of these those such some new latest recent its their his her are were "
    "is was there by in on for from unconfirmed many several multiple"
)
_NOUN_CONTEXT = re.compile(rf"\b(?:{'|'.join(sorted(_NOUN_CONTEXT_WORDS))})\s+$", re.IGNORECASE)
# Characters a _NOUN_CONTEXT match spans before its trailing whitespace (see _search_tail).
_NOUN_CONTEXT_REACH = max(map(len, _NOUN_CONTEXT_WORDS))
_NUMBER_WORDS = _number_words()
# How far back "the agency said" looks for the agency named before.
_BACKREF_SENTENCES = 30
# Back-references that name a document, not a speaker: never kept as written.
_DOCUMENT_NOUNS = frozenset({"report"})
_TOLD_VERBS = frozenset({"told", "tells", "tell"})
# The outlet after "told": "told Reuters", "told the BBC", "told Ukrainian TV channel X".
_TOLD_OBJECT = re.compile(
    r"\s+(?P<x>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|news\s+agency|newspaper))*)"
)
_PER_BODY = re.compile(r"\s+(?:the\s+)?[A-Z]")
# The source after "according to": up to a clause break; "U.S." keeps its periods.
# The period of a title written before a name ("Rep. Lee", "Gen. Smith") ends no phrase.
_TITLE_DOT = "|".join(
    f"(?<=\\b{t})"
    for t in _words(
        "Rep Sen Gen Lt Col Maj Sgt Capt Adm Gov Dr Mr Mrs Ms Prof Cmdr Brig Amb Pres Gens Rev "
        "Hon Supt Insp"
    )
)
_ACCORDING_X = re.compile(rf"\s+(?:[^,.;:!?“”\"(\n]|(?:(?<=\b[A-Z])|{_TITLE_DOT})\.)+")
_INVERTED_HEAD = re.compile(r"(?:^|[,’”\"'—–-])\s*$")  # reach 1 (see _search_tail)
_INVERTED_X = re.compile(
    rf"\s+(?P<x>(?!that\b)(?:[^,.;:!?“”\"\n]|(?:(?<=\b[A-Z])|{_TITLE_DOT})\.)+)"
)
_QUOTE_CHARS = '“”"«»'
_ABBREV = _words(
    "mr mrs ms dr gen lt col maj sgt capt adm st sen rep gov jan feb mar apr jun jul aug "
    "sep sept oct nov dec no u.s u.k u.n e.g i.e vs etc inc corp jr sr prof "
)


# --------------------------------------------------------------------------- compiled


# eq=False: compared and hashed by identity, so that functions of (phrase, compiled
# lexicons) can be cached (its dict fields could not be hashed).
@dataclass(frozen=True, eq=False)
class _Compiled:
    """The regexes built from one set of lexicons (built once per lexicon set)."""

    lex: Lexicons
    candidate: re.Pattern[str]
    candidate_digit: re.Pattern[str]  # the same at a digit (see _compile)
    nouns: dict[str, str]  # lower-cased counted noun -> metric
    generics: dict[str, str]
    befores: dict[str, str]
    outcomes: dict[str, str]
    max_words: int
    noun_heads: frozenset[str]  # first words of the counted and generic nouns
    outcome_after: re.Pattern[str]
    outcome_before: re.Pattern[str]
    before: re.Pattern[str]
    party: re.Pattern[str]
    # The party pattern, then owner_after tried in a lookahead that never changes the
    # match: group 2 is set where owner_after matches at the match's end (see mentions).
    party_owner: re.Pattern[str]
    party_of: dict[str, str]
    hedge: re.Pattern[str]
    hedge_after: re.Pattern[str]  # a non-word character, then a hedge (see _hedges)
    hedge_glue: tuple[str, ...]  # first words of hedges that can hide another (see _hedges)
    verb: re.Pattern[str]
    verb_after: re.Pattern[str] | None  # a non-word character, then a verb (see _verbs)
    according: re.Pattern[str]
    alias_ci: re.Pattern[str] | None
    alias_cs: re.Pattern[str] | None
    owner_after: re.Pattern[str]
    anchor: re.Pattern[str]
    anchor_after: re.Pattern[str]  # a non-letter, then an anchor word
    marks: re.Pattern[str]  # digits, anchor words and sentence ends in one scan (see _scan)
    name_parties: frozenset[str]  # party terms that also start a person's name ("Kim")
    # Whether every party term starts with an upper-case letter: then a text with no
    # upper-case letter (str.islower) holds no party mention (see _party).
    parties_capitalised: bool


@functools.lru_cache(maxsize=8)
def _compile(lex: Lexicons) -> _Compiled:
    metrics = lex.metrics
    nouns = {k.lower(): v for k, v in metrics["noun"].items()}
    generics = {k.lower(): v for k, v in metrics["generic"].items()}
    outcomes = {k.lower(): v for k, v in metrics["outcome"].items()}
    max_words = max(len(t.split()) for t in [*nouns, *generics, "x"])
    candidate = re.compile(
        r"(?<![\w.,/$£€#-])"
        rf"(?:(?P<qual>(?i:{QUALIFIER_RE}))\s+)?"
        rf"(?:(?P<between>(?i:between|from))\s+(?P<a>{NUMBER_RE})\s+(?:and|to)\s+(?P<b>{NUMBER_RE})"
        rf"|(?P<vague>(?i:{VAGUE_RE}))"
        rf"|(?P<x>{NUMBER_RE})(?:\s*(?:-|–|—|to)\s*(?P<y>{NUMBER_RE}))?)"
        r"(?P<strong>-strong)?(?![\w%])",
        re.IGNORECASE,
    )
    # At a digit no qualifier, "between" or vague magnitude can start (they start with a
    # letter), so the figure pattern is tried without them there; their groups stay
    # (never set), so the matches are the same.
    candidate_digit = re.compile(
        r"(?<![\w.,/$£€#-])"
        r"(?P<qual>(?!))?(?P<between>(?!))?(?P<a>(?!))?(?P<b>(?!))?(?P<vague>(?!))?"
        rf"(?P<x>{NUMBER_RE})(?:\s*(?:-|–|—|to)\s*(?P<y>{NUMBER_RE}))?"
        r"(?P<strong>-strong)?(?![\w%])",
        re.IGNORECASE,
    )
    outcome_alt = _alternation(outcomes)
    aux = "|".join(sorted(_AUX - {"killed"}))
    outcome_after = re.compile(
        rf"^[\s,]*(?:(?:{aux}|\w+ly|were\s+forced\s+to|forced\s+to|had\s+to|to|in\s+all)\s+)*"
        rf"(?P<o>{outcome_alt})\b",
        re.IGNORECASE,
    )
    outcome_before = re.compile(
        rf"\b(?P<o>{outcome_alt}|lost|losing|loses|lose"
        r"|(?:cost|costs|costing)(?=\s+[A-Z][\w'’]*\s+$|\s+(?:it|them|him|us)\s+$))"
        r"(?:\s+(?:[A-Z][\w'’]*|it|them|him|us))?"
        r"\s+(?:a\s+total\s+of\s+|an\s+estimated\s+)?[\"“‘']?$",
        re.IGNORECASE,
    )
    before_alt = _alternation(metrics["before"])
    before = re.compile(
        rf"\b(?P<n>{before_alt})\b(?P<mid>(?:\s+[\w'’-]+){{0,5}}?\s+"
        r"(?:in|at|of|to|is|was|are|were|have|has|had|been|now|already|probably|likely"
        r"|reportedly|reached|reaching|numbered|numbering|numbers|number|totalled"
        r"|totaled|totalling|topped|exceeded|exceeding|stood\s+at|stands\s+at|put\s+at)"
        r"(?:\s+the)?)?\s*$",
        re.IGNORECASE,
    )
    # Word boundaries are checked in Python (see _bounded): a regex that starts with a
    # literal trie lets the engine skip ahead to the next possible first letter.
    party_alt = _alternation(lex.parties)
    party = re.compile(rf"(?P<p>{party_alt})(?:['’]s)?")
    assert party.groupindex["p"] == 1  # read by number in _Article.mentions
    # "[\w-]++": a word is followed by whitespace, which no word character is, so
    # giving characters back could never help; possessive, the engine does not try.
    owner_after = re.compile(
        r"(?:['’]s)?\s+(?:[\w-]++\s+){0,2}?(?:troops|soldiers|volunteers|forces|army|military"
        r"|support|help|assistance|aid|units|fighters|personnel|contingent|servicemen"
        r"|sen[dt]s?|sending|deploy\w*|offer\w*|transfer\w*|provid\w*|suppl\w*|dispatch\w*)\b"
    )
    # The optional lookahead comes last and the match succeeds without it, so the spans
    # (the party term and its "'s") are those of ``party`` (pinned in the speed tests).
    party_owner = re.compile(rf"{party.pattern}(?:(?={owner_after.pattern})(?P<own>))?")
    assert party_owner.groupindex == {"p": 1, "own": 2}
    # A capitalised "May" is a month, never a hedge.
    hedge_terms = _variants(h for h in lex.hedges if h != "may") | {"may"}
    hedge = re.compile(_alternation(hedge_terms))
    verb_terms = _variants(lex.verbs)
    verb = re.compile(rf"(?P<v>{_alternation(verb_terms)})")
    assert re.compile(rf"[^\w-]{verb.pattern}").groupindex["v"] == 1  # read by number in _verbs
    # One-word verbs (all of them, as shipped) can be found after a non-word character,
    # which the engine skips to; see _verbs.
    one_word = all(re.fullmatch(r"\w+", t) for t in verb_terms)
    according = re.compile(rf"(?P<p>{_alternation(_variants(lex.prepositions))})")
    aliases = list(lex.claimants)
    caps = [a for a in aliases if a.upper() == a and len(a) <= 5]
    anchor_words = [*_NUMBER_WORDS, "tens", "hundreds", "thousands", "millions", "dozens", "dozen"]
    # "Twelve", "TWELVE": headlines and blog titles write number words in capitals.
    anchor_alt = _alternation(_variants([*anchor_words, *map(str.upper, anchor_words)]))
    anchor_first = "".join(
        sorted({w[0] for w in anchor_words} | {w[0].upper() for w in anchor_words})
    )
    name_parties = frozenset(
        t.split()[0] for t in lex.parties if len(t.split()) > 2 and t.split()[0] in lex.parties
    )
    return _Compiled(
        lex=lex,
        name_parties=name_parties,
        parties_capitalised=all(t[:1].isupper() for t in lex.parties),
        anchor=re.compile(anchor_alt),
        anchor_after=re.compile(rf"[^A-Za-z](?:{anchor_alt})"),
        # At most non-letters (spaces) each alternative fails: one lookbehind rules out
        # both digits and sentence ends, a class of first letters most number words.
        marks=re.compile(
            rf"[^A-Za-z](?:(?<=[\d.!?])(?:(?<=\d)\d*(?P<d>)|{_BOUNDARY_REST})"
            rf"|(?=[{anchor_first}])(?P<w>{anchor_alt}))"
        ),
        candidate=candidate,
        candidate_digit=candidate_digit,
        nouns=nouns,
        generics=generics,
        befores={k.lower(): v for k, v in metrics["before"].items()},
        outcomes=outcomes,
        max_words=max_words,
        noun_heads=frozenset(t.split(" ")[0] for t in [*nouns, *generics]),
        outcome_after=outcome_after,
        outcome_before=outcome_before,
        before=before,
        party=party,
        party_owner=party_owner,
        party_of=dict(lex.parties),
        hedge=hedge,
        hedge_after=re.compile(rf"[^\w-](?P<h>{hedge.pattern})"),
        hedge_glue=_hiding_heads(hedge_terms),
        verb=verb,
        verb_after=re.compile(rf"[^\w-]{verb.pattern}") if one_word else None,
        according=according,
        alias_ci=_alias_regex([a for a in aliases if a not in caps], re.IGNORECASE),
        alias_cs=_alias_regex([c.upper() for c in caps], 0),
        owner_after=owner_after,
    )


def _variants(terms: Iterable[str]) -> set[str]:
    """Each term as written and with a capital first letter (sentence starts, headlines)."""
    return {v for t in terms if t for v in (t, t[:1].upper() + t[1:])}


def _hiding_heads(terms: Iterable[str]) -> tuple[str, ...]:
    """First words of the terms inside which another term can start after a space.

    "has yet to be verified" holds "yet to be verified"; "said to be" holds the start of
    "believed to". Matched inside a word ("Xhas yet ..."), such a term hides the other
    from a scan that steps over it (see :func:`_hedges`).
    """
    norm = [" ".join(t.split()) for t in terms]
    heads = set()
    for outer in norm:
        for inner in re.finditer(r"(?<=[^\w-])\w", outer):
            rest = outer[inner.start() :]
            if any(t.startswith(rest) or rest.startswith(t) for t in norm):
                heads.add(outer.split()[0])
    return tuple(sorted(heads))


def _glued(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` right after a word character or a hyphen."""
    at = text.find(word, 1)
    while at > 0:
        if text[at - 1].isalnum() or text[at - 1] in "_-":
            return True
        at = text.find(word, at + 1)
    return False


def _hedges(c: _Compiled, sentence: str) -> list[str]:
    """The hedges of a sentence, lower-cased, each once, in order of first occurrence.

    The matches of ``_bounded(c.hedge, sentence)``, found after a non-word character (the
    engine skips to the next one; the hedge pattern's many first letters stop it at most
    letters). A scan of every offset would also match hedges inside words, which the
    bounds then drop; one of those could only hide a true hedge when it holds another's
    start after a space ("Xhas yet to be verified"), so when the first word of such a
    hedge follows a word character, the plain scan decides.
    """
    if any(_glued(sentence, word) for word in c.hedge_glue):
        found = [m.group() for m in _bounded(c.hedge, sentence)]
    else:
        size = len(sentence)
        found = []
        pos = 0
        first = c.hedge.match(sentence)
        if first is not None:
            pos = first.end()  # the plain scan goes on after it
            if not (pos < size and (sentence[pos].isalnum() or sentence[pos] == "_")):
                found.append(first.group())
        for m in c.hedge_after.finditer(sentence, pos):
            end = m.end()
            if end < size and (sentence[end].isalnum() or sentence[end] == "_"):
                continue
            found.append(m.group("h"))
    return list(dict.fromkeys(h.lower() for h in found))


def _bounded(
    regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[re.Match[str]]:
    """Matches of ``regex`` that start and end on word boundaries (checked here, fast).

    A match right after a hyphen is no match either: "pro-Kremlin", "anti-Russian" are
    a stance, not a party mention.
    """
    size = len(text)
    found = []
    for m in regex.finditer(text, pos, size if endpos is None else endpos):
        a, b = m.span()
        if a > 0 and (text[a - 1].isalnum() or text[a - 1] in "_-"):
            continue
        if b < size and (text[b].isalnum() or text[b] == "_"):
            continue
        found.append(m)
    return found


def _party_named(party_of: dict[str, str], term: str) -> str:
    """The party a matched term names. The party pattern lets any whitespace part a term's
    words ("North\nKorea" in a hard-wrapped article): looked up with single spaces."""
    party = party_of.get(term)
    return party if party is not None else party_of[" ".join(term.split())]


def _alias_regex(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    return re.compile(rf"(?<![\w-])(?:{_alternation(aliases)})(?![\w-])", flags)


# --------------------------------------------------------------------------- sentences

# A sentence end inside a line: the whitespace never crosses a newline, so one scan of
# the whole text finds what a scan of each line would. The boundary starts right after
# the . ! or ? that the pattern starts with (a first character class lets the engine
# skip to the next one; a lookbehind would be tried at every offset).
_BOUNDARY = re.compile(r"[.!?][\"”’'»)\]]*[^\S\n]+(?=[“\"‘'«(\[]?[A-Z0-9])")
# The same boundary after its . ! or ?, with the whitespace in a lookahead (group "ws"):
# in the one scan of _scan the whitespace must stay free to precede a number word.
_BOUNDARY_REST = r"[\"”’'»)\]]*(?=(?P<ws>[^\S\n]+)[“\"‘'«(\[]?[A-Z0-9])"
_LINE = re.compile(r"[^\n]+")


def _sentences(text: str, marks: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Split into sentences: every line is at least one (headlines count), then . ! ?.

    ``marks`` are the (start, end) of the boundaries, as :func:`_scan` finds them.
    """
    spans: list[tuple[int, int]] = []
    if marks is None:
        marks = [(m.start() + 1, m.end()) for m in _BOUNDARY.finditer(text)]
    k = 0
    for line in _LINE.finditer(text):
        cut, stop = line.span()
        while k < len(marks) and marks[k][0] < stop:
            mark_start, mark_end = marks[k]
            k += 1
            before = text[cut:mark_start]
            last = before.rsplit(None, 1)[-1].rstrip(".!?").lower() if before.strip() else ""
            # "Gen. Smith", "the U.S. Army": an abbreviation's period ends no sentence.
            if last in _ABBREV or (len(last) == 1 and last.isalpha()):
                continue
            spans.append((cut, mark_start))
            cut = mark_end
        spans.append((cut, stop))
    # Spans holding more than whitespace (what text[a:b].strip() keeps), tested in place.
    return [(a, b) for a, b in spans if a < b and not text[a:b].isspace()]


# --------------------------------------------------------------------------- attribution


@dataclass
class _Attr:
    """One attribution found in a sentence."""

    pos: int  # absolute offset of the verb/preposition
    end: int  # absolute end of the attribution phrase
    claimant: str | None  # canonical or as written; None for a hedge ("rumors")
    kind: str
    rule: str
    covers: str  # "after", "before", "all"
    outlet_report: bool = False  # "according to a report from X", "X reported"
    pronoun: bool = False
    backref: str = ""  # "agency" in "the pro-Kremlin news agency said"
    written: str = ""  # the back-reference as written ("commander"), kept when unresolved
    relay_only: bool = False  # "told Reuters": an outlet the claimant spoke to
    span: tuple[int, int] = (0, 0)  # absolute span of the claimant's phrase


@dataclass
class _Article:
    """Per-article state, built lazily: sentences, attributions, party tallies."""

    text: str
    c: _Compiled
    sentences: list[tuple[int, int]]
    starts: list[int]
    attrs: dict[int, list[_Attr]] = field(default_factory=dict)
    claimant_of: dict[int, tuple[str, str] | None] = field(default_factory=dict)
    _owner: Counter[str] | None = None
    _mentions: list[tuple[int, int, str]] | None = None
    _mention_starts: list[int] = field(default_factory=list)
    _owned: list[str] = field(default_factory=list)  # parties of the owning mentions
    _full: dict[str, str] = field(default_factory=dict)
    _roles: dict[tuple[str, int, int, int], bool] = field(default_factory=dict)

    def role(self, role: str, a: int, b: int, s0: int) -> bool:
        """Whether the party mention at [a, b) (in the sentence from s0) is written as a
        "recipient" of the figure or its opponent, the "receiver" of troops, or the
        "agent" of a killing: the words around it decide (see _excluded).

        Cached: every figure of a sentence, and the next sentence's context, ask about
        the same mentions.
        """
        key = (role, a, b, s0)
        got = self._roles.get(key)
        if got is None:
            text, after = self.text, self.text[b : b + 50]
            if role == "recipient":
                got = bool(
                    _RECIPIENT_AFTER.match(after)
                    or _RECIPIENT_BEFORE.search(text[max(s0, a - 30) : a])
                )
            elif role == "receiver":
                got = _RECEIVER_AFTER.match(after) is not None
            else:
                got = _AGENT_AFTER.match(after) is not None
            self._roles[key] = got
        return got

    def mentions(self, s0: int, s1: int) -> list[tuple[int, int, str]]:
        """Party mentions in [s0, s1): (start, end, party), "pro-Kremlin" left out."""
        if self._mentions is None:
            self._scan_mentions()
        lo = bisect.bisect_left(self._mention_starts, s0)
        hi = bisect.bisect_left(self._mention_starts, s1)
        return self._mentions[lo:hi]  # type: ignore[index]

    def _scan_mentions(self) -> None:
        """The mentions, and the parties of those that own forces, in one pass.

        ``_bounded(c.party, text)``, written out, with ``c.party_owner``: the same
        matches, group 2 set where ``c.owner_after`` matches at a match's end, which
        is what :meth:`owner_counts` counts.
        """
        party_of, text = self.c.party_of, self.text
        size = len(text)
        found: list[tuple[int, int, str]] = []
        owned: list[str] = []
        append = found.append
        for m in self.c.party_owner.finditer(text):
            a, b = m.span()
            if a and (text[a - 1].isalnum() or text[a - 1] in "_-"):
                continue
            if b < size and (text[b].isalnum() or text[b] == "_"):
                continue
            term = m[1]  # group 1 is "p"
            party = party_of.get(term)  # _party_named(party_of, term), inline
            if party is None:
                party = _party_named(party_of, term)
            append((a, b, party))
            if m[2] is not None:  # group 2 is "own"
                owned.append(party)
        self._mentions = found
        self._mention_starts = [a for a, _, _ in found]
        self._owned = owned

    def full_name(self, claimant: str) -> str:
        """The fullest form of a claimant that the article writes out (cached).

        A surname ("Bell said") becomes the full name written elsewhere in the article
        ("Danielle Bell"), an acronym ("the HRMMU") the name it abbreviates ("UN Human
        Rights Monitoring Mission in Ukraine (HRMMU)"). Lexicon names are kept as they are.
        """
        got = self._full.get(claimant)
        if got is None:
            got = _expand_claimant(self.text, claimant, self.c)
            self._full[claimant] = got
        return got

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def owner_counts(self) -> Counter[str]:
        """How often each party owns forces in this article ("North Korean troops"):
        the mentions at whose end ``c.owner_after`` matches, counted in text order."""
        if self._owner is None:
            if self._mentions is None:
                self._scan_mentions()
            self._owner = Counter(self._owned)
        return self._owner


_NAME_WORD = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)?"
# Lower-case words that may sit inside a body's name: "Ministry of External Affairs".
_NAME_JOINERS = frozenset({"of", "for", "the", "in", "on", "and", "to", "&"})


def _expand_claimant(text: str, claimant: str, c: _Compiled) -> str:
    """See :meth:`_Article.full_name`."""
    if " " in claimant or c.lex.claimant(claimant) is not None:
        return claimant
    if claimant.isupper() and 2 <= len(claimant) <= 7:
        # "the Ministry of External Affairs (MEA)": the words before the bracket.
        for m in re.finditer(rf"\(\s*{re.escape(claimant)}\s*\)", text):
            words = text[max(0, m.start() - 150) : m.start()].split()
            name: list[str] = []
            for word in reversed(words):
                bare = word.strip(',;:“”"')
                if bare and (bare[0].isupper() or bare in _NAME_JOINERS) and bare == word:
                    name.append(bare)
                    continue
                break
            while name and name[-1] in _NAME_JOINERS | {"The"}:
                name.pop()
            while name and name[0] in _NAME_JOINERS:
                name.pop(0)
            if len(name) >= 2:
                return " ".join(reversed(name))
        return claimant
    if claimant[:1].isupper() and claimant.isalpha() is False and "-" not in claimant:
        return claimant
    if not claimant[:1].isupper():
        return claimant
    # "Bell said": the full name the article gives ("Danielle Bell"), titles dropped.
    for m in re.finditer(rf"((?:{_NAME_WORD}\s+){{1,3}}){re.escape(claimant)}\b", text):
        words = m.group(1).split()
        while words and (words[0] in _TITLES or words[0].rstrip(".") in _TITLES):
            words.pop(0)
        if words and not any(w in c.party_of or w.endswith(("'s", "’s")) for w in words):
            full = " ".join([*words[-2:], claimant])
            entry = c.lex.claimant(full)
            return entry.canonical if entry is not None else full
    return claimant


def _lookup(c: _Compiled, phrase: str) -> tuple[str, str] | None:
    """Find a lexicon claimant (longest alias) inside ``phrase``: (canonical, kind)."""
    # The head of an English noun phrase is at its end: "Defense Department Under
    # Secretary Colin Kahl" is Colin Kahl, so the alias ending last wins, then the longest.
    best: tuple[int, int, str] | None = None
    for regex in (c.alias_ci, c.alias_cs):
        if regex is None:
            continue
        for m in regex.finditer(phrase):
            key = (m.end(), len(m.group()), m.group())
            if best is None or key > best:
                best = key
    if best is None:
        return None
    tail = phrase[best[0] :]
    if _person(tail, c) is not None:
        return None  # a name written after the alias is the speaker
    entry = c.lex.claimant(best[2])
    return None if entry is None else (entry.canonical, entry.kind)


# Capitalised words that never belong to a person's name.
_NOT_NAMES = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December Jan. Feb. Aug. Sept. Oct. "
    "Nov. Dec. Today Yesterday Earlier Later Asked Speaking Meanwhile"
)
_OF_TAIL = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,5}$")


def _person(phrase: str, c: _Compiled) -> str | None:
    """Trailing capitalised name of a subject phrase, titles dropped: 'Colin Kahl'."""
    phrase = re.sub(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s*)+$", "", phrase.strip())
    # "Rep. Kim Dae-ho of the opposition party": the name before an "of" phrase.
    head = _OF_TAIL.sub("", phrase)
    if head != phrase and head[-1:].isalpha() and _person(head, c) is not None:
        phrase = head
    words = phrase.split()
    name: list[str] = []
    for word in reversed(words):
        bare = word.strip("“”\"'‘’(),")
        if not bare or not bare[0].isupper() or bare in _TITLES or bare.rstrip(".") in _TITLES:
            break
        if bare.endswith(("'s", "’s")) or bare in _NOT_NAMES:
            break
        if bare in c.party_of and not (name and bare in c.name_parties):
            break  # "Russian", "Kyiv"; but "Kim" starts "Kim Dae-ho" as it starts "Kim Jong Un"
        name.append(bare)
    if not name or len(name) > 4:
        return None
    return " ".join(reversed(name))


# Subjects repeat ("the ministry", "Ukraine's General Staff", "he"), and resolving one is
# a pure function of its words and the lexicons: cached.
@functools.lru_cache(maxsize=4096)
def _resolve_subject(phrase: str, c: _Compiled) -> tuple[str | None, str, str]:
    """Turn a subject phrase into (claimant, kind, how); claimant None when not a source.

    ``how`` is "lexicon", "person", "body", "pronoun" or "backref:<noun>".
    """
    phrase = phrase.strip(" \t,;:–—-“”\"‘’'")
    if not phrase:
        return None, "", ""
    low = phrase.lower()
    if low in _PRONOUNS:
        return None, "", "pronoun"
    if _HEDGE_CLAIMANT.match(phrase):
        return None, "", "hedge"
    found = _lookup(c, phrase)
    if found is not None:
        return found[0], found[1], "lexicon"
    words = _WORD.findall(phrase)
    if not words or len(words) > 12:
        return None, "", ""
    person = _person(phrase, c)
    if person is not None and not (len(words) <= 3 and person == phrase and person in c.party_of):
        kind = "official" if any(w in _TITLES for w in words[:-1]) else "person"
        return person, kind, "person"
    last = words[-1].lower()
    if last in _BODY_NOUNS or last.rstrip("s") in _BODY_NOUNS:
        body = _LEADING_JUNK.sub("", phrase)
        capitalised = any(w[0].isupper() for w in _WORD.findall(body))
        if (
            not capitalised
            and body.lower().split()[-1] in _BACKREF_KIND
            and (low.startswith("the ") or len(body.split()) <= 3)
        ):
            return None, "", f"backref:{body.lower().split()[-1]}"
        if len(body.split()) <= 6:
            return body, _guess_kind(last), "body"
    if len(words) <= 3 and all(w in c.party_of for w in words):
        # "Ukraine said", "Russia claims": a government speaking.
        return phrase, "government", "body"
    return None, "", ""


def _guess_kind(noun: str) -> str:
    if noun in ("agency",):
        return "agency"
    if noun in ("media", "television", "tv", "newspaper", "outlet", "broadcaster", "channel"):
        return "media"
    if noun in ("military", "army", "staff", "command", "forces", "commander", "general"):
        return "military"
    if noun in ("intelligence", "service"):
        return "intelligence"
    if noun in ("analyst", "analysts", "expert", "experts", "pundit", "journalist"):
        return "pundit"
    return "official"


_PAREN_TAIL = re.compile(r"(?<=\w)\s*\([A-Za-z][\w.&' -]{0,30}\)\s*$")


def _subject_before(sentence: str, verb_start: int, c: _Compiled) -> str:
    """The subject phrase of an attribution verb: the clause right before it."""
    prefix = sentence[:verb_start]
    # Both patterns match only at the end of the clause, but a search (sub) tries them at
    # every offset: they are tried only when its last words can end a match (_ADVERB's
    # last unit is a whole word after whitespace; _PAREN_TAIL ends with a bracket).
    last = prefix.rsplit(None, 2)
    if last and (
        last[-1] in _ADVERB_WORDS
        or last[-1].endswith("ly")
        or (len(last) > 1 and last[-2] in ("on", "in", "a"))
    ):
        prefix = _ADVERB.sub("", prefix)
    # "the Ministry of External Affairs (MEA) said": the acronym in brackets is the name's.
    if prefix.rstrip().endswith(")"):
        prefix = _PAREN_TAIL.sub("", prefix)
    for mark in (";", ":", "“", "”", '"', "‘", "’ ", " that ", "(", ")", " – ", " — "):
        cut = prefix.rfind(mark)
        if cut >= 0:
            prefix = prefix[cut + len(mark) :]
    parts = prefix.split(",")
    after_comma = len(parts) > 1 and not parts[-1].strip()
    while len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    subject = parts[-1].strip()
    # "Korotchenko, editor-in-chief of ..., said": the verb right after a comma follows an
    # appositive; skip it back to the name (not "a pundit said", not "Igor Korotchenko said").
    if (
        after_comma
        and len(parts) > 1
        and (not subject or subject[0].islower())
        and not subject.lower().startswith(("the ", "they", "he", "she"))
        and not _ends_with_name(subject, c)
    ):
        for part in reversed(parts[:-1]):
            part = part.strip()
            if part and part[0].isupper() and _ends_with_name(part, c):
                subject = part
                break
    elif after_comma and len(parts) > 1:
        # "Oleksandr Syrskyi, Ukraine's commander-in-chief, said", "Kyrylo Budanov, 38, the
        # head of ..., said": a bare name before an appositive (and an age) is the speaker.
        for part in reversed(parts[:-1]):
            part = part.strip()
            if part.isdigit():
                continue
            if _is_bare_name(part, c):
                subject = part
            break
    return subject


def _is_bare_name(part: str, c: _Compiled) -> bool:
    """Whether a clause is nothing but a person's name ("Oleksandr Syrskyi", "Budanov")."""
    part = re.sub(r"^(?:But|And|Yet|So)\s+", "", part)
    return (
        bool(part)
        and len(part.split()) <= 4
        and _person(part, c) == part
        and not any(w in _NOT_NAMES for w in part.split())
    )


def _ends_with_name(phrase: str, c: _Compiled) -> bool:
    """Whether a phrase ends with a person's name or a lexicon claimant."""
    phrase = phrase.strip()
    if not phrase:
        return False
    if _person(phrase, c) is not None:
        return True
    for regex in (c.alias_ci, c.alias_cs):
        if regex is not None and any(m.end() == len(phrase) for m in regex.finditer(phrase)):
            return True
    return False


def _search_tail(regex: re.Pattern[str], text: str, end: int, reach: int) -> re.Match[str] | None:
    """``regex.search(text, 0, end)`` for a regex anchored at ``end`` by trailing ``\\s*$``.

    Such a match starts at most ``reach`` characters before the whitespace that ends
    ``text[:end]``, so only that tail is searched (a search from 0 tries every offset;
    lookbehinds and ``\\b`` still see the characters before the tail).
    """
    tail = len(text[:end].rstrip())
    return regex.search(text, max(0, tail - reach), end)


def _verbs(c: _Compiled, text: str) -> list[tuple[int, int, str]]:
    """The attribution verbs of ``text`` as (start, end, verb): the spans and group "v" of
    the matches of ``_bounded(c.verb, text)``.

    When every verb is one word, a verb on a word boundary is the start of the text or
    follows a character that is neither a word character nor a hyphen; no match of the
    plain pattern can cover that character, so scanning for it finds every such verb.
    Nothing follows the verb in either pattern, so group 1 of each match after such a
    character is what the plain pattern matches there (pinned in the speed tests).
    """
    if c.verb_after is None:
        return [(m.start(), m.end(), m[1]) for m in _bounded(c.verb, text)]
    size = len(text)
    found = []
    first = c.verb.match(text)
    if first is not None:
        end = first.end()
        if not (end < size and (text[end].isalnum() or text[end] == "_")):
            found.append((0, end, first[1]))
    for m in c.verb_after.finditer(text):
        start, end = m.span(1)  # group 1 is "v"
        if end < size and (text[end].isalnum() or text[end] == "_"):
            continue
        found.append((start, end, m[1]))
    return found


# Subject phrases repeat ("the ministry", "Zelensky"): whether one holds a verb is cached.
@functools.lru_cache(maxsize=4096)
def _has_verb(phrase: str, c: _Compiled) -> bool:
    """Whether ``phrase`` holds an attribution verb (then it is a clause, not a source)."""
    return bool(_verbs(c, phrase))


def _sentence_attrs(art: _Article, index: int) -> list[_Attr]:
    """Every attribution of sentence ``index``, in order (cached)."""
    if index in art.attrs:
        return art.attrs[index]
    c = art.c
    s0, s1 = art.sentences[index]
    sentence = art.text[s0:s1]
    found: list[_Attr] = []
    headline: bool | None = None
    for m in _prepositions(c, sentence):
        if m.group("p").lower() == "per" and not _PER_BODY.match(sentence, m.end()):
            continue  # "per day", "per cent"
        x = _ACCORDING_X.match(sentence, m.end())
        if x is None:
            continue
        phrase = x.group().strip()
        outlet_report = False
        stripped = _REPORT_PREFIX.sub("", phrase)
        if stripped != phrase:
            outlet_report = True
            phrase = stripped
        phrase = re.split(r"\s+(?:that|who|which|on|in\s+a|during|after)\s+", phrase)[0]
        claimant, kind, how = _resolve_subject(phrase, c)
        if how == "hedge" or re.match(r"(?i)rumou?rs?\b", x.group().strip()):
            found.append(
                _Attr(s0 + m.start(), s0 + x.end(), None, "", "attr:according-to-hedge", "all")
            )
            continue
        if claimant is None and not how.startswith("backref"):
            continue
        found.append(
            _Attr(
                s0 + m.start(),
                s0 + x.end(),
                claimant,
                kind,
                "attr:according-to",
                "all",
                outlet_report=outlet_report or kind in _RELAY_KINDS,
                backref=how[8:],
                written=_as_written(phrase) if how.startswith("backref") else "",
                span=(s0 + m.start(), s0 + x.end()),
            )
        )
    verbs = _verbs(c, sentence)
    inverted_spans: list[tuple[int, int]] = []
    for v_start, v_end, v_word in verbs:
        # '..., said Korotchenko', '’ said the report by ...': the speaker after the verb.
        if not _search_tail(_INVERTED_HEAD, sentence, v_start, 1):
            continue
        xm = _INVERTED_X.match(sentence, v_end)
        if xm is None:
            continue
        phrase = xm.group("x").strip()
        phrase = _REPORT_PREFIX.sub("", phrase)
        phrase = re.split(r"\s+(?:on|in|during|at|after|when|while|to|that)\s+", phrase)[0]
        claimant, kind, how = _resolve_subject(phrase, c)
        if claimant is None and not how.startswith("backref") and how != "pronoun":
            continue
        inverted_spans.append((v_start, v_end))
        found.append(
            _Attr(
                s0 + v_start,
                s0 + xm.end(),
                claimant,
                kind,
                "attr:said-after",
                "before",
                outlet_report=kind in _RELAY_KINDS and v_word.lower().startswith("report"),
                pronoun=how == "pronoun",
                backref=how[8:] if how.startswith("backref") else "",
                written=_as_written(phrase) if how.startswith("backref") else "",
                span=(s0 + v_start, s0 + xm.end()),
            )
        )
    for verb in verbs:
        v_start, v_end, word = verb
        if (v_start, v_end) in inverted_spans:
            continue
        if word[0].isupper():
            if headline is None:
                words = _WORD.findall(sentence)
                headline = sum(w[0].isupper() for w in words) >= 0.6 * len(words)
            if v_start == 0 or not headline:
                continue  # "Reports suggest", "United States": only headlines capitalise verbs
        if _search_tail(_NOUN_CONTEXT, sentence, v_start, _NOUN_CONTEXT_REACH):
            continue  # "with estimates of", "there are claims that": a noun, not a verb
        if _PASSIVE.search(sentence, max(0, v_start - 20), v_start):
            continue  # "had been recorded", "were reported": nobody is speaking
        subject = _subject_before(sentence, v_start, c)
        if _has_verb(subject, c):
            continue  # "X said ... had been recorded": the subject is a clause, not a source
        claimant, kind, how = _resolve_subject(subject, c)
        if claimant is None and how not in ("pronoun",) and not how.startswith("backref"):
            # "sources told Reuters": no source named, but Reuters still relays it.
            relay = _told_relay(c, sentence, verb, s0, "all")
            if relay is not None:
                found.append(relay)
            continue
        # "..., the ministry said." at the end covers what came before it.
        tail = sentence[v_end:]
        short_tail = len(_WORD.findall(tail)) <= 5 and not any(ch.isdigit() for ch in tail)
        # '"We have lost 31,000 soldiers," Zelensky said at a news conference': a speaker
        # after a closing quote or a comma speaks for what came before too.
        head = sentence[:v_start].rstrip()
        head = head[: len(head) - len(subject)].rstrip() if head.endswith(subject) else head
        short_tail = short_tail or bool(subject and head.endswith((",", "”", '"', "’", "'")))
        found.append(
            _Attr(
                s0 + v_start,
                s0 + v_end,
                claimant,
                kind,
                f"attr:{word.lower()}",
                "all" if short_tail else "after",
                outlet_report=kind in _RELAY_KINDS and word.lower().startswith("report"),
                pronoun=how == "pronoun",
                backref=how[8:] if how.startswith("backref") else "",
                written=_as_written(subject) if how.startswith("backref") else "",
                span=(s0 + max(0, sentence.rfind(subject, 0, v_start)), s0 + v_end),
            )
        )
        relay = _told_relay(c, sentence, verb, s0, found[-1].covers)
        if relay is not None:
            found.append(relay)
    found.sort(key=lambda a: a.pos)
    # Resolve pronouns and back-references against what came before, and record history.
    for attr in found:
        if attr.pronoun:
            prev = _previous_claimant(art, index)
            if prev is not None:
                attr.claimant, attr.kind = prev
                attr.rule += "+carry-over"
        elif attr.backref:
            earlier = [
                (a.claimant, a.kind)
                for a in found
                if a.pos < attr.pos and a.claimant and not a.relay_only
            ]
            got = _recent_of_kind(
                art, index, _BACKREF_KIND.get(attr.backref, ()), earlier, attr.backref
            )
            if got is not None:
                attr.claimant, attr.kind = got
                attr.rule += f"+backref:{attr.backref}"
            elif attr.written and attr.backref not in _DOCUMENT_NOUNS:
                # "the general said" with no general named before: the claimant as written.
                attr.claimant, attr.kind = attr.written, _guess_kind(attr.backref)
                attr.rule += "+as-written"
    art.attrs[index] = found
    real = [a for a in found if a.claimant is not None and not a.relay_only]
    if real:
        art.claimant_of[index] = (real[-1].claimant or "", real[-1].kind)
    elif _CONTINUATION.match(sentence):
        art.claimant_of[index] = _previous_claimant(art, index)
    else:
        art.claimant_of[index] = None
    return found


def _prepositions(c: _Compiled, sentence: str) -> list[re.Match[str]]:
    """``_bounded(c.according, sentence)``: most sentences have no preposition, which one
    search tells (then there is no bounded match either)."""
    return _bounded(c.according, sentence) if c.according.search(sentence) else []


def _recent_of_kind(
    art: _Article,
    index: int,
    wanted: tuple[str, ...],
    earlier: Sequence[tuple[str | None, str]],
    noun: str = "",
) -> tuple[str, str] | None:
    """The latest claimant of a wanted kind before sentence ``index`` (or earlier in it).

    A claimant whose name contains the back-reference's noun ("the ministry" ->
    "Russian Ministry of Defence") is preferred over one that only has the kind.

    The history (this sentence's earlier claimants, then the sentences before, latest
    first) is read lazily: the first name holding the noun is the answer wherever the
    search stops, so the sentences further back are only worked out when no name so far
    holds it (with no noun, the first of a wanted kind is the answer).
    """
    named = re.compile(rf"\b{re.escape(noun)}", re.IGNORECASE) if noun else None
    history: list[tuple[str, str]] = []
    for prev in range(index, max(-1, index - _BACKREF_SENTENCES), -1):
        if prev == index:
            found = [(n, k) for n, k in reversed(earlier) if n]
        else:
            found = [
                (a.claimant, a.kind)
                for a in reversed(_sentence_attrs(art, prev))
                if a.claimant and not a.relay_only
            ]
        for name, kind in found:
            if named is not None:
                if named.search(name):
                    return name, kind
            elif kind in wanted:
                return name, kind
        history.extend(found)
    if named is not None:
        for name, kind in history:
            if kind in wanted:
                return name, kind
    return None


def _as_written(phrase: str) -> str:
    """A claimant phrase as written, minus quotes and a leading article: "commander"."""
    return _LEADING_JUNK.sub("", phrase.strip(" \t,;:–—-“”\"‘’'"))


def _told_relay(
    c: _Compiled, sentence: str, verb: tuple[int, int, str], s0: int, covers: str
) -> _Attr | None:
    """'a US official told Reuters': the outlet spoken to is a relay, not a source.

    ``verb`` is (start, end, verb) in ``sentence``, as :func:`_verbs` gives it."""
    v_start, v_end, word = verb
    if word.lower() not in _TOLD_VERBS:
        return None
    obj = _TOLD_OBJECT.match(sentence, v_end)
    if obj is None:
        return None
    found = _lookup(c, obj.group("x"))
    if found is None or found[1] not in _RELAY_KINDS:
        return None
    return _Attr(
        s0 + v_start,
        s0 + obj.end(),
        found[0],
        found[1],
        "attr:told-relay",
        covers,
        outlet_report=True,
        relay_only=True,
        span=(s0 + obj.start("x"), s0 + obj.end()),
    )


def _previous_claimant(art: _Article, index: int) -> tuple[str, str] | None:
    """The claimant the previous sentence ended with, for "he said" carry-over."""
    for prev in range(index - 1, max(-1, index - 4), -1):
        _sentence_attrs(art, prev)
        got = art.claimant_of.get(prev)
        if got is not None:
            return got
        if prev < index - 1:
            break
    return None


def _attribute(art: _Article, index: int, start: int, end: int) -> tuple[str | None, str, str, str]:
    """(claimant, kind, relay, rule) for a figure at [start, end) in sentence ``index``."""
    attrs = _sentence_attrs(art, index)
    covering: list[_Attr] = []
    for a in attrs:
        if (
            a.covers == "all"
            or (a.covers == "after" and a.pos < start)
            or (a.covers == "before" and a.pos >= end)
        ):
            covering.append(a)
    if not covering:
        if _CONTINUATION.match(art.text[art.sentences[index][0] : art.sentences[index][1]]):
            prev = _previous_claimant(art, index)
            if prev is not None:
                return prev[0], prev[1], "", "attr:carry-over"
        return None, "", "", "attr:none"
    if any(a.claimant is None and a.rule.endswith("hedge") for a in covering) and not any(
        a.claimant for a in covering if a.rule != "attr:according-to"
    ):
        return None, "", "", "attr:according-to-hedge"
    told = [a for a in covering if a.relay_only and a.claimant]
    named = [a for a in covering if a.claimant and not a.relay_only]
    if not named:
        if told:
            # "sources told Reuters": nobody named, Reuters passes it on.
            return None, "", told[0].claimant or "", "attr:told-relay"
        return None, "", "", covering[0].rule
    if told:
        best = min(named, key=lambda a: _distance(a, start, end))
        return best.claimant, best.kind, told[0].claimant or "", best.rule + "+relay"
    sources = [a for a in named if not a.outlet_report]
    relays = [a for a in named if a.outlet_report]
    # "The agency told lawmakers that ..., according to Rep. Kim": the speaker named
    # before the figure is the source; the "according to" after it passes it on.
    speakers = [a for a in sources if a.rule != "attr:according-to" and a.pos < start]
    tails = [a for a in sources if a.rule == "attr:according-to" and a.pos >= end]
    if speakers and tails:
        best = min(speakers, key=lambda a: _distance(a, start, end))
        return best.claimant, best.kind, tails[0].claimant or "", best.rule + "+relay"
    if sources and relays:
        best = min(sources, key=lambda a: _distance(a, start, end))
        relay = relays[0].claimant or ""
        return best.claimant, best.kind, relay, best.rule + "+relay"
    best = min(named, key=lambda a: _distance(a, start, end))
    relay = ""
    for a in named:
        if a is not best and a.kind in ("outlet",) and best.kind not in ("outlet",):
            relay = a.claimant or ""
    return best.claimant, best.kind, relay, best.rule


def _distance(a: _Attr, start: int, end: int) -> int:
    return start - a.pos if a.pos < start else a.pos - end


# --------------------------------------------------------------------------- metric


def _tokens_after(text: str, pos: int, limit: int = 90) -> list[str]:
    """The tokens of text[pos:pos + limit] (their offsets: see :func:`_token_end`)."""
    return _TOKEN.findall(text, pos, pos + limit)


def _token_end(text: str, pos: int, toks: list[str], k: int) -> int:
    """Absolute end of ``toks[k]``, the tokens found from ``pos``.

    Every non-space character belongs to a token (``_TOKEN`` ends in a catch-all), so only
    whitespace lies between two tokens and each token is the first of its text from
    where the one before ended.
    """
    for tok in toks[: k + 1]:
        pos = text.find(tok, pos) + len(tok)
    return pos


@dataclass
class _Noun:
    metric: str  # "" when no counted noun decides it
    end: int  # absolute end of the noun phrase (or the figure when no noun)
    np_text: str  # text between the figure and the end of the noun
    rule: str
    explicit_noun: bool  # a non-stop word follows the number


def _noun_after(c: _Compiled, text: str, end: int, vague: bool) -> _Noun:
    """Find the counted noun after a figure: '100,000 North Korean volunteers'."""
    # The first token or two often decide alone (a stop word, punctuation, "of" + a
    # non-determiner): those are read one by one before all the tokens of the window.
    first = _TOKEN.search(text, end, end + 90)
    if first is None:
        return _no_noun(c, text, end, False)
    t0 = first.group()
    l0 = t0.lower()
    if t0 in ("-", "–"):
        return _Noun("", end, "", "", False)
    if l0 != "of" and (not t0[0].isalpha() or l0 in _STOP):
        return _no_noun(c, text, end, False)  # what the loop below finds: it stops at once
    # The loop of _noun_full reads the tokens from the noun's first one and stops at a
    # stop word or punctuation; all tokens of the window (and the phrase rules) only
    # matter once it reaches a noun head. Until then the tokens are found one by one:
    # each is the next match of the token pattern, as in findall.
    limit = end + 90
    got = [t0]
    at = first.end()
    i = 0
    if l0 == "of":  # "thousands of civilians", "100,000 of its soldiers"
        i = 1
        second = _TOKEN.search(text, at, limit)
        if second is not None and second.group().lower() in _OF_DET:
            i = 2
        elif not vague:
            return _Noun("", end, "", "", True)
        if second is not None:
            got.append(second.group())
            at = second.end()
    while len(got) <= i:
        nxt = _TOKEN.search(text, at, limit)
        if nxt is None:
            break
        got.append(nxt.group())
        at = nxt.end()
    first_word = got[i] if i < len(got) else ""
    explicit = bool(first_word) and first_word[0].isalpha() and first_word.lower() not in _STOP
    j = i
    while j < i + 5:
        if j == len(got):
            nxt = _TOKEN.search(text, at, limit)
            if nxt is None:
                break
            got.append(nxt.group())
            at = nxt.end()
        tok = got[j]
        low = tok.lower()
        if not tok[0].isalpha() or low in _STOP:
            break
        if low in c.noun_heads:
            return _noun_full(c, text, end, vague)
        j += 1
    return _no_noun(c, text, end, explicit)


def _noun_full(c: _Compiled, text: str, end: int, vague: bool) -> _Noun:
    """:func:`_noun_after` with all the tokens of the window (a noun head is among them)."""
    # Tokens never hold a space, so the lower-cased words joined by spaces are the
    # lower-cased phrase, and a phrase of the lexicon starts with one of its heads.
    window = text[end : end + 90]
    if window.isascii():
        # In ASCII the token pattern treats both cases alike, so the tokens of the
        # lower-cased window are the lower-cased tokens, at the same offsets: the rules
        # below read the tokens only through their lower case and their first
        # character's class (pinned in the speed tests).
        tok_text, tok_pos = window.lower(), 0
        low = toks = _TOKEN.findall(tok_text)
    else:
        toks = _tokens_after(text, end)
        low = [t.lower() for t in toks]
        tok_text, tok_pos = text, end
    i = 0
    # "thousands of civilians", "100,000 of its soldiers"
    if toks and low[0] == "of":
        i = 1
        if len(toks) > 1 and low[1] in _OF_DET:
            i = 2
        elif not vague:
            return _Noun("", end, "", "", True)
    first_word = toks[i] if i < len(toks) else ""
    explicit = bool(first_word) and first_word[0].isalpha() and low[i] not in _STOP
    if i == 0 and toks and toks[0] in ("-", "–"):
        return _Noun("", end, "", "", False)
    for j in range(i, min(len(toks), i + 5)):
        if not toks[j][0].isalpha() or low[j] in _STOP:
            break
        if low[j] not in c.noun_heads:
            continue
        for n in range(min(c.max_words, len(toks) - j), 0, -1):
            phrase = " ".join(low[j : j + n])
            metric = c.nouns.get(phrase)
            is_generic = phrase in c.generics
            if metric is None and not is_generic:
                continue
            noun_end = end + _token_end(tok_text, tok_pos, toks, j + n - 1) - tok_pos
            np_text = text[end:noun_end]
            rest = text[noun_end : noun_end + 60]
            if is_generic:
                outcome = c.outcome_after.match(rest)
                base = c.generics[phrase]
                if outcome is None:
                    if j + n < len(toks) and _later_noun(c, toks, low, j + n):
                        continue  # "civilian deaths": the generic is a modifier here
                    return _Noun("", noun_end, np_text, "noun:generic-no-outcome", True)
                o = c.outcomes[outcome.group("o").lower()]
                if o == "killed" and (base == "civilian_killed" or _is_civilian(phrase)):
                    o = "civilian_killed"
                rule = f"noun:{phrase}+{outcome.group('o')}+generic"
                return _Noun(o, noun_end, np_text, rule, True)
            assert metric is not None
            if metric == "troops" and _later_noun(c, toks, low, j + n, "equipment"):
                continue  # "infantry fighting vehicles": the troop word is a modifier
            if metric == "killed" and _AND_WOUNDED.match(text, noun_end):
                # "48,000 killed and wounded", "killed, wounded or captured"
                return _Noun("casualties", noun_end, np_text, f"noun:{phrase}+wounded", True)
            if metric == "troops" and _FALLEN.search(np_text):
                return _Noun("killed", noun_end, np_text, f"noun:{phrase}+fallen", True)
            outcome = c.outcome_after.match(rest) if metric == "troops" else None
            if outcome is not None:
                o = c.outcomes[outcome.group("o").lower()]
                return _Noun(o, noun_end, np_text, f"noun:{phrase}+{outcome.group('o')}", True)
            return _Noun(metric, noun_end, np_text, f"noun:{phrase}", True)
    return _no_noun(c, text, end, explicit)


def _no_noun(c: _Compiled, text: str, end: int, explicit: bool) -> _Noun:
    """No counted noun: "15,000 dead" is caught before; "millions to abandon their homes"."""
    outcome = None if explicit else c.outcome_after.match(text[end : end + 60])
    if outcome is not None:
        o = c.outcomes[outcome.group("o").lower()]
        return _Noun(
            o,
            end + outcome.end(),
            text[end : end + outcome.end()],
            f"after:{outcome.group('o')}",
            False,
        )
    return _Noun("", end, "", "", explicit)


def _later_noun(c: _Compiled, toks: list[str], low: list[str], j: int, metric: str = "") -> bool:
    """Whether a counted (non-generic) noun starts at token ``j`` (or ``j + 1`` for a metric).

    ``low`` are the tokens lower-cased. With ``metric``, only a noun of that metric
    counts, one word later too: "infantry fighting vehicles".
    """
    for k in (j, j + 1) if metric else (j,):
        if k < len(toks) and not toks[k][:1].isalpha():
            return False
        if k < len(toks) and low[k] not in c.noun_heads:
            continue
        for n in range(min(c.max_words, len(toks) - k), 0, -1):
            got = c.nouns.get(" ".join(low[k : k + n]))
            if got is not None and (not metric or got == metric):
                return True
    return False


_AND_WOUNDED = re.compile(
    r"(?:\s*,)?\s+(?:and|or|&)\s+(?:wounded|injured)\b"
    r"|,\s+(?:wounded|injured),?\s+(?:and|or)\s+(?:captured|missing)\b",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- party


def _excluded(
    art: _Article,
    mentions: list[tuple[int, int, str]],
    metric: str,
    fig_start: int,
    s0: int,
    victims: bool = False,
) -> set[int]:
    """Indexes of mentions that cannot own the figure (receivers, opponents, agents)."""
    out: set[int] = set()
    exchange = _EXCHANGE_BEFORE.search(art.text, max(s0, fig_start - 40), fig_start)
    for k, (a, b, _) in enumerate(mentions):
        if exchange is not None and a < fig_start:
            out.add(k)
            continue
        if (
            art.role("recipient", a, b, s0)
            or (metric == "troops" and art.role("receiver", a, b, s0))
            or (victims and art.role("agent", a, b, s0))
        ):
            out.add(k)
    return out


def _claimant_party(
    art: _Article, index: int, claimant: str | None, spans: list[tuple[int, int]]
) -> str:
    """The party a claimant speaks for: a party named in its phrase, else its affiliation."""
    if not claimant:
        return ""
    s0, s1 = art.sentences[index]
    for a, _, party in art.mentions(s0, s1):
        if any(x <= a < y for x, y in spans):
            return party
    entry = art.c.lex.claimant(claimant)
    return entry.affiliation if entry is not None else ""


def _party(
    art: _Article,
    index: int,
    fig_start: int,
    fig_end: int,
    metric: str,
    np_text: str,
    pre: str,
    claimant: str | None,
    victims: bool = False,
) -> tuple[str, str]:
    """(party, rule): the noun phrase's demonym, else the sentence, else the context.

    Mentions inside an attribution ("..., British intelligence said", "told Reuters")
    never own a figure: the nationality of a source is not the side it counts. Only a
    pronoun subject ("Kyiv said it had lost ...") points back at the claimant's side.
    """
    c, text = art.c, art.text
    if _BOTH_SIDES.match(text, fig_end, min(len(text), fig_end + 80)) or _EACH_AFTER.match(
        text, fig_end
    ):
        return "", "party:both-sides"
    for chunk, rule in ((np_text, "party:noun-phrase"), (pre, "party:before")):
        found = _party_in(c, chunk)  # never "pro-Kremlin": see _bounded
        if found:
            return _party_named(c.party_of, found[0].group("p")), rule
    s0, s1 = art.sentences[index]
    attrs = art.attrs.get(index, [])
    attr_spans = [a.span for a in attrs if a.claimant]
    mentions = art.mentions(s0, s1)  # a new list: a slice
    if attr_spans:
        mentions = [m for m in mentions if not any(x <= m[0] < y for x, y in attr_spans)]
    excluded = _excluded(art, mentions, metric, fig_start, s0, victims)
    bad_parties = {mentions[k][2] for k in excluded}
    if victims:
        allowed = [
            m for k, m in enumerate(mentions) if k not in excluded and m[2] not in bad_parties
        ]
    else:
        allowed = [m for k, m in enumerate(mentions) if k not in excluded]
    before = [m for m in allowed if m[1] <= fig_start]
    anchor = max(s0, before[-1][1] if before else s0, *(y for _, y in attr_spans if y <= fig_start))
    pronoun = _bounded_last(_PRONOUN_SUBJECT, text, anchor, fig_start)
    # "Kyiv said it had shot down 45 drones": the subject destroyed them, they are the
    # other side's. The agent is the subject named (or pointed at by a pronoun) before.
    verb = _AGENT_VERB_BEFORE.search(text, max(s0, fig_start - 40), fig_start)
    if verb is not None and not victims:
        agent = ""
        if pronoun is not None and pronoun < verb.start():
            agent = _claimant_party(art, index, claimant, _own_spans(attrs, claimant))
        elif before and len(_WORD.findall(text[before[-1][1] : verb.start()])) <= 6:
            agent = before[-1][2]
        if agent:
            others = [m for m in allowed if m[2] != agent]
            if others:
                _, _, party = min(others, key=lambda m: _gap(m, fig_start, fig_end))
                return party, "party:agent-other"
            party = _context_party(art, index, metric, {agent, *bad_parties}, victims)
            return party, "party:agent-other-context" if party else "party:agent-unknown"
    # "According to Ukrainian officials, they run up to 12 HIMARS units": the pronoun
    # subject of an owning verb is the claimant's side.
    if (
        pronoun is not None
        and _OWNER_VERBS.search(text, pronoun, fig_start)
        and len(_WORD.findall(text[pronoun:fig_start])) <= 7
    ):
        party = _claimant_party(art, index, claimant, _own_spans(attrs, claimant))
        if party:
            return party, "party:pronoun-claimant"
    # The subject of an owning verb right before the figure: "North Korea might send".
    if before:
        _, b, party = before[-1]
        between = text[b:fig_start]
        if len(_WORD.findall(between)) <= 7 and _OWNER_VERBS.search(between):
            return party, "party:subject"
    if allowed:
        _, _, party = min(allowed, key=lambda m: _gap(m, fig_start, fig_end))
        return party, "party:sentence"
    party = _context_party(art, index, metric, bad_parties, victims)
    return party, "party:context" if party else "party:none"


def _party_in(c: _Compiled, chunk: str) -> list[re.Match[str]]:
    """``_bounded(c.party, chunk)``. When every party term starts with an upper-case letter,
    a chunk with none (str.islower: "100,000 troops") holds no mention and is not scanned."""
    if not chunk or (c.parties_capitalised and chunk.islower()):
        return []
    return _bounded(c.party, chunk)


def _own_spans(attrs: list[_Attr], claimant: str | None) -> list[tuple[int, int]]:
    """Spans of the claimant's own attributions in a sentence (not the outlets told)."""
    return [a.span for a in attrs if a.claimant == claimant and not a.relay_only]


def _gap(m: tuple[int, int, str], fig_start: int, fig_end: int) -> int:
    return fig_start - m[1] if m[1] <= fig_start else m[0] - fig_end


def _bounded_last(regex: re.Pattern[str], text: str, pos: int, endpos: int) -> int | None:
    """Start of the last word-bounded match of ``regex`` in text[pos:endpos]."""
    last = None
    for m in _bounded(regex, text, pos, endpos):
        last = m.start()
    return last


def _context_party(
    art: _Article, index: int, metric: str, bad: set[str], victims: bool = False
) -> str:
    """Who owns forces in the article and who the previous sentence names (not its sources)."""
    scores: Counter[str] = Counter()
    for party, count in art.owner_counts().items():
        scores[party] += 2 * count
    if index > 0:
        p0, p1 = art.sentences[index - 1]
        prev = art.mentions(p0, p1)
        if prev:  # its attributions (worked out on demand) only matter around a mention
            spans = [a.span for a in _sentence_attrs(art, index - 1) if a.claimant]
            prev = [m for m in prev if not any(x <= m[0] < y for x, y in spans)]
        prev_bad = _excluded(art, prev, metric, p1, p0, victims) if prev else set()
        for k, (_, _, party) in enumerate(prev):
            if k not in prev_bad:
                scores[party] += 1
    for party in bad:
        scores.pop(party, None)
    if not scores:
        return ""
    party, _ = max(scores.items(), key=lambda kv: kv[1])
    return party


# --------------------------------------------------------------------------- figures


_LETTERS = re.compile(r"[A-Za-z]+")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")


def _is_not_figure(text: str, m: re.Match[str], c: _Compiled) -> bool:
    """Years, dates, money, units of time/distance, percentages: never war figures.

    Written for speed (it runs on every candidate): string methods where a regex
    search would be tried at every offset of a short window, and the word before the
    figure looked up only when a rule reads it.
    """
    start, end = m.span()
    before = text[max(0, start - 12) : start]
    # _MONEY_BEFORE.search(before): a currency token, then only whitespace.
    if before.rstrip().endswith(_MONEY_TAILS):
        return True
    if _UNIT_AFTER.match(text, end):
        return True
    lo, hi = max(0, start - 3), min(len(text), end + 3)
    if ":" in text[lo:hi] and _CLOCK.search(text, lo, hi):
        return True  # "04:55", "10:30 local time": a clock time
    next_word = _NEXT_WORD.match(text, end, end + 15)
    nxt = next_word.group(1).lower() if next_word else ""
    # "12 May", "May 12" are dates; "200,000 may have been killed" is not ("may", "march").
    if nxt in _MONTHS and next_word is not None and next_word.group(1)[0].isupper():
        return True
    x = m.group("x")
    if not x or not text[start].isdigit():
        return False  # neither a date after a month nor a bare year
    prev_word = _LETTERS.findall(before)
    prev = prev_word[-1].lower() if prev_word else ""
    if prev in _MONTHS:
        return True
    # A bare year: "in 2022", "2022 was"; "2022 troops" right after "in" is a year too.
    return bool(
        len(x) == 4
        and x.isdecimal()  # what \d{4} matches, without a regex call
        and 1800 <= int(x) <= 2100
        and not m.group("qual")
        and (prev in _YEAR_PREP or not nxt or nxt not in c.nouns)
    )


_NON_WORD = re.compile(r"\W+")
_TO = re.compile(r"\bto\b", re.IGNORECASE)


def _quantity(m: re.Match[str]) -> tuple[Quantity | None, str]:
    """(bounds, rule) of a candidate figure: see :func:`_quantity_of`."""
    return _quantity_of(m.group(), m.group("qual", "between", "a", "b", "vague", "x", "y"))


# Figures repeat across articles ("100,000", "at least 12", "tens of thousands"), and
# what a figure's bounds are depends only on its words, so they are parsed once.
@functools.lru_cache(maxsize=4096)
def _quantity_of(figure: str, groups: tuple[str | None, ...]) -> tuple[Quantity | None, str]:
    """(bounds, rule) of a figure as written, from its text and candidate groups."""
    qual_text, between, a, b, vague, x, y = groups
    qual = QUALIFIERS.get(" ".join((qual_text or "").lower().split()))
    if vague:
        span = parse_vague(vague)
        name = _NON_WORD.sub("-", vague.lower())
        return (None if span is None else Quantity(span[0], span[1], "vague")), f"vague:{name}"
    first = a or x
    second = b or y
    assert first is not None  # not vague: a number or the start of a range matched
    low = parse_number(first)
    if low is None:
        return None, ""
    high = parse_number(second) if second else None
    if second and high is None:
        return None, ""
    if high is not None and high < low:
        return None, ""  # "1-0", scores and the like
    if high is not None and low < high:
        scale = _scale_of(second or "")
        if scale > 1 and _scale_of(first) == 1 and low * scale <= high:
            low *= scale
    if between:
        rule = f"range:{between.lower()}-and"
    elif second:
        rule = "range:to" if _TO.search(figure) else "range:dash"
    elif qual:
        assert qual_text is not None
        rule = "qualifier:" + "_".join(qual_text.lower().split())
    else:
        rule = "exact:words" if first[:1].isalpha() else "exact:number"
    return bounds(qual, low, high), rule


# "\d\d*", not "\d+": a pattern that starts with a character class lets the engine skip
# from digit to digit, a repeat does not.
_DIGITS = re.compile(r"\d\d*")
# A run of ASCII letters not right after a word character, an apostrophe or a hyphen:
# (?<![\w'’-])[A-Za-z]+, written to start with its first letter (the engine skips to the
# next letter; a leading lookbehind is tried at every offset), which the lookbehind then
# steps over to test the character before it (pinned in the speed tests).
_WORD_RUN = re.compile(r"[A-Za-z](?<![\w'’-][A-Za-z])[A-Za-z]*")
# Words that start the figure pattern besides the number words: "between ... and".
_FIRST_WORDS = FIRST_WORDS | {"between", "from"}
# Every word that a figure may hold right before a number or a number word (with only
# whitespace or a dash between): a qualifier's last word ("up to", "more than"),
# between/from ... and/to, number and scale words, a digit suffix ("5m"), the words of a
# vague magnitude ("several", "a few", "tens of"). See _lookback_needed.
_BEFORE_NUMBER = frozenset(
    {phrase.split()[-1] for phrase in QUALIFIERS}
    | _FIRST_WORDS
    | set(_NUMBER_WORDS)
    | {w + "s" for w in _NUMBER_WORDS}
    | _words("and to of few dozen dozens k m mln bn mn")
)


def _anchors(c: _Compiled, text: str) -> list[int]:
    """Offsets of the digits and the whole number/magnitude words that may start a figure.

    The plain form of what :func:`_scan` finds; kept as the definition it is pinned to.

    Two scans merged: digits, and a non-letter followed by a number word (the engine
    skips to the next non-letter; a bare word trie would stop at most letters). A
    number word is only an anchor as a whole word ("often", "tension" are not), so
    one that follows a letter could never be one, and the word at offset 0 is the only
    one with no character before it.
    """
    size = len(text)
    found: list[int] = []
    for m in _DIGITS.finditer(text):
        p = m.start()
        prev = text[p - 1] if p else " "
        if prev.isalpha() or prev.isdigit():
            continue  # "MI6", "G7"
        if prev in ",." and p >= 2 and text[p - 2].isdigit():
            continue  # the tail of a number the candidate regex refused ("$1,000")
        found.append(p)
    first = c.anchor.match(text)
    words = [(0, first.end())] if first is not None else []
    words.extend((m.start() + 1, m.end()) for m in c.anchor_after.finditer(text))
    for p, end in words:
        if (p and text[p - 1].isalpha()) or (end < size and text[end].isalpha()):
            continue  # "often", "tension", "décembre"
        found.append(p)
    found.sort()
    return found


def _scan(c: _Compiled, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """:func:`_anchors` and the sentence boundaries of :func:`_sentences`, in one scan.

    Each whole-text scan costs a character-class test at every offset, so the three
    (digits, number words, sentence ends) are one pattern that starts with the
    non-letter all three start with: a digit, the non-letter before a number word, or
    the . ! ? of a boundary. They never start at the same character, so each finds what
    its own scan finds, with two exceptions handled here: a digit run is consumed
    whole, so a number word right after it ("5ten") is looked for at its end; and the
    boundary's whitespace is left to a lookahead so that it can precede a number word.
    """
    size = len(text)
    found: list[int] = []
    marks: list[tuple[int, int]] = []
    first = c.anchor.match(text)
    words = [(0, first.end())] if first is not None else []
    for m in c.marks.finditer(text):
        kind = m.lastgroup
        if kind == "d":
            p = m.start()
            prev = text[p - 1] if p else " "
            if not (prev.isalpha() or prev.isdigit()) and not (
                prev in ",." and p >= 2 and text[p - 2].isdigit()
            ):
                found.append(p)  # as in _anchors: not "MI6", "G7", not the tail of "$1,000"
            end = m.end()
            if end < size and text[end].isalpha():
                word = c.anchor.match(text, end)
                if word is not None:
                    words.append((end, word.end()))
        elif kind == "w":
            words.append((m.start() + 1, m.end()))
        else:
            marks.append((m.start() + 1, m.end("ws")))
    for p, end in words:
        if (p and text[p - 1].isalpha()) or (end < size and text[end].isalpha()):
            continue  # "often", "tension", "décembre"
        found.append(p)
    found.sort()
    return found, marks


def _may_start_figure(text: str, word: re.Match[str]) -> bool:
    """Whether the figure pattern may match at a word (a run of ASCII letters).

    A figure that starts with a letter starts with one of ``_FIRST_WORDS`` followed by
    a non-letter, so a word followed by an ASCII non-letter must be one of them. After
    a non-ASCII character the pattern's case-insensitive letters could still go on
    ("ſ" matches "s"), so such a word is always tried.
    """
    end = word.end()
    return word.group().lower() in _FIRST_WORDS or (end < len(text) and not text[end].isascii())


def _lookback_needed(text: str, lo: int, p: int) -> bool:
    """Whether a figure starting at a word in text[lo:p] could cover the anchor at ``p``.

    Such a figure holds the text before ``p``: after whitespace or dashes, a word of
    ``_BEFORE_NUMBER`` (or a digit: "5 - 10"). So when the text before ``p`` is another
    word (the usual "killed 300", "said 12"), or punctuation, the words before are not
    tried (they could not start a figure that reaches ``p``). Anything unusual right
    there (a non-ASCII character, a word glued to others) keeps the full lookback.
    """
    j = p
    while j > lo and (text[j - 1].isspace() or text[j - 1] in "-–—"):
        j -= 1
    if j <= lo:
        return False  # no word in the window at all
    ch = text[j - 1]
    if not ch.isascii() or ch.isdigit():
        return True
    if not ch.isalpha():
        return False  # "...,” 300", "(300": punctuation is never inside a figure
    space = text.rfind(" ", lo, j)
    if space >= 0:
        word = text[space + 1 : j]
        if word.isascii() and word.isalpha():  # the usual case, without a loop
            return word.lower() in _BEFORE_NUMBER
    k = j - 1
    while k > lo and text[k - 1].isascii() and text[k - 1].isalpha():
        k -= 1
    if k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_'’-"):
        return True  # not a whole word ("Putin’s", "G7s"): the plain way decides
    return text[k:j].lower() in _BEFORE_NUMBER


def _candidates(
    c: _Compiled, text: str, anchors: list[int] | None = None
) -> Iterator[re.Match[str]]:
    """Figures of the text: the candidate regex, tried only around cheap anchors.

    Anchors are digits and number/magnitude words; from each, the full pattern is tried
    at the up to four word starts before it (for "as many as", "between ... and") and
    at the anchor itself, farthest first, keeping the first match that covers the anchor.
    Of the words before it, only those that can start a figure are tried (see
    :func:`_may_start_figure`).
    """
    last_end = 0
    size = len(text)
    candidate, candidate_digit = c.candidate, c.candidate_digit
    for p in _anchors(c, text) if anchors is None else anchors:
        if p < last_end:
            continue
        lo = max(last_end, p - 40)
        m = None
        if _lookback_needed(text, lo, p):
            for w in list(_WORD_RUN.finditer(text, lo, p))[-4:]:
                # _may_start_figure(text, w), inline: it runs for most words tried here
                end = w.end()
                if w.group().lower() in _FIRST_WORDS or (end < size and not text[end].isascii()):
                    m = candidate.match(text, w.start())
                    if m is not None and m.end() > p:
                        break
                    m = None
        if m is None:
            m = (candidate.match if text[p].isalpha() else candidate_digit.match)(text, p)
            if m is None or m.end() <= p:
                continue
        last_end = m.end()
        yield m


_LOSS_VERBS = frozenset({"lost", "losing", "loses", "lose", "cost", "costs", "costing"})
_LOSSES_INCLUDE = _Needs(
    re.compile(
        r"\b(?:losses|casualties)\b[^.;:]{0,60}?\b(?:includ(?:ed|es|e|ing)|totall?ed"
        r"|amounted\s+to|comprised|stood\s+at|reached)\s+[\"“‘']?$",
        re.IGNORECASE,
    ),
    "losses casualties",
)
_PER_DAY = re.compile(
    r"[\"”’']?\s+(?:a|per|every|each)\s+(?:single\s+)?day\b|\s+daily\b", re.IGNORECASE
)
_RECRUIT_BEFORE = _Needs(
    re.compile(
        r"\b(?:recruit\w*|mobili[sz]\w*|conscript\w*|draft\w*|train(?:s|ed|ing)?|enlist\w*"
        r"|call(?:s|ed|ing)?\s+up|sign(?:s|ed|ing)?\s+up)\s+(?:[\w-]+\s+){0,4}$",
        re.IGNORECASE,
    ),
    "recruit mobili conscript draft train enlist call sign",
)
# Victims that are civilians when killed: "killed 11 people, including two children".
_CIVILIAN_WORDS = re.compile(
    r"\b(?:civilians?|people|persons|residents|children|child|women|passengers|villagers"
    r"|inhabitants|pensioners|families|man|woman|boy|girl|boys|girls)\b",
    re.IGNORECASE,
)


def _is_civilian(np_text: str) -> bool:
    return _CIVILIAN_WORDS.search(np_text) is not None


def _decide_metric(c: _Compiled, text: str, m: re.Match[str], noun: _Noun) -> tuple[str, str, str]:
    """(metric, rule, text before the figure that named it) for one figure.

    The counted noun after the figure decides first; a verb right before it refines
    people ("killed 300 soldiers", "lost 300,000 troops" = casualties); with no noun,
    a metric phrase before the figure decides ("casualties in the tens of thousands").
    """
    start = m.start()
    if not noun.metric and _MISSING_AFTER.match(text, m.end()):
        # "16 missing", "16 others are missing": missing in action (metric "other").
        return "other", "after:missing", ""
    if noun.metric == "troops" and _BODIES_BEFORE.search(text, max(0, start - 30), start):
        return "killed", f"{noun.rule}+bodies-of", ""
    if noun.metric and noun.metric != "troops":
        return noun.metric, noun.rule, ""  # only a count of men is refined below
    if not noun.metric and noun.explicit_noun and noun.rule != "noun:generic-no-outcome":
        # An unknown noun follows ("5,000 workers"): no rule below reads the verb before,
        # so its search is skipped (the return further down, reached first).
        return "", "", ""
    verb = c.outcome_before.search(text, max(0, start - 30), start)
    word = verb.group("o").lower() if verb is not None else ""
    if noun.metric:
        if noun.metric == "troops" and noun.rule.startswith("noun:") and word:
            outcome = "casualties" if word in _LOSS_VERBS else c.outcomes.get(word)
            if outcome:
                return outcome, f"{noun.rule}+before:{word}", ""
        if noun.metric == "troops" and _LOSSES_INCLUDE.search(text, max(0, start - 90), start):
            # "Ukrainian losses over the past day included 470 soldiers"
            return "casualties", f"{noun.rule}+losses-include", ""
        if (
            noun.metric == "troops"
            and _PER_DAY.match(text, noun.end)
            and not _RECRUIT_BEFORE.search(text, max(0, start - 40), start)
        ):
            # "losing roughly 900 soldiers a day": a daily count of men is a loss rate.
            return "casualties", f"{noun.rule}+per-day", ""
        return noun.metric, noun.rule, ""
    if noun.rule == "noun:generic-no-outcome":
        # "killed at least 12 civilians", "wounded 40 others"
        outcome = c.outcomes.get(word, "")
        if outcome == "killed" and _is_civilian(noun.np_text):
            outcome = "civilian_killed"
        if not outcome and _RECRUIT_BEFORE.search(text, max(0, start - 40), start):
            # "recruiting 20,000 people a month": people under arms.
            return "troops", "before:recruit+generic", ""
        return outcome, f"before:{word}+generic" if outcome else "", ""
    verb_metric = "" if noun.explicit_noun or word in _LOSS_VERBS else c.outcomes.get(word, "")
    if verb_metric and word.endswith("ing"):
        # "killing 10 people and wounding 43": the verb before a bare figure.
        return verb_metric, f"before:{word}", ""
    if noun.explicit_noun or (m.group("x") or "")[:1].isalpha():
        # An unknown noun follows ("5,000 workers"), or a bare number word ("one"):
        # too weak to hang on a metric phrase further back.
        return "", "", ""
    hit = c.before.search(text, max(0, start - 90), start)
    if hit is None:
        return (verb_metric, f"before:{word}", "") if verb_metric else ("", "", "")
    term = hit.group("n").lower()
    metric = c.befores.get(" ".join(term.split()), "")
    return metric, f"before:{term}", text[max(0, hit.start() - 25) : hit.end()]


# A count of people held or handed back: prisoners, not troops.
_CAPTIVE_AFTER = _Needs(
    re.compile(
        r"[^.;:]{0,60}?\b(?:(?:had|have|has|were|was|are|is|being|been)\s+)+(?:\w+ly\s+)?"
        r"(?:returned|released|freed|exchanged|swapped|repatriated|held|handed\s+over"
        r"|taken\s+captive)\b"
        r"|[^.;:]{0,30}?\b(?:returned\s+home|(?:from|in)\s+(?:[\w-]+\s+){0,2}(?:captivity"
        r"|custody)|held\s+(?:by|in)\b)",
        re.IGNORECASE,
    ),
    "return releas freed exchang swapp repatriat held handed taken captiv custod",
)
_CAPTIVE_BEFORE = _Needs(
    re.compile(
        r"\b(?:brought\s+(?:home|back)|freed|released|exchanged|swapped|repatriated"
        r"|handed\s+over|returned)\s+(?:the\s+)?$",
        re.IGNORECASE,
    ),
    "brought freed released exchanged swapped repatriated handed returned",
)


def _claim_id(article_id: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def extract_claims(
    text: str, article_id: str = "", lexicons: Lexicons | None = None
) -> pd.DataFrame:
    """Return one row per war figure in ``text``, with exactly the columns of ``schema.CLAIMS``.

    ``lexicons`` defaults to the project's CSV lexicons (``data/``); pass
    ``load_lexicons(some_dir)`` to extract with edited copies.
    """
    c = _compile(lexicons or load_lexicons())
    return _frame([_row(article_id, text, claim) for claim in _claims(text, c)])


def extract_many(texts: Mapping[str, str], lexicons: Lexicons | None = None) -> pd.DataFrame:
    """Extract the claims of many articles (article_id -> text) into one table.

    The fast path for bulk work: a DataFrame is built once, not once per article.
    """
    c = _compile(lexicons or load_lexicons())
    rows: list[tuple[object, ...]] = []
    for article_id, text in texts.items():
        rows += [_row(article_id, text, claim) for claim in _claims(text, c)]
    return _frame(rows)


_EMPTY = schema.empty(schema.CLAIMS)
# Resolved once: resolving "string"/"Float64" per call costs more than building the arrays.
_DTYPES = {col: pandas_dtype(name) for col, name in schema.CLAIMS.items()}
assert len(_DTYPES) == 17  # the fields of _row, in this order
# pandas-stubs overload pd.array per literal dtype name; the dtypes here are resolved
# objects checked by schema.validate in the tests, so the call is typed loosely.
_pd_array: Any = pd.array


def _frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """Rows (tuples in the order of schema.CLAIMS) -> a CLAIMS table, one typed array per
    column (much faster than conform); zip(*rows) turns the rows into columns in C."""
    if not rows:
        return _EMPTY.copy()
    columns = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            col: _pd_array(list(values), dtype=dtype)
            for (col, dtype), values in zip(_DTYPES.items(), columns, strict=True)
        },
        copy=False,
    )


@dataclass
class _Claim:
    start: int
    end: int
    sentence: str
    metric: str
    party: str
    quantity: Quantity
    claimant: str | None
    claimant_kind: str
    relay: str
    hedge: list[str]
    rule: str


def _row(article_id: str, text: str, k: _Claim) -> tuple[object, ...]:
    """One claim's values, in the order of schema.CLAIMS (a tuple: cheaper than a dict)."""
    return (
        _claim_id(article_id, k.start, k.end),  # claim_id
        article_id,
        k.start,
        k.end,
        text[k.start : k.end],  # figure_text
        k.sentence,
        k.metric,
        k.party or None,
        k.quantity.low,  # value_low
        k.quantity.high,  # value_high
        k.quantity.qualifier,
        k.claimant or None,
        k.claimant_kind or None,
        k.relay or None,
        bool(k.hedge),  # hedged
        "; ".join(k.hedge) or None,  # hedge
        k.rule,
    )


def _claims(text: str, c: _Compiled) -> list[_Claim]:
    out: list[_Claim] = []
    art: _Article | None = None
    prev_fig: tuple[int, str | None, int] | None = None  # (noun end, qualifier, sentence)
    prev_party = ""
    hedges_of: dict[int, list[str]] = {}  # sentence index -> its hedges
    anchors, marks = _scan(c, text)
    for m in _candidates(c, text, anchors):
        if _is_not_figure(text, m, c):
            continue
        vague = bool(m.group("vague"))
        fig_end = m.end()
        noun = _noun_after(c, text, fig_end, vague)
        if m.group("strong"):
            # "a 302,000-strong force": the figure counts people under arms.
            noun = _Noun("troops", max(noun.end, fig_end), noun.np_text, "noun:-strong", True)
        if not noun.metric and not vague:
            # "45 of 53 drones": the first figure counts the second one's noun.
            pair = _OF_FIGURE.match(text, fig_end)
            second = c.candidate.match(text, pair.end()) if pair is not None else None
            if second is not None and not second.group("vague"):
                later = _noun_after(c, text, second.end(), False)
                if later.metric:
                    noun = _Noun(later.metric, fig_end, later.np_text, later.rule + "+of", True)
        metric, metric_rule, pre = _decide_metric(c, text, m, noun)
        inherit: _Claim | None = None
        if (
            not metric
            and out
            and prev_fig is not None
            and (not noun.explicit_noun or noun.rule == "noun:generic-no-outcome")
        ):
            # "678,050 troops ..., including 1,280 in the past day": same metric and party.
            assert art is not None
            index = art.sentence_index(m.start())
            ellipsis = _ELLIPSIS_BEFORE.search(
                text, max(art.sentences[index][0], m.start() - 30), m.start()
            )
            if ellipsis is not None and prev_fig[2] == index:
                inherit = out[-1]
                metric = inherit.metric
                metric_rule = "elliptical:" + "-".join(ellipsis.group("w").lower().split())
            elif index - prev_fig[2] <= 2:
                # "another 63", "bringing the total to 15,000", "down from a peak of about
                # 8 million", "Hundreds more": the same kind of figure as the one before.
                s0 = art.sentences[index][0]
                anaphor = _ANAPHOR_BEFORE.search(text, max(s0, m.start() - 60), m.start())
                more = noun.np_text.strip().lower() == "more" or _MORE_AFTER.match(text, fig_end)
                far = anaphor is None or anaphor.group("far") is None
                if (anaphor is not None or more) and (index - prev_fig[2] <= 1 or not far):
                    inherit = out[-1]
                    metric = inherit.metric
                    metric_rule = "elliptical:anaphor"
                    if _MISSING_AFTER.match(text, noun.end):
                        metric = "other"
        if metric == "troops" and (m.group("x") or "").lower() in ("one", "a", "an"):
            continue  # "one soldier", "one of the men": a person, not a count of troops
        if art is None:
            spans = _sentences(text, marks)
            art = _Article(text, c, spans, [a for a, _ in spans])
        index = art.sentence_index(m.start())
        s0, s1 = art.sentences[index]
        if (metric == "troops" or (not metric and noun.rule == "noun:generic-no-outcome")) and (
            _CAPTIVE_AFTER.match(text, noun.end, s1)
            or _CAPTIVE_BEFORE.search(text, max(s0, m.start() - 40), m.start())
        ):
            # "150 servicemen had been returned", "3,000 people from Russian captivity"
            metric, metric_rule = "prisoners", (metric_rule or noun.rule) + "+captivity"
        if not metric:
            continue
        # The bounds (after the metric: most figures have none; nothing above reads them).
        quantity, num_rule = _quantity(m)
        if quantity is None:
            continue
        # A qualifier covering a coordinated pair: "around 15,000 dead and 45,000 wounded".
        coordinated = prev_fig is not None and prev_fig[2] == index
        if coordinated and prev_fig is not None:
            gap = text[prev_fig[0] : m.start()]
            # "12 people were killed and 64 wounded": skip the first figure's outcome.
            outcome = c.outcome_after.match(gap)
            if outcome is not None:
                gap = gap[outcome.end() :]
            coordinated = _COORDINATION.fullmatch(gap) is not None
        if (
            not m.group("qual")
            and coordinated
            and prev_fig is not None
            and prev_fig[1]
            and quantity.qualifier == "exact"
            and quantity.low is not None
        ):
            qual = QUALIFIERS.get(prev_fig[1], "exact")
            quantity = bounds(qual, quantity.low)
            num_rule += f"+shared:{qual}"
        claimant, kind, relay, attr_rule = _attribute(art, index, m.start(), fig_end)
        if claimant:
            claimant = art.full_name(claimant)
        # People killed by someone ("12 people were killed in a Russian strike") are
        # victims: the party doing the killing does not own them.
        victims = metric in _VICTIM_METRICS or (
            metric in ("killed", "wounded", "casualties") and "generic" in metric_rule
        )
        party, party_rule = _party(
            art, index, m.start(), noun.end, metric, noun.np_text, pre, claimant, victims
        )
        if coordinated and party_rule not in ("party:noun-phrase", "party:before"):
            party, party_rule = prev_party, "party:coordinated"
        elif inherit is not None:
            party, party_rule = inherit.party, "party:elliptical"
        elif (
            out
            and prev_fig is not None
            and prev_fig[2] == index
            and _OF_GAP.fullmatch(text, out[-1].end, m.start())
            and party_rule not in ("party:noun-phrase", "party:before")
        ):
            party, party_rule = out[-1].party, "party:of-pair"
        sentence = text[s0:s1]
        hedges = hedges_of.get(index)
        if hedges is None:
            hedges = _hedges(c, sentence)
            hedges_of[index] = hedges
        out.append(
            _Claim(
                start=m.start(),
                end=fig_end,
                sentence=sentence,
                metric=metric,
                party=party,
                quantity=quantity,
                claimant=claimant,
                claimant_kind=kind,
                relay=relay,
                hedge=list(hedges),
                rule="; ".join(r for r in (num_rule, metric_rule, party_rule, attr_rule) if r),
            )
        )
        own_qual = " ".join((m.group("qual") or "").lower().split()) or None
        if own_qual is None and "+shared:" in num_rule and prev_fig is not None:
            own_qual = prev_fig[
                1
            ]  # a list shares its qualifier: "more than 90 tanks, 12 jets and 4 ..."
        prev_fig = (noun.end, own_qual, index)
        prev_party = party
    for claim in out:
        claim.sentence = claim.sentence.strip()
    return out
