"""Audits, corrective actions, management review, training: the demo is clean; bad input gets
exact findings; the generated checklist matches an independent computation from the raw files;
review-inputs holds every ISO 9.3.2 input with real data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, TODAY

import qms_docs.cli.audit  # noqa: F401  (registers the commands whatever cli/__init__ imports)
from qms_docs.audit.model import build
from qms_docs.audit.pages import pages
from qms_docs.check import run_check
from qms_docs.cli import main

AUD = "content/audits"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def audit_findings(repo: Path, today: str = TODAY) -> list[str]:
    """`qms check` text output, keeping the findings (with their hint) about audit files or
    with an audit code."""
    res = run("check", str(repo), "--no-history", "--today", today)
    out: list[str] = []
    keep = False
    for line in res.output.split("\n"):
        if line.startswith("    hint: "):
            if keep:
                out[-1] += "\n" + line
            continue
        m = re.match(r"(\S+):\d+:\d+: (error|warning) (QMS\d+) ", line)
        keep = bool(m) and (m.group(1).startswith(AUD) or m.group(3).startswith("QMS6"))
        if keep:
            out.append(line)
    return out


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / AUD / rel
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), "utf-8")


def at(repo: Path, rel: str, line_has: str, value: str | None = None,
       after: str | None = None) -> str:
    """'content/audits/<rel>:line:col' of value on the first line containing line_has (after
    the line containing `after`, when given)."""
    lines = (repo / AUD / rel).read_text("utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if after in ln) if after else 0
    i = next(i for i in range(start, len(lines)) if line_has in lines[i])
    return f"{AUD}/{rel}:{i + 1}:{lines[i].index(value or line_has) + 1}"


def raw(path: Path) -> dict:
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        text = text.split("\n---", 1)[0].removeprefix("---\n")
    return yaml.safe_load(text)


# --- the demo -----------------------------------------------------------------------------

def test_demo_has_no_audit_findings(demo_repo_shared: Path):
    assert audit_findings(demo_repo_shared) == []


def test_demo_is_complete(demo_repo_shared: Path):
    data = build(run_check(demo_repo_shared, history=False).qms)
    assert [(a.id, a.type, a.status) for a in data.audits] == [
        ("AD-2024-01", "diagnostic", "completed"), ("AI-2024-01", "internal", "completed"),
        ("AC-2024-01", "certification", "completed"), ("AI-2025-01", "internal", "completed"),
        ("AI-2025-02", "internal", "completed"), ("AS-2025-01", "surveillance", "completed"),
        ("AI-2026-01", "internal", "completed"), ("AS-2026-01", "surveillance", "completed")]
    diag = data.audit("AD-2024-01")
    assert diag and diag.checklist
    top = [str(c["id"]) for c in raw(ROOT / "qms_docs/reference/iso9001.yml")["clauses"]
           if c["parent"] is None]
    assert [x.clause for x in diag.checklist.lines] == top
    internal = [f for f in data.findings if f.audit == "AI-2026-01"]
    assert {f.status for f in internal} == {"closed", "in-progress", "implemented", "open",
                                            "noted"}
    assert [r.year for r in data.reviews] == [2024, 2025, 2026]
    assert [x.year for x in sorted(data.frozen, key=lambda x: x.year)] == [2024, 2025, 2026]
    assert len(data.sessions) == 4


def test_demo_text_uses_comma_below_diacritics():
    for path in (ROOT / AUD).rglob("*.yml"):
        assert not re.search("[şţŞŢ]", path.read_text("utf-8")), f"cedilla in {path}"


# --- bad input: exact findings -------------------------------------------------------------

TEAM = ("[adrian-munteanu, laura-barbu, bogdan-neagu, cristina-olteanu, daniela-preda, "
        "florin-dobre, vlad-petrache]")


def test_auditor_audits_own_process(demo_repo: Path):
    """A job function as auditor: the process it owns."""
    rel = "2025/AI-2025-02/audit.yml"
    edit(demo_repo, rel, f"auditors: {TEAM}", f"auditors: {TEAM[:-1]}, rmc]")
    edit(demo_repo, rel, "process: P-04, auditor: adrian-munteanu",
         "process: P-04, auditor: rmc")
    loc = at(demo_repo, rel, "process: P-04, auditor: rmc", "rmc")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS601 auditor 'rmc' audits P-04, a process it owns\n"
        "    hint: auditors may not audit their own work (ISO 9001 9.2.2 c): assign "
        "'adrian-munteanu' or 'laura-barbu' or 'bogdan-neagu' or 'cristina-olteanu' or "
        "'daniela-preda' or 'florin-dobre' or 'vlad-petrache'"]


def test_auditor_audits_own_department(demo_repo: Path):
    """A person as auditor: judged by the functions held on the session's date."""
    rel = "2026/AI-2026-01/audit.yml"
    edit(demo_repo, rel, "process: P-06, auditor: bogdan-neagu",
         "process: P-06, auditor: florin-dobre")
    loc = at(demo_repo, rel, "process: P-06, auditor: ", "florin-dobre")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS601 auditor 'florin-dobre' audits P-06, a process of its own "
        "department REG (Referent registratură)\n"
        "    hint: auditors may not audit their own work (ISO 9001 9.2.2 c): assign "
        "'adrian-munteanu' or 'laura-barbu' or 'bogdan-neagu' or 'cristina-olteanu' or "
        "'daniela-preda' or 'vlad-petrache'"]


