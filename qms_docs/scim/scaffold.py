"""`qms scim new YEAR`: one blank questionnaire per department for the self-assessment of YEAR
(the state at 31 December), with every standard and question of the order. Never overwrites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import QMS
from .reference import reference


def _q(s: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def head_of(qms: QMS, dept: str, day: str) -> tuple[str, str]:
    """(person, function) heading a department on day: a management function first."""
    roles = sorted((r for r in qms.roles if r.department == dept),
                   key=lambda r: r.level != "conducere")
    for r in roles:
        p = qms.holder(r.id, day)
        if p:
            return p.id, r.id
    return "", roles[0].id if roles else ""


def new_questionnaires(qms: QMS, year: int) -> list[Path]:
    folder = qms.config.content / "scim" / str(year) / "questionnaires"
    folder.mkdir(parents=True, exist_ok=True)
    day = min(dt.date.today(), dt.date(year + 1, 1, 15)).isoformat()
    created = []
    for d in qms.organisation.departments:
        path = folder / f"{d.id}.yml"
        if path.exists():
            continue
        person, function = head_of(qms, d.id, day)
        path.write_text(_questionnaire(d.id, d.name, year, person, function), "utf-8")
        created.append(path)
    return created


def _questionnaire(dept: str, name: str, year: int, person: str, function: str) -> str:
    lines = ["# yaml-language-server: $schema=../../../../schemas/scim-questionnaire.schema.json",
             "# Chestionarul de autoevaluare a stadiului de implementare a standardelor de "
             "control intern",
             f"# managerial la 31 decembrie {year}: {name}.",
             "# Răspuns: da | nu | parțial, cu explicația și documentele care îl probează "
             "(evidence);",
             "# un standard care nu se aplică: applicable: false și justification.",
             f"department: {dept}", f"year: {year}", f"date: {year + 1}-01-15  # data completării",
             f"head: {person or 'persoana'}  # people.yml", f"function: {function}",
             "standards:"]
    for std in reference().standards.values():
        lines += [f"  - standard: {std.id}  # {std.title}", "    answers:"]
        for x in std.questions:
            lines += [f'      "{x.id}":  # {x.text[:80]}', "        answer: nu",
                      '        evidence: ""']
    return "\n".join(lines) + "\n"
