"""Version rules against a base revision (default: the last release tag), as findings."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..model import QMS, Document
from .changes import DocChange, compare
from .documents import document_histories
from .gitlog import GitRepo


def base_ref(qms: QMS, against: str | None) -> str | None:
    """The explicit ref, or the last tag reachable from HEAD (None when there is none)."""
    return against or GitRepo(qms.config.root).last_tag()


def check_versions(qms: QMS, against: str, require_approval: bool = False) -> list[Finding]:
    cfg = qms.config
    repo = GitRepo(cfg.root)
    base = repo.resolve(against)
    report = compare(cfg.root, cfg.content_dir, base, None)
    by_code = {d.code: d for d in qms.all_documents}
    out: list[Finding] = []
    changed: dict[str, Document] = {}
    for ch in report.documents:
        doc = by_code.get(ch.code)
        if doc is None or ch.status == "removed":
            continue
        out += _rules(doc, ch, against)
        if ch.substantive:
            changed[doc.where.file.rel] = doc
    if require_approval and changed:
        out += _approvals(qms, changed, base)
    return out


def _parse(v: str) -> tuple[int, int] | None:
    try:
        e, r = v.split(".")
        return int(e), int(r)
    except ValueError:
        return None


def _rules(doc: Document, ch: DocChange, ref: str) -> Iterator[Finding]:
    w = doc.where
    old, new = _parse(ch.old_version), (doc.edition, doc.revision)
    if old is None:
        return
    if new < old:
        yield Finding(*w.loc("revision"), "error", "QMS403",
                      f"{doc.code} goes back from {old[0]}.{old[1]} to {new[0]}.{new[1]}",
                      f"versions never go backwards; {ref} has {old[0]}.{old[1]}")
    elif new == old and ch.substantive:
        yield Finding(*w.loc("revision"), "error", "QMS401",
                      f"{doc.code} changed since {ref} but is still edition {new[0]} "
                      f"revision {new[1]}",
                      f"raise 'revision' to {old[1] + 1} (or start edition {old[0] + 1} with "
                      "revision 0) and add its row to 'revisions'")
    elif new > old and not ch.substantive:
        yield Finding(*w.loc("revision"), "warning", "QMS402",
                      f"{doc.code} moves to {new[0]}.{new[1]} but nothing else changed",
                      "a new version needs a change; revert the bump or make the change")
    if new[0] > old[0] and new[1] != 0:
        yield Finding(*w.loc("revision"), "error", "QMS404",
                      f"{doc.code} starts edition {new[0]} at revision {new[1]}",
                      "a new edition starts at revision 0")


def _approvals(qms: QMS, changed: dict[str, Document], base: str) -> Iterator[Finding]:
    cfg = qms.config
    hist = document_histories(cfg.root, {p: d.code for p, d in changed.items()},
                              rev=f"{base}..HEAD", content_dir=cfg.content_dir)
    for doc in changed.values():
        h = hist[doc.code]
        if "approved" not in h.approvals(doc.edition, doc.revision):
            yield Finding(*doc.where.loc("approved_by"), "error", "QMS405",
                          f"{doc.code} {doc.version} changed but no commit since "
                          f"{base[:12]} carries its approval", "merge it through a pull request "
                          "whose approval adds an 'Approved-by: Name <email>' trailer")
