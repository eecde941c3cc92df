"""A Content-Security-Policy for every built page: defence in depth behind the sanitiser.

Scripts may come only from the site itself, plus the theme's own inline scripts, allowed one
by one by their SHA-256 (computed on the page chrome, never on the content). No inline event
handler, no `javascript:` URL, no request to another host can run or leave, even if some
markup slipped through. Not applied under `mkdocs serve`: its live-reload script is inline.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
          "worker-src 'self' blob:; object-src 'none'; frame-src 'none'; base-uri 'self'; "
          "form-action 'self'")


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def add_policy(output: str, content: str) -> str:
    """The page with a CSP <meta> first in <head>; inline scripts of `content` stay blocked."""
    chrome = output.replace(content, "") if content else output
    hashes = sorted({_hash(body) for attrs, body in _INLINE.findall(chrome)
                     if "application/json" not in attrs.lower()})
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            + POLICY.format(hashes=" ".join(hashes)).replace('"', "&quot;") + '">')
    return output.replace("<head>", "<head>\n" + meta, 1)
