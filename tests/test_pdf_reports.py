"""Report PDFs (CAF, audits, registers, management review inputs, training, SCIM) under rapoarte/:
real pandoc, Typst and poppler on the demo. Page images go to tests/output/ for a human to look
at."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import git, make_demo, requires
from test_pdf import OUTPUT, _fonts, poppler, run, text_of

from qms_docs.check import load_qms

REPORTS = {
    "caf-2024-raport.pdf", "caf-2024-plan.pdf", "caf-2026-raport.pdf", "caf-2026-plan.pdf",
    "caf-comparatie.pdf", "audit-AD-2024-01-raport.pdf", "audit-AD-2024-01-lista-de-verificare.pdf",
    "audit-AI-2024-01-raport.pdf", "audit-AI-2024-01-lista-de-verificare.pdf",
    "audit-AC-2024-01-raport.pdf", "audit-AI-2025-01-raport.pdf",
    "audit-AI-2025-01-lista-de-verificare.pdf", "audit-AI-2025-02-raport.pdf",
    "audit-AI-2025-02-lista-de-verificare.pdf", "audit-AS-2025-01-raport.pdf",
    "audit-AI-2026-01-raport.pdf", "audit-AI-2026-01-lista-de-verificare.pdf",
    "audit-AS-2026-01-raport.pdf", "audit-constatari.pdf", "audit-actiuni.pdf",
    "audit-analiza-2024.pdf", "audit-analiza-2025.pdf", "audit-analiza-2026.pdf",
    "audit-instruire.pdf",
} | {f"scim-{n}.pdf" for n in (
    "dispozitii", "comisia", "2025-sedinte", "2026-sedinte", "2025-program-dezvoltare",
    "2026-program-dezvoltare", "registrul-riscurilor", "plan-masuri-control", "oportunitati",
    "2025-raport-gestionare-riscuri", "activitati-procedurale", "registrul-procedurilor",
    "functii-sensibile", "2025-chestionare", "2025-situatia-sintetica",
    "2025-stadiu-pe-compartimente", "2025-raport-scim")}
HOSTILE = "Evil #set text(red) $x$ <script>alert(1)</script> *b* @ref \\\\ [l](/etc/passwd)"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full build of the demo (documents, manual and reports), unsigned."""
    repo = make_demo(tmp_path_factory.mktemp("reports") / "repo")
    r = run("pdf", str(repo), "--out", str(repo / "_pdf"))
    assert r.exit_code == 0, r.output
    return repo / "_pdf"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_full_build_writes_every_report(built: Path):
    names = {p.name for p in (built / "rapoarte").glob("*.pdf")}
    assert names == REPORTS
    assert (built / "MC-01-manualul-calitatii.pdf").exists()  # the documents are still there
    assert not list(built.glob("rapoarte-*")) and not list(built.parent.glob("._pdf.tmp-*"))


@poppler
def test_caf_report_title_scores_and_diacritics(built: Path):
    from qms_docs.caf.pages import pages

    md = pages(load_qms(built.parent), "ro")["caf/2026/raport.md"]
    # the first row of the criteria table of the site page: criterion, type, score, subcriteria
    lines = md.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("## 2."))
    row = next(line for line in lines[start:] if re.match(r"\| 1\. ", line))
    title, kind, score = (html.unescape(c.strip()) for c in row.strip("|").split("|")[:3])
    assert re.fullmatch(r"\d+,\d", score), score
    pdf = built / "rapoarte" / "caf-2026-raport.pdf"
    text = text_of(pdf, layout=True)
    assert re.search(r"\s+".join(map(re.escape, (title, kind, score))), text), (title, score)
    pages_ = [p for p in text_of(pdf).split("\f") if p.strip()]
    first = flat(pages_[0])
    for want in ("Primăria Orașului Dealu Mare", "Raport de autoevaluare CAF 2026",
                 "Data: 01.01.2026", f"Pagina 1 din {len(pages_)}", "Grupul de autoevaluare"):
        assert want in first, want
    for i, page in enumerate(pages_):  # header on every page, no OSGG control tables
        assert f"Pagina {i + 1} din {len(pages_)}" in flat(page)
    body = "".join(pages_)
    assert "1. Lista responsabililor" not in body
    assert "ă" in body and "\u0219" in body and "\u021b" in body  # ș ț with comma below
    assert "\u015f" not in body and "\u0163" not in body
    assert "&#" not in body  # the site's numeric entities came out as characters