def test_programme_without_independent_auditor(demo_repo: Path):
    rel = "2026/programme.yml"
    edit(demo_repo, rel, f"P-13]\n    auditors: {TEAM}", "P-13]\n    auditors: [florin-dobre]")
    loc = at(demo_repo, rel, "processes: [P-02", "P-06")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS601 AI-2026-01: no independent auditor for P-06: 'florin-dobre' would "
        "audit a process of its own department REG (Referent registratură)\n"
        "    hint: auditors may not audit their own work (ISO 9001 9.2.2 c): add to the team "
        "an auditor of another department"]


def test_action_past_deadline(demo_repo: Path):
    edit(demo_repo, "findings.yml", "deadline: 2026-12-31", "deadline: 2026-10-31")
    loc = at(demo_repo, "findings.yml", "deadline: 2026-10-31", "2026-10-31")
    assert audit_findings(demo_repo) == [
        f"{loc}: warning QMS614 corrective action of NC-2026-02 was due 2026-10-31 and is "
        "in-progress\n"
        "    hint: implement it, or set a new deadline with a 'progress' note"]


def test_finding_without_clause(demo_repo: Path):
    edit(demo_repo, "findings.yml", '    date: 2026-05-11\n    clause: "8.5.2"\n',
         "    date: 2026-05-11\n")
    loc = at(demo_repo, "findings.yml", "- id: NC-2026-01", "id")
    status = at(demo_repo, "2026/AI-2026-01/checklist.yml", "status:", "neconformitate",
                after='clause: "8.5.2"')
    assert audit_findings(demo_repo) == [
        f"{status}: error QMS610 clause 8.5.2: neconformitate-minora without a finding in the "
        "register\n"
        "    hint: record it in audits/findings.yml with audit: AI-2026-01 and clause: "
        "\"8.5.2\"",
        f"{loc}: error QMS611 NC-2026-01 has no ISO 9001 clause\n"
        "    hint: name the requirement not met, e.g. clause: \"7.5.3\""]


def test_closure_without_verification(demo_repo: Path):
    edit(demo_repo, "findings.yml",
         "      verification:\n        date: 2026-09-15\n        by: andreea-constantinescu\n"
         "        result: În iulie-august 2026 toate cele 86 de petiții au fost înregistrate "
         "în ziua primirii.\n        effective: true\n", "")
    loc = at(demo_repo, "findings.yml", "status: closed", "closed", after="id: NC-2026-01")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS615 corrective action of NC-2026-01 is closed without a "
        "verification of effectiveness\n"
        "    hint: add verification: date, by, result, effective (ISO 10.2.1 d), or set "
        "status: implemented"]


def test_closed_although_not_effective(demo_repo: Path):
    edit(demo_repo, "findings.yml", "ziua primirii.\n        effective: true",
         "ziua primirii.\n        effective: false")
    loc = at(demo_repo, "findings.yml", "effective: false", "false")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS616 corrective action of NC-2026-01 is closed but was found not "
        "effective\n"
        "    hint: reopen it (status: in-progress) with a new action, or raise a new finding"]


def test_action_without_owner(demo_repo: Path):
    edit(demo_repo, "findings.yml", "      owner: arhitect-sef\n      deadline: 2027-02-28",
         "      deadline: 2027-02-28")
    loc = at(demo_repo, "findings.yml", "description: Întocmirea listei", "description",
             after="id: NC-2026-04")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS613 corrective action of NC-2026-04 has no owner\n"
        "    hint: set 'owner' (ISO 10.2.1: who does what by when)"]


