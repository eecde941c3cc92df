"""`qms check` end to end: the demo is clean; bad input gets exact, located findings."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY

from qms_docs.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_demo_is_clean_strict(demo_repo_shared: Path):
    res = run("check", str(demo_repo_shared), "--strict", "--today", TODAY)
    assert res.exit_code == 0, res.output
    assert res.output.startswith("0 errors, 0 warnings in ")
    assert res.output.endswith(" files (30 documents, 14 processes, 21 job functions, 24 risks); "
                               "no version rules: nothing to compare with yet\n")


OBJECTIVES = """\
objectives:
  - id: OC-01
    objective: Reducerea timpului de răspuns
    process: P-99
    indicator: Zile
    target: 10
    deadline: 2027-13-01
    owner: primarr
    colour: red
"""

RACI = """\
activities:
  - id: A-01
    activity: Aprobarea documentelor
    raci:
      primar: A
      secretar-general: A
  - id: A-01
    activity: Arhivarea
    raci:
      necunoscut: R
"""

PROCEDURE = """\
---
code: PS-99
title: Procedură de test
kind: operational-procedure
edition: 1
revision: 1
effective_date: 2026-01-10
process: P-02
elaborated_by: rmc
verified_by: rmc
approved_by: {role: primar, date: 2026-02-01}
revisions:
  - {edition: 1, revision: 0, description: Elaborare, date: 2026-01-10}
---

## 4. Scopul procedurii

Text.

## 5. Domeniul de aplicare

## 8. Descrierea procedurii

## 9. Responsabilități și răspunderi

## 10. Anexe, înregistrări, arhivări
"""


def _break(repo: Path) -> None:
    c = repo / "content"
    (c / "objectives.yml").write_text(OBJECTIVES, "utf-8")
    (c / "responsibilities.yml").write_text(RACI, "utf-8")
    (c / "interested-parties.yml").write_text("parties:\n  - id: PI-01\n    name: [x\n", "utf-8")
    (c / "procedures" / "PS-99-test.md").write_text(PROCEDURE, "utf-8")


EXPECTED = """\
content/interested-parties.yml:3:11: error QMS001 the '[' opened here is never closed
    hint: close it with ']' on the same line, items separated by commas; or write the items as a block list, one '- item' a line
content/objectives.yml:4:14: error QMS201 unknown process 'P-99'
    hint: known processes are P-01 … P-14 (processes.yml); did you mean 'P-09'?
content/objectives.yml:6:13: error QMS104 objective OC-01: target: expected text, got 10
content/objectives.yml:7:15: error QMS101 objective OC-01: deadline: '2027-13-01' is not a day of the calendar
    hint: check the month (01-12) and the day of that month
content/objectives.yml:8:12: error QMS202 unknown job function 'primarr'
    hint: known job functions are primar … sef-administrativ (roles.yml); did you mean 'primar'?
content/objectives.yml:9:5: error QMS103 objective OC-01: unknown property 'colour'
    hint: allowed: id, objective, process, indicator, target, deadline, owner, resources, result
content/procedures/PS-99-test.md:2:7: warning QMS308 code 'PS-99' does not start with 'PO-' (operational-procedure)
    hint: operational-procedure documents are coded PO-…
content/procedures/PS-99-test.md:2:7: warning QMS822 procedure PS-99 covers no activity of the list of procedural activities
    hint: add the activity it describes to scim/procedural-activities.yml (procedure: PS-99)
content/procedures/PS-99-test.md:7:17: error QMS311 effective date 2026-01-10 precedes approval on 2026-02-01
    hint: a document applies from its approval date or later
content/procedures/PS-99-test.md:9:16: warning QMS713 PS-99 1.1 is not approved yet: elaborated, verified, approved not signed
    hint: each signer runs 'qms approve PS-99 --as STEP' (README: Approvals)
content/procedures/PS-99-test.md:10:14: error QMS312 'rmc' both elaborated and verified PS-99
    hint: elaboration, verification and approval are done by different functions
content/procedures/PS-99-test.md:13:3: error QMS309 no row for edition 1 revision 1 in 'revisions'
    hint: add the row: edition, revision, component, description, date
