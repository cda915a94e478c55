"""The newsclaims command line, run as data staff run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from .conftest import PROJECT_ROOT, SEEDS_DIR


def _run(*args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsclaims.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_ingest_seeds_writes_parquet_and_prints_the_report(tmp_path: Path) -> None:
    out = tmp_path / "processed"
    done = _run("ingest", str(SEEDS_DIR), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("5 articles (1 named outlets, 4 unknown), ")
    assert "ingest report: no problems" in done.stdout
    articles = pd.read_parquet(out / "articles.parquet")
    row = articles.set_index("article_id").loc["000_f81ca7430252ce23"]
    assert row["outlet"] == "UnitedVoice"
    assert row["outlet_basis"] == 'stated in text: "Copyright 2022, UnitedVoice.com"'
    claims = pd.read_parquet(out / "claims.parquet")
    assert f"{len(claims)} claims" in done.stdout.splitlines()[0]


def test_ingest_reports_bad_files_and_still_loads_the_good(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS_DIR / "000_f81ca7430252ce23.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x00\x01\x02binary")
    done = _run("ingest", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 0
    assert "1 articles" in done.stdout
    assert "[error]" in done.stdout and "empty.txt: empty file -> not loaded" in done.stdout
    assert "image.txt: binary file, not text -> not loaded" in done.stdout
    report = pd.read_parquet(tmp_path / "out" / "ingest_report.parquet")
    errors = report[report["severity"] == "error"]
    assert sorted(Path(f).name for f in errors["file"]) == ["empty.txt", "image.txt"]
    # the manifest's rows for the four seeds not given are named, not dropped silently
    unused = report[report["problem"].str.contains("no such article among the inputs")]
    assert len(unused) == 4


def test_ingest_with_nothing_loadable_fails_clearly(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    done = _run("ingest", str(tmp_path), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "error: no article loaded" in done.stderr


def test_extract_prints_claims_as_json_and_csv(tmp_path: Path) -> None:
    article = tmp_path / "story_1.txt"
    article.write_text("Officials said about 1,500 North Korean troops had arrived in Russia.\n")
    done = _run("extract", str(article), "--format", "json")
    assert done.returncode == 0, done.stderr
    claims = json.loads(done.stdout)
    assert len(claims) == 1
    assert claims[0]["article_id"] == "story_1"
    assert claims[0]["metric"] == "troops"
    assert claims[0]["value_low"] == claims[0]["value_high"] == 1500
    csv_out = _run("extract", str(article))
    assert csv_out.stdout.splitlines()[0].startswith("claim_id,article_id,start,end,figure_text")


def test_extract_names_a_missing_file_and_carries_on(tmp_path: Path) -> None:
    article = tmp_path / "ok.txt"
    article.write_text("Up to 12,000 soldiers were sent, officials said.\n")
    done = _run("extract", str(tmp_path / "nope.txt"), str(article))
    assert done.returncode == 1
    assert "nope.txt: cannot read" in done.stderr
    assert "ok," in done.stdout


def test_export_writes_chart_and_data_for_the_filtered_claims(tmp_path: Path) -> None:
    tables = tmp_path / "processed"
    assert _run("ingest", str(SEEDS_DIR), "--out", str(tables)).returncode == 0
    out = tmp_path / "charts"
    done = _run(
        "export", "troops", "--format", "csv,json,html", "--outlet", "unitedvoice",
        "--byline", "Data desk", "--tables", str(tables), "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("troops: ")
    data = pd.read_csv(out / "troops-web.csv")
    assert set(data["outlet"]) == {"UnitedVoice"}
    assert set(data["metric"]) == {"troops"}
    payload = json.loads((out / "troops-web.json").read_text())
    assert len(payload["claims"]) == len(data)
    assert payload["byline"] == "Data desk"
    assert (out / "troops-web.alt.txt").read_text().startswith("Scatter chart over time")


def test_export_refuses_a_misspelt_filter_and_a_name_outside_the_folder(tmp_path: Path) -> None:
    tables = tmp_path / "processed"
    _run("ingest", str(SEEDS_DIR), "--out", str(tables))
    done = _run("export", "troops", "--outlet", "Unitedvoyce", "--tables", str(tables),
                "--out", str(tmp_path / "o"), "--format", "csv")  # fmt: skip
    assert done.returncode == 2
    assert "error: outlet “Unitedvoyce”: no such outlet in the data." in done.stderr
    done = _run("export", "troops", "--name", "../../evil", "--tables", str(tables),
                "--out", str(tmp_path / "o"), "--format", "csv")  # fmt: skip
    assert done.returncode == 1
    assert "Invalid export name '../../evil'" in done.stderr
    assert not (tmp_path / "evil.csv").exists()


def test_correct_then_ingest_applies_the_correction(tmp_path: Path) -> None:
    tables, log = tmp_path / "processed", tmp_path / "corrections.csv"
    _run("ingest", str(SEEDS_DIR), "--out", str(tables), "--corrections", str(log))
    claims = pd.read_parquet(tables / "claims.parquet")
    kahl = claims[claims["sentence"].str.contains("Colin Kahl")].iloc[0]
    done = _run("correct", "edit", kahl["claim_id"], "--field", "claimant", "--new",
                "US Department of Defense", "--who", "JD", "--reason", "spoke for the Pentagon",
                "--tables", str(tables), "--log", str(log))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"recorded: edit {kahl['claim_id']} claimant: 'Colin Kahl' -> 'US" in done.stdout
    added = _run("correct", "add", "--article", "000_f81ca7430252ce23", "--figure",
                 "five states", "--set", "metric=other", "--who", "JD", "--reason", "test",
                 "--tables", str(tables), "--log", str(log))  # fmt: skip
    assert added.returncode == 0, added.stderr
    _run("ingest", str(SEEDS_DIR), "--out", str(tables), "--corrections", str(log))
    rebuilt = pd.read_parquet(tables / "claims.parquet").set_index("claim_id")
    assert rebuilt.loc[kahl["claim_id"], "claimant"] == "US Department of Defense"
    assert (rebuilt["figure_text"] == "five states").sum() == 1
    refused = _run("correct", "reject", "nope", "--who", "JD", "--reason", "x",
                   "--tables", str(tables), "--log", str(log))  # fmt: skip
    assert refused.returncode == 2 and "no claim 'nope'" in refused.stderr
