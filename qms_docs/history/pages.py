"""Document-control pages for the site: versions in force on the build date, every version's
validity interval, each document's history from git, periodic review and acknowledgements.

Same interface as the other page providers: `pages(qms, lang) -> {site path: Markdown}`.
Every value from the content is escaped; the build date comes from SOURCE_DATE_EPOCH (or the
HEAD commit), so a rebuild of the same commit gives the same pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..caf.md import date as fmt_date
from ..caf.md import esc, table
from ..exceptions import HistoryError
from ..load.markdown import parse_markdown
from ..model import QMS, Document
from ..model.editions import edition_number
from .documents import DocumentHistory, histories_of
from .gitlog import GitRepo
from .redline import changed_blocks
from .redline_html import render, site_markdown
from .review import ack_status, review_status

_L = {
    "ro": {
        "in_force": "Documente în vigoare la data {d}",
        "in_force_intro": "Ediția și revizia aplicabile ale fiecărui document la data aleasă "
                          "(implicit, data construirii acestui site). Alegeți orice dată de "
                          "audit; tabelul al doilea arată intervalul de valabilitate al "
                          "fiecărei versiuni.",
        "no_history": "Atenție: site construit fără istoricul depozitului; versiunile "
                      "sunt cele din tabelul 2 al fiecărui document, iar documentele retrase "
                      "nu au textele versiunilor anterioare.",
        "histories": "Istoricul documentelor", "all_versions": "Versiunile documentului",
        "histories_intro": "Pentru fiecare document: evidența edițiilor și reviziilor, "
                           "modificările față de versiunea anterioară și fiecare versiune, "
                           "așa cum a fost.",
        "code": "Cod", "title": "Titlu", "edition": "Ediția", "revision": "Revizia",
        "from": "În vigoare de la", "to": "Până la", "status": "Stare",
        "current": "în vigoare", "obsolete": "PERIMAT", "future": "intră în vigoare",
        "retired": "RETRAS",
        "versions": "Toate versiunile", "history": "Istoricul documentului {c}",
        "future_at": "intră în vigoare la {d}",
        "git": "Modificările înregistrate", "date": "Data", "author": "Autor",
        "change": "Modificare", "commit": "Cod modificare",
        "none": "Nicio modificare înregistrată.",
        "table2": "Evidența edițiilor și reviziilor (tabelul 2)", "component": "Componenta",
        "description": "Descrierea modificării",
        "review": "Analiza periodică a documentelor",
        "last": "Ultima analiză", "due": "Termen", "owner": "Responsabil",
        "overdue": "depășit", "due_soon": "scadent", "ok": "în termen",
        "acks": "Luări la cunoștință nefinalizate", "version": "Versiunea",
        "function": "Funcția", "person": "Titular", "purpose": "Scop",
        "acks_none": "Toate persoanele din listele de difuzare au confirmat versiunea în vigoare.",
        "index": "Controlul documentelor",
        "redline": "Modificări față de versiunea anterioară ({old} → {new})",
        "legend": "<ins>text inserat</ins> · <del>text șters</del>",
        "index_intro": "Paginile de mai jos sunt generate din evidența modificărilor documentelor "
                       "și din datele lor de control.",
    },
    "en": {
        "in_force": "Documents in force on {d}",
        "in_force_intro": "The edition and revision of each document that applied on the date "
                          "chosen (by default, the day this site was built). Choose any audit "
                          "date; the second table gives every version's validity interval.",
        "no_history": "Warning: built without the repository's history (git); the versions "
                      "are those of each document's table 2, and withdrawn documents have no "
                      "texts of their earlier versions.",
        "histories": "Document histories", "all_versions": "Versions of the document",
        "histories_intro": "For every document: its editions and revisions, the changes from "
                           "the previous version, and every version as it was.",
        "code": "Code", "title": "Title", "edition": "Edition", "revision": "Revision",
        "from": "In force from", "to": "Until", "status": "Status",
        "current": "in force", "obsolete": "OBSOLETE", "future": "takes effect",
        "retired": "WITHDRAWN",
        "versions": "All versions", "history": "History of {c}",
        "future_at": "takes effect on {d}",
        "git": "Changes recorded in the repository", "date": "Date", "author": "Author",
        "change": "Change", "commit": "Change id",
        "none": "No change recorded in the repository.",
        "table2": "Editions and revisions (table 2)", "component": "Component",
        "description": "Description of the change",
        "review": "Periodic review of documents",
        "last": "Last review", "due": "Due", "owner": "Owner",
        "overdue": "overdue", "due_soon": "due", "ok": "on time",
        "acks": "Pending acknowledgements", "version": "Version",
        "function": "Function", "person": "Holder", "purpose": "Purpose",
        "acks_none": "Everyone on the distribution lists acknowledged the version in force.",
        "index": "Document control",
        "redline": "Changes from the previous version ({old} → {new})",
        "legend": "<ins>inserted text</ins> · <del>deleted text</del>",
        "index_intro": "The pages below are generated from the repository history (git) and "
                       "the documents' control data.",
    },
}


def build_date(qms: QMS) -> dt.date:
    """The build's day (SOURCE_DATE_EPOCH, else now) in the authority's time zone."""
    from ..clock import build_date as day

    return day(qms.config.timezone)


def pages(qms: QMS, lang: str = "ro") -> dict[str, str]:
    t = _L["en" if lang == "en" else "ro"]
    today = build_date(qms)
    docs = sorted(qms.all_documents, key=lambda d: d.code)
    hist = histories_of(qms)
    from . import version_pages
    from .inforce import spans

    every = spans(qms)
    out = {
        "control/index.md": _index(t, fmt_date(today.isoformat(), lang)),
        "control/in-vigoare.md": register_page(qms, every, today, t, lang),
        "control/revizuire.md": _review_page(qms, today, t, lang),
        "control/istoric/index.md": f"# {t['histories']}\n\n{t['histories_intro']}\n",
    }
    versions = version_pages.pages(qms, lang, today)
    for d in docs:
        page = _history_page(d, hist.get(d.code), t, lang, qms.config.root,
                             qms.config.edition_numerals)
        out[f"control/istoric/{d.slug}.md"] = page + _version_links(
            d.code, every.get(d.code, []), versions, t, today.isoformat(), lang)
    out.update(versions)
    return out


def assets(qms: QMS) -> dict[str, bytes]:
    from .picker import SCRIPT, script

    return {SCRIPT: script()}


def _version_links(code: str, versions: list, pages_: dict[str, str], t: dict[str, str],
                   day: str, lang: str) -> str:
    """The history page's list of every version, each linked to its page."""
    from .inforce import entry
    from .version_pages import version_path

    rows = []
    for s in reversed(versions):
        path = version_path(code, s.edition, s.revision)
        label = f"{s.edition}.{s.revision}"
        cell = f"[{label}](../versiuni/{code.lower()}/{s.edition}.{s.revision}.md)" \
            if path in pages_ else label
        rows.append([cell, fmt_date(s.start, lang), fmt_date(s.end, lang) if s.end else "—",
                     esc(entry(s, day, lang).status)])
    if not rows:
        return ""
    return "\n".join(["", f"## {t['all_versions']}", "",
                      table([t["version"], t["from"], t["to"], t["status"]], rows, "llll"),
                      ""])


