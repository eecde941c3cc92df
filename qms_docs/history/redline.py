"""Readable differences: word-level redline for Markdown, field-level changes for YAML data."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from typing import Any

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    op: str  # "=" same, "-" deleted, "+" inserted
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """Word-level diff; whitespace runs are tokens so the text re-joins exactly."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(Segment("=", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(Segment("-", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(Segment("+", "".join(b[j1:j2])))
    return out


def changed_paragraphs(old: str, new: str) -> list[list[Segment]]:
    """Only the paragraphs that changed, each as a word diff (context = the paragraph)."""
    pa, pb = _paragraphs(old), _paragraphs(new)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, pa, pb, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(word_diff("\n\n".join(pa[i1:i2]), "\n\n".join(pb[j1:j2])))
    return out


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


# Characters a reviewer could not see: shown as ⟨U+XXXX⟩ in the report.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u115f\u1160\u180e"
                        "\u200b-\u200f\u2028-\u202e\u2060-\u2069\u3164\ufeff\uffa0"
                        "\U000e0000-\U000e007f]")


def shown(text: str) -> str:
    """Text with every invisible, control and bidirectional character made visible."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def escaped(text: str) -> str:
    """Source text for the report: raw HTML (comments, spans with styles) shown as written,
    never rendered, and invisible characters made visible; Markdown stays Markdown."""
    return shown(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def cell_text(text: str) -> str:
    """escaped() on one line, for a table cell or a heading."""
    return " ".join(escaped(text).replace("|", "\\|").split())


def redline_markdown(segments: list[Segment]) -> str:
    """GitHub-flavoured Markdown: deletions struck through, insertions bold. The text is shown
    as written (escaped): an HTML comment or a hidden span is visible to the reviewer."""
    parts = []
    for s in segments:
        text = escaped(s.text)
        if s.op == "=":
            parts.append(text)
        elif s.text.strip():
            mark = "~~" if s.op == "-" else "**"
            lead, core, trail = _split_ws(text)
            parts.append(f"{lead}{mark}{core}{mark}{trail}")
        else:
            parts.append(text if s.op == "+" else "")
    return "".join(parts)


def redline_html(segments: list[Segment]) -> str:
    """Escaped HTML for the site: <del>/<ins>, the text itself never interpreted as markup."""
    tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    return "".join(tags[s.op].format(html.escape(s.text)) for s in segments)


def _split_ws(s: str) -> tuple[str, str, str]:
    core = s.strip()
    lead = s[: len(s) - len(s.lstrip())]
    return lead, core, s[len(lead) + len(core):]


# ---- YAML data: flatten to paths; list items with an id/code are matched by it, not position.

def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    if isinstance(data, dict):
        for k, v in data.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(data, list) and data and all(_key(x) for x in data):
        for x in data:
            out.update(flatten(x, f"{prefix}[{_key(x)}]"))
    elif isinstance(data, list) and all(not isinstance(x, dict | list) for x in data):
        out[prefix] = ", ".join(str(x) for x in data)
    elif isinstance(data, list):
        for i, x in enumerate(data):
            out.update(flatten(x, f"{prefix}[{i}]"))
    else:
        out[prefix] = data
    return out


def _key(x: Any) -> str | None:
    if isinstance(x, dict):
        for k in ("id", "code", "clause", "term"):
            if isinstance(x.get(k), str | int):
                return str(x[k])
    return None


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any
    new: Any

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


def field_changes(old: Any, new: Any) -> list[FieldChange]:
    a, b = flatten(old), flatten(new)
    keys = list(a) + [k for k in b if k not in a]
    return [FieldChange(k, a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)]
