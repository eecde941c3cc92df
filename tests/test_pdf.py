"""The PDF stage, end to end on the demo: pandoc → Typst → PDF/A-2b, checked with poppler and
pikepdf (real tools, no mocks). Page images go to tests/output/ for a human to look at."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, git, make_demo, new_version, requires

from qms_docs.cli import main
from qms_docs.exceptions import SignError

EPOCH = "1767225600"
OUTPUT = ROOT / "tests" / "output"
poppler = requires("pdftotext", "pdftoppm")


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})},
                              catch_exceptions=False)


def text_of(pdf: Path, layout: bool = False) -> str:
    cmd = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def one(folder: Path, code: str) -> Path:
    found = sorted(folder.glob(f"{code}-*.pdf"))
    assert len(found) == 1, (code, sorted(p.name for p in folder.iterdir()))
    return found[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every PDF of the demo, unsigned."""
    repo = make_demo(tmp_path_factory.mktemp("pdf") / "repo")
    r = run("pdf", str(repo), "--out", str(repo / "_pdf"))
    assert r.exit_code == 0, r.output
    return repo / "_pdf"


def test_one_pdf_per_document_and_the_manual(built: Path):
    names = {p.name for p in built.glob("*.pdf")}
    assert "MC-01-manualul-calitatii.pdf" in names
    assert "PS-01-controlul-documentelor.pdf" in names
    assert any(n.startswith("PO-") for n in names)
    assert not list(built.parent.glob("._pdf.tmp-*")), "staging folder left behind"


STRUCTURE = ("1. Lista responsabililor", "2. Situația edițiilor și a reviziilor",
             "3. Lista cuprinzând persoanele", "4. Scopul procedurii", "5. Domeniul de aplicare",
             "6. Documente de referință", "7. Definiții și abrevieri", "8. Descrierea",
             "9. Responsabilități", "10. Anexe, înregistrări, arhivări",
             "Formular de evidență a modificărilor", "Formular de analiză a procedurii",
             "Formular de distribuire/difuzare")


def in_order(text: str, parts: tuple[str, ...]) -> list[int]:
    at, out = 0, []
    for part in parts:
        i = text.find(part, at)
        assert i >= 0, (part, text[at:at + 300])
        out.append(i)
        at = i + len(part)
    return out


@poppler
def test_procedure_osgg_structure_in_order(built: Path):
    """OSGG 600/2018: cover page, contents, tables 1-3, sections 4-10, the three forms; the
    header on every page; editions in Roman numerals; dates dd.mm.yyyy."""
    pdf = one(built, "PS-01")
    pages = [" ".join(p.split()) for p in text_of(pdf, layout=True).split("\f") if p.strip()]
    n = len(pages)
    assert n >= 4
    cover = pages[0]
    for want in ("Primăria Orașului Dealu Mare", "PROCEDURĂ DE SISTEM", "Controlul documentelor",
                 "Cod: PS-01", "Ediția a II-a", "Revizia 1", "în vigoare de la 02.03.2026",
                 "APROBAT", "Primar", "Exemplar nr.: 1", "Nr. exemplare: 6"):
        assert want in cover, want
    assert "1. Lista responsabililor" not in cover  # the cover is a page of its own
    contents = pages[1]
    assert contents.count("Cuprins") >= 2  # its title, and its own line
    in_order(contents, ("Pagina de gardă", "Cuprins") + STRUCTURE)
    for i, page in enumerate(pages):  # the header, on every page
        for want in (f"Pagina {i + 1} din {n}", "Cod: PS-01", "Ediția: a II-a", "Revizia: 1",
                     "Exemplar nr.: 1", "Nr. exemplare: 6", "Controlul documentelor"):
            assert want in page, (i + 1, want)
    body = " ".join(pages[2:])
    in_order(body, STRUCTURE)
    # table 2: numbered rows, a row of column numbers, editions in Roman numerals
    table2 = body[body.index("2. Situația"):body.index("3. Lista cuprinzând")]
    assert "0 1 2 3 4" in table2
    in_order(table2, ("2.1", "15.04.2024", "2.2", "17.03.2025", "2.3", "02.03.2026"))
    # content-stream order (-raw): poppler's reading-order guess mixes table 2 with the
    # DEMO watermark once the table sits lower on the page
    raw = " ".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                                  capture_output=True, text=True).stdout.split())
    in_order(raw, ("Ediția I ", "Ediția a II-a ", "Ediția a II-a, revizia 1"))
    table3 = body[body.index("3. Lista cuprinzând"):body.index("4. Scopul")]
    assert "0 1 2 3 4 5 6 7" in table3 and "3.1 aplicare" in table3
    forms = body[body.index("Formular de evidență a modificărilor"):]
    assert "retragerii" in forms and "Aviz" in forms
    # dates as dd.mm.yyyy, never ISO; comma-below ș ț, never the cedilla forms
    whole = " ".join(pages)
    assert not re.search(r"\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b", whole)
    assert "\u0219" in whole and "\u021b" in whole
    assert "\u015f" not in whole and "\u0163" not in whole


