"""`qms pdf`: one PDF per controlled document and the complete quality manual, optionally signed.

Stages: model → JSON (data.py, manual.py) → Markdown bodies through pandoc (markdown.py) → Typst
(compile.py) → the manual's front matter and annexes joined (assemble.py) → optional PAdES
signatures (qms_docs.sign) → atomic move into the output folder (output.py).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..exceptions import BuildError, QmsError  # QmsError: a usage error (exit 2)
from ..model import QMS, Document
from ..progress import Step
from . import data as D
from . import reports as R
from .assemble import assemble, page_count
from .compile import SigSlot, compile_apart, compile_pdf, source_epoch
from .manual import annex_anchor, annexes_of, manual_data
from .markdown import kept
from .output import publish, staging
from .pdfcache import PdfCache
from .strings import strings

# sign(pdf bytes, document, signature cells of its table 1) -> signed pdf bytes
SignFn = Callable[[bytes, Document, list[SigSlot]], bytes]
Progress = Callable[[str], None]
# (template, data, label, file name relative to out or None (an annex only), document or None)
Job = tuple[str, dict, str, "str | None", "Document | None"]
ANNEX_DIR = ".annexes"  # in the staging folder: the annexes' unsigned PDFs
RACI_COLUMNS = 24  # job functions per table of the responsibility matrix (as in qms.typ)


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
            raise QmsError(f"unknown document code(s): {', '.join(unknown)}; known: "
                             f"{', '.join(sorted(known)) or 'none'}")
    want = set(codes or known)
    manual = qms.manual is not None and qms.manual.code in want
    if manual_only:
        if qms.manual is None:
            raise BuildError("the QMS has no manual (content/manual/manual.yml)")
        return True, []
    return manual, [d for d in qms.documents if d.code in want]


def _typeset_all(typeset: Callable[[Job], tuple[bytes, list[SigSlot]]],
                 jobs: list[Job]) -> Iterator[tuple[bytes, list[SigSlot]]]:
    """typeset(job) for every job, in order. Typst runs outside the GIL: a few documents are
    typeset in parallel (one per CPU, at most 4) while the caller signs and writes the previous
    ones; at most twice as many results wait, so memory stays flat whatever the number of jobs."""
    workers = max(1, min(4, os.cpu_count() or 1))
    pool = ThreadPoolExecutor(workers)
    pending: deque[Future] = deque()
    try:
        todo = iter(jobs)
        for job in islice(todo, 2 * workers):
            pending.append(pool.submit(typeset, job))
        while pending:
            result = pending.popleft().result()
            for job in islice(todo, 1):
                pending.append(pool.submit(typeset, job))
            yield result
    finally:  # on a failure, documents not yet typeset are dropped, not waited for
        for f in pending:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _front_matter(qms: QMS, copy: str, pages: dict[str, int], epoch: int, with_slots: bool
                  ) -> tuple[bytes, list[SigSlot], list[tuple[int, bytes]]]:
    """The manual's front matter (untagged, see assemble.py), the signature cells of its table 1
    and the parts typeset apart: (index of the first placeholder page, PDF). Each Typst run is
    a child process (compile_apart): the largest layouts of the build, freed when they end.

    The responsibility matrix (activities × job functions) is by far the largest layout: its
    tables (24 job functions each, each from a new page) are typeset apart, once to know their
    length, then with their page numbers in the manual."""
    man = qms.manual
    if man is None:  # pragma: no cover - callers check first
        raise BuildError("the QMS has no manual")
    data = manual_data(qms, copy, pages)
    slots_of = man.code if with_slots else None
    raci = data["raci"]
    if not raci["rows"]:
        front, slots = compile_apart("manual.typ", data, epoch, man.code, slots_of, tags=False)
        return front, slots, []
    what = f"{man.code} (RACI)"
    common = {k: data[k] for k in ("lang", "t", "copy", "org", "manual")}
    n = len(raci["roles"])
    parts = [dict(common, intro=i == 0, raci={
        "roles": raci["roles"][i:i + RACI_COLUMNS],
        "rows": [dict(r, cells=r["cells"][i:i + RACI_COLUMNS]) for r in raci["rows"]]})
        for i in range(0, max(1, n), RACI_COLUMNS)]

    def typeset(numbered: list[tuple[dict, int, int]]) -> list[bytes]:
        with ThreadPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as pool:
            return list(pool.map(lambda job: compile_apart(
                "raci.typ", dict(job[0], first=job[1], total=job[2]), epoch, what,
                tags=False)[0], numbered))

    counts = [page_count(pdf) for pdf in typeset([(part, 1, 1) for part in parts])]
    data["raci-pages"] = sum(counts)
    found: dict[str, list] = {"qms-raci": [], "qms-raci-end": []}
    front, slots = compile_apart("manual.typ", data, epoch, man.code, slots_of, tags=False,
                                 marks=found)
    if len(found["qms-raci"]) != 1 or len(found["qms-raci-end"]) != 1 or \
            found["qms-raci-end"][0]["page"] - found["qms-raci"][0]["page"] + 1 != \
            data["raci-pages"]:
        raise BuildError(f"{what}: its place in the manual is not {data['raci-pages']} pages")
    mark = found["qms-raci"][0]
    offsets = [sum(counts[:i]) for i in range(len(parts))]
    pdfs = typeset([(part, mark["x"] + o, mark["y"]) for part, o in zip(parts, offsets,
                                                                       strict=True)])
    if [page_count(pdf) for pdf in pdfs] != counts:
        raise BuildError(f"{what}: page count changed between two runs")
    return front, slots, [(int(mark["page"]) - 1 + o, pdf) for o, pdf in zip(offsets, pdfs,
                                                                              strict=True)]


def build_pdfs(qms: QMS, out: Path, codes: list[str] | None = None, manual_only: bool = False,
               copy: str = "1", sign: SignFn | None = None, progress: Progress | None = None,
               epoch: int | None = None, reports_only: bool = False,
               with_reports: bool | None = None, reuse: bool = True) -> BuildResult:
    """Write the PDFs into `out`; all or nothing. Without codes the folder is pruned of PDFs of
    documents that no longer exist. A full build (no codes, not manual_only) and reports_only
    also write the report PDFs into out/rapoarte/ (pruned likewise); with_reports overrides.
    Report PDFs have no table 1: they are never signed. reuse: typeset PDFs of .qms-cache/pdf/
    (pdfcache.py); a release typesets everything afresh."""
    with kept(qms.config.root, reuse):  # pandoc runs for the bodies that changed only
        started = time.perf_counter()
        say = progress or (lambda _m: None)
        epoch = source_epoch(qms.config.root) if epoch is None else epoch
        if reports_only:
            if codes or manual_only:
                raise BuildError("--reports-only builds the reports only: no CODEs, no "
                                 "--manual-only")
            with_manual, docs = False, []
        else:
            with_manual, docs = select(qms, codes, manual_only)
        if with_reports is None:
            with_reports = reports_only or (not codes and not manual_only)
        manual = qms.manual if with_manual else None
        annexes = annexes_of(qms) if manual is not None else []
        wanted = {d.code for d in docs}
        extra = [d for d in annexes if d.code not in wanted]  # annexes not built as documents
        # (template, data, label, file name relative to out or None, document to sign or None)
        jobs: list[Job] = []
        if docs or extra:
            say(f"converting {len(docs) + len(extra)} document bodies (pandoc)")
            items = [dict(D.base(qms, copy), doc=D.document(qms, d)) for d in docs + extra]
            D.attach_bodies(qms, [i["doc"] for i in items])
            jobs += [("document.typ", i, f"{d.code} {d.title}", D.pdf_name(d), d)
                     for i, d in zip(items, docs, strict=False)]
            jobs += [("document.typ", i, f"{d.code} {d.title}", None, d)
                     for i, d in zip(items[len(docs):], extra, strict=True)]
        if with_reports:
            found = R.reports(qms, copy, epoch)
            if found:
                say(f"converting {len(found)} report pages (pandoc)")
            jobs += [(R.TEMPLATE, r.data, r.title, f"{R.FOLDER}/{r.name}", None) for r in found]
        names: list[str] = []
        annexed = {d.code for d in annexes}
        annex_files: dict[str, Path] = {}  # code → unsigned PDF of the annex
        annex_pages: dict[str, int] = {}
        total = len(jobs) + (manual is not None)

        def typeset(job: Job) -> tuple[bytes, list[SigSlot]]:
            template, data, what, name, doc = job
            # large reports (registers of the whole QMS) are typeset in a child process, so that
            # the memory Typst keeps after them does not stay with this one; a small one is not
            # worth the child's start-up (about a second against a tenth)
            large = template == R.TEMPLATE and len(data.get("body", "")) > R.LARGE_BODY
            run = compile_apart if large else compile_pdf
            slots_of = doc.code if sign is not None and doc and name else None
            key = cached.key(template, data, epoch, slots_of, large)
            got = cached.get(key)
            if got is None:
                got = run(template, data, epoch, what=doc.code if doc else what, slots_of=slots_of)
                cached.put(key, *got)
            return got

        cached = PdfCache(qms.config.root, reuse)
        with staging(out) as tmp:
            (tmp / R.FOLDER).mkdir()
            (tmp / ANNEX_DIR).mkdir()
            for n, ((_, _, what, name, doc), (pdf, slots)) in enumerate(
                    zip(jobs, _typeset_all(typeset, jobs), strict=True), 1):
                say(Step.of(what + ("" if name else " (annex of the manual)"), n, total))
                if doc is not None and doc.code in annexed:
                    # the annex is the document's own PDF, unsigned
                    annex_pages[doc.code] = page_count(pdf)
                    if name is None or sign is not None:
                        annex_files[doc.code] = tmp / ANNEX_DIR / f"{len(annex_files):06d}.pdf"
                        annex_files[doc.code].write_bytes(pdf)
                    else:
                        annex_files[doc.code] = tmp / name
                if name is None:
                    continue
                if sign is not None and doc is not None:
                    pdf = sign(pdf, doc, slots)
                (tmp / name).write_bytes(pdf)
                names.append(name)
                del pdf
            if manual is not None:
                say(Step.of(f"{manual.code} {manual.title}", total, total))
                front, slots, inserts = _front_matter(qms, copy, annex_pages, epoch,
                                                      with_slots=sign is not None)
                name = D.pdf_name(manual)
                assemble(front, [(annex_anchor(d), annex_files[d.code]) for d in annexes],
                         strings(qms.config.language)["annexes"], tmp / name, inserts)
                del front
                if sign is not None:
                    (tmp / name).write_bytes(sign((tmp / name).read_bytes(), manual, slots))
                names.insert(0, name)
            say(f"moving {len(names)} PDF(s) into {out}")
            publish(tmp, out, prune_top=not codes and not manual_only and not reports_only,
                    prune_sub=R.FOLDER if with_reports else None, scratch=(ANNEX_DIR,))
        cached.prune(max(200, 2 * len(jobs)))
        files = [out.resolve() / n for n in names]
        return BuildResult(files, time.perf_counter() - started)
