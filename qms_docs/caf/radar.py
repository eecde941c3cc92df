"""Radar chart of criterion scores as a self-contained SVG (no scripts, no external fonts)."""

from __future__ import annotations

import math
import textwrap
from xml.sax.saxutils import escape

SIZE_W, SIZE_H = 760, 620
CX, CY, R = 380, 300, 200
RINGS = (20, 40, 60, 80, 100)
# Colour-blind-safe (Okabe-Ito), newest series last and darkest.
COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2")


def _x(v: float) -> str:
    return f"{v:.1f}"


def _point(i: int, n: int, value: float) -> tuple[float, float]:
    # Axis 0 points up; axes go clockwise.
    angle = -math.pi / 2 + 2 * math.pi * i / n
    r = R * max(0.0, min(100.0, value)) / 100
    return CX + r * math.cos(angle), CY + r * math.sin(angle)


def radar(title: str, axes: list[str], series: list[tuple[str, list[float | None]]],
          desc: str = "") -> bytes:
    """axes: labels clockwise from the top; series: (name, one value 0..100 per axis or None)."""
    n = len(axes)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE_W} {SIZE_H}" '
           f'width="{SIZE_W}" height="{SIZE_H}" role="img" aria-labelledby="t d" '
           f'font-family="sans-serif" font-size="12">',
           f'<title id="t">{escape(title)}</title>', f'<desc id="d">{escape(desc)}</desc>',
           '<rect width="100%" height="100%" fill="#ffffff"/>']
    for ring in RINGS:
        pts = " ".join(f"{_x(x)},{_x(y)}" for x, y in (_point(i, n, ring) for i in range(n)))
        out.append(f'<polygon points="{pts}" fill="none" stroke="#c8c8c8" stroke-width="1"/>')
        x, y = _point(0, n, ring)
        # Ring values just inside each ring, clear of the top axis label.
        out.append(f'<text x="{_x(x + 4)}" y="{_x(y + 11)}" fill="#777777" '
                   f'font-size="10">{ring}</text>')
    for i, label in enumerate(axes):
        x, y = _point(i, n, 100)
        out.append(f'<line x1="{CX}" y1="{CY}" x2="{_x(x)}" y2="{_x(y)}" stroke="#c8c8c8"/>')
        out.append(_label(i, n, label))
    for k, (name, values) in enumerate(series):
        colour = COLOURS[(k + len(COLOURS) - len(series)) % len(COLOURS)]
        pts = [_point(i, n, v) for i, v in enumerate(values) if v is not None]
        if not pts:
            continue
        joined = " ".join(f"{_x(x)},{_x(y)}" for x, y in pts)
        out.append(f'<polygon points="{joined}" fill="{colour}" fill-opacity="0.18" '
                   f'stroke="{colour}" stroke-width="2.5"><title>{escape(name)}</title></polygon>')
        for (x, y), v in zip(pts, [v for v in values if v is not None], strict=True):
            out.append(f'<circle cx="{_x(x)}" cy="{_x(y)}" r="3.5" fill="{colour}">'
                       f'<title>{escape(name)}: {v:.1f}</title></circle>')
        ly = SIZE_H - 20 - 18 * (len(series) - 1 - k)
        out.append(f'<rect x="20" y="{ly - 10}" width="14" height="10" fill="{colour}"/>')
        out.append(f'<text x="40" y="{ly}">{escape(name)}</text>')
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _label(i: int, n: int, label: str) -> str:
    x, y = _point(i, n, 100)
    dx, dy = x - CX, y - CY
    anchor = "middle" if abs(dx) < 1 else ("start" if dx > 0 else "end")
    lines = textwrap.wrap(label, 24) or [""]
    lx = x + (8 if dx > 1 else -8 if dx < -1 else 0)
    # Labels above the centre grow upwards, those below grow downwards.
    top = y - 8 - 14 * (len(lines) - 1) if dy < -1 else (y + 16 if dy > 1 else y - 7 * len(lines))
    spans = "".join(f'<tspan x="{_x(lx)}" y="{_x(top + 14 * j)}">{escape(t)}</tspan>'
                    for j, t in enumerate(lines))
    return f'<text text-anchor="{anchor}" fill="#222222">{spans}</text>'
