"""The auditor's question, asked in a real browser (Debian's chromium through playwright) of a
site built from a `qms init --history` repository: "which version of PS-03 was in force on
1 June 2025, who elaborated, verified and approved it, and who received it?", in a handful of
clicks, offline. Screenshots of every step are saved under the test's temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_browser import Watch, _serve, browser  # noqa: F401 - the shared browser fixture
from test_site import EPOCH  # 2026-01-01

from qms_docs.cli import main

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("auditor-shots")


@pytest.fixture(scope="module")
def auditor_url(history_repo_shared: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[str]:
    out = tmp_path_factory.mktemp("auditor") / "site"
    res = CliRunner().invoke(main, ["build", str(history_repo_shared), "--out", str(out)],
                             env={"SOURCE_DATE_EPOCH": EPOCH})
    assert res.exit_code == 0, res.output
    yield from _serve(out)


def _row(page, code: str):
    return page.locator("#qms-in-force-table tbody tr", has=page.locator(f"td >> text='{code}'"))


def test_auditor_finds_ps03_in_force_on_a_past_date(browser, auditor_url: str,  # noqa: F811
                                                    shots: Path) -> None:
    w = Watch(browser)
    page = w.page
    try:
        page.goto(f"{auditor_url}/control/in-vigoare/")
        field = page.locator("#qms-in-force-date")
        assert field.input_value() == "2026-01-01"  # the build date, until one is chosen
        assert _row(page, "PS-03").locator("td").nth(2).text_content() == "a II-a"
        page.screenshot(path=str(shots / "1-register.png"), full_page=False)

        field.fill("2025-06-01")  # click 1: the audit date
        assert page.locator("#qms-in-force-day").text_content() == "01.06.2025"
        cells = _row(page, "PS-03").locator("td").all_text_contents()
        assert cells == ["PS-03", "Auditul intern", "I", "0", "15.04.2024", "31.08.2025",
                         "în vigoare"]
        _row(page, "PS-03").scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "2-date-chosen.png"), full_page=False)

        _row(page, "PS-03").locator("a").click()  # click 2: that version's page
        page.wait_for_url("**/control/versiuni/ps-03/1.0/")
        banner = page.locator(".admonition").first
        assert "Versiune perimată: a fost în vigoare de la 15.04.2024 până la 31.08.2025" \
            in banner.text_content()
        assert banner.locator("a", has_text="ediția 2, revizia 0").count() == 1
        page.screenshot(path=str(shots / "3-version-page.png"), full_page=False)

        page.locator("article a[href='#qms-t1']").first.click()  # click 3: table 1
        table1 = page.locator("#qms-t1 ~ .qms-osgg-wrap table").first
        approvers = [[c.strip() for c in r.locator("td").all_text_contents()][1:4]
                     for r in table1.locator("tbody tr").all()]
        assert approvers == [
            ["Elaborat", "Andreea Constantinescu", "Responsabil cu managementul calității"],
            ["Verificat", "Elena Marinescu", "Secretar general al UAT"],
            ["Aprobat", "Gheorghe Stanciu", "Primar"]]
        page.screenshot(path=str(shots / "4-approvers.png"), full_page=False)

        page.locator("a[href='#qms-receipt']").first.click()  # click 4: distribution, receipt
        receipt = page.locator("#qms-receipt ~ .md-typeset__scrollwrap table, "
                               "#qms-receipt ~ * table").first
        rows = [[c.strip() for c in r.locator("td").all_text_contents()]
                for r in receipt.locator("tbody tr").all()]
        assert rows[1][:3] == ["Auditor intern", "Doina Ciobanu", "aplicare"]
        assert len(rows) == 5
        page.screenshot(path=str(shots / "5-distribution.png"), full_page=False)
    finally:
        w.close()
    assert w.external == [] and w.blocked == [], (w.external, w.blocked)
