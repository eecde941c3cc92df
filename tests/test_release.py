"""Frozen releases in a real repository: mike's versions.json, refused overwrite, manifest and
tag verification, reproducible rebuilds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import git

from qms_docs.cli import main

PS01 = "content/procedures/PS-01-controlul-documentelor.md"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _new_revision(repo: Path) -> None:
    """PS-01: one sentence changed, revision raised, its table-2 row, signed by the holders of
    its three functions (the demo keys), the evidence committed."""
    p = repo / PS01
    text = p.read_text("utf-8")
    rev = int(re.search(r"^revision: (\d+)", text, re.M).group(1)) + 1
    text = re.sub(r"^revision: \d+", f"revision: {rev}", text, count=1, flags=re.M)
    row = (f"  - edition: 2\n    revision: {rev}\n    component: Secțiunea 4\n"
           "    description: Precizarea scopului\n    date: 2026-11-25\n")
    text = text.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:", 1)
    text = re.sub(r"^effective_date: .*$", "effective_date: 2026-11-25", text, count=1,
                  flags=re.M)
    p.write_text(text.replace("sunt elaborate,", "sunt redactate,", 1), "utf-8")
    for step, day in (("elaborated", "2026-11-18"), ("verified", "2026-11-20"),
                      ("approved", "2026-11-23")):
        res = run("approve", "PS-01", "--as", step, "--repo", str(repo), "--time",
                  f"{day}T10:00:00+02:00")
        assert res.exit_code == 0, res.output
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"PS-01 rev. {rev}")


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import make_demo

    repo = make_demo(tmp_path_factory.mktemp("rel") / "repo")
    assert run("keys", "demo", str(repo)).exit_code == 0
    res = run("release", "2026.1", str(repo), "--no-pdf", "--allow-demo-keys")
    assert res.exit_code == 0, res.output
    _new_revision(repo)
    res = run("release", "2026.2", str(repo), "--no-pdf", "--allow-demo-keys", "--out",
              str(repo.parent / "www"))
    assert res.exit_code == 0, res.output
    return repo


def _show(repo: Path, path: str) -> str:
    return git(repo, "show", f"gh-pages:{path}")


def test_two_releases_on_the_pages_branch(released: Path):
    versions = json.loads(_show(released, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("2026.2", ["latest"]),
                                                                ("2026.1", [])]
    assert versions[0]["properties"]["commit"] == git(released, "rev-parse", "HEAD").strip()
    assert git(released, "tag", "-l").split() == ["2026.1", "2026.2"]
    assert "Manifest-SHA256: " in git(released, "tag", "-l", "--format=%(contents)", "2026.2")


def test_each_release_shows_the_versions_in_force_at_its_commit(released: Path):
    old = _show(released, "2026.1/control/in-vigoare/index.html")
    new = _show(released, "2026.2/control/in-vigoare/index.html")
    row = re.compile(r"PS-01</a></td>\s*<td[^>]*>Controlul documentelor</td>\s*"
                     r"<td[^>]*>2</td>\s*<td[^>]*>(\d)</td>")
    assert row.search(old).group(1) == "1" and row.search(new).group(1) == "2"
    assert "<del>elaborate,</del><ins>redactate,</ins>" in _show(
        released, "2026.2/control/istoric/ps-01/index.html")


def test_a_release_is_never_overwritten(released: Path):
    head = git(released, "rev-parse", "gh-pages").strip()
    res = run("release", "2026.2", str(released), "--no-pdf", "--allow-demo-keys")
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == (
        "qms: error: tag 2026.2 already exists; a release is never overwritten")
    assert git(released, "rev-parse", "gh-pages").strip() == head


def test_verify_release_catches_changed_missing_added(released: Path, tmp_path: Path):
    assert run("verify-release", "2026.1", "--repo", str(released)).output == "2026.1: OK\n"
    www = released.parent / "www"
    assert run("verify-release", str(www / "2026.2"), "--repo", str(released)).exit_code == 0
    folder = tmp_path / "2026.2"
    import shutil

    shutil.copytree(www / "2026.2", folder)
    (folder / "index.html").write_text("forged", "utf-8")
    (folder / "404.html").unlink()
    (folder / "extra.txt").write_text("x", "utf-8")
    res = run("verify-release", str(folder), "--repo", str(released))
    assert res.exit_code == 1
    assert res.output.splitlines()[:3] == [f"{folder}: 404.html: missing",
                                           f"{folder}: extra.txt: added",
                                           f"{folder}: index.html: changed"]


def test_a_manifest_rewritten_with_the_files_is_caught_by_the_tag(released: Path,
                                                                  tmp_path: Path):
    import shutil

    from qms_docs.release.manifest import write_manifest

    folder = tmp_path / "2026.2"
    shutil.copytree(released.parent / "www" / "2026.2", folder)
    (folder / "index.html").write_text("forged", "utf-8")
    write_manifest(folder, "2026.2", "0" * 40, "x", "2026-11-25")
    res = run("verify-release", str(folder), "--repo", str(released))
    assert res.exit_code == 1
    assert f"{folder}: manifest.json: changed (does not match tag 2026.2)" in res.output


def test_rebuilding_a_release_gives_the_same_site(released: Path, tmp_path: Path):
    from conftest import make_demo

    other = make_demo(tmp_path / "again")
    assert run("release", "2026.1", str(other), "--no-pdf", "--allow-demo-keys").exit_code == 0
    a = json.loads(_show(released, "2026.1/manifest.json"))["files"]
    b = json.loads(_show(other, "2026.1/manifest.json"))["files"]
    assert a == b
