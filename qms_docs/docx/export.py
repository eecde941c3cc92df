"""`qms docx`: an editable Word copy of a controlled document in the OSGG 600 layout.

The body goes through pandoc's docx writer with a reference document the authority can restyle
(`docx.reference` in qms.yml; the default ships in this package). The page header (authority,
department, kind and title, code, edition, revision, page X of Y, copy), tables 1-3 and the
notice that the copy is not controlled are added here. The copy carries, as a custom document
property, the document's front matter and what each OSGG part shows (imports/views.py), so
`qms import --replace` of the copy gives the same front matter back where Word changed nothing.

Written to a temporary file beside the target and moved in; the zip is deterministic
(SOURCE_DATE_EPOCH, or the commit date) so the same commit gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ..caf.md import date as fmt_date
from ..caf.md import esc, table
from ..config import Config, load_config
from ..exceptions import BuildError, CheckFailed
from ..imports.text import key
from ..model import QMS, Document
from ..model.documents import STEPS
from ..pdf.data import pdf_name, person_name
from ..pdf.strings import strings
from ..swap import write_atomic
from .package import finish

# pandoc's own Markdown reader, without raw markup of any kind: the Word copy is an editing
# aid that `qms import` reads back, so Markdown it does not know stays as written text.
READER = ("markdown-raw_attribute-raw_html-raw_tex-auto_identifiers-yaml_metadata_block"
          "-citations-implicit_figures-tex_math_dollars")

NOTICE_RO = ("Copie editabilă, necontrolată, a documentului {code}, ediția {e}, revizia {r}, "
             "generată la {day} din depozitul SMC. Versiunea controlată este cea din depozit; "
             "modificările făcute aici intră în vigoare numai după ce sunt aduse înapoi "
             "(qms import --replace) și aprobate.")
NOTICE_EN = ("Editable, uncontrolled copy of {code}, edition {e}, revision {r}, made on {day} "
             "from the QMS repository. The controlled version is the one in the repository; "
             "changes made here apply only once brought back (qms import --replace) and "
             "approved.")


def default_reference() -> Path:
    return Path(str(resources.files("qms_docs").joinpath("docx", "reference.docx")))


def save_default_reference(path: Path) -> None:
    data = default_reference().read_bytes()
    write_atomic(path, data)


def reference_of(cfg: Config) -> Path:
    ref = (cfg.docx or {}).get("reference") if cfg.docx else None
    if not ref:
        return default_reference()
    path = (cfg.root / ref).resolve()
    if not path.is_relative_to(cfg.root) or not path.is_file():
        raise BuildError(f"qms.yml docx.reference: {ref} is not a file in the repository")
    return path


def export_docx(root: Path | str, codes: list[str], out: Path,
                progress: Callable[[str], None] | None = None) -> list[Path]:
    from ..check import run_check

    cfg = load_config(root)
    result = run_check(cfg.root, cfg=cfg, history=False)
    if result.errors:
        raise CheckFailed(result.findings)
    qms = result.qms
    docs = _select(qms, codes)
    ref = reference_of(cfg)
    out = out if out.is_absolute() else Path.cwd() / out
    out.mkdir(parents=True, exist_ok=True)
    epoch = _epoch(cfg)
    written = []
    for n, doc in enumerate(docs, 1):
        data = document_docx(qms, doc, ref, epoch)
        target = out / (pdf_name(doc).removesuffix(".pdf") + ".docx")
        write_atomic(target, data)
        written.append(target)
        if progress:
            progress(f"docx {n}/{len(docs)} {doc.code}")
    return written


def _select(qms: QMS, codes: list[str]) -> list[Document]:
    if not codes:
        return list(qms.documents)
    out = []
    for c in codes:
        doc = next((d for d in qms.documents if d.code == c), None)
        if doc is None:
            known = "the manual's chapters are not exported" if qms.manual and \
                c == qms.manual.code else f"unknown document code {c}"
            raise BuildError(f"{c}: {known}")
        out.append(doc)
    return out


def _epoch(cfg: Config) -> int:
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        proc = subprocess.run(["git", "-C", str(cfg.root), "log", "-1", "--format=%ct"],
                              capture_output=True, text=True, timeout=30)
        if proc.returncode == 0 and proc.stdout.strip().isdigit():
            return int(proc.stdout.strip())
    except OSError:
        pass
    return 1767225600


def _name(qms: QMS, role: str, day: str, written: str) -> str:
    if written:
        return written
    person = qms.holder(role, day) if day else None
    if person:
        return person.name
    r = qms.role(role)
    return r.holder if r and r.holder else ""


def parts_of(qms: QMS, doc: Document) -> dict:
    """What the copy shows of each OSGG part: the rows (display text) and their views."""
    lang = qms.config.language
    t = strings(lang)
    dept = qms.department_name(doc.department) if doc.department else ""
    approvals = sorted(doc.approvals, key=lambda a: STEPS.index(a.step)
                       if a.step in STEPS else len(STEPS))
    t1 = [(a.step, t.get(a.step, a.step), _name(qms, a.role, a.date, a.name),
           qms.role_name(a.role) if a.role else "", a.date) for a in approvals]
    t2 = [(r.edition, r.revision, t["edition-n"].format(e=r.edition) if r.revision == 0 else
           f"{t['edition-n'].format(e=r.edition)}, {t['revision-n'].format(r=r.revision).lower()}",
           r.component, r.description, r.date) for r in doc.revisions]
    t3 = []
    for d in doc.distribution:
        role = qms.role(d.role)
        did = d.department or (role.department if role else "")
        t3.append((d.purpose, d.copy, qms.department_name(did) if did else "",
                   role.name if role else d.role,
                   person_name(qms, d.person, d.role, d.received or doc.effective_date),
                   d.received, d.withdrawn))
    views = {
        "header": [key(doc.title), key(doc.code), str(doc.edition), str(doc.revision), key(dept),
                   doc.effective_date],
        "table 1": [[s, key(n), key(f), d] for s, _, n, f, d in t1],
        "table 2": [[e, r, key(c), key(x), d] for e, r, _, c, x, d in t2],
        "table 3": [[p, c or 0, key(dp), key(f), key(n), r, w] for p, c, dp, f, n, r, w in t3],
    }
    return {"dept": dept, "t1": t1, "t2": t2, "t3": t3, "views": views}


def markdown(qms: QMS, doc: Document, parts: dict) -> str:
    """tables 1-3 and the body, headings one level up (pandoc shifts them by -1)."""
    lang = qms.config.language
    t = strings(lang)
    none = t["none"]

    def d(iso: str) -> str:
        return esc(fmt_date(iso, lang)) if iso else none

    # table 1 in the OSGG 600/2018 form: the column numbers 1-5 under the header, rows
    # numbered per step; a further signer of a step has its own row, number and label left to
    # the step's first row (as Word's merged cell reads back in qms import)
    t1 = table([t["nr"], t["operations"], t["name"], t["function"], t["date"], t["signature"]],
               [["", "1", "2", "3", "4", "5"]]
               + [[nr, esc(label) if nr else "", esc(name) or none, esc(func) or none, d(day),
                   ""] for nr, (_, label, name, func, day) in zip(_numbers(parts["t1"]),
                                                                   parts["t1"], strict=True)])
    t2 = table([t["nr"], t["edition-revision"], t["component"], t["how-revised"],
                t["applies-from"]],
               [[f"2.{i}", esc(label), esc(comp) or none, esc(desc) or none, d(day)]
                for i, (_, _, label, comp, desc, day) in enumerate(parts["t2"], 1)]
               or [[none] * 5])
    t3 = table([t["nr"], t["purpose"], t["copy-no"], t["department"], t["function"], t["name"],
                t["received"], t["signature"], t["withdrawn"], t["withdrawal-signature"]],
               [[f"3.{i}", esc(p), str(c or ""), esc(dp) or none, esc(f) or none,
                 esc(n) or none, d(r), "", d(w), ""]
                for i, (p, c, dp, f, n, r, w) in enumerate(parts["t3"], 1)]
               or [[none] * 10])
    return "\n\n".join([f"## {esc(t['table1'])}", t1, f"## {esc(t['table2'])}", t2,
                        f"## {esc(t['table3'])}", t3, doc.body.strip(), ""])


def _numbers(t1: list[tuple]) -> list[str]:
    """1.1, 1.2 ... per step, "" on the rows of a step's further signers."""
    steps = list(dict.fromkeys(step for step, *_ in t1))
    seen: set[str] = set()
    out = []
    for step, *_ in t1:
        out.append("" if step in seen else f"1.{steps.index(step) + 1}")
        seen.add(step)
    return out


