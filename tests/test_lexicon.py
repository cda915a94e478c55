"""Lexicons are data: editing a CSV changes extraction, a bad row names file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsclaims import config
from newsclaims.extract import extract_claims
from newsclaims.lexicon import LexiconError, clear_cache, load_lexicons


@pytest.fixture
def lexdir(tmp_path: Path) -> Path:
    """A temporary copy of data/lexicons/ with data/claimants.csv beside it."""
    target = tmp_path / "lexicons"
    shutil.copytree(config.LEXICON_DIR, target)
    shutil.copy(config.CLAIMANTS_PATH, tmp_path / "claimants.csv")
    clear_cache()
    return target


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_project_lexicons_load() -> None:
    lex = load_lexicons()
    assert lex.claimant("Korotchenko") is not None
    assert lex.claimant("Korotchenko").canonical == "Igor Korotchenko"  # type: ignore[union-attr]
    assert lex.claimant("Russian state TV").canonical == "Russian state television"  # type: ignore[union-attr]
    assert lex.parties["DPRK"] == "North Korea"
    assert lex.metrics["noun"]["HIMARS"] == "equipment"


def test_new_metric_noun_changes_extraction(lexdir: Path) -> None:
    sentence = "Russia has sent 5,000 gunners to the front."
    assert extract_claims(sentence, "t", load_lexicons(lexdir)).empty
    _append(lexdir / "metrics.csv", "gunners,troops,noun")
    clear_cache()
    frame = extract_claims(sentence, "t", load_lexicons(lexdir))
    assert list(frame["metric"]) == ["troops"]


def test_new_claimant_alias_normalises(lexdir: Path) -> None:
    sentence = "About 2,000 troops were sent, Defence Intelligence of Estonia said."
    before = extract_claims(sentence, "t", load_lexicons(lexdir))
    assert str(before["claimant"].iloc[0]) != "Estonian Foreign Intelligence Service"
    _append(
        lexdir.parent / "claimants.csv",
        "Estonian Foreign Intelligence Service,Defence Intelligence of Estonia,"
        "intelligence,Estonia",
    )
    clear_cache()
    after = extract_claims(sentence, "t", load_lexicons(lexdir))
    assert after["claimant"].iloc[0] == "Estonian Foreign Intelligence Service"
    assert after["claimant_kind"].iloc[0] == "intelligence"


def test_new_party_term(lexdir: Path) -> None:
    sentence = "Some 3,000 Ruritanian troops crossed the border."
    assert extract_claims(sentence, "t", load_lexicons(lexdir))["party"].isna().all()
    _append(lexdir / "parties.csv", "Ruritanian,Ruritania")
    clear_cache()
    frame = extract_claims(sentence, "t", load_lexicons(lexdir))
    assert list(frame["party"]) == ["Ruritania"]


def test_malformed_row_names_file_and_line(lexdir: Path) -> None:
    path = lexdir / "parties.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    _append(path, "Narnia,Narnia,extra")
    clear_cache()
    with pytest.raises(LexiconError) as info:
        load_lexicons(lexdir)
    message = str(info.value)
    assert str(path.resolve()) in message or path.name in message
    assert f"line {len(lines) + 1}" in message


def test_unknown_metric_is_an_error(lexdir: Path) -> None:
    _append(lexdir / "metrics.csv", "gunners,artillerymen,noun")
    clear_cache()
    with pytest.raises(LexiconError, match=r"metrics\.csv, line .*'artillerymen'"):
        load_lexicons(lexdir)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    clear_cache()
    with pytest.raises(LexiconError, match="not found"):
        load_lexicons(tmp_path)
