"""One dialect for both outputs, as a property: for generated Markdown using every construct
mkdocs.yml enables (emphasis, code, links, headings, lists, quotes, tables, admonitions, details,
definition lists, abbreviations, footnotes, attribute lists), the words of the site's rendering
(MkDocs' own Markdown settings, then the site's sanitiser) and of the PDF (pdftotext of the
procedure typeset with that body) are the same set."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, requires
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qms_docs.check import load_qms
from qms_docs.pdf import data as D
from qms_docs.pdf.compile import compile_pdf
from qms_docs.site.sanitize import clean_html

EPOCH = 1767225600
# Generated words: lower case, starting with "zq" (no Romanian word does), so that the words of
# the page header and tables of the PDF are told apart by their shape alone.
WORD = st.text("abcdefgh", min_size=2, max_size=5).map(lambda s: "zq" + s)
WORDS = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


def _inline(words: str, kind: int) -> str:
    return {0: words, 1: f"*{words}*", 2: f"**{words}**", 3: f"`{words}`",
            4: f"[{words}](https://example.ro/)", 5: f"*{words}*{{: .zzclass }}"}[kind % 6]


INLINE = st.builds(_inline, WORDS, st.integers(0, 5))
LINE = st.lists(INLINE, min_size=1, max_size=4).map(" ".join)


@st.composite
def block(draw) -> str:
    kind = draw(st.integers(0, 11))
    line = draw(LINE)
    if kind == 0:
        return line
    if kind == 11:
        return f"{line}\n{{: #zz-id .zzclass }}"
    if kind == 1:
        return f"## {draw(WORDS)}"
    if kind == 2:
        items = draw(st.lists(LINE, min_size=1, max_size=3))
        return "\n".join(f"- {x}" for x in items)
    if kind == 3:
        items = draw(st.lists(LINE, min_size=1, max_size=3))
        return "\n".join(f"{i}. {x}" for i, x in enumerate(items, 1))
    if kind == 4:
        return f"> {line}"
    if kind == 5:
        cells = draw(st.lists(WORDS, min_size=4, max_size=4))
        return f"| {cells[0]} | {cells[1]} |\n|---|---|\n| {cells[2]} | {cells[3]} |"
    if kind == 6:
        return f'!!! note "{draw(WORDS)}"\n    {line}'
    if kind == 7:
        return f'??? warning "{draw(WORDS)}"\n    {line}'
    if kind == 8:
        return f"{draw(WORD)}\n:   {line}"
    if kind == 9:
        n = draw(st.integers(1, 9))
        return f"{line}[^{n}]\n\n[^{n}]: {draw(WORDS)}"
    abbr = draw(WORD).upper()
    return f"{line} {abbr}\n\n*[{abbr}]: {draw(WORDS)}"


BODY = st.lists(block(), min_size=1, max_size=6).map("\n\n".join)
_ZQ = re.compile(r"(?<![A-Za-z])[Zz][Qq][A-Za-z]*")  # "1zqab": a footnote number before


class _Text(HTMLParser):
    """The text a reader of the page sees: not attributes (an abbreviation's title is a tooltip),
    not the permalink anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a" and ("class", "headerlink") in attrs:
            self._skip += 1
        if self._skip == 0 and tag == "abbr":
            title = dict(attrs).get("title") or ""
            self.parts.append(f" {title} ")  # the PDF lists it; see the assertion below

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


@pytest.fixture(scope="module")
def site_markdown():
    """MkDocs' own Markdown settings (mkdocs.yml with its built-in extensions), as a page
    renders."""
    import markdown
    from mkdocs.config import load_config

    cfg = load_config(str(ROOT / "mkdocs.yml"))

    def render(body: str) -> str:
        html = markdown.Markdown(extensions=cfg.markdown_extensions,
                                 extension_configs=cfg.mdx_configs).convert(body)
        return clean_html(html)
    return render


@pytest.fixture(scope="module")
def procedure():
    qms = load_qms(ROOT)
    doc = qms.document("PS-01") if hasattr(qms, "document") else \
        next(d for d in qms.documents if d.code == "PS-01")
    return qms, doc


# Markdown syntax that neither output may show as text (it would be a construct one of them
# does not render).
SYNTAX = ("!!!", "???", "*[", "[^", "{:", "]:", "**", "](", "`")


def site_words(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    assert not [m for m in SYNTAX if m in text], text
    return set(_ZQ.findall(text))


def pdf_words(qms, doc, body: str, tmp: Path) -> set[str]:
    data = dict(D.base(qms, "1"), doc=D.document(qms, doc))
    data["doc"]["body_md"] = body
    D.attach_bodies(qms, [data["doc"]])
    pdf, _ = compile_pdf("document.typ", data, EPOCH, what="PS-01")
    path = tmp / "body.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert not [m for m in SYNTAX if m in text], text
    return set(_ZQ.findall(re.sub(r"-\n", "", text)))  # words hyphenated at a line end


@requires("pdftotext")
@given(BODY)
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_site_and_pdf_show_the_same_words(site_markdown, procedure, tmp_path: Path, body: str):
    qms, doc = procedure
    site = site_words(site_markdown(body))
    pdf = pdf_words(qms, doc, body, tmp_path)
    missing, extra = sorted(site - pdf), sorted(pdf - site)
    assert not missing and not extra, f"{body!r}: only on the site {missing}, only in the PDF " \
        f"{extra}"
