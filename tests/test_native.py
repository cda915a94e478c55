"""The extractor compiled with mypyc (newsclaims.native): used when current, same claims.

`make test` compiles it first (`make install` does), so these tests check the build
that users run: that it is the one imported, that it finds exactly what the source
finds, and that a build of older sources is never used.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from newsclaims import extract, native, synth

ROOT = Path(__file__).resolve().parents[1]


def _corpus() -> dict[str, str]:
    """Seeds, held-out articles, synthetic ones and shuffled sentences: every rule runs."""
    texts = [p.read_bytes().decode("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    held = sorted((ROOT / "tests" / "heldout" / "articles").glob("*"))
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in held]
    sentences = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if s.strip()]
    rng = random.Random(7)
    texts += [" ".join(rng.sample(sentences, 12)) for _ in range(150)]
    texts += [a.text for a in synth.generate(300, seed=21)]
    return {f"a{i}": t for i, t in enumerate(texts)}


def test_the_extractor_imported_is_the_compiled_build() -> None:
    found = native.status()
    assert found.current, f"{found.reason}: run `make native`"
    assert native.compiled(), f"newsclaims.extract came from {extract.__file__}"
    assert extract.__file__ is not None
    assert Path(extract.__file__).is_relative_to(native.BUILD_DIR)


def test_compiled_and_source_extractors_give_the_same_claims(tmp_path: Path) -> None:
    corpus = _corpus()
    (tmp_path / "corpus.json").write_text(json.dumps(corpus), encoding="utf-8")
    script = (
        "import json, sys\n"
        "from newsclaims import extract, native\n"
        "corpus = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "extract.extract_many(corpus).to_csv(sys.argv[2], index=False)\n"
        "print(native.compiled(), extract.__file__)\n"
    )
    env = {**os.environ, "NEWSCLAIMS_NATIVE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "corpus.json"), str(tmp_path / "src.csv")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("False ") and done.stdout.strip().endswith("extract.py")

    compiled = extract.extract_many(corpus)
    source = pd.read_csv(tmp_path / "src.csv", dtype=str, keep_default_na=False)
    assert native.compiled()
    assert len(compiled) > 2000  # the corpus has claims of every kind to compare
    assert set(compiled["metric"]) >= {"troops", "killed", "wounded", "casualties"}
    (tmp_path / "compiled.csv").write_text(compiled.to_csv(index=False), encoding="utf-8")
    assert (tmp_path / "compiled.csv").read_bytes() == (tmp_path / "src.csv").read_bytes()
    assert list(source.columns) == list(compiled.columns)


def _package_copy(tmp_path: Path) -> Path:
    package = tmp_path / "newsclaims"
    package.mkdir()
    for name in native.SOURCES:
        shutil.copy2(native.PACKAGE_DIR / f"{name}.py", package / f"{name}.py")
    return package


def _stamp(build_dir: Path, sources: str, python: str) -> None:
    (build_dir / "newsclaims").mkdir(parents=True)
    (build_dir / "newsclaims" / "extract.so").write_bytes(b"")
    files = {"newsclaims.extract": "newsclaims/extract.so"}
    stamp = {"sources": sources, "python": python, "files": files}
    (build_dir / native.STAMP).write_text(json.dumps(stamp), encoding="utf-8")


def test_a_build_of_the_current_sources_is_used(tmp_path: Path) -> None:
    package = _package_copy(tmp_path)
    build_dir = tmp_path / "build"
    _stamp(build_dir, native.source_hash(package), native._python())
    found = native.status(build_dir, package)
    assert found.current and found.reason == ""
    assert found.files == {"newsclaims.extract": build_dir / "newsclaims" / "extract.so"}
    finder = native._Finder(found.files, build_dir, package)
    spec = finder.find_spec("newsclaims.extract")
    assert spec is not None and spec.origin == str(build_dir / "newsclaims" / "extract.so")
    assert finder.find_spec("newsclaims.numbers") is None
    # a rule changed after `import newsclaims` but before the extractor is imported
    # (a kernel imports it when first asked): the finder looks again and declines
    with (package / "extract.py").open("a", encoding="utf-8") as source:
        source.write("\n# a rule changed since\n")
    assert finder.find_spec("newsclaims.extract") is None


def test_a_build_of_older_sources_is_not_used(tmp_path: Path) -> None:
    package = _package_copy(tmp_path)
    build_dir = tmp_path / "build"
    _stamp(build_dir, native.source_hash(package), native._python())
    # a data editor changes a rule, or a word list the compiled code was checked against
    for name in ("extract", "numbers"):
        path = package / f"{name}.py"
        original = path.read_bytes()
        path.write_bytes(original + b"\n# a new rule\n")
        found = native.status(build_dir, package)
        assert not found.current and found.files == {}
        assert "older sources" in found.reason and str(build_dir / native.STAMP) in found.reason
        path.write_bytes(original)
    assert native.status(build_dir, package).current


def test_a_build_for_another_python_or_a_broken_stamp_is_not_used(tmp_path: Path) -> None:
    package = _package_copy(tmp_path)
    other = tmp_path / "other"
    _stamp(other, native.source_hash(package), "cpython-312 3.12.1 linux")
    found = native.status(other, package)
    assert not found.current and "built for cpython-312" in found.reason

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / native.STAMP).write_text("{not json", encoding="utf-8")
    found = native.status(broken, package)
    assert not found.current
    assert found.reason.startswith(f"{broken / native.STAMP}: unreadable stamp")

    gone = tmp_path / "gone"
    _stamp(gone, native.source_hash(package), native._python())
    (gone / "newsclaims" / "extract.so").unlink()
    found = native.status(gone, package)
    assert not found.current and "compiled file missing" in found.reason

    found = native.status(tmp_path / "nothing", package)
    assert not found.current and "no compiled build" in found.reason


def test_the_source_runs_when_the_build_is_turned_off() -> None:
    script = (
        "from newsclaims import extract, native\nprint(native.install().reason, native.compiled())"
    )
    env = {**os.environ, "NEWSCLAIMS_NATIVE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "turned off (NEWSCLAIMS_NATIVE=0) False"


def test_make_rebuilds_when_any_checked_source_changes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    listed = re.search(r"^NATIVE_SOURCES := \$\(addprefix lib/newsclaims/,(.*)\)$", makefile, re.M)
    assert listed is not None
    assert listed.group(1).split() == [f"{name}.py" for name in native.SOURCES]
    assert re.search(r"^install: \$\(VENV\)/\.installed \$\(NATIVE\)", makefile, re.M)
