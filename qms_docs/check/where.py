"""Where a value is, in words: `risks/24/probability` is "risk R-25: probability".

Schema findings name the entry by its id (or code, evaluator...) as people know it, not by a
0-based index; entries without one are counted from 1.
"""

from __future__ import annotations

from typing import Any

_LABELS = ("id", "code", "evaluator", "clause", "role", "term")
# Mappings keyed by an id: the key names the entry (CAF scores by sub-criterion).
_KEYED = {"scores": "sub-criterion"}
_SINGULAR = {"people": "person", "parties": "interested party", "issues": "context issue",
             "processes": "process", "activities": "activity", "functions": "function",
             "revisions": "revision", "distribution": "distribution row", "criteria": "criterion"}


def singular(key: str) -> str:
    if key in _SINGULAR:
        return _SINGULAR[key]
    if key.endswith("ies"):
        return key[:-3] + "y"
    return key[:-1] if key.endswith("s") and not key.endswith("ss") else key


def describe(data: Any, path: tuple[str | int, ...]) -> str:
    """The entry (and entries it sits in) and the key path inside it; "" for the file itself."""
    entries: list[str] = []
    keys: list[str] = []
    node = data
    for step in path:
        child = _child(node, step)
        if isinstance(step, int):
            noun = singular(keys.pop()) if keys else "item"
            prefix = ".".join(keys) + " " if keys else ""
            entries.append(f"{prefix}{noun} {_label(child, step)}")
            keys = []
        elif keys and keys[-1] in _KEYED and isinstance(child, dict):
            noun = _KEYED[keys.pop()]
            entries.append(f"{'.'.join(keys) + ' ' if keys else ''}{noun} {step}")
            keys = []
        else:
            keys.append(str(step))
        node = child
    where = ", ".join(entries)
    if keys:
        where += (": " if where else "") + ".".join(keys)
    return where


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
        return node[step]
    if isinstance(node, dict):
        return node.get(step)
    return None


def _label(entry: Any, index: int) -> str:
    if isinstance(entry, dict):
        if "edition" in entry and "revision" in entry:
            return f"{entry['edition']}.{entry['revision']}"
        for key in _LABELS:
            value = entry.get(key)
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
                return str(value)
    return str(index + 1)
