"""Shared fixtures: paths into the project, never outside it."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = TESTS_DIR.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
GOLD_DIR = TESTS_DIR / "gold"
FIXTURES_DIR = TESTS_DIR / "fixtures"


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed article files, in order."""
    return sorted(SEEDS_DIR.glob("*.txt"))
