"""Paths, defined once.

Every path the library, the CLI and the dashboards use comes from here, never
relative to the current folder: Voila starts its kernels in the notebook's own
folder, and data staff run the CLI from wherever they are.

``NEWSCLAIMS_HOME`` overrides the project root (tests point it at a temporary
copy so that nothing they do touches the real ``data/``).
"""

from __future__ import annotations

import os
from pathlib import Path

#: The folder that holds ``seeds/``, ``data/`` and ``dashboards/``.
PROJECT_ROOT: Path = Path(
    os.environ.get("NEWSCLAIMS_HOME", Path(__file__).resolve().parents[2])
).resolve()

SEEDS_DIR: Path = PROJECT_ROOT / "seeds"
DATA_DIR: Path = PROJECT_ROOT / "data"
PROCESSED_DIR: Path = DATA_DIR / "processed"
MANIFEST_PATH: Path = DATA_DIR / "articles.csv"
#: The drop folder: `newsclaims add` copies new articles here, as received, and
#: `newsclaims ingest` reads it after seeds/.
INBOX_DIR: Path = DATA_DIR / "inbox"
CLAIMANTS_PATH: Path = DATA_DIR / "claimants.csv"
LEXICON_DIR: Path = DATA_DIR / "lexicons"
DASHBOARDS_DIR: Path = PROJECT_ROOT / "dashboards"


def processed_path(table: str, root: Path | None = None) -> Path:
    """Return the Parquet path of a processed table (``articles``, ``claims``, ...)."""
    return (root or PROCESSED_DIR) / f"{table}.parquet"
