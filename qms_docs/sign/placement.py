"""Where the visible signatures of an existing PDF go: the signature cells of table 1, found again
by rebuilding the document's layout data (typst query) from the repository; the first page's
bottom strip when the PDF is not one of the repository's documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..config import Config
from ..exceptions import QmsError
from .signer import Slot


def slots_for(cfg: Config, pdf: Path, say: Callable[[str], None]) -> list[Slot]:
    from ..check import load_qms
    from ..pdf import data as D
    from ..pdf.compile import signature_slots
    from ..pdf.manual import manual_data

    try:
        qms = load_qms(cfg.root, cfg=cfg)
    except QmsError as e:
        say(f"{pdf}: signature places unknown ({e}); signing at the foot of page 1")
        return []
    match = [d for d in qms.all_documents if pdf.name == D.pdf_name(d)] or \
        sorted((d for d in qms.all_documents if pdf.name.startswith(f"{d.code}-")),
               key=lambda d: -len(d.code))
    if not match:
        say(f"{pdf}: not a document of {cfg.root}; signing at the foot of page 1")
        return []
    doc = match[0]
    if doc is qms.manual:
        # table 1 comes first: annex page counts and the responsibility matrix (typeset apart
        # in a build, here one placeholder page) do not move it
        template, data = "manual.typ", dict(manual_data(qms, "1"), **{"raci-pages": 1})
    else:
        data = dict(D.base(qms, "1"), doc=D.document(qms, doc))
        D.attach_bodies(qms, [data["doc"]])
        template = "document.typ"
    return [(s.step, s.page, s.box) for s in signature_slots(template, data, doc.code)]
