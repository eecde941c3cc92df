"""The built site in a real browser (Debian's chromium through playwright): the process map,
search with and without diacritics, hostile content, and no request leaving the host."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
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
    """The layout mike publishes: one folder per version and versions.json beside them."""
    root = tmp_path_factory.mktemp("mike")
    for version in ("1.0", "2.0"):
        shutil.copytree(site, root / version)
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


def test_outdated_banner_on_a_superseded_mike_version(watch: Watch, mike_url: str):
    page = watch.page
    page.goto(f"{mike_url}/1.0/proceduri/ps-03/")
    banner = page.locator(".qms-outdated")
    banner.wait_for(timeout=10000)
    assert banner.text_content() == "Versiune învechită: înlocuită de 2.0"
    assert banner.locator("a").get_attribute("href") == f"{mike_url}/2.0/"
    _shot(page, "outdated-banner.png")
    page.goto(f"{mike_url}/2.0/proceduri/ps-03/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".qms-outdated").count() == 0


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