def _index(t: dict[str, str], day: str) -> str:
    links = [f"- [{t['in_force'].format(d=day)}](in-vigoare.md)",
             f"- [{t['review']}](revizuire.md)"]
    return "\n".join([f"# {t['index']}", "", t["index_intro"], "", *links, ""])


def validity(doc: Document) -> list[tuple[int, int, str, str]]:
    """(edition, revision, from, until) for every version in table 2, oldest first; the version
    in force has until == ''. Rows without a date are skipped."""
    rows = sorted((r for r in doc.revisions if r.date), key=lambda r: (r.date, r.edition,
                                                                     r.revision))
    out = []
    for i, r in enumerate(rows):
        until = rows[i + 1].date if i + 1 < len(rows) else ""
        out.append((r.edition, r.revision, r.date, until))
    return out


def in_force_on(doc: Document, day: str) -> tuple[int, int, str] | None:
    """(edition, revision, from) of the version that applied on day, or None before the first."""
    hit = None
    for ed, rev, start, _ in validity(doc):
        if start <= day:
            hit = (ed, rev, start)
    if hit is None and doc.effective_date and doc.effective_date <= day:
        hit = (doc.edition, doc.revision, doc.effective_date)
    return hit


def register_page(qms: QMS, every: dict, today: dt.date, t: dict[str, str], lang: str) -> str:
    """The in-force register: the date field (picker.py; the answer for the build date without
    JavaScript), the boundary-day rule, and every version's validity interval, all from
    inforce.spans (the data `qms in-force` reads)."""
    from .picker import MARKER

    day = today.isoformat()
    numerals = qms.config.edition_numerals
    rows = []
    for code, versions in every.items():
        for s in reversed(versions):
            state = s.state(day)
            word = {"future": t["future_at"].format(d=fmt_date(s.start, lang)),
                    "obsolete": f"**{t['obsolete']}**", "withdrawn": f"**{t['retired']}**",
                    "in-force": t["current"]}[state]
            rows.append([f"[{esc(code)}](istoric/{code.lower()}.md)"
                         if qms.document(code) else esc(code),
                         edition_number(s.edition, numerals, lang), str(s.revision),
                         fmt_date(s.start, lang), fmt_date(s.end, lang) if s.end else "—",
                         word])
    warn = [] if GitRepo(qms.config.root).is_repo() else [
        '!!! warning ""', "", f"    {t['no_history']}", ""]
    return "\n".join([
        "---", "hide:", "  - toc", "---", "",  # the register's table needs the width
        f"# {t['in_force'].format(d=fmt_date(day, lang))}", "", *warn, t["in_force_intro"], "",
        MARKER, "", f"## {t['versions']}", "",
        table([t["code"], t["edition"], t["revision"], t["from"], t["to"], t["status"]], rows,
              "lrrlll"), ""])


