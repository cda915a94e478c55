"""Pins for the shortcuts that make extraction fast: each must find what the plain way finds.

No timing here: each test compares a fast path with the slow definition it replaces,
on the seeds, the held-out articles, synthetic articles and random text.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsclaims import extract, synth
from newsclaims.extract import (
    _ABBREV,
    _BOUNDARY,
    _FIRST_WORDS,
    _INVERTED_HEAD,
    _MONEY_BEFORE,
    _MONEY_TAILS,
    _NOUN_CONTEXT,
    _NOUN_CONTEXT_REACH,
    _TOKEN,
    _TOKEN_PLAIN,
    _WORD_RUN,
    _anchors,
    _bounded,
    _candidates,
    _compile,
    _hedges,
    _may_start_figure,
    _scan,
    _search_tail,
    _sentences,
    _verbs,
)
from newsclaims.lexicon import load_lexicons
from newsclaims.numbers import QUALIFIERS, parse_number

ROOT = Path(__file__).resolve().parents[1]
_PIECES = [
    "ten", "Twelve", "TWELVE", "often", "tené", "ten²", "1,000", "$1,000", "G7", "MI6", "(ten)",
    "a hundred", "as many as", "aſ many aſ", "up to", "between", "and", "Gen.", "U.S.", "said.",
    "?", "!", "”", "»", "\n", "\r\n", "\xa0", "\u2028", "  ", "\t", ",", ".", "—", "-", "İ",
    "soldiers", "the", "with", "Unconfirmed", "2022", "May", "١٢", "said", "Said", "unsaid",
    "said_", "-said", "‘said", "toldx", "reports", "é", "_",
]  # fmt: skip


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    held = ROOT / "tests" / "heldout" / "articles"
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(held.glob("*"))]
    texts += [a.text for a in synth.generate(30, seed=3)]
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 60)
        texts.append("".join(rng.choice(_PIECES) + rng.choice(" \n.") for _ in range(n)))
    return texts


TEXTS = _texts()


def _anchors_plain(text: str) -> list[int]:
    """Anchors as first written: every digit run and number-word match, filtered."""
    c = _compile(load_lexicons())
    size = len(text)
    found = []
    for a in [*re.finditer(r"\d+", text), *c.anchor.finditer(text)]:
        p = a.start()
        prev = text[p - 1] if p else " "
        if a.group()[0].isdigit():
            if prev.isalpha() or prev.isdigit():
                continue
            if prev in ",." and p >= 2 and text[p - 2].isdigit():
                continue
        elif prev.isalpha() or (a.end() < size and text[a.end()].isalpha()):
            continue
        found.append(p)
    return sorted(found)


def _sentences_plain(text: str) -> list[tuple[int, int]]:
    """Sentences as first written: each line scanned on its own."""
    boundary = re.compile(r"(?<=[.!?])[\"”’'»)\]]*\s+(?=[“\"‘'«(\[]?[A-Z0-9])")
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start, body, cut = line.start(), line.group(), 0
        for m in boundary.finditer(body):
            before = body[cut : m.start()]
            last = before.rsplit(None, 1)[-1].rstrip(".!?").lower() if before.strip() else ""
            if last in _ABBREV or (len(last) == 1 and last.isalpha()):
                continue
            spans.append((start + cut, start + m.start()))
            cut = m.end()
        spans.append((start + cut, line.end()))
    return [(a, b) for a, b in spans if text[a:b].strip()]


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_anchors_match_the_plain_scan(index: int) -> None:
    text = TEXTS[index]
    assert _anchors(_compile(load_lexicons()), text) == _anchors_plain(text)


@pytest.mark.parametrize("index", range(0, len(TEXTS), 7))
def test_sentences_match_the_line_by_line_split(index: int) -> None:
    text = TEXTS[index]
    assert _sentences(text) == _sentences_plain(text)


def test_tail_search_finds_what_a_full_search_finds() -> None:
    rng = random.Random(11)
    alphabet = [*"ab ,.\n\t\xa0’”\"'—–-", "with", "The", "unconfirmed", "MULTIPLE", "ſeveral"]
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        end = rng.randint(0, len(s))
        for regex, reach in ((_NOUN_CONTEXT, _NOUN_CONTEXT_REACH), (_INVERTED_HEAD, 1)):
            fast = _search_tail(regex, s, end, reach) is not None
            assert fast == (regex.search(s, 0, end) is not None), (s, end, regex.pattern)


def test_figures_start_only_with_first_words() -> None:
    """Wherever the figure pattern matches at a word, that word is one of _FIRST_WORDS."""
    c = _compile(load_lexicons())
    phrases = [f"{q} 100" for q in QUALIFIERS] + [
        "between 5 and 10", "from 5 to 10", "several hundred", "a few thousand", "many dozen",
        "tens of thousands", "hundreds of thousands", "a hundred", "an estimated 5", "twenty-five",
        "Some 100", "NINETY", "Dozens",
    ]  # fmt: skip
    for text in [*TEXTS, *phrases]:
        for word in re.finditer(r"(?<![\w'’-])[A-Za-z]+", text):
            end = word.end()
            if end < len(text) and not text[end].isascii():
                continue  # always tried
            if c.candidate.match(text, word.start()) is not None:
                assert word.group().lower() in _FIRST_WORDS, (word.group(), text[:80])


@pytest.mark.parametrize("number", ["0", "7", "300", "1,500", "12,345,678", "0123", "9" * 400])
def test_plain_numbers_parse_as_before(number: str) -> None:
    expected = float(number.replace(",", ""))
    assert parse_number(number) == (expected if expected != float("inf") else None)


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_verbs_match_the_bounded_scan(index: int) -> None:
    c = _compile(load_lexicons())
    text = TEXTS[index]
    assert c.verb_after is not None  # the shipped verbs are one word each: the fast scan
    plain = [(m.start(), m.end(), m.group("v")) for m in _bounded(c.verb, text)]
    assert _verbs(c, text) == plain


@pytest.mark.parametrize("index", range(len(TEXTS)))
def test_one_scan_finds_the_anchors_and_sentence_ends(index: int) -> None:
    text = TEXTS[index]
    anchors, marks = _scan(_compile(load_lexicons()), text)
    assert anchors == _anchors(_compile(load_lexicons()), text)
    assert marks == [(m.start() + 1, m.end()) for m in _BOUNDARY.finditer(text)]
    assert _sentences(text, marks) == _sentences(text)


@pytest.mark.parametrize(
    "text", ["5ten", "45ten", "12 ten", "G7ten", "1,000ten", "said. Ten", "said.” Ten", ".ten", "9"]
)
def test_one_scan_on_number_words_after_digits_and_stops(text: str) -> None:
    assert _scan(_compile(load_lexicons()), text)[0] == _anchors_plain(text)


def test_money_tails_are_what_the_money_pattern_finds() -> None:
    rng = random.Random(5)
    alphabet = [*"$£€¥₴₽ \t\n\xa0.sSRU", "US", "USD", "EUR", "Rs", "ruble", "rouble", "x", "1"]
    for _ in range(20_000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))[-12:]
        fast = before.rstrip().endswith(_MONEY_TAILS)
        assert fast == (_MONEY_BEFORE.search(before) is not None), before


_WORD_RUN_PLAIN = re.compile(r"(?<![\w'’-])[A-Za-z]+")


def _candidates_plain(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """Figures as first found: the last four words always tried, the full pattern at digits."""
    c = _compile(load_lexicons())
    found, last_end = [], 0
    for p in _anchors(c, text):
        if p < last_end:
            continue
        words = list(_WORD_RUN_PLAIN.finditer(text, max(last_end, p - 40), p))[-4:]
        for q in [*(w.start() for w in words if _may_start_figure(text, w)), p]:
            m = c.candidate.match(text, q)
            if m is not None and m.end() > p:
                last_end = m.end()
                found.append((m.span(), m.groupdict()))
                break
    return found


_FIGURE_PIECES = [
    "5", "10", "1,000", "2.5", "m", "k", "bn", "million", "thousand", "hundred", "tens", "of",
    "thousands", "a", "few", "several", "many", "dozen", "up", "to", "as", "more", "than", "at",
    "least", "between", "and", "from", "over", "the", "about", "some", "-", "–", "—", "G", "$",
    "twenty", "five", "twenty-five", "killed", "said", "troops", "’s", "ſ", "aſ", "\xa0", "(", ",",
    "order", "in", "excess", "north", "close", "nearly", "estimated", "an", "İn", "K", "Up",
]  # fmt: skip


def test_figure_shortcuts_find_the_same_figures() -> None:
    c = _compile(load_lexicons())
    rng = random.Random(13)
    texts = list(TEXTS)
    for _ in range(3000):
        n = rng.randint(1, 14)
        texts.append("".join(rng.choice(_FIGURE_PIECES) + rng.choice("  \n-") for _ in range(n)))
    for text in texts:
        fast = [(m.span(), m.groupdict()) for m in _candidates(c, text)]
        assert fast == _candidates_plain(text), text


_NEEDS = [(name, v) for name, v in vars(extract).items() if isinstance(v, extract._Needs)]


@pytest.mark.parametrize("name", [name for name, _ in _NEEDS])
def test_key_words_are_in_every_match(name: str) -> None:
    """Wherever a guarded pattern matches, its guard lets it run (its words are there)."""
    needs = dict(_NEEDS)[name]
    # Words made of the pattern's letter runs ("intercept" + "ed", "t" + "aken"), in any
    # case, among fillers and the non-ASCII letters IGNORECASE matches to ASCII ones.
    pieces = sorted(set(re.findall(r"[a-z]+", needs.regex.pattern)))
    fillers = ["the", "Russia", "12", "1,200", "of", "ſ", "\u212a", "İ", "ı", "é", "x"]
    seps = [" ", " ", " ", "  ", "\n", ", ", "’s ", "'s ", " - ", ". "]
    rng = random.Random(name)
    hits = 0
    for _ in range(20_000):
        words = []
        for _ in range(rng.randint(1, 7)):
            word = "".join(rng.choice(pieces) for _ in range(1 if rng.random() < 0.7 else 2))
            word = rng.choice([word, word, word.upper(), word.capitalize(), rng.choice(fillers)])
            words.append(word)
        head = rng.choice(["", " ", "’s "])  # after a mention: "Russia’s troops"
        window = (head + "".join(w + rng.choice(seps) for w in words))[: rng.randint(1, 80)]
        if needs.regex.search(window) is not None:
            hits += 1
            assert needs.may_match(window), window
    assert hits > 10  # the windows do exercise the pattern


def _hedges_plain(sentence: str) -> list[str]:
    c = _compile(load_lexicons())
    return list(dict.fromkeys(h.group().lower() for h in _bounded(c.hedge, sentence)))


def test_hedges_match_the_bounded_scan() -> None:
    c = _compile(load_lexicons())
    words = sorted({w for h in c.lex.hedges for w in h.split()})
    alphabet = [*words, *(w.capitalize() for w in words), "X", "un", "-", "_", "é", "12", "said"]
    rng = random.Random(17)
    texts = [*TEXTS, "Xhas yet to be verified", "unsaid to believed to", "may", "dismay may"]
    for _ in range(5000):
        n = rng.randint(1, 10)
        texts.append(
            "".join(rng.choice(alphabet) + rng.choice([" ", " ", "", ", "]) for _ in range(n))
        )
    for text in texts:
        assert _hedges(c, text) == _hedges_plain(text), text
    # the case the plain scan is kept for: a hedge inside a word hides one inside it
    assert _hedges(c, "Xhas yet to be verified") == []


@pytest.mark.parametrize("index", range(0, len(TEXTS), 3))
def test_tokens_are_the_plain_tokens(index: int) -> None:
    text = TEXTS[index]
    for pos in range(0, len(text), 7):
        assert _TOKEN.findall(text, pos, pos + 90) == _TOKEN_PLAIN.findall(text, pos, pos + 90)


_NOUN_PIECES = [
    "of", "its", "the", "them", "troops", "Troops", "TROOPS", "soldiers", "civilians", "people",
    "killed", "wounded", "injured", "dead", "more", "others", "missing", "North", "Korean",
    "infantry", "fighting", "vehicles", "fallen", "servicemen", "had", "been", "returned",
    "and", "a", "day", "were", "-", "–", ",", ".", "5", "1,000", "é", "İ", "ſ", "’s",
]  # fmt: skip


def _noun_plain(c: Any, text: str, end: int, vague: bool) -> extract._Noun:
    """The counted noun after a figure as first written: every token of the window."""
    toks = _TOKEN.findall(text, end, end + 90)
    low = [t.lower() for t in toks]
    i = 0
    # "thousands of civilians", "100,000 of its soldiers"
    if toks and low[0] == "of":
        i = 1
        if len(toks) > 1 and low[1] in extract._OF_DET:
            i = 2
        elif not vague:
            return extract._Noun("", end, "", "", True)
    first_word = toks[i] if i < len(toks) else ""
    explicit = bool(first_word) and first_word[0].isalpha() and low[i] not in extract._STOP
    if i == 0 and toks and toks[0] in ("-", "–"):
        return extract._Noun("", end, "", "", False)
    for j in range(i, min(len(toks), i + 5)):
        if not toks[j][0].isalpha() or low[j] in extract._STOP:
            break
        if low[j] not in c.noun_heads:
            continue
        for n in range(min(c.max_words, len(toks) - j), 0, -1):
            phrase = " ".join(low[j : j + n])
            metric = c.nouns.get(phrase)
            is_generic = phrase in c.generics
            if metric is None and not is_generic:
                continue
            noun_end = extract._token_end(text, end, toks, j + n - 1)
            np_text = text[end:noun_end]
            rest = text[noun_end : noun_end + 60]
            if is_generic:
                outcome = c.outcome_after.match(rest)
                base = c.generics[phrase]
                if outcome is None:
                    if j + n < len(toks) and extract._later_noun(c, toks, low, j + n):
                        continue  # "civilian deaths": the generic is a modifier here
                    return extract._Noun("", noun_end, np_text, "noun:generic-no-outcome", True)
                o = c.outcomes[outcome.group("o").lower()]
                if o == "killed" and (base == "civilian_killed" or extract._is_civilian(phrase)):
                    o = "civilian_killed"
                rule = f"noun:{phrase}+{outcome.group('o')}+generic"
                return extract._Noun(o, noun_end, np_text, rule, True)
            assert metric is not None
            if metric == "troops" and extract._later_noun(c, toks, low, j + n, "equipment"):
                continue  # "infantry fighting vehicles": the troop word is a modifier
            if metric == "killed" and extract._AND_WOUNDED.match(text, noun_end):
                # "48,000 killed and wounded", "killed, wounded or captured"
                return extract._Noun(
                    "casualties", noun_end, np_text, f"noun:{phrase}+wounded", True
                )
            if metric == "troops" and extract._FALLEN.search(np_text):
                return extract._Noun("killed", noun_end, np_text, f"noun:{phrase}+fallen", True)
            outcome = c.outcome_after.match(rest) if metric == "troops" else None
            if outcome is not None:
                o = c.outcomes[outcome.group("o").lower()]
                return extract._Noun(
                    o, noun_end, np_text, f"noun:{phrase}+{outcome.group('o')}", True
                )
            return extract._Noun(metric, noun_end, np_text, f"noun:{phrase}", True)
    return extract._no_noun(c, text, end, explicit)


def test_nouns_found_token_by_token_are_the_nouns_of_all_tokens() -> None:
    """_noun_after reads tokens one at a time until a noun head, _noun_full lower-cases an
    ASCII window once: both find the plain way's noun at every offset."""
    c = _compile(load_lexicons())
    rng = random.Random(19)
    texts = list(TEXTS[:60])
    for _ in range(2000):
        n = rng.randint(1, 18)
        texts.append(
            "".join(rng.choice(_NOUN_PIECES) + rng.choice(["  ", " ", "\n"]) for _ in range(n))
        )
    for text in texts:
        for pos in range(0, len(text) + 1, 1 if len(text) < 200 else 5):
            for vague in (False, True):
                plain = _noun_plain(c, text, pos, vague)
                assert extract._noun_after(c, text, pos, vague) == plain, (text, pos, vague)
                assert extract._noun_full(c, text, pos, vague) == plain, (text, pos, vague)


