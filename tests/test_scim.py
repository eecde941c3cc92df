"""The SCIM module (OSGG 600/2018): golden findings on bad inputs through the real CLI, the
synthetic situation against an independent computation from the raw YAML, the commands."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import yaml
from click.testing import CliRunner
from conftest import ROOT, TODAY

from qms_docs.cli import main

Q = "content/scim/2025/questionnaires"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def check(repo: Path):
    res = run("check", str(repo), "--today", TODAY, "--no-history")
    assert "Traceback" not in res.output
    return res


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text("utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def cut(repo: Path, rel: str, start: str, end: str, keep: str = "") -> None:
    """Replace the text from `start` up to (not including) `end` with `keep`."""
    path = repo / rel
    text = path.read_text("utf-8")
    a, b = text.index(start), text.index(end)
    path.write_text(text[:a] + keep + text[b:], "utf-8")


def body(res) -> str:
    return res.output.rsplit("\n", 2)[0] + "\n"


EXPECTED_ANSWERS = """\
content/procedures/PO-ACH-01-achizitii-publice-si-evaluarea-furnizorilor.md:2:7: warning QMS822 procedure PO-ACH-01 covers no activity of the list of procedural activities
    hint: add the activity it describes to scim/procedural-activities.yml (procedure: PO-ACH-01)
content/scim/2025/questionnaires/DIT.yml:17:17: error QMS828 DIT: question 1.1 is answered 'da' without evidence
    hint: a 'da' names the documents that prove it ('evidence')
content/scim/2025/questionnaires/URB.yml:12:1: error QMS826 URB: standard 5 (Obiective) is not answered
    hint: add it under 'standards', or mark it 'applicable: false' with a justification
content/scim/procedural-activities.yml:73:9: warning QMS820 procedural activity AP-17 has no procedure (planned by 2027-03-31)
    hint: OSGG 600 standard 9: every procedural activity has a documented procedure; name it under 'procedure' once approved
content/scim/sensitive-functions.yml:41:15: warning QMS823 sensitive function 'inspector-achizitii' has no measure
    hint: set a rotation plan ('rotation'), a double control ('double_control') or other measures ('other') that manage its risk
"""


def test_unanswered_standard_unproved_yes_uncovered_activity_unmanaged_function(demo_repo: Path):
    cut(demo_repo, f"{Q}/URB.yml", "  - standard: 5", "  - standard: 6")
    path = demo_repo / Q / "DIT.yml"
    path.write_text(re.sub(r'("1\.1":\n        answer: da\n        evidence: )"[^"]*"', r'\1""',
                           path.read_text("utf-8"), count=1), "utf-8")
    edit(demo_repo, "content/scim/procedural-activities.yml",
         "    department: ACH\n    procedure: PO-ACH-01\n",
         "    department: ACH\n    planned: 2027-03-31\n")
    cut(demo_repo, "content/scim/sensitive-functions.yml", "  - function: inspector-achizitii",
        "  - function: director-economic",
        "  - function: inspector-achizitii\n    risk: Documentații de atribuire restrictive\n"
        "    risks: [R-20, R-21]\n\n")
    res = check(demo_repo)
    assert res.exit_code == 1
    assert body(res) == EXPECTED_ANSWERS
    assert res.output.splitlines()[-1].startswith("2 errors, 3 warnings in ")


EXPECTED_GRADES = """\
content/scim/2025/questionnaires/URB.yml:74:12: error QMS829 URB: standard 7 is declared I, the answers give PI
    hint: I when every answer is da, NI when none is, PI otherwise (Anexa nr. 4.1)
content/scim/2025/report.yml:15:8: error QMS831 the system is declared 'conform', the answers give 'parțial conform' (14 of 16 standards implemented)
    hint: conform: 16 standards implemented; parțial conform: 13 to 15; neconform: fewer (osgg600.yml grading)