def test_stale_checklist_of_open_audit(demo_repo: Path):
    edit(demo_repo, "2026/AI-2026-01/audit.yml", "status: completed", "status: in-progress")
    assert run("audit", "checklist", "AI-2026-01", str(demo_repo)).exit_code == 0
    assert audit_findings(demo_repo) == []
    rel = "2026/AI-2026-01/checklist.yml"
    path = demo_repo / AUD / rel
    text = path.read_text("utf-8")
    start = text.index('- clause: "6.1"')
    text = text[:start] + text[start:].replace('processes: ["P-03"]', "processes: []", 1)
    path.write_text(text, "utf-8")
    loc = at(demo_repo, rel, '- clause: "6.1"', '"6.1"')
    assert audit_findings(demo_repo) == [
        f"{loc}: warning QMS609 checklist line 6.1 is out of date: processes now P-03 "
        "(was none)\n"
        "    hint: run 'qms audit checklist AI-2026-01' (the auditor's statuses and notes are "
        "kept)"]
    statuses = [x["status"] for x in raw(path)["lines"]]
    res = run("audit", "checklist", "AI-2026-01", str(demo_repo))
    assert res.exit_code == 0, res.output
    assert audit_findings(demo_repo) == []
    assert [x["status"] for x in raw(path)["lines"]] == statuses


def test_training_presents_future_version(demo_repo: Path):
    edit(demo_repo, "training.yml", "{code: PS-02, edition: 1, revision: 1}",
         "{code: PS-02, edition: 1, revision: 2}")
    loc = at(demo_repo, "training.yml", "{code: PS-02", "1, revision")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS621 S-2026-01 presents PS-02 1.2, newer than its current edition "
        "1.1\n"
        "    hint: the version in force is 1.1"]


def test_review_without_resource_decision(demo_repo: Path):
    rel = "2026/management-review.yml"
    edit(demo_repo, rel, "  - output: resources\n    decision: Ocuparea unui post de inspector "
         "urbanism și bugetarea verificării metrologice a echipamentelor de măsurare în 2027.\n",
         "")
    loc = at(demo_repo, rel, "- output: improvement", "-")  # where the list starts
    assert audit_findings(demo_repo) == [
        f"{loc}: warning QMS620 management review 2026 records no decision on 9.3.3 c) "
        "resource needs\n"
        "    hint: ISO 9.3.3: record a decision (even 'none needed') on improvement, changes "
        "and resources"]


def test_programme_leaves_out_a_process(demo_repo: Path):
    edit(demo_repo, "2026/programme.yml", "[P-01, P-04, P-05, P-10, P-12, P-14]",
         "[P-01, P-04, P-05, P-10, P-12]")
    loc = at(demo_repo, "2026/programme.yml", "- id: AI-2026-01", "-")
    assert audit_findings(demo_repo) == [
        f"{loc}: warning QMS605 the 2026 audit programme leaves out P-14\n"
        "    hint: plan every process at least once a year, or explain the cycle in 'criteria' "
        "and plan them in the next programme"]


def test_audit_not_in_programme_and_without_checklist(demo_repo: Path):
    edit(demo_repo, "2026/programme.yml", "  - id: AI-2026-01\n", "  - id: AI-2026-09\n")
    (demo_repo / AUD / "2026/AI-2026-01/checklist.yml").unlink()
    rel = "2026/AI-2026-01/audit.yml"
    assert audit_findings(demo_repo) == [
        f"{at(demo_repo, rel, 'id: AI-2026-01', 'AI')}: error QMS604 audit AI-2026-01 is not "
        "in the 2026 audit programme\n"
        "    hint: list it under 'audits' in audits/2026/programme.yml",
        f"{at(demo_repo, rel, 'status: completed', 'completed')}: error QMS607 completed audit "
        "AI-2026-01 has no checklist\n"
        "    hint: run 'qms audit checklist AI-2026-01' and fill it in"]


def test_verification_before_the_action_was_done(demo_repo: Path):
    edit(demo_repo, "findings.yml", "date: 2026-09-15", "date: 2026-07-01")
    loc = at(demo_repo, "findings.yml", "date: 2026-07-01", "2026")
    assert audit_findings(demo_repo) == [
        f"{loc}: error QMS618 NC-2026-01: verified on 2026-07-01, before the action was done\n"
        "    hint: verify effectiveness after the action is implemented"]


