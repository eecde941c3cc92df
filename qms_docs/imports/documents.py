"""Import of Word documents: read, recognise, map, write into content/, check.

    import_documents(root, paths, options, progress=print) -> Report

One pandoc reading per file (in a few threads), one pandoc writing per output document; the
model and the people registry are shared and updated in order, so a folder gives the same result
as the files one by one."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from dataclasses import replace as with_fields
from pathlib import Path

from ..config import Config
from ..model import QMS
from ..swap import write_atomic
from .body import UNMAPPED, annex_title, assemble, asset_path, images
from .findings import Collector, ImportFinding
from .lookup import CODE_PATTERN, Lookup
from .mapping import Mapped, Options, front_matter
from .pandoc import read_ast, to_markdown_many
from .parts import Parts
from .people import Registry
from .recognise import recognise
from .sections_data import definitions, references
from .text import comma_below, slug
from .views import PART_KEYS, ordered, views
from .wordml import DocxError, WordDoc, read_docx
from .yamlout import emit

Progress = Callable[[str], None]
KIND_DIRS = {"system-procedure": "procedures", "operational-procedure": "procedures",
             "work-instruction": "instructions", "form": "forms"}
PROPERTY = "qms-data"  # custom property of the copies `qms docx` writes


@dataclass
class Written:
    """One output file of an import."""

    path: str            # repository-relative
    code: str
    kind: str
    text: str
    replaces: bool = False
    unchanged: bool = False  # the file already says the same: left as it is


@dataclass
class Outcome:
    """What became of one source file."""

    source: str
    findings: Collector
    documents: list[Written] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    sections: int = 0
    check: list = field(default_factory=list)  # check findings on the written files

    @property
    def code(self) -> str:
        return self.documents[0].code if self.documents else ""


@dataclass
class Read:
    source: str
    col: Collector
    doc: WordDoc | None = None
    ast: list = field(default_factory=list)
    parts: Parts | None = None
    media: Path | None = None


@dataclass
class Plan:
    read: Read
    mapped: Mapped
    front: dict
    annexes: list[tuple[int, dict]] = field(default_factory=list)


def import_documents(cfg: Config, qms: QMS, sources: list[tuple[str, Path]], opts: Options,
                     work: Path, replace: bool = False,
                     progress: Progress | None = None) -> tuple[list[Outcome], list[Written],
                                                                 dict[str, bytes]]:
    """Outcomes per source, the files to write (text) and the assets (bytes), nothing written."""
    say = progress or (lambda m: None)
    lk = Lookup.of(qms)
    opts = with_fields(opts, steps=cfg.approval_steps)  # table 1 maps to these steps
    known = lk.known()
    total = len(sources)

    def one(args: tuple[int, tuple[str, Path]]) -> Read:
        n, (name, path) = args
        r = Read(name, Collector(name))
        try:
            r.doc = read_docx(path.read_bytes())
        except DocxError as e:
            r.col.error("", "QMS901", f"cannot be read as a Word document: {e}",
                        "save it as .docx (Word 2007 or later)")
            return r
        except OSError as e:
            r.col.error("", "QMS901", f"cannot be read: {e.strerror}", "")
            return r
        marked = work / f"src-{n}.docx"
        marked.write_bytes(r.doc.marked)
        r.media = work / f"media-{n}"
        r.ast = read_ast(marked, r.media)
        r.parts = recognise(r.doc, r.col, known)
        say(f"read {n + 1}/{total} {name}")
        return r

    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        reads = list(pool.map(one, enumerate(sources)))
    registry = Registry.of(qms)
    taken = set(lk.codes)
    plans: list[Plan | None] = []
    outcomes = [Outcome(r.source, r.col) for r in reads]
    for r, out in zip(reads, outcomes, strict=True):
        plans.append(_plan(r, out, lk, opts, registry, taken, replace) if r.parts else None)
    for plan in plans:
        if plan:
            registry.settle(plan.front, plan.mapped.claims, plan.read.col)

    def render(args: tuple[Plan | None, Outcome]) -> tuple[list[Pending], dict[str, bytes]]:
        plan, out = args
        if plan is None or out.findings.errors and not plan.front.get("code"):
            return [], {}
        return _render(plan, out, lk)

    with ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        rendered = list(pool.map(render, zip(plans, outcomes, strict=True)))
    assets: dict[str, bytes] = {}
    for _, imgs in rendered:
        assets.update(imgs)
    files = _finish(outcomes, [docs for docs, _ in rendered])
    people = registry.additions()
    if people:
        from .people import people_yaml

        files.append(Written(f"{cfg.content_dir}/people.yml", "", "people", people_yaml(people)))
    return outcomes, files, assets


def _embedded(r: Read) -> dict | None:
    raw = r.doc.properties.get(PROPERTY) if r.doc else None
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        r.col.warning("", "QMS926", f"custom property '{PROPERTY}' is not readable: the copy is "
                      "read as any Word document", "")
        return None
    return data if isinstance(data, dict) and isinstance(data.get("front"), dict) else None


def _plan(r: Read, out: Outcome, lk: Lookup, opts: Options, registry: Registry,
          taken: set[str], replace: bool) -> Plan | None:
    assert r.parts is not None and r.doc is not None
    parts = r.parts
    out.parts = list(dict.fromkeys(["header"] * bool(parts.header.code or parts.header.title)
                                   + parts.found))
    out.sections = len(parts.sections)
    embedded = _embedded(r)
    seen = views(parts)
    unchanged = {p for p in PART_KEYS if embedded and
                 json.loads(json.dumps(seen[p])) == embedded.get("views", {}).get(p)}
    scratch = Collector(r.source)
    mapped = front_matter(parts, lk, opts, scratch if len(unchanged) == 4 else r.col, embedded)
    fm = mapped.front
    sec = {s.number: s for s in parts.sections}
    if 6 in sec:
        fm["references"] = references(r.doc.blocks, sec[6]) or fm.get("references", [])
    if 7 in sec:
        defs = definitions(r.doc.blocks, sec[7], r.col if not embedded else scratch)
        if defs:
            fm["definitions"] = defs
    if embedded:
        front = embedded["front"]
        for p, keys in PART_KEYS.items():
            if p in unchanged:
                for k in keys:
                    fm.pop(k, None)
                    if k in front:
                        fm[k] = front[k]
            else:
                r.col.note("", "QMS926", f"{p} changed in the Word copy: read from the copy",
                           "")
        for k, v in front.items():
            if not any(k in keys for keys in PART_KEYS.values()):
                fm[k] = v
        if len(unchanged) < 4:
            mapped.claims = [c for c in mapped.claims if c.field not in
                             {k for p in unchanged for k in PART_KEYS[p]}]
        else:
            mapped.claims = []
            mapped.extra_steps, mapped.extra_rows = [], []
    for k in ("references", "definitions"):
        if not fm.get(k):
            fm.pop(k, None)
    for c in mapped.claims:
        registry.claim(c, r.source, r.col)
    code = fm.get("code", "")
    if not code or not fm.get("kind") or not CODE_PATTERN.match(code):
        fm.pop("code", None)  # nothing is written without a valid code (it names the file)
        return Plan(r, mapped, ordered(fm))
    if code in taken and not (replace and code in lk.codes):
        where = lk.codes.get(code, "this import")
        r.col.error(parts.header.code.where if parts.header.code else "", "QMS904",
                    f"code {code} is already used by {where}",
                    "pass --replace to bring a Word copy of it back, or --code for a new code")
        fm.pop("code", None)
        return Plan(r, mapped, ordered(fm))
    taken.add(code)
    plan = Plan(r, mapped, ordered(fm))
    forms = []
    for n, a in enumerate(parts.annexes):
        if a.structural:
            continue
        fcode = a.code if a.code and a.code not in taken else _next_form(taken)
        taken.add(fcode)
        if fcode != a.code:
            r.col.note(a.where, "QMS923", f"annex '{annex_title(a, code)}' imported as form "
                       f"{fcode}" + (f" ({a.code} is taken)" if a.code else ""), "")
        else:
            r.col.note(a.where, "QMS923", f"annex imported as form {fcode}", "")
        forms.append(fcode)
        plan.annexes.append((n, _form_front(fm, fcode, annex_title(a, code), r.source)))
    if forms:
        fm["forms"] = list(dict.fromkeys(list(fm.get("forms", [])) + forms))
        plan.front = ordered(fm)
    return plan


def _next_form(taken: set[str]) -> str:
    nums = [int(c[2:]) for c in taken if re.fullmatch(r"F-\d+", c)]
    return f"F-{(max(nums) + 1 if nums else 1):02d}"


def _form_front(fm: dict, code: str, title: str, source: str) -> dict:
    form = {"code": code, "title": title, "kind": "form", "parent": fm.get("code", "")}
    for k in ("edition", "revision", "effective_date", "department", "process",
              "elaborated_by", "verified_by", "approved_by"):
        if k in fm:
            form[k] = fm[k]
    form["revisions"] = [{"edition": fm.get("edition", 1), "revision": fm.get("revision", 0),
                          "component": "Formular întreg",
                          "description": f"Formular anexat la {fm.get('code', '')}, preluat la "
                                         f"import din {Path(source).name}",
                          **({"date": fm["effective_date"]} if "effective_date" in fm else {})}]
    return ordered(form)


@dataclass
class Pending:
    """An output document whose body is still an AST."""

    front: dict
    ast: list
    path: str
    replaces: bool


def _render(plan: Plan, out: Outcome, lk: Lookup) -> tuple[list[Pending], dict[str, bytes]]:
    r = plan.read
    assert r.doc is not None and r.parts is not None
    fm = plan.front
    kind = fm.get("kind", "")
    bodies = assemble(r.doc, r.ast, r.parts, kind, r.source, plan.mapped.extra_steps,
                      plan.mapped.extra_rows, r.col)
    docs: list[Pending] = []
    assets: dict[str, bytes] = {}
    outputs = [(fm, bodies.procedure)] + [(f, bodies.annexes.get(n, [])) for n, f in plan.annexes]
    for front, ast in outputs:
        path = _path(front, lk)
        content_dir = path.split("/")[0]
        for img in images(ast):
            src = img["c"][2][0]
            target = asset_path(src, front["code"])
            try:
                data = Path(src).read_bytes()
            except OSError:
                continue
            assets[f"{content_dir}/{target}"] = data
            img["c"][2][0] = f"../{target}"
            if target.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif", ".webp"):
                r.col.warning("", "QMS924", f"image {target.name} is {target.suffix} (the site "
                              "shows PNG, JPEG, GIF, WebP)", "convert it to PNG")
        docs.append(Pending(front, ast, path, front["code"] in lk.codes))
    if bodies.unmapped:
        out.parts.append(f"{UNMAPPED.lower()} ({bodies.unmapped})")
    return docs, assets


def _finish(outcomes: list[Outcome], pending: list[list[Pending]]) -> list[Written]:
    """Markdown of every body (pandoc in batches), diacritics, the files' text."""
    flat = [p for group in pending for p in group]
    half = (len(flat) + 1) // 2
    with ThreadPoolExecutor(2) as pool:
        mds = [m for part in pool.map(to_markdown_many, [[p.ast for p in flat[:half]],
                                                          [p.ast for p in flat[half:]]])
               for m in part]
    files: list[Written] = []
    k = 0
    for out, group in zip(outcomes, pending, strict=True):
        changed = 0
        for p in group:
            body, n_body = comma_below(mds[k])
            k += 1
            front_text, n_front = comma_below(emit(p.front))
            changed += n_body + n_front
            w = Written(p.path, p.front["code"], p.front.get("kind", ""),
                        f"---\n{front_text}---\n\n{body}", p.replaces)
            out.documents.append(w)
            files.append(w)
        if changed:
            out.findings.note("", "QMS920", f"{changed} cedilla letter(s) ş ţ written as "
                              "comma-below ș ț", "")
    return files


