"""Redlines as HTML: insertions and deletions marked inside the rendered Markdown.

Each changed run of blocks (redline.changed_blocks) becomes one Markdown text that has the
new version's structure and the deleted words put back at their places; private-use
characters mark what was inserted or deleted, and only ever around plain words, never
around Markdown syntax, so the text renders with the site's own Markdown and the marks
become `<ins>`/`<del>` inside the `<li>`, `<td>`, `<h2>` or `<strong>` they belong to.

Lines are matched first. A changed run of lines whose Markdown structure is the same on
both sides (list markers, table pipes, emphasis, links: only the words differ) is marked
word by word. Otherwise (bold added, a row split, an item turned into a heading) the old
lines are shown deleted and the new ones inserted, each keeping its own structure: never a
change of structure that looks like no change.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
import yaml

from ..exceptions import QmsError
from .redline import MARKS, BlockChange, lines, seq_diff

INS, INS_END, DEL, DEL_END = MARKS
_TAGS = {INS: "<ins>", INS_END: "</ins>", DEL: "<del>", DEL_END: "</del>"}

Token = tuple[str, str]  # (kind, text): p line prefix, m markup, w word, s space, n newline

# Whole lines that are structure only: rules, setext underlines, table separators, attr lists.
_STRUCTURE_LINE = re.compile(
    r"[ \t]*(?:([-*_=])[ \t]*(?:\1[ \t]*){2,}"
    r"|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?"
    r"|\|[ \t]*:?-+:?[ \t]*\|"
    r"|\{:?[^{}]*\})[ \t]*$")
_PREFIX = re.compile(r"""[ \t]*(?:>[ \t]?)*(?:
      (?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)        # list item
    | \#{1,6}(?:[ \t]+|$)                       # heading
    | :[ \t]+                                   # definition
    | \[\^[^\]\s]+\]:[ \t]*                     # footnote definition
    | \*\[[^\]]*\]:[ \t]*                       # abbreviation definition
    | (?:!!!|\?\?\?\+?)[ \t]+\S*                # admonition, details
    | (?:`{3,}|~{3,})\S*                        # code fence
    | \|                                        # table row
    )?""", re.X)
_INLINE = re.compile(r"""\\.
    | \]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:"[^"]*"|'[^']*'))?\)   # link destination
    | \]\[[^\]]*\]                               # reference link label
    | \[\^[^\]\s]+\]                             # footnote reference
    | !\[ | \[ | \]
    | <[A-Za-z/!?][^<>]*>                        # raw HTML tag, autolink
    | \{:?[ \t]*[#.][^{}]*\}                     # attribute list
    | `+ | \*+ | ~~ | \|
    | (?<![^\W_])_+ | _+(?![^\W_])               # underscores at a word's edge only
    """, re.X)
_WS = re.compile(r"[ \t]+|[^ \t]+")


def _line_tokens(line: str) -> list[Token]:
    body = line.rstrip("\n")
    out: list[Token] = []
    if _STRUCTURE_LINE.match(body):
        out.append(("p", body))
    else:
        pre = _PREFIX.match(body).group(0)  # type: ignore[union-attr]  # always matches
        if pre:
            out.append(("p", pre))
        rest, pos = body[len(pre):], 0
        for m in _INLINE.finditer(rest):
            if m.group(0).startswith("\\"):
                continue  # an escaped character is text
            out += _words(rest[pos:m.start()])
            # Raw HTML is marked like words: escaped in the change report, sanitised on the
            # site, it shows (or is removed) inside the mark of its insertion or deletion.
            out.append(("w" if m.group(0).startswith("<") else "m", m.group(0)))
            pos = m.end()
        out += _words(rest[pos:])
    if line.endswith("\n"):
        out.append(("n", "\n"))
    return out


def _words(text: str) -> list[Token]:
    return [("s" if t[0] in " \t" else "w", t) for t in _WS.findall(text)]


def _tokens(text_lines: list[str]) -> list[Token]:
    return [t for line in text_lines for t in _line_tokens(line)]


def _shape(tokens: list[Token]) -> list[str]:
    """The Markdown structure of some lines: what must be equal for a word-by-word redline.
    Soft line breaks and continuation indents do not count (a rewrapped paragraph is the
    same paragraph); blank lines do."""
    out: list[str] = []
    at_line_start, after_blank = True, False
    for kind, text in tokens:
        if kind == "n":
            if at_line_start:
                out.append("¶")
                after_blank = True
            at_line_start = True
            continue
        if kind == "m" or (kind == "p" and (text.strip() or after_blank)):
            out.append(text)
        if kind != "p" or text.strip():
            at_line_start, after_blank = False, False
    return out


def _wrap(tokens: list[Token], start: str, end: str) -> str:
    """Words (and the spaces between them) in marks; structure tokens as they are."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        core = text.strip(" \t")
        if core:
            lead = text[: len(text) - len(text.lstrip(" \t"))]
            out.append(f"{lead}{start}{core}{end}{text[len(lead) + len(core):]}")
        else:
            out.append(text)
        run.clear()

    for kind, text in tokens:
        if kind in ("w", "s"):
            run.append(text)
        else:
            flush()
            out.append(text)
    flush()
    return "".join(out)


def _deleted_inline(tokens: list[Token]) -> list[Token]:
    """Deleted tokens inside a line of the new structure: words only, breaks as spaces."""
    return [("s", " ") if k == "n" else (k, t) for k, t in tokens if k in ("w", "s", "n")]


def _crosses_structure(tokens: list[Token]) -> bool:
    """A deleted run that spans a blank line or a list item, table row, heading...: put
    inside one line of the new text, it would lose that structure."""
    kinds = "".join(k for k, t in tokens if k != "p" or t.strip())
    return "nn" in kinds or "p" in kinds


def _keys(tokens: list[Token]) -> list[Token]:
    """Spaces and soft line breaks are the same for matching (a rewrapped line is no change):
    the new side's are kept."""
    return [("s", "") if k in ("s", "n") else (k, t) for k, t in tokens]


def _words_in_place(a: list[Token], b: list[Token]) -> str | None:
    """The new lines with deleted and inserted words marked; None when a deletion would
    lose its structure (the caller shows old and new lines instead)."""
    out: list[str] = []
    for o in seq_diff(_keys(a), _keys(b), semantic=True):
        if o.op == "=":
            out.append("".join(t for _, t in b[o.j1:o.j2]))
            continue
        if o.op in ("-", "~"):
            if _crosses_structure(a[o.i1:o.i2]):
                return None
            out.append(_wrap(_deleted_inline(a[o.i1:o.i2]), DEL, DEL_END))
        if o.op in ("+", "~"):
            out.append(_wrap(b[o.j1:o.j2], INS, INS_END))
    return "".join(out)


def merged_markdown(change: BlockChange) -> str:
    """One Markdown text with the new structure, insertions and deletions marked."""
    la, lb = lines(change.old + "\n"), lines(change.new + "\n")
    out: list[str] = []
    for o in seq_diff(la, lb):
        a, b = la[o.i1:o.i2], lb[o.j1:o.j2]
        if o.op == "=":
            out += b
            continue
        ta, tb = _tokens(a), _tokens(b)
        inline = _words_in_place(ta, tb) if o.op == "~" and _shape(ta) == _shape(tb) else None
        if inline is not None:
            out.append(inline)
            continue
        old = _wrap(ta, DEL, DEL_END)
        if old and b and not old.endswith("\n"):
            old += "\n"
        out += [old, _wrap(tb, INS, INS_END)]
    return "".join(out).rstrip("\n")


# ---- rendering --------------------------------------------------------------------------

_TAG = re.compile(r"(<[^>]*>)")
_PRE = re.compile(r"<pre\b.*?</pre>", re.S)


def _unmark(html: str) -> str:
    """Marks to <ins>/<del> in text; any mark that ended up inside a tag is dropped."""
    parts = _TAG.split(html)
    for i, part in enumerate(parts):
        if i % 2:
            parts[i] = re.sub(f"[{MARKS}]", "", part)
        else:
            parts[i] = re.sub(f"[{MARKS}]", lambda m: _TAGS[m.group(0)], part)
    return "".join(parts)


def one_block(html: str) -> str:
    """No blank line inside, so a CommonMark renderer (GitHub, GitLab, MkDocs) keeps the
    fragment as one HTML block: line breaks inside <pre> become character references."""
    html = _PRE.sub(lambda m: m.group(0).replace("\n", "&#10;"), html)
    return re.sub(r"\n[ \t]*(?=\n)", "", html).strip()


def render(change: BlockChange, md: markdown.Markdown) -> str:
    """HTML of one changed run, marks inside the structure, sanitised and balanced."""
    from ..site.sanitize import clean_html

    md.reset()
    html = _unmark(md.convert(merged_markdown(change)))
    return one_block(clean_html(html))


def site_markdown(root: Path, raw_html: bool = True) -> markdown.Markdown:
    """A Markdown converter with the extensions of the site (mkdocs.yml), without `toc`
    (no heading ids or permalinks inside a redline). raw_html=False escapes any HTML of the
    documents, so a reviewer sees it as text."""
    exts = _extensions(root / "mkdocs.yml")
    return _converter(tuple(exts), raw_html)


@lru_cache(maxsize=8)
def _converter(exts: tuple[tuple[str, Any], ...], raw_html: bool) -> markdown.Markdown:
    names = [n for n, _ in exts]
    configs = {n: c for n, c in exts if isinstance(c, dict)}
    try:
        md = markdown.Markdown(extensions=names, extension_configs=configs)
    except Exception as e:  # an extension missing or misconfigured: the site build fails too
        raise QmsError(f"mkdocs.yml: markdown_extensions cannot be loaded for the redline: "
                       f"{e}") from e
    if not raw_html:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    return md


DEFAULT_EXTENSIONS = ("tables", "attr_list", "abbr", "def_list", "footnotes", "admonition",
                      "pymdownx.details")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !!python/name: or !ENV; their values are not needed."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _extensions(path: Path) -> list[tuple[str, Any]]:
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_Loader)  # noqa: S506 (safe loader)
    except (OSError, yaml.YAMLError):
        data = None
    listed = data.get("markdown_extensions") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return [(n, None) for n in DEFAULT_EXTENSIONS]
    out: list[tuple[str, Any]] = []
    for item in listed:
        name, conf = (next(iter(item.items())) if isinstance(item, dict) and item
                      else (item, None))
        if isinstance(name, str) and name not in ("toc", "markdown.extensions.toc"):
            out.append((name, _freeze(conf) if isinstance(conf, dict) else None))
    return out


def _freeze(conf: dict[str, Any]) -> Any:
    return _FrozenDict(conf)


class _FrozenDict(dict):  # type: ignore[type-arg]
    """A dict usable as an lru_cache key (extension configs are small)."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(repr(sorted(self.items(), key=lambda kv: str(kv[0]))))
