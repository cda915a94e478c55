"""The synthetic benchmark corpus: reproducible, realistic in size, and full of claims."""

from __future__ import annotations

import statistics

from newsclaims import synth
from newsclaims.extract import extract_many


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    first = [a.text for a in synth.generate(20, seed=7)]
    assert first == [a.text for a in synth.generate(20, seed=7)]
    assert first != [a.text for a in synth.generate(20, seed=8)]


def test_lengths_outlets_dates_and_claims_are_realistic() -> None:
    articles = list(synth.generate(200, seed=1))
    words = [len(a.text.split()) for a in articles]
    assert min(words) >= 250 and max(words) <= 1500
    assert 400 <= statistics.median(words) <= 800
    assert len({a.outlet for a in articles}) > 50
    assert len({a.published for a in articles}) > 150
    claims = extract_many({a.article_id: a.text for a in articles})
    per_article = claims.groupby("article_id").size()
    assert per_article.median() >= 2
    assert set(claims["metric"]) >= {"troops", "killed", "casualties", "equipment"}
