"""The site: `qms build` of the demo, asserted on the generated pages (no mocks)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import approve_version, git, make_demo, new_version

from qms_docs.cli import main
from qms_docs.model.reference import iso_clauses

EPOCH = "1767225600"  # 2026-01-01: SOURCE_DATE_EPOCH of every test build

# A procedure that tries every way of running script from content. It must check clean (the
# gate is not what stops it) and nothing of it may execute in the built site.
HOSTILE = """---
code: PO-SMC-99
title: "Procedură ostilă <img src=x onerror=\\"window.__pwned=1\\"> </title><script>window.__pwned=2</script>"
kind: operational-procedure
edition: 1
revision: 0
effective_date: '2026-01-20'
department: SMC
process: P-02
elaborated_by: rmc
verified_by: secretar-general
approved_by: primar
revisions:
  - edition: 1
    revision: 0
    component: "<b onmouseover=\\"window.__pwned=3\\">tot</b>"
    description: "Elaborare <script>window.__pwned=4</script>"
    date: '2026-01-15'
distribution:
  - purpose: aplicare
    role: rmc
    copy: 1
definitions:
  - term: "Termen ostil <img src=x onerror=\\"window.__pwned=5\\">"
    definition: "Definiție [x](javascript:window.__pwned=6) <svg onload=\\"window.__pwned=7\\"></svg>"
clauses: ['8.1']
---

## 4. Scopul procedurii

Text <script>window.__pwned = 8; alert(8)</script> și <img src="x" onerror="window.__pwned=9">.

<iframe src="javascript:window.__pwned=10"></iframe>
<svg><script>window.__pwned=11</script></svg>
<a href="javascript:window.__pwned=12" id="hostile-link">apasă</a>
<a href="jAvAsCrIpT:window.__pwned=13" id="hostile-link-2">apasă 2</a>
<div onclick="window.__pwned=14" id="__config">clobber</div>
<object data="javascript:window.__pwned=15"></object>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=16">
<style>body{display:none}</style>
<form action="javascript:window.__pwned=17"><button id="hostile-button">x</button></form>

[legătură](javascript:window.__pwned=18) și [alta](javascript:window.__pwned=19){ onclick="window.__pwned=20" }

Paragraf cu atribut.
{ onmouseover="window.__pwned=21" id="hostile-para" }

## 5. Domeniul de aplicare

Se aplică &lt;script&gt;window.__pwned=23&lt;/script&gt; și procesului P-02.

## 6. Documente de referință

`<script>cod PS-03</script>` rămâne cod.

## 7. Definiții și abrevieri

Nimic.

## 8. Descrierea procedurii

### 8.1 Titlu <img src=x onerror="window.__pwned=22"> &lt;/title&gt;&lt;script&gt;window.__pwned=24&lt;/script&gt; &quot; onmouseover=&quot;window.__pwned=25

Vezi PS-03.

## 9. Responsabilități și răspunderi

Nimic.

## 10. Anexe, înregistrări, arhivări

Nimic.
"""


def make_site_repo(dest: Path) -> Path:
    """The demo plus the hostile procedure, committed."""
    repo = make_demo(dest, commit=False)
    (repo / "content" / "procedures" / "PO-SMC-99-ostila.md").write_text(HOSTILE, "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Demo QMS")
    return repo


def qms(*args: str):
    """The real CLI, with a fixed SOURCE_DATE_EPOCH."""
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    repo = make_site_repo(tmp_path_factory.mktemp("site") / "repo")
    res = qms("build", str(repo))
    assert res.exit_code == 0, res.output
    # the hostile procedure is reported at check time too (a warning: the site strips it)
    assert "PO-SMC-99-ostila.md:31:6: warning QMS009 unsafe raw HTML '<script'" in res.output
    strict = qms("build", str(repo), "--strict", "--out", str(repo / "strict-site"))
    assert strict.exit_code == 1 and not (repo / "strict-site").exists()
    yield repo / "site"


def page(site: Path, url: str) -> str:
    """The HTML of a page by its URL ("procese/p-07/"; "" for the home page)."""
    return (site / url / "index.html").read_text("utf-8")


def article(html: str) -> str:
    """The page content (what came from Markdown), without Material's chrome."""
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


