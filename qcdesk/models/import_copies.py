"""One copy before a day's run of package imports, not one per package, and every import still
undoable.

Why: every package import took a full copy of the database (and checked it) first. A county
importing its 12 inspectors' packages on Monday wrote 12 full copies, each slower as the
database grew (a 1 GB database: 12 GB and minutes of waiting), and with 14 import copies kept
the import copies reached back about a week.

The rule: a package import reuses the copy taken before the day's first package import when
nothing but package imports changed the database since. Each of those packages is kept in
received/ (`received_copy`), so restoring that copy and importing them again in order gives
the database as it was before any later import of the run: every import stays undoable, and
its "way back" line says which earlier packages the restore undoes too, and where they are
(`undone_with`). Anything else that changed the database (a save, a list import, a conflict
resolved, a setting, an export, a restore), another day, or the copy gone, and the next import
takes a fresh copy as before. "Nothing else changed" is `state`: the newest audit entry (every
record table writes one) and the tables the audit does not cover, read at the end of the
import's own transaction (`Run.seal`) and again before the next import. The copy itself must be
as it was when taken and checked (its size and modification time, noted): a copy cut short or
overwritten since (a full disk, a clean-up, a restore over it) is no way back, and the next
import takes a fresh one.

The run is noted in backups/.import-run-<stem>.json: the copy, the day, the state and the
packages imported since the copy (their received/ copies). The copy of an import that failed
or was refused is removed as before (`ImportAttempt`); a reused one never is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qcdesk.models import local_day
from qcdesk.models.store import Store

_NOTE = ".import-run-{stem}.json"
# caches rebuilt from the records (an import or a list refresh writes them): no change of state
_DERIVED = ("risk_cache", "risk_dirty", "spot_month", "spot_group", "enterprise_name_key")


@dataclass
class Run:
    """The copy an import goes back to: `fresh` when taken for it, else the run's copy, which
    `earlier` packages (their received/ copies, oldest first) were imported after."""

    path: Path | None
    fresh: bool
    earlier: list[str] = field(default_factory=list)
    state: str = ""  # the database's state at the end of this import's transaction
    copy_stat: list[int] | None = None  # the run's copy's size and mtime_ns, as noted

    def seal(self, store: Store) -> None:
        """Inside the import's transaction, after its writes: what the next import compares."""
        self.state = state(store)


def state(store: Store) -> str:
    """A digest of everything a restore of the run's copy would undo besides package imports."""
    from qcdesk.models.schema_audit import record_tables

    conn, parts = store.db.conn, []
    parts.append(conn.execute("SELECT seq, table_name, row_uuid, op, at FROM audit_log "
                              "ORDER BY seq DESC LIMIT 1").fetchall())
    parts.append(conn.execute("SELECT key, value FROM settings WHERE key NOT LIKE 'audit.%' "
                              "ORDER BY key").fetchall())  # not the chain's seal, written after
    parts.append(conn.execute("SELECT id, resolved_at, resolution FROM exchange_conflict "
                              "WHERE resolved_at IS NOT NULL ORDER BY id").fetchall())
    records = set(record_tables(store.db))
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        if name in records or name.startswith(("audit_", "sqlite_")) or name in _DERIVED \
                or "_fts" in name:
            continue
        try:
            parts.append([name, *conn.execute(f'SELECT count(*), max(rowid) FROM "{name}"').fetchone()])
        except sqlite3.OperationalError:  # a WITHOUT ROWID table: its count
            parts.append([name, conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]])
    return hashlib.sha256(json.dumps(parts, default=str).encode("utf-8")).hexdigest()


def _note_path(store: Store) -> Path | None:
    from qcdesk.models.snapshots import default_folder

    folder = default_folder(store)
    return folder / _NOTE.format(stem=Path(store.path).stem) if folder is not None else None


def _read(note: Path | None) -> dict:
    try:
        seen = json.loads(note.read_text(encoding="utf-8")) if note is not None else {}
    except (OSError, ValueError):
        return {}
    return seen if isinstance(seen, dict) else {}