@pytest.mark.parametrize("index", range(0, len(TEXTS), 3))
def test_ascii_windows_tokenise_alike_in_lower_case(index: int) -> None:
    """The premise of _noun_full's ASCII path: tokens of the lower-cased window are the
    tokens lower-cased, at the same offsets."""
    text = TEXTS[index]
    for pos in range(0, len(text), 5):
        window = text[pos : pos + 90]
        if window.isascii():
            toks = _TOKEN.findall(window)
            low = _TOKEN.findall(window.lower())
            assert low == [t.lower() for t in toks]
            ends = [extract._token_end(window, 0, toks, k) for k in range(len(toks))]
            assert ends == [extract._token_end(window.lower(), 0, low, k) for k in range(len(low))]


def test_guarded_search_and_match_are_the_pattern_s() -> None:
    """_Needs.search/match (their guard inline) find what the bare pattern finds."""
    rng = random.Random(23)
    for name, needs in _NEEDS:
        pieces = sorted(set(re.findall(r"[a-z]+", needs.regex.pattern)))
        alphabet = [*pieces, *(p.upper() for p in pieces), "the", "Russia", "12", "ſ", "İ", "é"]
        for _ in range(3000):
            text = " ".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
            pos = rng.randint(0, len(text))
            end = rng.choice([None, rng.randint(0, len(text) + 5)])
            stop = len(text) if end is None else min(end, len(text))
            fast = needs.search(text, pos, end)
            plain = needs.regex.search(text, pos, stop)
            assert (fast and fast.span()) == (plain and plain.span()), (name, text, pos, end)
            fast = needs.match(text, pos, end)
            plain = needs.regex.match(text, pos, stop)
            assert (fast and fast.span()) == (plain and plain.span()), (name, text, pos, end)


