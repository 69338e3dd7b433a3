"""What an import does after its merge committed (the copy taken before it noted, its photos
placed), and how a failure there is reported: the records are in the database by then.

Why: a photo that could not be placed (a full disk, a photo folder that cannot be written) ended
the import with the plain failure line, and the window added "The database was not changed."
although every record had gone in. The inspector imported the package again (refused as
imported before) or thought the county's data missing. `ImportedButFailed` carries the import's
result, so a caller reports the counts as on success, what failed afterwards and what to do:
importing the same package again changes no record and puts its missing photos back
(`photo_placing.complete_refused`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PHOTOS = "photos"  # the package's photo files put into the photo folder
COPIES = "copies"  # the copy taken before the import noted as the day's import run's


class ImportedButFailed(Exception):
    """The merge committed (`result` holds its counts), then step `stage` failed with `cause`;
    `photos_missing`: the package's photos not (intact) in the photo folder afterwards."""

    def __init__(self, result: Any, stage: str, cause: BaseException, photos_missing: int = 0):
        super().__init__(f"imported, then the {stage} step failed: {cause}")
        self.result, self.stage, self.cause = result, stage, cause
        self.photos_missing = photos_missing
        self.also = ""  # a caller's own failure after this one (the reconciliation workbook)

    def to_json(self) -> dict[str, Any]:
        """`qcdesk import --json`'s `failed_after_import`: the records are in, this failed."""
        return {"stage": self.stage, "reason": f"{type(self.cause).__name__}: {self.cause}",
                "photo_files_not_placed": self.photos_missing, "also": self.also or None}

    @property
    def records(self) -> int:
        """The package's rows merged (new + updated + unchanged + conflicting), as on success."""
        return sum(sum(c.values()) for c in self.result.counts.values())


class AfterCommit:
    """The steps after the commit. Each runs even when one before it failed (the photos are
    placed though the copy could not be noted); the first failure is kept and raised once the
    result is complete (`raise_with`). A dry run committed nothing: its failures pass as they are."""

    def __init__(self, dry_run: bool):
        self.dry_run = dry_run
        self.failure: tuple[str, Exception] | None = None

    @contextlib.contextmanager
    def step(self, stage: str) -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            if self.dry_run:
                raise
            if self.failure is None:
                self.failure = (stage, exc)

    def raise_with(self, result: Any, package: Path, photos_dir: Path | None) -> None:
        """Raise `ImportedButFailed` for the first failed step, if any."""
        if self.failure is None:
            return
        from qcdesk.exchange.photo_placing import missing_here

        stage, exc = self.failure
        missing = missing_here(Path(package), Path(photos_dir)) if photos_dir is not None else 0
        raise ImportedButFailed(result, stage, exc, missing) from exc
