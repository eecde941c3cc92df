"""SVG drawings made in Python (no external binary): the process map and the risk heat map.

Both are inlined into their page after sanitising (they are ours, not content), so the boxes
of the process map are real links. `href` turns a docs-relative .md path into a URL relative
to the page that shows the drawing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from ..model import Process, Risk

Href = Callable[[str], str]
BOX_W, GAP_X, PER_ROW = 180, 30, 5
LINE_H, WRAP = 14, 24  # label line height, characters per line of a process name
LEFT, TOP, BAND_PAD, BAND_HEAD = 4, 10, 12, 22
LANE = 6  # distance between two arrows sharing a corridor
BANDS = ("management", "core", "support")
BAND_FILL = {"management": "#e8f0fb", "core": "#e9f6ec", "support": "#fbf1e4"}
BOX_STROKE = {"management": "#2f5f9e", "core": "#2e7d43", "support": "#a8641a"}


def _svg_open(w: int, h: int, cls: str, title: str, desc: str, role: str = "img") -> list[str]:
    # role="img" hides the children from assistive technology: the map, whose boxes are
    # links, is a "group" instead.
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" viewBox="0 0 {w} {h}" '
            f'width="{w}" height="{h}" style="max-width:100%;height:auto" role="{role}" '
            f'aria-labelledby="{cls}-t {cls}-d" font-family="DejaVu Sans, sans-serif" '
            f'font-size="12">',
            f'<title id="{cls}-t">{escape(title)}</title>',
            f'<desc id="{cls}-d">{escape(desc)}</desc>']


def _lines(p: Process) -> list[str]:
    """The name on as many lines as it needs: a label is never cut."""
    return textwrap.wrap(p.name, WRAP) or [""]


class _Map:
    """Boxes in rows inside three bands; arrows routed orthogonally through the corridors
    between rows and between boxes, so that none runs under a box.

    Rows are numbered top to bottom over all bands; corridor k is the horizontal space above
    row k (k = len(rows): below the last row). An arrow leaves its source through the bottom
    (target below or in the same row) or the top (target above), runs along the corridor next
    to that edge, goes down or up a vertical lane between boxes when rows lie between, and
    enters its target through the facing edge."""

    def __init__(self, processes: list[Process]):
        self.rows: list[list[Process]] = []
        self.band_rows: list[tuple[str, list[int]]] = []
        for band in BANDS:
            members = [p for p in processes if p.type == band]
            if members:
                first = len(self.rows)
                for i in range(0, len(members), PER_ROW):
                    self.rows.append(members[i:i + PER_ROW])
                self.band_rows.append((band, list(range(first, len(self.rows)))))
        self.row_of = {p.id: r for r, row in enumerate(self.rows) for p in row}
        self.col_of = {p.id: c for row in self.rows for c, p in enumerate(row)}
        self.width = LEFT + GAP_X + PER_ROW * (BOX_W + GAP_X)
        lines = max((len(_lines(p)) for row in self.rows for p in row), default=1)
        self.box_h = 26 + LINE_H * lines

    def x_of(self, r: int, c: int) -> float:
        n = len(self.rows[r])
        return LEFT + GAP_X + (PER_ROW - n) * (BOX_W + GAP_X) / 2 + c * (BOX_W + GAP_X)

    def layout(self, feeds: list[tuple[str, str]]) -> None:
        """Corridor heights from the arrows that use them, then every row's y."""
        self.feeds = feeds
        use = [0] * (len(self.rows) + 1)
        for a, b in feeds:
            for k in self._corridors(a, b):
                use[k] += 1
        self.corridor_h = [max(24, (n + 1) * LANE + 8) for n in use]
        self.y: list[float] = []
        self.band_box: list[tuple[str, float, float]] = []
        y = TOP
        for band, rows in self.band_rows:
            top = y
            for k, r in enumerate(rows):
                y += (BAND_HEAD if k == 0 else 0) + self.corridor_h[r] / (2 if k == 0 else 1)
                self.y.append(y)
                y += self.box_h
            y += self.corridor_h[rows[-1] + 1] / 2
            self.band_box.append((band, top, y - top))
            y += self.corridor_h[rows[-1] + 1] / 2 if rows[-1] + 1 < len(self.rows) else 0
        self.height = int(y + 10)

    def _corridors(self, a: str, b: str) -> list[int]:
        ra, rb = self.row_of[a], self.row_of[b]
        if ra == rb:
            return [ra + 1]
        if rb > ra:
            return [ra + 1] if rb == ra + 1 else [ra + 1, rb]
        return [ra] if rb == ra - 1 else [ra, rb + 1]

    def corridor_y(self, k: int) -> tuple[float, float]:
        """Top and bottom of corridor k."""
        if k == 0:
            return self.y[0] - self.corridor_h[0] / 2, self.y[0]
        bottom = self.y[k] if k < len(self.rows) else self.y[k - 1] + self.box_h + \
            self.corridor_h[k] / 2
        return self.y[k - 1] + self.box_h, bottom

    def _lane_x(self, r1: int, r2: int, near: float, taken: dict[int, int]) -> float:
        """x of a vertical lane free of boxes in rows r1..r2 (exclusive), nearest `near`."""
        between = range(min(r1, r2) + 1, max(r1, r2))
        candidates = [LEFT + GAP_X / 2]
        for r in between:
            candidates += [self.x_of(r, c) - GAP_X / 2 for c in range(len(self.rows[r]) + 1)]

        def free(x: float) -> bool:
            return all(not (self.x_of(r, c) - 2 < x < self.x_of(r, c) + BOX_W + 2)
                       for r in between for c in range(len(self.rows[r])))

        x = min((c for c in candidates if free(c)), key=lambda c: abs(c - near))
        n = taken.get(round(x), 0)
        taken[round(x)] = n + 1
        return x + (n - (n % 2)) / 2 * LANE * (1 if n % 2 else -1)

    def routes(self) -> list[tuple[str, str, list[tuple[float, float]]]]:
        ports: dict[tuple[str, str], list[tuple[float, str, int]]] = {}
        plans = []
        for i, (a, b) in enumerate(self.feeds):
            ra, rb = self.row_of[a], self.row_of[b]
            out_side = "top" if rb < ra else "bottom"
            in_side = "bottom" if rb <= ra else "top"
            plans.append((a, b, out_side, in_side))
            bx = self.x_of(rb, self.col_of[b]) + BOX_W / 2
            ax = self.x_of(ra, self.col_of[a]) + BOX_W / 2
            ports.setdefault((a, out_side), []).append((bx, "o", i))
            ports.setdefault((b, in_side), []).append((ax, "i", i))
        attach: dict[tuple[int, str], float] = {}
        for (pid, _side), ends in ports.items():
            x0 = self.x_of(self.row_of[pid], self.col_of[pid])
            ends.sort()
            for k, (_, kind, i) in enumerate(ends):
                attach[(i, kind)] = x0 + BOX_W * (0.15 + 0.7 * (k + 1) / (len(ends) + 1))
        slot: dict[int, int] = {}
        taken: dict[int, int] = {}
        out = []
        for i, (a, b, out_side, in_side) in enumerate(plans):
            ra, rb = self.row_of[a], self.row_of[b]
            x1, x2 = attach[(i, "o")], attach[(i, "i")]
            y1 = self.y[ra] + (self.box_h if out_side == "bottom" else 0)
            y2 = self.y[rb] + (self.box_h if in_side == "bottom" else 0)
            ks = self._corridors(a, b)
            lanes = []
            for k in ks:
                top, bottom = self.corridor_y(k)
                n = slot.get(k, 0)
                slot[k] = n + 1
                lanes.append(top + 6 + n * LANE if k > 0 else bottom - 6 - n * LANE)
            if len(ks) == 1:
                pts = [(x1, y1), (x1, lanes[0]), (x2, lanes[0]), (x2, y2)]
            else:
                lx = self._lane_x(ra, rb, (x1 + x2) / 2, taken)
                pts = [(x1, y1), (x1, lanes[0]), (lx, lanes[0]), (lx, lanes[1]),
                       (x2, lanes[1]), (x2, y2)]
            out.append((a, b, pts))
        return out


