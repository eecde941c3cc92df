"""Which version of each document was in force on a given day: one function gives every version's
validity interval (`spans`), the CLI (`qms in-force`) and the site's date field both read it.

The boundary-day rule (stated in the CLI help, the README and on the register page):
a version is in force from its effective date inclusive; the version it replaces stops being in
force at the end of the day before. On the day a new version takes effect, the new one is in
force. A withdrawn document's last version is in force until the day before the withdrawal's
date; from that day on the document is "retras". A version dated after the day asked about is
"intră în vigoare la ..." (not yet in force).

Versions come from each document's table 2 (`revisions`) and, for each version the repository
holds, the effective date its own front matter declared (git history, one pass, shared with the
history pages). A withdrawn document's versions come from the text its file had before deletion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from ..caf.md import date as fmt_date
from ..exceptions import HistoryError
from ..model import QMS, Document
from .documents import DocumentHistory, histories_of
from .gitlog import GitRepo

IN_FORCE, OBSOLETE, WITHDRAWN, FUTURE = "in-force", "obsolete", "withdrawn", "future"

STATUS = {
    "ro": {IN_FORCE: "în vigoare", OBSOLETE: "perimat", WITHDRAWN: "retras",
           FUTURE: "intră în vigoare la {d}"},
    "en": {IN_FORCE: "in force", OBSOLETE: "obsolete", WITHDRAWN: "withdrawn",
           FUTURE: "takes effect on {d}"},
}
RULE = {
    "ro": "Regula zilei de trecere: o versiune este în vigoare începând cu data intrării în "
          "vigoare, inclusiv; versiunea pe care o înlocuiește se aplică până în ziua dinainte, "
          "inclusiv. Un document retras se aplică până în ziua dinaintea datei retragerii.",
    "en": "Boundary-day rule: a version is in force from its effective date inclusive; the "
          "version it replaces applies until the day before, inclusive. A withdrawn document "
          "applies until the day before the withdrawal date.",
}


@dataclass(frozen=True)
class Span:
    """One version and the days it was in force, both ends inclusive ('' = no end yet)."""

    code: str
    title: str
    edition: int
    revision: int
    start: str  # effective date, YYYY-MM-DD
    end: str  # last day in force, or ""
    withdrawn: str = ""  # the withdrawal date of the document, on its last version only
    sha: str = ""  # the last commit holding this version's text ("" when git has none)
    path: str = ""  # repository-relative path of the file at that commit
    blob: str = ""  # the text's blob at that commit

    @property
    def version(self) -> str:
        return f"{self.edition}.{self.revision}"

    def state(self, day: str) -> str:
        if day < self.start:
            return FUTURE
        if self.withdrawn and day >= self.withdrawn:
            return WITHDRAWN
        if self.end and day > self.end:
            return OBSOLETE
        return IN_FORCE


@dataclass(frozen=True)
class Entry:
    """A row of the answer: a version and its status on the day asked about."""

    code: str
    title: str
    edition: int
    revision: int
    start: str
    end: str
    state: str
    status: str  # the state in words, in the site's language

    def to_json(self) -> dict:
        d = asdict(self)
        d["from"], d["to"] = d.pop("start"), d.pop("end")
        return d


def day_before(iso: str) -> str:
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def require_history(qms: QMS) -> None:
    """The in-force answer needs the whole history: outside git, in a shallow or partial clone,
    or before the first commit, refuse instead of listing a plausible but wrong register."""
    from .base import SHALLOW_HINT, refuse_incomplete

    repo = GitRepo(qms.config.root)
    if not repo.is_repo():
        raise HistoryError(f"{qms.config.root} is not a git repository: which version was in "
                           "force on a past date is read from the history; run it in a clone "
                           f"of the documents' repository ({SHALLOW_HINT})")
    refuse_incomplete(repo, "the in-force register")
    try:
        repo.resolve("HEAD")
    except HistoryError as e:
        raise HistoryError("the repository has no commit yet: nothing was ever in force; "
                           "commit the documents first") from e


def spans(qms: QMS) -> dict[str, list[Span]]:
    """Every document's versions, oldest first, with the days each was in force; withdrawn
    documents included. Computed once per model."""
    if "in_force_spans" not in qms.derived:
        from ..approval.withdrawal import withdrawals_of

        hist = histories_of(qms)
        out: dict[str, list[Span]] = {}
        for doc in qms.all_documents:
            out[doc.code] = _spans(doc, hist.get(doc.code), "")
        withdrawn = withdrawals_of(qms)
        last = _last_texts(qms, hist, withdrawn)
        for code, w in withdrawn.items():
            doc = last.get(code) or w
            out[code] = _spans(doc, hist.get(code), w.effective_date, w)
        qms.derived["in_force_spans"] = dict(sorted(out.items()))
    return qms.derived["in_force_spans"]


def _last_texts(qms: QMS, hist: dict[str, DocumentHistory], withdrawn: dict[str, Document]
                ) -> dict[str, Document]:
    """The model of each withdrawn document as its file was before deletion (its table 2)."""
    from .versions_text import documents_at

    wanted = {}
    for code in withdrawn:
        h = hist.get(code)
        rev = next((r for r in h.revisions if r.blob), None) if h else None
        if rev is not None:
            wanted[code] = (rev.path, rev.blob)
    return documents_at(qms, wanted)


def _spans(doc: Document, h: DocumentHistory | None, withdrawn: str,
           record: Document | None = None) -> list[Span]:
    starts: dict[tuple[int, int], str] = {}
    for r in doc.revisions:
        if r.date:
            starts.setdefault((r.edition, r.revision), r.date)
    texts: dict[tuple[int, int], tuple[str, str, str]] = {}
    for r in reversed(h.revisions if h else []):  # oldest first: the last commit wins
        if r.edition is None or r.revision is None or not r.blob:
            continue
        key = (r.edition, r.revision)
        texts[key] = (r.sha, r.path, r.blob)
        if _is_day(r.effective):
            starts[key] = r.effective  # what the version itself declared
    if doc.kind != "withdrawal" and _is_day(doc.effective_date):
        starts[(doc.edition, doc.revision)] = doc.effective_date
    order = sorted(starts.items(), key=lambda kv: (kv[1], kv[0]))
    if record is not None:  # nothing after the version the withdrawal names
        order = [kv for kv in order if kv[0] <= (record.edition, record.revision)]
        if not order:  # no text of it anywhere: the record alone, its start unknown
            return [Span(doc.code, doc.title, record.edition, record.revision, "",
                         day_before(withdrawn), withdrawn)]
    out = []
    for i, (key, start) in enumerate(order):
        end = day_before(order[i + 1][1]) if i + 1 < len(order) else \
            day_before(withdrawn) if withdrawn else ""
        sha, path, blob = texts.get(key, ("", "", ""))
        out.append(Span(doc.code, doc.title, key[0], key[1], start, end,
                        withdrawn if i + 1 == len(order) else "", sha, path, blob))
    return out


def _is_day(v: str) -> bool:
    try:
        dt.date.fromisoformat(v)
        return len(v) == 10
    except (TypeError, ValueError):
        return False


def pick(versions: list[Span], day: str) -> Span | None:
    """The version that answers 'what applied on day': the one in force; else, after a
    withdrawal, the last one; else (before the first) the first one."""
    if not versions:
        return None
    for s in versions:
        if s.start <= day and (not s.end or day <= s.end):
            return s
    last = versions[-1]
    if last.withdrawn and day >= last.withdrawn:
        return last
    return versions[0] if day < versions[0].start else None


def entry(s: Span, day: str, lang: str) -> Entry:
    t = STATUS["en" if lang == "en" else "ro"]
    state = s.state(day)
    return Entry(s.code, s.title, s.edition, s.revision, s.start, s.end, state,
                 t[state].format(d=fmt_date(s.start, "ro" if lang != "en" else "en")))


def in_force(qms: QMS, day: str, lang: str = "ro", every: bool = False) -> list[Entry]:
    """One entry per document (every=True: one per version) with its status on day."""
    out = []
    for versions in spans(qms).values():
        chosen = versions if every else [s for s in [pick(versions, day)] if s]
        out += [entry(s, day, lang) for s in chosen]
    return out


def site_data(qms: QMS, lang: str) -> dict:
    """What the register page's date field needs, built into the page: every version's span
    and the words of each status (the JavaScript applies `pick` to them, nothing else)."""
    t = STATUS["en" if lang == "en" else "ro"]
    return {"status": t, "documents": [
        {"code": code, "title": v[-1].title, "versions": [
            {"edition": s.edition, "revision": s.revision, "from": s.start, "to": s.end,
             "withdrawn": s.withdrawn} for s in v]}
        for code, v in spans(qms).items() if v]}
