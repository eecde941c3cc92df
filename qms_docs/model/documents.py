"""Controlled documents (manual, procedures, instructions, forms) and manual chapters."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import Where, day, integer, items, strings, text

KIND_PREFIX = {"manual": "MC", "system-procedure": "PS", "operational-procedure": "PO",
               "work-instruction": "IL", "form": "F"}
PROCEDURE_KINDS = ("system-procedure", "operational-procedure")


STEPS = ("elaborated", "verified", "endorsed", "approved")  # every step a table 1 may have
DEFAULT_STEPS = ("elaborated", "verified", "approved")


@dataclass
class Approval:
    """One row of table 1 (Elaborat / Verificat / [Avizat] / Aprobat): the job function the front
    matter names for a step, and (filled by qms_docs.approval from the evidence files, never from
    the front matter) who signed, when, with what. A step may name several functions (a list):
    one row each."""

    step: str  # elaborated | verified | endorsed | approved
    role: str
    name: str  # the signer's name, from the evidence ("" while unsigned)
    date: str  # the signing date, from the evidence
    field: str  # front matter key, for locating findings
    index: int | None = None  # position in the step's list, when it names several functions
    declared_name: str = ""  # front matter 'name' / 'date': informative only, never shown
    declared_date: str = ""
    person: str = ""  # person id of the signer
    kind: str = ""  # ssh | cms | pades | paper
    fingerprint: str = ""  # short fingerprint of the key (or the paper registration number)
    qualified: bool = False  # a certificate under a trust root marked qualified
    demo: bool = False  # signed with a DEMO key
    status: str = "unapproved"  # signed | pending (another step signed) | unapproved

    @property
    def slot(self) -> str:
        """Unique name of the row in its table: the step, '-2', '-3' for further signers."""
        return self.step if not self.index else f"{self.step}-{self.index + 1}"

    @property
    def path(self) -> tuple[str | int, ...]:
        return (self.field,) if self.index is None else (self.field, self.index)


@dataclass(frozen=True)
class Table1Row:
    """A row of table 1 as OSGG 600/2018 lays it out: one row per signer, the step's number
    (1.1, 1.2 ...) and label (Elaborat ...) on its first row only, spanning the step's rows."""

    number: str  # "1.2" on the step's first row, "" on the rows of further signers
    span: int  # rows the number and label cover: the step's signers (0 on further rows)
    approval: Approval


def table1_rows(approvals: list[Approval]) -> list[Table1Row]:
    """Rows numbered per step in the order of the steps (1.1 Elaborat, 1.2 Verificat,
    1.3 Avizat, 1.4 Aprobat); several signers of one step share its number."""
    steps = list(dict.fromkeys(a.step for a in approvals))
    out: list[Table1Row] = []
    for k, step in enumerate(steps, 1):
        rows = [a for a in approvals if a.step == step]
        out += [Table1Row(f"1.{k}" if i == 0 else "", len(rows) if i == 0 else 0, a)
                for i, a in enumerate(rows)]
    return out


@dataclass
class RevisionRow:
    edition: int
    revision: int
    component: str
    description: str
    date: str


@dataclass
class DistributionRow:
    purpose: str
    role: str
    department: str
    copy: int
    person: str = ""  # person id; "" = the holder of the function on the effective date
    received: str = ""
    withdrawn: str = ""  # the superseded copy withdrawn from this holder on


@dataclass
class Opinion:
    """A row of the Formular de analiză a procedurii: a department consulted and its opinion."""

    department: str
    role: str
    person: str
    date: str
    opinion: str  # favorabil | nefavorabil
    observations: str
    accepted: bool | None


@dataclass
class Definition:
    term: str
    definition: str


