"""The checks of issue 16, each on a broken copy of the demo, with the exact finding: overdue
periodic review, people named in records, records before the QMS or citing later data,
cedilla letters, procedure forms, frozen review inputs."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import TODAY

from qms_docs.cli import main


def findings(repo: Path, code: str, today: str = TODAY) -> list[str]:
    res = CliRunner().invoke(main, ["check", str(repo), "--no-history", "--today", today])
    assert "Traceback" not in res.output
    lines = res.output.split("\n")
    out = []
    for i, line in enumerate(lines):
        if f" {code} " in line:
            hint = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].startswith("    hint:") \
                else ""
            out.append(line + ("\n" + hint if hint else ""))
    return out


def edit(repo: Path, rel: str, old: str, new: str, first: bool = False) -> int:
    """Replace the one (or, with first, the first) occurrence of old; the 1-based line where
    it starts."""
    path = repo / "content" / rel
    text = path.read_text("utf-8")
    assert text.count(old) == 1 or (first and old in text), (rel, old, text.count(old))
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[:text.index(old)].count("\n") + 1


def test_overdue_periodic_review(demo_repo: Path):
    line = edit(demo_repo, "procedures/PS-04-controlul-serviciului-neconform.md",
                "reviewed_on: 2026-03-16", "reviewed_on: 2025-03-17")
    assert findings(demo_repo, "QMS323") == [
        f"content/procedures/PS-04-controlul-serviciului-neconform.md:{line}:14: warning "
        "QMS323 PS-04 was due for its periodic review on 2026-03-17 (253 days ago)\n"
        "    hint: review the document, then set 'reviewed_on' to the review date (or issue a "
        "new revision); the interval is 'review_interval_months'"]


def test_person_not_in_the_registry_or_not_in_post(demo_repo: Path):
    line = edit(demo_repo, "acknowledgements.yml", "    name: Radu Vlădescu\n",
                "    name: Radu Vlădesc\n", first=True)
    assert findings(demo_repo, "QMS324") == [
        f"content/acknowledgements.yml:{line}:11: error QMS324 acknowledgement of MC-01 names "
        "'Radu Vlădesc', who is not in the people registry\n"
        "    hint: did you mean 'Radu Vlădescu'?"]
    # a CAF evaluator in a function not held at the start of the assessment
    line = edit(demo_repo, "caf/2026/assessment.yml",
                "  - id: vlad-petrache\n    name: \"Vlad Petrache\"\n    function: informatician",
                "  - id: vlad-petrache\n    name: \"Vlad Petrache\"\n    function: sef-administrativ")
    assert findings(demo_repo, "QMS325") == [
        f"content/caf/2026/assessment.yml:{line + 2}:15: error QMS325 CAF 2026 group: Vlad "
        "Petrache did not hold 'sef-administrativ' on 2026-02-02\n"
        "    hint: the holder on that date was Nicolae Radu"]


def test_auditor_out_of_post(demo_repo: Path):
    people = demo_repo / "content/people.yml"
    text = people.read_text("utf-8").replace(
        "      - role: informatician\n        from: 2019-01-02",
        "      - role: informatician\n        from: 2019-01-02\n        to: 2025-12-31")
    people.write_text(text, "utf-8")
    found = findings(demo_repo, "QMS325")
    assert any("content/audits/2026/AI-2026-01/audit.yml" in f and "as auditor on 2026-05-11"
               in f for f in found), found


def test_record_before_the_qms_and_citing_later_data(demo_repo: Path):
    line = edit(demo_repo, "audits/2025/AI-2025-01/audit.yml", "start: 2025-05-12",
                "start: 2024-03-12")
    got = findings(demo_repo, "QMS326")
    assert got == [
        f"content/audits/2025/AI-2025-01/audit.yml:{line}:8: error QMS326 internal audit "
        "AI-2025-01 on 2024-03-12, before the QMS existed\n"
        "    hint: the QMS exists from 2024-04-15 (the first edition of MC-01, table 2): correct "
        "the date, or record a gap audit as type: diagnostic"]
    line = edit(demo_repo, "audits/training.yml",
                "  - id: S-2025-01\n    date: 2025-09-10", "  - id: S-2025-01\n    date: 2025-08-10")
    assert findings(demo_repo, "QMS329") == [
        f"content/audits/training.yml:{line + 8}:32: error QMS329 S-2025-01 of 2025-08-10 "
        "presents PS-03 2.0, which applies from 2025-09-01\n"
        "    hint: a record shows what existed on its date: present the version then in force"]


def test_caf_evidence_citing_a_later_year(demo_repo: Path):
    path = demo_repo / "content/caf/2024/sheets/laura-barbu.yml"
    text = path.read_text("utf-8")
    old = "Planul de formare pe 2024 prevede"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "Planul de formare pe 2025 prevede"), "utf-8")
    got = findings(demo_repo, "QMS329")
    assert len(got) == 1 and ("laura-barbu's evidence for 3.2 cites 2025, after the sheet's "
                              "date (2024-03-07)") in got[0], got


def test_cedilla_instead_of_comma_below(demo_repo: Path):
    line = edit(demo_repo, "procedures/PS-01-controlul-documentelor.md",
                "## 4. Scopul procedurii\n", "## 4. Scopul procedurii\n\nŞedinţa de analiză.\n")
    assert findings(demo_repo, "QMS327") == [
        f"content/procedures/PS-01-controlul-documentelor.md:{line + 2}:1: warning QMS327 "
        "cedilla 'Ş' (U+015E), 'ţ' (U+0163) instead of comma below in 'Şedinţa'\n"
        "    hint: write 'Ş' → 'Ș' (U+0218), 'ţ' → 'ț' (U+021B); e.g. sed -i 's/ş/ș/g; s/ţ/ț/g; "
        "s/Ş/Ș/g; s/Ţ/Ț/g' content/procedures/PS-01-controlul-documentelor.md"]


def test_procedure_forms(demo_repo: Path):
    rel = "procedures/PO-URB-01-emiterea-certificatelor-de-urbanism.md"
    line = edit(demo_repo, rel, "    accepted: true\n", "")
    got = findings(demo_repo, "QMS331")
    assert got == [
        f"content/{rel}:{line - 1}:19: error QMS331 PO-URB-01: the observations of JUR have no "
        "decision\n"
        "    hint: add 'accepted: true' (taken into the procedure) or 'accepted: false'"]


def test_review_inputs_not_frozen(demo_repo: Path):
    (demo_repo / "content/audits/2025/review-inputs.yml").unlink()
    assert findings(demo_repo, "QMS330") == [
        "content/audits/2025/management-review.yml:5:7: warning QMS330 management review 2025 "
        "has no inputs frozen at its date\n"
        "    hint: before the meeting run 'qms review-inputs --year 2025 --freeze' (it writes "
        "audits/2025/review-inputs.yml); the site shows inputs computed from today's "
        "repository meanwhile, marked as such"]
    res = CliRunner().invoke(main, ["review-inputs", str(demo_repo), "--year", "2025",
                                    "--freeze", "--today", "2025-10-21"])
    assert res.exit_code == 0, res.output
    assert findings(demo_repo, "QMS330") == []
    again = CliRunner().invoke(main, ["review-inputs", str(demo_repo), "--year", "2025",
                                      "--freeze", "--today", "2025-10-21"])
    assert again.exit_code == 2 and "never rewritten" in again.output
