"""Files of the content folder the site publishes as they are: pictures and PDFs that documents
link to, and only when their first bytes say they are what their name says (an HTML page named
`sigla.png` is not served). Never HTML, SVG (a script inside would run on the site's origin),
scripts or styles: those are reported (QMS017), so that nobody expects them online."""

from __future__ import annotations

# suffix → the signatures a file of that type starts with
ASSETS: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # and "WEBP" at offset 8, checked below
    ".pdf": (b"%PDF-",),
}
HEAD = 16  # bytes read to tell
NEVER_SERVED = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".css",
                ".xml", ".xsl", ".swf", ".wasm"}


def suffix(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def looks_like(head: bytes, suffix_: str) -> bool:
    """Whether the first bytes of a file are those of its type."""
    if not head.startswith(ASSETS.get(suffix_, ())):
        return False
    return suffix_ != ".webp" or head[8:12] == b"WEBP"
