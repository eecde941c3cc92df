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
from . import reports as R
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
               epoch: int | None = None, reports_only: bool = False,
               with_reports: bool | None = None) -> BuildResult:
    """Write the PDFs into `out`; all or nothing. Without codes the folder is pruned of PDFs of
    documents that no longer exist. A full build (no codes, not manual_only) and reports_only
    also write the report PDFs into out/rapoarte/ (pruned likewise); with_reports overrides.
    Report PDFs have no table 1: they are never signed."""
    started = time.perf_counter()
    say = progress or (lambda _m: None)
    epoch = source_epoch(qms.config.root) if epoch is None else epoch
    if reports_only:
        if codes or manual_only:
            raise BuildError("--reports-only builds the reports only: no CODEs, no --manual-only")
        with_manual, docs = False, []
    else:
        with_manual, docs = select(qms, codes, manual_only)
    if with_reports is None:
        with_reports = reports_only or (not codes and not manual_only)
    # (template, data, label, file name relative to out, document to sign or None)
    jobs: list[tuple[str, dict, str, str, Document | None]] = []
    if docs:
        say(f"converting {len(docs)} document bodies (pandoc)")
        items = [dict(D.base(qms, copy), doc=D.document(qms, d)) for d in docs]
        D.attach_bodies([i["doc"] for i in items])
        jobs += [("document.typ", i, f"{d.code} {d.title}", D.pdf_name(d), d)
                 for i, d in zip(items, docs, strict=True)]
    if with_manual and qms.manual is not None:
        say("converting the manual (pandoc)")
        jobs.insert(0, ("manual.typ", manual_data(qms, copy),
                        f"{qms.manual.code} {qms.manual.title}", D.pdf_name(qms.manual),
                        qms.manual))
    if with_reports:
        found = R.reports(qms, copy, epoch)
        if found:
            say(f"converting {len(found)} report pages (pandoc)")
        jobs += [(R.TEMPLATE, r.data, r.title, f"{R.FOLDER}/{r.name}", None) for r in found]
    names: list[str] = []

    def typeset(job: tuple[str, dict, str, str, Document | None]) -> tuple[bytes, list[SigSlot]]:
        template, data, what, _, doc = job
        return compile_pdf(template, data, epoch, what=doc.code if doc else what,
                           slots_of=doc.code if sign is not None and doc else None)

    # Typst runs outside the GIL: documents are typeset in parallel, in order; signing (Python)
    # and writing happen here, one document at a time, while the next ones are typeset.
    workers = max(1, min(8, os.cpu_count() or 1))
    with staging(out) as tmp:
        (tmp / R.FOLDER).mkdir()
        pool = ThreadPoolExecutor(workers)
        try:
            for n, ((_, _, what, name, doc), (pdf, slots)) in enumerate(
                    zip(jobs, pool.map(typeset, jobs), strict=True), 1):
                say(f"[{n}/{len(jobs)}] {what}")
                if sign is not None and doc is not None:
                    pdf = sign(pdf, doc, slots)
                (tmp / name).write_bytes(pdf)
                names.append(name)
        finally:  # on a failure, documents not yet typeset are dropped, not waited for
            pool.shutdown(wait=True, cancel_futures=True)
        top = [n for n in names if "/" not in n]
        files = publish(tmp, out, top, prune=not codes and not manual_only and not reports_only) \
            if top or not reports_only else []
        sub = [n.split("/", 1)[1] for n in names if "/" in n]
        if with_reports and (sub or (out / R.FOLDER).is_dir()):
            files += publish(tmp / R.FOLDER, out / R.FOLDER, sub, prune=True)
    return BuildResult(files, time.perf_counter() - started)