def _link(d: Document) -> str:
    return f"[{esc(d.code)}](istoric/{d.slug}.md)"


def _history_page(d: Document, h: DocumentHistory | None, t: dict[str, str], lang: str,
                  root: Path, numerals: str = "roman") -> str:
    lines = [f"# {t['history'].format(c=esc(d.code))}", "", f"**{esc(d.title)}**", "",
             f"## {t['table2']}", ""]
    lines.append(table([t["edition"], t["revision"], t["component"], t["description"],
                        t["date"]],
                       [[edition_number(r.edition, numerals, lang), str(r.revision),
                         esc(r.component), esc(r.description),
                         fmt_date(r.date, lang)] for r in d.revisions], "rrlll"))
    if not h or not h.revisions:
        return "\n".join(lines + ["", f"## {t['git']}", "", t["none"], ""])
    lines += _redline(d, h, t, root)
    rows = []
    for r in h.revisions:
        version = f"{edition_number(r.edition, numerals, lang)} / {r.revision}" \
            if r.edition is not None else esc(r.version)
        rows.append([fmt_date(r.date[:10], lang), version, esc(r.author), esc(r.subject),
                     f"`{r.sha[:10]}`"])
    lines += ["", f"## {t['git']}", ""]
    lines.append(table([t["date"], t["edition"] + " / " + t["revision"].lower(), t["author"],
                        t["change"], t["commit"]], rows))
    return "\n".join(lines + [""])


def _redline(d: Document, h: DocumentHistory, t: dict[str, str], root: Path) -> list[str]:
    """The body of the version in force against the last commit of the previous version."""
    prev = next((r for r in h.revisions if r.edition is not None
                 and (r.edition, r.revision) != (d.edition, d.revision)), None)
    if prev is None:
        return []
    try:
        old = GitRepo(root).git("show", f"{prev.sha}:{prev.path}")
    except HistoryError:
        return []
    parsed, _ = parse_markdown(old)
    runs = changed_blocks(parsed.body, d.body)
    if not runs:
        return []
    md = site_markdown(root)  # the site's Markdown; the page is sanitised like any other
    head = t["redline"].format(old=prev.version, new=d.version)
    out = ["", f"## {head}", "", f'<p class="qms-redline-legend">{t["legend"]}</p>', ""]
    for run in runs:
        out += ['<div class="qms-redline">', render(run, md), "</div>", ""]
    return out


def _review_page(qms: QMS, today: dt.date, t: dict[str, str], lang: str) -> str:
    label = {"overdue": t["overdue"], "due": t["due_soon"], "ok": t["ok"]}
    rows = [[f"[{esc(r.code)}](istoric/{r.code.lower()}.md)", esc(r.title),
             fmt_date(r.last_review, lang), fmt_date(r.due, lang), esc(r.owner),
             f"**{label[r.status]}**" if r.status != "ok" else label[r.status]]
            for r in review_status(qms, today)]
    lines = [f"# {t['review']}", "",
             table([t["code"], t["title"], t["last"], t["due"], t["owner"], t["status"]], rows),
             "", f"## {t['acks']}", ""]
    acks = ack_status(qms, today)
    if not acks:
        return "\n".join(lines + [t["acks_none"], ""])
    lines.append(table([t["code"], t["version"], t["function"], t["person"], t["purpose"]],
                       [[esc(a.code), esc(a.version), esc(qms.role_name(a.role)), esc(a.name),
                         esc(a.purpose)] for a in acks]))
    return "\n".join(lines + [""])
