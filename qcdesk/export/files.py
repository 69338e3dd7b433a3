"""Writing an output file so that a failure never leaves half of it behind."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from qcdesk.models.file_replace import name_target, replace_into_place


def write_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """``write`` fills a side file (``<name>.part``), which is then renamed into place; on any
    failure the side file is removed and the error passes on, naming ``out`` (the file the user
    chose) where it named the side file."""
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        replace_into_place(tmp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        name_target(exc, tmp, out)
        raise
