"""Version rules against a base revision (history/base.py chooses it), as findings; with
require_approval, every changed or withdrawn document needs complete, valid evidence."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS, Document
from .changes import DocChange, compare


def check_versions(qms: QMS, base: str, label: str, require_approval: bool = False
                   ) -> list[Finding]:
    cfg = qms.config
    report = compare(cfg.root, cfg.content_dir, base, None)
    by_code = {d.code: d for d in qms.all_documents}
    out: list[Finding] = []
    changed: list[Document] = []
    removed: list[DocChange] = []
    manual_changed = False
    for ch in report.documents:
        if ch.code.startswith("MC-cap-"):  # a chapter is part of the manual (sources.py)
            manual_changed = manual_changed or ch.substantive
            continue
        doc = by_code.get(ch.code)
        if ch.status == "removed" or doc is None:
            removed.append(ch)
            continue
        out += _rules(doc, ch, label, manual_changed and doc is qms.manual)
        if ch.substantive:
            changed.append(doc)
    man = qms.manual
    if manual_changed and man is not None and man not in changed:
        old = next((c for c in report.documents if c.code == man.code), None)
        out += _rules(man, old or DocChange(man.code, man.title, "changed", "", "",
                                            man.version, man.version), label, True)
        changed.append(man)
    if require_approval:
        out += _approvals(qms, changed, removed, label)
    return out


def _parse(v: str) -> tuple[int, int] | None:
    try:
        e, r = v.split(".")
        return int(e), int(r)
    except ValueError:
        return None


def _rules(doc: Document, ch: DocChange, ref: str, chapters: bool = False
           ) -> Iterator[Finding]:
    w = doc.where
    old, new = _parse(ch.old_version), (doc.edition, doc.revision)
    if old is None:
        return
    substantive = ch.substantive or chapters
    if new < old:
        yield Finding(*w.loc("revision"), "error", "QMS403",
                      f"{doc.code} goes back from {old[0]}.{old[1]} to {new[0]}.{new[1]}",
                      f"versions never go backwards; {ref} has {old[0]}.{old[1]}")
    elif new == old and substantive:
        yield Finding(*w.loc("revision"), "error", "QMS401",
                      f"{doc.code} changed since {ref} but is still edition {new[0]} "
                      f"revision {new[1]}",
                      f"raise 'revision' to {old[1] + 1} (or start edition {old[0] + 1} with "
                      "revision 0) and add its row to 'revisions'")
    elif new > old and not substantive:
        yield Finding(*w.loc("revision"), "warning", "QMS402",
                      f"{doc.code} moves to {new[0]}.{new[1]} but nothing else changed",
                      "a new version needs a change; revert the bump or make the change")
    if new[0] > old[0] and new[1] != 0:
        yield Finding(*w.loc("revision"), "error", "QMS404",
                      f"{doc.code} starts edition {new[0]} at revision {new[1]}",
                      "a new edition starts at revision 0")


def _approvals(qms: QMS, changed: list[Document], removed: list[DocChange], base: str
               ) -> Iterator[Finding]:
    """Releases: a changed document needs its version's complete, valid evidence; a removed one
    an approved withdrawal. Commit messages and trailers count for nothing."""
    from ..approval.verify import approvals_of
    from ..approval.withdrawal import withdrawals_of

    verdicts = approvals_of(qms)[0]
    for doc in changed:
        v = verdicts.get(doc.code)
        if v is None or not v.complete:
            missing = [a.slot for a in doc.approvals if a.status != "signed"]
            why = "its text changed after the approvals" if v and v.changed else \
                f"{', '.join(missing)} not signed"
            yield Finding(*doc.where.loc(*(doc.approvals[-1].path if doc.approvals
                                           else ("code",))), "error", "QMS405",
                          f"{doc.code} {doc.version} changed since {base} without complete "
                          f"approval evidence ({why})",
                          f"each signer runs 'qms approve {doc.code} --as STEP' and the evidence "
                          "is committed (README: Approvals)")
    withdrawn = withdrawals_of(qms)
    for ch in removed:
        w = withdrawn.get(ch.code)
        v = verdicts.get(ch.code)
        path = qms.config.content_dir + "/" + ch.old_path if ch.old_path else ch.code
        if w is None:
            yield Finding(path, 1, 1, "error", "QMS405",
                          f"{ch.code} was removed since {base} without an approved withdrawal",
                          f"a withdrawal is a version: qms withdraw {ch.code} --date D --reason "
                          f"R, then qms approve {ch.code} --as STEP")
        elif v is None or not v.complete:
            yield Finding(*w.where.loc("code"), "error", "QMS405",
                          f"the withdrawal of {ch.code} is not approved",
                          f"qms approve {ch.code} --as STEP for each step")