@poppler
def test_caf_report_has_the_radar_chart(built: Path):
    import pikepdf

    pdf = built / "rapoarte" / "caf-2026-raport.pdf"
    pages_ = text_of(pdf).split("\f")
    # the chart's own text (tick labels, legend), drawn from the SVG; not its description
    radar = [i for i, p in enumerate(pages_)
             if all(f"\n{n}\n" in f"\n{p}\n" for n in ("20", "40", "60", "80", "100", "CAF 2026"))]
    assert radar, "radar chart not found"
    assert "[Diagrama radar" not in "".join(pages_)
    with pikepdf.open(pdf) as p:  # drawn as vector graphics with its transparency state
        res = p.pages[radar[0]].obj.Resources
        assert "/ExtGState" in res
    comparison = text_of(built / "rapoarte" / "caf-comparatie.pdf")
    assert "CAF 2024" in comparison and "[Diagrama radar" not in comparison


@poppler
def test_audit_report_shows_its_findings(built: Path):
    text = flat(text_of(built / "rapoarte" / "audit-AI-2026-01-raport.pdf"))
    assert "Raport de audit AI-2026-01" in text
    for want in ("NC-2026-01", "NC-2026-04", "OBS-2026-01",
                 "Petițiile primite prin e-mail nu sunt înregistrate în ziua primirii."):
        assert want in text, want
    register = flat(text_of(built / "rapoarte" / "audit-constatari.pdf"))
    assert "Registrul neconformităților" in register and "NC-2024-01" in register


def test_pdfa_and_embedded_fonts(built: Path):
    import pikepdf

    for name in ("caf-2026-raport.pdf", "audit-analiza-2026.pdf"):
        with pikepdf.open(built / "rapoarte" / name) as p:
            meta = p.open_metadata()
            assert meta.get("{http://www.aiim.org/pdfa/ns/id/}part") == "2"
            assert meta.get("{http://www.aiim.org/pdfa/ns/id/}conformance") == "B"
            assert p.Root.OutputIntents[0].get("/S") == "/GTS_PDFA1"
            for font in _fonts(p):
                fd = font.get("/FontDescriptor")
                if fd is None and "/DescendantFonts" in font:
                    fd = font.DescendantFonts[0].get("/FontDescriptor")
                assert fd is not None and any(k in fd for k in
                                              ("/FontFile", "/FontFile2", "/FontFile3")), font
            assert "/AcroForm" not in p.Root  # not signed: reports have no table 1


def test_wide_tables_landscape_and_header_rows_repeat(built: Path):
    import pikepdf

    with pikepdf.open(built / "rapoarte" / "audit-analiza-2026.pdf") as p:
        box = [float(x) for x in p.pages[0].mediabox]
        assert box[2] > box[3]  # ten-column tables: landscape
    with pikepdf.open(built / "rapoarte" / "caf-2026-raport.pdf") as p:
        box = [float(x) for x in p.pages[0].mediabox]
        assert box[2] < box[3]


@poppler
def test_table_header_repeated_on_the_next_page(built: Path):
    pages_ = [flat(p) for p in text_of(built / "rapoarte" / "caf-2026-raport.pdf").split("\f")]
    split = [i for i in range(1, len(pages_)) if "Subcriteriu Titlu Consens" in pages_[i]]
    assert len(split) >= 2  # the subcriteria table spans pages, its header row on each


def test_reproducible_and_reports_only(built: Path, tmp_path: Path):
    repo = built.parent
    r = run("pdf", str(repo), "--reports-only", "--out", str(tmp_path / "again"))
    assert r.exit_code == 0, r.output
    assert [p.name for p in (tmp_path / "again").iterdir()] == ["rapoarte"]
    for name in sorted(REPORTS):
        assert (tmp_path / "again" / "rapoarte" / name).read_bytes() == \
            (built / "rapoarte" / name).read_bytes(), name


