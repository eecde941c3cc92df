"""Word documents in the layouts real authorities use, made with python-docx (an independent
writer: nothing of qms-docs takes part). Each function saves one .docx and returns its path."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Pt

AUTHORITY = "Primăria Orașului Dealu Mare"

SECTIONS = [
    ("Scopul procedurii", ["Procedura stabilește modul de emitere a avizelor de amplasare."]),
    ("Domeniul de aplicare", ["Se aplică în cadrul Direcției Arhitect-Șef."]),
    ("Documente de referință", ["Legea nr. 50/1991 privind autorizarea executării lucrărilor "
                                "de construcții, republicată",
                                "OUG nr. 57/2019 privind Codul administrativ"]),
    ("Definiții și abrevieri", None),  # a table
    ("Descrierea procedurii", ["Cererea se înregistrează la registratură.",
                               "Inspectorul verifică documentația în 5 zile lucrătoare."]),
    ("Responsabilități și răspunderi", ["Arhitectul-șef aprobă avizul."]),
    ("Anexe, înregistrări, arhivări", ["Anexa 1 – Cerere de aviz (F-20)."]),
]


def _cell(table, r, c, text, bold=False):
    cell = table.cell(r, c)
    cell.text = ""
    lines = text.split("\n")
    p = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            p = cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold


def _grid(doc_or_header, rows):
    t = doc_or_header.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = "Table Grid" if hasattr(doc_or_header, "styles") else t.style
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                _cell(t, r, c, v)
    return t


def page_header(d, code, title, edition="I", revision="0", dept="Direcția Arhitect-Șef"):
    h = d.sections[0].header
    h.paragraphs[0].text = ""
    t = h.add_table(rows=1, cols=3, width=d.sections[0].page_width)
    _cell(t, 0, 0, f"{AUTHORITY}\n{dept}")
    _cell(t, 0, 1, f"PROCEDURĂ OPERAȚIONALĂ\n{title}")
    _cell(t, 0, 2, f"Cod: {code}\nEdiția {edition}\nRevizia {revision}\nPagina 1 din 3")


def table1_merged(d, verifiers=2, endorsed=True):
    """Table 1 as OSGG 600/2018 publishes it: numbered rows, a column-number row, the Verificat
    cell merged over several people, an Avizat row."""
    d.add_paragraph("1. Lista responsabililor cu elaborarea, verificarea și aprobarea ediției "
                    "sau, după caz, a reviziei în cadrul ediției procedurii operaționale",
                    style="Heading 1")
    rows = [["Nr. crt.", "Elemente privind responsabilii / operațiunea", "Numele și prenumele",
             "Funcția", "Data", "Semnătura"],
            ["", "1", "2", "3", "4", "5"],
            ["1.1", "Elaborat", "Cristina Olteanu", "Inspector urbanism", "12.03.2024", ""]]
    names = [("Radu Vlădescu", "Arhitect-șef"), ("Andreea Constantinescu",
                                                   "Responsabil cu managementul calității"),
             ("Elena Marinescu", "Secretar general al UAT")][:verifiers]
    for i, (n, f) in enumerate(names):
        rows.append(["1.2", "Verificat" if i == 0 else "", n, f, "14.03.2024", ""])
    if endorsed:
        rows.append(["1.3", "Avizat", "Ioana Dumitrescu", "Viceprimar", "18.03.2024", ""])
    rows.append(["1.4", "Aprobat", "Gheorghe Stanciu", "Primar", "20.03.2024", ""])
    t = _grid(d, rows)
    first = 3
    if verifiers > 1:
        t.cell(first, 1).merge(t.cell(first + verifiers - 1, 1))
        t.cell(first, 0).merge(t.cell(first + verifiers - 1, 0))
        _cell(t, first, 1, "Verificat")
        _cell(t, first, 0, "1.2")
    return t


def table2_roman(d, rows=(("Ediția I", "x", "x", "20.03.2024"),
                          ("Revizia 1", "Secțiunea 8", "Termenul de verificare redus la 5 zile",
                           "02.09.2024"))):
    d.add_paragraph("2. Situația edițiilor și a reviziilor în cadrul edițiilor procedurii "
                    "operaționale", style="Heading 1")
    _grid(d, [["Nr. crt.", "Ediția sau, după caz, revizia în cadrul ediției", "Componenta "
               "revizuită", "Modalitatea reviziei", "Data de la care se aplică prevederile "
               "ediției sau reviziei ediției"], ["", "1", "2", "3", "4"]] +
          [[f"2.{i + 1}", *r] for i, r in enumerate(rows)])


def table3(d):
    d.add_paragraph("3. Lista cuprinzând persoanele la care se difuzează ediția sau, după caz, "
                    "revizia din cadrul ediției procedurii operaționale", style="Heading 1")
    t = _grid(d, [["Nr. crt.", "Scopul difuzării", "Exemplar nr.", "Compartiment", "Funcția",
                   "Nume și prenume", "Data primirii", "Semnătura"],
                  ["3.1", "Aplicare", "1", "Direcția Arhitect-Șef", "Arhitect-șef",
                   "Radu Vlădescu", "", ""],
                  ["3.2", "", "2", "Direcția Arhitect-Șef", "Inspector urbanism",
                   "Cristina Olteanu", "", ""],
                  ["3.3", "Arhivare", "3", "Compartimentul Managementul Calității",
                   "Responsabil cu managementul calității", "Andreea Constantinescu", "", ""]])
    t.cell(1, 1).merge(t.cell(2, 1))
    _cell(t, 1, 1, "Aplicare")


def definitions_table(d):
    _grid(d, [["Nr. crt.", "Termenul", "Definiția și / sau, dacă este cazul, actul care definește "
               "termenul"], ["1", "Aviz de amplasare", "Actul emis pentru amplasarea unei "
                                                       "construcții provizorii"],
              ["2", "DAS", "Direcția Arhitect-Șef"]])


def sections(d, numbering: str = "4-10", style: str = "Heading 1"):
    for n, (title, paras) in enumerate(SECTIONS, start=4):
        label = {"4-10": f"{n}. {title}", "1-7": f"{n - 3}. {title}", "none": title.upper()}[
            numbering]
        if style == "bold":
            p = d.add_paragraph()
            p.add_run(label).bold = True
        else:
            d.add_paragraph(label, style=style)
        if paras is None:
            definitions_table(d)
            continue
        for text in paras:
            if n == 6:
                d.add_paragraph(text, style="List Number")
            else:
                p = d.add_paragraph(text)
        if n == 8:
            p = d.add_paragraph("Termenul de soluționare este de ")
            p.add_run("15 zile").bold = True
            p.add_run(" de la ")
            p.add_run("înregistrare").italic = True
            p.add_run(".")


def annex(d, title="Anexa 1 – Formular F-20 Cerere de aviz de amplasare"):
    p = d.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph(title, style="Heading 1")
    d.add_paragraph("Subsemnatul ______________, domiciliat în ______________, solicit avizul.")
    _grid(d, [["Câmp", "Se completează"], ["Amplasament", ""], ["Durata", ""]])


def layout_tables(path: Path) -> Path:
    """Header in the page header; tables 1-3 as real tables (merged cells, two verifiers,
    an Avizat row); sections numbered 4-10 as headings; Roman editions; an annexed form."""
    d = docx.Document()
    page_header(d, "PO-URB-03", "Emiterea avizelor de amplasare", "a II-a", "1")
    table1_merged(d)
    table2_roman(d, (("Ediția I", "x", "x", "20.03.2024"),
                     ("Ediția a II-a", "Întreaga procedură", "Ediție nouă", "02.09.2024"),
                     ("Revizia 1", "Secțiunea 8", "Termen redus la 5 zile", "10.02.2025")))
    table3(d)
    sections(d, "4-10")
    annex(d)
    d.save(path)
    return path


def _styles(d):
    d.styles["Normal"].font.size = Pt(11)


def layout_paragraphs(path: Path) -> Path:
    """Header written as the first lines of the body; tables 1-3 as paragraphs (tab and comma
    separated); sections unnumbered in capitals, in bold (no heading style); cedilla letters."""
    d = docx.Document()
    _styles(d)
    for line in (AUTHORITY, "Direcţia Arhitect-Şef", "PROCEDURĂ OPERAŢIONALĂ privind emiterea "
                 "certificatelor de nomenclatură stradală", "Cod: PO-URB-04",
                 "Ediţia I, Revizia 0", "Exemplar nr. 1"):
        d.add_paragraph(line)
    p = d.add_paragraph()
    p.add_run("1. Lista responsabililor cu elaborarea, verificarea şi aprobarea ediţiei").bold = True
    d.add_paragraph("Elaborat:\tCristina Olteanu\tInspector urbanism\t05.05.2025")
    d.add_paragraph("Verificat:\tRadu Vlădescu\tArhitect-șef\t07.05.2025")
    d.add_paragraph("Aprobat:\tGheorghe Stanciu, Primar, 12.05.2025")
    p = d.add_paragraph()
    p.add_run("2. Situaţia ediţiilor şi a reviziilor").bold = True
    d.add_paragraph("Ediţia I, revizia 0 – Întreaga procedură – Elaborare iniţială – 15.05.2025")
    p = d.add_paragraph()
    p.add_run("3. Lista de difuzare").bold = True
    d.add_paragraph("Aplicare – 1 – Direcția Arhitect-Șef – Arhitect-șef – Radu Vlădescu")
    d.add_paragraph("Arhivare – 2 – Compartimentul Managementul Calității – Responsabil cu "
                    "managementul calității")
    sections(d, "none", style="bold")
    d.save(path)
    return path


def layout_numbered_1_7(path: Path, verifiers: int = 3) -> Path:
    """Tables 1-3 unnumbered, sections numbered 1-7; the Verificat row with three people in
    one cell (one per line); header in the page header; no annex."""
    d = docx.Document()
    page_header(d, "PO-URB-05", "Eliberarea extraselor de plan cadastral", "I", "0")
    rows = [["Operațiunea", "Numele și prenumele", "Funcția", "Data", "Semnătura"],
            ["Elaborat", "Cristina Olteanu", "Inspector urbanism", "03.02.2025", ""],
            ["Verificat", "Radu Vlădescu\nAndreea Constantinescu\nElena Marinescu",
             "Arhitect-șef\nResponsabil cu managementul calității\nSecretar general al UAT",
             "05.02.2025", ""],
            ["Aprobat", "Gheorghe Stanciu", "Primar", "10.02.2025", ""]]
    _grid(d, rows)
    _grid(d, [["Ediția", "Revizia", "Componenta revizuită", "Modalitatea reviziei", "Data"],
              ["1", "0", "-", "Elaborare inițială", "14.02.2025"]])
    _grid(d, [["Scopul difuzării", "Ex. nr.", "Compartiment", "Funcția", "Nume și prenume"],
              ["Aplicare", "1", "Direcția Arhitect-Șef", "Inspector urbanism", "Cristina Olteanu"]])
    sections(d, "1-7", style="Heading 2")
    d.save(path)
    return path
