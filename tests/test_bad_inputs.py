"""Golden corpus of bad inputs: one broken file per case, the exact findings `qms check` reports for
it (file:line:col, code, message, hint), an exit code of 0 or 1, and never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY

from qms_docs.cli import main

RISKS = "content/risks.yml"
PROCESSES = "content/processes.yml"
PS06 = "content/procedures/PS-06-managementul-riscurilor.md"
PS06_COPY = "content/procedures/PS-06-versiune-veche.md"


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    return lambda repo: (repo / rel).write_bytes(data)


def edit(rel: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda repo: (repo / rel).write_bytes(change((repo / rel).read_bytes()))


def copy(src: str, dest: str) -> Callable[[Path], None]:
    return lambda repo: (repo / dest).write_bytes((repo / src).read_bytes())


def crlf(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(old, new, 1).replace(b"\n", b"\r\n")


LAST_PROCESS = b"""
  - id: P-14
    name: Management financiar-contabil (duplicat)
    type: support
    owner: director-economic
    department: FIN
    purpose: Aceeasi
    inputs: [Bugetul local]
    outputs: [Executia bugetara]
    customers: [Consiliul Local]
    indicators:
      - {name: Plati restante, target: "0", frequency: trimestrial}
    clauses: ["7.1"]
"""

# (case id, broken file, how to break it, exit code, the findings for that file, exactly)
CASES = [
    ("binary-yaml", RISKS, write(RISKS, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"), 1, """\
content/risks.yml:1:1: error QMS008 not UTF-8: byte 0x89 here (invalid start byte)
    hint: save the file as UTF-8 (not Windows-1250 or ISO-8859-2)
"""),
    ("nul-bytes-yaml", RISKS, write(RISKS, b"risks:\n  - id: R-01\x00\x00\x01\x02"), 1, """\
content/risks.yml:2:13: error QMS008 not UTF-8 text: it holds NUL bytes (binary or UTF-16)
    hint: save the file as UTF-8
"""),
    ("control-character-yaml", RISKS, write(RISKS, b"risks:\n  - id: R-01\x07\n"), 1, """\
content/risks.yml:2:13: error QMS001 control character U+0007 is not allowed in YAML
    hint: remove it; a file full of them is binary, not YAML
