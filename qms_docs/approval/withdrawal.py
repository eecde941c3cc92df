"""Withdrawals: a document taken out of use is a version too. Its record,
approvals/<CODE>/withdrawn/withdrawal.yml (code, title, the last edition and revision, the date
it stops applying, the reason, and the functions that elaborate, verify and approve the
withdrawal), is signed like a document (statements with `object: withdrawal` bound to the
record's SHA-256); the document stays in the registers as "retras" with its history."""

from __future__ import annotations

import re
from pathlib import Path

from ..exceptions import QmsError
from ..findings import Finding
from ..model import QMS, Document
from ..model.base import Where
from .evidence import WITHDRAWN, evidence_root, read_folder

KIND = "withdrawal"
GLOB = (f"approvals/*/{WITHDRAWN}/withdrawal.yml", KIND)


def withdrawals_of(qms: QMS) -> dict[str, Document]:
    if "withdrawals" not in qms.derived:
        out = {}
        for f in qms.files.of_kind(KIND):
            d = Document.build(Where(f), kind=KIND, steps=qms.config.approval_steps)
            if d.code:
                out[d.code] = d
        qms.derived["withdrawals"] = out
    return qms.derived["withdrawals"]


def verify_withdrawal(qms: QMS, w: Document):
    import hashlib

    from .verify import verify_version

    folder = evidence_root(qms) / w.code / WITHDRAWN
    sha = hashlib.sha256((qms.config.root / w.where.file.rel).read_bytes()).hexdigest()
    evidence = read_folder(qms, w.code, WITHDRAWN, folder)
    return verify_version(qms, w, evidence, sha256=sha, obj="withdrawal")


def check_withdrawals(qms: QMS) -> tuple[dict, list[Finding]]:
    verdicts, findings = {}, []
    for code, w in sorted(withdrawals_of(qms).items()):
        folder_code = Path(w.where.file.rel).parent.parent.name
        if folder_code != code:
            findings.append(Finding(*w.where.loc("code"), "error", "QMS721",
                                    f"withdrawal of {code} filed under {folder_code}",
                                    f"move it to approvals/{code}/{WITHDRAWN}/"))
            continue
        if qms.document(code) is not None:
            findings.append(Finding(*w.where.loc("code"), "error", "QMS721",
                                    f"{code} is withdrawn but its document is still there",
                                    "delete the document's file (git rm), or remove the "
                                    "withdrawal record"))
            continue
        verdict, more = verify_withdrawal(qms, w)
        verdicts[code] = verdict
        findings += more
    return verdicts, findings


def write_withdrawal(qms: QMS, code: str, date: str, reason: str) -> Path:
    """The withdrawal record of a document (from its front matter); the document file is
    deleted. Returns the record's path."""
    doc = qms.document(code)
    if doc is None or doc is qms.manual:
        raise QmsError(f"unknown document '{code}'" if doc is None else
                       "the quality manual is revised, not withdrawn")
    folder = evidence_root(qms) / code / WITHDRAWN
    if (folder / "withdrawal.yml").exists():
        raise QmsError(f"{code} already has a withdrawal record")
    lines = ["# yaml-language-server: $schema=../../../../schemas/withdrawal.schema.json",
             f"code: {code}", f"title: {_q(doc.title)}", f"edition: {doc.edition}",
             f"revision: {doc.revision}", f"effective_date: {date}", f"reason: {_q(reason)}"]
    for step in qms.config.approval_steps:
        rows = doc.step(step)
        if len(rows) == 1:
            lines.append(f"{step}_by: {rows[0].role}")
        elif rows:
            lines += [f"{step}_by:"] + [f"  - {a.role}" for a in rows]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "withdrawal.yml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    (qms.config.root / doc.where.file.rel).unlink()
    return path


def _q(s: str) -> str:
    return '"' + re.sub(r'(["\\])', r"\\\1", s) + '"'
