"""The whole QMS as typed objects, built from what the loader read."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import Config
from ..load.repository import LoadResult
from .base import Where, items
from .documents import Document, ManualChapter
from .entities import (
    Acknowledgement,
    Activity,
    ContextIssue,
    InterestedParty,
    Objective,
    Process,
    RecordType,
    Risk,
    Role,
)
from .organisation import Organisation
from .people import Person

# kind -> (top-level key, class) for the list-shaped registers
_REGISTERS = {
    "roles": ("roles", Role), "processes": ("processes", Process),
    "context": ("issues", ContextIssue), "interested-parties": ("parties", InterestedParty),
    "responsibilities": ("activities", Activity), "risks": ("risks", Risk),
    "objectives": ("objectives", Objective), "records": ("records", RecordType),
    "acknowledgements": ("acknowledgements", Acknowledgement),
    "people": ("people", Person),
}


@dataclass
class QMS:
    config: Config
    organisation: Organisation
    roles: list[Role] = field(default_factory=list)
    processes: list[Process] = field(default_factory=list)
    context: list[ContextIssue] = field(default_factory=list)
    parties: list[InterestedParty] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    records: list[RecordType] = field(default_factory=list)
    acknowledgements: list[Acknowledgement] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    manual: Document | None = None
    chapters: list[ManualChapter] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # procedures, instructions, forms
    # Feature modules (caf, audit) build their own models from the files they declared.
    files: LoadResult = field(default_factory=LoadResult)
    # Views derived once and shared by the stages that need them (e.g. the git histories read
    # for table 1 and again for the history pages): name -> value.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    # Lookups by id/code (first one wins; duplicates are findings).
    def role(self, rid: str) -> Role | None:
        return self._index(self.roles, "id").get(rid)

    def process(self, pid: str) -> Process | None:
        return self._index(self.processes, "id").get(pid)

    def document(self, code: str) -> Document | None:
        if self.manual is not None and self.manual.code == code:  # the first one wins
            return self.manual
        return self._index(self.documents, "code").get(code)

    def record(self, rid: str) -> RecordType | None:
        return self._index(self.records, "id").get(rid)

    def person(self, pid: str) -> Person | None:
        return self._index(self.people, "id").get(pid)

    def _index(self, objs: list, attr: str) -> dict:
        """attr -> object, first one winning; kept while the list is the same list of the same
        length (the model is built, then read: a lookup per reference was O(n) before)."""
        store = self.derived.setdefault("_index", {})
        hit = store.get((id(objs), attr))
        if hit is None or hit[0] is not objs or hit[1] != len(objs):
            hit = store[(id(objs), attr)] = (objs, len(objs), _index(objs, attr))
        return hit[2]

    def holders(self, rid: str, day: str) -> list[Person]:
        """Everyone who held job function rid on day (YYYY-MM-DD), from the people registry."""
        return [p for p in self.people if p.holds(rid, day)]

    def holder(self, rid: str, day: str) -> Person | None:
        """The holder of rid on day; None when nobody (or, ambiguously, several) held it."""
        found = self.holders(rid, day)
        return found[0] if len(found) == 1 else None

    def who(self, ref: str, day: str) -> Person | None:
        """The person a record names: by person id, or as the holder of a job function on day."""
        person = self.person(ref)
        if person is not None or not day:
            return person
        return self.holder(ref, day) if self.role(ref) else None

    def functions_of(self, ref: str, day: str) -> list[str]:
        """The job functions behind a reference on day: a person's (from the registry), or the
        function itself."""
        person = self.person(ref)
        if person is not None:
            return [t.role for t in person.functions if t.covers(day)] if day else \
                [t.role for t in person.functions]
        return [ref] if self.role(ref) else []

    def display_name(self, ref: str, day: str = "") -> str:
        """How a reference reads in a page: a person's name (with the function held on day when
        known), or a function's name with its holder on day."""
        person = self.person(ref)
        if person is not None:
            return person.name
        role = self.role(ref)
        if role is None:
            return ref
        holder = self.holder(ref, day) if day else None
        return f"{role.name} ({holder.name})" if holder else role.name

    @property
    def system_since(self) -> str:
        """The day the QMS came into being: the date of the manual's first edition (table 2),
        else its effective date ('' without a manual). Records of the system's own work are not
        older than this (QMS326)."""
        if self.manual is None:
            return ""
        dates = sorted(r.date for r in self.manual.revisions if r.date)
        return dates[0] if dates else self.manual.effective_date

    @property
    def all_documents(self) -> list[Document]:
        return ([self.manual] if self.manual else []) + self.documents

    def documents_of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind]

    def role_name(self, rid: str) -> str:
        r = self.role(rid)
        return r.name if r else rid

    def department_name(self, did: str) -> str:
        return next((d.name for d in self.organisation.departments if d.id == did), did)


def _index(objs: list, attr: str) -> dict:
    return {getattr(o, attr): o for o in reversed(objs)}


def build_qms(cfg: Config, loaded: LoadResult) -> QMS:
    orgs = loaded.of_kind("organization")
    qms = QMS(cfg, Organisation.build(Where(orgs[0])) if orgs else Organisation.empty(),
              files=loaded)
    for kind, (key, cls) in _REGISTERS.items():
        target = getattr(qms, {"context": "context", "interested-parties": "parties",
                               "responsibilities": "activities"}.get(kind, kind))
        for f in loaded.of_kind(kind):
            target.extend(cls.build(d, Where(f, (key, i))) for i, d in items(f.data, key))
    steps = cfg.approval_steps
    manuals = loaded.of_kind("manual")
    if manuals:
        qms.manual = Document.build(Where(manuals[0]), kind="manual", steps=steps)
        if not qms.manual.title:
            qms.manual.title = "Manualul calității"
    qms.chapters = sorted((ManualChapter.build(Where(f)) for f in loaded.of_kind("manual-chapter")),
                          key=lambda c: c.chapter)
    qms.documents = [Document.build(Where(f), steps=steps) for f in loaded.of_kind("document")]
    _current_holders(qms)
    return qms


def _current_holders(qms: QMS) -> None:
    """Roles name the function; who holds it today comes from the people registry. roles.yml
    may still carry a holder (a repository without people.yml): the registry wins."""
    import datetime as dt

    day = dt.date.today().isoformat()
    for role in qms.roles:
        person = qms.holder(role.id, day)
        if person:
            role.holder, role.email = person.name, person.email
