"""The built site in a real browser (Debian's chromium through playwright): the process map,
search with and without diacritics, hostile content, and no request leaving the host."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright
from test_site import make_site_repo, qms

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OUTPUT = Path(__file__).parent / "output"
pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_site_repo(tmp_path_factory.mktemp("browser") / "repo")
    res = qms("build", str(repo))
    assert res.exit_code == 0, res.output
    return repo / "site"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    yield from _serve(site)


@pytest.fixture(scope="module")
def mike_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The layout mike publishes: one folder per version and versions.json beside them, each
    built as `mike deploy` builds it (MIKE_DOCS_VERSION set: a versioned site)."""
    from click.testing import CliRunner
    from test_site import EPOCH

    from qms_docs.cli import main

    root = tmp_path_factory.mktemp("mike")
    repo = site.parent
    for version in ("1.0", "2.0"):
        res = CliRunner().invoke(main, ["build", str(repo), "--out", str(root / version)],
                                 env={"SOURCE_DATE_EPOCH": EPOCH, "MIKE_DOCS_VERSION": version})
        assert res.exit_code == 0, res.output
    (root / "versions.json").write_text(json.dumps([
        {"version": "2.0", "title": "2.0", "aliases": ["latest"]},
        {"version": "1.0", "title": "1.0", "aliases": []}]), "utf-8")
    yield from _serve(root)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """A page that refuses every request leaving the host and records dialogs and errors."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []  # CSP violations: the theme's own scripts must all run
        self.context.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("console", self._console)

    def _route(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.blocked.append(message.text)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser) -> Iterator[Watch]:
    w = Watch(browser)
    yield w
    w.close()
    assert w.external == [], f"requests left the host: {w.external}"
    if not getattr(w, "hostile", False):
        assert w.blocked == [], w.blocked


def _shot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)  # git-ignored (tests/output/.gitignore)
    page.screenshot(path=str(OUTPUT / name), full_page=True)


def test_process_map_renders_and_boxes_link(watch: Watch, base_url: str):
    page = watch.page
    page.goto(f"{base_url}/procese/harta/")
    svg = page.locator("svg.qms-map")
    svg.wait_for()
    box = svg.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 250
    assert page.locator("svg.qms-map a.qms-box").count() == 14
    assert "Harta proceselor" in page.locator("svg.qms-map > title").text_content()
    _shot(page, "process-map.png")
    page.locator("svg.qms-map a.qms-box", has_text="P-07").click()
    page.wait_for_url("**/procese/p-07/")
    assert page.locator("h1").text_content().startswith("P-07")


def _search(page, base_url: str, query: str) -> set[str]:
    page.goto(f"{base_url}/")
    page.locator("label.md-search__icon, input.md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(query, delay=20)
    # Results are final once they carry the last query's highlight parameter.
    page.wait_for_function(
        """() => [...document.querySelectorAll('.md-search-result__item > a')]
                 .some(a => a.href.includes('h='))""", timeout=15000)
    page.wait_for_timeout(800)
    links = page.eval_on_selector_all(".md-search-result__item > a",
                                      "els => els.map(e => e.getAttribute('href'))")
    return {urlparse(h).path for h in links}


@pytest.mark.parametrize("plain, accented", [("sedinta", "ședința"),
                                             ("constientizare", "conștientizare")])
def test_search_with_or_without_diacritics(watch: Watch, base_url: str, plain: str,
                                           accented: str):
    without = _search(watch.page, base_url, plain)
    with_marks = _search(watch.page, base_url, accented)
    assert without, f"nothing found for {plain!r}"
    assert without == with_marks
    if plain == "sedinta":
        assert "/proceduri/ps-03/" in without


def test_hostile_procedure_executes_nothing(watch: Watch, base_url: str):
    watch.hostile = True  # type: ignore[attr-defined]  # CSP reports are expected here
    page = watch.page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ("proceduri/po-smc-99/", "glosar/", "documente/"):
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("load")
        for sel in ("#hostile-link", "#hostile-link-2", "#hostile-button", "#hostile-para",
                    "h3", "td"):
            loc = page.locator(sel)
            if loc.count():
                loc.first.hover()
                loc.first.click(no_wait_after=True)
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{base_url}/proceduri/po-smc-99/")
    assert page.locator("h1").is_visible()  # the <style> hiding the body was removed too
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == []
    assert errors == []


def test_procedure_page_and_no_external_requests(watch: Watch, base_url: str):
    page = watch.page
    page.goto(f"{base_url}/proceduri/ps-03/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").text_content().startswith("PS-03")
    tables = page.locator("article table")
    assert tables.count() >= 3
    assert page.locator("article table").first.locator("th").count() >= 5
    _shot(page, "procedure-ps-03.png")
    for path in ("", "smc/responsabilitati/", "smc/riscuri/", "caf/"):
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
    _shot(page, "caf.png")
    page.goto(f"{base_url}/smc/responsabilitati/")
    _shot(page, "raci.png")


def test_outdated_banner_is_a_no_op_without_versions_json(watch: Watch, base_url: str):
    page = watch.page
    page.goto(f"{base_url}/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".qms-outdated").count() == 0


def test_working_site_under_mike_says_working_not_outdated(watch: Watch, mike_url: str):
    """The site published from main (`mike deploy main`) is a working build: every page says
    it is unpublished, and never that it is an outdated release."""
    page = watch.page
    page.goto(f"{mike_url}/1.0/proceduri/ps-03/")
    page.wait_for_load_state("networkidle")
    banner = page.locator(".md-banner .qms-working")
    assert banner.text_content() == ("Versiune de lucru (nepublicată): poate cuprinde "
                                      "modificări încă neaprobate. Pentru audit folosiți o "
                                      "versiune publicată.")
    assert banner.is_visible()
    assert page.locator(".qms-outdated").count() == 0
    _shot(page, "working-banner.png")


@pytest.fixture(scope="module")
def release_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two real releases (`qms release`), exported as any static host would serve them."""
    from conftest import make_demo
    from test_release import _new_revision

    repo = make_demo(tmp_path_factory.mktemp("releases") / "repo")
    www = repo.parent / "www"
    assert qms("keys", "demo", str(repo)).exit_code == 0
    assert qms("release", "2026.1", str(repo), "--no-pdf", "--allow-demo-keys").exit_code == 0
    _new_revision(repo)
    res = qms("release", "2026.2", str(repo), "--no-pdf", "--allow-demo-keys", "--out",
              str(www))
    assert res.exit_code == 0, res.output
    yield from _serve(www)


