"""How a figure travelled: claims that report the same thing, in order of appearance.

Two claims report the same thing when they share metric, party and value: the
single number a hedge is attached to ("up to 100,000", "100,000" and "at most
100,000" all report 100,000), or both bounds of a range or vague span. Within
a group, claims are ordered by publication date, and each later repetition is
compared with the first appearance: did the qualifier change (a hedge lost or
gained), did the claimant change (the attribution dropped or moved)?

Rewrites: articles whose wording overlaps a lot are near-duplicates (syndicated
copies, translations, spun rewrites of one original). :func:`article_pairs`
scores each pair by the share of the shorter article's word 3-grams found in
the other (containment). Scoring every pair is fine for the thousands of
articles one story gathers; a desk-wide corpus needs MinHash LSH (datasketch)
instead, which estimates the same measure without comparing every pair.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any

import pandas as pd

from newsclaims.charts import describe_bounds

#: Containment at or above which two articles are the same text (syndicated copy).
COPY_AT = 0.8
#: Containment at or above which one article rewrites the other. Unrelated
#: articles on one story share stock phrases ("North Korea", "the invasion of
#: Ukraine") and score below 0.1; rewrites keep whole quotes and sentences.
REWRITE_AT = 0.15

_WORD = re.compile(r"\w+")


def group_key(metric: Any, party: Any, qualifier: Any, low: Any, high: Any) -> str:
    """Return the key under which claims report the same thing."""
    interval = qualifier in ("range", "vague") or (
        not pd.isna(low) and not pd.isna(high) and low != high
    )
    if interval:
        value = f"{low:.0f}-{high:.0f}"
    else:
        single = high if not pd.isna(high) else low
        value = "?" if pd.isna(single) else f"{single:.0f}"
    return f"{metric}|{'' if pd.isna(party) else party}|{value}"


def claim_lineage(rows: pd.DataFrame) -> pd.DataFrame:
    """Order claims by appearance within groups that report the same thing.

    ``rows`` is :func:`newsclaims.charts.claims_with_articles` output. Returns
    the rows sorted by group and appearance, with columns ``group``,
    ``group_label``, ``step`` (1 for the first appearance), ``n_articles``,
    ``said`` (the value in words), ``qualifier_changed``, ``claimant_changed``
    and ``change`` (what changed since the first appearance, in words).
    """
    if rows.empty:
        return rows.assign(
            group=pd.Series(dtype="string"),
            group_label=pd.Series(dtype="string"),
            step=pd.Series(dtype="Int64"),
            n_articles=pd.Series(dtype="Int64"),
            said=pd.Series(dtype="string"),
            qualifier_changed=pd.Series(dtype="boolean"),
            claimant_changed=pd.Series(dtype="boolean"),
            change=pd.Series(dtype="string"),
        )
    out = rows.copy()
    out["group"] = [
        group_key(m, p, q, lo, hi)
        for m, p, q, lo, hi in zip(
            out["metric"],
            out["party"],
            out["qualifier"],
            out["value_low"],
            out["value_high"],
            strict=True,
        )
    ]
    out["said"] = [
        describe_bounds(q, lo, hi)
        for q, lo, hi in zip(out["qualifier"], out["value_low"], out["value_high"], strict=True)
    ]
    out = out.sort_values(
        ["group", "published", "article_id", "start"], na_position="last", kind="stable"
    )
    out["step"] = out.groupby("group").cumcount() + 1
    out["n_articles"] = out.groupby("group")["article_id"].transform("nunique")
    first = out.groupby("group").head(1).set_index("group")
    first_qualifier = out["group"].map(first["qualifier"])
    first_claimant = out["group"].map(first["claimant"].fillna(""))
    out["qualifier_changed"] = (out["qualifier"] != first_qualifier).astype("boolean")
    out["claimant_changed"] = (out["claimant"].fillna("") != first_claimant).astype("boolean")
    out["change"] = [
        _change(r, fq, fc)
        for r, fq, fc in zip(_records(out), first_qualifier, first_claimant, strict=True)
    ]
    out["group_label"] = out["group"].map(
        {
            g: f"{_metric_words(r['metric'])} of {_party_words(r['party'])}: {_value_words(r)}"
            for g, r in first.iterrows()
        }
    )
    # Groups most repeated first: that is where a figure travelled.
    order = out.groupby("group")["n_articles"].first().sort_values(ascending=False, kind="stable")
    out["group_rank"] = out["group"].map({g: i for i, g in enumerate(order.index)})
    out = out.sort_values(["group_rank", "step"], kind="stable").drop(columns="group_rank")
    return out.reset_index(drop=True)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records")  # type: ignore[return-value]


def _metric_words(metric: Any) -> str:
    return str(metric).replace("_", " ").capitalize()


def _party_words(party: Any) -> str:
    return party if isinstance(party, str) else "unknown party"


def _value_words(first: Any) -> str:
    key = str(first.name).rsplit("|", 1)[-1]
    if "-" in key:
        low, high = key.split("-")
        return f"{int(low):,}–{int(high):,}"
    return key if key == "?" else f"{int(key):,}"


def _change(row: dict[str, Any], first_qualifier: Any, first_claimant: Any) -> str:
    if row["step"] == 1:
        return "first appearance"
    parts = []
    if row["qualifier"] != first_qualifier:
        parts.append(f"qualifier {first_qualifier} → {row['qualifier']}")
    claimant = row["claimant"] if isinstance(row["claimant"], str) else ""
    if claimant != first_claimant:
        parts.append(f"claimant {first_claimant or '(none)'} → {claimant or '(none)'}")
    return "; ".join(parts) or "repeated as first reported"


def shingles(text: str, size: int = 3) -> set[str]:
    """Return the set of lower-cased word ``size``-grams of ``text``."""
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def article_pairs(articles: pd.DataFrame, min_similarity: float = REWRITE_AT) -> pd.DataFrame:
    """Pairs of articles whose text overlaps: ``a``, ``b``, ``similarity``, ``relation``.

    ``similarity`` is the containment of word 3-grams (share of the shorter
    article's 3-grams found in the other); ``relation`` is ``copy`` or
    ``rewrite``. Only pairs at or above ``min_similarity`` are returned.
    """
    grams = {
        aid: shingles(text)
        for aid, text in zip(articles["article_id"], articles["text"], strict=True)
    }
    rows = []
    for a, b in combinations(sorted(grams), 2):
        ga, gb = grams[a], grams[b]
        if not ga or not gb:
            continue
        score = len(ga & gb) / min(len(ga), len(gb))
        if score >= min_similarity:
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "similarity": round(score, 3),
                    "relation": "copy" if score >= COPY_AT else "rewrite",
                }
            )
    return pd.DataFrame(rows, columns=["a", "b", "similarity", "relation"])


def rewrite_groups(articles: pd.DataFrame, min_similarity: float = REWRITE_AT) -> pd.DataFrame:
    """Group articles that are copies or rewrites of one another.

    Returns one row per article: ``article_id``, ``rewrite_group`` (the id of
    the group's earliest article, by publication date then id) and
    ``similarity`` (to the group's first article; 1.0 for the first itself, NaN
    for an article in no group). Groups are the connected pairs of
    :func:`article_pairs`, so a chain of rewrites is one family. Dashboards use
    the group to count a figure repeated by rewrites once.
    """
    pairs = article_pairs(articles, min_similarity)
    parent = {aid: aid for aid in articles["article_id"]}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in zip(pairs["a"], pairs["b"], strict=True):
        parent[root(a)] = root(b)
    order = articles.sort_values(["published", "article_id"], na_position="last")["article_id"]
    first: dict[str, str] = {}
    for aid in order:
        first.setdefault(root(aid), aid)
    score = {(a, b): s for a, b, s in zip(pairs["a"], pairs["b"], pairs["similarity"], strict=True)}
    rows = []
    for aid in articles["article_id"]:
        head = first[root(aid)]
        grouped = head != aid or any(aid in pair for pair in score)
        similarity = (
            1.0 if head == aid else score.get((min(aid, head), max(aid, head)), float("nan"))
        )
        rows.append(
            {
                "article_id": aid,
                "rewrite_group": head if grouped else pd.NA,
                "similarity": similarity if grouped else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["article_id", "rewrite_group", "similarity"])
