"""Front matter and register entries written as the demo content is: block style, keys in the
schema's order, dates unquoted (the loader keeps them as written), short lists of ids inline."""

from __future__ import annotations

import re
import unicodedata

import yaml

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INLINE = {"clauses", "osgg", "forms", "records"}
# strings that read back as themselves when written plain (no YAML indicator, no number, no
# keyword): most of the text; the rest goes through PyYAML's own quoting
_PLAIN = re.compile(r"^[^\W\d_][\w .,;()/„”’%+'«»–-]*$")
_KEYWORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(v: object) -> str:
    if isinstance(v, bool) or v is None or isinstance(v, int | float):
        return yaml.safe_dump(v).split("\n")[0]
    s = str(v)
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") for c in s):
        # Line breaks YAML knows (NEL, LS, PS) and invisible characters would not read back
        # as written, or would not be seen: escaped in a double-quoted (JSON) scalar.
        return _double_quoted(s)
    if _DATE.match(s):
        return s
    if _PLAIN.match(s) and s.lower() not in _KEYWORDS and not s.endswith((" ", ":")):
        return s
    out = yaml.safe_dump(s, allow_unicode=True, width=10**9, default_style=None)
    out = out.removesuffix("\n").removesuffix("\n...").removesuffix("...")
    return out.rstrip("\n")


def _double_quoted(s: str) -> str:
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn"):
            n = ord(c)
            out.append(f"\\x{n:02x}" if n < 0x100 else
                       f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def emit(data: dict, indent: int = 0) -> str:
    lines: list[str] = []
    _mapping(data, indent, lines)
    return "\n".join(lines) + "\n"


def _mapping(d: dict, indent: int, lines: list[str], first_prefix: str = "") -> None:
    pad = " " * indent
    for i, (k, v) in enumerate(d.items()):
        lead = first_prefix if i == 0 and first_prefix else pad
        if isinstance(v, dict):
            lines.append(f"{lead}{k}:")
            _mapping(v, indent + 2, lines)
        elif isinstance(v, list):
            if k in _INLINE or not v:
                lines.append(f"{lead}{k}: [{', '.join(_flow(x) for x in v)}]")
            elif all(not isinstance(x, dict | list) for x in v):
                lines.append(f"{lead}{k}:")
                lines += [f"{pad}  - {scalar(x)}" for x in v]
            else:
                lines.append(f"{lead}{k}:")
                for x in v:
                    _mapping(x, indent + 4, lines, first_prefix=f"{pad}  - ")
        else:
            lines.append(f"{lead}{k}: {scalar(v)}")


def _flow(x: object) -> str:
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    return '"' + str(x).replace("\\", "\\\\").replace('"', '\\"') + '"'