def test_release_banner_and_version_selector(watch: Watch, release_url: str):
    page = watch.page
    page.goto(f"{release_url}/2026.1/control/in-vigoare/")
    banner = page.locator(".qms-outdated")
    banner.wait_for(timeout=10000)
    assert banner.text_content() == "Versiune învechită: înlocuită de 2026.2"
    _shot(page, "release-outdated.png")
    # Material's version selector, fed by versions.json: both releases, latest first
    page.locator(".md-version__current").wait_for(timeout=10000)
    assert page.locator(".md-version__current").text_content().strip() == "2026.1"
    items = page.locator(".md-version__link")
    assert [t.strip() for t in items.all_text_contents()][:2] == ["2026.2", "2026.1"]
    page.locator(".md-version__current").focus()  # Material opens the list on focus / hover
    items.first.click(force=True)
    page.wait_for_url(f"{release_url}/2026.2/**")
    page.wait_for_load_state("networkidle")
    assert page.locator(".qms-outdated").count() == 0
    page.goto(f"{release_url}/latest/")  # the alias redirects to the newest release
    page.wait_for_url(f"{release_url}/2026.2/**")
    assert page.locator(".qms-working").count() == 0  # a release is no working version


def test_history_redline_marks_inside_list_items(watch: Watch, release_url: str):
    """The redline of PS-01 (2.1 → 2.2) renders as the document does: the changed word of a
    numbered list item is struck and inserted inside that <li>, its bold kept."""
    page = watch.page
    page.goto(f"{release_url}/2026.2/control/istoric/ps-01/")
    page.wait_for_load_state("networkidle")
    item = page.locator(".qms-redline ol > li", has=page.locator("ins"))
    assert item.count() == 1
    assert item.locator("del").all_text_contents() == ["angajat"]
    assert item.locator("ins").all_text_contents() == ["salariat"]
    assert item.locator("strong").first.text_content() == "Inițierea."
    assert item.evaluate("li => getComputedStyle(li.querySelector('ins')).textDecorationLine") \
        == "underline"
    assert item.evaluate("li => getComputedStyle(li.querySelector('del')).textDecorationLine") \
        == "line-through"
    para = page.locator(".qms-redline > p", has=page.locator("ins"))
    assert para.locator("del").first.text_content() == "elaborate,"
    page.locator(".qms-redline").first.scroll_into_view_if_needed()
    _shot(page, "history-redline.png")


