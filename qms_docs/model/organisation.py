from __future__ import annotations

from dataclasses import dataclass, field

from .base import Where, items, text


@dataclass
class Department:
    id: str
    name: str
    parent: str
    where: Where


@dataclass
class Exclusion:
    clause: str
    justification: str
    where: Where


@dataclass
class Organisation:
    name: str
    short_name: str
    address: str
    scope: str
    policy: str
    policy_approved: str
    sites: list[str]
    exclusions: list[Exclusion]
    departments: list[Department]
    where: Where | None = None
    language: str = "ro"
    extra: dict = field(default_factory=dict)

    @classmethod
    def build(cls, where: Where) -> Organisation:
        d = where.file.data if isinstance(where.file.data, dict) else {}
        return cls(
            name=text(d, "name"), short_name=text(d, "short_name") or text(d, "name"),
            address=text(d, "address"), scope=text(d, "scope"), policy=text(d, "policy"),
            policy_approved=text(d, "policy_approved"),
            sites=[str(s) for s in d.get("sites", []) if isinstance(s, str)]
            if isinstance(d.get("sites"), list) else [],
            exclusions=[Exclusion(text(x, "clause"), text(x, "justification"),
                                  where.child("exclusions", i)) for i, x in items(d, "exclusions")],
            departments=[Department(text(x, "id"), text(x, "name"), text(x, "parent"),
                                    where.child("departments", i))
                         for i, x in items(d, "departments")],
            where=where, language=text(d, "language", "ro"),
        )

    @classmethod
    def empty(cls) -> Organisation:
        return cls("", "", "", "", "", "", [], [], [])
