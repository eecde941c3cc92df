"""Table 1 in the OSGG 600/2018 form for an authority whose steps are Elaborat, a three-person
Verificat, Avizat and Aprobat (qms.yml approval.steps): a real repository made from the demo,
every signer signing with their demo key, then the site page, the PDF (pdftotext, page images
with pdftoppm) and the Word copy asserted row by row."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, git, make_demo, requires

from qms_docs.cli import main

EPOCH = "1795000000"  # 2026-11-18, as in test_approvals
PS02 = "content/procedures/PS-02-controlul-inregistrarilor.md"
OUTPUT = ROOT / "tests" / "output"
VERIFIERS = ("secretar-general", "consilier-juridic", "director-economic")
SIGNERS = [("elaborated", None, "2026-12-01"), *(("verified", f, "2026-12-03")
                                                 for f in VERIFIERS),
           ("endorsed", None, "2026-12-07"), ("approved", None, "2026-12-08")]


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH,
                                                     "QMS_SIGN_PASSWORD": None})


def configure(repo: Path) -> None:
    """Avizat between Verificat and Aprobat, three functions at Verificat, a new revision."""
    cfg = repo / "qms.yml"
    cfg.write_text(cfg.read_text("utf-8").replace(
        "steps: [elaborated, verified, approved]",
        "steps: [elaborated, verified, endorsed, approved]", 1), "utf-8")
    p = repo / PS02
    t = p.read_text("utf-8")
    t = re.sub(r"verified_by:\n  role: secretar-general\n  date: [0-9-]+\n",
               "verified_by:\n" + "".join(f"  - role: {f}\n" for f in VERIFIERS)
               + "endorsed_by: viceprimar\n", t, count=1)
    t = re.sub(r"^revision: 1", "revision: 2", t, count=1, flags=re.M)
    t = re.sub(r"^effective_date: .*$", "effective_date: 2026-12-20", t, count=1, flags=re.M)
    row = ("  - edition: 1\n    revision: 2\n    component: Secțiunea 8.3\n"
           "    description: Verificarea de către trei funcții și avizarea\n"
           "    date: 2026-12-20\n")
    t = t.replace("\ndistribution:", "\n" + row.rstrip("\n") + "\ndistribution:", 1)
    p.write_text(t, "utf-8")


def sign(repo: Path, signers=SIGNERS) -> None:
    for step, function, day in signers:
        extra = ("--function", function) if function else ()
        r = run("approve", "PS-02", "--as", step, "--repo", str(repo), "--time",
                f"{day}T10:00:00+02:00", *extra)
        assert r.exit_code == 0, (step, function, r.output)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_demo(tmp_path_factory.mktemp("table1") / "repo")
    assert run("keys", "demo", str(repo)).exit_code == 0
    configure(repo)
    sign(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "PS-02 1.2: trei verificatori și avizare")
    return repo


ROWS = [("1.1", "Elaborat", "Andreea Constantinescu", "Responsabil cu managementul calității",
         "01.12.2026"),
        ("1.2", "Verificat", "Elena Marinescu", "Secretar general al UAT", "03.12.2026"),
        ("", "", "Adrian Munteanu", "Consilier juridic", "03.12.2026"),
        ("", "", "Liliana Enache", "Director economic", "03.12.2026"),
        ("1.3", "Avizat", "Ioana Dumitrescu", "Viceprimar", "07.12.2026"),
        ("1.4", "Aprobat", "Gheorghe Stanciu", "Primar", "08.12.2026")]


def test_every_named_signer_must_sign(tmp_path: Path):
    """A Verificat row left unsigned: the version is not approved, the row names its state,
    and Avizat cannot be signed before it."""
    repo = make_demo(tmp_path / "repo")
    assert run("keys", "demo", str(repo)).exit_code == 0
    configure(repo)
    sign(repo, SIGNERS[:3])
    r = run("approve", "PS-02", "--as", "endorsed", "--repo", str(repo), "--time",
            "2026-12-07T10:00:00+02:00")
    assert r.exit_code != 0
    assert "verified-3 must be signed before endorsed" in r.output
    out = run("check", str(repo), "--no-history").output
    assert "PS-02" in out and "verified-3" in out, out


def test_check_is_clean_and_each_signer_has_a_row(repo: Path):
    from qms_docs.approval.verify import approvals_of
    from qms_docs.config import load_config
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    out = run("check", str(repo), "--no-history").output
    assert "QMS7" not in out, out
    cfg = load_config(repo)
    qms = build_qms(cfg, load_repository(cfg))
    approvals_of(qms)
    doc = qms.document("PS-02")
    assert [(a.slot, a.status) for a in doc.approvals] == [
        ("elaborated", "signed"), ("verified", "signed"), ("verified-2", "signed"),
        ("verified-3", "signed"), ("endorsed", "signed"), ("approved", "signed")]


def test_site_table_1_rows(repo: Path):
    r = run("build", str(repo))
    assert r.exit_code == 0, r.output
    html = (repo / "site" / "proceduri" / "ps-02" / "index.html").read_text("utf-8")
    t1 = html[html.index('id="qms-t1"'):html.index('id="qms-t2"')]
    heads = re.findall(r'<th scope="col">(.*?)</th>', t1)
    assert heads == ["Nr. crt.", "Elemente privind responsabilii/operațiunea",
                     "Numele și prenumele", "Funcția", "Data", "Semnătura"]
    assert ('<tr class="qms-colnum"><th></th><th>1</th><th>2</th><th>3</th><th>4</th>'
            '<th>5</th></tr>') in t1
    body = t1[t1.index("<tbody>"):t1.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body)
    assert len(rows) == 6
    assert rows[1].startswith('<td rowspan="3">1.2</td><td rowspan="3">Verificat</td>')
    for row, (nr, label, name, function, day) in zip(rows, ROWS, strict=True):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert cells[:-1] == ([nr, label] if nr else []) + [name, function, day], row
        assert cells[-1].endswith("DEMO, fără valoare juridică"), row


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


@requires("pdftotext", "pdftoppm")
def test_pdf_table_1_rows_and_page_images(repo: Path, tmp_path: Path):
    out = tmp_path / "pdf"
    r = run("pdf", str(repo), "PS-02", "--out", str(out))
    assert r.exit_code == 0, r.output
    pdf = next(out.glob("PS-02-*.pdf"))
    pages = pdftotext(pdf, "-layout").split("\f")
    page = next(p for p in pages if "1. Lista responsabililor" in p and "Cuprins" not in p)
    lines = [" ".join(x.split()) for x in page.splitlines() if x.strip()]
    flat = " ".join(lines)
    # the header (its words wrap in the narrow column) and the column numbers under it
    head = flat[flat.index("Nr."):flat.index("1 2 3 4 5")]
    for word in ("Elemente", "privind", "responsabilii/", "operațiunea", "Numele și",
                 "prenumele", "Funcția", "Data", "Semnătura"):
        assert word in head, word
    assert "1 2 3 4 5" in lines, lines
    # the signers in order; each step's number and label once, the Verificat label in the
    # middle of its three rows (one cell over them)
    position = flat.index("1 2 3 4 5")
    for row in ROWS:
        position = flat.index(row[2].split()[-1], position)
    for nr, label in (("1.1", "Elaborat"), ("1.2", "Verificat"), ("1.3", "Avizat"),
                      ("1.4", "Aprobat")):
        assert flat.count(f"{nr} {label}") == 1, nr
    assert "1.2 Verificat Adrian Munteanu Consilier juridic 03.12.2026" in flat
    # one signature field per signer, in their own row (the PDF qms approve --pdf signs)
    import io

    import pikepdf

    from qms_docs.approval.pades import _pdf_for_signing
    from qms_docs.config import load_config
    from qms_docs.load.repository import load_repository
    from qms_docs.model import build_qms

    cfg = load_config(repo)
    qms = build_qms(cfg, load_repository(cfg))
    with pikepdf.open(io.BytesIO(_pdf_for_signing(qms, qms.document("PS-02")))) as p:
        boxes = {str(f.T): [float(x) for x in f.Rect] for f in p.Root.AcroForm.Fields}
    assert sorted(boxes) == sorted(f"Semnatura-{s}" for s in (
        "elaborated", "verified", "verified-2", "verified-3", "endorsed", "approved"))
    tops = sorted(b[3] for b in boxes.values())
    assert len(set(tops)) == 6 and all(b[0] == boxes["Semnatura-approved"][0]
                                       for b in boxes.values())
    # page images of the first pages, kept for a human to look at
    OUTPUT.mkdir(exist_ok=True)
    for old in OUTPUT.glob("table1-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", str(pdf),
                    str(OUTPUT / "table1")], check=True)
    assert len(list(OUTPUT.glob("table1-*.png"))) == 3


def test_word_copy_table_1(repo: Path, tmp_path: Path):
    import docx

    r = run("docx", "PS-02", "--repo", str(repo), "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    d = docx.Document(str(next(tmp_path.glob("PS-02*.docx"))))
    t1 = next(t for t in d.tables if "Elemente privind" in t.rows[0].cells[1].text)
    cells = [[c.text for c in row.cells] for row in t1.rows]
    assert cells[0] == ["Nr. crt.", "Elemente privind responsabilii/operațiunea",
                        "Numele și prenumele", "Funcția", "Data", "Semnătura"]
    assert cells[1] == ["", "1", "2", "3", "4", "5"]
    assert [row[:5] for row in cells[2:]] == [list(x) for x in ROWS]


def test_a_step_the_configuration_lacks_is_refused(tmp_path: Path):
    """endorsed_by without 'endorsed' in approval.steps would vanish from table 1: QMS340."""
    repo = make_demo(tmp_path / "repo", commit=False)
    p = repo / PS02
    p.write_text(p.read_text("utf-8").replace("approved_by:", "endorsed_by: viceprimar\n"
                                              "approved_by:", 1), "utf-8")
    lines = run("check", str(repo), "--no-history").output.splitlines()
    at = lines.index(f"{PS02}:16:14: error QMS340 'endorsed_by' names a step that qms.yml "
                     "approval.steps does not have (elaborated, verified, approved): table 1 "
                     "would leave it out")
    assert lines[at + 1] == ("    hint: add 'endorsed' to approval.steps in qms.yml (before "
                             "approved), or remove 'endorsed_by'")