def _path(pts: list[tuple[float, float]]) -> str:
    d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    return f'<path class="qms-arrow" d="{d}" marker-end="url(#qms-arrowhead)"/>'


def _box(p: Process, x: float, y: float, h: float, href: str, owner: str) -> str:
    lines = _lines(p)
    first = y + 30 + (h - 26 - LINE_H * len(lines)) / 2
    text = "".join(f'<tspan x="{x + BOX_W / 2:.1f}" y="{first + LINE_H * i:.1f}">{escape(t)}'
                   f"</tspan>" for i, t in enumerate(lines))
    tip = f"{p.id} {p.name}" + (f" ({owner})" if owner else "")
    return (f'<a href={quoteattr(href)} class="qms-box qms-{escape(p.type)}">'
            f'<title>{escape(tip)}</title>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_W}" height="{h}" rx="8" '
            f'fill="#ffffff" stroke="{BOX_STROKE.get(p.type, "#555")}" stroke-width="2"/>'
            f'<text x="{x + BOX_W / 2:.1f}" y="{y + 16:.1f}" text-anchor="middle" '
            f'font-weight="bold" font-size="11">{escape(p.id)}</text>'
            f'<text text-anchor="middle" font-size="11">{text}</text></a>')


def process_map(processes: list[Process], labels: dict[str, str], href: Href,
                owners: dict[str, str]) -> str:
    """Three bands (management / core / support), one linked box per process, feeds arrows."""
    m = _Map([p for p in processes if p.type in BANDS])
    feeds = [(p.id, f) for p in processes for f in p.feeds
             if p.id in m.row_of and f in m.row_of and f != p.id]
    m.layout(feeds)
    desc = "; ".join(f"{a} → {b}" for a, b in feeds)
    out = _svg_open(m.width, m.height, "qms-map", labels["map_title"], desc, role="group")
    out.append('<defs><marker id="qms-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" '
               'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
               '<path d="M0,0 L10,5 L0,10 z" fill="#4b5563"/></marker></defs>')
    for band, y, h in m.band_box:
        label = labels[f"type.{band}"]
        out.append(f'<g class="qms-band"><title>{escape(label)}</title>'
                   f'<rect x="4" y="{y:.1f}" width="{m.width - 8}" height="{h:.1f}" rx="10" '
                   f'fill="{BAND_FILL[band]}"/>'
                   f'<text x="18" y="{y + 16:.1f}" font-weight="bold" font-size="13" '
                   f'fill="{BOX_STROKE[band]}">{escape(label)}</text></g>')
    out.append('<g fill="none" stroke="#4b5563" stroke-width="1.2" stroke-linejoin="round">')
    out += [_path(pts) for _, _, pts in m.routes()]
    out.append("</g>")
    for r, row in enumerate(m.rows):
        for c, p in enumerate(row):
            out.append(_box(p, m.x_of(r, c), m.y[r], m.box_h, href(p.id), owners.get(p.id, "")))
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