def test_prepositions_and_party_chunks_skip_only_empty_scans() -> None:
    c = _compile(load_lexicons())
    assert c.parties_capitalised  # the shipped lexicon: every party term is capitalised
    rng = random.Random(29)
    words = ["according", "to", "According", "per", "Per", "person", "citing", "quoted", "said"]
    words += ["Russia", "russia", "pro-Kremlin", "Kyiv's", "troops", "the", "US", "us", "É", "é"]
    chunks = [TEXTS[i][a : a + 120] for i in range(len(TEXTS)) for a in range(0, 600, 40)]
    for _ in range(5000):
        chunks.append(" ".join(rng.choice(words) for _ in range(rng.randint(0, 6))))
    spans = lambda found: [m.span() for m in found]  # noqa: E731
    for chunk in chunks:
        assert spans(extract._prepositions(c, chunk)) == spans(_bounded(c.according, chunk))
        assert spans(extract._party_in(c, chunk)) == spans(_bounded(c.party, chunk))


def _recent_of_kind_plain(
    art: extract._Article, index: int, wanted: tuple[str, ...], noun: str
) -> tuple[str, str] | None:
    """The latest claimant of a kind as first written: the whole history, then two passes."""
    history = []
    for prev in range(index - 1, max(-1, index - extract._BACKREF_SENTENCES), -1):
        history.extend(
            (a.claimant, a.kind)
            for a in reversed(extract._sentence_attrs(art, prev))
            if a.claimant and not a.relay_only
        )
    if noun:
        named = re.compile(rf"\b{re.escape(noun)}", re.IGNORECASE)
        for name, kind in history:
            if named.search(name):
                return name, kind
    for name, kind in history:
        if kind in wanted:
            return name, kind
    return None


