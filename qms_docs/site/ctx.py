"""What every page builder needs: the model, the language, the link targets, the build date."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field

from ..model import QMS, Document
from . import paths
from .i18n import labels
from .md import link
from .xref import crosslink, rebase_links


def build_date(tz: str = "Europe/Bucharest") -> dt.date:
    """The one build clock (qms_docs/clock.py): SOURCE_DATE_EPOCH, else now, in the zone."""
    from ..clock import build_date as day

    return day(tz)


@dataclass
class Ctx:
    qms: QMS
    lang: str
    today: dt.date = field(default_factory=build_date)
    targets: dict[str, str] = field(default_factory=dict)  # code or id -> page path

    def __post_init__(self) -> None:
        self.t = labels(self.lang)
        for p in self.qms.processes:
            self.targets.setdefault(p.id, paths.process(p.id))
        for d in self.qms.all_documents:
            self.targets.setdefault(d.code, paths.document(d))
        self._roles = {r.id: r for r in self.qms.roles}
        # content-relative source file -> its page, for links between source files
        content = self.qms.config.content_dir.strip("/") + "/"
        self.sources = {d.where.file.rel.removeprefix(content): paths.document(d)
                        for d in self.qms.all_documents}
        self.sources.update({c.where.file.rel.removeprefix(content): paths.chapter(c.chapter)
                             for c in self.qms.chapters})
        self._docs_by_process: dict[str, list[Document]] = {}
        self._children: dict[str, list[str]] = {}
        for d in sorted(self.qms.documents, key=lambda d: d.code):
            self._docs_by_process.setdefault(d.process, []).append(d)
            if d.parent:
                self._children.setdefault(d.parent, []).append(d.code)

    def ref(self, code: str, here: str) -> str:
        """A code or id as a link when it names a page, else as escaped text."""
        return link(code, here, self.targets.get(code))

    def refs(self, codes: list[str], here: str) -> str:
        return ", ".join(self.ref(c, here) for c in codes) or self.t["none"]

    def role(self, rid: str) -> str:
        """Job function name (the id when unknown)."""
        r = self._roles.get(rid)
        return r.name if r else rid

    def holder(self, rid: str) -> str:
        r = self._roles.get(rid)
        return r.holder if r else ""

    def docs_of(self, pid: str) -> list[Document]:
        return self._docs_by_process.get(pid, [])

    def children(self, code: str) -> list[str]:
        """The codes of the documents whose parent is `code`, sorted."""
        return self._children.get(code, [])

    def body(self, markdown: str, here: str, own: str = "", source: str = "") -> str:
        """Content Markdown with codes and ids cross-linked and, when it comes from the source
        file `source`, its relative links rebased (sanitised later, as HTML)."""
        if source:
            content = self.qms.config.content_dir.strip("/") + "/"
            src_dir = posixpath.dirname(source.removeprefix(content))
            markdown = rebase_links(markdown, src_dir, here, self.sources)
        return crosslink(markdown, here, self.targets, own)