"""


def test_grades_that_do_not_follow_from_the_answers(demo_repo: Path):
    edit(demo_repo, "content/scim/2025/report.yml", "grade: parțial conform", "grade: conform")
    edit(demo_repo, f"{Q}/URB.yml", "  - standard: 7  # Monitorizarea performanțelor\n    state: PI",
         "  - standard: 7  # Monitorizarea performanțelor\n    state: I")
    res = check(demo_repo)
    assert res.exit_code == 1
    assert body(res) == EXPECTED_GRADES


EXPECTED_ACTS = """\
content/people.yml:42:23: error QMS801 unknown decision 'DP-2019-040'
    hint: known: DP-2019-004, DP-2024-118, DP-2024-119 … DP-2026-057 (scim/decisions.yml); did you mean 'DP-2019-004'?
content/risks.yml:17:15: error QMS815 risk R-01: residual exposure 25 is higher than the inherent exposure 12
    hint: control measures lower a risk; re-assess P and I of one of them
content/scim/2025/meetings.yml:9:16: warning QMS808 meeting CM-2025-01: 2 of 13 members present, no quorum
    hint: the rules ask for more than 50% of the members (president included); its decisions are not valid
content/scim/2025/meetings.yml:9:59: error QMS807 Laura Barbu attends meeting CM-2025-01 but is not in the commission in force on 2025-02-11 (from 2024-03-04)
    hint: list them under 'guests', or correct the composition
content/scim/2025/questionnaires/JUR.yml:9:7: error QMS804 Adrian Munteanu did not hold the job function 'sef-ru' on 2026-01-13 (questionnaire of JUR)
    hint: on 2026-01-13 it was held by Simona Georgescu (people.yml)
content/scim/2025/questionnaires/JUR.yml:10:11: error QMS830 the questionnaire of JUR is signed for 'sef-ru', a job function of RU
    hint: the head (or the coordinator) of the department answers for it
content/scim/2026/programme.yml:24:19: warning QMS812 action A-2026-02 of the development programme 2026 was due on 2026-06-30 and is in-progress
    hint: record what was done (status: done, done, result) or reschedule it with the commission's agreement
content/scim/commission.yml:27:43: error QMS805 Doina Ciobanu of the internal audit department AUD sits in the Comisia de monitorizare
    hint: OSGG 600/2018 art. 3 (2): the commission includes the heads of the first-level departments, internal audit excepted
content/scim/decisions.yml:93:16: error QMS802 decision DP-2024-121 is signed by Ioana Dumitrescu, who was not Primar on 2024-03-11
    hint: the head of the entity on 2024-03-11 was Gheorghe Stanciu (scim/decisions.yml: head_function primar)
content/scim/sensitive-functions.yml:18:13: warning QMS824 rotation of 'inspector-urbanism' was due on 2026-03-31
    hint: rotate the staff as planned, or record the new date and why