def _path(front: dict, lk: Lookup) -> str:
    code = front["code"]
    if code in lk.codes:
        return lk.codes[code]  # a Word copy brought back keeps its file (and its history)
    folder = KIND_DIRS.get(front.get("kind", ""), "procedures")
    s = slug(front.get("title", ""))[:60].strip("-")
    return f"{lk.content_dir}/{folder}/{code}-{s}.md" if s else \
        f"{lk.content_dir}/{folder}/{code}.md"


def write_files(root: Path, files: list[Written], assets: dict[str, bytes]) -> None:
    """Each file written to a temporary name beside it, then moved in; people.yml appended."""
    for rel, data in sorted(assets.items()):
        write_atomic(root / rel, data)
    for w in files:
        target = root / w.path
        if w.kind == "people":
            _append_people(target, w.text)
        elif target.is_file() and _same_document(target.read_text("utf-8"), w.text):
            w.unchanged = True  # rewriting its bytes would void its approval (QMS709)
        else:
            write_atomic(target, w.text.encode("utf-8"))


def _same_document(old: str, new: str) -> bool:
    """The same front matter data and the same words of the body: only the layout differs."""
    from ..load.markdown import parse_markdown

    def parts(text: str) -> tuple[object, list[str]] | None:
        doc, problems = parse_markdown(text, scan=False)  # the loader's limits and safe YAML
        return None if problems or doc.front is None else (doc.front.data, doc.body.split())

    a = parts(old)
    return a is not None and a == parts(new)


def _append_people(path: Path, entries: str) -> None:
    if path.exists():
        text = path.read_text("utf-8")
        if not re.search(r"^people:\s*$", text, re.M):
            text = text.rstrip("\n") + "\npeople:\n"
        text = text.rstrip("\n") + "\n" + entries
    else:
        text = "# yaml-language-server: $schema=../schemas/people.schema.json\npeople:\n" + \
            entries
    write_atomic(path, text.encode("utf-8"))


def copy_repository(cfg: Config, dest: Path) -> Path:
    """What `--dry-run` checks against: qms.yml and content/ copied to dest."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("qms.yml", "mkdocs.yml"):
        if (cfg.root / name).exists():
            shutil.copy2(cfg.root / name, dest / name)
    shutil.copytree(cfg.content, dest / cfg.content_dir, symlinks=True)
    return dest


def all_findings(outcomes: list[Outcome]) -> list[ImportFinding]:
    return [f for o in outcomes for f in o.findings.items]
