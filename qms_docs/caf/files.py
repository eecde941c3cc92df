"""Content files of the caf module: (glob under content/, kind = schema name).

One folder per assessment year: content/caf/<year>/ holds assessment.yml (group, training),
sheets/<evaluator>.yml (individual scores), consensus.yml and plan.yml.
"""

FILES: list[tuple[str, str]] = [
    ("caf/*/assessment.yml", "caf-assessment"),
    ("caf/*/sheets/*.yml", "caf-sheet"),
    ("caf/*/consensus.yml", "caf-consensus"),
    ("caf/*/plan.yml", "caf-plan"),
]
