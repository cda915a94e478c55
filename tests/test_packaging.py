"""environment.yml, pyproject.toml and the locks agree; the repo is self-contained."""

from __future__ import annotations

import re
import subprocess
import tomllib

import yaml
from packaging.requirements import Requirement

from .conftest import PROJECT_ROOT


def _pyproject() -> dict[str, object]:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())


def _declared() -> list[str]:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert conda_python == ["python=3.11"]
    env_reqs = {str(Requirement(r)) for r in pip_section if not r.startswith("-e")}
    assert env_reqs == {str(Requirement(r)) for r in _declared()}


def test_lock_pins_every_declared_dependency_within_its_range() -> None:
    pins = {}
    for line in (PROJECT_ROOT / "requirements" / "lock-dev.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    for spec in _declared():
        req = Requirement(spec)
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in requirements/lock-dev.txt"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} outside {req.specifier}"


def test_runtime_lock_has_no_dev_only_packages() -> None:
    lock = (PROJECT_ROOT / "requirements" / "lock.txt").read_text().lower()
    for dev_only in ("quantulum3", "playwright", "hypothesis", "mypy"):
        assert f"\n{dev_only}==" not in lock


def test_tracked_files_never_name_paths_outside_the_project() -> None:
    tracked = subprocess.run(
        ["git", "grep", "-l", "-F", "../" + "shared", "--", ":!*.md"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert tracked == []


def test_gitignore_keeps_the_library() -> None:
    ignored = (PROJECT_ROOT / ".gitignore").read_text().splitlines()
    assert "lib/" not in ignored
    assert "data/processed/" in ignored