def test_process_page_lists_owner_and_procedures(built: Path):
    html = article(page(built, "procese/p-07/"))
    assert "Arhitect-șef" in html  # owner of P-07 in roles.yml
    assert 'href="../../proceduri/po-urb-01/"' in html
    assert "Certificat" in html or "certificat" in html
    assert ">Indicator</th>" in html
    assert 'href="../../smc/riscuri/#r-' in html


def _rows(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, re.S)


def test_raci_grid_has_header_cells_and_one_accountable_per_row(built: Path):
    html = article(page(built, "smc/responsabilitati/"))
    grid = html[html.index('<table class="qms-raci-grid">'):]
    head = grid[grid.index("<thead>"):grid.index("</thead>")]
    assert '<th scope="colgroup"' in head and head.count('<th scope="col"') > 5
    assert "Conducere" in head and "Execuție" in head
    rows = _rows(grid)
    assert len(rows) >= 20
    for row in rows:
        assert row.startswith('<th scope="row">')
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
        assert cells.count("A") == 1, row[:80]
        assert 'class="qms-raci-a"' in row


def test_document_register_rows(built: Path):
    html = article(page(built, "documente/"))
    for code, link in (("MC-01", "../manual/"), ("PS-03", "../proceduri/ps-03/"),
                       ("F-04", "../formulare/f-04/"), ("IL-01", "../instructiuni/il-01/")):
        assert f'<a href="{link}">{code}</a>' in html
    row = next(r for r in _rows(html) if ">PS-03<" in r)
    assert "Auditul intern" in row and "în vigoare" in row and "01.09.2025" in row
    for head in ("Cod", "Titlu", "Ediția", "Revizia", "În vigoare de la", "Responsabil", "Stare"):
        assert re.search(f"<th[^>]*>{head}</th>", html), head


def test_clause_matrix(built: Path):
    html = article(page(built, "smc/cerinte-iso-9001/"))
    for clause in iso_clauses():
        assert f'id="c-{clause}"' in html
    row = next(r for r in _rows(html) if 'id="c-9.2"' in r)
    assert 'href="../../proceduri/ps-03/"' in row
    row = next(r for r in _rows(html) if 'id="c-8.3"' in r)
    assert "exclusă" in row
    assert "netratată" not in html  # the demo addresses every clause


def test_glossary_terms_with_their_source(built: Path):
    html = article(page(built, "glosar/"))
    row = next(r for r in _rows(html) if "Audit intern al calității" in r)
    assert 'href="../proceduri/ps-03/"' in row
    terms = re.findall(r"<td[^>]*><strong>(.*?)</strong></td>", html)
    assert len(terms) > 10


def test_cross_links_in_bodies_but_not_in_code_or_headings(built: Path):
    html = article(page(built, "proceduri/po-smc-99/"))
    assert 'href="../../procese/p-02/">P-02</a>' in html
    assert 'href="../ps-03/">PS-03</a>' in html
    assert "<code>&lt;script&gt;cod PS-03&lt;/script&gt;</code>" in html


def test_hostile_markdown_is_sanitised(built: Path):
    for path in ("proceduri/po-smc-99/", "glosar/", "documente/"):
        html = page(built, path)
        content = article(html)
        assert "<script" not in content and "<iframe" not in content
        assert "<object" not in content and "<form" not in content and "<style" not in content
        assert not re.search(r"<[^>]+\son\w+\s*=", html), path  # no event handler anywhere
        assert not re.search(r"""(href|src|action|data)\s*=\s*["']?\s*javascript:""", html, re.I)
        assert 'id="__config"' not in content
        # Material's own inline scripts stay; none of ours carries content.
        for script in re.findall(r"<script[^>]*>(.*?)</script>", html, re.S):
            assert "__pwned" not in script
    title = re.search(r"<title>(.*?)</title>", page(built, "proceduri/po-smc-99/"), re.S)
    assert title and "<" not in title.group(1)


def test_offline_no_external_requests_in_pages(built: Path):
    for path in ("", "procese/harta/", "proceduri/ps-03/"):
        html = page(built, path)
        for url in re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html):
            if url.startswith(("http://", "https://", "//")):
                # Only plain links may leave (none in the demo's chrome): no script, CSS, font.
                assert not url.endswith((".js", ".css", ".woff", ".woff2")), url
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    # no versions.json beside a plain build: neither the banner script nor Material asks for it
    assert "assets/qms/version.js" not in page(built, "")
    assert "versions.json" not in page(built, "") and '"provider"' not in page(built, "")
    assert "assets/qms/print.css" in page(built, "")


