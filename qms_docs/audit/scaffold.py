"""Files the audit commands write: the checklist (refreshed from the model) and a new audit."""

from __future__ import annotations

import re
from pathlib import Path

from ..editor import modeline, with_modeline
from ..exceptions import QmsError
from ..model import QMS
from .checklist import dump, generate
from .independence import conflict
from .model import Audit, AuditData, Planned, build


def _audit(data: AuditData, audit_id: str, qms: QMS) -> Audit:
    a = data.audit(audit_id)
    if a is None:
        known = ", ".join(x.id for x in data.audits) or "none"
        raise QmsError(f"no audit '{audit_id}' in {qms.config.content_dir}/audits/ "
                       f"(known: {known}); run 'qms audit new {audit_id}' first")
    return a


def write_checklist(qms: QMS, audit_id: str, out: Path | None = None,
                    force: bool = False) -> tuple[Path, int]:
    """Write (or refresh) the checklist of an audit; returns (path, number of lines).

    The auditor's status, evidence and notes are kept. A completed audit's checklist is its
    record and is only rewritten with force (or to another file with out)."""
    a = _audit(build(qms), audit_id, qms)
    target = out or qms.config.root / Path(a.where.file.rel).parent / "checklist.yml"
    if a.completed and out is None and not force and target.exists():
        raise QmsError(f"audit {audit_id} is completed: its checklist is a record; use --out "
                       "to write a copy, or --force to refresh it anyway")
    lines = generate(qms, a, a.checklist)
    target.parent.mkdir(parents=True, exist_ok=True)
    schema = modeline(qms.config.root, target, "audit-checklist")
    target.write_text(with_modeline(dump(audit_id, lines), schema), "utf-8")
    return target, len(lines)


def new_audit(qms: QMS, audit_id: str) -> Path:
    """audits/<year>/<id>/audit.yml from the programme entry, one session per process, each
    assigned to an auditor independent of it."""
    data = build(qms)
    planned = next((p for prog in data.programmes for p in prog.audits if p.id == audit_id),
                   None)
    if planned is None:
        raise QmsError(f"'{audit_id}' is not in any audit programme; add it to "
                       f"{qms.config.content_dir}/audits/<year>/programme.yml first")
    if not re.fullmatch(r"\d{4}-\d{2}", planned.month) or not planned.auditors:
        raise QmsError(f"{audit_id}: give it a 'month' (YYYY-MM) and 'auditors' in the "
                       "programme first")
    folder = qms.config.content / "audits" / planned.month[:4] / audit_id
    path = folder / "audit.yml"
    if path.exists():
        raise QmsError(f"{qms.config.rel(path)} exists already")
    folder.mkdir(parents=True, exist_ok=True)
    schema = modeline(qms.config.root, path, "audit")
    path.write_text(with_modeline(_audit_yaml(qms, planned), schema), "utf-8")
    return path


def _audit_yaml(qms: QMS, p: Planned) -> str:
    day = f"{p.month}-01"
    title = "Audit de diagnostic" if p.type == "diagnostic" else "Audit intern al calității"
    out = ["# yaml-language-server: $schema=../../../../schemas/audit.schema.json",
           f"id: {p.id}", f"type: {p.type}", f"title: {title} {p.month[:4]}", "status: planned",
           f"start: {day}", f"end: {day}", f"lead: {p.auditors[0] if p.auditors else ''}",
           f"auditors: [{', '.join(p.auditors)}]", "scope:",
           f"  processes: [{', '.join(p.processes)}]"]
    if p.clauses:
        quoted = ", ".join(f'"{c}"' for c in p.clauses)
        out.append(f"  clauses: [{quoted}]")
    out.append("plan:")
    load = dict.fromkeys(p.auditors, 0)
    for pid in p.processes:
        free = [a for a in p.auditors if not conflict(qms, a, pid, day)] or p.auditors
        auditor = min(free, key=lambda a: load[a]) if free else ""
        load[auditor] = load.get(auditor, 0) + 1
        owner = qms.process(pid).owner if qms.process(pid) else ""
        out.append(f"  - {{date: {day}, process: {pid}, auditor: {auditor}, "
                   f"auditees: [{owner}]}}")
    return "\n".join(out) + "\n"
