"""A procedure written by LibreOffice (an independent writer of real Word files): the OSGG
header in the page header, table 1 with a Verificat cell merged over two people, Roman-numeral
editions, a footnote, a bulleted list, an image, and a form annexed on a page of its own."""

from __future__ import annotations

import base64
import struct
import subprocess
import zlib
from pathlib import Path

from click.testing import CliRunner
from conftest import make_demo, requires

from qms_docs.cli import main
from qms_docs.load.yamlpos import load_yaml_text


def _png() -> bytes:
    """A 4x4 red PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _cells(*texts: str, spans: dict[int, int] | None = None) -> str:
    out = []
    for i, t in enumerate(texts):
        if t is None:
            out.append("<table:covered-table-cell/>")
            continue
        span = f' table:number-rows-spanned="{spans[i]}"' if spans and i in spans else ""
        out.append(f'<table:table-cell office:value-type="string"{span}><text:p>{t}</text:p>'
                   "</table:table-cell>")
    return "<table:table-row>" + "".join(out) + "</table:table-row>"


def _table(name: str, cols: int, rows: list[str]) -> str:
    return (f'<table:table table:name="{name}"><table:table-column '
            f'table:number-columns-repeated="{cols}"/>' + "".join(rows) + "</table:table>")


def fodt() -> str:
    img = base64.b64encode(_png()).decode()
    t1 = _table("T1", 5, [
        _cells("Operațiunea", "Numele și prenumele", "Funcția", "Data", "Semnătura"),
        _cells("Elaborat", "Ana Petrescu", "Referent registratură", "03.03.2025", ""),
        _cells("Verificat", "Andreea Constantinescu", "Responsabil cu managementul calității",
               "05.03.2025", "", spans={0: 2}),
        _cells(None, "Elena Marinescu", "Secretar general al UAT", "06.03.2025", ""),
        _cells("Aprobat", "Gheorghe Stanciu", "Primar", "10.03.2025", "")])
    t2 = _table("T2", 4, [
        _cells("Ediția / revizia", "Componenta revizuită", "Modalitatea reviziei",
               "Data de la care se aplică"),
        _cells("Ediția I", "x", "x", "01.04.2023"),
        _cells("Ediția a II-a", "Întreaga procedură", "Ediție nouă, după reorganizare",
               "17.03.2025")])
    t3 = _table("T3", 5, [
        _cells("Scopul difuzării", "Exemplar nr.", "Compartiment", "Funcția", "Nume și prenume"),
        _cells("Aplicare", "1", "Compartimentul Registratură și Relații cu Publicul",
               "Referent registratură", "Ana Petrescu"),
        _cells("Evidență", "2", "Compartimentul Managementul Calității",
               "Responsabil cu managementul calității", "Andreea Constantinescu")])
    sections = "".join(
        f'<text:h text:outline-level="1">{n}. {title}</text:h><text:p>{body}</text:p>'
        for n, title, body in [
            (4, "Scopul procedurii", "Stabilește modul de soluționare a reclamațiilor."),
            (5, "Domeniul de aplicare", "Se aplică la ghișeul unic."),
            (6, "Documentele de referință aplicabile activității procedurale",
             'OG nr. 27/2002 privind petițiile<text:note text:note-class="footnote">'
             '<text:note-citation>1</text:note-citation><text:note-body><text:p>Aprobată prin '
             'Legea nr. 233/2002.</text:p></text:note-body></text:note>'),
            (7, "Definiții și abrevieri", "RRP – Registratură și relații cu publicul"),
            (8, "Descrierea activității sau procesului",
             'Reclamația se înregistrează <text:span text:style-name="B">în aceeași zi</text:span>'
             ' și se <text:span text:style-name="I">repartizează</text:span> în 2 zile.'),
            (9, "Responsabilități și răspunderi", "Referentul ține evidența."),
            (10, "Anexe, înregistrări, arhivări", "Anexa 1 – Fișa reclamației (F-21)."),
        ])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="Heading_20_1">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:page-layout style:name="pm1"><style:header-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header>
  <text:p>Primăria Orașului Dealu Mare</text:p>
  <text:p>Compartimentul Registratură și Relații cu Publicul</text:p>
  <text:p>PROCEDURĂ OPERAȚIONALĂ</text:p>
  <text:p>Soluționarea reclamațiilor la ghișeul unic</text:p>
  <text:p>Cod: PO-REG-02</text:p><text:p>Ediția a II-a</text:p><text:p>Revizia 0</text:p>
 </style:header></style:master-page>
</office:master-styles>
<office:body><office:text>
 <text:h text:style-name="Heading_20_1" text:outline-level="1">1. Lista responsabililor cu elaborarea, verificarea și aprobarea ediției</text:h>
 {t1}
 <text:h text:outline-level="1">2. Situația edițiilor și a reviziilor în cadrul edițiilor procedurii</text:h>
 {t2}
 <text:h text:outline-level="1">3. Lista cuprinzând persoanele la care se difuzează ediția</text:h>
 {t3}
 {sections}
 <text:list><text:list-item><text:p>termen de răspuns: 30 de zile</text:p></text:list-item>
 <text:list-item><text:p>răspunsul se arhivează</text:p></text:list-item></text:list>
 <text:p><draw:frame draw:name="fig" svg:width="1cm" svg:height="1cm"><draw:image>
  <office:binary-data>{img}</office:binary-data></draw:image></draw:frame></text:p>
 <text:h text:style-name="PB" text:outline-level="1">Anexa 1 – Formular F-21 Fișa reclamației</text:h>
 <text:p>Nume: ____________ Adresa: ____________</text:p>
</office:text></office:body></office:document>
"""