def test_meta_description_and_labelled_scroll_regions(built: Path):
    html = page(built, "proceduri/ps-03/")
    m = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert m and m.group(1).startswith("PS-03") and "SMC" in m.group(1)
    raci = page(built, "smc/responsabilitati/")
    assert re.search(r'<div class="qms-raci-wrap" role="region" tabindex="0" aria-label="[^"]+">',
                     raci)
    assert raci.count('<div class="qms-table"') == 0  # the grid's box is not wrapped twice
    assert 'class="qms-table" role="region" tabindex="0" aria-label=' in html


def test_process_map_and_heat_map_svgs(built: Path):
    html = article(page(built, "procese/harta/"))
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert "<title" in svg
    assert svg.count('class="qms-box') == 14
    assert 'href="../p-07/"' in svg
    assert "Procese de management" in svg and "Procese-suport" in svg
    risks = article(page(built, "smc/riscuri/"))
    assert 'class="qms-heat"' in risks and "<title" in risks


def test_home_and_provider_pages(built: Path):
    html = article(page(built, ""))
    assert "Primăria Orașului Dealu Mare" in html
    assert "Politica în domeniul calității" in html and "Cum se citește acest manual" in html
    assert (built / "caf" / "index.html").is_file()  # a page provider (qms_docs.caf.pages)
    assert html.count('href="') > 10


def test_scim_section_and_its_links_with_the_iso_objects(built: Path):
    index = article(page(built, "scim/"))
    assert "Sistemul de control intern managerial (OSGG 600/2018)" in index
    assert "parțial conform" in index and 'href="2025/situatia-sintetica/"' in index
    register = article(page(built, "scim/registrul-riscurilor/"))
    assert '<img alt="Harta riscurilor: riscul inerent și riscul rezidual' in register
    assert 'src="../harta-riscurilor.svg"' in register
    svg = (built / "scim" / "harta-riscurilor.svg").read_text("utf-8")
    assert 'class="qms-heat-pair"' in svg and svg.count("<svg") == 3  # two maps, one drawing
    assert 'href="../../smc/riscuri/#r-01"' in register  # an OSGG row is an ISO risk
    risks = article(page(built, "smc/riscuri/"))
    assert 'class="qms-heat-residual"' in risks  # the ISO page draws residual risk too
    assert 'href="../../scim/registrul-riscurilor/"' in risks
    procedure = article(page(built, "proceduri/po-urb-01/"))  # a PO is a standard-9 procedure
    assert "OSGG 600/2018:" in procedure and 'href="../../scim/activitati-procedurale/"' in procedure
    for url in ("scim/comisia/", "scim/dispozitii/", "scim/2025/chestionare/urb/",
                "scim/registrele-compartimentelor/urb/", "scim/2026/sedinte/"):
        assert (built / url / "index.html").is_file(), url


def test_manual_chapters_are_pages(built: Path):
    chapters = sorted(p.parent.name for p in (built / "manual").glob("cap-*/index.html"))
    assert chapters, "the manual chapters in content/manual/ become pages"
    cover = article(page(built, "manual/"))
    assert "1. Lista responsabililor" in cover and "cap-" in cover


