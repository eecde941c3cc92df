"""The people registry: persons, the job functions they held and when, their public keys."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Where, day, items, strings, text


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
class Person:
    id: str
    name: str
    email: str
    functions: list[Tenure]
    certificates: list[str]
    ssh_keys: list[str]
    where: Where

    def holds(self, role: str, day: str) -> bool:
        return any(t.role == role and t.covers(day) for t in self.functions)

    @classmethod
    def build(cls, d: dict, where: Where) -> Person:
        return cls(
            text(d, "id"), text(d, "name"), text(d, "email"),
            [Tenure(text(x, "role"), day(x, "from"), day(x, "to"), text(x, "appointed_by"),
                    where.child("functions", i)) for i, x in items(d, "functions")],
            strings(d, "certificates"), strings(d, "ssh_keys"), where)