@poppler
def test_manual_has_everything_and_annexes_carry_their_own_header(built: Path):
    import pikepdf

    pdf = built / "MC-01-manualul-calitatii.pdf"
    text = text_of(pdf)
    flat = " ".join(text.split())
    assert not re.search(r"(?<![A-Z0-9-])20[0-9]{2}-[0-9]{2}-[0-9]{2}", flat)  # dd.mm.yyyy only
    for want in ("MANUALUL CALITĂȚII", "Cuprins", "Lista proceselor", "Harta proceselor",
                 "Contextul organizației", "Părțile interesate",
                 "Lista responsabilităților în domeniul SMC", "Registrul riscurilor",
                 "Lista documentelor SMC în vigoare", "Anexe"):
        assert want in flat, want
    pages = text.split("\f")
    annex = next(p for p in pages if "Cod: PS-01" in p and "PROCEDURĂ DE SISTEM" in p)
    assert "Pagina 1 din" in " ".join(annex.split())
    with pikepdf.open(pdf) as p:
        with p.open_outline() as outline:
            titles = [i.title for i in outline.root]
            nested = [c.title for i in outline.root for c in i.children]
        assert "Lista proceselor" in titles
        assert any(t.startswith("PS-01") for t in titles + nested)
        links = [a for page in p.pages for a in page.get("/Annots") or []
                 if a.get("/Subtype") == "/Link" and ("/Dest" in a or "/A" in a)]
        assert len(links) > 10  # contents and the document register link into the PDF


def test_reproducible(built: Path, tmp_path: Path):
    repo = built.parent
    r = run("pdf", str(repo), "MC-01", "PS-01", "--out", str(tmp_path / "again"))
    assert r.exit_code == 0, r.output
    for name in ("MC-01-manualul-calitatii.pdf", "PS-01-controlul-documentelor.pdf"):
        assert (tmp_path / "again" / name).read_bytes() == (built / name).read_bytes(), name


def test_pdfa_identification_fonts_output_intent(built: Path):
    import pikepdf

    for pdf in (built / "MC-01-manualul-calitatii.pdf", one(built, "PS-01")):
        with pikepdf.open(pdf) as p:
            assert not p.is_encrypted
            meta = p.open_metadata()
            assert meta.get("{http://www.aiim.org/pdfa/ns/id/}part") == "2"
            assert meta.get("{http://www.aiim.org/pdfa/ns/id/}conformance") == "B"
            intents = p.Root.get("/OutputIntents")
            assert intents and intents[0].get("/S") == "/GTS_PDFA1"
            assert "/DestOutputProfile" in intents[0]
            for font in _fonts(p):
                fd = font.get("/FontDescriptor")
                if fd is None and "/DescendantFonts" in font:
                    fd = font.DescendantFonts[0].get("/FontDescriptor")
                assert fd is not None and any(k in fd for k in
                                              ("/FontFile", "/FontFile2", "/FontFile3")), font


def _fonts(p):
    import pikepdf

    seen, stack = set(), [page.obj for page in p.pages]
    while stack:
        obj = stack.pop()
        res = obj.get("/Resources")
        if not isinstance(res, pikepdf.Dictionary):
            continue
        for font in (res.get("/Font") or {}).values():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for x in (res.get("/XObject") or {}).values():
            if x.objgen not in seen:
                seen.add(x.objgen)
                stack.append(x)


