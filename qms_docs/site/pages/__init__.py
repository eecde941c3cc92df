"""Page builders, one module per page family; each returns {docs-relative path: Markdown}."""