# --- the checklist against an independent computation --------------------------------------

def _within(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".")


def _claims(repo: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """kind -> (id, claimed clauses), read from the raw files."""
    c = repo / "content"
    manual = raw(c / "manual/manual.yml")
    docs = [(f"{manual['code']} cap. {raw(p)['chapter']}", raw(p).get("clauses") or [])
            for p in sorted((c / "manual").glob("*.md"))]
    docs += [(raw(p)["code"], raw(p).get("clauses") or []) for folder in
             ("procedures", "instructions", "forms") for p in sorted((c / folder).glob("*.md"))]
    return {
        "documents": docs,
        "processes": [(p["id"], p.get("clauses") or [])
                      for p in raw(c / "processes.yml")["processes"]],
        "records": [(r["id"], r.get("clauses") or []) for r in raw(c / "records.yml")["records"]],
        "responsibilities": [(a["id"], a.get("clauses") or [])
                             for a in raw(c / "responsibilities.yml")["activities"]],
    }


def _expected(claims: dict, clause: str) -> dict[str, list[str]]:
    return {kind: sorted(i for i, cl in objs
                         if any(_within(str(x), clause) or _within(clause, str(x)) for x in cl))
            for kind, objs in claims.items()}


@pytest.mark.parametrize("audit_id", ["AD-2024-01", "AI-2026-01"])
def test_checklist_lists_exactly_the_claiming_objects(demo_repo_shared: Path, tmp_path: Path,
                                                      audit_id: str):
    out = tmp_path / "checklist.yml"
    res = run("audit", "checklist", audit_id, str(demo_repo_shared), "--out", str(out))
    assert res.exit_code == 0, res.output
    lines = yaml.safe_load(out.read_text("utf-8"))["lines"]
    ref = [str(c["id"]) for c in raw(ROOT / "qms_docs/reference/iso9001.yml")["clauses"]]
    if audit_id == "AD-2024-01":
        scope = [str(c["id"]) for c in raw(ROOT / "qms_docs/reference/iso9001.yml")["clauses"]
                 if c["parent"] is None]
    else:
        procs = raw(demo_repo_shared / AUD / "2026/AI-2026-01/audit.yml")["scope"]["processes"]
        claimed = {str(x) for p in raw(demo_repo_shared / "content/processes.yml")["processes"]
                   if p["id"] in procs for x in p["clauses"]}
        scope = [c for c in ref if c in claimed]
    assert [x["clause"] for x in lines] == scope
    claims = _claims(demo_repo_shared)
    assert sum(bool(v) for x in lines for v in _expected(claims, x["clause"]).values()) > 20
    for x in lines:
        got = {k: sorted(x[k]) for k in ("documents", "processes", "records",
                                         "responsibilities")}
        assert got == _expected(claims, x["clause"]), x["clause"]


def test_checklist_refresh_keeps_the_auditors_work(demo_repo_shared: Path, tmp_path: Path):
    out = tmp_path / "c.yml"
    assert run("audit", "checklist", "AI-2026-01", str(demo_repo_shared), "--out",
               str(out)).exit_code == 0
    before = raw(demo_repo_shared / AUD / "2026/AI-2026-01/checklist.yml")["lines"]
    after = yaml.safe_load(out.read_text("utf-8"))["lines"]
    keep = ("clause", "status", "evidence", "notes")
    assert [{k: x[k] for k in keep} for x in after] == [{k: x[k] for k in keep} for x in before]
    assert "neconformitate-minora" in [x["status"] for x in after]


def test_checklist_of_completed_audit_is_a_record(demo_repo: Path):
    res = run("audit", "checklist", "AI-2026-01", str(demo_repo))
    assert res.exit_code == 2
    assert "qms: error: audit AI-2026-01 is completed" in res.output
    res = run("audit", "checklist", "AX-2026-09", str(demo_repo))
    assert res.exit_code == 2 and "no audit 'AX-2026-09'" in res.output


def test_new_audit_from_programme(demo_repo: Path):
    res = run("audit", "new", "AI-2026-02", str(demo_repo))
    assert res.exit_code == 0, res.output
    audit = raw(demo_repo / AUD / "2026/AI-2026-02/audit.yml")
    procs = ["P-01", "P-04", "P-05", "P-10", "P-12", "P-14"]
    assert [s["process"] for s in audit["plan"]] == procs
    # every session by an auditor of another department (florin-dobre is REG, P-06 is not here)
    assert all(s["auditor"] in TEAM for s in audit["plan"])
    res = run("audit", "checklist", "AI-2026-02", str(demo_repo))
    assert res.exit_code == 0, res.output
    lines = raw(demo_repo / AUD / "2026/AI-2026-02/checklist.yml")["lines"]
    claimed = {str(x) for p in raw(demo_repo / "content/processes.yml")["processes"]
               if p["id"] in procs for x in p["clauses"]}
    ref = [str(c["id"]) for c in raw(ROOT / "qms_docs/reference/iso9001.yml")["clauses"]]
    assert [x["clause"] for x in lines] == [c for c in ref if c in claimed]
    assert audit_findings(demo_repo) == []


# --- management review inputs --------------------------------------------------------------

ISO_932 = [  # ISO 9001:2015 9.3.2, as the Romanian standard words the inputs
    "a) Stadiul acțiunilor stabilite la analizele anterioare efectuate de management",
    "b) Schimbări ale aspectelor externe și interne relevante pentru SMC",
    "c) Informații despre performanța și eficacitatea SMC",
    "c1) Satisfacția clienților și feedback de la părțile interesate relevante",
    "c2) Măsura în care au fost îndeplinite obiectivele calității",
    "c3) Performanța proceselor și conformitatea serviciilor",
    "c4) Neconformități și acțiuni corective",
    "c5) Rezultatele monitorizării și măsurării",
    "c6) Rezultatele auditurilor",
    "c7) Performanța furnizorilor externi",
    "d) Adecvarea resurselor",
    "e) Eficacitatea acțiunilor întreprinse pentru abordarea riscurilor și oportunităților",
    "f) Oportunități de îmbunătățire",
]


def _section(md: str, heading: str) -> str:
    start = md.index(heading)
    nxt = re.search(r"^#{2,3} ", md[start + len(heading):], re.M)
    return md[start:start + len(heading) + (nxt.start() if nxt else len(md))]


def test_review_inputs(demo_repo_shared: Path):
    res = run("review-inputs", str(demo_repo_shared), "--year", "2026")
    assert res.exit_code == 0, res.output
    md = res.output
    heads = re.findall(r"^#{2,3} (.+)$", md, re.M)
    for h in ISO_932:
        assert h in heads, h
    c = demo_repo_shared / "content"
    objectives = raw(c / "objectives.yml")["objectives"]
    risks = raw(c / "risks.yml")["risks"]
    top = max((r for r in risks if r.get("type", "risk") == "risk"),
              key=lambda r: r["probability"] * r["impact"])
    caf = raw(c / "caf/2026/plan.yml")["actions"]
    expect = {
        ISO_932[0]: ["AM-2025-01", "AM-2025-03"],
        ISO_932[4]: [o["id"] for o in objectives],
        ISO_932[6]: ["NC-2026-02", "NC-2026-04", "implementată"],
        ISO_932[8]: ["AI-2026-01"],
        ISO_932[12]: ["OBS-2026-01"],
        ISO_932[11]: [top["id"]],
        "Progresul planului de îmbunătățire CAF": [a["id"] for a in caf],
    }
    for heading, needles in expect.items():
        body = _section(md, heading)
        for n in needles:
            assert n in body, (heading, n)
    assert "| AM-2026-02 |" in md.split("## Minuta analizei", 1)[1]


def test_review_inputs_to_file_in_english(demo_repo_shared: Path, tmp_path: Path):
    out = tmp_path / "inputs.md"
    res = run("review-inputs", str(demo_repo_shared), "--year", "2027", "--lang", "en",
              "--out", str(out))
    assert res.exit_code == 0, res.output
    md = out.read_text("utf-8")
    assert md.startswith("# Management review inputs 2027\n")
    assert "## a) Status of actions from previous management reviews" in md
    assert "| AM-2026-03 |" in _section(md, "a) Status")
    assert "Minutes of the review (to complete in the meeting)" in md


# --- actions ------------------------------------------------------------------------------

def test_actions_command(demo_repo_shared: Path):
    res = run("actions", str(demo_repo_shared), "--today", TODAY)
    assert res.exit_code == 0
    ids = [ln.split()[1] for ln in res.output.strip().split("\n")[:-1]]
    assert ids == ["NC-2026-02", "NC-2026-04", "AM-2026-02", "AM-2026-03"]
    res = run("actions", str(demo_repo_shared), "--overdue", "--today", "2027-03-01")
    assert res.exit_code == 1
    assert "NC-2026-04" in res.output and "OVERDUE 1 day(s)" in res.output
    assert res.output.strip().endswith("2 overdue action(s)")


# --- pages --------------------------------------------------------------------------------

def test_pages(demo_repo_shared: Path):
    qms = run_check(demo_repo_shared, history=False).qms
    got = pages(qms, "ro", dt.date(2026, 11, 25))
    assert sorted(got) == sorted([
        "audit/index.md", "audit/AD-2024-01/raport.md", "audit/AD-2024-01/lista-de-verificare.md",
        "audit/AI-2024-01/raport.md", "audit/AI-2024-01/lista-de-verificare.md",
        "audit/AC-2024-01/raport.md", "audit/AI-2025-01/raport.md",
        "audit/AI-2025-01/lista-de-verificare.md", "audit/AI-2025-02/raport.md",
        "audit/AI-2025-02/lista-de-verificare.md", "audit/AS-2025-01/raport.md",
        "audit/AI-2026-01/raport.md", "audit/AI-2026-01/lista-de-verificare.md",
        "audit/AS-2026-01/raport.md", "audit/constatari.md", "audit/actiuni.md",
        "audit/analiza-2024.md", "audit/analiza-2025.md", "audit/analiza-2026.md",
        "audit/instruire.md"])
    # a review shows its inputs as frozen, not recomputed from today's repository
    review = got["audit/analiza-2025.md"]
    assert "transmise participanților la 21.10.2025" in review
    assert "NC-2026" not in review and "AI-2026" not in review
    assert "Minuta analizei" in review
    cert = got["audit/AC-2024-01/raport.md"]
    assert "audit de certificare" in cert and "CC-Q 4512/2024, 04.11.2024 – 03.11.2027" in cert
    assert got["audit/AI-2026-01/raport.md"].startswith("# Raport de audit AI-2026-01\n")
    assert "| minor nonconformity | 4 |" in pages(qms, "en")["audit/AI-2026-01/raport.md"]
    board = got["audit/actiuni.md"]
    assert "| P-08 | Impozite și taxe locale | 1 | 0 |" in board
    register = got["audit/constatari.md"]
    assert "| [NC-2026-02](#nc-2026-02) | neconformitate minoră | 12.05.2026 |" in register
    assert register.rstrip().count("| 197 |") == 2  # 12.05.2026 -> 25.11.2026 (NC-2026-02, -04)


def test_training_page_shows_who_is_trained_on_the_version_in_force(demo_repo_shared: Path):
    qms = run_check(demo_repo_shared, history=False).qms
    page = pages(qms, "ro")["audit/instruire.md"]
    manual = raw(demo_repo_shared / "content/manual/manual.yml")
    sessions = raw(demo_repo_shared / AUD / "training.yml")["sessions"]
    now = [r for s in sessions for d in s["documents"]
           if d["code"] == "MC-01" and (d["edition"], d["revision"]) ==
           (manual["edition"], manual["revision"]) for r in s["attendees"]]
    row = next(ln for ln in page.split("\n") if ln.startswith("| MC-01 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] == f"{manual['edition']}.{manual['revision']}"
    assert cells[3] == ", ".join(qms.role_name(r) for r in now)
    assert "Primar" in cells[4]


def test_pages_escape_content(demo_repo: Path):
    edit(demo_repo, "findings.yml",
         "description: Petițiile primite prin e-mail nu sunt înregistrate în ziua primirii.",
         "description: \"<script>alert(1)</script> | *bold* [x](http://e.ro)\"")
    qms = run_check(demo_repo, history=False).qms
    for path, md in pages(qms, "ro").items():
        assert "<script>" not in md, path
    register = pages(qms, "ro")["audit/constatari.md"]
    assert "&#60;script&#62;alert(1)&#60;/script&#62; &#124; &#42;bold&#42;" in register


def test_every_audit_code_is_registered_and_used():
    from qms_docs.findings import CODES

    used = {c for p in (ROOT / "qms_docs/audit").glob("*.py")
            for c in re.findall(r'"(QMS6\d\d)"', p.read_text("utf-8"))}
    assert used == {c for c in CODES if c.startswith("QMS6")}
