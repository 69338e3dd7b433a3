"""Snapshots of the open database: taken, checked, kept apart when damaged, rotated.

Snapshots are taken with SQLite's backup API (consistent while the app is writing) at the first
start of each day, before every migration (`Store.migrate`) and before every import. Each kind
rotates on its own (`prune`; per kind, or 15 imports in a day left nothing older than that day):
the newest N taken before an import and N manual ones (setting ``backup.keep``, default 14),
daily copies and the way back from a restore, upgrade or `demo --replace` (`KEPT_REASONS`) on
the schedules of `backup_schedule` (thinned to reach back a year; the newest 3 and 30 days').

Names read `<stem>.<reason>-YYYYMMDD-HHMMSS+ZZZZ.db` (local time and its UTC offset: an
inspector in Xianning who backed up at 09:30 sees 0930, where a UTC name said 0130 and the wrong
copy was picked), `-2`, `-3`… when the same second comes again, also in another program (the
name is claimed exclusively: `backup_name`); names of earlier versions, in UTC
(`…-20261130-011859.db`, `…-20261130T111859923475.db`), are still read as UTC.

Why each copy is checked: a database with flipped bytes opens without complaint, and its daily
copy counted toward the N kept, so within N days every good copy was pruned and restore refused
what was left. SQLite's quick_check runs on the COPY (the user's database is not locked while
it runs). A damaged copy is renamed ``<stem>.damaged-<reason>-<stamp>.db``: it is no restore
point, does not count toward the N and never makes a good copy be pruned (damaged copies rotate
among themselves); the result says the database looks damaged and names the newest good copy.

Why the copy just made is never pruned: the rotation orders by the time in the names, and with
the clock set back the new copy's name was the oldest, so it was deleted at once (`qcdesk
backup` printed a path that no longer existed; the copy before an import vanished). The result
also says when the clock is behind the newest copy.

Why copies named later than now (+ `FUTURE_MARGIN`) are left out of the rotation: after a few
days with the clock a year ahead, those copies stayed "newest" for a year and each new, correct
copy deleted the one before it. They count toward no kind's N, are never deleted automatically,
are named in the warning and marked in the dialog, which preselects the newest copy not named
in the future (`newest_not_later`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from qcdesk.models import local_day
from qcdesk.models.backup_schedule import daily_kept, step_kept
from qcdesk.models.clock_text import local_time
from qcdesk.models.database_file import read_only_uri
from qcdesk.models.messages import own_message
from qcdesk.models.store import Store, StoreError, remove_database_files

KEEP_SETTING = "backup.keep"
DEFAULT_KEEP = 14
ROUTINE_REASONS = ("daily", "import", "manual")  # rotated: newest N (daily: thinned, backup_schedule)
# the way back from one step (a restore, an upgrade, `demo --replace`): the newest 3, the last 30 days'
KEPT_REASONS = ("before-restore", "pre-migration", "before-demo")
REASONS = ROUTINE_REASONS + KEPT_REASONS
FUTURE_MARGIN = timedelta(minutes=5)  # a copy named later than now by more: made on a clock ahead
DAMAGED = "damaged"  # marks a copy that failed the check: `<stem>.damaged-<reason>-<stamp>.db`
# `stamp`: YYYYMMDD-HHMMSS±ZZZZ[-n] (local, n = 2, 3… within one second), or the older UTC
# YYYYMMDD-HHMMSS[-n] and YYYYMMDDTHHMMSSffffff
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<reason>[a-z-]+)-(?P<stamp>\d{8}T\d{6}\d{0,6}|"
                   r"\d{8}-\d{6}(?P<offset>[+-]\d{4})?(?:-(?P<seq>[1-9]\d{0,5}))?)\.db$")
_STARTED = time.time()  # a side file older than this process is no copy this process is making

_TEXTS: dict[str, tuple[str, str]] = {
    "damaged": (
        "数据库 {db} 可能已损坏（完整性检查未通过：{problem}）。刚做的副本已另存为 {copy}，不计入保留的备份，"
        "也不会使完好的备份被删除。{good}",
        "The database {db} may be damaged (the integrity check failed: {problem}). The copy just "
        "made is kept apart as {copy}; it does not count toward the backups kept and never makes a "
        "good one be deleted. {good}",
    ),
    "last_good": ("请从备份恢复，最近一次完好的备份是 {path}（{when}）。",
                  "Restore from a backup: the newest intact one is {path} ({when})."),
    "no_good": ("备份文件夹中没有找到完好的备份：请勿删除任何备份，并尽快联系维护人员。",
                "No intact backup was found in the backups folder: delete none of them and "
                "contact the maintainer soon."),
    "clock": (
        "有 {count} 份备份的名称时间晚于电脑时钟（{now}），最晚的是 {newest}：{names}。"
        "要么做这些备份时电脑时钟超前，要么现在的电脑时钟落后：请检查系统的日期和时间。"
        "这些备份不计入保留的份数，也不会被自动删除；如现在的时间无误，核对后可在备份文件夹中手动删除它们。"
        "刚做的备份 {copy} 已保留。",
        "{count} backup(s) are named later than the computer's clock ({now}), the latest "
        "{newest}: {names}. Either the clock ran ahead when they were made or it is behind now: "
        "check the system date and time. They do not count toward the copies kept and are never "
        "deleted automatically; if the time now is right, check them and delete them by hand in "
        "the backups folder. The backup just made, {copy}, is kept.",
    ),
    "import_refused": (
        "数据库 {db} 可能已损坏，为免损坏扩大，未导入。"
        "请先从备份恢复（qcdesk restore <备份文件> --db {db}），再重新导入。",
        "The database {db} may be damaged; nothing was imported, so as not to spread the damage. "
        "Restore a backup first (qcdesk restore <backup file> --db {db}), then import again.",
    ),
}


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    taken_at: datetime  # UTC
    size: int


@dataclass(frozen=True)
class Snapshot:
    """A copy just made and what its caller must tell the user about it."""

    path: Path
    db_path: Path
    problem: str = ""  # what the check found in the copy; "" when it passed
    last_good: BackupInfo | None = None  # when damaged: the newest copy that passes the check
    clock_behind: BackupInfo | None = None  # a copy named later than now: the clock went back

    @property
    def damaged(self) -> bool:
        return bool(self.problem)

    def damage_text(self, lang: str = "zh") -> str:
        if not self.damaged:
            return ""
        good = self.last_good
        tail = (own_message(_TEXTS["last_good"], lang, {"path": good.path, "when": local_time(good.taken_at)})
                if good else own_message(_TEXTS["no_good"], lang, {}))
        return own_message(_TEXTS["damaged"], lang, {"db": self.db_path, "problem": self.problem,
                                                     "copy": self.path, "good": tail})

    def clock_text(self, lang: str = "zh") -> str:
        """Which copies are named in the future (it may be the clock then, or now, that is wrong)."""
        if self.clock_behind is None:
            return ""
        later = named_later(self.path.parent, self.db_path) or [self.clock_behind]
        names = "、".join(info.path.name for info in later[:3]) + ("…" if len(later) > 3 else "")
        return own_message(_TEXTS["clock"], lang, {
            "now": local_time(datetime.now(UTC), seconds=True), "count": len(later), "names": names,
            "newest": local_time(self.clock_behind.taken_at, seconds=True), "copy": self.path})

    def warnings(self, lang: str = "zh") -> list[str]:
        return [text for text in (self.damage_text(lang), self.clock_text(lang)) if text]


def _stamp() -> str:
    """The time as the user's clock shows it, with the offset that makes it one instant (and
    tells it from an earlier version's UTC name); sorts by name within one offset."""
    return datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S%z")[:20]


