"""Hostile and broken content, tried as a hostile editor would (issue 15): each attack through the
real CLI, with the exact finding or refusal it must meet, and no byte of a file from outside the
content folder in the site or the PDFs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TODAY, git, make_demo, new_version, requires

from qms_docs.cli import main

EPOCH = "1767225600"
PS01 = "content/procedures/PS-01-controlul-documentelor.md"
PS07 = "content/procedures/PS-07-analiza-efectuata-de-management.md"
SECRET = b"CHEIE-SECRETA-DE-SEMNARE-0xDEADBEEF"
LINK_HINT = "    hint: remove the link; copy the file into the content folder instead of linking to it"
poppler = requires("pdftotext")


def qms(*args: str, env: dict | None = None):
    res = CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})})
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
    assert "Traceback" not in res.output
    return res


def check(repo: Path, *extra: str):
    return qms("check", str(repo), "--today", TODAY, "--no-history", *extra)


def finding_lines(output: str, path: str) -> list[str]:
    """The lines of the findings of one file, with their hints.

    Every edit here also changes an approved text (QMS709): that is test_approvals' subject."""
    out, keep = [], False
    for line in output.splitlines():
        if not line.startswith("    hint: "):
            keep = line.startswith(f"{path}:") and " error QMS709 " not in line
        if keep:
            out.append(line)
    return out


def no_secret_in(*folders: Path) -> None:
    for folder in folders:
        for p in folder.rglob("*") if folder.exists() else ():
            if p.is_file() and not p.is_symlink():
                assert SECRET not in p.read_bytes(), p


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = make_demo(tmp_path / "repo")
    (r / ".keys").mkdir()
    (r / ".keys" / "aprobat.p12").write_bytes(SECRET)
    return r


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


# --- symbolic links, FIFOs: located findings in check, build, pdf and changes alike -----------

def test_file_link_to_a_signing_key_is_refused_everywhere(repo: Path):
    (repo / "content" / "sigla.png").symlink_to("../.keys/aprobat.p12")
    expected = ["content/sigla.png:1:1: error QMS012 symbolic link to a file "
                "('../.keys/aprobat.p12'): content is read only as regular files", LINK_HINT]
    res = check(repo)
    assert res.exit_code == 1
    assert finding_lines(res.output, "content/sigla.png") == expected
    for cmd in (["build", str(repo)], ["pdf", str(repo), "PS-01"]):
        res = qms(*cmd)
        assert res.exit_code == 1, res.output
        assert finding_lines(res.output, "content/sigla.png") == expected
        assert "qms: refused: 1 error, 0 warnings; run 'qms check'" in res.output
    assert not (repo / "site").exists() and not (repo / "_pdf").exists()
    res = qms("build", str(repo), "--out", str(repo / "public"))
    no_secret_in(repo / "site", repo / "_pdf", repo / "public")
    res = qms("changes", str(repo), "--base", "HEAD")
    assert res.exit_code == 1
    assert "- `sigla.png` (adăugat, ⚠ legătură simbolică către `../.keys/aprobat.p12`)" \
        in res.output
    assert expected[0] in res.output
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sigla")
    res = qms("changes", str(repo), "--base", "HEAD~1", "--head", "HEAD")
    assert res.exit_code == 1
    assert ("content/sigla.png:1:1: error QMS012 symbolic link ('../.keys/aprobat.p12'): "
            "content is read only as regular files") in res.output
    assert "Nicio modificare" not in res.output


