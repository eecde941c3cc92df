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


def new_version(repo: Path, rel: str, day: str = TODAY) -> str:
    """Make the edited document at rel a new revision (raised, with its table-2 row), as an
    editor does before asking for approvals: the version rules then accept the change and the
    new version is 'not approved yet' (a warning). Returns 'E.R'."""
    import re

    p = repo / rel
    text = p.read_text("utf-8")
    ed = int(re.search(r"^edition: (\d+)", text, re.M).group(1))
    rev = int(re.search(r"^revision: (\d+)", text, re.M).group(1)) + 1
    text = re.sub(r"^revision: \d+", f"revision: {rev}", text, count=1, flags=re.M)
    row = (f"  - edition: {ed}\n    revision: {rev}\n    component: Test\n"
           f"    description: Modificare de test\n    date: '{day}'\n")
    text = text.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:", 1)
    p.write_text(text, "utf-8")
    return f"{ed}.{rev}"


def approve_version(repo: Path, code: str, days: tuple[str, str, str]) -> None:
    """Sign the three steps of code's version in the work tree with the demo keys."""
    from click.testing import CliRunner

    from qms_docs.cli import main

    runner = CliRunner()
    assert runner.invoke(main, ["keys", "demo", str(repo)]).exit_code == 0
    for step, day in zip(("elaborated", "verified", "approved"), days, strict=True):
        res = runner.invoke(main, ["approve", code, "--as", step, "--repo", str(repo),
                                   "--time", f"{day}T10:00:00+02:00"])
        assert res.exit_code == 0, res.output


@pytest.fixture(scope="session")
def history_repo_shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `qms init --history` repository (every edition and revision of the demo as dated
    commits) for tests that only read it; a test that changes it clones it first."""
    from click.testing import CliRunner

    from qms_docs.cli import main

    target = tmp_path_factory.mktemp("history") / "repo"
    res = CliRunner().invoke(main, ["init", "--history", str(target)])
    assert res.exit_code == 0, res.output
    return target