def _stamp_time(match: re.Match[str]) -> tuple[datetime, int]:
    """The UTC time and the repeat number (1 for the first copy of that second) in a name."""
    stamp = match["stamp"]
    if "T" in stamp:  # an earlier version's name, with microseconds
        return datetime.strptime(stamp.ljust(21, "0"), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC), 1
    if match["offset"]:
        taken = datetime.strptime(stamp[:20], "%Y%m%d-%H%M%S%z").astimezone(UTC)
    else:  # an earlier version's name, in UTC
        taken = datetime.strptime(stamp[:15], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    return taken, int(match["seq"] or 1)


def _name_in_use(path: Path, part: bool = True) -> bool:
    """A copy under this name, being written (`part`), or set apart as damaged, would be replaced."""
    sides = (path, damaged_name(path)) + ((path.with_name(path.name + ".part"),) if part else ())
    return any(side.exists() or side.is_symlink() for side in sides)


def _claim(path: Path) -> bool | None:
    """Take the name `path` for a copy about to be written: True when this program now owns
    it, False when another copy has it, None when nothing can be created there (the writer
    then fails with its own explanation).

    Why exclusive: two programs copying in the same second (the GUI and a `qcdesk backup` or
    import in a script) both found the name free, and the second copy silently replaced the
    first. The claim is the copy's side file `<name>.part`, made with O_EXCL, which every
    writer fills and renames to `path`; the name is checked free again once it is held."""
    part = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # a file under the folder's name, no permission…
        return None
    try:
        os.close(os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
    except FileExistsError:
        return False
    except OSError:
        return None
    if _name_in_use(path, part=False):  # written, or set apart, before this claim
        release(path)
        return False
    return True


def release(path: Path) -> None:
    """Give back the name of a copy claimed by `backup_name` but never written (its side file
    is still empty): a refused or stopped backup leaves nothing in the backups folder."""
    part = Path(path).with_name(Path(path).name + ".part")
    with contextlib.suppress(OSError):
        if part.is_file() and not part.is_symlink() and part.stat().st_size == 0:
            part.unlink()


def _unique(folder: Path | None, base: str, suffix: str) -> str:
    """`base + suffix`, or `base-2 + suffix`, `-3`… when that name is in use in `folder`; the
    name returned is claimed there (`_claim`) unless nothing can be created in `folder`."""
    n = 1
    while True:
        name = f"{base}{suffix}" if n == 1 else f"{base}-{n}{suffix}"
        if folder is None:
            return name
        path = Path(folder) / name
        if not _name_in_use(path) and _claim(path) is not False:
            return name
        n += 1


def backup_name(db_path: Path, reason: str, folder: Path | None = None) -> str:
    """`<stem>.<reason>-YYYYMMDD-HHMMSS+ZZZZ.db` (local time); given the `folder` it goes into, a name no copy
    there uses (a second copy within the same second gets `-2`, and so on), claimed for the
    caller: write the copy to `<name>.part` and rename it, or `release` the name."""
    return _unique(folder, f"{Path(db_path).stem}.{reason}-{_stamp()}", ".db")


def damaged_name(path: Path) -> Path:
    """Where a damaged copy is kept: `x.daily-<stamp>.db` -> `x.damaged-daily-<stamp>.db`;
    any other name gets `.damaged-<stamp>` before its suffix (never an existing file's name)."""
    path = Path(path)
    match = _NAME.match(path.name)
    if match and match["reason"] in REASONS:
        return path.with_name(f"{match['stem']}.{DAMAGED}-{match['reason']}-{match['stamp']}.db")
    base, suffix = f"{path.stem}.{DAMAGED}-{_stamp()}", path.suffix or ".db"
    target, n = path.with_name(base + suffix), 1
    while target.exists() or target.is_symlink():
        n += 1
        target = path.with_name(f"{base}-{n}{suffix}")
    return target


def _listed(folder: Path, db_path: Path | None, damaged: bool) -> list[BackupInfo]:
    found = []
    if not Path(folder).is_dir():
        return found
    for path in Path(folder).iterdir():
        match = _NAME.match(path.name)
        if not match:
            continue
        reason = match["reason"]
        if damaged != reason.startswith(f"{DAMAGED}-") or reason.removeprefix(f"{DAMAGED}-") not in REASONS:
            continue
        if db_path is not None and match["stem"] != Path(db_path).stem:
            continue
        taken, repeat = _stamp_time(match)
        with contextlib.suppress(OSError):
            stat = path.stat()
            # within one second the copies go by when they were written: the repeat number counts
            # copies of one kind only, so it cannot order an import after a manual -3
            found.append((taken, stat.st_mtime_ns, repeat, BackupInfo(path, reason, taken, stat.st_size)))
    return [info for *_key, info in sorted(found, key=lambda f: f[:3], reverse=True)]


def list_backups(folder: Path, db_path: Path | None = None) -> list[BackupInfo]:
    """Restore points in `folder` (of `db_path` only, if given), newest first (by the time in
    the name, then the file's time, then its repeat number). Damaged copies are not among them."""
    return _listed(folder, db_path, damaged=False)


def list_damaged(folder: Path, db_path: Path | None = None) -> list[BackupInfo]:
    """Copies kept apart because they failed the check, newest first (reason `damaged-…`)."""
    return _listed(folder, db_path, damaged=True)


def keep_count(store: Store) -> int:
    try:
        return max(1, int(store.setting(KEEP_SETTING, str(DEFAULT_KEEP))))
    except ValueError:
        return DEFAULT_KEEP


def stored_keep_count(db_path: Path) -> int:
    """The `backup.keep` setting read from a database file without opening it as a Store."""
    from qcdesk.models.backup import open_read_only

    try:
        conn = open_read_only(Path(db_path))
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", [KEEP_SETTING]).fetchone()
        finally:
            conn.close()
        return max(1, int(row[0])) if row else DEFAULT_KEEP
    except (sqlite3.Error, StoreError, ValueError):
        return DEFAULT_KEEP


def is_later_than_now(info: BackupInfo, now: datetime | None = None) -> bool:
    """The copy's name says it was made later than now (more than `FUTURE_MARGIN`)."""
    return info.taken_at > (now or datetime.now(UTC)) + FUTURE_MARGIN


def named_later(folder: Path, db_path: Path | None) -> list[BackupInfo]:
    """Copies (good or damaged) named later than now, latest first: a clock ahead then or behind now."""
    copies = list_backups(folder, db_path) + list_damaged(folder, db_path)
    return sorted((b for b in copies if is_later_than_now(b)), key=lambda b: b.taken_at, reverse=True)


def newest_not_later(infos: list[BackupInfo]) -> BackupInfo | None:
    """The newest of `infos` (newest first) not named in the future, else the first: what to offer."""
    return next((info for info in infos if not is_later_than_now(info)), next(iter(infos), None))


def _rotate(infos: list[BackupInfo], keep: int, spare: Path | None,
            schedule: Callable[[list[BackupInfo]], list[BackupInfo]] | None = None) -> list[Path]:
    """Delete all but the newest `keep` of `infos` (or but those `schedule` picks of them);
    `spare` (the copy just made) is never deleted and counts as one of them. Copies named in
    the future neither count nor go."""
    now = datetime.now(UTC)
    infos = [info for info in infos if not is_later_than_now(info, now)]
    others = [info for info in infos if spare is None or info.path != Path(spare)]
    # `spare` takes one of the `keep` places; a schedule counts it as any other copy
    kept = ({info.path for info in schedule(infos)} if schedule
            else {info.path for info in others[:max(keep - 1 if len(others) < len(infos) else keep, 0)]})
    removed = []
    for info in others:
        if info.path not in kept:
            with contextlib.suppress(OSError):
                info.path.unlink()
                removed.append(info.path)
    return removed


def prune(folder: Path, keep: int, db_path: Path | None = None, spare: Path | None = None) -> list[Path]:
    """Rotate each kind on its own, never a damaged copy or `spare`: the newest `keep` imports
    and manual ones; daily and KEPT_REASONS copies as `backup_schedule` says. Returns those deleted."""
    backups, now, removed = list_backups(folder, db_path), datetime.now(UTC), []
    for reason in REASONS:
        schedule = (partial(daily_kept, keep=keep) if reason == "daily" else
                    partial(step_kept, now=now) if reason in KEPT_REASONS else None)
        removed += _rotate([info for info in backups if info.reason == reason], keep, spare, schedule)
    return removed


def prune_damaged(folder: Path, keep: int, db_path: Path | None = None,
                  spare: Path | None = None) -> list[Path]:
    """Damaged copies rotate among themselves (a damaged database copied every day must not
    fill the disk), never touching a good one."""
    return _rotate(list_damaged(folder, db_path), keep, spare)


def check_copy(path: Path) -> str:
    """'' when SQLite's quick_check passes on the file, else what it found (shortened).

    A copy has no `-wal` of its own, and a read-only connection to a file marked WAL would
    leave a `-wal` and `-shm` beside it in the backups folder: read it as immutable then."""
    uri = read_only_uri(path, immutable=not Path(f"{path}-wal").exists())
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc) or "database disk image is malformed"
    if rows == ["ok"]:
        return ""
    lines = [line for row in rows for line in row.splitlines() if not line.startswith("***")]
    return "; ".join(lines[:2])[:200] or "quick_check failed"


def set_apart(path: Path) -> Path:
    """Rename a copy that failed the check so that nothing counts it as a backup."""
    target = damaged_name(path)
    os.replace(path, target)
    return target


def last_good(folder: Path, db_path: Path | None) -> BackupInfo | None:
    """The newest restore point that passes the check. Copies failing it were made before
    copies were checked: they are set apart on the way, so they stop counting as backups."""
    for info in sorted(list_backups(folder, db_path), key=is_later_than_now):  # future-named last
        if not check_copy(info.path):
            return info
        with contextlib.suppress(OSError):
            set_apart(info.path)
    return None


def clock_behind(folder: Path, db_path: Path | None) -> BackupInfo | None:
    """The newest copy if its name says it was made later than now (the clock went back)."""
    return next(iter(named_later(folder, db_path)), None)


def remove_stale_parts(folder: Path, db_path: Path | None) -> list[Path]:
    """Half copies (`<name>.db.part`) a killed snapshot or backup left: only those of this
    database untouched since before this process started (a copy being made now is written to).
    A restore's safety copy waits, empty, while the backup is checked and staged: those go
    only under the file's instance lock (`interrupted.clear_interrupted_restore`)."""
    removed: list[Path] = []
    if not Path(folder).is_dir():
        return removed
    for path in Path(folder).iterdir():
        if not path.name.endswith(".db.part"):
            continue
        match = _NAME.match(path.name.removesuffix(".part"))
        if not match or (db_path is not None and match["stem"] != Path(db_path).stem) \
                or match["reason"] == "before-restore":
            continue
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < _STARTED:
                remove_database_files(path)
                removed.append(path)
    return removed


def take_snapshot(store: Store, folder: Path, reason: str = "manual") -> Snapshot:
    """A consistent copy of the open database into `folder`, checked, then the rotation."""
    if reason not in REASONS:
        raise ValueError(reason)
    folder = Path(folder)
    stem_source = store.path or Path("memory.db")
    ahead = clock_behind(folder, stem_source)
    remove_stale_parts(folder, stem_source)
    try:
        target = store.backup_to(folder / backup_name(stem_source, reason, folder))
    except (OSError, sqlite3.Error) as exc:
        from qcdesk.models.os_errors import write_error_reasons

        zh, en = write_error_reasons(exc)  # a full disk said as such, not in SQLite's English
        raise StoreError(f"无法创建备份（{folder}），未作任何改动：{zh}。",
                         f"Cannot write a backup to {folder}; nothing was changed: {en}.") from exc
    problem = check_copy(target)
    keep = keep_count(store)
    if not problem:
        prune(folder, keep, stem_source, spare=target)
        return Snapshot(target, stem_source, clock_behind=ahead)
    try:
        target = set_apart(target)
    except OSError as exc:  # under its backup name it would count as a good copy
        remove_database_files(target)
        raise StoreError(f"数据库 {stem_source} 可能已损坏（{problem}），其副本无法另存：{exc}。"
                         "请从备份恢复。",
                         f"The database {stem_source} may be damaged ({problem}) and its copy could "
                         f"not be kept apart: {exc}. Restore from a backup.") from exc
    prune_damaged(folder, keep, stem_source, spare=target)
    return Snapshot(target, stem_source, problem, last_good(folder, stem_source), ahead)


def snapshot(store: Store, folder: Path, reason: str = "manual") -> Path:
    """`take_snapshot` for a caller that needs only the path."""
    return take_snapshot(store, folder, reason).path


def default_folder(store: Store) -> Path | None:
    """The backups folder next to the database (where `Store.migrate` puts its copies too)."""
    return Path(store.path).parent / "backups" if store.path else None


def snapshot_before_import(store: Store) -> Path | None:
    """For importers (packages, enterprise lists): call right before writing anything. A
    database that looks damaged is refused (StoreError): merging into it spreads the damage,
    and its copy is no way back."""
    folder = default_folder(store)
    if folder is None:
        return None
    taken = take_snapshot(store, folder, "import")
    if taken.damaged:
        raise StoreError(own_message(_TEXTS["import_refused"], "zh", {"db": store.path}),
                         own_message(_TEXTS["import_refused"], "en", {"db": store.path}))
    return taken.path


def undo_line(backup: Path | None, db: Path | None = None) -> str:
    """Where the copy taken before an import (a list's, a package's) is and the command that goes
    back to it ("" when none): a wrong import is undone by restoring it."""
    if backup is None:
        return ""
    target = f" --db \"{db}\"" if db is not None else ""
    return (f"导入前的数据库已备份为 {backup}；如需撤销本次导入，可运行 "
            f"qcdesk restore \"{backup}\"{target} 恢复（也可在“文件 ▸ 备份与恢复”中选择它）")


def take_daily_snapshot(store: Store, folder: Path | None = None,
                        today: date | None = None) -> Snapshot | None:
    """The first start of each (local) day takes a snapshot; later starts that day do not
    (a damaged copy made today counts as today's). The GUI runs this in a worker."""
    if (folder := folder or default_folder(store)) is None:
        return None
    today = today or local_day.today()
    for info in list_backups(folder, store.path) + list_damaged(folder, store.path):
        if info.reason.removeprefix(f"{DAMAGED}-") == "daily" and info.taken_at.astimezone().date() == today:
            return None
    return take_snapshot(store, folder, "daily")


def daily_snapshot(store: Store, folder: Path | None = None, today: date | None = None) -> Path | None:
    """`take_daily_snapshot` for a caller that needs only the path."""
    taken = take_daily_snapshot(store, folder, today)
    return taken.path if taken else None
