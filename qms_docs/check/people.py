"""People named in records: they exist in the registry (people.yml), under that name, and held
the function the record gives them on the record's date. A record names someone by person id,
by a job function (its holder on the date), or by name (table 1, acknowledgements, CAF group)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS
from ..model.base import Where


def held(qms: QMS, ref: str, day: str, where: Where, *sub: str | int,
         what: str = "") -> Finding | None:
    """QMS325 when the person `ref` held no function on day, or nobody held function `ref`.
    Unknown ids are QMS208/QMS202 (references); outside a registry nothing is checked."""
    if not qms.people or not ref or not day:
        return None
    label = f" as {what}" if what else ""
    person = qms.person(ref)
    if person is not None:
        if not any(t.covers(day) for t in person.functions):
            return Finding(*where.loc(*sub), "error", "QMS325",
                           f"{person.name} is named{label} on {day} but held no function then",
                           f"people.yml gives {person.id}'s periods ('functions'); name who "
                           "was in post on that date")
        return None
    role = qms.role(ref)
    if role is not None and not qms.holders(ref, day):
        return Finding(*where.loc(*sub), "warning", "QMS325",
                       f"nobody held '{ref}' ({role.name}) on {day}, yet it is named{label}",
                       "record the holder's period in people.yml, or name who acted instead")
    return None


def named(qms: QMS, name: str, role: str, day: str, where: Where, *sub: str | int,
          what: str) -> Iterator[Finding]:
    """A person written by name: QMS324 when the registry has no such person; QMS325 when the
    person did not hold `role` on day."""
    if not qms.people or not name:
        return
    people = [p for p in qms.people if p.name == name]
    if not people:
        close = difflib.get_close_matches(name, [p.name for p in qms.people], 1, 0.75)
        holder = qms.holder(role, day) if role and day else None
        hint = f"did you mean '{close[0]}'?" if close else \
            f"on {day} {role} was held by {holder.name}" if holder else \
            "add the person to people.yml, with the functions held and when"
        yield Finding(*where.loc(*sub), "error", "QMS324",
                      f"{what} names '{name}', who is not in the people registry", hint)
        return
    if role and day and not any(p.holds(role, day) for p in people):
        holder = qms.holder(role, day)
        yield Finding(*where.loc(*sub), "error", "QMS325",
                      f"{what}: {name} did not hold '{role}' on {day}",
                      f"the holder on that date was {holder.name}" if holder else
                      "check the periods in people.yml")


def check_people(qms: QMS) -> list[Finding]:
    out: list[Finding] = []
    for doc in qms.all_documents:
        for a in doc.approvals:
            if a.name:
                out += named(qms, a.name, a.role, a.date, doc.where, a.field, "name",
                             what=f"{doc.code} table 1 ({a.step})")
        for i, op in enumerate(doc.analysis):
            if op.person:
                f = _holds(qms, op.person, op.role, op.date, doc.where, "analysis", i,
                           "person", f"{doc.code} analysis")
                out += [f] if f else []
            else:
                f = held(qms, op.role, op.date, doc.where, "analysis", i, "role",
                         what=f"consulted on {doc.code}")
                out += [f] if f else []
        for i, row in enumerate(doc.distribution):
            day = row.received or doc.effective_date
            if row.person:
                f = _holds(qms, row.person, row.role, day, doc.where, "distribution", i,
                           "person", f"{doc.code} distribution")
                out += [f] if f else []
    for ack in qms.acknowledgements:
        doc = qms.document(ack.document)
        since = next((r.date for r in doc.revisions if (r.edition, r.revision) ==
                      (ack.edition, ack.revision)), "") if doc else ""
        if since and ack.date and ack.date < since:
            out.append(Finding(*ack.where.loc("date"), "error", "QMS329",
                               f"{ack.name or ack.role} acknowledged {ack.document} "
                               f"{ack.edition}.{ack.revision} on {ack.date}, before it applied "
                               f"({since})", "an acknowledgement follows the distribution of "
                               "the version; correct the date or the version"))
        if ack.name:
            out += named(qms, ack.name, ack.role, ack.date, ack.where, "name",
                         what=f"acknowledgement of {ack.document}")
        elif ack.role:
            f = held(qms, ack.role, ack.date, ack.where, "role", what="acknowledging")
            out += [f] if f else []
    return out


def _holds(qms: QMS, person: str, role: str, day: str, where: Where, *sub: str | int
           ) -> Finding | None:
    *path, what = sub
    p = qms.person(person)
    if p is None or not role or not day or p.holds(role, day):
        return None
    holder = qms.holder(role, day)
    return Finding(*where.loc(*path), "error", "QMS325",
                   f"{what}: {p.name} did not hold '{role}' on {day}",
                   f"the holder on that date was {holder.name}" if holder else
                   "check the periods in people.yml")
