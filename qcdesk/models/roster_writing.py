"""Writing a checked list (enterprises or inspectors) in ONE transaction, after a snapshot.

Both list imports write the same way: a copy of the database first (a wrong list is undone by
restoring it), then every good row through the kind's own save function (its validation and
revisions, as for a record edited by hand), all rows or none. Only the save differs per kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.store import Store

PROGRESS_EVERY = 500  # rows between two progress reports


def write_plan(store: Store, plan: Any, save: Callable[[Any], object],
               progress: Callable[[int, int], object] | None = None,
               committing: Callable[[], object] | None = None,
               finish: Callable[[Store], object] | None = None) -> Any:
    """Write every row of `plan` whose action is not "unchanged" with `save(item)`: all of them
    or, on any failure, none (a refused save becomes roster.save_failed naming the row).

    `progress(done, total)` may raise to stop (everything is rolled back); `finish(store)` runs
    inside the transaction after the rows; `committing()` is called just before the commit,
    the point after which stopping is no longer possible. Returns a RosterResult."""
    from qcdesk.models.roster import RosterResult

    result = RosterResult(unchanged=plan.count("unchanged"), skipped=len(plan.bad_rows))
    attempt = None
    if any(item.action != "unchanged" for item in plan.rows):
        from qcdesk.models.interrupted import ListImport

        # a wrong list can be undone by restoring this copy; kept only if the list was written
        attempt = ListImport.start(store)
    try:
        _write(store, plan, save, result, progress, committing, finish)
    finally:
        if attempt is not None:
            attempt.finish()
    if attempt is not None and attempt.snapshot is not None and attempt.snapshot.is_file():
        result.backup = attempt.snapshot  # named in the summary: how to undo a wrong list
    return result


def _write(store: Store, plan: Any, save: Callable[[Any], object], result: Any,
           progress: Callable[[int, int], object] | None, committing: Callable[[], object] | None,
           finish: Callable[[Store], object] | None) -> None:
    from qcdesk.models.roster import RosterFileError

    with store.transaction():
        for done, item in enumerate(plan.rows):
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, len(plan.rows))
            if item.action == "unchanged":
                continue
            try:
                save(item)
            except ValidationFailed as exc:
                raise RosterFileError("roster.save_failed", row=item.row, reason=exc.text()) from exc
            if item.action == "add":
                result.added += 1
            else:
                result.updated += 1
        if finish is not None:
            finish(store)
        if committing is not None:
            committing()