@pytest.mark.parametrize("index", range(0, len(TEXTS), 2))
def test_back_references_read_lazily_find_what_the_whole_history_gives(index: int) -> None:
    c = _compile(load_lexicons())
    text = TEXTS[index]
    spans = _sentences(text)
    lazy = extract._Article(text, c, spans, [a for a, _ in spans])
    plain = extract._Article(text, c, spans, [a for a, _ in spans])
    for i in range(len(spans)):
        for noun, wanted in [*extract._BACKREF_KIND.items(), ("", ("official",))]:
            got = extract._recent_of_kind(lazy, i, wanted, [], noun)
            assert got == _recent_of_kind_plain(plain, i, wanted, noun), (text[:80], i, noun)


_OWNER_PIECES = [
    "Russia", "Russia's", "Russia’s", "North Korean", "troops", "forces", "sent", "sends",
    "deployed", "dispatching", "supplies", "army", "the", "more", "pro-war", "of", "-", ",",
    "'s", "’s", "x", "é", "_", "12", "said", "\n", "  ", "well-trained", "troops-",
]  # fmt: skip


def test_owner_words_matched_possessively_as_before() -> None:
    """owner_after's "[\\w-]++" (possessive) decides as the plain "[\\w-]+" at every offset."""
    c = _compile(load_lexicons())
    plain = re.compile(c.owner_after.pattern.replace(r"[\w-]++", r"[\w-]+"))
    assert plain.pattern != c.owner_after.pattern
    rng = random.Random(31)
    texts = list(TEXTS[:80])
    for _ in range(3000):
        n = rng.randint(1, 10)
        texts.append("".join(rng.choice(_OWNER_PIECES) + rng.choice(" \n,.") for _ in range(n)))
    hits = 0
    for text in texts:
        for pos in range(len(text)):
            fast = c.owner_after.match(text, pos) is not None
            assert fast == (plain.match(text, pos) is not None), (text, pos)
            hits += fast
    assert hits > 1000


