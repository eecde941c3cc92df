"""Document control from git, on real repositories built in temp dirs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY, git

from qms_docs.check import run_check
from qms_docs.cli import main
from qms_docs.config import load_config
from qms_docs.history import document_histories
from qms_docs.history.changes import compare, to_markdown

PS01 = "content/procedures/PS-01-controlul-documentelor.md"


def _edit(repo: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    p = repo / rel
    text = p.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    p.write_text(text.replace(old, new, count), "utf-8")


def _bump(repo: Path, rel: str) -> tuple[int, int]:
    """Raise the revision and add its row to table 2; returns the new (edition, revision)."""
    p = repo / rel
    text = p.read_text("utf-8")
    ed = int(re.search(r"^edition: (\d+)", text, re.M).group(1))
    rev = int(re.search(r"^revision: (\d+)", text, re.M).group(1)) + 1
    text = re.sub(r"^revision: \d+", f"revision: {rev}", text, count=1, flags=re.M)
    row = (f"  - edition: {ed}\n    revision: {rev}\n    component: Secțiunea 8.3\n"
           f"    description: Termen redus\n    date: '{TODAY}'\n")
    text = text.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:", 1) \
        if "\ndistribution:" in text else text
    p.write_text(text, "utf-8")
    return ed, rev


def _first_body_sentence(repo: Path, rel: str) -> str:
    body = (repo / rel).read_text("utf-8").split("\n---\n", 1)[1]
    para = next(p for p in body.split("\n\n") if p.strip() and not p.startswith("#"))
    return para.strip().split("\n")[0]


def test_change_without_bump_is_an_error(demo_repo: Path):
    git(demo_repo, "tag", "-a", "v1", "-m", "release 1")
    sentence = _first_body_sentence(demo_repo, PS01)
    _edit(demo_repo, PS01, sentence, sentence + " Text nou adăugat.")
    result = run_check(demo_repo, today=None)
    codes = [(f.code, f.path) for f in result.findings]
    assert ("QMS401", PS01) in codes  # against the last tag by default


def test_bump_with_change_passes_and_bump_alone_warns(demo_repo: Path):
    git(demo_repo, "tag", "-a", "v1", "-m", "release 1")
    _bump(demo_repo, PS01)
    codes = [f.code for f in run_check(demo_repo).findings if f.path == PS01]
    assert codes == ["QMS402", "QMS713"]  # and the new version is not approved yet
    sentence = _first_body_sentence(demo_repo, PS01)
    _edit(demo_repo, PS01, sentence, sentence + " Text nou.")
    assert [f.code for f in run_check(demo_repo).findings if f.path == PS01] == ["QMS713"]


def test_version_going_back_is_an_error(demo_repo: Path):
    _bump(demo_repo, PS01)
    git(demo_repo, "commit", "-qam", "bump")
    git(demo_repo, "tag", "v2")
    _edit(demo_repo, PS01, "revision: ", "revision: 0\nx_old_revision: ", 1)
    text = (demo_repo / PS01).read_text("utf-8")
    (demo_repo / PS01).write_text(re.sub(r"\nx_old_revision: \d+", "", text), "utf-8")
    codes = [f.code for f in run_check(demo_repo, against="v2").findings if f.path == PS01]
    assert "QMS403" in codes


def test_history_follows_renames_and_reads_versions(demo_repo: Path):
    new = PS01.replace("controlul-documentelor", "control-documente")
    git(demo_repo, "mv", PS01, new)
    git(demo_repo, "commit", "-qm", "rename")
    _bump(demo_repo, new)
    git(demo_repo, "commit", "-qam", "bump")
    hist = document_histories(demo_repo, {new: "PS-01"})["PS-01"]
    assert [r.status for r in hist.revisions] == ["M", "R", "A"]
    assert hist.revisions[-1].path == PS01
    latest = hist.revisions[0]
    assert latest.revision == hist.revisions[1].revision + 1


def test_changes_report_redline_and_yaml_fields(demo_repo: Path):
    sentence = _first_body_sentence(demo_repo, PS01)
    words = sentence.split()
    _edit(demo_repo, PS01, sentence, " ".join(words[:-1] + ["MODIFICAT."]))
    _edit(demo_repo, "content/risks.yml", "probability: ", "probability: 5\n    x: ", 1)
    text = (demo_repo / "content/risks.yml").read_text("utf-8")
    (demo_repo / "content/risks.yml").write_text(re.sub(r"\n    x: \d+", "", text, count=1),
                                                  "utf-8")
    cfg = load_config(demo_repo)
    report = compare(demo_repo, cfg.content_dir, "HEAD", None)
    assert [(d.code, d.status) for d in report.documents] == [("PS-01", "changed")]
    md = to_markdown(report, "ro")
    assert f"<del>{words[-1]}</del><ins>MODIFICAT.</ins>" in md
    risks = next(d for d in report.data if d.path == "risks.yml")
    assert len(risks.fields) == 1 and risks.fields[0].path.endswith("].probability")
    assert risks.fields[0].new == 5


def test_changes_cli_json(demo_repo: Path):
    new = PS01.replace("controlul-documentelor", "cd")
    git(demo_repo, "mv", PS01, new)
    git(demo_repo, "commit", "-qm", "rename")
    res = CliRunner().invoke(main, ["changes", str(demo_repo), "--base", "HEAD~1",
                                    "--head", "HEAD", "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert [(d["code"], d["status"]) for d in data["documents"]] == [("PS-01", "renamed")]


def test_changes_unknown_ref_is_one_clear_line(demo_repo: Path):
    res = CliRunner().invoke(main, ["changes", str(demo_repo), "--base", "nope"])
    assert res.exit_code == 2  # a usage error, not a finding
    assert res.output == "qms: error: unknown git revision 'nope'\n"


def test_review_and_ack_status(demo_repo: Path):
    res = CliRunner().invoke(main, ["review-status", str(demo_repo), "--today", "2040-01-01",
                                    "--fail-overdue"])
    assert res.exit_code == 1
    assert res.output.splitlines()[0].startswith("overdue  ")
    res = CliRunner().invoke(main, ["review-status", str(demo_repo), "--today", "2020-01-01"])
    assert res.exit_code == 0 and " 0 overdue" in "\n" + res.output.splitlines()[-1] or \
        res.output.splitlines()[-1].startswith("0 overdue")
    res = CliRunner().invoke(main, ["ack-status", str(demo_repo)])
    assert res.exit_code == 0
    assert res.output.strip().endswith("acknowledgement(s) pending")


def test_init_with_history_replays_table_2(tmp_path: Path):
    """Every row of every document's table 2 is one dated commit, and the history read back
    from git gives exactly those versions (their evidence: test_approvals.py)."""
    from qms_docs.history.documents import document_histories
    from qms_docs.history.pages import in_force_on, pages, validity
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    target = tmp_path / "new"
    res = CliRunner().invoke(main, ["init", "--history", str(target)])
    assert res.exit_code == 0, res.output
    assert git(target, "status", "--porcelain") == ""
    cfg = load_config(target)
    qms = build_qms(cfg, load_repository(cfg))
    ps01 = qms.document("PS-01")
    hist = document_histories(target, {ps01.where.file.rel: "PS-01"})["PS-01"]
    expected = [(r.edition, r.revision) for r in sorted(ps01.revisions, key=lambda r: r.date)]
    assert [(v.edition, v.revision) for v in reversed(hist.versions())] == expected
    assert [v.date[:10] for v in reversed(hist.versions())] == [r.date for r in
                                                                sorted(ps01.revisions,
                                                                       key=lambda r: r.date)]
    # the version in force on a date: the last table-2 row on or before it
    first, second = validity(ps01)[:2]
    assert in_force_on(ps01, second[2]) == (second[0], second[1], second[2])
    assert in_force_on(ps01, "2000-01-01") is None
    md = pages(qms, "ro")
    assert "**PERIMAT**" in md["control/in-vigoare.md"]
    assert "Approved-by" not in md["control/istoric/ps-01.md"]


def test_history_page_shows_redline_and_escapes(demo_repo: Path):
    from qms_docs.history.pages import pages
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    path = demo_repo / PS01
    text = path.read_text("utf-8").replace("\nrevision: 1\n", "\nrevision: 2\n", 1)
    text = text.replace("sunt elaborate,", "sunt redactate <script>x</script>,", 1)
    path.write_text(text, "utf-8")
    git(demo_repo, "commit", "-qam", "PS-01 <b>rev</b> 2")
    cfg = load_config(demo_repo)
    page = pages(build_qms(cfg, load_repository(cfg)), "en")["control/istoric/ps-01.md"]
    assert "## Changes from the previous version (2.1 → 2.2)" in page
    # raw HTML is sanitised on the site (the script and its text removed), as in the page
    assert "<del>elaborate,</del><ins>redactate ,</ins>" in page
    assert "<script" not in page, page
    assert "PS-01 &#60;b&#62;rev&#60;/b&#62; 2" in page


def test_merge_commit_is_one_revision(demo_repo: Path):
    """A pull request merged with --no-ff: main's first-parent history shows the merge as the
    change; the approval in its message counts for nothing (the evidence does)."""
    git(demo_repo, "tag", "-a", "v1", "-m", "release 1")
    git(demo_repo, "checkout", "-q", "-b", "pr-7")
    _bump(demo_repo, PS01)
    git(demo_repo, "commit", "-qam", "PS-01: ciornă")
    sentence = _first_body_sentence(demo_repo, PS01)
    _edit(demo_repo, PS01, sentence, sentence + " Modificare.")
    git(demo_repo, "commit", "-qam", "PS-01: corectură")
    git(demo_repo, "checkout", "-q", "main")
    git(demo_repo, "merge", "-q", "--no-ff", "pr-7", "-m",
        "Merge PR 7: PS-01 rev. 2\n\nApproved-by: Gheorghe Stanciu "
        "<gheorghe.stanciu@dealumare.ro> [primar]")
    hist = document_histories(demo_repo, {PS01: "PS-01"})["PS-01"]
    assert [r.subject for r in hist.revisions] == ["Merge PR 7: PS-01 rev. 2", "Demo QMS"]
    assert [r.version for r in hist.revisions] == ["2.2", "2.1"]
    codes = [f.code for f in run_check(demo_repo, require_approval=True).findings]
    assert "QMS405" in codes and "QMS401" not in codes


def test_histories_are_read_once_per_model(demo_repo: Path):
    """The history pages of one build read git once (table 1 reads no history at all)."""
    from qms_docs.history.approvals import resolve_approvals
    from qms_docs.history.documents import histories_of
    from qms_docs.history.pages import pages
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    cfg = load_config(demo_repo)
    qms = build_qms(cfg, load_repository(cfg))
    resolve_approvals(qms)
    assert "histories" not in qms.derived
    first = histories_of(qms)
    assert first["PS-01"].revisions and histories_of(qms) is first
    pages(qms, "ro")
    assert qms.derived["histories"] is first
