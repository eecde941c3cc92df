"""The document-control rules on the evidence: for each document's version in the work tree,
which table-1 rows are signed (filled in place on doc.approvals), and every problem as a located
finding. Nothing here trusts the front matter's names or dates, commit messages or trailers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..findings import Finding
from ..model import QMS, Document
from ..model.documents import Approval
from .evidence import LINE, WITHDRAWN, Evidence, evidence_root, folders, read_folder
from .registry import registry_of
from .sources import source_sha256


@dataclass
class VersionApproval:
    """The verdict on one document version."""

    code: str
    version: str
    sha256: str
    evidence: list[Evidence] = field(default_factory=list)  # valid and matching
    complete: bool = False
    changed: bool = False  # evidence exists but signed another text: neaprobat

    @property
    def demo(self) -> bool:
        return any(e.demo for e in self.evidence)


def approvals_of(qms: QMS) -> tuple[dict[str, VersionApproval], list[Finding]]:
    """Verdicts by document code, and every finding; computed once per model."""
    if "approvals" not in qms.derived:
        from .cache import save_all

        qms.derived["approvals"] = _verify_all(qms)
        save_all(qms)
    return qms.derived["approvals"]


def check_approvals(qms: QMS) -> list[Finding]:
    return approvals_of(qms)[1]


def _verify_all(qms: QMS) -> tuple[dict[str, VersionApproval], list[Finding]]:
    reg = registry_of(qms)
    findings = list(reg.findings)
    found = folders(qms)
    by_code = {d.code: d for d in qms.all_documents}
    verdicts: dict[str, VersionApproval] = {}
    for doc in qms.all_documents:
        verdict, more = verify_document(qms, doc, found.get((doc.code, doc.version)))
        verdicts[doc.code] = verdict
        findings += more
    rel_root = qms.config.rel(evidence_root(qms))
    for (code, version), folder in sorted(found.items()):
        doc = by_code.get(code)
        if doc is not None and version == doc.version:
            continue
        if doc is None and version != WITHDRAWN:
            if (code, WITHDRAWN) not in found:  # a withdrawn document keeps its old approvals
                findings.append(Finding(
                    f"{rel_root}/{code}/{version}", 1, 1, "error", "QMS722",
                    f"approval evidence for '{code}', which is no document",
                    f"a deleted document is withdrawn with a record: qms withdraw {code} "
                    "--date D --reason R (evidence lives under approvals/<CODE>/<E>.<R>/)"))
            continue
        if version == WITHDRAWN:
            continue  # below
        # An earlier (or later) version: its signatures must still be sound; its text is in
        # the history, where the history pages compare it.
        for ev in read_folder(qms, code, version, folder):
            findings += ev.findings
            if ev.statement and (ev.statement.document, ev.statement.version) != (code, version):
                findings.append(_elsewhere(ev))
    from .withdrawal import check_withdrawals

    withdrawn, more = check_withdrawals(qms)
    verdicts.update(withdrawn)
    return verdicts, findings + more


def verify_document(qms: QMS, doc: Document, folder=None
                    ) -> tuple[VersionApproval, list[Finding]]:
    """One document's version in the work tree (or a withdrawal record), table 1 filled."""
    from .withdrawal import KIND, verify_withdrawal

    if doc.kind == KIND:
        return verify_withdrawal(qms, doc)
    if folder is None:
        candidate = evidence_root(qms) / doc.code / doc.version
        folder = candidate if candidate.is_dir() else None
    evidence = read_folder(qms, doc.code, doc.version, folder) if folder else []
    return verify_version(qms, doc, evidence)


def _elsewhere(ev: Evidence) -> Finding:
    st = ev.statement
    assert st is not None
    return Finding(ev.path, LINE["document"], 1, "error", "QMS710",
                   f"evidence of {st.document} {st.version} ({st.object}) filed under "
                   f"{ev.code} {ev.version}",
                   "evidence is bound to one document version: it cannot be copied to another; "
                   f"sign {ev.code} {ev.version} itself with 'qms approve'")


def verify_version(qms: QMS, doc: Document, evidence: list[Evidence],
                   sha256: str | None = None, obj: str = "version"
                   ) -> tuple[VersionApproval, list[Finding]]:
    """Apply the rules to the evidence of doc's current version and fill its table-1 rows.
    sha256: the source hash (default: the work tree's)."""
    sha = sha256 or source_sha256(qms, doc)
    verdict = VersionApproval(doc.code, doc.version, sha)
    out: list[Finding] = []
    good: list[Evidence] = []
    stale: list[Evidence] = []
    for ev in evidence:
        out += ev.findings
        if not ev.valid:
            continue
        problems = list(_rules(qms, doc, ev, sha, obj))
        if any(f.code == "QMS709" for f in problems):
            stale.append(ev)
            continue
        out += problems
        if not problems:
            good.append(ev)
    if stale:
        # The text changed after approval: nobody approved this text. One finding, on the
        # document, whatever the number of signatures.
        verdict.changed, good = True, []
        out.append(Finding(*doc.where.loc("revision" if obj == "version" else "code"), "error",
                           "QMS709", f"{doc.code} {doc.version} changed after its approval "
                           f"({len(stale)} signature(s) of {stale[0].sha256[:12]}…, the source "
                           f"is now {sha[:12]}…): {doc.version} is neaprobat",
                           "a changed text is a new version: raise the revision, add its "
                           "table-2 row and collect its approvals (or revert the change)"))
    out += list(_together(doc, good))
    _fill(doc, good)
    verdict.evidence = good
    verdict.complete = bool(doc.approvals) and all(a.status == "signed" for a in doc.approvals)
    if not verdict.complete and not verdict.changed:
        missing = [a for a in doc.approvals if a.status != "signed"]
        if missing:
            a = missing[0]
            steps = ", ".join(dict.fromkeys(x.slot for x in missing))
            out.append(Finding(*doc.where.loc(*a.path), "warning", "QMS713",
                               f"{doc.code} {doc.version} is not approved yet: {steps} not "
                               "signed", f"each signer runs 'qms approve {doc.code} --as STEP' "
                               "(README: Approvals)"))
    return verdict, out


