"""A reproducible synthetic corpus for benchmarks: many outlets, dates, and war figures.

Articles are assembled from sentence templates in the styles of wire copy,
explainers, tabloids and blogs: attributed figures with the hedges real copy
uses ("up to", "at least", "between ... and", "tens of thousands"), figures
that are not war figures (years, ages, money, distances), and filler. Lengths
(about 250 to 1,200 words) and claim densities (about 2 to 8 figures an
article) follow the seeds and common news copy. The same ``seed`` gives the
same corpus, byte for byte, so benchmark runs compare like with like.

This is benchmark load, not evaluation data: its figures are put there by
templates the extractor was written to read.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

OUTLETS = [f"{a} {b}" for a in ("Daily", "Evening", "Morning", "National", "Global", "City",
           "Frontline", "Capital", "Northern", "Western") for b in ("Post", "Herald", "Wire",
           "Times", "Monitor", "Report", "Dispatch", "Ledger", "Courier", "Review")]  # fmt: skip
CLAIMANTS = [
    "Ukraine's General Staff", "the Pentagon", "South Korea's spy agency", "British intelligence",
    "the Kremlin", "a senior US official", "Russian state media", "the UN human rights office",
    "Kyiv's defence ministry", "the Institute for the Study of War", "NATO officials",
]  # fmt: skip
PARTIES = ["Russian", "Ukrainian", "North Korean"]
QUALIFIERS = ["", "", "", "about ", "up to ", "at least ", "more than ", "nearly ", "some "]
FIGURE_TEMPLATES = [
    "{claimant} said {q}{n:,} {party} troops had been sent to the front.",
    "{party} forces have lost {q}{n:,} soldiers since the spring, {claimant} said.",
    "According to {claimant}, between {lo:,} and {hi:,} {party} soldiers were killed or wounded.",
    "{claimant} estimated that {q}{n:,} {party} troops were killed in the fighting.",
    "Tens of thousands of {party} soldiers have been wounded, {claimant} said.",
    "The {party} army lost {q}{small} tanks and {small2} armoured vehicles last month, "
    "{claimant} reported.",
    "As many as {n:,} civilians have fled the region, according to {claimant}.",
]
NOISE_TEMPLATES = [
    "The talks in {year} ended without agreement.",
    "A {age}-year-old man was injured when debris fell {km} km from the border.",
    "The aid package is worth ${bn} billion, officials said.",
    "The city, home to {pop:,} people before the war, has been shelled for {weeks} weeks.",
    "It was the third such attack this month.",
]
FILLER = [
    "Officials did not respond to a request for comment.",
    "The claims could not be independently verified.",
    "Fighting continued along the eastern front overnight, with heavy shelling reported.",
    "Analysts said the move signalled a new phase of the war.",
    "Residents described long queues for water and bread as power cuts continued.",
    "The ministry gave no further details.",
    "Western governments have condemned the deployment and promised further sanctions.",
    "The region has seen some of the heaviest fighting since the start of the invasion.",
    "Diplomats said talks would resume next week in Geneva.",
    "Satellite images showed new trenches and fortifications along the main road.",
]


@dataclass(frozen=True)
class SynthArticle:
    """One generated article."""

    article_id: str
    outlet: str
    published: date
    title: str
    text: str


def _figure(rng: random.Random) -> str:
    template = rng.choice(FIGURE_TEMPLATES)
    lo = rng.choice([1, 2, 3, 5, 8, 10, 12, 15, 20, 30, 50, 70]) * 1000
    return template.format(
        claimant=rng.choice(CLAIMANTS),
        party=rng.choice(PARTIES),
        q=rng.choice(QUALIFIERS),
        n=rng.choice([1500, 3000, 10000, 11000, 12000, 50000, 100000, 300000, 678050]),
        lo=lo,
        hi=lo + rng.choice([5, 10, 20]) * 1000,
        small=rng.randint(12, 400),
        small2=rng.randint(10, 600),
    ).capitalize()


def _noise(rng: random.Random) -> str:
    return rng.choice(NOISE_TEMPLATES).format(
        year=rng.randint(2014, 2025), age=rng.randint(18, 90), km=rng.randint(2, 300),
        bn=rng.choice([1.2, 2.5, 6, 61]), pop=rng.randint(20, 900) * 1000, weeks=rng.randint(2, 60),
    )  # fmt: skip


def generate(n: int, seed: int = 0, start: date = date(2022, 2, 24)) -> Iterator[SynthArticle]:
    """Yield ``n`` articles; the same ``seed`` always yields the same articles."""
    rng = random.Random(seed)
    days = (date(2025, 6, 30) - start).days
    for i in range(n):
        outlet = rng.choice(OUTLETS)
        published = start + timedelta(days=rng.randrange(days))
        paragraphs = []
        target_words = int(rng.triangular(250, 1200, 500))
        words = 0
        figures = rng.randint(2, 8)
        while words < target_words:
            sentences = [rng.choice(FILLER) for _ in range(rng.randint(2, 4))]
            if figures and rng.random() < 0.5:
                sentences.insert(rng.randrange(len(sentences) + 1), _figure(rng))
                figures -= 1
            if rng.random() < 0.3:
                sentences.append(_noise(rng))
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        title = _figure(rng).rstrip(".")
        text = (
            f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\nCopyright {published.year}, {outlet}\n"
        )
        yield SynthArticle(f"syn{seed}-{i:07d}", outlet, published, title, text)


#: Columns of :func:`write_csv`: the CSV input ``newsclaims ingest`` reads, one article a row.
CSV_HEADER = ("article_id", "title", "outlet", "published", "text")


def write_csv(path: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` articles to one CSV (one article a row), written aside and renamed.

    A million articles as a million files cost a million inodes and opens; as one
    CSV (about 3.5 GB) they are read in streamed chunks by ``newsclaims ingest``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for article in generate(n, seed=seed):
            writer.writerow(
                [article.article_id, article.title, article.outlet,
                 article.published.isoformat(), article.text]
            )  # fmt: skip
    tmp.replace(path)
    return path
