"""Photo rows an import brings without their file: said, never silent.

A package made without photo files (the CLI default), or one whose photo files did not all fit
(`photo_budget`: the rest wait for the sender's next package), carries 照片 rows without their
files; the receiver then holds photos it cannot show, and, passing them on, would send rows
without files too. The package does not say which of the two happened, so the report names
both: the sender's next packages made with photo files carry every file it never sent
(`exchange_store.unsent_photo_hashes`), which is what it asks for.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from qcdesk.models.messages import message


def live_hashes(data_names: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    """SHA-256 of each live photo row of a chunk (`sheet_feed.FedRow`); a deleted row needs
    no file."""
    sha, deleted = data_names.index("sha256"), data_names.index("deleted_at")
    return [str(r[1][sha]) for r in rows if r[1][deleted] is None and r[1][sha]]


def missing_count(hashes: Iterable[str], members: Iterable[str], photos_dir: Path) -> int:
    """Photo rows whose file neither came in the package nor is in the photo folder."""
    carried = {n.split("/", 1)[1].split(".", 1)[0] for n in members if n.startswith("photos/")}
    return sum(1 for sha in hashes if sha not in carried
               and not any((Path(photos_dir) / sha[:2]).glob(f"{sha}.*")))


def warning(n: int) -> tuple[str, str]:
    """(Chinese, English) report line for `n` photo rows without their file."""
    return (message("import.photo_files_missing", "zh", n=n),
            message("import.photo_files_missing", "en", n=n))
