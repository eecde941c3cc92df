"""The site stage: a MkDocs plugin that turns the checked model into pages.

`generate.generate(qms)` is the whole model -> {path: Markdown} step (pure, deterministic);
`plugin.QmsPlugin` feeds it to MkDocs; `build.build_site` is the atomic `qms build`.
"""
