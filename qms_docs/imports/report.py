"""The import's report: the summary table, the findings located in the sources, and the check
findings that remain on the written files."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..findings import summary
from . import Report


def _counts(items: list) -> str:
    e = sum(f.severity == "error" for f in items)
    w = sum(f.severity == "warning" for f in items)
    n = sum(f.severity == "note" for f in items)
    return f"{e}E {w}W {n}N" if n else f"{e}E {w}W"


def summary_table(report: Report) -> str:
    rows = [("source", "code", "kind", "written", "parts", "import", "check")]
    for o in report.outcomes:
        paths = {w.path for w in o.documents}
        check = [f for f in report.check if f.path in paths]
        first = o.documents[0] if o.documents else None
        written = first.path if first else "-"
        if len(o.documents) > 1:
            written += f" (+{len(o.documents) - 1})"
        parts = ", ".join(o.parts) + (f", {o.sections} sections" if o.sections and
                                      first and first.kind not in ("risks", "processes",
                                                                   "responsibilities")
                                      else f", {o.sections} entries" if o.sections else "")
        rows.append((o.source, o.code or "-", first.kind if first else "-", written,
                     parts.strip(", ") or "-", _counts(o.findings.items), _counts(check)))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    out = []
    found = report.findings
    if found:
        out.append("\n".join(f.format_text() for f in found))
    out.append("\n".join(lines))
    if report.check:
        out.append("remaining after 'qms check' on the written files:")
        out.append("\n".join(f.format_text() for f in report.check))
    docs = [w for w in report.written if w.kind != "people"]
    verb = "would write" if report.dry_run else "wrote"
    same = sum(w.unchanged for w in docs)
    out.append(f"{verb} {len(docs) - same} file(s)" + (" and people.yml" if len(docs) <
                                                         len(report.written) else "") +
               (f" ({same} unchanged)" if same else "") +
               f"; import: {_counts(found)}; check: {summary(report.check)}")
    return "\n\n".join(out)


def as_json(report: Report) -> str:
    return json.dumps({
        "dry_run": report.dry_run,
        "sources": [{"source": o.source, "code": o.code, "parts": o.parts,
                     "sections": o.sections,
                     "written": [w.path for w in o.documents],
                     "findings": [asdict(f) for f in o.findings.items]} for o in report.outcomes],
        "check": [asdict(f) for f in report.check],
    }, ensure_ascii=False, indent=2)
