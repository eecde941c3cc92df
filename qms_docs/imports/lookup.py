"""What the repository already knows, by matching key: job functions, departments, processes,
people and documents. Names are matched without diacritics, case or punctuation; a near miss is
only ever a hint, never a silent match."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..model import QMS
from .recognise import Known
from .text import key
from .vocabulary import DEPARTMENT_WORDS

CODE_PATTERN = re.compile(r"^[A-Z]{1,4}(-[A-Z0-9]+)*-[0-9]{2,}$")


@dataclass
class Lookup:
    roles: dict[str, str] = field(default_factory=dict)        # key -> role id
    role_names: dict[str, str] = field(default_factory=dict)   # role id -> name
    role_department: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)  # key -> department id
    department_names: dict[str, str] = field(default_factory=dict)
    processes: dict[str, str] = field(default_factory=dict)    # id -> department
    codes: dict[str, str] = field(default_factory=dict)        # code -> file (repository-relative)
    content_dir: str = "content"
    process_names: dict[str, str] = field(default_factory=dict)  # key(name) -> id

    @classmethod
    def of(cls, qms: QMS) -> Lookup:
        lk = cls(content_dir=qms.config.content_dir)
        for r in qms.roles:
            lk.roles.setdefault(key(r.name), r.id)
            lk.roles.setdefault(key(r.id), r.id)
            lk.role_names[r.id] = r.name
            lk.role_department[r.id] = r.department
        for d in qms.organisation.departments:
            lk.department_names[d.id] = d.name
            for k in (key(d.name), key(d.id), _bare(d.name)):
                lk.departments.setdefault(k, d.id)
        lk.processes = {p.id: p.department for p in qms.processes}
        lk.process_names = {key(p.name): p.id for p in qms.processes}
        lk.codes = {d.code: d.where.file.rel for d in qms.all_documents if d.code}
        return lk

    def known(self) -> Known:
        return Known(set(self.roles), set(self.departments))

    def role(self, text: str) -> str | None:
        k = key(text)
        return self.roles.get(k) or self.roles.get(key(re.sub(r"\(.*?\)", "", text)))

    def department(self, text: str) -> str | None:
        k = key(text)
        return self.departments.get(k) or self.departments.get(_bare(text))

    def near(self, text: str, names: dict[str, str]) -> list[str]:
        return difflib.get_close_matches(key(text), list(names), n=3, cutoff=0.75)

    def role_hint(self, text: str) -> str:
        close = [self.roles[k] for k in self.near(text, self.roles)]
        close = list(dict.fromkeys(close))
        return (f"did you mean {', '.join(repr(c) for c in close)}? " if close else "") + \
            "add the function to roles.yml (id, name, level, department), or fix the name"


def _bare(name: str) -> str:
    """'Compartimentul Managementul Calității' -> 'managementul calitatii'."""
    words = key(name).split()
    while words and words[0].startswith(DEPARTMENT_WORDS):
        words = words[1:]
    return " ".join(words)


def normal_code(text: str) -> str:
    """'P.O. URB 1', 'po-urb-01', 'PS 01' -> 'PO-URB-01', 'PO-URB-01', 'PS-01'."""
    s = " ".join(text.split()).upper()
    s = re.sub(r"^P\s*\.\s*([OSG])\s*\.?", r"P\1-", s)
    s = re.sub(r"^I\s*\.\s*L\s*\.?", "IL-", s)
    s = re.sub(r"[\s._/]+", "-", s)
    s = re.sub(r"-+", "-", s).strip("-")
    s = re.sub(r"^([A-Z]{1,4})(\d{2,})$", r"\1-\2", s)
    s = re.sub(r"-(\d)$", r"-0\1", s)
    return s