def document_docx(qms: QMS, doc: Document, reference: Path, epoch: int) -> bytes:
    from ..imports.pandoc import pandoc_path
    from ..pdf.markdown import min_heading_level

    parts = parts_of(qms, doc)
    md = markdown(qms, doc, parts)
    shift = 1 - min(2, min_heading_level(doc.body))
    with tempfile.TemporaryDirectory(prefix="qms-docx-") as tmp:
        target = Path(tmp) / "out.docx"
        cmd = [pandoc_path(), "-f", READER, "-t", "docx", "--reference-doc", str(reference),
               f"--shift-heading-level-by={shift}", "-o", str(target)]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
        try:
            proc = subprocess.run(cmd, input=md.encode("utf-8"), capture_output=True,
                                  timeout=300, env=env)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise BuildError(f"pandoc failed: {e}") from e
        if proc.returncode != 0:
            raise BuildError(f"pandoc failed on {doc.code}: "
                             f"{proc.stderr.decode('utf-8', 'replace').strip()}")
        raw = target.read_bytes()
    lang = qms.config.language
    t = strings(lang)
    day = dt.datetime.fromtimestamp(epoch, dt.UTC).date().isoformat()
    notice = (NOTICE_EN if lang == "en" else NOTICE_RO).format(
        code=doc.code, e=doc.edition, r=doc.revision, day=fmt_date(day, lang))
    header = {
        "authority": qms.organisation.name or qms.organisation.short_name or "",
        "department": (("Department: " if lang == "en" else "Structura emitentă: ") +
                       parts["dept"]) if parts["dept"] else "",
        "kind": t.get(f"kind-{doc.kind}", doc.kind), "title": doc.title,
        "code": f"{t['code']}: {doc.code}", "edition": f"{t['edition']}: {doc.edition}",
        "revision": f"{t['revision']}: {doc.revision}",
        "effective": f"{'Effective from' if lang == 'en' else 'În vigoare de la'}: "
                     f"{fmt_date(doc.effective_date, lang)}" if doc.effective_date else "",
        "page": (t["page"], t["of"]), "copy": f"{t['copy']} ____",
    }
    front = doc.where.file.data if isinstance(doc.where.file.data, dict) else {}
    prop = json.dumps({"front": front, "views": parts["views"]}, ensure_ascii=False,
                      sort_keys=True, default=str)
    return finish(raw, header, notice, {"qms-data": prop}, epoch)
