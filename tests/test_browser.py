"""The built site in a real browser (Debian's chromium through playwright): the process map,
search with and without diacritics, hostile content, and no request leaving the host."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from test_site import make_site_repo, qms

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OUTPUT = Path(__file__).parent / "output"
pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    repo = make_site_repo(tmp_path_factory.mktemp("browser") / "repo")
    res = qms("build", str(repo))
    assert res.exit_code == 0, res.output
    handler = functools.partial(_Quiet, directory=str(repo / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    with playwright.sync_playwright() as p:
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
        self.context.route("**/*", self._route)
        self.page.on("dialog", self._dialog)

    def _route(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

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


def _shot(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / ".gitignore").write_text("*\n", "utf-8")
    page.screenshot(path=str(OUTPUT / name), full_page=True)


def test_process_map_renders_and_boxes_link(watch: Watch, base_url: str):
    page = watch.page
    page.goto(f"{base_url}/procese/harta.html")
    svg = page.locator("svg.qms-map")
    svg.wait_for()
    box = svg.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 250
    assert page.locator("svg.qms-map a.qms-box").count() == 14
    assert "Harta proceselor" in page.locator("svg.qms-map > title").text_content()
    _shot(page, "process-map.png")
    page.locator("svg.qms-map a.qms-box", has_text="P-07").click()
    page.wait_for_url("**/procese/p-07.html")
    assert page.locator("h1").text_content().startswith("P-07")


def _search(page, base_url: str, query: str) -> set[str]:
    page.goto(f"{base_url}/index.html")
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
        assert "/proceduri/ps-03.html" in without


def test_hostile_procedure_executes_nothing(watch: Watch, base_url: str):
    page = watch.page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ("proceduri/po-smc-99.html", "glosar.html", "documente/index.html"):
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
    page.goto(f"{base_url}/proceduri/po-smc-99.html")
    assert page.locator("h1").is_visible()  # the <style> hiding the body was removed too
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == []
    assert errors == []


def test_procedure_page_and_no_external_requests(watch: Watch, base_url: str):
    page = watch.page
    page.goto(f"{base_url}/proceduri/ps-03.html")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").text_content().startswith("PS-03")
    tables = page.locator("article table")
    assert tables.count() >= 3
    assert page.locator("article table").first.locator("th").count() >= 5
    _shot(page, "procedure-ps-03.png")
    for path in ("index.html", "smc/responsabilitati.html", "smc/riscuri.html",
                 "caf/index.html"):
        page.goto(f"{base_url}/{path}")
        page.wait_for_load_state("networkidle")
    _shot(page, "caf.png")
    page.goto(f"{base_url}/smc/responsabilitati.html")
    _shot(page, "raci.png")


def test_outdated_banner_is_a_no_op_without_versions_json(watch: Watch, base_url: str):
    page = watch.page
    page.goto(f"{base_url}/index.html")
    page.wait_for_load_state("networkidle")
    assert page.locator(".qms-outdated").count() == 0
