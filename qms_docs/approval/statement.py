"""The canonical approval statement: the exact bytes a person signs (SSH or CMS detached).

    qms-approval/1
    object: version                 (version | withdrawal)
    document: PS-01
    edition: 2
    revision: 1
    sha256: 3f5a…                   (64 lower-case hex: the document's source, see sources.py)
    step: approved                  (elaborated | verified | endorsed | approved)
    function: primar                (the job function id the front matter names for the step)
    person: gheorghe-stanciu        (the person id in people.yml)
    time: 2026-02-26T10:00:00+02:00 (ISO 8601 with its UTC offset, whole seconds)

UTF-8, one `key: value` per line in exactly this order, LF line ends, a final LF, nothing else.
A third party recomputes the hash with sha256sum and checks the signature with ssh-keygen -Y
verify or openssl cms -verify (README, "Approvals: for the auditor").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MAGIC = "qms-approval/1"
FIELDS = ("object", "document", "edition", "revision", "sha256", "step", "function", "person",
          "time")
OBJECTS = ("version", "withdrawal")
_PATTERNS = {
    "object": r"version|withdrawal", "document": r"[A-Za-z0-9][A-Za-z0-9._-]*",
    "edition": r"0|[1-9][0-9]{0,5}", "revision": r"0|[1-9][0-9]{0,5}", "sha256": r"[0-9a-f]{64}",
    "step": r"[a-z]+", "function": r"[a-z0-9][a-z0-9-]*", "person": r"[a-z0-9][a-z0-9-]*",
    "time": r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})",
}


_WHOLE = re.compile(re.escape(MAGIC) + "\n" + "".join(
    f"{k}: (?P<{k}>{v})\n" for k, v in _PATTERNS.items()) + r"\Z")


class StatementError(ValueError):
    """Not a canonical statement; the message says which line and why."""


@dataclass(frozen=True)
class Statement:
    object: str
    document: str
    edition: int
    revision: int
    sha256: str
    step: str
    function: str
    person: str
    time: str

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.time.replace("Z", "+00:00"))

    @property
    def version(self) -> str:
        return f"{self.edition}.{self.revision}"

    def render(self) -> bytes:
        lines = [MAGIC] + [f"{k}: {getattr(self, k)}" for k in FIELDS]
        return ("\n".join(lines) + "\n").encode("utf-8")


def parse(data: bytes) -> Statement:
    """The statement in data, which must be byte for byte its canonical rendering."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise StatementError("not UTF-8") from e
    m = _WHOLE.match(text)
    if m:  # the common case, in one match; otherwise the slow path says which line is wrong
        v = m.groupdict()
        try:
            dt.datetime.fromisoformat(v["time"].replace("Z", "+00:00"))
        except ValueError as e:
            raise StatementError(f"time {v['time']!r} is not a valid date and time") from e
        return Statement(v["object"], v["document"], int(v["edition"]), int(v["revision"]),
                         v["sha256"], v["step"], v["function"], v["person"], v["time"])
    lines = text.split("\n")
    if not text.endswith("\n") or "\r" in text:
        raise StatementError("lines must end with LF, the last one too")
    lines = lines[:-1]
    if not lines or lines[0] != MAGIC:
        raise StatementError(f"line 1 must be '{MAGIC}'")
    if len(lines) != len(FIELDS) + 1:
        raise StatementError(f"{len(lines)} lines, a statement has {len(FIELDS) + 1}")
    values = {}
    for n, (key, line) in enumerate(zip(FIELDS, lines[1:], strict=True), 2):
        m = re.fullmatch(rf"{key}: ({_PATTERNS[key]})", line)
        if not m:
            raise StatementError(f"line {n} must be '{key}: <{key}>', found {line[:60]!r}")
        values[key] = m.group(1)
    try:
        dt.datetime.fromisoformat(values["time"].replace("Z", "+00:00"))
    except ValueError as e:
        raise StatementError(f"time {values['time']!r} is not a valid date and time") from e
    return Statement(values["object"], values["document"], int(values["edition"]),
                     int(values["revision"]), values["sha256"], values["step"],
                     values["function"], values["person"], values["time"])


def iso_time(moment: dt.datetime) -> str:
    """A moment as the statement writes it: whole seconds, with its UTC offset."""
    if moment.tzinfo is None:
        raise ValueError("a signing time needs its time zone")
    return moment.replace(microsecond=0).isoformat()
