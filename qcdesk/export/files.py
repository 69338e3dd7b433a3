"""Writing an output file so that a failure never leaves half of it behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def write_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """``write`` fills a side file (``<name>.part``), which is then renamed into place; on any
    failure the side file is removed and the error passes on unchanged."""
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
