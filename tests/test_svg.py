"""The process map's drawing: every arrow runs between the boxes, never under one, and every
label fits inside its box (the demo's processes and a crowded synthetic map)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from qms_docs.check import load_qms
from qms_docs.model import Process
from qms_docs.site.i18n import labels
from qms_docs.site.svg import LINE_H, process_map


def _proc(pid: str, kind: str, feeds: list[str], name: str = "Proces") -> Process:
    return Process(pid, name, kind, "rmc", "SMC", "", [], [], [], [], feeds, [], None)  # type: ignore[arg-type]


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    return [tuple(map(float, m)) for m in re.findall(
        r'<rect x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="([\d.]+)" rx="8"', svg)]


def _segments(svg: str) -> list[tuple[float, float, float, float]]:
    out = []
    for d in re.findall(r'class="qms-arrow" d="([^"]+)"', svg):
        pts = [tuple(map(float, p.split(","))) for p in re.findall(r"[\d.]+,[\d.]+", d)]
        out += [(*a, *b) for a, b in zip(pts, pts[1:], strict=False)]
    return out


def _crosses(seg, box) -> bool:
    """Whether an axis-parallel segment passes through the box's interior."""
    x1, y1, x2, y2 = seg
    bx, by, bw, bh = box
    if x1 == x2:  # vertical
        lo, hi = sorted((y1, y2))
        return bx + 1 < x1 < bx + bw - 1 and lo < by + bh - 1 and hi > by + 1
    lo, hi = sorted((x1, x2))
    return by + 1 < y1 < by + bh - 1 and lo < bx + bw - 1 and hi > bx + 1


def _check(svg: str, n_feeds: int) -> None:
    boxes, segs = _boxes(svg), _segments(svg)
    assert svg.count('class="qms-arrow"') == n_feeds
    for s in segs:
        assert s[0] == s[2] or s[1] == s[3], s  # orthogonal
        assert not any(_crosses(s, b) for b in boxes), s
    # labels inside: each box's text lines are between its top and bottom
    for m in re.finditer(r'<rect x="([\d.]+)" y="([\d.]+)" width="\d+" height="([\d.]+)"'
                         r'.*?</text><text[^>]*>(.*?)</text></a>', svg):
        y, h = float(m.group(2)), float(m.group(3))
        ys = [float(v) for v in re.findall(r'<tspan x="[\d.]+" y="([\d.]+)"', m.group(4))]
        assert ys and y + 20 < min(ys) and max(ys) + LINE_H / 2 < y + h, (y, h, ys)


def test_demo_map_arrows_run_between_boxes():
    qms = load_qms(ROOT)
    svg = process_map(qms.processes, labels("ro"), lambda pid: "#", {})
    _check(svg, sum(len([f for f in p.feeds if f != p.id]) for p in qms.processes))


@pytest.mark.parametrize("n", [7, 16])
def test_crowded_map_arrows_run_between_boxes(n: int):
    kinds = ("management", "core", "support")
    procs = [_proc(f"P-{i:02d}", kinds[i % 3],
                   [f"P-{j:02d}" for j in range(1, n + 1) if j != i and (i * j) % 3 == 1],
                   "Proces cu o denumire destul de lungă încât să ocupe trei sau patru rânduri")
             for i in range(1, n + 1)]
    svg = process_map(procs, labels("ro"), lambda pid: "#", {})
    _check(svg, sum(len(p.feeds) for p in procs))
