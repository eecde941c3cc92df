"""`qms changes`: what a pull request changes in the QMS, as a report and a redline."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Finding
from .redline import BlockChange, FieldChange, cell_text, changed_blocks, field_changes, shown
from .redline_html import render, site_markdown
from .snapshot import Entry, snapshots

# Front-matter keys whose change is the version bump itself, not a change of substance.
VERSION_KEYS = {"edition", "revision", "effective_date", "revisions"}


@dataclass
class DocChange:
    code: str
    title: str
    status: str  # added | changed | renamed | removed
    old_path: str
    new_path: str
    old_version: str
    new_version: str
    fields: list[FieldChange] = field(default_factory=list)
    body: list[BlockChange] = field(default_factory=list)  # the changed runs of blocks

    @property
    def substantive(self) -> bool:
        """Changed in more than its version fields (used by the version rules)."""
        return bool(self.body) or any(f.path.split(".")[0].split("[")[0] not in VERSION_KEYS
                                      for f in self.fields) or self.status in ("added", "removed")


@dataclass
class DataChange:
    path: str
    status: str
    fields: list[FieldChange]


@dataclass
class FileChange:
    """Any other file of the content folder (a picture, a PDF, a symbolic link...)."""

    path: str
    status: str  # added | changed | removed
    link: str | None = None  # a symbolic link at head: its target as written


@dataclass
class ChangeReport:
    base: str
    head: str
    documents: list[DocChange]
    data: list[DataChange]
    files: list[FileChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what head holds that is refused

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, default=str)


def _version(e: Entry | None) -> str:
    d = e.data if e and isinstance(e.data, dict) else {}
    return f"{d.get('edition', '?')}.{d.get('revision', '?')}" if e else ""


def _title(e: Entry) -> str:
    return str(e.data.get("title", "")) if isinstance(e.data, dict) else ""


def compare(root: Path, content_dir: str, base: str, head: str | None) -> ChangeReport:
    old, new = snapshots(root, content_dir, base, head)
    prefix = content_dir.strip("/") + "/"
    found = [Finding(prefix + e.path, e.problem.line, e.problem.col, "error", e.problem.code,
                     e.problem.message, e.problem.hint)
             for e in sorted(new.values(), key=lambda e: e.path) if e.problem is not None]
    return ChangeReport(base, head or "work tree", _documents(old, new), _data(old, new),
                        _files(old, new), found)


def _files(old: dict[str, Entry], new: dict[str, Entry]) -> list[FileChange]:
    out = []
    for path in sorted(set(old) | set(new)):
        x, y = old.get(path), new.get(path)
        linked = any(e is not None and e.link is not None for e in (x, y))
        if not linked and any(e is not None and e.parsed for e in (x, y)):
            continue  # a document or a register: reported above
        if x is not None and y is not None and x.blob == y.blob and x.link == y.link:
            continue
        status = "added" if x is None else "removed" if y is None else "changed"
        out.append(FileChange(path, status, y.link if y is not None else None))
    return out


def _documents(old: dict[str, Entry], new: dict[str, Entry]) -> list[DocChange]:
    a = {e.code: e for e in old.values() if e.is_document}
    b = {e.code: e for e in new.values() if e.is_document}
    # a document replaced by a symbolic link is no longer one: removed here, the link in files
    out = []
    for code in sorted(set(a) | set(b)):
        x, y = a.get(code), b.get(code)
        if x and y and x.raw == y.raw and x.path == y.path:
            continue
        status = ("added" if not x else "removed" if not y else
                  "renamed" if x.path != y.path else "changed")
        ch = DocChange(code, _title(y or x), status, x.path if x else "", y.path if y else "",
                       _version(x), _version(y))
        if x and y:
            ch.fields = field_changes(x.data, y.data)
            ch.body = changed_blocks(x.body, y.body)
        out.append(ch)
    return out


def _data(old: dict[str, Entry], new: dict[str, Entry]) -> list[DataChange]:
    out = []
    for path in sorted(set(old) | set(new)):
        x, y = old.get(path), new.get(path)
        if (x and x.is_document) or (y and y.is_document) or (x and y and x.raw == y.raw) or \
                not any(e is not None and e.parsed for e in (x, y)):
            continue
        status = "added" if not x else "removed" if not y else "changed"
        out.append(DataChange(path, status, field_changes(x.data if x else None,
                                                          y.data if y else None)))
    return out


_LABELS = {
    "ro": {"title": "Modificări în documentele SMC", "doc": "Document", "name": "Titlu",
           "what": "Modificare", "ver": "Ediția.Revizia", "added": "adăugat",
           "changed": "modificat", "renamed": "redenumit", "removed": "retras",
           "data": "Registre (YAML)", "none": "Nicio modificare.", "fields": "Câmpuri",
           "text": "Text", "legend": "<ins>text inserat</ins> · <del>text șters</del>",
           "files": "Alte fișiere", "link": "legătură simbolică către",
           "problems": "Probleme (refuzate de qms check, qms build și qms pdf)"},
    "en": {"title": "Changes to QMS documents", "doc": "Document", "name": "Title",
           "what": "Change", "ver": "Edition.Revision", "added": "added", "changed": "changed",
           "renamed": "renamed", "removed": "removed", "data": "Registers (YAML)",
           "none": "No changes.", "fields": "Fields", "text": "Text",
           "legend": "<ins>inserted text</ins> · <del>deleted text</del>", "files": "Other files",
           "link": "symbolic link to",
           "problems": "Problems (refused by qms check, qms build and qms pdf)"},
}


def _v(x: Any) -> str:
    return "∅" if x is None else f"`{shown(str(x)).replace('`', '')[:120]}`"


def _cell(text: str) -> str:
    """Text in a table cell of the report: raw HTML shown, not rendered; '|' kept in its cell."""
    return cell_text(text)


def to_markdown(r: ChangeReport, lang: str = "ro", root: Path | None = None) -> str:
    """GitHub- and GitLab-flavoured Markdown for a pull-request comment. The redline is an
    HTML block of tags both keep (<ins>, <del>, lists, tables, headings, emphasis), rendered
    with the site's Markdown (root/mkdocs.yml); HTML written in a document is shown escaped,
    as text, so the reviewer sees it."""
    t = _LABELS.get(lang, _LABELS["ro"])
    md = site_markdown(root or Path("."), raw_html=False)
    lines = [f"## {t['title']} ({_cell(r.base[:12])} → {_cell(r.head[:12])})", ""]
    if r.findings:
        lines += [f"**{t['problems']}:**", "", "```"]
        lines += [f.format_text().replace("```", "`\u200b``") for f in r.findings]
        lines += ["```", ""]
    if not r.documents and not r.data and not r.files:
        return "\n".join(lines + [t["none"], ""])
    if r.documents:
        lines += [f"| {t['doc']} | {t['name']} | {t['what']} | {t['ver']} |", "|---|---|---|---|"]
        for d in r.documents:
            ver = d.new_version or d.old_version
            if d.old_version and d.new_version and d.old_version != d.new_version:
                ver = f"{d.old_version} → {d.new_version}"
            lines.append(f"| {_cell(d.code)} | {_cell(d.title)} | {t[d.status]} | "
                         f"{_cell(ver)} |")
        lines.append("")
    for d in r.documents:
        if not d.fields and not d.body:
            continue
        lines += [f"### {_cell(d.code)} {_cell(d.title)}", ""]
        if d.fields:
            lines += [f"**{t['fields']}:**", ""]
            lines += [f"- {_v(f.path)}: {_v(f.old)} → {_v(f.new)}" for f in d.fields]
            lines.append("")
        if d.body:
            lines += [f"**{t['text']}** ({t['legend']}):", ""]
            for change in d.body:
                lines += ["<blockquote>", shown(render(change, md)), "</blockquote>",
                          ""]
    if r.data:
        lines += [f"### {t['data']}", ""]
        for dc in r.data:
            lines.append(f"- **{_cell(dc.path)}** ({t[dc.status]})")
            lines += [f"  - {_v(f.path)}: {_v(f.old)} → {_v(f.new)}" for f in dc.fields[:200]]
        lines.append("")
    if r.files:
        lines += [f"### {t['files']}", ""]
        for fc in r.files:
            link = f", ⚠ {t['link']} {_v(fc.link)}" if fc.link is not None else ""
            lines.append(f"- {_v(fc.path)} ({t[fc.status]}{link})")
        lines.append("")
    return "\n".join(lines)