content/procedures/PS-99-test.md:22:1: error QMS307 section 6. Documente de referință missing in PS-99
    hint: procedures have sections 4-10 in order as level-2 headings (OSGG 600/2018, standard 9): '## 6. Documentele de referință (reglementări) aplicabile activității procedurale' or '## 6. Documente de referință'
content/procedures/PS-99-test.md:22:1: error QMS307 section 7. Definiții și abrevieri missing in PS-99
    hint: procedures have sections 4-10 in order as level-2 headings (OSGG 600/2018, standard 9): '## 7. Definiții și abrevieri ale termenilor utilizați în procedură' or '## 7. Definiții și abrevieri'
content/responsibilities.yml:5:7: error QMS301 activity A-01 has 2 Accountables: primar, secretar-general
    hint: exactly one job function answers for each activity: mark one 'A'
content/responsibilities.yml:5:7: error QMS302 activity A-01 has no Responsible (R)
    hint: mark with 'R' the job function that carries it out
content/responsibilities.yml:7:9: error QMS210 duplicate activity 'A-01'
    hint: first defined at content/responsibilities.yml:2
content/responsibilities.yml:10:7: error QMS202 unknown job function 'necunoscut'
    hint: known job functions are primar … sef-administrativ (roles.yml)
content/responsibilities.yml:10:7: error QMS301 activity A-01 has no Accountable (A)
    hint: exactly one job function answers for each activity: mark one 'A'
