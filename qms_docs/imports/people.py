"""People named in table 1 -> the people registry (content/people.yml).

A person the registry does not know (by name) is added with the function they signed in, held
at least from the earliest date they signed it (the registry can only know that much from a
document). A person it knows is never changed: when they did not hold that function on that
date, a warning says so. The front matter keeps a name only where the registry would not give
the same person as the single holder of the function on that date."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import QMS
from .findings import Collector
from .mapping import Claim
from .text import key, slug


@dataclass
class Tenure:
    role: str
    start: str
    end: str = ""


@dataclass
class Entry:
    id: str
    name: str
    functions: list[Tenure]
    new: bool = False
    source: str = ""

    def holds(self, role: str, day: str) -> bool:
        return any(t.role == role and t.start and t.start <= day and (not t.end or day <= t.end)
                   for t in self.functions)


@dataclass
class Registry:
    entries: list[Entry] = field(default_factory=list)

    @classmethod
    def of(cls, qms: QMS) -> Registry:
        return cls([Entry(p.id, p.name, [Tenure(t.role, t.start, t.end) for t in p.functions])
                    for p in qms.people])

    def by_name(self, name: str) -> Entry | None:
        k = key(name)
        return next((e for e in self.entries if key(e.name) == k), None)

    def holders(self, role: str, day: str) -> list[Entry]:
        return [e for e in self.entries if e.holds(role, day)]

    def claim(self, c: Claim, source: str, col: Collector) -> None:
        e = self.by_name(c.name)
        if e is None:
            ids = {x.id for x in self.entries}
            pid, n = slug(c.name) or "persoana", 2
            while pid in ids:
                pid, n = f"{slug(c.name)}-{n}", n + 1
            e = Entry(pid, c.name, [], new=True, source=source)
            self.entries.append(e)
        if e.new:
            t = next((t for t in e.functions if t.role == c.role), None)
            if t is None:
                e.functions.append(Tenure(c.role, c.date))
                col.note(c.where, "QMS925", f"{c.name} added to the people registry as "
                         f"'{c.role}' from {c.date}", "complete the period in people.yml")
            elif c.date < t.start:
                t.start = c.date
            return
        if not e.holds(c.role, c.date):
            col.warning(c.where, "QMS913", f"{c.name} ({e.id}) did not hold '{c.role}' on "
                        f"{c.date} according to people.yml", "correct table 1 or the periods "
                        "in people.yml")

    def settle(self, front: dict, claims: list[Claim], col: Collector) -> None:
        """Drop each table-1 name the registry gives back as the single holder."""
        for c in claims:
            row = front.get(c.field) if c.field else None
            if isinstance(row, list) and c.index is not None and c.index < len(row):
                row = row[c.index]
            if not isinstance(row, dict):
                continue
            holders = self.holders(c.role, c.date)
            if len(holders) == 1 and key(holders[0].name) == key(c.name):
                row.pop("name", None)
            elif len(holders) > 1:
                others = ", ".join(h.name for h in holders if key(h.name) != key(c.name))
                if others:
                    col.warning(c.where, "QMS913", f"{c.name} signs as '{c.role}' on {c.date}; "
                                f"the registry also has {others} in that function then: the "
                                "name stays in the front matter", "correct the periods in "
                                "people.yml")

    def additions(self) -> list[Entry]:
        return [e for e in self.entries if e.new and e.functions]


def people_yaml(entries: list[Entry]) -> str:
    """The entries as people.yml list items (appended to the file's `people:` list)."""
    from .yamlout import scalar

    out = []
    for e in entries:
        out.append(f"  # importat din {e.source}: funcția deținută cel puțin de la data semnării")
        out.append(f"  - id: {scalar(e.id)}\n    name: {scalar(e.name)}\n    functions:")
        for t in e.functions:
            out.append(f"      - role: {scalar(t.role)}\n        from: {t.start}")
    return "\n".join(out) + "\n"
