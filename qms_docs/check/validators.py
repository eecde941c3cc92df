"""Compiled schema validators kept between runs, as Python keeps the bytecode of modules.

fastjsonschema turns a schema into Python source; compiling that source is most of the cost
(about half a second for our schemas, on every cold run). The code object is kept in the
user's cache folder (beside the approval verdicts), named by the schema, fastjsonschema's and
Python's versions. marshal runs what it loads, so each entry is signed under this machine's
secret (cache.read_signed) and a planted or foreign file is ignored."""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from collections.abc import Callable
from functools import partial
from typing import Any

import fastjsonschema
from fastjsonschema.ref_resolver import RefResolver

from ..cache import _secret, _user_folder, read_signed, write_signed


def compiled(doc: dict, formats: dict[str, Callable[[str], bool]]) -> Callable[[Any], Any]:
    """fastjsonschema.compile(doc, formats=formats), its code reused from an earlier run."""
    key = hashlib.sha256(json.dumps([doc, sorted(formats), fastjsonschema.VERSION,
                                     sys.version], sort_keys=True).encode()).hexdigest()
    secret = _secret()
    path = _user_folder() / "validators" / f"{key}.bin"
    data = read_signed(path, secret) if secret else None
    code = None
    if isinstance(data, bytes):
        try:
            code = marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            code = None
    if code is None:
        source = fastjsonschema.compile_to_code(doc, formats=formats)
        code = compile(source, "<schema validator>", "exec")
        if secret:
            write_signed(path, secret, marshal.dumps(code))
    scope: dict[str, Any] = {}
    exec(code, scope)  # noqa: S102 - our own schema's code, compiled here or signed by us
    func = scope[RefResolver.from_schema(doc, store={}).get_scope_name()]
    return partial(func, custom_formats=formats)
