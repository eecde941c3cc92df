"""The people registry: persons, the job functions they held and when, their public keys."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Where, day, items, text


@dataclass
class Tenure:
    """A person held `role` from `start` to `end` (inclusive; "" = still holds it)."""

    role: str
    start: str
    end: str
    appointed_by: str
    where: Where

    def covers(self, day: str) -> bool:
        """Whether the function was held on day (ISO dates compare as strings)."""
        return bool(self.start) and self.start <= day and (not self.end or day <= self.end)


@dataclass
class KeyRef:
    """A public key of a person: an SSH public key line or a certificate file (content-relative),
    valid for signing from `start` to `end` (inclusive; "" = no limit)."""

    value: str
    start: str
    end: str
    where: Where

    def covers(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


def _keys(d: dict, key: str, field: str, where: Where) -> list[KeyRef]:
    v = d.get(key) if isinstance(d, dict) else None
    out = []
    for i, x in enumerate(v if isinstance(v, list) else []):
        w = where.child(key, i)
        if isinstance(x, str):
            out.append(KeyRef(x, "", "", w))
        elif isinstance(x, dict) and isinstance(x.get(field), str):
            out.append(KeyRef(x[field], text(x, "from"), text(x, "to"), w))
    return out


@dataclass
class Person:
    id: str
    name: str
    email: str
    functions: list[Tenure]
    certificates: list[KeyRef]
    ssh_keys: list[KeyRef]
    where: Where

    def holds(self, role: str, day: str) -> bool:
        return any(t.role == role and t.covers(day) for t in self.functions)

    @classmethod
    def build(cls, d: dict, where: Where) -> Person:
        return cls(
            text(d, "id"), text(d, "name"), text(d, "email"),
            [Tenure(text(x, "role"), day(x, "from"), day(x, "to"), text(x, "appointed_by"),
                    where.child("functions", i)) for i, x in items(d, "functions")],
            _keys(d, "certificates", "path", where), _keys(d, "ssh_keys", "key", where), where)
