"""One page per version of every document, as it was: its text, its three tables (table 1 from
that version's own approval evidence, table 2 and the distribution list as its front matter
had them), who had to receive it and who confirmed, and a banner with its status and a link to
the version in force. Old versions are left out of the search index (Material's `search:
exclude`), so a search never lands on superseded text as if it applied.

The texts are the blobs the history pass found (one `git cat-file --batch` for all of them);
each page reuses the document page builder of the site."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial

from ..caf.md import date as fmt_date
from ..caf.md import esc, table
from ..model import QMS, Document
from .inforce import FUTURE, IN_FORCE, OBSOLETE, WITHDRAWN, Span, pick, spans
from .versions_text import documents_at

FOLDER = "control/versiuni"

_L = {
    "ro": {
        "title": "{c} {t} — ediția {e}, revizia {r}",
        IN_FORCE: "Această versiune este în vigoare de la {f}.",
        OBSOLETE: "Versiune perimată: a fost în vigoare de la {f} până la {u} inclusiv.",
        FUTURE: "Versiune care nu este încă în vigoare: intră în vigoare la {f}.",
        WITHDRAWN: "Document retras la {w}: această versiune a fost în vigoare de la {f} "
                   "până la {u} inclusiv.",
        "current": "Versiunea în vigoare la {d}: [ediția {e}, revizia {r}]({href}).",
        "none_now": "La {d} nicio versiune a documentului nu este în vigoare.",
        "page": "Pagina documentului", "history": "Istoricul documentului",
        "pdf": "Documentul PDF al acestei versiuni, semnat", "receipt": "Difuzare și primire",
        "receipt_intro": "Cine trebuia să primească această versiune, cine a confirmat "
                         "primirea (luarea la cunoștință) și când.",
        "function": "Funcția", "person": "Persoana", "purpose": "Scop", "received": "Primit la",
        "ack": "Luare la cunoștință", "withdrawn": "Exemplar retras la", "pending": "neconfirmat",
        "versions": "Versiunile documentului", "version": "Versiunea", "from": "De la",
        "to": "Până la", "status": "Stare",
        "status." + IN_FORCE: "în vigoare", "status." + OBSOLETE: "perimat",
        "status." + FUTURE: "intră în vigoare la {f}", "status." + WITHDRAWN: "retras",
    },
    "en": {
        "title": "{c} {t} — edition {e}, revision {r}",
        IN_FORCE: "This version is in force since {f}.",
        OBSOLETE: "Obsolete version: it was in force from {f} until {u} inclusive.",
        FUTURE: "Not in force yet: this version takes effect on {f}.",
        WITHDRAWN: "Document withdrawn on {w}: this version was in force from {f} until {u} "
                   "inclusive.",
        "current": "Version in force on {d}: [edition {e}, revision {r}]({href}).",
        "none_now": "On {d} no version of this document is in force.",
        "page": "The document's page", "history": "Document history",
        "pdf": "This version's signed PDF", "receipt": "Distribution and receipt",
        "receipt_intro": "Who had to receive this version, who confirmed receipt "
                         "(acknowledgement) and when.",
        "function": "Function", "person": "Person", "purpose": "Purpose",
        "received": "Received on", "ack": "Acknowledged", "withdrawn": "Copy withdrawn on",
        "pending": "not confirmed",
        "versions": "Versions of the document", "version": "Version", "from": "From",
        "to": "Until", "status": "Status",
        "status." + IN_FORCE: "in force", "status." + OBSOLETE: "obsolete",
        "status." + FUTURE: "takes effect on {f}", "status." + WITHDRAWN: "withdrawn",
    },
}


def version_path(code: str, edition: int, revision: int) -> str:
    return f"{FOLDER}/{code.lower()}/{edition}.{revision}.md"


def texts(qms: QMS) -> dict[tuple[str, int, int], Document]:
    """The model of every version the repository holds a text for (the one in the work tree
    for the current version), computed once per model."""
    if "version_texts" not in qms.derived:
        wanted = {}
        current = {(d.code, d.edition, d.revision): d for d in qms.all_documents}
        for code, versions in spans(qms).items():
            for s in versions:
                key = (code, s.edition, s.revision)
                if key not in current and s.blob:
                    wanted[key] = (s.path, s.blob)
        out = dict(documents_at(qms, wanted))
        out.update(current)
        qms.derived["version_texts"] = out
    return qms.derived["version_texts"]


def pages(qms: QMS, lang: str, today: dt.date) -> dict[str, str]:
    from ..site.ctx import Ctx
    from ..site.genmemo import memoized

    ctx = Ctx(qms, lang, today=today)
    t = _L["en" if lang == "en" else "ro"]
    day = today.isoformat()
    models = texts(qms)
    manual = qms.manual.code if qms.manual else ""
    out = {}
    for code, versions in spans(qms).items():
        if code == manual:
            continue  # the manual's approval covers its chapters too: its history page shows it
        now = pick(versions, day)
        for s in versions:
            doc = models.get((code, s.edition, s.revision))
            if doc is None:
                continue
            path = version_path(code, s.edition, s.revision)
            make = partial(_page, qms, ctx, t, doc, s, versions, now, day)
            # the current version's page shows its file; older ones are read from git
            out[path] = memoized(qms, path, doc, make) if qms.document(code) is doc \
                else make()
    return out


def _approved(qms: QMS, doc: Document, s: Span) -> Document:
    """A copy of the version's model with table 1 filled from its own evidence folder, checked
    against that version's text (its SHA-256); the current version is filled already."""
    current = qms.document(doc.code)
    if current is doc:
        return doc
    from ..approval.evidence import evidence_root, read_folder
    from ..approval.verify import verify_version
    from .versions_text import blob_bytes

    folder = evidence_root(qms) / doc.code / s.version
    if folder.is_dir() and s.blob:
        raw = blob_bytes(qms, [s.blob]).get(s.blob, b"")
        verify_version(qms, doc, read_folder(qms, doc.code, s.version, folder),
                       sha256=hashlib.sha256(raw).hexdigest())
    return doc


