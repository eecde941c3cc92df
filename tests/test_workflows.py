"""The shipped CI templates run as shipped: the README's setup steps for a new authority, with
the GitHub workflow's and the GitLab pipeline's jobs run step by step (tests/ci_runner.py) in
fresh clones of a repository made by `qms init`. The toolchain is installed by the jobs' own
`pip install "$QMS_DOCS"` from a local clone standing in for its remote (git's insteadOf), the
pushes go to a local bare repository standing in for GitHub or GitLab."""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ci_runner import GitHubEvent, Runner, git, load, run_github_job, run_gitlab_job
from click.testing import CliRunner
from conftest import ROOT

from qms_docs.cli import main

TOOLCHAIN_REMOTE = "https://git.example/qms/qms-docs"  # stands for the toolchain's real home
GITLAB_PUSH = "https://oauth2:project-token@gitlab.example:443/primaria/smc.git"


def _snapshot(dest: Path) -> str:
    """This toolchain as it is now (tracked and new files, symlinks kept), as a git repository:
    the clone the CI jobs install from. Returns its commit."""
    names = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard",
                            "-z"], check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, names):
        src, out = ROOT / name, dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), out)
        elif src.is_file():
            shutil.copy2(src, out)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "-c", "user.name=t", "-c", "user.email=t@example.ro", "commit", "-q", "-m", "t")
    return git(dest, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def toolchain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    clone = tmp_path_factory.mktemp("toolchain") / "qms-docs"
    return clone, _snapshot(clone)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory, toolchain: tuple[Path, str]) -> Runner:
    """The CI machine: a fresh Python environment and a home whose git configuration maps the
    remotes to local repositories (the toolchain here; the push URLs per test)."""
    base = tmp_path_factory.mktemp("runner")
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    # The build backend in the runner's Python, so that each job's `pip install` builds the
    # toolchain without fetching it again into an isolated build environment (PIP_NO_BUILD_
    # ISOLATION in Runner.env): the same install, minus a download per job.
    subprocess.run([str(base / "venv" / "bin" / "pip"), "install", "-q", "setuptools>=77"],
                   check=True)
    home = base / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        f'[url "{toolchain[0]}"]\n\tinsteadOf = {TOOLCHAIN_REMOTE}\n'
        "[protocol \"file\"]\n\tallow = always\n[advice]\n\tdetachedHead = false\n", "utf-8")
    return Runner(base / "venv" / "bin", home)


def _new_authority(base: Path, toolchain: tuple[Path, str]) -> tuple[Path, Path]:
    """README steps 2-4: `qms init` with the toolchain pinned, pushed to an empty project."""
    repo, origin = base / "primaria", base / "origin.git"
    pinned = f"git+{TOOLCHAIN_REMOTE}@{toolchain[1]}"
    res = CliRunner().invoke(main, ["init", str(repo), "--toolchain", pinned])
    assert res.exit_code == 0, res.output
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(origin)], check=True)
    git(repo, "push", "-q", str(origin), "main")
    return repo, origin


def _pull_request(origin: Path, base: Path) -> str:
    """A colleague's branch: one risk re-assessed."""
    dev = base / "dev"
    subprocess.run(["git", "clone", "-q", str(origin), str(dev)], check=True)
    risks = dev / "content" / "risks.yml"
    risks.write_text(risks.read_text("utf-8").replace("probability: 3", "probability: 2", 1),
                     "utf-8")
    git(dev, "checkout", "-q", "-b", "risc-reevaluat")
    git(dev, "-c", "user.name=Ana", "-c", "user.email=ana@example.ro", "commit", "-qam",
        "R-01 reevaluat")
    git(dev, "push", "-q", "origin", "risc-reevaluat")
    return "risc-reevaluat"


def _ok(results) -> None:
    for p in results:
        assert p.returncode == 0, f"{p.args[-1]}\n{p.stdout}\n{p.stderr}"


def _demo_seal(folder: Path) -> Path:
    """The DEMO e-seal, as an authority keeps its own in a CI secret."""
    res = CliRunner().invoke(main, ["keys", "demo", str(folder)])
    assert res.exit_code == 0, res.output
    return folder / ".keys" / "demo" / "sigiliu.p12"


