"""JSON Schema validation of every file, each error turned into a located finding."""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

import fastjsonschema

from ..config import schema
from ..findings import Finding
from ..load.source import SourceFile
from .validators import compiled
from .where import describe

if TYPE_CHECKING:  # jsonschema is imported only to explain an invalid file (0.1 s a run)
    import jsonschema
    from jsonschema.exceptions import ValidationError


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    # Format checking makes '2027-13-01' an error, not just a string of the right shape.
    return jsonschema.Draft202012Validator(
        schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: str) -> bool:
    """The same rule as jsonschema's 'date' format: the shape, and a real calendar day."""
    try:
        return bool(_DATE.fullmatch(value)) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


@cache
def _fast(kind: str) -> Callable[[Any], Any]:
    """A compiled validator: about 10x faster on valid files, which is nearly all of them.
    Our schemas use only keywords that mean the same in draft 7 and 2020-12 (a test holds
    the two validators to the same verdict)."""
    doc = {k: v for k, v in schema(kind).items() if k != "$schema"}
    return compiled(doc, {"date": _is_date})


def is_valid(kind: str, data: Any) -> bool:
    try:
        _fast(kind)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def first_error(kind: str, data: Any) -> ValidationError | None:
    """The error that best explains why data is not a valid `kind` (None: it is valid)."""
    if is_valid(kind, data):
        return None
    from jsonschema.exceptions import best_match

    return best_match(_validator(kind).iter_errors(data))


def check_schema(f: SourceFile) -> list[Finding]:
    if f.data is None:
        return [Finding(f.rel, 1, 1, "error", "QMS104", "the file is empty",
                        f"see schemas/{f.kind}.schema.json for what it holds")]
    if is_valid(f.kind, f.data):
        return []
    # jsonschema reports every error with its path, which the findings need
    return [_finding(f, e) for e in _validator(f.kind).iter_errors(f.data)]


def _finding(f: SourceFile, err: ValidationError) -> Finding:
    if err.validator in ("oneOf", "anyOf") and err.context:
        from jsonschema.exceptions import best_match

        err = best_match(err.context)
    path = tuple(err.absolute_path)
    line, col = f.positions.at(path)
    where = _where(f.data, path)
    kind = err.validator
    if kind == "required":
        name = err.message.split("'")[1] if "'" in err.message else err.message
        return Finding(f.rel, line, col, "error", "QMS102",
                       f"{where}missing required property '{name}'",
                       _describe(err.schema.get("properties", {}).get(name, {})))
    if kind == "additionalProperties":
        known = list(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in known]
        line, col = f.positions.key(path + (extra[0],)) if extra else (line, col)
        close = difflib.get_close_matches(extra[0], known, 1) if extra else []
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(known)}"
        return Finding(f.rel, line, col, "error", "QMS103",
                       f"{where}unknown property '{', '.join(extra)}'", hint)
    if kind == "type":
        return Finding(f.rel, line, col, "error", "QMS104",
                       f"{where}expected {_types(err.validator_value)}, "
                       f"got {_shown(err.instance)}", _describe(err.schema))
    if kind == "enum":
        allowed = ", ".join(str(v) for v in err.validator_value)
        return Finding(f.rel, line, col, "error", "QMS105",
                       f"{where}{_shown(err.instance)} is not allowed", f"allowed: {allowed}")
    if kind in ("format", "pattern") and err.schema.get("format") == "date":
        return _bad_date(f, line, col, where, err.instance)
    if kind in ("pattern", "format"):
        return Finding(f.rel, line, col, "error", "QMS101",
                       f"{where}{_shown(err.instance)} is not a valid value",
                       _describe(err.schema) or f"expected the pattern {err.validator_value}")
    return Finding(f.rel, line, col, "error", "QMS101", f"{where}{err.message}",
                   _describe(err.schema))


def _where(data: Any, path: tuple[str | int, ...]) -> str:
    """The entry named by its id, then ': ' (nothing for the file itself)."""
    where = describe(data, path)
    return f"{where}: " if where else ""


_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def _bad_date(f: SourceFile, line: int, col: int, where: str, value: object) -> Finding:
    """A date in another format (15.12.2026) gets the format, with this very date converted
    when it reads as day.month.year; a well-formed impossible day (2026-02-30) is said so."""
    shown = _shown(value)
    if isinstance(value, str) and _DATE.fullmatch(value):
        return Finding(f.rel, line, col, "error", "QMS101",
                       f"{where}{shown} is not a day of the calendar",
                       "check the month (01-12) and the day of that month")
    m = _DAY_FIRST.fullmatch(value.strip()) if isinstance(value, str) else None
    example = "e.g. 2026-12-15 for 15 December 2026"
    if m:
        with contextlib.suppress(ValueError):  # 31.02.2026: keep the general example
            example = f"here {dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()}"
    return Finding(f.rel, line, col, "error", "QMS101",
                   f"{where}{shown} is not a date in the form YYYY-MM-DD",
                   f"write dates as year-month-day, {example}")


def _types(t: str | list[str]) -> str:
    names = {"string": "text", "integer": "a whole number", "array": "a list",
             "object": "a mapping", "boolean": "true or false", "number": "a number"}
    return " or ".join(names.get(x, x) for x in ([t] if isinstance(t, str) else t))


def _shown(v: object) -> str:
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, list):
        return "a list"
    s = repr(v)
    return s if len(s) <= 60 else s[:57] + "...'"


def _describe(s: dict) -> str:
    return str(s.get("description", "")) if isinstance(s, dict) else ""
