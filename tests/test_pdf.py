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


@poppler
def test_procedure_header_tables_and_diacritics(built: Path):
    pdf = one(built, "PS-01")
    pages = text_of(pdf).split("\f")
    n = len([p for p in pages if p.strip()])
    assert n >= 2
    first = " ".join(pages[0].split())
    for want in ("Primăria Orașului Dealu", "PS-01", "Controlul documentelor", "Ediția: 2",
                 "Revizia: 1", f"Pagina 1 din {n}", "Exemplar nr.: 1",
                 "1. Lista responsabililor", "Elaborat", "Verificat", "Aprobat",
                 "Andreea Constantinescu", "2. Situația edițiilor", "Ediția 2, revizia 1",
                 "3. Lista cuprinzând persoanele", "Numele", "prenumele", "Funcția",
                 "Semnătura", "aplicare"):
        assert want in first, want
    # the header is on every page, with its page number
    for i, page in enumerate(p for p in pages if p.strip()):
        assert f"Pagina {i + 1} din {n}" in " ".join(page.split()) and "PS-01" in page
    body = "".join(pages)
    assert "4. Scopul procedurii" in body and "10. Anexe, înregistrări, arhivări" in body
    # comma-below ș ț as in the source, never the cedilla forms
    assert "\u0219" in body and "\u021b" in body
    assert "\u015f" not in body and "\u0163" not in body


@poppler
def test_manual_has_everything_and_annexes_carry_their_own_header(built: Path):
    import pikepdf

    pdf = built / "MC-01-manualul-calitatii.pdf"
    text = text_of(pdf)
    flat = " ".join(text.split())
    for want in ("MANUALUL CALITĂȚII", "Cuprins", "Lista proceselor", "Harta proceselor",
                 "Contextul organizației", "Părțile interesate",
                 "Lista responsabilităților în domeniul SMC", "Registrul riscurilor",
                 "Lista documentelor SMC în vigoare", "Anexe"):
        assert want in flat, want
    pages = text.split("\f")
    annex = next(p for p in pages if "Cod: PS-01" in p and "1. Lista responsabililor" in p)
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
                 '#panic(„boom”)', "$a+b$", "@nimic", "<eticheta>", "\\bară\\inversă",
                 '#import„/etc/passwd”', '#panic("raw")', "[imagine]"):
        assert want in flat, want
    assert "root:" not in flat  # no file was read
    # (Typst typesets "…" as Romanian quotes „…”: typography, not interpretation.)


@poppler
def test_english_ui_strings(demo_repo: Path, tmp_path: Path):
    cfg = demo_repo / "qms.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("language: ro", "language: en"), "utf-8")
    r = run("pdf", str(demo_repo), "PS-01", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    first = " ".join(text_of(one(tmp_path, "PS-01")).split("\f")[0].split())
    for want in ("Edition", "Revision", "Page 1 of", "Copy no.", "Prepared", "Reviewed",
                 "Approved", "2. Editions and revisions", "3. Distribution list"):
        assert want in first, want


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
    assert r.exit_code == 1
    assert "unknown document code(s): PS-99" in r.output and "Traceback" not in r.output
    r = run("pdf", str(built.parent), "--manual-only", "--out", str(tmp_path / "m"))
    assert r.exit_code == 0, r.output
    assert [p.name for p in (tmp_path / "m").iterdir()] == ["MC-01-manualul-calitatii.pdf"]


@requires("pdftoppm")
def test_pages_as_images_for_review(built: Path):
    OUTPUT.mkdir(exist_ok=True)
    for pdf, stem, pages in ((one(built, "PS-01"), "PS-01", "1"),
                             (built / "MC-01-manualul-calitatii.pdf", "MC-01", "2")):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", pages, str(pdf),
                        str(OUTPUT / stem)], check=True)
    assert list(OUTPUT.glob("PS-01-*.png")) and list(OUTPUT.glob("MC-01-*.png"))


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
