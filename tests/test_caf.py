"""CAF 2020 self-assessment: the demo is clean; bad input gets exact findings; the report's
numbers match an independent computation from the raw YAML."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import TODAY

import qms_docs.cli.caf  # noqa: F401  (registers 'qms caf' whatever cli/__init__ imports)
from qms_docs.caf.pages import assets, pages
from qms_docs.caf.radar import radar
from qms_docs.caf.reference import model as caf_model
from qms_docs.check import run_check
from qms_docs.cli import main

CAF = "content/caf"
PARTS = ("plan", "do", "check", "act", "trends", "targets")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def caf_findings(repo: Path, today: str = TODAY) -> list[str]:
    """The findings of `qms check` about CAF files or with a CAF code, as text lines."""
    res = run("check", str(repo), "--format", "json", "--no-history", "--today", today)
    out = []
    for f in json.loads(res.output):
        if f["path"].startswith(CAF) or f["code"].startswith("QMS5"):
            out.append(f"{f['path']}:{f['line']}:{f['col']}: {f['severity']} {f['code']} "
                       f"{f['message']}")
    return out


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / CAF / rel
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), "utf-8")


def at(repo: Path, rel: str, line_has: str, value: str | None = None) -> str:
    """'content/caf/<rel>:line:col' of value on the only line containing line_has."""
    lines = (repo / CAF / rel).read_text("utf-8").split("\n")
    hits = [i for i, ln in enumerate(lines) if line_has in ln]
    assert len(hits) == 1, f"{line_has!r} is on {len(hits)} lines of {rel}"
    ln = lines[hits[0]]
    return f"{CAF}/{rel}:{hits[0] + 1}:{ln.index(value or line_has) + 1}"


def at_after(repo: Path, rel: str, anchor: str, line_has: str, value: str) -> str:
    """Like at(), for the first line containing line_has after the line containing anchor."""
    lines = (repo / CAF / rel).read_text("utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if anchor in ln)
    i = next(i for i in range(start + 1, len(lines)) if line_has in lines[i])
    return f"{CAF}/{rel}:{i + 1}:{lines[i].index(value) + 1}"


# --- the demo -----------------------------------------------------------------------------

def test_demo_has_no_caf_findings(demo_repo_shared: Path):
    assert caf_findings(demo_repo_shared) == []


def test_demo_is_complete(demo_repo_shared: Path):
    qms = run_check(demo_repo_shared, history=False).qms
    from qms_docs.caf.model import build

    data = build(qms)
    assert [a.year for a in data.assessments] == [2024, 2026]
    a = data.year(2026)
    assert a and len(a.group) == 13 and len(a.sheets) == 13 and len(a.training) >= 2
    assert all(len(s.entries) == 28 for s in a.sheets)
    assert a.consensus and len(a.consensus.items) == 28
    assert len(a.actions) == 15
    assert {x.status for x in a.actions} == {"planned", "in-progress", "done", "postponed",
                                              "cancelled"}


def test_demo_text_uses_comma_below_diacritics():
    for path in Path(__file__).resolve().parent.parent.joinpath(CAF).rglob("*.yml"):
        text = path.read_text("utf-8")
        assert not re.search("[şţŞŢ]", text), f"cedilla in {path}"


# --- bad input: exact findings -------------------------------------------------------------

def test_missing_sheet(demo_repo: Path):
    (demo_repo / CAF / "2026/sheets/doina-ciobanu.yml").unlink()
    loc = at(demo_repo, "2026/assessment.yml", "- id: doina-ciobanu", "doina-ciobanu")
    assert caf_findings(demo_repo) == [
        f"{loc}: error QMS501 evaluator 'doina-ciobanu' has no scoring sheet"]


def test_missing_and_unscored_subcriteria(demo_repo: Path):
    sheet = "2024/sheets/liliana-enache.yml"
    text = (demo_repo / CAF / sheet).read_text("utf-8")
    # Drop 2.2 entirely; empty the score of 2.3 (band left in place, evidence kept).
    block = re.search(r'  "2\.2":\n(    .*\n|      .*\n)+', text).group(0)
    text = text.replace(block, "")
    text = re.sub(r'(  "2\.3":\n    band: \d\n    score: )\d+', r"\1null", text)
    (demo_repo / CAF / sheet).write_text(text, "utf-8")
    scores = at(demo_repo, sheet, "scores:")
    score23 = at_after(demo_repo, sheet, '"2.3"', "score:", "null")
    title = caf_model().subcriteria["2.2"].title_ro
    assert caf_findings(demo_repo) == [
        f"{scores}: error QMS502 liliana-enache did not score 2.2 {title}",
        f"{score23}: error QMS502 liliana-enache did not score 2.3",
    ]


def test_out_of_range_and_band_inconsistent_scores(demo_repo: Path):
    sheet = "2024/sheets/andreea-constantinescu.yml"
    text = (demo_repo / CAF / sheet).read_text("utf-8")
    m11 = re.search(r'  "1\.1":\n    band: (\d)\n    score: (\d+)\n', text)
    m12 = re.search(r'  "1\.2":\n    band: (\d)\n    score: (\d+)\n', text)
    assert m11 and m12
    text = text.replace(m11.group(0), '  "1.1":\n    band: 6\n    score: 120\n')
    wrong_band = 6 if int(m12.group(1)) != 6 else 1
    text = text.replace(m12.group(0),
                        f'  "1.2":\n    band: {wrong_band}\n    score: {m12.group(2)}\n')
    (demo_repo / CAF / sheet).write_text(text, "utf-8")
    loc11 = at(demo_repo, sheet, "score: 120", "120")
    loc12 = at_after(demo_repo, sheet, '"1.2"', "score:", m12.group(2))
    found = caf_findings(demo_repo)
    low, high = {6: (91, 100), 1: (0, 10)}[wrong_band]
    assert f"{loc11}: error QMS101 sub-criterion 1.1: score: 120 is greater than the maximum of 100" \
        in found
    assert (f"{loc12}: error QMS504 1.2: score {m12.group(2)},0 is outside band {wrong_band} "
            f"({low}-{high}) chosen by andreea-constantinescu") in found


def test_dangling_subcriteria(demo_repo: Path):
    edit(demo_repo, "2026/sheets/adrian-munteanu.yml", 'scores:\n',
         'scores:\n  "4.7":\n    abstain: "Nu există"\n')
    edit(demo_repo, "2026/plan.yml", 'subcriteria: ["4.4"]', 'subcriteria: ["4.9"]')
    key = at(demo_repo, "2026/sheets/adrian-munteanu.yml", '"4.7":')
    sub = at(demo_repo, "2026/plan.yml", '["4.9"]', '"4.9"')
    # A-07 was the only action for 4.4 (consensus 44, with areas for improvement).
    low = at_after(demo_repo, "2026/consensus.yml", '"4.4"', "score:", "44")
    assert caf_findings(demo_repo) == sorted([
        f"{key}: error QMS503 unknown CAF 2020 sub-criterion '4.7'",
        f"{sub}: error QMS503 action A-07: unknown CAF 2020 sub-criterion '4.9'",
        f"{low}: warning QMS511 4.4 scored 44 by consensus, has areas for improvement and no "
        "improvement action",
    ])


def test_consensus_outside_range_needs_justification(demo_repo: Path):
    cons = demo_repo / CAF / "2026/consensus.yml"
    text = cons.read_text("utf-8")
    m = re.search(r'  "9\.1":\n    score: (\d+)\n    justification: .*\n', text)
    assert m
    cons.write_text(text.replace(m.group(0), f'  "9.1":\n    score: {m.group(1)}\n'), "utf-8")
    low, high = _spread(demo_repo, 2026, "9.1")[1:3]
    loc = at_after(demo_repo, "2026/consensus.yml", '"9.1"', "score:", m.group(1))
    assert caf_findings(demo_repo) == [
        f"{loc}: error QMS507 consensus {m.group(1)} on 9.1 is outside the individual scores "
        f"{_fmt(low)}-{_fmt(high)}"]


def test_action_deadline_before_assessment(demo_repo: Path):
    edit(demo_repo, "2026/plan.yml", 'deadline: "2026-06-30"', 'deadline: "2026-04-15"')
    loc = at(demo_repo, "2026/plan.yml", '"2026-04-15"', '"2026-04-15"')
    assert caf_findings(demo_repo) == [
        f"{loc}: error QMS510 action A-01 is due 2026-04-15, not after the assessment ended "
        "(2026-04-30)"]


def test_low_score_without_action_is_a_warning(demo_repo: Path):
    edit(demo_repo, "2026/plan.yml", 'subcriteria: ["6.1"]', 'subcriteria: ["6.2"]')
    loc = at_after(demo_repo, "2026/consensus.yml", '"6.1"', "score:", "46")
    res = run("check", str(demo_repo), "--no-history", "--today", TODAY)
    assert (f"{loc}: warning QMS511 6.1 scored 46 by consensus, has areas for improvement and "
            "no improvement action\n    hint: add an action for 6.1 to plan.yml (scores up to 50 "
            "call for one)") in res.output
    assert caf_findings(demo_repo) == [
        f"{loc}: warning QMS511 6.1 scored 46 by consensus, has areas for improvement and no "
        "improvement action"]


def test_fine_tuned_and_abstention_rules(demo_repo: Path):
    sheet = "2026/sheets/laura-barbu.yml"
    text = (demo_repo / CAF / sheet).read_text("utf-8")
    m = re.search(r'  "2\.1":\n    plan: (\d+)\n', text)
    assert m
    text = text.replace(m.group(0), f'  "2.1":\n    trends: 50\n    plan: {m.group(1)}\n')
    text = text.replace('  "6.2":\n', '  "6.2":\n    abstain: "Nu am date"\n')
    (demo_repo / CAF / sheet).write_text(text, "utf-8")
    trends = at(demo_repo, sheet, "trends: 50", "trends")
    abstain = at(demo_repo, sheet, 'abstain: "Nu am date"', '"Nu am date"')
    found = [f for f in caf_findings(demo_repo) if "QMS507" not in f]
    assert found == [
        f"{trends}: error QMS505 2.1 is an enabler: 'trends' does not apply",
        f"{abstain}: error QMS502 laura-barbu both scored and abstained on 6.2",
    ]


def test_unknown_evaluator_orphan_folder_and_untrained(demo_repo: Path):
    edit(demo_repo, "2026/sheets/vlad-petrache.yml", "evaluator: vlad-petrache",
         "evaluator: bogdan-nistr")
    orphan = demo_repo / CAF / "2030/plan.yml"
    orphan.parent.mkdir()
    orphan.write_text("actions: []\n", "utf-8")
    assess = demo_repo / CAF / "2026/assessment.yml"
    assess.write_text(assess.read_text("utf-8").replace("vlad-petrache, doina-ciobanu]",
                                                        "doina-ciobanu]"), "utf-8")
    member = at(demo_repo, "2026/assessment.yml", "- id: vlad-petrache", "vlad-petrache")
    assert caf_findings(demo_repo) == [
        f"{member}: error QMS501 evaluator 'vlad-petrache' has no scoring sheet",
        f"{member}: warning QMS512 evaluator 'vlad-petrache' attended no training session",
        f"{at(demo_repo, '2026/sheets/vlad-petrache.yml', 'evaluator:', 'bogdan-nistr')}: "
        "error QMS509 'bogdan-nistr' is not in the self-assessment group",
        f"{CAF}/2030/plan.yml:1:1: error QMS513 no content/caf/2030/assessment.yml",
    ]


def test_overdue_actions_warn(demo_repo: Path):
    a06 = at(demo_repo, "2026/plan.yml", '"2026-12-15"', '"2026-12-15"')
    assert caf_findings(demo_repo, today="2026-12-20") == [
        f"{a06}: warning QMS514 action A-06 was due 2026-12-15 and is in-progress"]


# --- commands ------------------------------------------------------------------------------

def test_caf_new_scaffolds_sheets_for_the_group(demo_repo: Path):
    res = run("caf", "new", "2027", str(demo_repo))
    assert res.exit_code == 0, res.output
    created = [ln.removeprefix("created ") for ln in res.output.splitlines()]
    assert created[0] == f"{CAF}/2027/assessment.yml"
    assert len(created) == 14  # assessment + one sheet for each of the 13 evaluators
    sheet = yaml.safe_load((demo_repo / CAF / "2027/sheets/liliana-enache.yml").read_text())
    assert sheet["evaluator"] == "liliana-enache" and len(sheet["scores"]) == 28
    found = caf_findings(demo_repo)
    assert len(found) == 13 and all(" warning QMS502 " in f for f in found)
    assert (f"{CAF}/2027/sheets/liliana-enache.yml:7:1: warning QMS502 liliana-enache: 28 of 28 "
            "sub-criteria not scored yet (1.1, 1.2, 1.3, 1.4 …)") in found
    again = run("caf", "new", "2027", str(demo_repo))
    assert again.output == "nothing to do: every evaluator has a sheet\n"


def test_caf_new_without_a_previous_group(demo_repo: Path):
    import shutil

    shutil.rmtree(demo_repo / CAF)
    res = run("caf", "new", "2026", str(demo_repo))
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == f"created {CAF}/2026/assessment.yml"
    assert "then run 'qms caf new 2026' again" in res.output
    # the group starts from the people registry: the quality manager in post
    who = "andreea-constantinescu"
    member = at(demo_repo, "2026/assessment.yml", f"- id: {who}", who)
    assert caf_findings(demo_repo) == [
        f"{member}: warning QMS501 evaluator '{who}' has no scoring sheet"]


def test_caf_consensus_lists_widest_disagreement_first(demo_repo_shared: Path):
    res = run("caf", "consensus", "2026", str(demo_repo_shared), "--top", "5")
    assert res.exit_code == 0, res.output
    rows = res.output.splitlines()[2:]
    assert len(rows) == 5
    widths = {sid: float(_spread(demo_repo_shared, 2026, sid)[2] -
                         _spread(demo_repo_shared, 2026, sid)[1]) for sid in _subs()}
    expected = sorted(widths, key=lambda s: (-widths[s], -_std(demo_repo_shared, 2026, s)))[:5]
    assert [r.split()[1] for r in rows] == expected
    assert run("caf", "consensus", "2031", str(demo_repo_shared)).exit_code == 2


# --- pages: numbers checked against an independent computation ----------------------------

def _subs() -> list[str]:
    return [f"{c}.{i}" for c, n in zip(range(1, 10), (4, 4, 3, 6, 3, 2, 2, 2, 2), strict=True)
            for i in range(1, n + 1)]


def _fmt(x: Fraction | float, digits: int = 1) -> str:
    # Exact fractions: 254.25 / 5 is 50.85, which a float holds as 50.8499… and rounds down.
    d = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else \
        Decimal(repr(x))
    q = d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{q:f}".replace(".", ",")


def _values(repo: Path, year: int, sid: str) -> list[Fraction]:
    out = []
    for path in sorted((repo / CAF / str(year) / "sheets").glob("*.yml")):
        e = yaml.safe_load(path.read_text("utf-8"))["scores"][sid]
        if "abstain" in e:
            continue
        parts = [e[p] for p in PARTS if p in e]
        out.append(Fraction(e["score"]) if "score" in e else Fraction(sum(parts), len(parts)))
    return out


def _spread(repo: Path, year: int, sid: str) -> tuple[int, Fraction, Fraction, Fraction, float]:
    v = _values(repo, year, sid)
    mean = Fraction(sum(v), len(v))
    return len(v), min(v), max(v), mean, math.sqrt(sum((x - mean) ** 2 for x in v) / len(v))


def _std(repo: Path, year: int, sid: str) -> float:
    return _spread(repo, year, sid)[4]


def _consensus(repo: Path, year: int) -> dict[str, int]:
    data = yaml.safe_load((repo / CAF / str(year) / "consensus.yml").read_text("utf-8"))
    return {str(k): v["score"] for k, v in data["scores"].items()}


def _cells(md: str, first: str) -> list[str]:
    row = next(ln for ln in md.splitlines() if ln.startswith(f"| {first} "))
    return [c.strip() for c in row.strip("|").split(" | ")]


@pytest.fixture(scope="module")
def site(demo_repo_shared: Path):
    qms = run_check(demo_repo_shared, history=False).qms
    return qms, pages(qms, "ro"), assets(qms)


def test_report_numbers_match_independent_computation(demo_repo_shared: Path, site):
    _, md, _ = site
    report = md["caf/2026/raport.md"]
    cons = _consensus(demo_repo_shared, 2026)
    for sid in _subs():
        n, low, high, mean, std = _spread(demo_repo_shared, 2026, sid)
        assert _cells(report, sid)[2:] == [str(cons[sid]), str(n), _fmt(low), _fmt(high),
                                           _fmt(mean), _fmt(std)], sid
    crit = {c: Fraction(sum(cons[s] for s in _subs() if s.split(".")[0] == str(c)),
                        sum(1 for s in _subs() if s.split(".")[0] == str(c)))
            for c in range(1, 10)}
    for c in range(1, 10):
        assert _cells(report, f"{c}.")[2] == _fmt(crit[c]), c
    enablers = sum(crit[c] for c in range(1, 6)) / 5
    results = sum(crit[c] for c in range(6, 10)) / 4
    total = sum(crit.values()) / 9
    assert _cells(report, "Factori determinanți")[2] == _fmt(enablers)
    assert _cells(report, "Rezultate")[2] == _fmt(results)
    assert _cells(report, "**Total CAF**")[2] == f"**{_fmt(total)}**"
    assert "![Diagrama radar a punctajelor de consens pe criterii](radar.svg)" in report


def test_comparison_and_plan_pages(demo_repo_shared: Path, site):
    _, md, _ = site
    assert sorted(md) == ["caf/2024/plan.md", "caf/2024/raport.md", "caf/2026/plan.md",
                          "caf/2026/raport.md", "caf/comparatie.md", "caf/index.md"]
    old, new = _consensus(demo_repo_shared, 2024), _consensus(demo_repo_shared, 2026)
    for sid in _subs():
        d = new[sid] - old[sid]
        assert _cells(md["caf/comparatie.md"], sid)[2:] == [
            str(old[sid]), str(new[sid]), ("+" if d > 0 else "") + str(d)], sid
    plan = yaml.safe_load((demo_repo_shared / CAF / "2026/plan.yml").read_text("utf-8"))
    statuses = [a["status"] for a in plan["actions"]]
    page = md["caf/2026/plan.md"]
    for label, key in (("planificată", "planned"), ("în curs", "in-progress"),
                       ("finalizată", "done"), ("amânată", "postponed"),
                       ("anulată", "cancelled")):
        assert _cells(page, label)[1] == str(statuses.count(key))
    assert _cells(page, "**Total**")[1] == f"**{len(statuses)}**"
    months = re.findall(r"^### (\w+ \d{4})$", page, re.M)
    assert months[0] == "iunie 2026" and months[-1] == "decembrie 2027"


def test_pages_are_deterministic_and_escaped(demo_repo: Path):
    edit(demo_repo, "2026/plan.yml", 'resources: "Timpul conducerii; sala de ședințe"',
         'resources: "a | b *c* <script>x</script> [l](http://e) $5"')
    qms = run_check(demo_repo, history=False).qms
    first, second = pages(qms, "ro"), pages(qms, "ro")
    assert first == second and assets(qms) == assets(qms)
    row = _cells(first["caf/2026/plan.md"], "A-01")
    assert len(row) == 8
    assert row[5] == ("a &#124; b &#42;c&#42; &#60;script&#62;x&#60;/script&#62; "
                      "&#91;l&#93;(http://e) &#36;5")
    en = pages(qms, "en")
    assert en["caf/2026/raport.md"].startswith("# CAF 2026 self-assessment report\n")


def test_radar_svg(site):
    _, _, svg = site
    assert sorted(svg) == ["caf/2024/radar.svg", "caf/2026/radar.svg",
                           "caf/comparatie-radar.svg"]
    ns = {"s": "http://www.w3.org/2000/svg"}
    root = ET.fromstring(svg["caf/comparatie-radar.svg"])
    assert root.find("s:title", ns).text == "Punctaje de consens pe criterii, CAF 2024, 2026"
    assert len(root.findall("s:polygon[@fill-opacity]", ns)) == 2
    hostile = radar('<b>&"', ["a<b", "c&d", "e>f"], [("x&y", [10.0, None, 90.0])])
    root = ET.fromstring(hostile)
    assert root.find("s:title", ns).text == '<b>&"'
    texts = "".join(root.itertext())
    assert "a<b" in texts and "c&d" in texts and "x&y" in texts
