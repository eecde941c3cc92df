"""Golden tests of the messages people read: each kind of YAML mistake with its fix, entries
named by their id, "did you mean" for every kind of id, a date in another format, a heading at
the wrong level or with another title, and the exit statuses (1 findings, 2 usage)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, git
from test_bad_inputs import findings_for

from qms_docs.cli import main

RISKS = "content/risks.yml"
PS03 = "content/procedures/PS-03-auditul-intern.md"
F01 = "content/forms/F-01-lista-documentelor-in-vigoare.md"
SHEET = "content/caf/2026/sheets/alina-tudor.yml"


def change(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(repo: Path) -> None:
        text = (repo / rel).read_text("utf-8")
        assert old in text, (rel, old)
        (repo / rel).write_text(text.replace(old, new, 1), "utf-8")
    return edit


# (case, file, how to break it, the findings for that file, exactly)
CASES = [
    ("tab", RISKS, change(RISKS, "\n  - id: R-02", "\n\t- id: R-02"), """\
content/risks.yml:38:1: error QMS001 a tab character: YAML indents with spaces only
    hint: replace the tab with spaces (in the editor: indent using spaces)
"""),
    ("indentation", RISKS, change(RISKS, "    impact: 3\n", "     impact: 3\n"), """\
content/risks.yml:16:12: error QMS001 this line is indented differently from the entries above it
    hint: entries of one list or mapping start in the same column, with spaces; a value nested under a key is indented further than the key
"""),
    ("list-item-indentation", RISKS, change(RISKS, "\n  - id: R-02", "\n   - id: R-02"), """\
content/risks.yml:38:4: error QMS001 this list item is indented differently from the entries above it
    hint: entries of one list or mapping start in the same column, with spaces; a value nested under a key is indented further than the key
"""),
    ("unquoted-colon", RISKS, change(RISKS, "description: Planificarea anuală",
                                     "description: Risc: planificarea anuală"), """\
content/risks.yml:12:22: error QMS001 the value holds ': ', which YAML reads as the start of another key
    hint: put the value in quotes: description: "Risc: planificarea anuală nu reflectă la timp modificările legislative frecvente"
"""),
    ("unclosed-quote", RISKS, change(RISKS, "description: Planificarea anuală",
                                     'description: "Planificarea anuală'), """\
content/risks.yml:12:18: error QMS001 the quote " opened here is never closed
    hint: end the value with " on the same line; a value that holds " goes in the other kind of quotes
"""),
    ("unclosed-bracket", PS03, change(PS03, 'clauses: ["9.2", "9.2.1", "9.2.2"]',
                                      'clauses: ["9.2", "9.2.1", "9.2.2"'), """\
content/procedures/PS-03-auditul-intern.md:88:10: error QMS001 the '[' opened here is never closed
    hint: close it with ']' on the same line, items separated by commas; or write the items as a block list, one '- item' a line
"""),
    ("missing-colon", RISKS, change(RISKS, "\n  - id: R-02", "\n  - id R-02"), """\
content/risks.yml:38:5: error QMS001 'id' has no ': ' after it, so YAML reads this line as a value
    hint: write the key, a colon and a space: - id: R-02
"""),
    ("text-after-quote", RISKS, change(RISKS, "description: Planificarea anuală",
                                       'description: "Planificarea" anuală'), """\
content/risks.yml:12:33: error QMS001 text after the closing quote of a value
    hint: quote the whole value, in single quotes when it holds double ones: description: '"Planificarea" anuală nu reflectă la timp modificările legislative frecvente'
"""),
    ("duplicate-key", RISKS, change(RISKS, "    impact: 3\n", "    impact: 3\n    impact: 4\n"),
     """\
content/risks.yml:17:5: error QMS006 key 'impact' appears twice in this mapping (first on line 16)
    hint: YAML would keep only the last value: remove one, or merge the two
"""),
    ("entry-named-by-id", RISKS, change(RISKS, "    probability: 1\n    impact: 5",
                                        "    probability: 7\n    impact: 5"), """\
content/risks.yml:602:18: error QMS101 risk R-24: probability: 7 is greater than the maximum of 5
    hint: Probability 1..5
"""),
    ("date-format", PS03, change(PS03, "effective_date: 2025-09-01", "effective_date: 01.09.2025"),
     """\
content/procedures/PS-03-auditul-intern.md:7:17: error QMS101 effective_date: '01.09.2025' is not a date in the form YYYY-MM-DD
    hint: write dates as year-month-day, here 2025-09-01
"""),
    ("heading-level", PS03, change(PS03, "\n## 4. ", "\n### 4. "), """\
content/procedures/PS-03-auditul-intern.md:96:1: error QMS307 section 4. Scopul procedurii is a level-3 heading ('### 4. Scopul procedurii') in PS-03; sections are level 2 ('## ')
    hint: procedures have sections 4-10 in order as level-2 headings (OSGG 600/2018, standard 9): '## 4. Scopul procedurii'
"""),
    ("heading-title", PS03, change(PS03, "\n## 5. Domeniul de aplicare", "\n## 5. Aplicabilitate"),
     """\
content/procedures/PS-03-auditul-intern.md:102:1: error QMS307 section 5. Domeniul de aplicare expected in PS-03, found '## 5. Aplicabilitate'
    hint: procedures have sections 4-10 in order as level-2 headings (OSGG 600/2018, standard 9): '## 5. Domeniul de aplicare a procedurii' or '## 5. Domeniul de aplicare'
