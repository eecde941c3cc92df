"""SVG drawings made in Python (no external binary): the process map and the risk heat map.

Both are inlined into their page after sanitising (they are ours, not content), so the boxes
of the process map are real links. `href` turns a docs-relative .md path into a URL relative
to the page that shows the drawing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from ..model import Process, Risk

Href = Callable[[str], str]
BOX_W, BOX_H, GAP_X, GAP_Y, PER_ROW = 180, 66, 26, 44, 5
LEFT, TOP, BAND_PAD, BAND_HEAD = 4, 34, 14, 22  # TOP: room for arcs above row 1
BANDS = ("management", "core", "support")
BAND_FILL = {"management": "#e8f0fb", "core": "#e9f6ec", "support": "#fbf1e4"}
BOX_STROKE = {"management": "#2f5f9e", "core": "#2e7d43", "support": "#a8641a"}


def _svg_open(w: int, h: int, cls: str, title: str, desc: str, role: str = "img") -> list[str]:
    # role="img" hides the children from assistive technology: the map, whose boxes are
    # links, is a "group" instead.
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {w} {h}" '
            f'width="{w}" height="{h}" style="max-width:100%;height:auto" role="{role}" '
            f'aria-labelledby="{cls}-t {cls}-d" font-family="sans-serif" font-size="12">',
            f'<title id="{cls}-t">{escape(title)}</title>',
            f'<desc id="{cls}-d">{escape(desc)}</desc>']


def _layout(processes: list[Process]) -> tuple[dict[str, tuple[float, float]], list, int]:
    """Top-left corner of every box, the band rectangles, and the total height."""
    pos: dict[str, tuple[float, float]] = {}
    bands, y = [], TOP
    for band in BANDS:
        members = [p for p in processes if p.type == band]
        if not members:
            continue
        rows = math.ceil(len(members) / PER_ROW)
        height = BAND_HEAD + BAND_PAD * 2 + rows * BOX_H + (rows - 1) * GAP_Y
        bands.append((band, y, height))
        for k, p in enumerate(members):
            row, col = divmod(k, PER_ROW)
            in_row = min(PER_ROW, len(members) - row * PER_ROW)
            # Centre short rows so the map reads as three balanced bands.
            x0 = LEFT + GAP_X + (PER_ROW - in_row) * (BOX_W + GAP_X) / 2
            pos.setdefault(p.id, (x0 + col * (BOX_W + GAP_X),
                                  y + BAND_HEAD + BAND_PAD + row * (BOX_H + GAP_Y)))
        y += height + 30  # room for arrows between bands
    return pos, bands, y + 20


def _clip(cx: float, cy: float, dx: float, dy: float) -> tuple[float, float]:
    """Where the ray from a box centre towards (dx, dy) leaves the box (plus a small gap)."""
    if dx == 0 and dy == 0:
        return cx, cy
    sx = (BOX_W / 2 + 3) / abs(dx) if dx else math.inf
    sy = (BOX_H / 2 + 3) / abs(dy) if dy else math.inf
    s = min(sx, sy)
    return cx + dx * s, cy + dy * s


def _arrow(a: tuple[float, float], b: tuple[float, float]) -> str:
    ax, ay = a[0] + BOX_W / 2, a[1] + BOX_H / 2
    bx, by = b[0] + BOX_W / 2, b[1] + BOX_H / 2
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1
    # Bend every arrow to its right, so A->B and B->A do not overlap, and the longer the
    # arrow the more, so that it passes around the boxes between its ends, not under them.
    bend = min(16 + 0.25 * length, 90) if abs(dy) < BOX_H else 16 + 0.08 * length
    nx, ny = -dy / length * bend, dx / length * bend
    mx, my = (ax + bx) / 2 + nx, (ay + by) / 2 + ny
    x1, y1 = _clip(ax, ay, mx - ax, my - ay)
    x2, y2 = _clip(bx, by, mx - bx, my - by)
    return (f'<path class="qms-arrow" d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} '
            f'{x2:.1f},{y2:.1f}" marker-end="url(#qms-arrowhead)"/>')


def _box(p: Process, x: float, y: float, href: str, owner: str) -> str:
    lines = textwrap.wrap(p.name, 26)[:3] or [""]
    first = y + BOX_H / 2 - (len(lines) - 1) * 7 + 10
    text = "".join(f'<tspan x="{x + BOX_W / 2:.1f}" y="{first + 14 * i:.1f}">{escape(t)}</tspan>'
                   for i, t in enumerate(lines))
    tip = f"{p.id} {p.name}" + (f" ({owner})" if owner else "")
    return (f'<a href={quoteattr(href)} class="qms-box qms-{escape(p.type)}">'
            f'<title>{escape(tip)}</title>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{BOX_H}" rx="8" '
            f'fill="#ffffff" stroke="{BOX_STROKE.get(p.type, "#555")}" stroke-width="2"/>'
            f'<text x="{x + BOX_W / 2:.1f}" y="{y + 14:.1f}" text-anchor="middle" '
            f'font-weight="bold" font-size="11">{escape(p.id)}</text>'
            f'<text text-anchor="middle" font-size="11.5">{text}</text></a>')


def process_map(processes: list[Process], labels: dict[str, str], href: Href,
                owners: dict[str, str]) -> str:
    """Three bands (management / core / support), one linked box per process, feeds arrows."""
    pos, bands, height = _layout(processes)
    width = LEFT + GAP_X + PER_ROW * (BOX_W + GAP_X)
    feeds = [(p.id, f) for p in processes for f in p.feeds if f in pos and f != p.id]
    desc = "; ".join(f"{a} → {b}" for a, b in feeds)
    out = _svg_open(width, height, "qms-map", labels["map_title"], desc, role="group")
    out.append('<defs><marker id="qms-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" '
               'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
               '<path d="M0,0 L10,5 L0,10 z" fill="#6b7280"/></marker></defs>')
    for band, y, h in bands:
        label = labels[f"type.{band}"]
        out.append(f'<g class="qms-band"><title>{escape(label)}</title>'
                   f'<rect x="4" y="{y}" width="{width - 8}" height="{h}" rx="10" '
                   f'fill="{BAND_FILL[band]}"/>'
                   f'<text x="18" y="{y + 18}" font-weight="bold" font-size="13" '
                   f'fill="{BOX_STROKE[band]}">{escape(label)}</text></g>')
    out.append('<g fill="none" stroke="#6b7280" stroke-width="1.3" opacity="0.75">')
    out += [_arrow(pos[a], pos[b]) for a, b in feeds]
    out.append("</g>")
    for p in processes:
        if p.id in pos and pos[p.id] is not None:
            x, y = pos[p.id]
            out.append(_box(p, x, y, href(p.id), owners.get(p.id, "")))
    out.append("</svg>")
    return "\n".join(out)


LEVEL_FILL = {"low": "#cdebd3", "medium": "#ffe7a3", "high": "#f7b4ae"}


def _band(score: int) -> str:
    return "high" if score >= 15 else "medium" if score >= 8 else "low"


def heat_map(risks: list[Risk], labels: dict[str, str], residual: bool = False) -> str:
    """5 x 5 grid, probability up, impact right; each cell counts its risks and lists them.
    residual: place each risk by its residual P and I (risks not yet re-assessed left out)."""
    cell, left, top = 64, 70, 16
    w, h = left + 5 * cell + 20, top + 5 * cell + 60
    cells: dict[tuple[int, int], list[str]] = {}
    for r in risks:
        p, i = (r.residual_probability, r.residual_impact) if residual else (r.probability,
                                                                                 r.impact)
        if 1 <= p <= 5 and 1 <= i <= 5:
            cells.setdefault((p, i), []).append(r.id)
    desc = "; ".join(f"P{p} × I{i}: {', '.join(ids)}" for (p, i), ids in sorted(cells.items()))
    out = _svg_open(w, h, "qms-heat-residual" if residual else "qms-heat", labels["heatmap"],
                    desc)
    for p in range(1, 6):
        for i in range(1, 6):
            x, y = left + (i - 1) * cell, top + (5 - p) * cell
            ids = cells.get((p, i), [])
            tip = f"P {p} × I {i} = {p * i}" + (f": {', '.join(ids)}" if ids else "")
            out.append(f'<g><title>{escape(tip)}</title><rect x="{x}" y="{y}" width="{cell}" '
                       f'height="{cell}" fill="{LEVEL_FILL[_band(p * i)]}" stroke="#ffffff" '
                       f'stroke-width="2"/>')
            if ids:
                out.append(f'<text x="{x + cell / 2}" y="{y + cell / 2 + 6}" '
                           f'text-anchor="middle" font-size="18" font-weight="bold">'
                           f'{len(ids)}</text>')
            out.append("</g>")
    for k in range(1, 6):
        out.append(f'<text x="{left - 10}" y="{top + (5 - k) * cell + cell / 2 + 4}" '
                   f'text-anchor="end">{k}</text>')
        out.append(f'<text x="{left + (k - 1) * cell + cell / 2}" y="{top + 5 * cell + 18}" '
                   f'text-anchor="middle">{k}</text>')
    out.append(f'<text x="{left + 2.5 * cell}" y="{top + 5 * cell + 42}" text-anchor="middle" '
               f'font-weight="bold">{escape(labels["impact"])}</text>')
    out.append(f'<text transform="translate(18 {top + 2.5 * cell}) rotate(-90)" '
               f'text-anchor="middle" font-weight="bold">{escape(labels["probability"])}</text>')
    out.append("</svg>")
    return "\n".join(out)