def test_codes_and_manual_only_build_no_reports_and_prune(built: Path, tmp_path: Path):
    repo = built.parent
    out = tmp_path / "out"
    r = run("pdf", str(repo), "PS-01", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert not (out / "rapoarte").exists()
    stale = out / "rapoarte" / "audit-AX-1999-01-raport.pdf"
    stale.parent.mkdir()
    stale.write_bytes(b"%PDF-1.7 old")
    r = run("pdf", str(repo), "--reports-only", "--out", str(out))
    assert r.exit_code == 0, r.output
    assert not stale.exists()
    assert (out / "PS-01-controlul-documentelor.pdf").exists()  # --reports-only prunes no doc
    r = run("pdf", str(repo), "PS-01", "--reports-only", "--out", str(out))
    assert r.exit_code == 2 and "--reports-only" in r.output


def test_release_verifier_accepts_unsigned_pdfs_and_checks_their_identity(built: Path):
    from qms_docs.cli.pdf import release_pdf_verifier

    problems = release_pdf_verifier(None)
    assert problems(built / "rapoarte" / "caf-2026-raport.pdf") == []
    # a document approved by statements is published unsigned without an e-seal: the release
    # manifest, pinned by its tag, covers its bytes; its identity is still checked
    assert problems(built / "MC-01-manualul-calitatii.pdf") == []
    renamed = built.parent / "PS-01-copie.pdf"
    renamed.write_bytes((built / "MC-01-manualul-calitatii.pdf").read_bytes())
    assert problems(renamed)[0].startswith("the file name is not MC-01's but the PDF is MC-01")


@poppler
def test_hostile_values_appear_literally(demo_repo: Path, tmp_path: Path):
    src = demo_repo / "content" / "audits" / "findings.yml"
    text = src.read_text("utf-8")
    old = "description: Petițiile primite prin e-mail nu sunt înregistrate în ziua primirii."
    assert old in text
    src.write_text(text.replace(old, "description: '" + HOSTILE.replace("'", "''") + "'", 1),
                   "utf-8")
    git(demo_repo, "commit", "-qam", "evil")
    r = run("pdf", str(demo_repo), "--reports-only", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    for name in ("audit-AI-2026-01-raport.pdf", "audit-constatari.pdf"):
        got = re.sub(r"\s+", "", text_of(tmp_path / "rapoarte" / name))
        want = re.sub(r"\s+", "", HOSTILE)
        assert want in got, (name, got[:3000])
        assert "root:" not in got


@requires("pdftoppm")
def test_report_pages_as_images_for_review(built: Path):
    OUTPUT.mkdir(exist_ok=True)
    for name, stem, last in (("caf-2026-raport.pdf", "report-caf-2026", "2"),
                             ("audit-constatari.pdf", "report-constatari", "1"),
                             ("audit-analiza-2026.pdf", "report-analiza-2026", "1")):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", last,
                        str(built / "rapoarte" / name), str(OUTPUT / stem)], check=True)
    assert list(OUTPUT.glob("report-caf-2026-*.png"))



def _no_cedilla_no_entities(text: str) -> None:
    assert "\u0219" in text and "\u021b" in text  # ș ț with comma below
    assert "\u015f" not in text and "\u0163" not in text and "&#" not in text


@poppler
def test_scim_synthetic_situation_in_the_osgg_layout(built: Path):
    """The synthetic situation: approved by the president, every standard with columns 2-6 as
    the questionnaires give them, the grade, drawn up by the secretariat; one portrait page."""
    import pikepdf
    from test_scim import _independent

    pdf = built / "rapoarte" / "scim-2025-situatia-sintetica.pdf"
    text = flat(text_of(pdf))
    for want in ("Situația sintetică a rezultatelor autoevaluării la 31.12.2025",
                 "Aprobat, președintele Comisiei de monitorizare: Ioana Dumitrescu, Viceprimar",
                 "Entitatea publică: Primăria Orașului Dealu Mare",
                 "Total număr compartimente = 13", "I. Mediul de control", "V. Evaluare și audit",
                 "Gradul de conformitate a sistemului de control intern managerial cu "
                 "standardele: parțial conform (14 din 16 standarde implementate)",
                 "Elaborat: secretariatul Comisiei de monitorizare: Andreea Constantinescu"):
        assert want in text, want
    rows, grade = _independent(built.parent)
    assert grade == "parțial conform"
    layout = text_of(pdf, layout=True)
    for sid, (n, i, pi, ni, state) in rows.items():  # every row, as computed from the YAML
        assert re.search(rf"Standardul {sid} –.*?\s{n}\s+{i}\s+{pi}\s+{ni}\s+{state}\b",
                         layout, re.S), sid
    _no_cedilla_no_entities(text)
    with pikepdf.open(pdf) as p:
        assert len(p.pages) == 1
        box = [float(x) for x in p.pages[0].mediabox]
        assert box[2] < box[3]  # portrait, as the order's form


