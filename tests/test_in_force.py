"""`qms in-force --date D`: the version of each document in force on any day, from a real
`qms init --history` repository; boundary days, a withdrawn document, a future-dated version,
and the refusals (shallow clone, no git)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import git

from qms_docs.cli import main

# PS-03 in the replayed history: 1.0 from 2024-04-15, 2.0 from 2025-09-01.
PS03_V2 = "2025-09-01"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def history_repo(history_repo_shared: Path) -> Path:
    return history_repo_shared


def clone(src: Path, dest: Path, *extra: str) -> Path:
    subprocess.run(["git", "clone", "-q", *extra, f"file://{src}", str(dest)], check=True)
    return dest


def rows(repo: Path, day: str, *extra: str) -> dict[str, dict]:
    res = run("in-force", str(repo), "--date", day, "--format", "json", *extra)
    assert res.exit_code == 0, res.output
    return {r["code"]: r for r in json.loads(res.output)}


def test_boundary_days(history_repo: Path) -> None:
    before = rows(history_repo, "2025-08-31")["PS-03"]
    assert (before["edition"], before["revision"]) == (1, 0)
    assert before["to"] == "2025-08-31" and before["status"] == "în vigoare"
    on = rows(history_repo, PS03_V2)["PS-03"]  # the new version applies on its own day
    assert (on["edition"], on["revision"], on["from"], on["to"]) == (2, 0, PS03_V2, "")
    early = rows(history_repo, "2024-04-14")["PS-03"]  # the day before the first version
    assert early["state"] == "future" and early["status"] == "intră în vigoare la 15.04.2024"


def test_every_version_with_its_status(history_repo: Path) -> None:
    res = run("in-force", str(history_repo), "--date", PS03_V2, "--format", "json", "--all")
    ps03 = [r for r in json.loads(res.output) if r["code"] == "PS-03"]
    assert [(r["edition"], r["status"]) for r in ps03] == [(1, "perimat"), (2, "în vigoare")]
    assert set(ps03[0]) >= {"code", "title", "edition", "revision", "from", "to", "status"}


def test_text_format(history_repo: Path) -> None:
    res = run("in-force", str(history_repo), "--date", "2025-06-01")
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("PS-03 "))
    assert re.search(r"1\.0\s+2024-04-15 → 2025-08-31\s+în vigoare\s+Auditul intern", line)
    helptext = " ".join(run("in-force", "--help").output.split())
    assert "a version is in force from its effective date inclusive; the version it replaces " \
           "is in force until the day before, inclusive" in helptext


def test_withdrawn_document(history_repo: Path, tmp_path: Path) -> None:
    repo = clone(history_repo, tmp_path / "w")
    res = run("withdraw", "IL-03", "--repo", str(repo), "--date", "2026-06-01",
              "--reason", "Înlocuită de procedura PS-02")
    assert res.exit_code == 0, res.output
    acks = repo / "content" / "acknowledgements.yml"  # a withdrawn code names no document
    acks.write_text(re.sub(r"(?m)^  - document: IL-03\n(?:    .*\n)*", "",
                           acks.read_text("utf-8")), "utf-8")
    # before the deletion is committed: the text is still found at HEAD
    assert rows(repo, "2026-06-01")["IL-03"]["state"] == "withdrawn"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "IL-03 retrasă")
    before = rows(repo, "2026-05-31")["IL-03"]
    assert before["state"] == "in-force" and before["to"] == "2026-05-31"
    on = rows(repo, "2026-06-01")["IL-03"]
    assert on["state"] == "withdrawn" and on["status"] == "retras"
    assert (on["edition"], on["revision"]) == (1, 0)


def test_future_version(history_repo: Path, tmp_path: Path) -> None:
    repo = clone(history_repo, tmp_path / "f")
    p = next((repo / "content" / "procedures").glob("PS-03-*.md"))
    text = p.read_text("utf-8")
    text = re.sub(r"^revision: \d+", "revision: 1", text, count=1, flags=re.M)
    text = re.sub(r"^effective_date: .*$", "effective_date: 2027-03-01", text, count=1,
                  flags=re.M)
    row = ("  - edition: 2\n    revision: 1\n    component: Test\n"
           "    description: Modificare de test\n    date: 2027-03-01\n")
    p.write_text(text.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:",
                              1), "utf-8")
    git(repo, "commit", "-q", "-am", "PS-03 ed. 2 rev. 1")
    now = rows(repo, "2026-12-01")["PS-03"]
    assert (now["edition"], now["revision"], now["to"]) == (2, 0, "2027-02-28")
    later = rows(repo, "2027-03-01")["PS-03"]
    assert (later["edition"], later["revision"], later["status"]) == (2, 1, "în vigoare")
    res = run("in-force", str(repo), "--date", "2026-12-01", "--format", "json", "--all")
    ps03 = [r for r in json.loads(res.output) if r["code"] == "PS-03"]
    assert ps03[-1]["status"] == "intră în vigoare la 01.03.2027"


def test_english(history_repo: Path, tmp_path: Path) -> None:
    repo = clone(history_repo, tmp_path / "en")
    cfg = repo / "qms.yml"
    cfg.write_text(re.sub(r"(?m)^language: .*$", "", cfg.read_text("utf-8"))
                   + "\nlanguage: en\n", "utf-8")
    r = rows(repo, "2024-04-14")["PS-03"]
    assert r["status"] == "takes effect on 2024-04-15"


def test_shallow_clone_refused(history_repo: Path, tmp_path: Path) -> None:
    repo = clone(history_repo, tmp_path / "s", "--depth", "1")
    res = run("in-force", str(repo), "--date", "2025-06-01")
    assert res.exit_code == 2
    assert "shallow" in res.output and "fetch-depth: 0" in res.output
    assert "PS-03" not in res.output


def test_outside_git_refused(history_repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    shutil.copytree(history_repo, folder, ignore=shutil.ignore_patterns(".git"))
    res = run("in-force", str(folder), "--date", "2025-06-01")
    assert res.exit_code == 2
    assert "not a git repository" in res.output and "PS-03" not in res.output
