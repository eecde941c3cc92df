"""Domain rules: RACI, document control, OSGG 600 procedure format, risks, processes."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from functools import cache

from ..findings import Finding
from ..model import QMS, Document
from ..model.documents import KIND_PREFIX, STEPS
from ..model.reference import osgg


def check_rules(qms: QMS, today: dt.date) -> list[Finding]:
    out: list[Finding] = []
    out += _raci(qms)
    for doc in qms.all_documents:
        out += _document(qms, doc)
    out += _risks_and_objectives(qms, today)
    out += _reviews(qms, today)
    out += _processes(qms)
    out += _tenures(qms)
    return out


def _tenures(qms: QMS) -> Iterator[Finding]:
    """A person's periods in one function neither run backwards nor overlap."""
    for person in qms.people:
        seen: dict[str, list] = {}
        for t in person.functions:
            if t.end and t.start and t.end < t.start:
                yield Finding(*t.where.loc("to"), "error", "QMS322",
                              f"{person.id}: {t.role} ends on {t.end}, before it starts "
                              f"({t.start})", "'to' is the last day in the function")
            if not t.start:  # unreadable: the schema check says so, nothing to compare
                continue
            for other in seen.get(t.role, []):
                if t.start <= (other.end or "9999-12-31") and other.start <= (t.end or
                                                                               "9999-12-31"):
                    rel, line, _ = other.where.loc()
                    yield Finding(*t.where.loc("from"), "error", "QMS322",
                                  f"{person.id}: two overlapping periods as {t.role}",
                                  f"the other one is at {rel}:{line}; merge them")
            seen.setdefault(t.role, []).append(t)


def _raci(qms: QMS) -> Iterator[Finding]:
    for a in qms.activities:
        accountable = [r for r, v in a.raci.items() if v == "A"]
        if len(accountable) != 1:
            msg = (f"activity {a.id} has no Accountable (A)" if not accountable else
                   f"activity {a.id} has {len(accountable)} Accountables: {', '.join(accountable)}")
            yield Finding(*a.where.loc("raci"), "error", "QMS301", msg,
                          "exactly one job function answers for each activity: mark one 'A'")
        if "R" not in a.raci.values():
            yield Finding(*a.where.loc("raci"), "error", "QMS302",
                          f"activity {a.id} has no Responsible (R)",
                          "mark with 'R' the job function that carries it out")


def _document(qms: QMS, doc: Document) -> Iterator[Finding]:
    w = doc.where
    prefix = KIND_PREFIX.get(doc.kind)
    if prefix and doc.code and not doc.code.startswith(prefix + "-"):
        yield Finding(*w.loc("code"), "warning", "QMS308",
                      f"code '{doc.code}' does not start with '{prefix}-' ({doc.kind})",
                      f"{doc.kind} documents are coded {prefix}-…")
    yield from _revisions(doc)
    yield from _approvals(qms, doc)
    if doc.is_procedure:
        yield from _sections(doc)
        yield from _forms(doc)
    if doc.kind in ("work-instruction", "form"):
        yield from _parent(qms, doc)


def _revisions(doc: Document) -> Iterator[Finding]:
    w = doc.where
    rows = [(r.edition, r.revision) for r in doc.revisions]
    if (doc.edition, doc.revision) not in rows:
        yield Finding(*w.loc("revisions"), "error", "QMS309",
                      f"no row for edition {doc.edition} revision {doc.revision} in 'revisions'",
                      "add the row: edition, revision, component, description, date")
    for i in range(1, len(rows)):
        if rows[i] <= rows[i - 1]:
            yield Finding(*w.loc("revisions", i), "error", "QMS310",
                          f"edition {rows[i][0]} revision {rows[i][1]} comes after "
                          f"{rows[i - 1][0]}.{rows[i - 1][1]}",
                          "list editions and revisions in increasing order; versions never go back")
    if rows and max(rows) > (doc.edition, doc.revision):
        e, r = max(rows)
        yield Finding(*w.loc("edition"), "error", "QMS310",
                      f"the table has {e}.{r} but the document is at "
                      f"{doc.edition}.{doc.revision}",
                      "raise edition/revision to the latest row")


