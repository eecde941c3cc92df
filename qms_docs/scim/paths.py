"""Where the SCIM pages live on the site (docs-relative .md paths); the PDFs take their names."""

from __future__ import annotations

from ..site.paths import slug

INDEX = "scim/index.md"
DECISIONS = "scim/dispozitii.md"
COMMISSION = "scim/comisia.md"
REGISTER = "scim/registrul-riscurilor.md"
REGISTERS = "scim/registrele-compartimentelor/index.md"  # the departments' registers
PLAN = "scim/plan-masuri-control.md"
OPPORTUNITIES = "scim/oportunitati.md"
ACTIVITIES = "scim/activitati-procedurale.md"
PROCEDURES = "scim/registrul-procedurilor.md"
SENSITIVE = "scim/functii-sensibile.md"
HEAT_MAP = "scim/harta-riscurilor.svg"  # inherent and residual, side by side


def year_index(year: int) -> str:
    return f"scim/{year}/index.md"


def programme(year: int) -> str:
    return f"scim/{year}/program-dezvoltare.md"


def meetings(year: int) -> str:
    return f"scim/{year}/sedinte.md"


def questionnaires(year: int) -> str:
    return f"scim/{year}/chestionare/index.md"


def all_questionnaires(year: int) -> str:
    """Every questionnaire of the year in one page (the PDF route only)."""
    return f"scim/{year}/chestionare.md"


def questionnaire(year: int, dept: str) -> str:
    return f"scim/{year}/chestionare/{slug(dept)}.md"


def synthesis(year: int) -> str:
    return f"scim/{year}/situatia-sintetica.md"


def by_department(year: int) -> str:
    return f"scim/{year}/stadiu-pe-compartimente.md"


def report(year: int) -> str:
    return f"scim/{year}/raport-scim.md"


def risk_report(year: int) -> str:
    return f"scim/{year}/raport-gestionare-riscuri.md"


def department_register(dept: str) -> str:
    return f"scim/registrele-compartimentelor/{slug(dept)}.md"
