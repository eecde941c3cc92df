"""mkdocs.yml as the toolchain reads it: the one Markdown dialect of the site and the PDFs, and the
settings refused because they would run code, read secrets or publish files from elsewhere.

The site renders bodies with the `markdown_extensions` of mkdocs.yml; the PDFs render them with
the very same list (qms_docs/pdf/markdown.py), so a construct works in both or in neither. An
extension whose HTML the PDF route has not been taught (EXTENSIONS) is refused (QMS019) rather
than printed as literal text in a signed PDF.

Refused (QMS018), because `qms build` runs in CI next to the authority's secrets:
* `hooks:` (Python files MkDocs imports while reading its configuration);
* YAML tags (`!!python/name:` imports a module, `!ENV` copies an environment variable, a
  signing password for instance, into the published site);
* a `docs_dir` other than qms.yml's content folder, a `theme.custom_dir` outside the repository
  or through a symbolic link (MkDocs copies every file of both into the site).

The file is composed, never constructed: no tag is ever resolved here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .tree import link_problem, regular_file
from .yamlpos import LoadProblem

FILE = "mkdocs.yml"
# What MkDocs always adds, then what the PDF route renders (filter.lua): each verified by a test.
BUILTIN = ("toc", "tables", "fenced_code")
EXTENSIONS = {"toc", "tables", "fenced_code", "attr_list", "abbr", "def_list", "footnotes",
              "admonition", "pymdownx.details", "sane_lists", "smarty", "nl2br",
              "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.betterem",
              "pymdownx.smartsymbols"}
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq",
                                   "map")}


@dataclass
class Dialect:
    """The Markdown extensions of the site (names as MkDocs takes them) and their settings."""

    extensions: list[str] = field(default_factory=lambda: list(BUILTIN))
    configs: dict[str, dict] = field(default_factory=dict)


@dataclass
class MkdocsFile:
    dialect: Dialect
    problems: list[LoadProblem]


def short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def read_mkdocs(root: Path, content_dir: str) -> MkdocsFile:
    """The dialect and the refused settings of root/mkdocs.yml (a missing file: the defaults)."""
    path = root / FILE
    if not os.path.lexists(path):
        return MkdocsFile(Dialect(), [])
    if not regular_file(path):
        problem = link_problem(path, root) if path.is_symlink() else LoadProblem(
            "QMS015", 1, 1, "not a regular file", "mkdocs.yml must be a regular file")
        return MkdocsFile(Dialect(), [problem])
    try:
        node = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as e:
        mark = getattr(e, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return MkdocsFile(Dialect(), [LoadProblem("QMS001", line, col, f"mkdocs.yml: {e}")])
    problems: list[LoadProblem] = []
    _tags(node, problems)
    top = _mapping(node)
    if "hooks" in top:
        problems.append(_refused(top["hooks"][0], "'hooks' runs Python files while MkDocs "
                                 "reads its configuration", "remove it; build steps belong in "
                                 "the toolchain, not in mkdocs.yml"))
    _folders(root, content_dir, top, problems)
    return MkdocsFile(_dialect(top.get("markdown_extensions", (None, None))[1], problems),
                      problems)


def _mapping(node: Node | None) -> dict[str, tuple[Node, Node]]:
    """key → (key node, value node) of a mapping node; {} for anything else."""
    if not isinstance(node, MappingNode):
        return {}
    return {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}


def _tags(node: Node | None, problems: list[LoadProblem]) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if n is None:
            continue
        if n.tag not in _PLAIN_TAGS:
            tag = "!!" + n.tag.removeprefix(_CORE) if n.tag.startswith(_CORE) else n.tag
            problems.append(_refused(n, f"YAML tag '{tag}' is not allowed",
                                     "write the value itself: tags import Python code "
                                     "(!!python/name) or copy environment variables (!ENV) "
                                     "into the site"))
        if isinstance(n, SequenceNode):
            stack.extend(reversed(n.value))
        elif isinstance(n, MappingNode):
            for k, v in reversed(n.value):
                stack += [v, k]


def _refused(node: Node, message: str, hint: str) -> LoadProblem:
    return LoadProblem("QMS018", node.start_mark.line + 1, node.start_mark.column + 1,
                       message, hint)


def _folders(root: Path, content_dir: str, top: dict, problems: list[LoadProblem]) -> None:
    content = (root / content_dir).resolve()
    docs = top.get("docs_dir")
    if docs and isinstance(docs[1], ScalarNode) and \
            (root / docs[1].value).resolve() != content:
        problems.append(_refused(docs[1], f"docs_dir '{docs[1].value}' is not the content "
                                 f"folder '{content_dir}'", "remove docs_dir, or set it to "
                                 "content_dir of qms.yml: MkDocs publishes files of docs_dir"))
    theme = _mapping(top.get("theme", (None, None))[1])
    custom = theme.get("custom_dir")
    if custom and isinstance(custom[1], ScalarNode):
        where = root / custom[1].value
        outside = not where.resolve().is_relative_to(root)
        linked = any(p.is_symlink() for p in [where, *where.parents] if p.is_relative_to(root)
                     and p != root)
        if outside or linked:
            problems.append(_refused(custom[1], f"theme.custom_dir '{custom[1].value}' is "
                                     f"{'outside the repository' if outside else 'linked'}",
                                     "keep theme overrides in a folder of the repository: "
                                     "MkDocs publishes every file in it"))


def _dialect(node: Node | None, problems: list[LoadProblem]) -> Dialect:
    names, configs = list(BUILTIN), {}
    items = node.value if isinstance(node, SequenceNode) else []
    for item in items:
        if isinstance(item, ScalarNode):
            name, config, at = item.value, {}, item
        elif isinstance(item, MappingNode) and len(item.value) == 1 and \
                isinstance(item.value[0][0], ScalarNode):
            at, value = item.value[0]
            name, config = at.value, _plain(value)
        else:
            continue
        if short(name) not in EXTENSIONS:
            line, col = at.start_mark.line + 1, at.start_mark.column + 1
            problems.append(LoadProblem(
                "QMS019", line, col, f"Markdown extension '{name}' is enabled for the site, "
                "but the PDFs cannot render what it makes",
                f"remove it; the PDFs render: {', '.join(sorted(EXTENSIONS))}"))
            continue
        if name not in names:
            names.append(name)
        if isinstance(config, dict) and config:
            configs[name] = config
    return Dialect(names, configs)


def _plain(node: Node) -> Any:
    """Plain data of a node whose tags were already refused (values of a refused tag: None)."""
    if isinstance(node, ScalarNode):
        if node.tag not in _PLAIN_TAGS:
            return None
        return node.value if node.tag == _CORE + "str" else yaml.safe_load(node.value)
    if isinstance(node, SequenceNode):
        return [_plain(v) for v in node.value]
    if isinstance(node, MappingNode):
        return {k.value: _plain(v) for k, v in node.value if isinstance(k, ScalarNode)}
    return None
