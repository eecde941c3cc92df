"""Safe YAML loading that keeps the line:column of every value.

We compose the node graph with PyYAML's safe machinery and build plain Python data ourselves, so
that: aliases are refused (no billion-laughs), only core tags are accepted, duplicate keys are
reported, dates stay strings (JSON Schema sees what the author wrote), and positions are recorded.
"""

from __future__ import annotations

import math
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .source import Loaded, LoadProblem, Path_, Positions
from .yaml_errors import BREAK as _BREAK
from .yaml_errors import duplicate_key, explain

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}
# QMS files are a few levels deep; a hard limit keeps `[[[[...` from exhausting the Python stack.
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 40  # a number written longer than this is refused unread
MAX_INTEGER = 2**53  # JSON (and Typst reading it) keeps integers exact up to here


def _too_deep(line: int, col: int) -> LoadProblem:
    return LoadProblem("QMS010", line, col, f"YAML nested more than {MAX_DEPTH} levels deep",
                       "QMS files are a few levels deep: check the brackets and indentation")


class _Loader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            raise LoadProblem("QMS003", mark.line + 1, mark.column + 1,
                              "YAML aliases (*name) are not allowed",
                              "write the value out in full; aliases can expand exponentially")
        if self._depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise _too_deep(mark.line + 1, mark.column + 1)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# libyaml composes ~10x faster but cannot refuse aliases while composing (it has no hook), so it
# is used only for text that cannot hold an anchor or an alias.
_CLoader = getattr(yaml, "CSafeLoader", None)


def _loader(text: str) -> Any:
    if _CLoader is None or "*" in text or "&" in text:
        return _Loader(text)
    return _CLoader(text)


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _scalar(node: ScalarNode, loader: Any, problems: list[LoadProblem]) -> Any:
    tag = node.tag.removeprefix(_CORE)
    if tag not in _SCALAR_TAGS:
        line, col = _pos(node)
        raise LoadProblem("QMS004", line, col, f"tag {node.tag!r} is not allowed",
                          "QMS files hold plain data: strings, numbers, booleans, lists, mappings")
    if tag in ("str", "timestamp"):
        if len(node.value) >= 16 or not node.value.isascii() or not node.value.isprintable():
            problems += _text_problems(node)
        return node.value
    if tag in ("int", "float") and len(node.value) > MAX_NUMBER_CHARS:
        # int() of thousands of digits raises (Python's 4,300-digit guard); a sexagesimal
        # 1:2:3:... of a million groups takes minutes: refuse before constructing
        problems.append(_too_large(node, f"a number written with {len(node.value)} characters"))
        return None
    try:
        value = loader.construct_object(node)
    except (ValueError, OverflowError):
        problems.append(_too_large(node, f"number {node.value!r} cannot be read"))
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        problems.append(_too_large(node, f"{len(str(abs(value)))}-digit integer"))
        return None
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(_too_large(node, f"number {node.value!r} is not finite"))
        return None
    return value


def _too_large(node: ScalarNode, what: str) -> LoadProblem:
    line, col = _pos(node)
    return LoadProblem("QMS030", line, col, f"{what}: numbers must be finite and at most "
                       "2^53 in size", "write a smaller number, or quote it to make it text")


def _text_problems(node: ScalarNode) -> list[LoadProblem]:
    """Control, bidirectional and invisible characters (escapes like "\\a" or "\\u202e" make
    them out of plain text) and the Markdown limits, at the value's position."""
    from .limits import scan_chars, scan_structure

    line, col = _pos(node)
    return [LoadProblem(h.code, line, col, h.message, h.hint)
            for h in scan_chars(node.value) + scan_structure(node.value)]


def _build(node: Node, path: Path_, pos: Positions, problems: list[LoadProblem],
           loader: Any) -> Any:
    if len(path) >= MAX_DEPTH:  # libyaml composes up to 1000 levels: refuse before recursing
        raise _too_deep(*_pos(node))
    pos.values[path] = _pos(node)
    if isinstance(node, ScalarNode):
        return _scalar(node, loader, problems)
    if isinstance(node, SequenceNode):
        _check_tag(node, "seq")
        return [_build(child, path + (i,), pos, problems, loader)
                for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        _check_tag(node, "map")
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            key = _scalar(knode, loader, problems) if isinstance(knode, ScalarNode) else None
            if not isinstance(key, str | int | float | bool) or key is None:
                line, col = _pos(knode)
                raise LoadProblem("QMS001", line, col, "mapping keys must be plain scalars")
            key = str(key)
            if key in out:
                first = pos.values.get(path + (key, "<key>"), (0, 0))[0]
                problems.append(duplicate_key(key, *_pos(knode), first))
            pos.values[path + (key, "<key>")] = _pos(knode)
            out[key] = _build(vnode, path + (key,), pos, problems, loader)
        return out
    raise LoadProblem("QMS001", *_pos(node), "unsupported YAML node")  # pragma: no cover


def _check_tag(node: Node, expected: str) -> None:
    if node.tag != _CORE + expected:
        line, col = _pos(node)
        raise LoadProblem("QMS004", line, col, f"tag {node.tag!r} is not allowed",
                          "QMS files hold plain data: strings, numbers, booleans, lists, mappings")


def load_yaml_text(text: str) -> tuple[Loaded | None, list[LoadProblem]]:
    """Parse one YAML document. Returns (loaded or None, problems); never raises for bad input."""
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad:  # checked here: PyYAML's reader raises it from the loader's constructor
        line, col = _line_col(text, bad.start())
        return None, [LoadProblem("QMS001", line, col,
                                  f"control character U+{ord(bad.group()):04X} is not allowed"
                                  " in YAML", "remove it; a file full of them is binary, not YAML")]
    return _parse(_loader(text), text)


def _parse(loader: Any, text: str) -> tuple[Loaded | None, list[LoadProblem]]:
    problems: list[LoadProblem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            return Loaded(None, Positions({(): (1, 1)})), problems
        pos = Positions()
        data = _build(node, (), pos, problems, loader)
        return Loaded(data, pos), problems
    except LoadProblem as p:
        return None, problems + [p]
    except yaml.MarkedYAMLError as e:
        if not isinstance(loader, _Loader):  # libyaml words errors differently: one voice
            return _parse(_Loader(text), text)
        return None, problems + [explain(e, text)]
    except yaml.YAMLError as e:  # pragma: no cover - PyYAML errors past the reader have a mark
        return None, problems + [LoadProblem("QMS001", 1, 1, str(e))]
    finally:
        loader.dispose()


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line:column of a character index, counting line breaks as PyYAML does."""
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line, start = line + 1, m.end()
    return line, index - start + 1