"""


def test_decisions_commission_meetings_programme_register(demo_repo: Path):
    edit(demo_repo, "content/scim/commission.yml",
         "      - {person: nicolae-radu, function: sef-administrativ}\n\n  - decision: DP-2026-057",
         "      - {person: nicolae-radu, function: sef-administrativ}\n"
         "      - {person: doina-ciobanu, function: auditor-intern}\n\n  - decision: DP-2026-057")
    meetings = "content/scim/2025/meetings.yml"
    text = (demo_repo / meetings).read_text("utf-8")
    first = re.search(r"attendees: \[[^\]]*\]", text)
    assert first is not None
    (demo_repo / meetings).write_text(
        text[:first.start()] + "attendees: [ioana-dumitrescu, andreea-constantinescu, laura-barbu,"
        " radu-vladescu]" + text[first.end():], "utf-8")
    edit(demo_repo, "content/scim/decisions.yml",
         "    title: privind desemnarea consilierului de etică\n    signed_by: gheorghe-stanciu",
         "    title: privind desemnarea consilierului de etică\n    signed_by: ioana-dumitrescu")
    edit(demo_repo, "content/people.yml", "appointed_by: DP-2019-004", "appointed_by: DP-2019-040")
    edit(demo_repo, "content/risks.yml", "residual: {probability: 3, impact: 2}",
         "residual: {probability: 5, impact: 5}")
    edit(demo_repo, "content/scim/2026/programme.yml",
         "        deadline: 2026-12-31\n        status: in-progress\n        result: Analiza",
         "        deadline: 2026-06-30\n        status: in-progress\n        result: Analiza")
    edit(demo_repo, f"{Q}/JUR.yml", "function: consilier-juridic", "function: sef-ru")
    edit(demo_repo, "content/scim/sensitive-functions.yml", "next: 2027-03-31", "next: 2026-03-31")
    res = check(demo_repo)
    assert res.exit_code == 1
    assert body(res) == EXPECTED_ACTS


def _independent(repo: Path) -> tuple[dict[int, tuple[int, int, int, int, str]], str]:
    """The synthetic situation computed here from the raw files, without the library: per
    standard (applicable, I, PI, NI, entity state), and the grade."""
    ref = yaml.safe_load((ROOT / "qms_docs/reference/osgg600.yml").read_text("utf-8"))
    questions = {s["id"]: [q["id"] for q in s["questions"]]
                 for c in ref["components"] for s in c["standards"]}
    counts = {sid: Counter() for sid in questions}
    for path in sorted((repo / Q).glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for entry in data["standards"]:
            if entry.get("applicable") is False:
                continue
            answers = [entry["answers"][q]["answer"] for q in questions[entry["standard"]]]
            state = ("I" if set(answers) == {"da"} else
                     "NI" if set(answers) == {"nu"} else "PI")
            counts[entry["standard"]][state] += 1
    rows = {}
    for sid, c in counts.items():
        n = c["I"] + c["PI"] + c["NI"]
        state = "I" if c["I"] == n else "NI" if c["NI"] == n else "PI"
        rows[sid] = (n, c["I"], c["PI"], c["NI"], state)
    implemented = sum(r[4] == "I" for r in rows.values())
    grade = "conform" if implemented == 16 else "parțial conform" if implemented >= 13 else \
        "neconform"
    return rows, grade


def test_synthetic_situation_matches_an_independent_computation(demo_repo_shared: Path):
    from qms_docs.check import run_check
    from qms_docs.scim.model import build
    from qms_docs.scim.situation import synthesis

    rows, grade = _independent(demo_repo_shared)
    assert len(list((demo_repo_shared / Q).glob("*.yml"))) == 13  # every department
    s = synthesis(build(run_check(demo_repo_shared, history=False).qms).year(2025))
    got = {r.standard.id: (r.applicable, r.implemented, r.partial, r.not_implemented, r.state)
           for r in s.rows}
    assert got == rows
    assert s.grade == grade == "parțial conform"
    declared = yaml.safe_load((demo_repo_shared / "content/scim/2025/report.yml")
                              .read_text("utf-8"))["grade"]
    assert declared == grade
    # the command prints the same table
    res = run("scim", "situation", "2025", str(demo_repo_shared))
    assert res.exit_code == 0, res.output
    for sid, (n, i, pi, ni, state) in rows.items():
        assert re.search(rf"^{sid:>2} .*\s{n}\s+{i}\s+{pi}\s+{ni}\s+{state}$", res.output,
                         re.M), sid
    assert res.output.endswith(f"grade: {grade} (14 of 16 standards implemented)\n")


def test_scim_new_scaffolds_every_department_and_never_overwrites(demo_repo: Path):
    res = run("scim", "new", "2026", str(demo_repo))
    assert res.exit_code == 0, res.output
    created = sorted(p.stem for p in (demo_repo / "content/scim/2026/questionnaires").glob("*"))
    depts = [d["id"] for d in yaml.safe_load((demo_repo / "content/organization.yml")
                                             .read_text("utf-8"))["departments"]]
    assert created == sorted(depts)
    assert run("scim", "new", "2026", str(demo_repo)).output == \
        "nothing to do: every department has a questionnaire\n"
    urb = (demo_repo / "content/scim/2026/questionnaires/URB.yml").read_text("utf-8")
    assert "head: radu-vladescu" in urb and '"16.2":' in urb
    res = check(demo_repo)
    assert res.exit_code == 0, res.output
    assert res.output.startswith("0 errors, 0 warnings")
    missing = run("scim", "situation", "2031", str(demo_repo))
    assert missing.exit_code == 2 and "qms: error: no questionnaires for 2031" in missing.output


def test_repository_without_a_scim_is_not_held_to_one(demo_repo: Path):
    shutil.rmtree(demo_repo / "content" / "scim")
    edit(demo_repo, "content/people.yml", "appointed_by: DP-2019-004",
         "appointed_by: Dispoziția primarului nr. 4/2019")
    res = check(demo_repo)
    assert res.exit_code == 0, res.output
    assert res.output.startswith("0 errors, 0 warnings")


def test_grading_rules():
    from qms_docs.scim.grading import department_state, entity_state, system_grade
    from qms_docs.scim.reference import reference

    assert department_state(["da", "da"]) == "I"
    assert department_state(["da", "parțial"]) == "PI"  # partly done is not done
    assert department_state(["nu", "nu", "nu"]) == "NI"
    assert department_state(["nu", "parțial"]) == "PI"
    assert entity_state(13, 13, 0) == "I" and entity_state(13, 0, 13) == "NI"
    assert entity_state(13, 12, 0) == "PI" and entity_state(0, 0, 0) == ""
    ref = reference()
    assert [system_grade(n, ref) for n in (16, 15, 13, 12, 0)] == \
        ["conform", "parțial conform", "parțial conform", "neconform", "neconform"]
    assert sum(len(s.questions) for s in ref.standards.values()) == 36
    assert all(q.source in ("publicat", "reconstituit") for s in ref.standards.values()
               for q in s.questions)


def test_pages_in_english(demo_repo_shared: Path):
    from qms_docs.check import run_check
    from qms_docs.scim import pages

    qms = run_check(demo_repo_shared, history=False).qms
    en = pages.pages(qms, "en")
    assert en["scim/2025/situatia-sintetica.md"].count("Synthetic situation") == 2  # front, H1
    assert "partially conform" in en["scim/2025/raport-scim.md"]
    assert "Procedural activity" in en["scim/activitati-procedurale.md"]
    ro = pages.pages(qms, "ro")
    assert set(en) == set(ro)


EXPECTED_REST = """\
content/people.yml:42:23: error QMS803 decision DP-2024-118 of 2024-03-04 is dated after Andreea Constantinescu took the job function 'rmc' on 2019-01-02
    hint: an appointment precedes the tenure: correct the dates
