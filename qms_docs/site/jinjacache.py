"""Compiled theme templates kept between builds (Jinja's bytecode cache, signed).

Every MkDocs build compiles Material's templates afresh: a third of a second or more, the same
for every build. Jinja can keep the compiled code, but it is loaded with marshal, which runs
whatever it holds; so each entry is signed under this machine's secret (cache.read_signed) and
a planted or foreign file is ignored. Jinja itself checks that the entry was compiled from the
template's current source and by this Jinja and Python.
"""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache

from ..cache import FOLDER, _name_under, _secret, read_signed, write_signed


class SignedBytecodeCache(BytecodeCache):
    def __init__(self, root: Path, secret: bytes):
        self.folder = Path(root) / FOLDER / "jinja"
        self.secret = secret

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / _name_under(self.secret, bucket.key.encode())

    def load_bytecode(self, bucket: Bucket) -> None:
        data = read_signed(self._path(bucket), self.secret)
        if isinstance(data, bytes):
            bucket.bytecode_from_string(data)  # resets itself on a stale checksum or magic

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_signed(self._path(bucket), self.secret, bucket.bytecode_to_string())


def attach(env, root: Path) -> None:
    """Give the build's Jinja environment the cache (none without a secret)."""
    secret = _secret()
    if secret is not None:
        env.bytecode_cache = SignedBytecodeCache(root, secret)