def _rules(qms: QMS, doc: Document, ev: Evidence, sha: str, obj: str) -> Iterator[Finding]:
    st = ev.statement
    if st is not None:
        folder = doc.version if obj == "version" else WITHDRAWN
        if st.object != obj or (st.document, st.version) != (doc.code, doc.version) or \
                (ev.code, ev.version) != (doc.code, folder):
            yield _elsewhere(ev)
            return
    if ev.sha256 != sha:
        yield Finding(ev.path, 1, 1, "error", "QMS709", "stale", "")  # summed up by the caller
        return
    rows = doc.step(ev.step)
    line = LINE["function"] if st else 1
    if not rows:
        yield Finding(ev.path, LINE["step"] if st else 1, 1, "error", "QMS712",
                      f"{doc.code} has no step '{ev.step}' in table 1",
                      "the steps are qms.yml approval.steps and the document's *_by fields")
        return
    if not any(a.role == ev.function for a in rows):
        named = ", ".join(a.role for a in rows)
        yield Finding(ev.path, line, 1, "error", "QMS712",
                      f"signed as '{ev.function}', but {doc.code} names {named} for "
                      f"{ev.step}", f"the {ev.step} row is signed by the holder of {named}")
        return
    person = _people(qms).get(ev.person)
    if person is None or not person.holds(ev.function, ev.day):
        held = ", ".join(f"{t.role} {t.start}…{t.end}" for t in person.functions) \
            if person else "nothing"
        yield Finding(ev.path, LINE["person"] if st else 1, 1, "error", "QMS705",
                      f"{ev.person} did not hold '{ev.function}' on {ev.day} "
                      f"(people.yml: {held or 'no function'})",
                      f"the holder of '{ev.function}' on the signing date signs; see "
                      "people.yml functions")
        return
    if ev.kind == "paper":
        until = qms.config.paper_until
        if not until or not doc.effective_date or doc.effective_date >= until:
            yield Finding(ev.path, getattr(ev, "paper_line", 1), 1, "error", "QMS714",
                          f"paper approval of {doc.code} {doc.version} (in force from "
                          f"{doc.effective_date or '?'}) "
                          + (f"on or after the cut-over date {until}" if until else
                             "but no paper cut-over date is configured"),
                          "versions from the cut-over on are signed electronically (qms "
                          "approve); qms.yml approval.paper_until sets the date")
            return
    if doc.effective_date and ev.day > doc.effective_date:
        yield Finding(ev.path, LINE["time"] if st else 1, 1, "error", "QMS711",
                      f"signed on {ev.day}, after {doc.code} took effect "
                      f"({doc.effective_date})", "approve before the effective date, or move "
                      "the effective date (a new version) after the signatures")


def _people(qms: QMS) -> dict:
    if "people-by-id" not in qms.derived:
        qms.derived["people-by-id"] = {p.id: p for p in reversed(qms.people)}
    return qms.derived["people-by-id"]


def _together(doc: Document, good: list[Evidence]) -> Iterator[Finding]:
    """One person, one step; steps in their order."""
    seen: dict[str, Evidence] = {}
    for ev in good:
        first = seen.get(ev.person)
        if first is not None and first.step != ev.step:
            yield Finding(ev.path, LINE["person"] if ev.statement else 1, 1, "error", "QMS707",
                          f"{ev.person} signs both {first.step} and {ev.step} of "
                          f"{doc.code} {doc.version}",
                          "elaboration, verification and approval are by different people")
        seen.setdefault(ev.person, ev)
    order = list(dict.fromkeys(a.step for a in doc.approvals))
    for earlier, later in zip(order, order[1:], strict=False):
        last = [e for e in good if e.step == earlier]
        nxt = [e for e in good if e.step == later]
        if last and nxt:
            a = max(last, key=lambda e: e.time)
            b = min(nxt, key=lambda e: e.time)
            if b.time < a.time:
                yield Finding(b.path, LINE["time"] if b.statement else 1, 1, "error", "QMS708",
                              f"{later} signed at {b.time.isoformat()}, before {earlier} "
                              f"({a.time.isoformat()})", f"{later} comes after {earlier}: "
                              "sign again in order")


def _fill(doc: Document, good: list[Evidence]) -> None:
    for a in doc.approvals:
        _clear(a)
        ev = next((e for e in good if e.step == a.step and e.function == a.role
                   and not any(x.person == e.person for x in doc.approvals if x.person)), None)
        if ev is not None:
            a.name, a.date, a.person = ev.signer.name if ev.signer else ev.person, ev.day, \
                ev.person
            a.kind, a.fingerprint, a.qualified, a.demo = ev.kind, ev.fingerprint, \
                ev.qualified, ev.demo
            if ev.kind == "paper":
                a.fingerprint = ev.reference
            a.status = "signed"
    any_signed = any(a.status == "signed" for a in doc.approvals)
    for a in doc.approvals:
        if a.status != "signed":
            a.status = "pending" if any_signed else "unapproved"


def _clear(a: Approval) -> None:
    a.name = a.date = a.person = a.kind = a.fingerprint = ""
    a.qualified = a.demo = False
    a.status = "unapproved"