def test_english_setting_switches_ui_strings(tmp_path: Path):
    repo = make_site_repo(tmp_path / "repo")
    cfg = repo / "qms.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("language: ro", "language: en") +
                   "site_url: https://primaria.example.ro/smc/\n", "utf-8")
    res = qms("build", str(repo))
    assert res.exit_code == 0, res.output
    html = page(repo / "site", "procese/harta/")
    assert '<html lang="en"' in html and "Process map" in html
    # site_url: the sitemap lists every page under it
    sitemap = (repo / "site" / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://primaria.example.ro/smc/proceduri/ps-03/</loc>" in sitemap
    doc = page(repo / "site", "proceduri/ps-03/")
    assert "1. Responsibles for elaboration" in doc and "Lista responsabililor" not in doc


def test_reproducible_byte_identical(built: Path, tmp_path: Path):
    repo = built.parent
    res = qms("build", str(repo), "--out", str(tmp_path / "again"))
    assert res.exit_code == 0, res.output
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes()
              for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert (built / "sitemap.xml.gz").read_bytes()[4:8] == int(EPOCH).to_bytes(4, "little")


def test_failed_build_keeps_previous_site(demo_repo: Path):
    res = qms("build", str(demo_repo))
    assert res.exit_code == 0, res.output
    site = demo_repo / "site"
    before = (site / "index.html").read_bytes()
    proc = demo_repo / "content" / "procedures" / "PS-03-auditul-intern.md"
    proc.write_text(proc.read_text("utf-8").replace("process: P-04", "process: P-99"), "utf-8")
    res = qms("build", str(demo_repo))
    assert res.exit_code == 1
    assert "content/procedures/PS-03-auditul-intern.md:" in res.output
    assert "error QMS201 unknown process 'P-99'" in res.output
    assert (site / "index.html").read_bytes() == before
    assert sorted(p.name for p in demo_repo.iterdir() if p.name.startswith(".site")) == []


def test_strict_build_error_keeps_previous_site(demo_repo: Path):
    assert qms("build", str(demo_repo)).exit_code == 0
    before = (demo_repo / "site" / "index.html").read_bytes()
    proc = demo_repo / "content" / "procedures" / "PS-03-auditul-intern.md"
    proc.write_text(proc.read_text("utf-8") + "\n[rupt](nu-exista.md)\n", "utf-8")
    new_version(demo_repo, "content/procedures/PS-03-auditul-intern.md")
    approve_version(demo_repo, "PS-03", ("2025-08-26", "2025-08-27", "2025-08-28"))
    res = qms("build", str(demo_repo), "--strict")
    assert res.exit_code == 1 and "nu-exista.md" in res.output
    assert (demo_repo / "site" / "index.html").read_bytes() == before


def test_plain_mkdocs_build_strict(demo_repo: Path, tmp_path: Path):
    (demo_repo / "content" / "notes.txt").write_text("internal", "utf-8")
    (demo_repo / "content" / "procedures" / "flux.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    ps03 = demo_repo / "content" / "procedures" / "PS-03-auditul-intern.md"
    ps03.write_text(ps03.read_text("utf-8") + "\n![Flux](flux.png) și "
                    "[procedura](PS-05-actiuni-corective.md#9-responsabilitati)\n", "utf-8")
    new_version(demo_repo, "content/procedures/PS-03-auditul-intern.md")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    out = tmp_path / "plain"
    proc = subprocess.run([str(mkdocs), "build", "--strict", "-d", str(out)],
                          cwd=demo_repo, capture_output=True, text=True,
                          env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH,
                               "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "proceduri" / "ps-03" / "index.html").is_file()
    # The raw sources are rendered through the model, never published.
    assert not list(out.rglob("*.yml")) and not list(out.rglob("*.md"))
    assert not list(out.rglob("*.txt"))
    assert (out / "procedures" / "flux.png").is_file()  # pictures documents link to
    html = (out / "proceduri" / "ps-03" / "index.html").read_text("utf-8")
    assert 'src="../../procedures/flux.png"' in html  # links rebased to the page's place
    assert 'href="../ps-05/#9-responsabilitati"' in html


def test_content_security_policy(built: Path):
    html = page(built, "proceduri/po-smc-99/")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert csp and html.index(csp.group(0)) < html.index("<script")
    script_src = next(d for d in csp.group(1).split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'sha256-" in script_src
    assert "default-src 'self'" in csp.group(1) and "object-src 'none'" in csp.group(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _until(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_reloads_on_yaml_change(demo_repo: Path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/procese/p-07/"
    qms_bin = Path(sys.executable).parent / "qms"
    server = subprocess.Popen([str(qms_bin), "serve", str(demo_repo), "--dev-addr",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ,
                                                               "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert _until(lambda: "Urbanism" in _get(url), 60), "qms serve did not come up"
        processes = demo_repo / "content" / "processes.yml"
        processes.write_text(processes.read_text("utf-8").replace(
            "name: Urbanism și autorizarea construcțiilor",
            "name: Urbanism și autorizarea construcțiilor (reîncărcat)", 1), "utf-8")
        assert _until(lambda: "(reîncărcat)" in _get(url), 60), "no rebuild after a YAML edit"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _text(html: str) -> str:
    import html as h

    body = re.sub(r"<(script|style|svg)[\s\S]*?</\1>", " ", html)
    return " ".join(h.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_procedure_page_osgg_structure_in_order(built: Path):
    """Cover data, contents, tables 1-3 (column numbers under 2 and 3), sections 4-10, the
    three forms, in this order; Roman editions; dates dd.mm.yyyy."""
    html = article(page(built, "proceduri/ps-01/"))
    text = _text(html)
    cover = ("procedură de sistem", "Cod: PS-01 · Ediția a II-a · Revizia 1",
             "În vigoare de la 02.03.2026", "Nr. exemplare: 6", "Aprobat: Primar", "Cuprins")
    parts = ("1. Lista responsabililor", "2. Situația edițiilor", "3. Lista cuprinzând",
             "4. Scopul procedurii", "5. Domeniul de aplicare", "6. Documente de referință",
             "7. Definiții", "8. Descrierea", "9. Responsabilități",
             "10. Anexe, înregistrări, arhivări", "Formular de evidență a modificărilor",
             "Formular de analiză a procedurii", "Formular de distribuire/difuzare")
    position = 0
    for part in cover + parts + parts:  # the cover data, the contents, then the parts
        position = text.index(part, position) + len(part)
    # the contents link to each part
    for anchor in ("#qms-t1", "#qms-t2", "#qms-t3", "#4-scopul-procedurii", "#qms-f-changes",
                   "#qms-f-analysis", "#qms-f-distribution"):
        assert f'href="{anchor}"' in html, anchor
    t2 = html[html.index('id="qms-t2"'):html.index('id="qms-t3"')]
    assert '<tr class="qms-colnum"><th>0</th><th>1</th><th>2</th><th>3</th><th>4</th></tr>' in t2
    assert "<td>2.1</td><td>Ediția I</td>" in t2
    assert "<td>2.3</td><td>Ediția a II-a, revizia 1</td>" in t2
    t3 = html[html.index('id="qms-t3"'):html.index('id="4-scopul-procedurii"')]
    assert "<th>7</th></tr>" in t3 and "<td>3.1</td>" in t3
    form = html[html.index('id="qms-f-distribution"'):]
    assert "Data retragerii ex. înlocuit" in form and "02.03.2026" in form
    assert not re.search(r"\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\b", text)


# English words of the model's enumerations (context categories, process types, statuses,
# levels, kinds, review outputs) that must never reach a Romanian page as raw values. Words the
# two languages share (economic, social, legal, management, diagnostic) are not listed.
ENUM_WORDS = ("internal", "external", "strength", "weakness", "opportunity", "threat",
              "political", "technological", "environmental", "core", "support", "risk",
              "planned", "in-progress", "completed", "open", "implemented", "closed", "done",
              "cancelled", "postponed", "improvement", "changes", "resources", "awareness",
              "training", "classical", "fine-tuned", "certification", "surveillance", "low",
              "medium", "high", "system-procedure", "operational-procedure",
              "work-instruction", "form")


def test_no_english_enumeration_values_in_romanian_pages(built: Path):
    """...nor an ISO date: Romanian pages write dd.mm.yyyy (ids like AI-2026-01 are not dates)."""
    words = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ENUM_WORDS)) + r")(?![\w-])",
                       re.I)
    iso = re.compile(r"(?<![\w-])20[0-9]{2}-[0-9]{2}-[0-9]{2}(?![\w-])")
    found, pages = [], 0
    for f in sorted(built.rglob("index.html")):
        html = f.read_text("utf-8")
        if '<article class="md-content__inner' not in html:
            continue
        pages += 1
        text = _text(article(html))
        found += [f"{f.parent.relative_to(built)}: {m.group(0)}" for m in words.finditer(text)]
        found += [f"{f.parent.relative_to(built)}: {m.group(0)}" for m in iso.finditer(text)]
    assert pages > 100 and not found, found[:20]


def test_untitled_sub_clauses_in_the_clause_matrix(built: Path):
    html = article(page(built, "smc/cerinte-iso-9001/"))
    row = next(r for r in _rows(html) if 'id="c-9.2.2"' in r)
    assert "subclauză fără titlu" in row and "R f)" in row
    row = next(r for r in _rows(html) if 'id="c-8.5.1"' in r)
    assert "M a)" in row