"""),
    ("binary-markdown", PS06, write(PS06, b"\x00\x01\x02\x03\xff\xd8\xff\xe0JFIF"), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:1:5: error QMS008 not UTF-8: byte 0xff here (invalid start byte)
    hint: save the file as UTF-8 (not Windows-1250 or ISO-8859-2)
"""),
    ("utf16-markdown", PS06, write(PS06, "---\ncode: PS-06\n".encode("utf-16-le")), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:1:2: error QMS008 not UTF-8 text: it holds NUL bytes (binary or UTF-16)
    hint: save the file as UTF-8
"""),
    ("empty-yaml", RISKS, write(RISKS, b""), 1, """\
content/risks.yml:1:1: error QMS104 the file is empty
    hint: see schemas/risks.schema.json for what it holds
"""),
    ("empty-markdown", PS06, write(PS06, b""), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:1:1: error QMS005 no YAML front matter
    hint: start the file with a '---' line, the metadata, and '---'
"""),
    ("iso-8859-16-yaml", RISKS,
     edit(RISKS, lambda d: d.decode("utf-8").encode("iso8859_16", "replace")), 1, """\
content/risks.yml:3:21: error QMS008 not UTF-8: byte 0xba here (invalid start byte)
    hint: save the file as UTF-8 (not Windows-1250 or ISO-8859-2)
"""),
    ("8-bit-romanian-markdown", PS06,
     write(PS06, b"---\ncode: PS-06\ntitle: Gestiunea riscurilor \xbai a \xfeintelor\n---\n"), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:3:29: error QMS008 not UTF-8: byte 0xba here (invalid start byte)
    hint: save the file as UTF-8 (not Windows-1250 or ISO-8859-2)
"""),
    ("no-front-matter", PS06, write(PS06, b"# Managementul riscurilor\n\nText.\n"), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:1:1: error QMS005 no YAML front matter
    hint: start the file with a '---' line, the metadata, and '---'
"""),
    ("unterminated-front-matter", PS06,
     write(PS06, b"---\ncode: PS-06\ntitle: Managementul riscurilor\n\n## 4. Scop\n"), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:1:1: error QMS005 front matter is not closed
    hint: add a '---' line after the metadata
"""),
    ("malformed-front-matter", PS06,
     edit(PS06, lambda d: d.replace(b"title: Managementul", b"title: [Managementul")), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:3:8: error QMS001 the '[' opened here is never closed
    hint: close it with ']' on the same line, items separated by commas; or write the items as a block list, one '- item' a line
"""),
    ("top-level-list", RISKS, write(RISKS, b"- id: R-01\n- id: R-02\n"), 1, """\
content/risks.yml:1:1: error QMS104 expected a mapping, got a list
    hint: The risk register (ISO 9001 6.1, OSGG 600/2018 standard 8): P and I 1..5, exposure = P x I, strategy, measures, owner, residual risk, review dates.
"""),
    ("string-for-a-list", RISKS, write(RISKS, b"risks: toate riscurile\n"), 1, """\
content/risks.yml:1:8: error QMS104 risks: expected a list, got 'toate riscurile'
    hint: Risks
"""),
    ("duplicate-document-code", PS06_COPY, copy(PS06, PS06_COPY), 1, """\
content/procedures/PS-06-versiune-veche.md:2:7: error QMS210 duplicate document code 'PS-06'
    hint: first defined at content/procedures/PS-06-managementul-riscurilor.md:2
"""),
    ("duplicate-process-id", PROCESSES, edit(PROCESSES, lambda d: d + LAST_PROCESS), 1, """\
content/processes.yml:448:9: error QMS210 duplicate process 'P-14'
    hint: first defined at content/processes.yml:417
"""),
    ("tab-indentation", RISKS,
     edit(RISKS, lambda d: d.replace(b"  - id: R-01\n    process:", b"  - id: R-01\n\tprocess:")), 1,
     """\
content/risks.yml:8:1: error QMS001 a tab character: YAML indents with spaces only
    hint: replace the tab with spaces (in the editor: indent using spaces)
"""),
    ("over-max-file-bytes", RISKS, edit(RISKS, lambda d: d + b"#" * 2_000_000 + b"\n"), 1, """\
content/risks.yml:1:1: error QMS002 file is 2026043 bytes, the limit is 2000000
    hint: split the file, or raise max_file_bytes in qms.yml
"""),
    ("10000-nested-lists", RISKS, write(RISKS, b"risks: " + b"[" * 10_000 + b"]" * 10_000), 1, """\
content/risks.yml:1:71: error QMS010 YAML nested more than 64 levels deep
    hint: QMS files are a few levels deep: check the brackets and indentation
"""),
    ("10000-nested-mappings", RISKS, write(RISKS, b"{a: " * 10_000 + b"1" + b"}" * 10_000), 1, """\
content/risks.yml:1:254: error QMS010 YAML nested more than 64 levels deep
    hint: QMS files are a few levels deep: check the brackets and indentation
"""),
    ("python-object-tag", RISKS,
     write(RISKS, b"risks:\n  - !!python/object/apply:os.system ['rm -rf /']\n"), 1, """\
content/risks.yml:2:5: error QMS004 tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed
    hint: QMS files hold plain data: strings, numbers, booleans, lists, mappings
"""),
    ("bom-yaml", RISKS, edit(RISKS, lambda d: b"\xef\xbb\xbf" + d), 0, ""),
    ("bom-markdown", PS06, edit(PS06, lambda d: b"\xef\xbb\xbf" + d), 0, ""),
    ("bom-yaml-position", RISKS, write(RISKS, "\ufeffrisks: toate\n".encode()), 1, """\
content/risks.yml:1:8: error QMS104 risks: expected a list, got 'toate'
    hint: Risks
"""),
    ("crlf-yaml", RISKS, edit(RISKS, crlf(b"    process: P-01\n", b"    process: P-99\n")), 1, """\
content/risks.yml:8:14: error QMS201 unknown process 'P-99'
    hint: known processes are P-01 … P-14 (processes.yml); did you mean 'P-09'?
"""),
    ("crlf-markdown", PS06,
     edit(PS06, crlf(b"process: P-03\n", b"process: P-99\nculoare: rosu\n")), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:9:10: error QMS201 unknown process 'P-99'
    hint: known processes are P-01 … P-14 (processes.yml); did you mean 'P-09'?
content/procedures/PS-06-managementul-riscurilor.md:10:1: error QMS103 unknown property 'culoare'
    hint: allowed: code, title, edition, revision, effective_date, department, elaborated_by, verified_by, endorsed_by, approved_by, revisions, distribution, analysis, review_interval_months, kind, process, parent, references, definitions, clauses, osgg, forms, records, reviewed_on
"""),
    ("crlf-front-matter-syntax", PS06,
     write(PS06, b"---\r\ncode: PS-06\r\ntitle: [Managementul\r\n---\r\n"), 1, """\
content/procedures/PS-06-managementul-riscurilor.md:3:8: error QMS001 the '[' opened here is never closed
    hint: close it with ']' on the same line, items separated by commas; or write the items as a block list, one '- item' a line
"""),
]


def findings_for(output: str, rel: str) -> str:
    """The finding lines (and their hint lines) of one file, in the order printed; the approval
    state of the edited document (QMS709 changed after approval, QMS713; tested in
    test_approvals.py) left out."""
    out, keep = [], False
    for line in output.splitlines(keepends=True):
        if not line.startswith("    hint: "):
            keep = line.startswith(f"{rel}:") and not any(
                code in line for code in (" QMS709 ", " QMS713 "))
        if keep:
            out.append(line)
    return "".join(out)


@pytest.mark.parametrize("case, rel, breaker, exit_code, expected", CASES,
                         ids=[c[0] for c in CASES])
def test_bad_input(demo_repo: Path, case: str, rel: str, breaker: Callable[[Path], None],
                   exit_code: int, expected: str):
    import shutil

    # a broken document is not the approved text any more: only its load problems matter here
    shutil.rmtree(demo_repo / "content/approvals/PS-06", ignore_errors=True)
    breaker(demo_repo)
    res = CliRunner().invoke(main, ["check", str(demo_repo), "--today", TODAY, "--no-history"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
    assert "Traceback" not in res.output
    assert findings_for(res.output, rel) == expected
    assert res.exit_code == exit_code, res.output