def _approvals(qms: QMS, doc: Document) -> Iterator[Finding]:
    """The front matter's functions: distinct per step, approvers at management level. Who
    signed, and when, is the evidence's (qms_docs/approval)."""
    w = doc.where
    data = w.file.data if isinstance(w.file.data, dict) else {}
    steps = qms.config.approval_steps
    for step in STEPS:
        if step not in steps and f"{step}_by" in data:
            yield Finding(*w.loc(f"{step}_by"), "error", "QMS340",
                          f"'{step}_by' names a step that qms.yml approval.steps does not have "
                          f"({', '.join(steps)}): table 1 would leave it out",
                          f"add '{step}' to approval.steps in qms.yml (before approved), or "
                          f"remove '{step}_by'")
    seen: dict[str, str] = {}
    for a in doc.approvals:
        if a.role and a.role in seen and seen[a.role] != a.slot:
            yield Finding(*w.loc(*a.path), "error", "QMS312",
                          f"'{a.role}' both {seen[a.role]} and {a.slot} {doc.code}",
                          "elaboration, verification and approval are done by different functions")
        seen.setdefault(a.role, a.slot)
        if a.declared_name:
            yield Finding(*w.loc(*a.path, "name"), "warning", "QMS718",
                          f"'name: {a.declared_name}' is ignored: table 1 shows who signed",
                          "remove 'name'; the signer comes from the approval evidence "
                          "(qms approve)")
    for approved in doc.step("approved"):
        role = qms.role(approved.role)
        if role and role.level != "conducere":
            yield Finding(*w.loc(*approved.path), "error", "QMS313",
                          f"'{role.id}' ({role.name}) is not a management function",
                          "documents are approved at management level (conducere)")
        if approved.declared_date and doc.effective_date and \
                doc.effective_date < approved.declared_date:
            yield Finding(*w.loc("effective_date"), "error", "QMS311",
                          f"effective date {doc.effective_date} precedes approval on "
                          f"{approved.declared_date}",
                          "a document applies from its approval date or later")


@cache
def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ş", "ș").replace("ţ", "ț"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


@cache
def _expected_sections() -> list[tuple[dict, list[str]]]:
    """OSGG sections 4-10 with their normalised titles: official, short, and the other titles
    published procedures give them ('Descrierea activității sau procesului')."""
    return [(s, [_norm(t) for t in (s["short_ro"], s["title_ro"], *s.get("aliases_ro", ()))])
            for s in osgg()["procedure_sections"] if int(s["number"]) >= 4]


def _sections(doc: Document) -> Iterator[Finding]:
    found = [(line, _norm(text)) for line, level, text in doc.headings if level == 2]
    pos = 0
    for s, want in _expected_sections():
        idx = next((i for i in range(pos, len(found))
                    if any(w in found[i][1] for w in want)), None)
        if idx is None:
            line = found[pos][0] if pos < len(found) else doc.where.file.body_line
            anywhere = any(any(w in h for w in want) for _, h in found)
            line, what = _what_was_found(doc, s, want, line, anywhere)
            yield Finding(doc.where.file.rel, line, 1, "error", "QMS307", what,
                          "procedures have sections 4-10 in order as level-2 headings "
                          f"(OSGG 600/2018, standard 9): {_titles(s)}")
        else:
            pos = idx + 1


def _titles(s: dict) -> str:
    titles = dict.fromkeys((s["title_ro"], s["short_ro"]))  # the official title, then the short
    return " or ".join(f"'## {s['number']}. {t}'" for t in titles)


def _what_was_found(doc: Document, s: dict, want: list[str], line: int,
                    anywhere: bool) -> tuple[int, str]:
    """The message of a missing section: what is there instead, when something is."""
    name = f"section {s['number']}. {s['short_ro']}"
    if anywhere:
        return line, f"{name} out of order in {doc.code}"
    for at, level, text in doc.headings:
        if level != 2 and any(w in _norm(text) for w in want):
            return at, (f"{name} is a level-{level} heading ('{'#' * level} {text}') in "
                        f"{doc.code}; sections are level 2 ('## ')")
    number = f"{s['number']}."
    for at, level, text in doc.headings:
        if level == 2 and text.strip().startswith(number):
            return at, f"{name} expected in {doc.code}, found '## {text}'"
    return line, f"{name} missing in {doc.code}"