"""


def test_bad_input_exact_findings(demo_repo: Path):
    _break(demo_repo)
    res = run("check", str(demo_repo), "--today", TODAY, "--no-history")
    assert res.exit_code == 1
    body, last = res.output.rsplit("\n", 2)[0] + "\n", res.output.splitlines()[-1]
    assert body == EXPECTED.replace("    hint: \n", "")
    assert last.startswith("16 errors, 3 warnings in ")
    assert "Traceback" not in res.output


def test_json_and_github_formats(demo_repo: Path):
    _break(demo_repo)
    res = run("check", str(demo_repo), "--today", TODAY, "--format", "json", "--no-history")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data[0]["code"] == "QMS001" and data[0]["line"] == 3
    res = run("check", str(demo_repo), "--today", TODAY, "--format", "github", "--no-history")
    first = res.output.splitlines()[0]
    assert first.startswith("::error file=content/interested-parties.yml,line=3,col=11::QMS001")


def test_alias_bomb_and_oversize_refused(demo_repo: Path):
    c = demo_repo / "content"
    (c / "objectives.yml").write_text('a: &a ["x"]\nb: [*a, *a]\n', "utf-8")
    (demo_repo / "qms.yml").write_text("max_file_bytes: 2048\n", "utf-8")
    res = run("check", str(demo_repo), "--today", TODAY, "--no-history")
    lines = res.output.splitlines()
    assert "content/objectives.yml:2:5: error QMS003 YAML aliases (*name) are not allowed" in lines
    assert any(" error QMS002 file is " in x for x in lines)


def test_missing_required_file_and_bad_config(tmp_path: Path):
    res = run("check", str(tmp_path), "--no-history")
    assert res.exit_code == 1
    assert "content/organization.yml:1:1: error QMS007 organization.yml is missing" in res.output
    (tmp_path / "qms.yml").write_text("language: fr\n", "utf-8")
    res = run("check", str(tmp_path))
    assert res.exit_code == 2  # configuration: not a finding of the content
    assert res.output == "qms: error: qms.yml:1:11: 'fr' is not one of ['ro', 'en']\n"


def test_uncovered_clause_and_bad_exclusion(demo_repo: Path):
    org = demo_repo / "content" / "organization.yml"
    text = org.read_text("utf-8")
    org.write_text(text.replace('clause: "8.3"', 'clause: "9.2"').replace(
        "clause: '8.3'", "clause: '9.2'").replace("clause: 8.3", "clause: '9.2'"), "utf-8")
    res = run("check", str(demo_repo), "--today", TODAY, "--no-history")
    assert (" warning QMS328 requirement 9.2 (Internal audit) is declared not applicable: "
            "a QMS can hardly do without it") in res.output
    assert " error QMS303 clause 8.3 " in res.output


def test_exclusion_without_justification(demo_repo: Path):
    org = demo_repo / "content" / "organization.yml"
    lines = org.read_text("utf-8").splitlines()
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("justification:"))
    end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith("      "))
    org.write_text("\n".join(lines[:at] + lines[end:]) + "\n", "utf-8")
    res = run("check", str(demo_repo), "--today", TODAY, "--no-history")
    assert (f"content/organization.yml:{at}:13: error QMS306 requirement 8.3 is declared not "
            "applicable without a justification") in res.output, res.output
    assert "QMS102" not in res.output


def test_init_creates_a_repository_that_checks(tmp_path: Path):
    res = run("init", str(tmp_path / "new"))
    assert res.exit_code == 0, res.output
    assert (tmp_path / "new" / ".github" / "workflows" / "qms.yml").exists()
    assert (tmp_path / "new" / ".pre-commit-config.yaml").exists()
    res = run("check", str(tmp_path / "new"), "--today", TODAY)
    assert res.exit_code == 0, res.output
    res = run("init", str(tmp_path / "new"))
    assert res.exit_code == 2
    assert "already exist; refusing to overwrite" in res.output


def test_unsafe_raw_html_is_reported_where_it_stands(demo_repo: Path):
    import shutil

    shutil.rmtree(demo_repo / "content/approvals/PS-01")  # an unapproved draft: a warning only
    p = demo_repo / "content/procedures/PS-01-controlul-documentelor.md"
    text = p.read_text("utf-8")
    text = text.replace("## 5. Domeniul de aplicare\n", "## 5. Domeniul de aplicare\n\n"
                        "Vezi <img src=x onerror=alert(1)> și [aici](javascript:alert(2)).\n\n"
                        "`<script>` în cod nu contează.\n\n```html\n<script>x</script>\n```\n", 1)
    p.write_text(text, "utf-8")
    res = run("check", str(demo_repo), "--today", TODAY, "--no-history")
    line = text[:text.index("Vezi <img")].count("\n") + 1
    rel = "content/procedures/PS-01-controlul-documentelor.md"
    hint = "    hint: write Markdown; scripts, event handlers and javascript: links never run on the site"
    assert [x for x in res.output.splitlines() if "QMS713" not in x and "qms approve" not in x
            ][:4] == [
        f"{rel}:{line}:17: warning QMS009 unsafe raw HTML 'onerror=' will be removed from the site", hint,
        f"{rel}:{line}:45: warning QMS009 unsafe raw HTML 'javascript:' will be removed from the site", hint]
    assert res.exit_code == 0 and "1 error" not in res.output


PEOPLE = """\
people:
  - id: ana-pop
    name: Ana Pop
    functions:
      - role: primarr
        from: 2024-01-01
      - role: rmc
        from: 2024-05-01
        to: 2024-01-31
  - id: ion-pop
    name: Ion Pop
    functions:
      - role: rmc
        from: 2020-01-01
        to: 2022-12-31
      - role: rmc
        from: 2022-06-01
  - id: ana-pop
    name: Ana Pop bis
    functions: []
"""


def test_people_registry_findings(demo_repo: Path):
    (demo_repo / "content/people.yml").write_text(PEOPLE, "utf-8")
    res = run("check", str(demo_repo), "--today", TODAY, "--no-history")
    lines = [x for x in res.output.splitlines() if x.startswith("content/people.yml")]
    assert lines == [
        "content/people.yml:5:15: error QMS202 unknown job function 'primarr'",
        "content/people.yml:9:13: error QMS322 ana-pop: rmc ends on 2024-01-31, before it starts (2024-05-01)",
        "content/people.yml:17:15: error QMS322 ion-pop: two overlapping periods as rmc",
        "content/people.yml:18:9: error QMS210 duplicate person 'ana-pop'",
    ]
    assert res.exit_code == 1


def test_holder_on_a_date(demo_repo: Path):
    from qms_docs.check import run_check

    qms = run_check(demo_repo, history=False).qms
    assert qms.holder("primar", "2025-06-01").name == "Gheorghe Stanciu"
    assert qms.holder("primar", "2019-06-01").name == "Vasile Pârvu"  # the previous mayor
    assert qms.holder("primar", "2020-10-26").name == "Gheorghe Stanciu"
    assert qms.holder("primar", "2015-06-01") is None
    assert qms.role("primar").holder == "Gheorghe Stanciu"