@poppler
def test_scim_risk_register_per_department_with_both_heat_maps(built: Path):
    import pikepdf

    pdf = built / "rapoarte" / "scim-registrul-riscurilor.pdf"
    pages_ = [flat(p) for p in text_of(pdf).split("\f") if p.strip()]
    first = pages_[0]
    assert "Registrul riscurilor al entității" in first
    assert "Risc inerent" in first and "Risc rezidual" in first  # the two heat maps
    assert "Probabilitate" in first and "Impact" in first  # drawn from the SVG, as text
    body = " ".join(pages_)
    for want in ("Compartimentul: Direcția Arhitect-Șef", "Compartimentul: Compartimentul "
                 "Informatică", "Obiective / activități", "Cauzele care favorizează apariția "
                 "riscului", "Strategia adoptată", "Data ultimei revizuiri", "Observații",
                 "tratarea (atenuarea) riscului", "transferarea riscului",
                 "R-22 Incident de securitate cibernetică", "20.10.2026"):
        assert want in body, want
    assert "R-02" not in body and "R-10" not in body  # opportunities are kept apart
    _no_cedilla_no_entities(body)
    with pikepdf.open(pdf) as p:
        box = [float(x) for x in p.pages[1].mediabox]
        assert box[2] > box[3]  # fifteen columns: landscape
    opportunities = flat(text_of(built / "rapoarte" / "scim-oportunitati.pdf"))
    assert "R-10" in opportunities and "R-22" not in opportunities


@poppler
def test_scim_report_questionnaires_and_programme(built: Path):
    report = flat(text_of(built / "rapoarte" / "scim-2025-raport-scim.pdf"))
    for want in ("Raport asupra sistemului de control intern managerial la data de 31 decembrie "
                 "2025", "Nr. 1520 din 18.02.2026", "subsemnatul Gheorghe Stanciu",
                 "este parțial conform cu standardele", "Standardul 11 – Continuitatea "
                 "activității", "Primar, Gheorghe Stanciu"):
        assert want in report, want
    forms = flat(text_of(built / "rapoarte" / "scim-2025-chestionare.pdf"))
    assert forms.count("Conducătorul compartimentului:") == 13
    assert "Radu Vlădescu, Arhitect-șef" in forms and "Parțial" in forms
    programme = flat(text_of(built / "rapoarte" / "scim-2026-program-dezvoltare.pdf"))
    assert "Aprobat: Gheorghe Stanciu, Primar, 13.02.2026" in programme
    assert "HCM-2026-03" in programme and "A-2026-04" in programme


@requires("pdftoppm")
def test_scim_pages_as_images_for_review(built: Path):
    OUTPUT.mkdir(exist_ok=True)
    for name, stem, last in (("scim-2025-situatia-sintetica.pdf", "scim-situatia-sintetica", "1"),
                             ("scim-registrul-riscurilor.pdf", "scim-registrul-riscurilor", "2"),
                             ("scim-2025-chestionare.pdf", "scim-chestionare", "1")):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", last,
                        str(built / "rapoarte" / name), str(OUTPUT / stem)], check=True)
    assert list(OUTPUT.glob("scim-situatia-sintetica-*.png"))
    assert list(OUTPUT.glob("scim-registrul-riscurilor-*.png"))
def _figures(pdf) -> list:
    """Every /Figure element of the logical structure."""
    import pikepdf

    out, todo = [], [pdf.Root.StructTreeRoot]
    while todo:
        node = todo.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                out.append(node)
            kids = node.get("/K")
            todo += list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids else []
        elif isinstance(node, pikepdf.Array):
            todo += list(node)
    return out


def test_every_pdf_shows_its_title_and_every_figure_has_alt_text(built: Path):
    import pikepdf

    for path in sorted(built.rglob("*.pdf")):
        with pikepdf.open(path) as pdf:
            assert pdf.Root.ViewerPreferences.DisplayDocTitle is True, path.name
    with pikepdf.open(built / "rapoarte" / "caf-2026-raport.pdf") as pdf:
        figures = _figures(pdf)
        assert figures, "the radar chart is not tagged as a figure"
        for fig in figures:
            assert "CAF 2026" in str(fig.get("/Alt", "")), fig.get("/Alt")
