"""Lineage: the same figure across articles, what changed, and which articles are rewrites."""

from __future__ import annotations

import pandas as pd

from newsclaims import charts, lineage, schema

from .test_charts import ARTICLES, claim

ART = pd.concat(
    [
        ARTICLES,
        schema.conform(
            [{"article_id": "a0", "outlet": "First Wire", "published": pd.Timestamp("2022-07-30"),
              "published_precision": "day", "title": "t0"}],
            schema.ARTICLES,
        ),
    ],
    ignore_index=True,
)  # fmt: skip
CLAIMS = schema.conform(
    [
        claim("a1", 5, "troops", "exact", 100_000, 100_000),  # headline, no claimant
        claim("a0", 9, "troops", "up_to", None, 100_000, "Regnum"),  # first, a day earlier
        claim("a2", 3, "troops", "exact", 100_000, 100_000, "Regnum"),
        claim("a1", 50, "troops", "exact", 100_000, 100_000, party="North Korea"),
        claim("a1", 70, "casualties", "range", 70_000, 80_000, "Colin Kahl"),
    ],
    schema.CLAIMS,
)


def test_groups_join_hedged_and_unhedged_reports_of_one_number() -> None:
    out = lineage.claim_lineage(charts.claims_with_articles(CLAIMS, ART))
    groups = out.groupby("group", sort=False)["claim_id"].apply(list).to_dict()
    assert groups == {
        "troops|Russia|100000": ["a0-9", "a1-5", "a2-3"],
        "casualties|Russia|70000-80000": ["a1-70"],
        "troops|North Korea|100000": ["a1-50"],
    }
    first = out.iloc[0]
    assert (first["step"], first["change"], first["n_articles"]) == (1, "first appearance", 3)
    assert first["group_label"] == "Troops of Russia: 100,000"


def test_changes_against_the_first_appearance_are_spelled_out() -> None:
    out = lineage.claim_lineage(charts.claims_with_articles(CLAIMS, ART)).set_index("claim_id")
    assert out.loc["a1-5", "change"] == "qualifier up_to → exact; claimant Regnum → (none)"
    assert bool(out.loc["a1-5", "qualifier_changed"]) and bool(out.loc["a1-5", "claimant_changed"])
    assert out.loc["a2-3", "change"] == "qualifier up_to → exact"
    assert out.loc["a0-9", "said"] == "up to 100,000"


def test_empty_claims_give_an_empty_lineage() -> None:
    out = lineage.claim_lineage(charts.claims_with_articles(CLAIMS.iloc[0:0], ART))
    assert out.empty and "change" in out.columns


def test_copies_and_rewrites_are_scored_and_unrelated_articles_are_not() -> None:
    original = (
        "Reserve colonel Igor Korotchenko said on state television that there are reports "
        "that 100,000 volunteers are ready to come and take part in the conflict, and that "
        "the country should accept the offer of help from its neighbour without shame."
    )
    rewrite = (
        "On state television, reserve colonel Igor Korotchenko said there are reports "
        "that 100,000 volunteers are ready to come and take part in the conflict. He "
        "argued the offer should be accepted."
    )
    other = "Flooding closed three bridges in the valley on Tuesday, the council said."
    texts = pd.DataFrame(
        {"article_id": ["o", "r", "c", "x"], "text": [original, rewrite, original, other]}
    )
    pairs = lineage.article_pairs(texts)
    got = {(p.a, p.b): (p.relation, p.similarity) for p in pairs.itertuples()}
    assert got[("c", "o")] == ("copy", 1.0)
    assert got[("o", "r")][0] == "rewrite" and 0.15 <= got[("o", "r")][1] < 0.8
    assert not any("x" in pair for pair in got)


def test_rewrite_groups_join_chains_and_leave_unrelated_articles_alone() -> None:
    base = "the minister said that some twelve thousand soldiers had crossed the border at night"
    texts = pd.DataFrame(
        {
            "article_id": ["c", "a", "b", "z"],
            "text": [
                base + " and more would follow soon after the talks",  # rewrite of a
                base,  # the original, published first
                base + " according to a statement on Tuesday",  # copy-ish of a
                "Flooding closed three bridges in the valley on Tuesday, the council said.",
            ],
            "published": pd.to_datetime(["2024-10-03", "2024-10-01", "2024-10-02", "2024-10-01"]),
        }
    )
    groups = lineage.rewrite_groups(texts).set_index("article_id")
    assert groups.loc[["a", "b", "c"], "rewrite_group"].tolist() == ["a", "a", "a"]
    assert groups.loc["a", "similarity"] == 1.0
    assert 0.8 <= groups.loc["b", "similarity"] <= 1.0
    assert pd.isna(groups.loc["z", "rewrite_group"])
