"""The auditor's view on a site built from a `qms init --history` repository: every version of
every document on its own page (its tables as they were, a status banner, receipt), the date
field of the in-force register (data built into the page, same answer as `qms in-force`), the
not-yet-in-force notice, history navigation titles, and `qms ack-status`'s notice window."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import git
from test_site import EPOCH  # 2026-01-01

from qms_docs.cli import main


def qms(*args: str):
    return CliRunner().invoke(main, list(args), env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="module")
def site(history_repo_shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("versions") / "site"
    res = qms("build", str(history_repo_shared), "--out", str(out))
    assert res.exit_code == 0, res.output
    return out


def text(page: Path) -> str:
    s = page.read_text("utf-8")
    body = s[s.index("<article"):s.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_an_old_version_as_it_was(site: Path) -> None:
    page = site / "control/versiuni/ps-03/1.0/index.html"
    words = text(page)
    assert "PS-03 Auditul intern — ediția 1, revizia 0" in words
    assert "Versiune perimată: a fost în vigoare de la 15.04.2024 până la 31.08.2025 " \
           "inclusiv." in words
    assert "Versiunea în vigoare la 01.01.2026: ediția 2, revizia 0" in words
    raw = page.read_text("utf-8")
    assert 'href="../2.0/"' in raw  # the link to the version in force
    # table 1 from this version's own evidence (paper, before the cut-over), not 2.0's
    t1 = words.split("1. Lista responsabililor", 2)[2].split("2. Situația")[0]
    assert "Elaborat Andreea Constantinescu" in t1 and "hârtie" in t1
    assert "25.03.2024" in t1 and "2025" not in t1
    # table 2 as it was: one row only
    t2 = words.split("2. Situația edițiilor", 2)[2].split("3. Lista")[0]
    assert "Elaborarea inițială" in t2 and "Ediția a II-a" not in t2
    assert "Difuzare și primire" in words and "Auditor intern Doina Ciobanu aplicare" in words


def test_the_version_in_force_has_its_page_and_acknowledgements(site: Path) -> None:
    words = text(site / "control/versiuni/ps-03/2.0/index.html")
    assert "Această versiune este în vigoare de la 01.09.2025." in words
    receipt = words.split("Difuzare și primire", 1)[1]
    assert "Doina Ciobanu aplicare 01.09.2025 Doina Ciobanu, 04.09.2025" in receipt


def test_old_versions_are_not_searched(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert not [x for x in locations if x.startswith("control/versiuni/")]
    assert any(x.startswith("control/istoric/ps-03/") for x in locations)


def test_register_date_field_carries_the_same_answer(site: Path,
                                                     history_repo_shared: Path) -> None:
    raw = (site / "control/in-vigoare/index.html").read_text("utf-8")
    assert '<input type="date" id="qms-in-force-date" value="2026-01-01"' in raw
    assert "Regula zilei de trecere: o versiune este în vigoare începând cu data" in raw
    data = json.loads(html.unescape(re.search(
        r'<script type="application/json" id="qms-in-force-data">(.*?)</script>', raw,
        re.S).group(1)))
    ps03 = next(d for d in data["documents"] if d["code"] == "PS-03")
    assert [(v["from"], v["to"]) for v in ps03["versions"]] == [
        ("2024-04-15", "2025-08-31"), ("2025-09-01", "")]
    assert ps03["versions"][0]["href"] == "../versiuni/ps-03/1.0/"
    # the table without JavaScript: `qms in-force` on the build date
    res = qms("in-force", str(history_repo_shared), "--date", "2026-01-01", "--format", "json")
    cli = {r["code"]: r for r in json.loads(res.output)}
    rows = re.findall(r'<tr><td><a href="[^"]+">([^<]+)</a></td><td>[^<]*</td><td>[^<]*</td>'
                      r"<td>(\d+)</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td></tr>", raw)
    assert rows and all(int(r) == cli[c]["revision"] and s == cli[c]["status"]
                        for c, r, s in rows)
    # the script is the site's own file, allowed by the page's CSP ('self'), no inline code
    assert (site / "assets/qms/in-force.js").is_file()
    assert 'src="../../assets/qms/in-force.js"' in raw
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', raw).group(1)
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split(";")[1]


def test_future_version_notice(site: Path) -> None:
    words = text(site / "formulare/f-01/index.html")
    assert "Nu este încă în vigoare Această versiune intră în vigoare la 02.03.2026. " \
           "Până atunci se aplică versiunea anterioară: Ediția I, revizia 0 ." in words
    assert "Versiune care nu este încă în vigoare: intră în vigoare la 02.03.2026." in text(
        site / "control/versiuni/f-01/2.0/index.html")


def test_history_navigation_titles_and_words(site: Path) -> None:
    raw = (site / "control/istoric/ps-03/index.html").read_text("utf-8")
    assert ">PS-03 — Auditul intern<" in raw or "PS-03 — Auditul intern\n" in raw
    assert "Istoricul documentelor" in raw and ">istoric<" not in raw
    assert 'href="../../versiuni/ps-03/1.0/"' in raw
    for page in ("control/istoric/ps-03/index.html", "control/versiuni/ps-03/1.0/index.html",
                 "control/in-vigoare/index.html"):
        words = text(site / page)
        for word in ("Commit", "commit", "trailer", "git ", "Elaborated-by"):
            assert word not in words, (page, word)


def test_ack_status_asks_only_for_versions_in_force_or_close(history_repo_shared: Path,
                                                              tmp_path: Path) -> None:
    repo = tmp_path / "acks"
    subprocess.run(["git", "clone", "-q", f"file://{history_repo_shared}", str(repo)],
                   check=True)
    acks = repo / "content" / "acknowledgements.yml"
    acks.write_text(re.sub(r"(?m)^  - document: IL-03\n(?:    .*\n)*", "",
                           acks.read_text("utf-8")), "utf-8")
    git(repo, "commit", "-qam", "IL-03: confirmări încă neprimite")
    early = qms("ack-status", str(repo), "--today", "2026-01-01")
    assert early.exit_code == 0, early.output
    lines = early.output.splitlines()
    assert not [x for x in lines if x.startswith("IL-03")]  # takes effect in two months
    assert [x for x in lines if x.startswith("F-01         1.0")]  # in force: 1.0, not 2.0
    assert not [x for x in lines if x.startswith("F-01         2.0")]
    close = qms("ack-status", str(repo), "--today", "2026-02-20")
    il03 = [x for x in close.output.splitlines() if x.startswith("IL-03")]
    assert il03 and all(x.endswith("takes effect 2026-03-02") for x in il03)
    assert not [x for x in close.output.splitlines() if x.startswith("PS-03        1.0")]