def test_github_workflow_check_publish_release(tmp_path: Path, runner: Runner, toolchain):
    repo, origin = _new_authority(tmp_path, toolchain)
    workflow = load(repo / ".github" / "workflows" / "qms.yml")
    branch = _pull_request(origin, tmp_path)
    token = {"github.token": "ghs_test", "inputs.version": ""}

    # A pull request: annotations (none: the change is clean) and the change report.
    steps = run_github_job(runner, workflow, "check", origin, tmp_path / "pr",
                           GitHubEvent("pull_request", branch, {**token, "github.base_ref": "main"}))
    _ok(steps)
    assert "Successfully installed" in steps[0].stdout and "qms-docs" in steps[0].stdout
    assert steps[1].stdout == ""  # no annotation
    report = (tmp_path / "pr" / "changes.md").read_text("utf-8")
    assert "risks.yml" in report and "probability" in report

    # A push to main publishes the working site as version "main"; the root opens it.
    _ok(run_github_job(runner, workflow, "publish", origin, tmp_path / "push",
                       GitHubEvent("push", "main", token)))
    assert '"version": "main"' in git(origin, "show", "gh-pages:versions.json")
    assert "main/" in git(origin, "show", "gh-pages:index.html")
    assert list((tmp_path / "push" / "_pdf").glob("*.pdf"))

    # A release by hand: sealed with the e-seal from the secret, tagged, beside "main"; the
    # demo's approvals carry DEMO keys, which the repository variable allows here.
    secrets = {"secrets.QMS_SEAL_P12": base64.b64encode(
                   _demo_seal(tmp_path / "keys").read_bytes()).decode(),
               "secrets.QMS_SIGN_PASSWORD": "demo", "vars.QMS_ALLOW_DEMO_KEYS": "1"}
    _ok(run_github_job(runner, workflow, "release", origin, tmp_path / "release",
                       GitHubEvent("workflow_dispatch", "main",
                                   {**token, "inputs.version": "2026.1", **secrets})))
    assert git(origin, "tag", "--list") == "2026.1"
    pages = git(origin, "ls-tree", "--name-only", "gh-pages")
    assert {"2026.1", "main", "latest", "versions.json"} <= set(pages.split())
    assert git(origin, "ls-tree", "--name-only", "gh-pages", "2026.1/pdf/").count(".pdf") > 10


def test_gitlab_pipeline_check_and_pages_with_a_release(tmp_path: Path, runner: Runner,
                                                        toolchain):
    repo, origin = _new_authority(tmp_path, toolchain)
    pipeline = load(repo / ".gitlab-ci.yml")
    branch = _pull_request(origin, tmp_path)
    server = {"CI_DEFAULT_BRANCH": "main", "CI_SERVER_PROTOCOL": "https",
              "CI_SERVER_HOST": "gitlab.example", "CI_SERVER_PORT": "443",
              "CI_PROJECT_PATH": "primaria/smc"}

    p = run_gitlab_job(runner, pipeline, "qms-check", origin, tmp_path / "mr", branch,
                       {**server, "CI_PIPELINE_SOURCE": "merge_request_event",
                        "CI_COMMIT_REF_NAME": branch,
                        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"})
    _ok([p])
    assert "probability" in (tmp_path / "mr" / "changes.md").read_text("utf-8")

    # Run pipeline by hand with RELEASE_VERSION: the pages job releases, pushes, deploys.
    with (runner.home / ".gitconfig").open("a") as f:
        f.write(f'[url "{origin}"]\n\tinsteadOf = {GITLAB_PUSH}\n')
    keys = {"QMS_SEAL_P12": str(_demo_seal(tmp_path / "keys")), "QMS_ALLOW_DEMO_KEYS": "1"}
    p = run_gitlab_job(runner, pipeline, "pages", origin, tmp_path / "pages", "main",
                       {**server, **keys, "CI_PIPELINE_SOURCE": "web", "CI_COMMIT_BRANCH": "main",
                        "RELEASE_VERSION": "2026.1", "RELEASE_TOKEN": "project-token",
                        "QMS_SIGN_PASSWORD": "demo"})
    _ok([p])
    public = tmp_path / "pages" / "public"
    assert (public / "2026.1" / "index.html").is_file() and (public / "main" / "index.html").is_file()
    assert len(list((public / "2026.1" / "pdf").glob("*.pdf"))) > 10
    assert list((public / "main" / "pdf").glob("*.pdf"))
    assert "2026.1" in (public / "versions.json").read_text("utf-8")
    assert git(origin, "tag", "--list") == "2026.1"
    assert "2026.1" in git(origin, "ls-tree", "--name-only", "gh-pages").split()
