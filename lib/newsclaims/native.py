"""The extractor compiled to C with mypyc, used when a build of the current source exists.

Issue 7 asks the extractor for 1,000 seed-like articles per CPU-second. Four rounds
of tuning the rules left it at 850-920 (bench/bench_extract.py); about half of the
time is Python's regex engine, the rest the rule code itself, spread thin. Rather
than rewrite those rules in another language, the same module, ``extract.py``
(``mypy --strict`` clean), is compiled by mypyc: the compiler the mypy project
builds mypy itself with and black ships with, kept by the mypy team and pinned in
the lock file with mypy. Compiled, the rule code runs about a quarter faster; the
output is the same, row for row (tests/test_native.py compares the two on the seeds,
the held-out articles and synthetic ones).

How it is used:

- ``make install`` (so ``make test`` and ``make dashboard``) runs
  ``newsclaims native build``, which compiles ``extract.py`` into
  ``build/native/`` beside ``lib/`` and writes ``build/native/stamp.json``: a hash of
  the sources it was built from and the Python it was built for. Nothing compiled is
  ever put in ``lib/``, where Python would prefer it to the source.
- ``import newsclaims`` calls :func:`install`: when the stamp matches the sources as
  they are now, ``newsclaims.extract`` is imported from the build; otherwise from
  ``extract.py`` as usual. So a data editor who changes a rule gets that rule at once
  (more slowly, with a warning that names the file and says ``make native``), never
  an old compiled copy of it.
- ``NEWSCLAIMS_NATIVE=0`` in the environment turns the build off (the comparison test
  runs the source that way).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
#: Where the compiled modules go: ``build/native/`` in the project, beside ``lib/``.
BUILD_DIR = PACKAGE_DIR.parents[1] / "build" / "native"
#: The modules compiled.
COMPILED = ("extract",)
#: The package modules whose source the compiled code was checked against: the
#: compiled ones and what they import from the package. A change to any of them
#: makes the build stale.
SOURCES = ("extract", "numbers", "lexicon", "schema")
STAMP = "stamp.json"


def _python() -> str:
    """The interpreter a build is for (an extension only loads in the same one)."""
    return f"{sys.implementation.cache_tag} {sys.version.split()[0]} {sys.platform}"


def source_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of the sources a build is made from, as they are on disk now."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update(name.encode() + b"\0")
        digest.update((package_dir / f"{name}.py").read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Build:
    """What :func:`status` found in a build folder."""

    current: bool
    #: why the build is not used ("" when it is)
    reason: str
    #: module name -> extension file, for a current build
    files: dict[str, Path]


def status(build_dir: Path = BUILD_DIR, package_dir: Path = PACKAGE_DIR) -> Build:
    """Whether ``build_dir`` holds a build of the sources in ``package_dir`` as they are now."""
    stamp_path = build_dir / STAMP
    if not stamp_path.is_file():
        return Build(False, f"no compiled build ({stamp_path} is missing)", {})
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        files = {name: build_dir / rel for name, rel in stamp["files"].items()}
        built_hash, built_for = str(stamp["sources"]), str(stamp["python"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return Build(False, f"{stamp_path}: unreadable stamp ({exc})", {})
    if built_for != _python():
        return Build(False, f"{stamp_path}: built for {built_for}, this is {_python()}", {})
    if built_hash != source_hash(package_dir):
        changed = ", ".join(f"{package_dir / name}.py" for name in SOURCES)
        return Build(False, f"{stamp_path}: built from older sources (one of {changed})", {})
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        return Build(False, f"{stamp_path}: compiled file missing: {', '.join(missing)}", {})
    return Build(True, "", files)


class _Finder(importlib.abc.MetaPathFinder):
    """Serves the compiled modules (and mypyc's helper library) from the build folder,
    if the build is still current when they are imported: a kernel may import the
    extractor long after ``import newsclaims``, and a rule may have changed between."""

    def __init__(self, names: Iterable[str], build_dir: Path, package_dir: Path) -> None:
        self.names = frozenset(names)
        self.build_dir, self.package_dir = build_dir, package_dir

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname not in self.names:
            return None
        found = status(self.build_dir, self.package_dir)
        so = found.files.get(fullname)
        if so is None:
            _stale(found)
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(so))
        return importlib.util.spec_from_file_location(fullname, so, loader=loader)


def _stale(found: Build) -> None:
    log.warning(
        "newsclaims: not using the compiled extractor: %s; running the source "
        "(correct, slower). `make native` rebuilds it.",
        found.reason,
    )


@functools.cache
def install() -> Build:
    """Import the compiled extractor from now on, when the build is current; say why not.

    Runs once a process (``import newsclaims`` calls it); later calls return the same.
    """
    if os.environ.get("NEWSCLAIMS_NATIVE", "1") == "0":
        return Build(False, "turned off (NEWSCLAIMS_NATIVE=0)", {})
    found = status()
    if found.current:
        sys.meta_path.insert(0, _Finder(found.files, BUILD_DIR, PACKAGE_DIR))
    elif (BUILD_DIR / STAMP).exists():  # a build, but not of these sources: run the source
        _stale(found)
    return found


def compiled() -> bool:
    """True when ``newsclaims.extract`` was imported from the compiled build."""
    module = sys.modules.get("newsclaims.extract")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")


def build(build_dir: Path = BUILD_DIR, package_dir: Path = PACKAGE_DIR) -> Path:
    """Compile :data:`COMPILED` with mypyc into ``build_dir``; return the stamp's path.

    mypyc writes its extensions beside the sources it is given, so it runs on a
    copy of the package in a temporary folder; only the extensions are kept, in a
    folder of their own named by the sources' hash. The stamp that points to them
    replaces the old one in one step, and the old build is removed only then: a
    process reading the stamp finds either the old build whole or the new one.
    """
    before = source_hash(package_dir)
    with tempfile.TemporaryDirectory(prefix="newsclaims-native-") as tmp:
        work = Path(tmp)
        copy = work / "newsclaims"
        shutil.copytree(package_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
        sources = [f"newsclaims/{name}.py" for name in COMPILED]
        result = subprocess.run(
            [sys.executable, "-m", "mypyc", *sources],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"mypyc failed on {', '.join(sources)} (exit {result.returncode}):\n"
                + (result.stdout + result.stderr)[-4000:]
            )
        built = sorted(copy.glob("*.so"))
        if not built:
            raise RuntimeError(f"mypyc made no extension in {copy}")
        target = build_dir / before[:16]
        shutil.rmtree(target, ignore_errors=True)
        (target / "newsclaims").mkdir(parents=True)
        files: dict[str, str] = {}
        for so in built:
            shutil.copy2(so, target / "newsclaims" / so.name)
            name = "newsclaims." + so.name.split(".", 1)[0]
            files[name] = f"{target.name}/newsclaims/{so.name}"
    if source_hash(package_dir) != before:
        raise RuntimeError(f"{package_dir}: sources changed during the build; run it again")
    stamp = build_dir / STAMP
    fresh = build_dir / f"{STAMP}.{os.getpid()}.tmp"
    fresh.write_text(
        json.dumps({"sources": before, "python": _python(), "files": files}, indent=1) + "\n",
        encoding="utf-8",
    )
    fresh.replace(stamp)
    for old in build_dir.iterdir():  # earlier builds (a running process keeps its copy)
        if old.is_dir() and old.name != target.name:
            shutil.rmtree(old, ignore_errors=True)
    return stamp