_OWNED_PIECES = [
    "Russia", "Russian", "North Korea", "North Korean", "North\nKorea", "Kyiv", "Ukraine",
    "pro-Kremlin", "Kremlin", "US", "xRussia", "Russia_", *_OWNER_PIECES,
]  # fmt: skip


def test_one_scan_finds_the_mentions_and_the_owners() -> None:
    """The mention scan (party_owner) finds the bounded party matches, and counts as owners
    the mentions at whose end owner_after matches, as first written."""
    c = _compile(load_lexicons())
    rng = random.Random(37)
    texts = list(TEXTS)
    for _ in range(4000):
        n = rng.randint(1, 16)
        seps = [" ", "  ", "\n", "", ". ", "’s "]
        texts.append("".join(rng.choice(_OWNED_PIECES) + rng.choice(seps) for _ in range(n)))
    owners = 0
    for text in texts:
        art = extract._Article(text, c, [(0, len(text))], [0])
        plain = [
            (m.start(), m.end(), extract._party_named(c.party_of, m.group("p")))
            for m in _bounded(c.party, text)
        ]
        owned: Counter[str] = Counter()
        for _, end, party in plain:
            if c.owner_after.match(text, end):
                owned[party] += 1
        got = art.owner_counts()  # before mentions: either may scan first
        assert art.mentions(0, len(text) + 1) == plain, text
        assert got == owned and list(got) == list(owned), text  # same counts, same order
        owners += sum(owned.values())
    assert owners > 500  # the texts do exercise the owner rule