"""),
    ("unknown-process", PS03, change(PS03, "process: P-04", "process: P-4"), """\
content/procedures/PS-03-auditul-intern.md:9:10: error QMS201 unknown process 'P-4'
    hint: known processes are P-01 … P-14 (processes.yml); did you mean 'P-04'?
"""),
    ("unknown-role", PS03, change(PS03, "  role: rmc\n", "  role: rmcc\n"), """\
content/procedures/PS-03-auditul-intern.md:11:9: error QMS202 unknown job function 'rmcc'
    hint: known job functions are primar … sef-administrativ (roles.yml); did you mean 'rmc'?
"""),
    ("unknown-document", PS03, change(PS03, "forms: [F-03, F-04]", "forms: [F-03, F-40]"), """\
content/procedures/PS-03-auditul-intern.md:90:15: error QMS203 unknown document 'F-40'
    hint: known documents are MC-01 … F-11 (procedures/, instructions/, forms/, manual/manual.yml); did you mean 'F-10'?
"""),
    ("unknown-clause", PS03, change(PS03, '"9.2.2"]', '"9.22"]'), """\
content/procedures/PS-03-auditul-intern.md:88:27: error QMS204 unknown ISO 9001 clause '9.22'
    hint: known ISO 9001 clauses are 4.1 … 10.3 (the ISO 9001:2015 clause list); did you mean '9.2.2'?
"""),
    ("unknown-department", PS03, change(PS03, "department: SMC", "department: SMQ"), """\
content/procedures/PS-03-auditul-intern.md:8:13: error QMS205 unknown department 'SMQ'
    hint: known departments are CONDUCERE … ADM (organization.yml); did you mean 'SMC'?
"""),
    ("unknown-record", PS03, change(PS03, "records: [INR-03]", "records: [INR-3]"), """\
content/procedures/PS-03-auditul-intern.md:91:11: error QMS206 unknown record type 'INR-3'
    hint: known record types are INR-01 … INR-15 (records.yml); did you mean 'INR-03'?
"""),
    ("unknown-risk", "content/context.yml", change("content/context.yml", "[R-05]", "[R-50]"), """\
content/context.yml:16:13: error QMS207 unknown risk 'R-50'
    hint: known risks are R-01 … R-24 (risks.yml); did you mean 'R-20'?
"""),
    ("unknown-caf-sub-criterion", SHEET, change(SHEET, '  "1.1":', '  "1.10":'), """\
content/caf/2026/sheets/alina-tudor.yml:5:1: error QMS502 alina-tudor did not score 1.1 Orientarea organizației prin dezvoltarea misiunii, viziunii și valorilor
    hint: add '"1.1":' with a score and evidence, or 'abstain: <reason>'
content/caf/2026/sheets/alina-tudor.yml:6:3: error QMS503 unknown CAF 2020 sub-criterion '1.10'
    hint: known: 1.1, 1.2, 1.3 … 9.2 (CAF 2020); did you mean '1.1'?
"""),
    ("unknown-caf-evaluator", SHEET, change(SHEET, "evaluator: alina-tudor", "evaluator: alina-tudoor"),
     """\
content/caf/2026/sheets/alina-tudor.yml:3:12: error QMS509 'alina-tudoor' is not in the self-assessment group
    hint: known: andreea-constantinescu, elena-marinescu, cristina-olteanu … doina-ciobanu (group in assessment.yml); did you mean 'alina-tudor'?
"""),
    ("unknown-audit", "content/audits/findings.yml",
     change("content/audits/findings.yml", "audit: AD-2024-01", "audit: AD-2024-1"), """\
content/audits/findings.yml:9:12: error QMS602 NC-2024-01: unknown audit 'AD-2024-1'
    hint: known: AD-2024-01, AI-2024-01, AC-2024-01 … AS-2026-01 (audits/); did you mean 'AD-2024-01'?
"""),
]


@pytest.mark.parametrize("case, rel, breaker, expected", CASES, ids=[c[0] for c in CASES])
def test_message(demo_repo: Path, case: str, rel: str, breaker: Callable[[Path], None],
                 expected: str):
    breaker(demo_repo)
    res = CliRunner().invoke(main, ["check", str(demo_repo), "--today", TODAY, "--no-history"])
    assert "Traceback" not in res.output
    assert findings_for(res.output, rel) == expected
    assert res.exit_code == 1, res.output


def test_usage_and_environment_errors_exit_2(demo_repo: Path, tmp_path: Path):
    run = CliRunner().invoke
    missing = run(main, ["check", str(tmp_path / "nowhere")])
    assert (missing.exit_code, missing.output) == (
        2, f"qms: error: {tmp_path / 'nowhere'}: not a directory\n")
    bad_ref = run(main, ["check", str(demo_repo), "--against", "v9.9"])
    assert (bad_ref.exit_code, bad_ref.output) == (2, "qms: error: unknown git revision 'v9.9'\n")
    option = run(main, ["check", str(demo_repo), "--format", "xml"])
    assert option.exit_code == 2 and "Invalid value for '--format'" in option.output
    git(demo_repo, "status")  # still a repository: nothing was written
