"""All-or-nothing PDF output: every PDF is written into a temporary folder beside the output
folder, which then becomes a complete copy of the new output (the files a partial build keeps
carried over as hard links) and is swapped in with one atomic rename (qms_docs/swap.py). A failed
or killed build leaves the previous PDFs exactly as they were; never a mix of old and new."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..exceptions import BuildError
from ..swap import carry_over, staged, swap_in


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A temporary folder on the same file system as `out`; removed whatever happens."""
    with staged(out.resolve()) as tmp:
        yield tmp


def publish(tmp: Path, out: Path, prune_top: bool, prune_sub: str | None,
            scratch: tuple[str, ...] = ()) -> None:
    """Swap the staging folder in as `out`. Files of the previous `out` that this build did not
    write are kept, except: with prune_top, PDFs at the top (documents removed or renamed); with
    prune_sub, the PDFs of that subfolder (the reports, all rebuilt). `scratch` folders of the
    staging area are removed first."""
    out = out.resolve()
    for name in scratch:
        shutil.rmtree(tmp / name, ignore_errors=True)

    def keep(rel: str) -> bool:
        if not rel.endswith(".pdf"):
            return True
        if "/" not in rel:
            return not prune_top
        return prune_sub is None or not rel.startswith(prune_sub + "/") \
            or rel.count("/") > 1
    try:
        carry_over(out, tmp, keep)
        for sub in [p for p in tmp.iterdir() if p.is_dir() and not any(p.iterdir())]:
            sub.rmdir()  # an empty reports folder the build did not fill
        swap_in(tmp, out)
    except OSError as e:
        raise BuildError(f"{out}: cannot write the PDFs: {e}") from e