def _forms(doc: Document) -> Iterator[Finding]:
    """The procedure's forms (OSGG 600/2018): consulted before approval, copies received after
    it, a superseded copy only where there is a superseded version."""
    w = doc.where
    # The approval date the front matter declares (the evidence is verified apart, QMS7xx).
    approved = next((a.date or a.declared_date for a in doc.approvals if a.step == "approved"),
                    "")
    for i, op in enumerate(doc.analysis):
        if op.observations and op.accepted is None:
            yield Finding(*w.loc("analysis", i, "observations"), "error", "QMS331",
                          f"{doc.code}: the observations of {op.department} have no decision",
                          "add 'accepted: true' (taken into the procedure) or 'accepted: false'")
        if approved and op.date and op.date > approved:
            yield Finding(*w.loc("analysis", i, "date"), "error", "QMS331",
                          f"{doc.code}: {op.department} gave its opinion on {op.date}, after "
                          f"the approval ({approved})",
                          "departments are consulted before the procedure is approved")
    first = (doc.edition, doc.revision) == (1, 0)
    for i, row in enumerate(doc.distribution):
        if approved and row.received and row.received < approved:
            yield Finding(*w.loc("distribution", i, "received"), "error", "QMS331",
                          f"{doc.code}: copy {row.copy or '?'} received on {row.received}, "
                          f"before the approval ({approved})",
                          "a copy is distributed once the edition or revision is approved")
        if first and row.withdrawn:
            yield Finding(*w.loc("distribution", i, "withdrawn"), "warning", "QMS331",
                          f"{doc.code}: edition 1 revision 0 supersedes nothing, yet copy "
                          f"{row.copy or '?'} has a withdrawal date",
                          "'withdrawn' is the date the copy of the previous version was taken "
                          "back; remove it")


def _reviews(qms: QMS, today: dt.date) -> Iterator[Finding]:
    """Periodic review (ISO 9001 7.5.2, OSGG 600/2018 standard 9) past its due date."""
    from ..history.review import review_status

    for r in review_status(qms, today):
        if r.status != "overdue":
            continue
        doc = qms.document(r.code)
        if doc is None:
            continue
        key = "reviewed_on" if doc.reviewed_on else "effective_date"
        yield Finding(*doc.where.loc(key), "warning", "QMS323",
                      f"{doc.code} was due for its periodic review on {r.due} "
                      f"({-r.days} days ago)",
                      "review the document, then set 'reviewed_on' to the review date (or "
                      "issue a new revision); the interval is 'review_interval_months'")


def _parent(qms: QMS, doc: Document) -> Iterator[Finding]:
    if not doc.parent:
        yield Finding(*doc.where.loc(), "error", "QMS321", f"{doc.code} has no 'parent'",
                      "name the procedure it belongs to, e.g. parent: PS-01")
        return
    parent = qms.document(doc.parent)
    if doc.kind == "form" and parent and doc.code not in parent.forms:
        yield Finding(*doc.where.loc("parent"), "warning", "QMS314",
                      f"{doc.code} is not listed in the forms of {parent.code}",
                      f"add {doc.code} to 'forms' in {parent.where.file.rel}")


def _risks_and_objectives(qms: QMS, today: dt.date) -> Iterator[Finding]:
    iso = today.isoformat()
    for r in qms.risks:
        if r.review_date and r.review_date < iso:
            yield Finding(*r.where.loc("review_date"), "warning", "QMS315",
                          f"risk {r.id} was due for review on {r.review_date}",
                          "review the risk and set the next review date")
    for o in qms.objectives:
        if o.deadline and o.deadline < iso and not o.result:
            yield Finding(*o.where.loc("deadline"), "warning", "QMS316",
                          f"objective {o.id} passed its deadline {o.deadline} without a result",
                          "record the measured 'result' or set a new deadline")


def _processes(qms: QMS) -> Iterator[Finding]:
    with_risk = {r.process for r in qms.risks}
    for p in qms.processes:
        if p.id in p.feeds:
            yield Finding(*p.where.loc("feeds", p.feeds.index(p.id)), "error", "QMS319",
                          f"process {p.id} feeds itself", "remove it from its own 'feeds'")
        if qms.risks and p.id not in with_risk:
            yield Finding(*p.where.loc("id"), "warning", "QMS317",
                          f"process {p.id} has no risk in the register",
                          "ISO 4.4 f) and 6.1: identify at least one risk or opportunity")
        if not p.indicators:
            yield Finding(*p.where.loc("id"), "warning", "QMS318",
                          f"process {p.id} has no indicator",
                          "ISO 4.4 c): add an indicator with a target")