@poppler
def test_content_cannot_inject_typst(demo_repo: Path, tmp_path: Path):
    src = demo_repo / "content" / "procedures" / "PS-01-controlul-documentelor.md"
    evil_title = r"Titlu #set text(red) $x^2$ *s* @ref <lbl> \n C:\\cale"
    text = src.read_text("utf-8").replace("title: Controlul documentelor",
                                          f"title: '{evil_title}'", 1)
    text = text.replace("## 5. Domeniul de aplicare", (
        "Corp: #panic(\"boom\") $ a + b $ @nimic <eticheta> \\\\ bară\\\\inversă "
        "#import \"/etc/passwd\"\n\n```{=typst}\n#panic(\"raw\")\n```\n\n"
        "![imagine](/etc/passwd)\n\n## 5. Domeniul de aplicare"), 1)
    src.write_text(text, "utf-8")
    new_version(demo_repo, "content/procedures/PS-01-controlul-documentelor.md")
    git(demo_repo, "commit", "-qam", "evil")
    r = run("pdf", str(demo_repo), "PS-01", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    flat = re.sub(r"\s+", "", text_of(one(tmp_path, "PS-01")))
    for want in ("#settext(red)", "$x^2$", "*s*", "@ref", "<lbl>", r"C:\\cale",
                 '#panic("boom")', "$a+b$", "@nimic", "\\bară\\inversă",
                 '#import"/etc/passwd"', '#panic("raw")', "[imagine]"):
        assert want in flat, want
    assert "root:" not in flat  # no file was read
    # an unknown HTML element is removed by the site's sanitiser, in the PDF as on the site
    assert "<eticheta>" not in flat
    # (Typst typesets "…" as Romanian quotes „…”: typography, not interpretation.)


@poppler
def test_english_ui_strings(demo_repo: Path, tmp_path: Path):
    cfg = demo_repo / "qms.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("language: ro", "language: en"), "utf-8")
    r = run("pdf", str(demo_repo), "PS-01", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    whole = " ".join(text_of(one(tmp_path, "PS-01")).split())
    for want in ("Edition II", "Revision", "Page 1 of", "Copy no.", "Prepared", "Reviewed",
                 "Approved", "2. Editions and revisions", "3. Distribution list", "Contents",
                 "Cover page", "Record of changes", "Distribution form", "2026-03-02"):
        assert want in whole, want
    for romanian in ("Ediția", "Pagina", "Cuprins", "Formular de"):
        assert romanian not in whole, romanian


def test_failed_build_leaves_previous_pdfs(built: Path, tmp_path: Path):
    from qms_docs.check import load_qms
    from qms_docs.pdf import build_pdfs

    out = tmp_path / "out"
    out.mkdir()
    old = out / "PS-01-controlul-documentelor.pdf"
    old.write_bytes(b"%PDF-1.7 previous")
    qms = load_qms(built.parent)

    def failing_signer(pdf: bytes, doc, slots) -> bytes:
        if doc.code == "PS-02":
            raise SignError("token removed")
        return pdf

    with pytest.raises(SignError):
        build_pdfs(qms, out, codes=["PS-01", "PS-02"], sign=failing_signer)
    assert old.read_bytes() == b"%PDF-1.7 previous"
    assert [p.name for p in out.iterdir()] == [old.name]
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_cli_errors_are_one_line(built: Path, tmp_path: Path):
    r = run("pdf", str(built.parent), "PS-99", "--out", str(tmp_path))
    assert r.exit_code == 2  # a usage error
    assert "unknown document code(s): PS-99" in r.output and "Traceback" not in r.output
    r = run("pdf", str(built.parent), "--manual-only", "--out", str(tmp_path / "m"))
    assert r.exit_code == 0, r.output
    assert [p.name for p in (tmp_path / "m").iterdir()] == ["MC-01-manualul-calitatii.pdf"]


@poppler
def test_pages_as_images_for_review(built: Path):
    """Page images for a human to look at (tests/output/, git-ignored): the manual's cover,
    a procedure's first two pages (cover and contents) and its table page, the responsibility
    matrix and the process map, each found by its text."""
    OUTPUT.mkdir(exist_ok=True)
    manual = built / "MC-01-manualul-calitatii.pdf"
    pages = text_of(manual).split("\f")

    def find(*words: str) -> int:
        return next(i + 1 for i, p in enumerate(pages)
                    if all(w in " ".join(p.split()) for w in words) and "Cuprins" not in p)

    raci = find("Lista responsabilităților în domeniul SMC", "Nivel de conducere")
    process_map = find("Harta proceselor", "Procese de management", "P-14")
    shots = [(manual, "manual-cover", 1, 1), (one(built, "PS-01"), "procedure", 1, 3),
             (manual, "raci", raci, raci), (manual, "process-map", process_map, process_map)]
    for pdf, stem, first, last in shots:
        for old in OUTPUT.glob(f"{stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", str(first), "-l", str(last),
                        str(pdf), str(OUTPUT / stem)], check=True)
        assert list(OUTPUT.glob(f"{stem}-*.png")), stem
    # the process map's text is the drawing's: every box label, whole, on the map page
    flat = " ".join(pages[process_map - 1].split())
    for label in ("Managementul documentelor și înregistrărilor",
                  "Registratură și relații cu publicul", "Infrastructură IT și administrativ"):
        assert label in flat, label
    # RACI: codes are never broken across lines
    raci_text = text_of(manual, layout=True).split("\f")[raci - 1]
    assert "PO-ACH-01" in raci_text and "PO-REG-01" in raci_text and "PO-\n" not in raci_text


@poppler
def test_assembled_manual_bookmarks_contents_and_links_find_each_annex(built: Path):
    """The manual is its front matter followed by the procedures' own PDFs: one bookmark per
    annex, contents page numbers and register links that land on the page where it starts."""
    import pikepdf

    from qms_docs.check import load_qms
    from qms_docs.pdf.manual import annexes_of
    from qms_docs.pdf.strings import strings

    pdf = built / "MC-01-manualul-calitatii.pdf"
    annexes = annexes_of(load_qms(built.parent))
    assert len(annexes) >= 7
    pages = text_of(pdf, layout=True).split("\f")
    starts = {}  # code → 0-based page where its annex starts
    for i, page in enumerate(pages):
        flat = " ".join(page.split())
        for d in annexes:
            if f"Cod: {d.code} " in flat and "Pagina 1 din" in flat and d.code not in starts:
                starts[d.code] = i
    assert list(starts) == [d.code for d in annexes]
    assert sorted(starts.values()) == list(starts.values())
    with pikepdf.open(pdf) as p:
        index = {page.objgen: i for i, page in enumerate(p.pages)}
        with p.open_outline() as outline:
            holder = [i for i in outline.root if i.title == strings("ro")["annexes"]]
            assert len(holder) == 1
            kids = holder[0].children
            assert [k.title for k in kids] == [f"{d.code} – {d.title}" for d in annexes]
            assert [index[k.destination[0].objgen] for k in kids] == \
                [starts[d.code] for d in annexes]
            # each annex keeps its own bookmarks (its tables and sections) under its entry
            assert all(len(k.children) >= 3 for k in kids)
        uris = [str(a.A.URI) for page in p.pages for a in page.get("/Annots") or []
                if "/A" in a and a.A.get("/S") == "/URI"]
        assert not [u for u in uris if u.startswith("qms-annex:")]
        goto = {index[a.A.D[0].objgen] for page in p.pages for a in page.get("/Annots") or []
                if "/A" in a and a.A.get("/S") == "/GoTo" and isinstance(a.A.D, pikepdf.Array)}
        assert set(starts.values()) <= goto  # the register and the annex list link to them
    # the manual's own pages (after the cover) are numbered 1..N in their header, the parts
    # typeset apart (the responsibility matrix) included
    front = "\n".join(pages[:min(starts.values())])
    numbers = [re.findall(r"Pagina (\d+) din (\d+)", " ".join(p.split()))
               for p in pages[1:min(starts.values())]]
    n = len(numbers)
    assert numbers == [[(str(i), str(n))] for i in range(1, n + 1)]
    assert "Lista responsabilităților în domeniul SMC" in front and "A-01" in front
    # the contents give the physical page (as a viewer numbers them) where each annex starts
    for d in annexes:
        m = re.search(rf"^\s*{re.escape(d.code)} – .*?(?:\. )+\.?\s*\u2060?(\d+)\s*$", front,
                      re.M)
        assert m, d.code
        assert int(m.group(1)) == starts[d.code] + 1, (d.code, m.group(1), starts[d.code])