def test_links_out_dangling_looping_and_folders(repo: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    (outside / "sheets").mkdir(parents=True)
    (outside / "assessment.yml").write_bytes(b"year: 2030\nsecret: " + SECRET + b"\n")
    (outside / "x.html").write_bytes(b"<script>alert(1)</script>" + SECRET)
    content = repo / "content"
    (content / "caf" / "2030").symlink_to(outside)
    (content / "mediu.png").symlink_to("/proc/self/environ")
    (content / "pagina.html").symlink_to(outside / "x.html")
    (content / "procedures" / "PS-99-lipsa.md").symlink_to("nu-exista.md")
    (content / "forms" / "bucla.md").symlink_to("bucla.md")
    (content / "instructions" / "tot").symlink_to("..")
    start = time.monotonic()
    res = check(repo)
    assert res.exit_code == 1
    assert time.monotonic() - start < 60  # a loop is reported, not walked (generous bound)
    assert finding_lines(res.output, "content/caf/2030") == [
        f"content/caf/2030:1:1: error QMS011 symbolic link to a folder outside the repository "
        f"('{outside}')", LINK_HINT]
    assert finding_lines(res.output, "content/mediu.png") == [
        "content/mediu.png:1:1: error QMS011 symbolic link to a file outside the repository "
        "('/proc/self/environ')", LINK_HINT]
    assert finding_lines(res.output, "content/pagina.html") == [
        f"content/pagina.html:1:1: error QMS011 symbolic link to a file outside the repository "
        f"('{outside / 'x.html'}')", LINK_HINT]
    assert finding_lines(res.output, "content/procedures/PS-99-lipsa.md") == [
        "content/procedures/PS-99-lipsa.md:1:1: error QMS013 symbolic link to 'nu-exista.md', "
        "which does not exist", LINK_HINT]
    assert finding_lines(res.output, "content/forms/bucla.md") == [
        "content/forms/bucla.md:1:1: error QMS014 symbolic link to 'bucla.md' loops", LINK_HINT]
    assert finding_lines(res.output, "content/instructions/tot") == [
        "content/instructions/tot:1:1: error QMS012 symbolic link to a folder ('..'): content "
        "is read only as regular files", LINK_HINT]
    assert "2030" not in res.output.replace("content/caf/2030", "").replace(str(outside), "")


def test_plain_mkdocs_refuses_links_before_walking_them(repo: Path, tmp_path: Path):
    """MkDocs follows every link of docs_dir (loops included) and copies what it finds: the
    plugin refuses before, and the previous site keeps no outside byte."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    (repo / "content" / "sigla.png").symlink_to("../.keys/aprobat.p12")
    (repo / "content" / "a").symlink_to(".")
    (repo / "content" / "b").symlink_to(".")
    proc = subprocess.run([str(mkdocs), "build", "-d", str(tmp_path / "plain")], cwd=repo,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert ("content/sigla.png:1:1: error QMS012 symbolic link to a file "
            "('../.keys/aprobat.p12')") in proc.stderr
    assert "content/a:1:1: error QMS012 symbolic link to a folder ('.')" in proc.stderr
    no_secret_in(tmp_path / "plain")


def test_fifo_is_reported_not_waited_on(repo: Path):
    risks = repo / "content" / "risks.yml"
    risks.unlink()
    os.mkfifo(risks)
    res = check(repo)
    assert res.exit_code == 1
    assert finding_lines(res.output, "content/risks.yml") == [
        "content/risks.yml:1:1: error QMS015 not a regular file (a FIFO)",
        "    hint: remove it: content is read only from regular files"]


def test_qms_yml_link_is_a_configuration_error(repo: Path):
    (repo / "qms.yml").unlink()
    (repo / "qms.yml").symlink_to("/proc/self/environ")
    res = check(repo)
    assert res.exit_code == 2  # the configuration, not a finding of the content
    assert res.output == ("qms: error: qms.yml: must be a regular file, not a symbolic link or "
                          "a FIFO\n")


# --- what the site publishes: checked assets only, never HTML; the policy on every page --------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_demo(tmp_path_factory.mktemp("hostile-site") / "repo")
    content = repo / "content"
    (content / "procedures" / "flux.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    (content / "procedures" / "fals.png").write_bytes(b"<html><script>alert(1)</script>")
    (content / "pagina.html").write_bytes(b"<script>alert(1)</script>")
    (content / "desen.svg").write_bytes(b"<svg onload='alert(1)'/>")
    old = os.umask(0o022)
    try:
        res = qms("build", str(repo))
    finally:
        os.umask(old)
    assert res.exit_code == 1  # the fake PNG is an error
    assert finding_lines(res.output, "content/procedures/fals.png") == [
        "content/procedures/fals.png:1:1: error QMS016 the content is not a '.png' file",
        "    hint: save it as a real PNG file, or remove it: it is not published"]
    (content / "procedures" / "fals.png").unlink()
    old = os.umask(0o022)
    try:
        res = qms("build", str(repo))
    finally:
        os.umask(old)
    assert res.exit_code == 0, res.output
    assert finding_lines(res.output, "content/pagina.html") == [
        "content/pagina.html:1:1: warning QMS017 '.html' files are never published",
        "    hint: the site serves only pages made from the model, and pictures and PDFs; "
        "write the content in Markdown"]
    assert "content/desen.svg:1:1: warning QMS017 '.svg' files are never published" \
        in res.output
    return repo / "site"


def test_only_checked_assets_are_published(site: Path):
    assert (site / "procedures" / "flux.png").is_file()
    for never in ("pagina.html", "desen.svg", "fals.png"):
        assert not list(site.rglob(never)), never


def test_every_page_carries_the_policy_404_included(site: Path):
    pages = sorted(site.rglob("*.html"))
    assert site / "404.html" in pages
    for p in pages:
        head = p.read_text("utf-8").split("</head>", 1)[0]
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' \
            in head, p


def test_site_is_readable_by_a_web_server_user(site: Path):
    """Folders 0755, files readable by everyone and writable by nobody else: 0644, or 0444
    for pages that are the page cache's own files, hard-linked (an edit through the site
    must not change the cache)."""
    assert site.stat().st_mode & 0o777 == 0o755
    for p in [site, *site.rglob("*")]:
        mode = p.stat().st_mode & 0o777
        assert (mode == 0o755) if p.is_dir() else (mode in (0o644, 0o444)), (p, oct(mode))
    assert not list(site.parent.glob(".site.*"))  # no lock or temporary folder left


# --- one document cannot change another ----------------------------------------------------

OWN = ("\n\nRegula PS-01 de păstrare[^1] și [sursa][r].\n\n"
       "[^1]: NOTAPSUNU se păstrează 5 ani.\n\n[r]: https://primarie.example/ps01\n\n"
       "*[SMC]: SISTEMULPSUNU\n\nSMC aici.\n")
INTRUDER = ("\n\nAltă regulă[^1] și [sursa][r].\n\n[^1]: NOTAINTRUS se păstrează 1 an.\n\n"
            "[r]: https://evil.example/\n\n*[SMC]: SISTEMULINTRUS\n\nSMC acolo.\n")


@poppler
def test_a_footnote_in_ps07_never_changes_ps01(repo: Path, tmp_path: Path):
    (repo / PS01).write_text((repo / PS01).read_text("utf-8") + OWN, "utf-8")
    new_version(repo, PS01)
    git(repo, "commit", "-qam", "PS-01 notes")
    out = tmp_path / "pdf"
    res = qms("pdf", str(repo), "PS-01", "PS-07", "--out", str(out))
    assert res.exit_code == 0, res.output
    before = next(out.glob("PS-01-*.pdf")).read_bytes()
    (repo / PS07).write_text((repo / PS07).read_text("utf-8") + INTRUDER, "utf-8")
    new_version(repo, PS07)
    git(repo, "commit", "-qam", "PS-07 notes")
    res = qms("pdf", str(repo), "PS-01", "PS-07", "--out", str(out))
    assert res.exit_code == 0, res.output
    ps01 = next(out.glob("PS-01-*.pdf"))
    assert ps01.read_bytes() == before
    text = pdftotext(ps01)
    assert "NOTAPSUNU" in text and "SISTEMULPSUNU" in text and "primarie.example" not in text
    assert "INTRUS" not in text
    ps07 = pdftotext(next(out.glob("PS-07-*.pdf")))
    assert "NOTAINTRUS" in ps07 and "SISTEMULINTRUS" in ps07 and "PSUNU" not in ps07
    res = qms("build", str(repo))
    assert res.exit_code == 0, res.output
    page = (repo / "site" / "proceduri" / "ps-01" / "index.html").read_text("utf-8")
    assert "https://primarie.example/ps01" in page and "evil.example" not in page
    assert "NOTAPSUNU" in page and "INTRUS" not in page


def pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


# --- one dialect: what the site renders, the PDF renders --------------------------------------

DIALECT = """