def before_package(store: Store, today: date | None = None) -> Run:
    """The copy to go back to before a package import: the day's run's (reused), or a fresh one
    (`snapshot_before_import`: checked; a damaged database refused)."""
    from qcdesk.models import backup  # its names, as callers and tests patch them

    note = _note_path(store)
    seen = _read(note)
    copy = note.with_name(str(seen.get("copy", ""))) if note is not None and seen.get("copy") else None
    if (copy is not None and seen.get("db") == str(Path(store.path).resolve())
            and seen.get("day") == (today or local_day.today()).isoformat()
            and any(info.path == copy and info.reason == "import"
                    for info in backup.list_backups(copy.parent, store.path))
            and seen.get("copy_stat") == _stat(copy)
            and seen.get("state") == state(store)):
        return Run(copy, False, [str(p) for p in seen.get("packages", [])], copy_stat=seen["copy_stat"])
    return Run(backup.snapshot_before_import(store), True)


def _stat(copy: Path) -> list[int] | None:
    """[size, mtime_ns] of the run's copy (None: gone): unchanged since it was taken and checked."""
    try:
        st = copy.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def imported(store: Store, run: Run, kept: Path | None, today: date | None = None) -> None:
    """The import committed: the run goes on from its copy, with this package in it."""
    note = _note_path(store)
    if note is None or run.path is None or not run.state:
        return
    copy_stat = run.copy_stat if not run.fresh else _stat(run.path)  # a reused one: as noted
    data = {"db": str(Path(store.path).resolve()), "copy": run.path.name, "copy_stat": copy_stat,
            "day": (today or local_day.today()).isoformat(), "state": run.state,
            "packages": [*run.earlier, str(kept) if kept is not None else ""]}
    part = note.with_name(note.name + ".part")
    with contextlib.suppress(OSError):  # no note: the next import takes its own copy
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, note)


def undone_with(backup: Path | None) -> list[str]:
    """The packages imported after `backup` and before the import just done (whose way back it
    is): restoring it undoes them too. [] for a copy taken for that import alone."""
    if backup is None:
        return []
    for note in Path(backup).parent.glob(_NOTE.format(stem="*")):
        seen = _read(note)
        if seen.get("copy") == Path(backup).name:
            return [str(p) for p in seen.get("packages", [])][:-1]
    return []


_ALSO = (
    "这份备份做于今天第一次导入数据包之前，此后只导入过数据包：恢复它也会撤销本次之前导入的 {n} 个数据包"
    "（{names}）。它们都保存在 received 文件夹中，恢复后请按原顺序重新导入{again}。",
    "This copy was taken before today's first package import, and only packages were imported "
    "since: restoring it also undoes the {n} package(s) imported before this one ({names}). They "
    "are kept in the received folder: after the restore, import them again in the same order "
    "{again_en}.",
)
# how to import them again: a command at the command line, the menu in the import window
_AGAIN = {False: ("（如 qcdesk import \"{first}\"）", "(e.g. qcdesk import \"{first}\")"),
          True: ("（在 文件 ▸ 导入数据包… 中，先导入 {first_name}）",
                 "(File ▸ Import data package…, first {first_name})")}


def also_undone_text(backup: Path | None, lang: str = "zh", *, window: bool = False) -> str:
    """What else restoring the copy undoes (`undone_with`), said after the way-back line; ""
    when the copy was taken for this import alone. `window`: the import window says where to
    import them again in it, not a command a clerk at the window never types."""
    from qcdesk.models.messages import own_message

    earlier = [p for p in undone_with(backup) if p]
    if not earlier:
        return ""
    names = [Path(p).name for p in earlier]
    shown = ("、" if not lang.startswith("en") else ", ").join(names[:3])
    more = ("等" if not lang.startswith("en") else ", …") if len(names) > 3 else ""
    template = (_ALSO[0].replace("{again}", _AGAIN[window][0]),
                _ALSO[1].replace("{again_en}", _AGAIN[window][1]))
    return own_message(template, lang, {"n": len(earlier), "names": shown + more, "first": earlier[0],
                                        "first_name": names[0]})
