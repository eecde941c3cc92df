"""Content files of the audit module: (glob under content/, kind = schema name)."""

FILES: list[tuple[str, str]] = []
