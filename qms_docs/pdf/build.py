"""`qms pdf`: one PDF per controlled document and the complete quality manual, optionally signed.

Stages: model → JSON (data.py, manual.py) → Markdown bodies through pandoc (markdown.py) → Typst
(compile.py) → optional PAdES signatures (qms_docs.sign) → atomic move into the output folder
(output.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..exceptions import BuildError
from ..model import QMS, Document
from . import data as D
from .compile import SigSlot, compile_pdf, source_epoch
from .manual import manual_data
from .output import publish, staging

# sign(pdf bytes, document, signature cells of its table 1) -> signed pdf bytes
SignFn = Callable[[bytes, Document, list[SigSlot]], bytes]
Progress = Callable[[str], None]


@dataclass
class BuildResult:
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0


def select(qms: QMS, codes: list[str] | None, manual_only: bool) -> tuple[bool, list[Document]]:
    """(build the manual?, standalone documents) for the requested codes."""
    known = {d.code: d for d in qms.all_documents}
    if codes:
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise BuildError(f"unknown document code(s): {', '.join(unknown)}; known: "
                             f"{', '.join(sorted(known)) or 'none'}")
    want = set(codes or known)
    manual = qms.manual is not None and qms.manual.code in want
    if manual_only:
        if qms.manual is None:
            raise BuildError("the QMS has no manual (content/manual/manual.yml)")
        return True, []
    return manual, [d for d in qms.documents if d.code in want]


def build_pdfs(qms: QMS, out: Path, codes: list[str] | None = None, manual_only: bool = False,
               copy: str = "1", sign: SignFn | None = None, progress: Progress | None = None,
               epoch: int | None = None) -> BuildResult:
    """Write the PDFs into `out`; all or nothing. Without codes the folder is pruned of PDFs of
    documents that no longer exist."""
    started = time.perf_counter()
    say = progress or (lambda _m: None)
    epoch = source_epoch(qms.config.root) if epoch is None else epoch
    with_manual, docs = select(qms, codes, manual_only)
    jobs: list[tuple[str, dict, Document]] = []
    if docs:
        say(f"converting {len(docs)} document bodies (pandoc)")
        items = [dict(D.base(qms, copy), doc=D.document(qms, d)) for d in docs]
        D.attach_bodies([i["doc"] for i in items])
        jobs += [("document.typ", i, d) for i, d in zip(items, docs, strict=True)]
    if with_manual and qms.manual is not None:
        say("converting the manual (pandoc)")
        jobs.insert(0, ("manual.typ", manual_data(qms, copy), qms.manual))
    names: list[str] = []

    def typeset(job: tuple[str, dict, Document]) -> tuple[bytes, list[SigSlot]]:
        template, data, doc = job
        return compile_pdf(template, data, epoch, what=doc.code,
                           slots_of=doc.code if sign is not None else None)

    # Typst runs outside the GIL: documents are typeset in parallel, in order; signing (Python)
    # and writing happen here, one document at a time, while the next ones are typeset.
    workers = max(1, min(8, os.cpu_count() or 1))
    with staging(out) as tmp:
        pool = ThreadPoolExecutor(workers)
        try:
            for n, ((_, _, doc), (pdf, slots)) in enumerate(
                    zip(jobs, pool.map(typeset, jobs), strict=True), 1):
                say(f"[{n}/{len(jobs)}] {doc.code} {doc.title}")
                if sign is not None:
                    pdf = sign(pdf, doc, slots)
                name = D.pdf_name(doc)
                (tmp / name).write_bytes(pdf)
                names.append(name)
        finally:  # on a failure, documents not yet typeset are dropped, not waited for
            pool.shutdown(wait=True, cancel_futures=True)
        files = publish(tmp, out, names, prune=not codes and not manual_only)
    return BuildResult(files, time.perf_counter() - started)