def test_word_runs_are_the_plain_word_runs() -> None:
    rng = random.Random(41)
    alphabet = [*"ab Z-'’_.,\n\t", "é", "ſ", "1", "the", "up to", "Between"]
    texts = list(TEXTS)
    for _ in range(5000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))
    for text in texts:
        for lo in range(0, len(text) + 1, 1 if len(text) < 60 else 11):
            p = min(len(text), lo + 40)
            fast = [m.span() for m in _WORD_RUN.finditer(text, lo, p)]
            assert fast == [m.span() for m in _WORD_RUN_PLAIN.finditer(text, lo, p)], (text, lo)


def test_units_after_a_figure_as_the_plain_pattern() -> None:
    """_UNIT_AFTER's first-letter lookahead and possessive whitespace change no match."""
    source = extract._UNIT_AFTER.pattern
    plain = re.compile(
        source.replace("(?=[%acdefghkmprtuwy])", "").replace("*+", "*"), re.IGNORECASE
    )
    assert plain.pattern != source
    words = [*re.findall(r"[a-z]+", source.lower()), "K", "\u212am", "ſ", "İ", "ı", "A.M.", "US"]
    pieces = [*words, *(w.upper() for w in words), "%", "-", " ", "  ", "\n", "\xa0", ".", "5"]
    rng = random.Random(43)
    texts = [t[:200] for t in TEXTS]
    for _ in range(20_000):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 5))))
    hits = 0
    for text in texts:
        for pos in range(len(text) + 1):
            fast = extract._UNIT_AFTER.match(text, pos)
            slow = plain.match(text, pos)
            assert (fast and fast.span()) == (slow and slow.span()), (text, pos)
            hits += fast is not None
    assert hits > 1000