def _page(qms: QMS, ctx, t: dict[str, str], doc: Document, s: Span, versions: list[Span],
          now: Span | None, day: str) -> str:
    from ..site import paths
    from ..site.pages.documents import document_page

    here = version_path(doc.code, s.edition, s.revision)
    doc = _approved(qms, doc, s)
    title = t["title"].format(c=doc.code, t=doc.title, e=s.edition, r=s.revision)
    page = document_page(doc, ctx, here)
    body = page.split("\n\n", 2)[2] if page.startswith("---") else page  # front + H1 replaced
    state = s.state(day)
    lang = ctx.lang
    words = t[state].format(f=fmt_date(s.start, lang), u=fmt_date(s.end, lang),
                            w=fmt_date(s.withdrawn, lang))
    kind = {IN_FORCE: "success", OBSOLETE: "warning", FUTURE: "info", WITHDRAWN: "danger"}
    label = t["status." + state].format(f=fmt_date(s.start, lang))
    banner = [f'!!! {kind[state]} "{esc(label[:1].upper() + label[1:])}"',
              "", f"    {esc(words)}"]
    if now is not None and now is not s and now.state(day) == IN_FORCE:
        line = t["current"].format(d=fmt_date(day, lang), e=now.edition, r=now.revision,
                                   href=_rel(here, version_path(now.code, now.edition,
                                                                now.revision)))
        if (now.code, now.edition, now.revision) not in texts(qms):  # no text: no page
            line = line.replace("[", "").split("](")[0] + "."
        banner += ["", "    " + line]
    elif now is None or now.state(day) != IN_FORCE:
        banner += ["", "    " + esc(t["none_now"].format(d=fmt_date(day, lang)))]
    links = []
    if qms.document(doc.code) is not None:
        links.append(f"[{t['page']}]({_rel(here, paths.document(doc))})")
    links.append(f"[{t['history']}]({_rel(here, f'control/istoric/{doc.slug}.md')})")
    pdf = f"approvals/{doc.code}/{s.version}/{doc.code}-{s.version}.pdf"
    if pdf in qms.files.assets:
        links.append(f"[{t['pdf']}]({_rel(here, pdf)})")
    banner += ["", "    " + " · ".join(links)]
    head = '---\ntitle: "' + title.replace('"', "”") + '"\nsearch:\n  exclude: true\n---\n\n'
    return "\n".join([head.rstrip("\n"), "", f"# {esc(title)}", "", *banner, "",
                      _versions(t, here, versions, s, day, lang, texts(qms)), "",
                      body.rstrip("\n"), "",
                      receipt(qms, doc, t, lang), ""])


def _versions(t: dict[str, str], here: str, versions: list[Span], this: Span, day: str,
              lang: str, known: dict) -> str:
    """The document's versions, each linked to its page when the repository holds its text."""
    rows = []
    for v in reversed(versions):
        label = f"{v.edition}.{v.revision}"
        target = version_path(v.code, v.edition, v.revision)
        cell = f"**{label}**" if v is this else f"[{label}]({_rel(here, target)})" \
            if (v.code, v.edition, v.revision) in known else label
        rows.append([cell, fmt_date(v.start, lang), fmt_date(v.end, lang) if v.end else "—",
                     esc(t["status." + v.state(day)].format(f=fmt_date(v.start, lang)))])
    return table([t["version"], t["from"], t["to"], t["status"]], rows, "llll")


def receipt(qms: QMS, doc: Document, t: dict[str, str], lang: str) -> str:
    """Who must receive this version (table 3), who acknowledged it and when, who not yet."""
    acks = {}
    for a in qms.acknowledgements:
        if (a.document, a.edition, a.revision) == (doc.code, doc.edition, doc.revision):
            acks.setdefault(a.role, a)
    rows = []
    for r in doc.distribution:
        p = qms.who(r.person, r.received or doc.effective_date) if r.person else \
            qms.who(r.role, r.received or doc.effective_date) if doc.effective_date else None
        a = acks.get(r.role)
        ack = f"{esc(a.name)}, {fmt_date(a.date, lang)}" if a else \
            f"**{t['pending']}**" if r.purpose in ("aplicare", "informare") else "—"
        rows.append([esc(qms.role_name(r.role)), esc(p.name if p else ""), esc(r.purpose),
                     fmt_date(r.received, lang) if r.received else "—", ack,
                     fmt_date(r.withdrawn, lang) if r.withdrawn else "—"])
    return "\n".join([f"## {t['receipt']} {{ #qms-receipt }}", "", t["receipt_intro"], "",
                      table([t["function"], t["person"], t["purpose"], t["received"], t["ack"],
                             t["withdrawn"]], rows, "llllll") if rows else "—"])


def _rel(here: str, target: str) -> str:
    import posixpath

    return posixpath.relpath(target, posixpath.dirname(here))
