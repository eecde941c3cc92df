"""What a PDF says it is, checked against where it stands and against table 1: its keywords
(qms-code, qms-edition, qms-revision, qms-source-sha256, written by qms pdf and covered by its
first signature) against its file name, the version the repository or the release has, and its
people's signatures against the signers of table 1 (from the approval evidence). A signed PDF
copied over another document's file fails here even though every signature is intact."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from ..approval.pades import FIELD_PREFIX, SEAL_FIELD, keywords


@dataclass
class Identity:
    code: str = ""
    edition: str = ""
    revision: str = ""
    sha256: str = ""
    signers: list[tuple[str, bytes]] = field(default_factory=list)  # (field, cert DER)

    @property
    def version(self) -> str:
        return f"{self.edition}.{self.revision}"


def identity(data: bytes) -> Identity:
    """Keywords of the first signed revision (of the whole file when unsigned)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from ..approval.pades import _info_keywords

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    sigs = reader.embedded_signatures
    first = data
    if sigs:
        br = list(sigs[0].byte_range)
        first = data[:br[2] + br[3]]
    kw = keywords(_info_keywords(first))
    ident = Identity(kw.get("code", ""), kw.get("edition", ""), kw.get("revision", ""),
                     kw.get("source-sha256", ""))
    for s in sigs:
        try:
            ident.signers.append((s.field_name or "", s.signer_cert.dump()))
        except Exception:  # noqa: BLE001 - a broken signature is reported by verify_pdf
            continue
    return ident


def check_identity(path: Path, data: bytes, qms=None, expected: dict | None = None
                   ) -> tuple[list[str], str]:
    """(problems, one-line description). qms: the repository model (table 1 from evidence);
    expected: {code: 'E.R'} of the release the PDF belongs to."""
    try:
        ident = identity(data)
    except Exception as e:  # noqa: BLE001
        return [f"cannot read its identity ({type(e).__name__})"], ""
    if not ident.code:
        return ["not a qms-docs document PDF (no qms-code keyword)"], ""
    problems = []
    desc = f"{ident.code} {ident.version}" + (f" (source {ident.sha256[:12]}…)"
                                              if ident.sha256 else "")
    if not path.name.startswith(f"{ident.code}-") and path.name != f"{ident.code}.pdf":
        problems.append(f"the file name is not {ident.code}'s but the PDF is {desc}: a PDF "
                        "copied over another document's")
    if expected is not None:
        want = expected.get(ident.code)
        if want is None:
            problems.append(f"{ident.code} is not a document of this release")
        elif want != ident.version:
            problems.append(f"the release has {ident.code} {want}, this PDF is {ident.version}")
    if qms is not None:
        problems += _against_table1(qms, ident)
    return problems, desc


def _against_table1(qms, ident: Identity) -> list[str]:
    from ..approval.registry import registry_of
    from ..approval.verify import approvals_of

    doc = qms.document(ident.code)
    if doc is None:
        return [f"{ident.code} is not a document of the repository"]
    out = []
    if doc.version != ident.version:
        out.append(f"the repository has {doc.code} {doc.version}, this PDF is {ident.version}")
        return out
    verdict = approvals_of(qms)[0].get(doc.code)
    if verdict and ident.sha256 and verdict.sha256 != ident.sha256:
        out.append(f"the PDF's source {ident.sha256[:12]}… is not the repository's "
                   f"{verdict.sha256[:12]}… for {doc.code} {doc.version}")
    reg = registry_of(qms)
    for name, der in ident.signers:
        if name == SEAL_FIELD:
            continue
        holders = reg.certs.get(der, [])
        if not holders:
            out.append(f"signature {name}: the signer is not in people.yml")
            continue
        person = holders[0].person
        slot = name.removeprefix(FIELD_PREFIX)
        row = next((a for a in doc.approvals if a.slot == slot), None) or \
            next((a for a in doc.approvals if a.person == person.id), None)
        if row is None or row.person != person.id:
            signer = row.name if row and row.name else "nobody yet"
            out.append(f"signature {name} ({person.name}): not the signer of "
                       f"{row.slot if row else 'any row'} in table 1 ({signer})")
    return out
