"""`qms changes` and the version rules read and parse only the files that differ between the two
revisions (history/snapshot.snapshots); the report is the one of comparing everything."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

from qms_docs.history import changes, snapshot
from qms_docs.history.changes import compare

PS01 = "content/procedures/PS-01-controlul-documentelor.md"
PS02 = "content/procedures/PS-02-controlul-inregistrarilor.md"


def _full(root, content_dir, base, head):
    return snapshot.snapshot(root, content_dir, base), snapshot.snapshot(root, content_dir, head)


def _both(repo: Path, base: str, head: str | None, monkeypatch: pytest.MonkeyPatch) -> str:
    lazy = compare(repo, "content", base, head).to_json()
    with monkeypatch.context() as m:
        m.setattr(changes, "snapshots", _full)
        full = compare(repo, "content", base, head).to_json()
    assert lazy == full
    return lazy


def test_one_edit_reads_one_file(demo_repo: Path, monkeypatch: pytest.MonkeyPatch):
    base = git(demo_repo, "rev-parse", "HEAD").strip()
    p = demo_repo / PS01
    p.write_text(p.read_text("utf-8") + "\nText nou.\n", "utf-8")
    parsed: list[str] = []
    real = snapshot._parse
    monkeypatch.setattr(snapshot, "_parse", lambda e: (parsed.append(e.path), real(e)))
    report = _both(demo_repo, base, None, monkeypatch)
    assert sorted(set(parsed[:2])) == [PS01.removeprefix("content/")]  # the lazy pass
    assert "PS-01" in report
    git(demo_repo, "commit", "-qam", "edit")
    assert _both(demo_repo, base, "HEAD", monkeypatch) == report.replace(
        '"head": "work tree"', '"head": "HEAD"')


def test_renames_new_codes_links_and_registers(demo_repo: Path,
                                               monkeypatch: pytest.MonkeyPatch):
    base = git(demo_repo, "rev-parse", "HEAD").strip()
    (demo_repo / PS02).rename(demo_repo / "content/procedures/PS-02-nou.md")
    p = demo_repo / PS01
    p.write_text(p.read_text("utf-8").replace("code: PS-01", "code: PS-09", 1), "utf-8")
    (demo_repo / "content/forms/F-link.md").symlink_to("../" + PS01.removeprefix("content/"))
    risks = demo_repo / "content/risks.yml"
    risks.write_text(risks.read_text("utf-8").replace("probability: 3", "probability: 4", 1),
                     "utf-8")
    (demo_repo / "content/poza.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    report = _both(demo_repo, base, None, monkeypatch)
    assert "PS-09" in report and "PS-02-nou.md" in report and "F-link.md" in report
    git(demo_repo, "add", "-A")
    git(demo_repo, "commit", "-qm", "many")
    _both(demo_repo, base, "HEAD", monkeypatch)
    _both(demo_repo, "HEAD", base, monkeypatch)


def test_the_history_pass_keeps_only_front_matters(demo_repo: Path):
    """document_histories reads edition and revision from the front matter streamed out of
    cat-file; a 2 MB body is read past, never held."""
    from qms_docs.history.documents import front_fields
    from qms_docs.history.gitlog import GitRepo

    p = demo_repo / PS01
    text = p.read_text("utf-8")
    p.write_text(text + ("Un paragraf lung de text. " * 40 + "\n\n") * 2000, "utf-8")
    (demo_repo / "content/poza.png").write_bytes(b"\x89PNG" + b"\0" * 100_000)
    git(demo_repo, "add", "-A")
    git(demo_repo, "commit", "-qm", "big")
    repo = GitRepo(demo_repo)
    shas = [line.split()[2] for line in repo.git("ls-tree", "-r", "HEAD", "--",
                                                 "content").splitlines()]
    heads, whole = repo.front_matters(shas), repo.blobs(shas)
    assert set(heads) == set(whole)
    assert all(front_fields(heads[s]) == front_fields(whole[s]) for s in shas)
    # as the history pass reads them: only the fields are kept, as each blob streams past
    assert repo.front_matters(shas, keep=front_fields) == {s: front_fields(whole[s])
                                                           for s in shas}
    big = max(whole, key=lambda s: len(whole[s]))
    assert len(whole[big]) > 2_000_000 and len(heads[big]) < 20_000
    assert heads[big] == whole[big][:len(heads[big])]
    assert repo.front_matters([]) == {} and repo.front_matters(["0" * 40]) == {}