@requires("soffice")
def test_libreoffice_procedure(tmp_path: Path):
    src = tmp_path / "reclamatii.fodt"
    src.write_text(fodt(), "utf-8")
    out = tmp_path / "word"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=240)
    docx = out / "reclamatii.docx"
    repo = make_demo(tmp_path / "repo", commit=False)
    r = CliRunner().invoke(main, ["import", "--repo", str(repo), str(docx)])
    lines = [x for x in r.output.splitlines() if x.startswith(f"{docx}:")]
    assert lines == [
        f"{docx}: note QMS909 process P-06: the only one of department REG",
        f"{docx}:table 1:row 2:cell 2: note QMS925 Ana Petrescu added to the people registry "
        "as 'referent-registratura' from 2025-03-03",
        f"{docx}:paragraph 21: note QMS923 annex imported as form F-21",
        f"{docx}:table 1:row 2:cell 2: warning QMS913 Ana Petrescu signs as "
        "'referent-registratura' on 2025-03-03; the registry also has Florin Dobre in that "
        "function then: the name stays in the front matter",
        f"{docx}:paragraph 8: note QMS918 section title 'Documentele de referință aplicabile "
        "activității procedurale' written as '6. Documente de referință'",
        f"{docx}:paragraph 12: note QMS918 section title 'Descrierea activității sau "
        "procesului' written as '8. Descrierea procedurii'",
    ], r.output
    assert r.exit_code == 0, r.output
    path = repo / "content/procedures/PO-REG-02-solutionarea-reclamatiilor-la-ghiseul-unic.md"
    head, body = path.read_text("utf-8")[4:].split("\n---\n", 1)
    fm = load_yaml_text(head)[0].data
    assert (fm["edition"], fm["revision"], fm["effective_date"], fm["department"]) == \
        (2, 0, "2025-03-17", "REG")
    assert fm["verified_by"] == [{"role": "rmc", "date": "2025-03-05"},
                                 {"role": "secretar-general", "date": "2025-03-06"}]
    assert [(x["edition"], x["revision"]) for x in fm["revisions"]] == [(1, 0), (2, 0)]
    assert fm["definitions"] == [{"term": "RRP",
                                  "definition": "Registratură și relații cu publicul"}]
    assert "[^1]" in body and "[^1]: Aprobată prin Legea nr. 233/2002." in body
    assert "**în aceeași zi**" in body and "*repartizează*" in body
    assert "termen de răspuns: 30 de zile" in body
    images = list((repo / "content/assets/PO-REG-02").iterdir())
    assert len(images) == 1 and images[0].read_bytes()[:4] == b"\x89PNG"
    assert f"](../assets/PO-REG-02/{images[0].name})" in body
    assert (repo / "content/forms/F-21-fisa-reclamatiei.md").exists()