!!! warning "ATENTIEPDF titlu"
    CONTINUTADMONITIE în casetă.

??? note "DETALIIPDF"
    CONTINUTDETALII ascuns pe site până la clic.

Paragraf cu atribute
{: .clasa #paragraf-special }

TERMENPDF
:   DEFINITIEPDF a termenului.

Vezi [paragraful](#paragraf-special) și [lipsa](#nu-exista); ABRPDF contează.

*[ABRPDF]: EXPLICATIEABREVIERE lungă
"""


@poppler
def test_site_constructs_render_in_the_pdf(repo: Path, tmp_path: Path):
    (repo / PS01).write_text((repo / PS01).read_text("utf-8") + DIALECT, "utf-8")
    new_version(repo, PS01)
    res = qms("pdf", str(repo), "PS-01", "--out", str(tmp_path))
    assert res.exit_code == 0, res.output
    text = pdftotext(next(tmp_path.glob("PS-01-*.pdf")))
    for want in ("ATENTIEPDF titlu", "CONTINUTADMONITIE", "DETALIIPDF", "CONTINUTDETALII",
                 "Paragraf cu atribute", "TERMENPDF", "DEFINITIEPDF", "paragraful", "lipsa",
                 "Abrevieri", "ABRPDF: EXPLICATIEABREVIERE lungă"):
        assert want in text, want
    for never in ("!!!", "???", "{:", "*[", "#paragraf"):
        assert never not in text, never


def test_mkdocs_yml_settings_that_run_code_or_read_secrets(repo: Path):
    cfg = repo / "mkdocs.yml"
    text = cfg.read_text("utf-8")
    text = text.replace("site_name: Sistemul de management al calității",
                        "site_name: !ENV QMS_SIGN_PASSWORD\nhooks:\n  - content/cod.py")
    text = text.replace("docs_dir: content", "docs_dir: .")
    text = text.replace("  - pymdownx.details\n", "  - pymdownx.details\n  - pymdownx.emoji:\n"
                        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    cfg.write_text(text, "utf-8")
    res = check(repo)
    assert res.exit_code == 1
    lines = finding_lines(res.output, "mkdocs.yml")
    assert lines[0::2] == [
        "mkdocs.yml:4:12: error QMS018 YAML tag '!ENV' is not allowed",
        "mkdocs.yml:5:1: error QMS018 'hooks' runs Python files while MkDocs reads its "
        "configuration",
        "mkdocs.yml:7:11: error QMS018 docs_dir '.' is not the content folder 'content'",
        "mkdocs.yml:40:5: error QMS019 Markdown extension 'pymdownx.emoji' is enabled for the "
        "site, but the PDFs cannot render what it makes",
        "mkdocs.yml:41:20: error QMS018 YAML tag "
        "'!!python/name:material.extensions.emoji.twemoji' is not allowed"]
    res = qms("build", str(repo), env={"QMS_SIGN_PASSWORD": SECRET.decode()})
    assert res.exit_code == 1 and not (repo / "site").exists()


# --- hidden content ------------------------------------------------------------------------

def test_hidden_content_is_found_and_shown_in_the_change_report(repo: Path):
    edit(repo, PS01, "title: Controlul documentelor", 'title: "Controlul \\u202edocumentelor"')
    body_end = "\n\nText <!-- RETENTIE 1 AN, nu 5 --> vizibil.\n\nZero\u200blățime și " \
               '<span style="color:#fff">ALB PE ALB</span> și <bdo dir="rtl">invers</bdo>.\n'
    (repo / PS01).write_text((repo / PS01).read_text("utf-8") + body_end, "utf-8")
    n = (repo / PS01).read_text("utf-8").count("\n")
    res = check(repo)
    assert res.exit_code == 1
    assert finding_lines(res.output, PS01)[0::2] == [
        f"{PS01}:3:8: error QMS021 bidirectional control character U+202E",
        f"{PS01}:{n - 2}:6: error QMS023 HTML comment: no reader of the site or the PDF sees "
        "it, yet it is part of the approved text",
        f"{PS01}:{n}:5: error QMS022 invisible character U+200B",
        f"{PS01}:{n}:16: error QMS024 raw HTML that can hide or disguise text (a style other "
        "than text-align): '<span style=\"color:#fff\">'",
        f"{PS01}:{n}:62: error QMS024 raw HTML that can hide or disguise text (the <bdo> "
        "element): '<bdo dir=\"rtl\">'"]
    res = qms("changes", str(repo), "--base", "HEAD")
    assert "&lt;!-- RETENTIE 1 AN, nu 5 --&gt;" in res.output
    assert "Zero⟨U+200B⟩lățime" in res.output
    assert "&lt;span style=\"color:#fff\"&gt;ALB PE ALB&lt;/span&gt;" in res.output
    assert "`Controlul ⟨U+202E⟩documentelor`" in res.output


# --- limits: quick located findings, never a traceback or minutes of work -----------------------

# (case, text appended to PS-07, [(line within the text, column, finding, hint)])
LIMITS = [
    ("1000-list-markers", "- " * 1000 + "x", [
        (0, 1, "error QMS026 lists and quotes nested 1000 deep; the limit is 16",
         "flatten the structure")]),
    ("5000-stars", "*" * 2500 + "x" + "*" * 2500, [
        (0, 1, "error QMS027 emphasis markers open 2500 deep; the limit is 20",
         "close the '*' and '_' you open, or escape them as '\\*' and '\\_'")]),
    ("30000-brackets", "[" * 30000, [
        (0, 1, "error QMS025 line of 30000 characters; the limit is 10000",
         "break it into several lines or paragraphs"),
        (0, 11, "error QMS028 30000 brackets left open in this paragraph; the limit is 10",
         "close each '[' with ']' (and '](' with ')'), or escape it as '\\['")]),
    ("100-nested-lists", "\n".join("    " * i + "- a" for i in range(100)), [
        (16, 1, "error QMS026 lists and quotes nested 17 deep; the limit is 16",
         "flatten the structure")]),
    ("bel-in-body", "Sunet \a aici", [
        (0, 7, "error QMS020 control character U+0007",
         "remove it (often pasted from another program along with the text)")]),
    ("unclosed-fences", "```a\nx\n" * 20, [
        (20, 1, "error QMS028 20 code fences (``` or ~~~) never closed; the limit is 10",
         "close each fence with a line holding exactly the same fence")]),
    ("tight-definitions", "termen\n: definiție\n" * 200, [
        (0, 1, "error QMS026 200 definitions in one list without a blank line; the limit is "
         "100", "separate the terms with blank lines")]),
    ("abbreviations", "".join(f"*[A{i}]: x\n" for i in range(150)), [
        (100, 1, "error QMS032 150 abbreviations in one document; the limit is 100",
         "split the document")]),
]


@pytest.mark.parametrize("case, text, expected", LIMITS, ids=[c[0] for c in LIMITS])
def test_limits_are_quick_findings(repo: Path, case: str, text: str, expected: list):
    path = repo / PS07
    body = path.read_text("utf-8").rstrip("\n") + "\n\n"
    first = body.count("\n") + 1
    path.write_bytes((body + text + "\n").encode("utf-8"))
    res = check(repo)
    assert res.exit_code == 1
    want = []
    for line, col, finding, hint in expected:
        want += [f"{PS07}:{first + line}:{col}: {finding}", f"    hint: {hint}"]
    assert finding_lines(res.output, PS07) == want
    res = qms("build", str(repo))  # refused at once: no pandoc, no MkDocs
    assert res.exit_code == 1 and "qms: refused" in res.output


def test_huge_integer_and_bel_in_a_title(repo: Path):
    edit(repo, PS07, "edition: ", "edition: " + "9" * 5000 + "\nx_edition: ")
    edit(repo, PS01, "title: Controlul documentelor", 'title: "Controlul\\a documentelor"')
    res = check(repo)
    assert res.exit_code == 1
    assert finding_lines(res.output, PS07)[:2] == [
        f"{PS07}:5:10: error QMS030 a number written with 5000 characters: numbers must be "
        "finite and at most 2^53 in size",
        "    hint: write a smaller number, or quote it to make it text"]
    assert finding_lines(res.output, PS01)[:2] == [
        f"{PS01}:3:8: error QMS020 control character U+0007",
        "    hint: remove it (often pasted from another program along with the text)"]
    res = qms("pdf", str(repo), "PS-01")
    assert res.exit_code == 1 and "qms: refused" in res.output


# --- workflow annotations: a file name cannot write a second one --------------------------------

def test_github_annotations_escape_file_names(repo: Path):
    procs = repo / "content" / "procedures"
    (procs / "PS-98\n::error file=x::pwned.md").write_text("x", "utf-8")
    (procs / "PS-97-a,b:c%d.md").write_text("---\ncode: PS-97\n", "utf-8")
    res = check(repo, "--format", "github")
    assert res.exit_code == 1
    lines = res.output.splitlines()
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines), lines
    assert not any(line.startswith("::error file=x") for line in lines)
    assert ("::error file=content/procedures/PS-98%0A%3A%3Aerror file=x%3A%3Apwned.md,line=1,"
            "col=1::QMS031 file name holds a control, bidirectional or invisible character "
            "(hint: rename it with letters, digits, '-', '_' and '.')") in lines
    assert any(line.startswith("::error file=content/procedures/PS-97-a%2Cb%3Ac%25d.md,line=")
               for line in lines), lines
    res = check(repo)  # text: the name is shown escaped, on its own line
    assert "content/procedures/PS-98\\n::error file=x::pwned.md:1:1: error QMS031" in res.output
