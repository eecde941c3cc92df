"""Content files of the scim module: (glob under content/, kind = schema name).

content/scim/decisions.yml                  the head of the entity's decisions (dispoziții)
content/scim/commission.yml                 the Comisia de monitorizare: compositions, rules
content/scim/procedural-activities.yml      the list of procedural activities
content/scim/sensitive-functions.yml        sensitive functions and their measures
content/scim/<year>/programme.yml           the development programme of the year
content/scim/<year>/meetings.yml            the commission's meetings: minutes, decisions
content/scim/<year>/questionnaires/<D>.yml  one self-assessment questionnaire per department
content/scim/<year>/report.yml              synthetic situation approval, declared grade, report
content/scim/<year>/risk-report.yml         the annual report on risk management
The risk register itself is content/risks.yml (one register for ISO 9001 and OSGG 600).
"""

FILES: list[tuple[str, str]] = [
    ("scim/decisions.yml", "scim-decisions"),
    ("scim/commission.yml", "scim-commission"),
    ("scim/procedural-activities.yml", "scim-activities"),
    ("scim/sensitive-functions.yml", "scim-sensitive"),
    ("scim/*/programme.yml", "scim-programme"),
    ("scim/*/meetings.yml", "scim-meetings"),
    ("scim/*/questionnaires/*.yml", "scim-questionnaire"),
    ("scim/*/report.yml", "scim-report"),
    ("scim/*/risk-report.yml", "scim-risk-report"),
]