content/risks.yml:56:9: warning QMS816 risk R-03 lacks the OSGG register's residual
    hint: the register (standard 8) records the residual risk (probability, impact) and the date of the last review
content/risks.yml:98:18: error QMS819 risk R-04: last review 2027-02-01 is in the future
    hint: the date of the last review is one that has passed
content/risks.yml:112:9: warning QMS817 significant risk R-05 (exposure 9) is treated without control measures in the plan
    hint: add 'measures' (measure, owner, deadline, status): they form the plan of control measures
content/risks.yml:270:19: warning QMS818 control measure of risk R-11 was due on 2026-02-26 and is in-progress
    hint: implement it (status: done, done: date) or set a new deadline approved by the risk owner
content/scim/2025/meetings.yml:67:11: error QMS813 meeting CM-2025-04 of 2026-01-09 is in the meetings of 2025
    hint: move it to scim/2026/meetings.yml
content/scim/2025/programme.yml:19:17: warning QMS814 action A-2025-01 is done without its date
    hint: the follow-up of the programme records the date and the result
content/scim/2025/questionnaires/DIT.yml:162:5: error QMS827 DIT: standard 16, question 16.2 not answered
    hint: answer da, nu or parțial, with the evidence
content/scim/2025/questionnaires/DIT.yml:167:9: error QMS811 standard 16 has no question 16.9
    hint: its questions are 16.1, 16.2 (osgg600.yml)
content/scim/2025/questionnaires/SMC.yml:143:17: warning QMS832 SMC: standard 14 marked not applicable without a justification
    hint: say why it does not apply ('justification')
content/scim/2025/report.yml:6:1: error QMS825 department AUD (Compartimentul Audit Public Intern) has no questionnaire for 2025
    hint: add scim/2025/questionnaires/AUD.yml (run 'qms scim new 2025')
content/scim/2025/report.yml:11:16: error QMS834 the synthetic situation 2025 is approved by Andreea Constantinescu, not by the commission's president Ioana Dumitrescu
    hint: Anexa nr. 4.2: 'Aprobat: președintele' of the Comisia de monitorizare
content/scim/2025/report.yml:17:7: error QMS833 the report of 2026-02-02 precedes its synthetic situation of 2026-02-05
    hint: the report rests on the synthetic situation