@pytest.mark.parametrize("width", [1920, 1280])
def test_osgg_tables_fit_the_page(browser, base_url: str, width: int):
    """Every OSGG table of a procedure page fits its column: nothing scrolls sideways and the
    last column (Semnătura) is whole on screen, with Material's navigation and contents open."""
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base_url}/proceduri/ps-01/")
        tables = page.locator("table.qms-osgg")
        assert tables.count() == 6  # tables 1-3 and the three forms
        for i in range(tables.count()):
            t = tables.nth(i)
            wrap = t.evaluate("e => [e.parentElement.scrollWidth, e.parentElement.clientWidth]")
            assert wrap[0] <= wrap[1] + 1, (i, wrap)
            last = t.locator("thead tr").first.locator("th").last
            box, article = last.bounding_box(), page.locator("article").bounding_box()
            assert box and article and box["x"] + box["width"] <= article["x"] + \
                article["width"] + 1, (i, box, article)
        if width == 1920:
            page.locator("#qms-t3").scroll_into_view_if_needed()
            _shot(page, "procedure-page-1920.png")
    finally:
        context.close()


AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"  # make test: npm ci
# Nine pages of every kind: home, a procedure, the grids and registers, the drawings, CAF.
AXE_PAGES = ("", "proceduri/ps-03/", "smc/responsabilitati/", "smc/riscuri/", "procese/harta/",
             "procese/p-07/", "documente/", "caf/2026/raport/", "glosar/")


def _axe(browser, url: str) -> list[dict]:
    """axe-core's serious and critical violations on one page (WCAG 2.x A/AA and best
    practices), each as {id, impact, targets}."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact,
                                           targets: v.nodes.map(n => n.target.join(' '))}));
        }""")
    finally:
        context.close()
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_violation(browser, base_url: str):
    found = {path: _axe(browser, f"{base_url}/{path}") for path in AXE_PAGES}
    assert {p: v for p, v in found.items() if v} == {}


def test_caf_heading_keeps_its_id_and_links(watch: Watch, base_url: str):
    """The CAF 2.1 heading (a long title) keeps its id: its contents entry and permalink work."""
    page = watch.page
    page.goto(f"{base_url}/caf/2026/raport/")
    link = page.locator(".md-nav--secondary a", has_text="2.1").first
    href = link.get_attribute("href")
    assert href and href.startswith("#") and len(href) > 60
    assert page.locator(f"[id='{href[1:]}']").count() == 1


def test_versions_json_only_on_a_versioned_site(watch: Watch, base_url: str):
    requested: list[str] = []
    watch.page.on("request", lambda r: requested.append(r.url))
    watch.page.goto(f"{base_url}/proceduri/ps-03/")
    watch.page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "versions.json" in u]
