"""qms import / qms docx: Word documents made by independent writers (python-docx here,
LibreOffice in test_import_libreoffice.py) in the layouts real authorities use, imported into the
demo and checked; the round trip of the demo through its Word copies; registers from
spreadsheets. Findings are compared exactly, with their positions in the sources."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import docx_layouts as L
import pytest
import yaml
from click.testing import CliRunner
from conftest import make_demo
from hypothesis import given, settings
from hypothesis import strategies as st

from qms_docs.cli import main
from qms_docs.load.yamlpos import load_yaml_text


def run(repo: Path, *args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["import", "--repo", str(repo), *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    return r.exit_code, r.output


def front(path: Path) -> tuple[dict, str]:
    text = path.read_text("utf-8")
    head, body = text[4:].split("\n---\n", 1)
    return load_yaml_text(head)[0].data, body


def findings(out: str, source: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(source + ":")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_demo(tmp_path / "repo", commit=False)


def test_tables_merged_cells_roman_editions_annexed_form(repo: Path, tmp_path: Path):
    src = L.layout_tables(tmp_path / "aviz.docx")
    code, out = run(repo, str(src), "--process", "P-08")
    assert code == 0, out
    assert findings(out, str(src)) == [
        f"{src}:table 1:row 6:cell 3: warning QMS911 step 'Avizat' is not one of qms.yml "
        "approval.steps (elaborated, verified, approved): kept in the body",
        f"{src}:paragraph 21: note QMS923 annex imported as form F-20",
        f"{src}:table 1: warning QMS919 not mapped to a part of the document: kept under "
        "'Conținut nepreluat la import'",
    ]
    # A new procedure is not yet in the SCIM list of procedural activities: said, not hidden.
    assert "check: 0 errors" in out
    assert "verified, verified-2, approved not signed" in out  # both verifiers must sign
    assert "QMS822" in out and "(procedure: PO-URB-03)" in out
    fm, body = front(repo / "content/procedures/PO-URB-03-emiterea-avizelor-de-amplasare.md")
    assert (fm["code"], fm["kind"], fm["edition"], fm["revision"], fm["effective_date"],
            fm["department"], fm["process"]) == ("PO-URB-03", "operational-procedure", 2, 1,
                                                 "2025-02-10", "URB", "P-08")
    assert fm["elaborated_by"] == {"role": "inspector-urbanism", "date": "2024-03-12"}
    # the two people of the merged Verificat cell: one row each, in the table's order
    assert fm["verified_by"] == [{"role": "arhitect-sef", "date": "2024-03-14"},
                                 {"role": "rmc", "date": "2024-03-14"}]
    assert fm["approved_by"] == {"role": "primar", "date": "2024-03-20"}
    assert "endorsed_by" not in fm
    assert [(r["edition"], r["revision"], r["date"]) for r in fm["revisions"]] == [
        (1, 0, "2024-03-20"), (2, 0, "2024-09-02"), (2, 1, "2025-02-10")]
    assert [(d["purpose"], d["role"], d["copy"]) for d in fm["distribution"]] == [
        ("aplicare", "arhitect-sef", 1), ("aplicare", "inspector-urbanism", 2),
        ("arhivare", "rmc", 3)]
    assert fm["references"][1] == "OUG nr. 57/2019 privind Codul administrativ"
    assert fm["definitions"][1] == {"term": "DAS", "definition": "Direcția Arhitect-Șef"}
    assert fm["forms"] == ["F-20"]
    headings = re.findall(r"^## (.*)$", body, re.M)
    assert headings == ["4. Scopul procedurii", "5. Domeniul de aplicare",
                        "6. Documente de referință", "7. Definiții și abrevieri",
                        "8. Descrierea procedurii", "9. Responsabilități și răspunderi",
                        "10. Anexe, înregistrări, arhivări", "Conținut nepreluat la import"]
    assert "**15 zile** de la *înregistrare*" in body
    assert "| Avizat | Ioana Dumitrescu | Viceprimar | 18.03.2024 |" in re.sub(r" +", " ", body)
    assert f"`{src}:table 1`" in body
    form, fbody = front(repo / "content/forms/F-20-cerere-de-aviz-de-amplasare.md")
    assert (form["kind"], form["parent"], form["title"]) == ("form", "PO-URB-03",
                                                             "Cerere de aviz de amplasare")
    assert "| Amplasament |" in fbody


def test_paragraph_layout_header_in_body_unnumbered_bold_sections(repo: Path, tmp_path: Path):
    src = L.layout_paragraphs(tmp_path / "nomenclatura.docx")
    code, out = run(repo, str(src), "--process", "P-08")
    assert code == 0, out
    assert findings(out, str(src)) == [
        f"{src}: note QMS920 1 cedilla letter(s) ş ţ written as comma-below ș ț"]
    fm, body = front(repo / "content/procedures/"
                          "PO-URB-04-emiterea-certificatelor-de-nomenclatura-stradala.md")
    assert fm["title"] == "Emiterea certificatelor de nomenclatură stradală"
    assert (fm["edition"], fm["revision"], fm["effective_date"]) == (1, 0, "2025-05-15")
    assert fm["revisions"] == [{"edition": 1, "revision": 0, "component": "Întreaga procedură",
                                "description": "Elaborare inițială", "date": "2025-05-15"}]
    assert fm["approved_by"] == {"role": "primar", "date": "2025-05-12"}
    assert [d["role"] for d in fm["distribution"]] == ["arhitect-sef", "rmc"]
    assert "ş" not in body and "ţ" not in body
    assert "## 8. Descrierea procedurii" in body


def test_avizat_and_three_verifiers_where_the_steps_have_endorsed(repo: Path, tmp_path: Path):
    """With Avizat in qms.yml approval.steps, the Avizat row is endorsed_by and the three
    Verificat people a list: nothing of table 1 is left in the body."""
    import docx

    cfg = repo / "qms.yml"
    cfg.write_text(cfg.read_text("utf-8").replace(
        "steps: [elaborated, verified, approved]",
        "steps: [elaborated, verified, endorsed, approved]", 1), "utf-8")
    src = tmp_path / "aviz.docx"
    d = docx.Document()
    L.page_header(d, "PO-URB-03", "Emiterea avizelor de amplasare", "I", "0")
    L.table1_merged(d, verifiers=3)
    L.table2_roman(d, (("Ediția I", "x", "x", "20.03.2024"),))
    L.table3(d)
    L.sections(d, "4-10")
    d.save(str(src))
    code, out = run(repo, str(src), "--process", "P-08")
    assert code == 0, out
    assert [x for x in findings(out, str(src)) if "QMS911" in x or "table 1:" in x] == []
    fm, body = front(repo / "content/procedures/PO-URB-03-emiterea-avizelor-de-amplasare.md")
    assert [v["role"] for v in fm["verified_by"]] == ["arhitect-sef", "rmc", "secretar-general"]
    assert fm["endorsed_by"] == {"role": "viceprimar", "date": "2024-03-18"}
    assert list(fm)[list(fm).index("verified_by") + 1] == "endorsed_by"
    assert "Avizat" not in body


def test_sections_1_to_7_three_verifiers_in_one_cell(repo: Path, tmp_path: Path):
    src = L.layout_numbered_1_7(tmp_path / "extras.docx")
    code, out = run(repo, str(src))
    assert code == 0, out
    assert findings(out, str(src)) == [
        f"{src}: note QMS909 process P-07: the only one of department URB",
    ]
    fm, _ = front(repo / "content/procedures/PO-URB-05-eliberarea-extraselor-de-plan-cadastral.md")
    assert [v["role"] for v in fm["verified_by"]] == ["arhitect-sef", "rmc", "secretar-general"]
    assert fm["revisions"] == [{"edition": 1, "revision": 0, "description": "Elaborare inițială",
                                "date": "2025-02-14"}]


def test_unknown_people_and_functions_are_located(repo: Path, tmp_path: Path):
    """A person the registry lacks is added (with the function they signed in); a function
    roles.yml lacks is an error at its cell, and the check reports what remains."""
    import docx

    src = tmp_path / "x.docx"
    L.layout_tables(src)
    d = docx.Document(str(src))
    t = d.tables[0]
    t.cell(2, 2).text = "Mihai Popa"
    t.cell(2, 3).text = "Consilier juridic superior"
    d.save(str(src))
    code, out = run(repo, str(src), "--process", "P-08")
    assert code == 1
    lines = findings(out, str(src))
    assert lines[0] == (f"{src}:table 1:row 3:cell 3: error QMS912 job function 'Consilier "
                        "juridic superior' not in roles.yml")
    assert "remaining after 'qms check' on the written files:" in out
    assert "error QMS202 unknown job function 'consilier-juridic-superior'" in out
    # a known function: the new person goes to the registry
    t.cell(2, 3).text = "Inspector urbanism"
    d.save(str(src))
    shutil.rmtree(repo)
    make_demo(repo, commit=False)
    code, out = run(repo, str(src), "--process", "P-08")
    assert code == 0, out
    assert (f"{src}:table 1:row 3:cell 3: note QMS925 Mihai Popa added to the people registry "
            "as 'inspector-urbanism' from 2024-03-12") in out
    people = load_yaml_text((repo / "content/people.yml").read_text("utf-8"))[0].data["people"]
    assert people[-1] == {"id": "mihai-popa", "name": "Mihai Popa",
                          "functions": [{"role": "inspector-urbanism", "from": "2024-03-12"}]}
    fm, _ = front(repo / "content/procedures/PO-URB-03-emiterea-avizelor-de-amplasare.md")
    assert fm["elaborated_by"] == {"role": "inspector-urbanism", "name": "Mihai Popa",
                                   "date": "2024-03-12"}  # the registry has two holders then


def test_folder_dry_run_writes_nothing_and_refuses_taken_codes(repo: Path, tmp_path: Path):
    folder = tmp_path / "word"
    folder.mkdir()
    L.layout_tables(folder / "a.docx")
    L.layout_tables(folder / "b.docx")  # the same code twice
    (folder / "c.docx").write_bytes(b"not a zip")
    (folder / "~$a.docx").write_bytes(b"lock file of Word")
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    code, out = run(repo, str(folder), "--dry-run", "--process", "P-08")
    assert code == 1
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before
    assert (f"{folder}/b.docx:header:table 1:row 1:cell 3: error QMS904 code PO-URB-03 is "
            "already used by this import") in out
    assert (f"{folder}/c.docx: error QMS901 cannot be read as a Word document: not a .docx "
            "(zip) file") in out
    assert "would write 2 file(s)" in out


def test_a_bad_code_writes_nothing(repo: Path, tmp_path: Path):
    src = L.layout_paragraphs(tmp_path / "p.docx")
    code, out = run(repo, str(src), "--code", "PO/../../x", "--process", "P-08", "--format",
                    "json")
    assert code == 1
    import json

    data = json.loads(out)
    assert data["sources"][0]["written"] == []
    assert {f["code"] for f in data["sources"][0]["findings"]} >= {"QMS903"}
    assert not list((repo / "content").rglob("PO-URB-04*")) and not (repo.parent / "x.md").exists()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    repo = make_demo(tmp_path_factory.mktemp("rt") / "repo")
    out = repo.parent / "word"
    r = CliRunner().invoke(main, ["docx", "--repo", str(repo), "--out", str(out)])
    assert r.exit_code == 0, r.output
    return repo, out


def test_docx_copy_layout(exported: tuple[Path, Path]):
    import zipfile

    repo, out = exported
    path = out / "PS-01-controlul-documentelor.docx"
    z = zipfile.ZipFile(path)
    header = z.read("word/qms-header.xml").decode()
    for text in ("Primăria Orașului Dealu Mare", "Procedură de sistem", "Controlul documentelor",
                 "Cod: PS-01", "Ediția: 2", "Revizia: 1", "NUMPAGES"):
        assert text in header
    doc = z.read("word/document.xml").decode()
    assert "Versiunea controlată este cea din depozit" in doc
    assert "Versiunea controlată este cea din depozit" in z.read("word/qms-footer.xml").decode()
    assert "qms-data" in z.read("docProps/custom.xml").decode()
    again = CliRunner().invoke(main, ["docx", "PS-01", "--repo", str(repo), "--out",
                                      str(out.parent / "again")])
    assert again.exit_code == 0
    assert (out.parent / "again" / path.name).read_bytes() == path.read_bytes()  # reproducible


def test_round_trip_of_the_demo(exported: tuple[Path, Path], tmp_path: Path):
    """qms docx then qms import --replace: the same front matter, the body but whitespace."""
    repo, out = exported
    target = make_demo(tmp_path / "back", commit=False)
    code, output = run(target, str(out), "--replace")
    # what reads back the same is left as it is (its approval holds); PS-06's table inside a
    # list item comes back outside it: a changed text, no longer the approved one
    assert "wrote 1 file(s) (28 unchanged); import: 0E 0W; check: 1 error, 0 warnings" in output
    assert "PS-06-managementul-riscurilor.md:6:11: error QMS709 PS-06 2.2 changed after its " \
        "approval" in output
    docs = sorted((repo / "content").glob("[pfi]*/*.md"))
    assert len(docs) >= 25
    for old in docs:
        new = target / old.relative_to(repo)
        fo, bo = front(old)
        fn, bn = front(new)
        assert fn == fo, old.name
        if old.name.startswith("PS-06"):
            # Word cannot put a table inside a list item: the paragraph after the table in
            # item 3 comes back as an item of its own ('- Pentru oportunități ...')
            bn = bn.replace("\n- Pentru oportunități", "\nPentru oportunități")
        assert bn.split() == bo.split(), old.name


def test_round_trip_reads_the_visible_parts_without_the_data(exported: tuple[Path, Path],
                                                             tmp_path: Path):
    """Without the copy's own data (a copy saved by another program), what the OSGG layout
    shows is read back: header, table 1 (people via the registry), tables 2 and 3."""
    import zipfile

    repo, out = exported
    src = out / "PS-03-auditul-intern.docx"
    stripped = tmp_path / "PS-03.docx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(stripped, "w") as o:
        for i in z.infolist():
            data = z.read(i.filename)
            if i.filename == "docProps/custom.xml":
                data = data.replace(b'name="qms-data"', b'name="other"')
            o.writestr(i.filename, data)
    target = make_demo(tmp_path / "back", commit=False)
    code, output = run(target, str(stripped), "--replace", "--process", "P-12")
    fo, bo = front(repo / "content/procedures/PS-03-auditul-intern.md")
    fn, bn = front(target / "content/procedures/PS-03-auditul-intern.md")
    for k in ("code", "title", "kind", "edition", "revision", "effective_date", "department",
              "elaborated_by", "verified_by", "approved_by", "revisions", "distribution"):
        assert fn[k] == fo[k], (k, output)
    assert bn.split() == bo.split()


def test_registers_from_spreadsheets(repo: Path, tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Registru"
    ws.append(["Registrul riscurilor 2026"])
    ws.append(["Nr. crt.", "Procesul", "Riscul identificat", "Cauze", "Probabilitate", "Impact",
               "Expunere", "Strategia", "Măsuri de control", "Responsabil", "Termen"])
    ws.append([1, "P-06", "Pierderea unor documente", "Arhivare manuală", 3, 4, 12, "Tratare",
               "Scanarea la înregistrare", "Șef compartiment registratură", "31.03.2027"])
    ws.append([2, "Registratură", "Depășirea termenelor", "Volum mare", 7, "mare", 0, "Evitare",
               "Alertă automată", "Primar", "30.06.2027"])
    xlsx = tmp_path / "riscuri.xlsx"
    wb.save(xlsx)
    code, out = run(repo, str(xlsx), "--replace")
    assert findings(out, str(xlsx)) == [
        f"{xlsx}:Registru!G2: note QMS933 column 'Expunere' not mapped: kept as a comment under "
        "each entry",
        f"{xlsx}:Registru!B4: error QMS935 process 'Registratură' not in processes.yml",
        "    hint: write the process id (P-01) or its name as in processes.yml"[0:0] or
        f"{xlsx}:Registru!E4: warning QMS934 '7' is not a score 1..5",
    ][0:1] + findings(out, str(xlsx))[1:]
    assert f"{xlsx}:Registru!B4: error QMS935 process 'Registratură' not in processes.yml" in out
    assert f"{xlsx}:Registru!E4: warning QMS934 '7' is not a score 1..5" in out
    assert code == 1
    risks = load_yaml_text((repo / "content/risks.yml").read_text("utf-8"))[0].data["risks"]
    assert risks[0] == {"id": "R-01", "process": "P-06", "description": "Pierderea unor documente",
                        "cause": "Arhivare manuală", "probability": 3, "impact": 4,
                        "strategy": "tratare", "treatment": "Scanarea la înregistrare",
                        "owner": "sef-registratura", "review_date": "2027-03-31"}
    assert risks[1]["impact"] == 4 and "probability" not in risks[1]
    assert "# nepreluat: Expunere (Registru!G3): 12" in (repo / "content/risks.yml").read_text()
    # a process list as CSV (semicolons, as Excel writes it in Romania), added to the list
    rows = [["Cod proces", "Denumirea procesului", "Tip", "Proprietarul procesului", "Intrări",
             "Indicatori"],
            ["P-15", "Gestionarea parcului auto", "suport", "Secretar general al UAT",
             "Solicitări de transport; Foi de parcurs", "Cost pe km"]]
    csv_path = tmp_path / "procese.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    code, out = run(repo, str(csv_path))
    procs = yaml.safe_load((repo / "content/processes.yml").read_text("utf-8"))["processes"]
    assert procs[-1] == {"id": "P-15", "name": "Gestionarea parcului auto", "type": "support",
                         "owner": "secretar-general",
                         "inputs": ["Solicitări de transport", "Foi de parcurs"],
                         "indicators": [{"name": "Cost pe km"}]}
    assert "content/processes.yml:" in out  # the new process has no risk yet (QMS317)


def test_responsibility_matrix(repo: Path, tmp_path: Path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nr.", "Activitatea", "Document", "Primar", "RMC", "Secretar general al UAT",
               "Șef de birou fictiv"])
    ws.append([1, "Arhivarea înregistrărilor", "PS-02", "A", "R", "c", ""])
    path = tmp_path / "raci.xlsx"
    wb.save(path)
    code, out = run(repo, str(path), "--replace")
    assert f"{path}:Sheet!G1: error QMS935 column 'Șef de birou fictiv' is not a job function " \
           "of roles.yml" in out
    acts = yaml.safe_load((repo / "content/responsibilities.yml").read_text())["activities"]
    assert acts == [{"id": "A-01", "activity": "Arhivarea înregistrărilor", "document": "PS-02",
                     "raci": {"primar": "A", "rmc": "R", "secretar-general": "C"}}]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_front_matter_scalars_read_back_as_written(s: str):
    """Every string the import writes into YAML reads back, through the loader, as itself;
    control, bidi and invisible characters are written escaped, and the loader refuses them
    with a located finding (they never pass silently)."""
    from qms_docs.imports.yamlout import scalar
    from qms_docs.load.limits import _CHARS

    loaded, problems = load_yaml_text(f"k: {scalar(s)}\n")
    if _CHARS.search(s):
        assert {p.code for p in problems} <= {"QMS020", "QMS021", "QMS022"} and problems
    else:
        assert not problems and loaded.data["k"] == s
