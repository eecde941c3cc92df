"""Shared fixtures: a copy of the demo repository as a real git repository in a temp dir."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_FILES = ("content", "mkdocs.yml", "qms.yml", ".gitignore")
TODAY = "2026-11-25"  # the date the demo content is checked against in golden tests


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.ro",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.ro",
           "GIT_AUTHOR_DATE": f"{TODAY}T10:00:00Z", "GIT_COMMITTER_DATE": f"{TODAY}T10:00:00Z"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env).stdout


def make_demo(dest: Path, commit: bool = True) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in DEMO_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    if commit:
        git(dest, "init", "-q", "-b", "main")
        git(dest, "add", "-A")
        git(dest, "commit", "-q", "-m", "Demo QMS")
    return dest


@pytest.fixture
def demo_repo(tmp_path: Path) -> Path:
    """A fresh, committed copy of the demo QMS that a test may change freely."""
    return make_demo(tmp_path / "repo")


@pytest.fixture(scope="session")
def demo_repo_shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One committed copy of the demo for tests that only read (builds are slow)."""
    return make_demo(tmp_path_factory.mktemp("shared") / "repo")


def requires(*tools: str) -> pytest.MarkDecorator:
    """Mark a test that needs system tools (installed by .ci/run). A missing tool FAILS the test
    with the install line: a skip would hide it in CI."""
    missing = [t for t in tools if shutil.which(t) is None and not Path(t).exists()]
    return pytest.mark.usefixtures("_missing_tools") if missing else pytest.mark.tools(*tools)


@pytest.fixture
def _missing_tools(request: pytest.FixtureRequest) -> None:
    pytest.fail("a system tool this test needs is missing: run 'make test', which installs "
                "tools/test-packages.txt (or apt-get install the packages listed there)")