@dataclass
class Document:
    code: str
    title: str
    kind: str
    edition: int
    revision: int
    effective_date: str
    department: str
    process: str
    parent: str
    approvals: list[Approval]
    revisions: list[RevisionRow]
    distribution: list[DistributionRow]
    analysis: list[Opinion]
    references: list[str]
    definitions: list[Definition]
    clauses: list[str]
    osgg: list[int]
    forms: list[str]
    records: list[str]
    review_interval_months: int
    reviewed_on: str
    body: str
    where: Where
    headings: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def version(self) -> str:
        return f"{self.edition}.{self.revision}"

    @property
    def copies(self) -> int:
        """Number of controlled copies distributed (the header's 'Nr. exemplare')."""
        numbers = {r.copy for r in self.distribution if r.copy}
        return max(len(numbers), max(numbers, default=0))

    @property
    def is_procedure(self) -> bool:
        return self.kind in PROCEDURE_KINDS

    @property
    def slug(self) -> str:
        return self.code.lower()

    def step(self, step: str) -> list[Approval]:
        return [a for a in self.approvals if a.step == step]

    @classmethod
    def build(cls, where: Where, kind: str | None = None,
              steps: tuple[str, ...] = DEFAULT_STEPS) -> Document:
        d = where.file.data if isinstance(where.file.data, dict) else {}
        approvals = [a for step in steps for a in _approvals(d, step)]
        return cls(
            code=text(d, "code"), title=text(d, "title"), kind=kind or text(d, "kind"),
            edition=integer(d, "edition", 1), revision=integer(d, "revision"),
            effective_date=day(d, "effective_date"), department=text(d, "department"),
            process=text(d, "process"), parent=text(d, "parent"), approvals=approvals,
            revisions=[RevisionRow(integer(x, "edition"), integer(x, "revision"),
                                   text(x, "component"), text(x, "description"), day(x, "date"))
                       for _, x in items(d, "revisions")],
            distribution=[DistributionRow(text(x, "purpose"), text(x, "role"),
                                          text(x, "department"), integer(x, "copy"),
                                          text(x, "person"), text(x, "received"),
                                          text(x, "withdrawn"))
                          for _, x in items(d, "distribution")],
            analysis=[Opinion(text(x, "department"), text(x, "role"), text(x, "person"),
                              text(x, "date"), text(x, "opinion"), text(x, "observations"),
                              x["accepted"] if isinstance(x.get("accepted"), bool) else None)
                      for _, x in items(d, "analysis")],
            references=strings(d, "references"),
            definitions=[Definition(text(x, "term"), text(x, "definition"))
                         for _, x in items(d, "definitions")],
            clauses=strings(d, "clauses"),
            osgg=[x for x in d.get("osgg", []) if isinstance(x, int)]
            if isinstance(d.get("osgg"), list) else [],
            forms=strings(d, "forms"), records=strings(d, "records"),
            review_interval_months=integer(d, "review_interval_months"),
            reviewed_on=day(d, "reviewed_on"),
            body=where.file.body, where=where, headings=where.file.headings,
        )


def _approvals(d: dict, step: str) -> list[Approval]:
    """The rows of one step: `<step>_by` is a function id, {role, name, date}, or a list of
    them (several signers). A step the front matter leaves out has no row (the schema requires
    elaborated, verified and approved; an optional step such as endorsed is per document)."""
    key = f"{step}_by"
    v = d.get(key)
    if v is None:
        return []
    if isinstance(v, list):
        return [_one(x, step, key, i) for i, x in enumerate(v)]
    return [_one(v, step, key, None)]


def _one(v: object, step: str, key: str, index: int | None) -> Approval:
    if isinstance(v, dict):
        return Approval(step, text(v, "role"), "", "", key, index, text(v, "name"),
                        day(v, "date"))
    return Approval(step, v if isinstance(v, str) else "", "", "", key, index)


@dataclass
class ManualChapter:
    chapter: int
    title: str
    clauses: list[str]
    body: str
    where: Where

    @property
    def slug(self) -> str:
        return f"cap-{self.chapter:02d}"

    @classmethod
    def build(cls, where: Where) -> ManualChapter:
        d = where.file.data if isinstance(where.file.data, dict) else {}
        return cls(integer(d, "chapter"), text(d, "title"), strings(d, "clauses"),
                   where.file.body, where)