content/scim/2025/risk-report.yml:5:1: warning QMS810 the annual report on risk management 2025 is not approved by the Comisia de monitorizare
    hint: record the decision in a meeting (approves: risk-report, year: 2025)
content/scim/2026/meetings.yml:31:19: error QMS809 HCM-2026-02 approves the annual report on risk management of 2024, which the repository does not hold
    hint: add scim/2024/risk-report.yml, or set 'year'
content/scim/2026/meetings.yml:44:51: error QMS807 Vlad Petrache attends meeting CM-2026-02 but is not in the commission in force on 2026-06-16 (from 2026-03-02)
    hint: list them under 'guests', or correct the composition
content/scim/commission.yml:35:7: warning QMS835 department IT (Compartimentul Informatică) has no seat in the commission from 2026-03-02
    hint: art. 3 (2): the heads of the first-level departments are members; add its head (or a designated representative)
content/scim/procedural-activities.yml:52:16: error QMS821 procedural activity AP-11 is covered by IL-02, a work-instruction
    hint: a procedural activity is covered by a system (PS) or operational (PO) procedure; instructions and forms hang under one
"""


def test_signatures_dates_coverage_register_columns_and_approvals(demo_repo: Path):
    edit(demo_repo, "content/scim/2025/report.yml", "  approved_by: ioana-dumitrescu", "  approved_by: andreea-constantinescu")
    edit(demo_repo, "content/scim/2025/report.yml", "date: 2026-02-18", "date: 2026-02-02")
    (demo_repo / Q / "AUD.yml").unlink()
    edit(demo_repo, f"{Q}/SMC.yml", '    applicable: false\n    justification: "Compartimentul nu produce și nu transmite informații contabile sau financiare."\n', "    applicable: false\n")
    edit(demo_repo, f"{Q}/DIT.yml", '      "16.2":', '      "16.9":')
    edit(demo_repo, "content/scim/2026/meetings.yml", "        approves: risk-report\n        year: 2025", "        approves: risk-report\n        year: 2024")
    edit(demo_repo, "content/scim/2025/programme.yml", "        done: 2025-06-18\n", "")
    edit(demo_repo, "content/risks.yml", "    residual: {probability: 2, impact: 2}\n    strategy: tratare\n    treatment: >-\n      Publicarea", "    strategy: tratare\n    treatment: >-\n      Publicarea")
    edit(demo_repo, "content/risks.yml", "    measures:\n      - measure: Atelier anual de identificare a riscurilor pe procese, facilitat de RMC\n        owner: rmc\n        deadline: 2026-01-31\n        status: done\n        done: 2026-01-27\n        result: Atelierul din 27.01.2026 a revizuit riscurile tuturor proceselor.\n", "")
    edit(demo_repo, "content/risks.yml", "        owner: inspector-urbanism\n        deadline: 2027-02-26", "        owner: inspector-urbanism\n        deadline: 2026-02-26")
    edit(demo_repo, "content/risks.yml", "    review_date: 2027-06-30\n    last_review: 2026-10-20\n    measures:\n      - measure: Montarea", "    review_date: 2027-06-30\n    last_review: 2027-02-01\n    measures:\n      - measure: Montarea")
    edit(demo_repo, "content/scim/procedural-activities.yml", "    department: URB\n    procedure: PO-URB-01\n  - id: AP-12", "    department: URB\n    procedure: IL-02\n  - id: AP-12")
    edit(demo_repo, "content/people.yml", "appointed_by: DP-2019-004", "appointed_by: DP-2024-118")
    edit(demo_repo, "content/scim/2025/meetings.yml", "    date: 2025-12-09", "    date: 2026-01-09")
    edit(demo_repo, "content/scim/commission.yml", "      - {person: vlad-petrache, function: informatician}\n      - {person: nicolae-radu, function: sef-administrativ}\n\nrules:", "      - {person: nicolae-radu, function: sef-administrativ}\n\nrules:")
    res = check(demo_repo)
    assert res.exit_code == 1
    assert body(res) == EXPECTED_REST
    assert res.output.splitlines()[-1].startswith("11 errors, 7 warnings in ")
