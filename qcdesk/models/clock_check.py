"""Whether this computer's clock looks wrong, how and why: one answer for the dashboard's banner
and the CLI's note.

Two things are checked. The time zone: every "today" (a visit's default date, the refusal of
future dates, overdue days, package names) is read in the computer's zone, and QCDesk serves
Xianning only; with the zone not UTC+08:00 a visit dated today in Beijing was refused as future
from 00:00 to 13:00 Beijing time (New York), or everything was a day behind until 08:00 (UTC).
And a clock that fell back: the database and its backups hold times later than now (its last
change, its last package made or received, the newest backup's name). That was said once a day
in the status bar for 20 seconds, cut off; the banner stays while the clock is behind them.

Only the latest of each kind counts, by sequence, not the largest time: one package made while
the clock ran 200 days ahead kept the banner (and its backup advice, which did not apply) for
200 days, since nothing clears it. A package's time also stops counting once a change was saved
after it (the change log runs past the package's); each piece of evidence says what clears it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from qcdesk.models.clock_text import local_time
from qcdesk.models.messages import own_message
from qcdesk.models.snapshots import FUTURE_MARGIN, default_folder, list_backups, list_damaged
from qcdesk.models.store import Store

OFFICE_OFFSET = timedelta(hours=8)  # Xianning, China Standard Time, no summer time
WINDOWS_ZONE = "(UTC+08:00) 北京，重庆，香港特别行政区，乌鲁木齐"

_TEXTS: dict[str, tuple[str, str]] = {
    "zone": (
        "本机时区是 {offset}，不是北京时间（UTC+08:00）。本程序按本机时区计算“今天”（检查日期、期限、"
        "逾期天数、数据包名称），每天有几个小时会与咸宁的日期相差一天。"
        "请在 Windows“设置 ▸ 时间和语言 ▸ 日期和时间”中把时区设为“{zone}”，然后重新启动本程序。",
        "This computer's time zone is {offset}, not China's (UTC+08:00). QCDesk reads \"today\" "
        "(visit dates, deadlines, days overdue, package names) in the computer's zone, so for "
        "some hours each day dates are a day off from Xianning's. In Windows Settings ▸ Time & "
        "language ▸ Date & time, set the time zone to \"{zone}\", then start QCDesk again.",
    ),
    "zone_line": (
        "注意：本机时区是 {offset}，不是北京时间（UTC+08:00），日期按本机时区计算，可能差一天；"
        "请把系统时区设为“{zone}”。",
        "Note: this computer's time zone is {offset}, not China's (UTC+08:00); dates are read in "
        "it and can be a day off. Set the system time zone to \"{zone}\".",
    ),
    "behind": (
        "本机时间（{now}）早于本数据库已记下的时间：{evidence}。本机时钟可能落后了，新记录会带上错误的日期。"
        "请检查并改正系统的日期和时间。如果本机时间确实无误，说明这些时间是在时钟超前时记下的：{advice}",
        "This computer's time ({now}) is earlier than times this database already holds: "
        "{evidence}. The clock may be behind, and new records would carry wrong dates. Check and "
        "correct the system date and time. If the time now is right, those times were recorded "
        "while the clock ran ahead: {advice}",
    ),
    "backup_advice": (
        "名称时间晚于本机的备份在“文件 ▸ 备份与恢复”中有标记，不再需要时可在备份文件夹中删除。",
        "backups named later than now are marked in File ▸ Backup and restore; delete them in the "
        "backups folder once they are not needed.",
    ),
    "change_advice": ("保存下一次修改后，这条提示就不再出现。",
                      "this note goes once the next change is saved."),
    "exported_advice": (
        "那个数据包无需删除，也不必重做；本机再保存一次修改后，这条提示就不再出现"
        "（下一次导出会再说一次“本机时钟早于上一个数据包的时间”，只此一次）。",
        "that package need not be deleted or made again; this note goes once a change is saved "
        "here (the next export says once more that the clock is "
        "earlier than the previous package's time, that once only).",
    ),
    "received_advice": (
        "收到的数据包无需处理；再接收一个数据包后，这条提示就不再出现。",
        "nothing needs doing about the package received; this note goes once another package is "
        "received.",
    ),
    "backup": ("最新备份 {when}（{name}）", "the newest backup {when} ({name})"),
    "change": ("最近一次修改 {when}", "the last change {when}"),
    "exported": ("最近导出的数据包 {when}", "the last package made {when}"),
    "received": ("最近接收的数据包 {when}", "the last package received {when}"),
}


@dataclass(frozen=True)
class ClockDoubt:
    """Why this computer's date may be wrong: `kind` "zone" or "behind", and the text (zh, en)."""

    kind: str
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        return self.en if lang.startswith("en") else self.zh


def offset_now() -> timedelta:
    """The computer's UTC offset now (its time zone)."""
    return datetime.now(UTC).astimezone().utcoffset() or timedelta(0)


computer_offset = offset_now  # what the checks read (tests on a UTC machine set China's)


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_doubt() -> ClockDoubt | None:
    """The time zone is not China's (UTC+08:00): every "today" is off for part of the day."""
    offset = computer_offset()
    if offset == OFFICE_OFFSET:
        return None
    params = {"offset": _offset_text(offset), "zone": WINDOWS_ZONE}
    return ClockDoubt("zone", own_message(_TEXTS["zone"], "zh", params),
                      own_message(_TEXTS["zone"], "en", params))


def zone_line(lang: str = "zh") -> str:
    """The CLI's one line for a command that dates things ("" in China's zone)."""
    offset = computer_offset()
    return "" if offset == OFFICE_OFFSET else own_message(
        _TEXTS["zone_line"], lang, {"offset": _offset_text(offset), "zone": WINDOWS_ZONE})


# The last of each kind by its sequence, not max(time): a time recorded with the clock ahead
# stops counting once something of its kind is recorded after it.
_LATEST = (("change", "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1"),
           ("exported", "SELECT created_at, change_seq FROM exchange_export ORDER BY rowid DESC LIMIT 1"),
           ("received", "SELECT received_at FROM received_package ORDER BY id DESC LIMIT 1"))
# A package made here stops counting too once a change is logged after it (its change_seq).
_CHANGED_SINCE = "SELECT EXISTS (SELECT 1 FROM exchange_log WHERE seq > ?)"


def _stored_times(store: Store) -> list[tuple[str, datetime]]:
    """(what, when) of this database's latest recorded times: each one cheap look-up."""
    found = []
    for what, sql in _LATEST:
        try:
            row = store.db.execute(sql).fetchone()
            if not row or not row[0]:
                continue
            if what == "exported" and store.db.execute(_CHANGED_SINCE, [row[1]]).fetchone()[0]:
                continue
            when = datetime.fromisoformat(str(row[0]).replace("Z", "+00:00"))
            found.append((what, when if when.tzinfo else when.replace(tzinfo=UTC)))
        except (sqlite3.Error, ValueError):  # an older file without the table, a stray value
            continue
    return found


def behind_doubt(store: Store, folder: Path | None = None) -> ClockDoubt | None:
    """Now is earlier than a time the database or its backups hold (more than a few minutes)."""
    now = datetime.now(UTC)
    evidence: list[tuple[tuple[str, str], dict[str, object], str]] = []  # what, when, its advice
    for what, when in _stored_times(store):
        if when > now + FUTURE_MARGIN:
            evidence.append((_TEXTS[what], {"when": local_time(when)}, f"{what}_advice"))
    folder = folder or default_folder(store)
    if folder is not None:
        copies = list_backups(folder, store.path) + list_damaged(folder, store.path)
        newest = max(copies, key=lambda b: b.taken_at, default=None)
        if newest is not None and newest.taken_at > now + FUTURE_MARGIN:
            evidence.insert(0, (_TEXTS["backup"], {"when": local_time(newest.taken_at),
                                                   "name": newest.path.name}, "backup_advice"))
    if not evidence:
        return None
    texts = {lang: ("；" if lang == "zh" else "; ").join(own_message(t, lang, p) for t, p, _ in evidence)
             for lang in ("zh", "en")}
    said = [a for _, _, a in evidence]
    if "exported_advice" in said:  # it names the saved change as well
        said.remove("change_advice") if "change_advice" in said else None
    advice = {lang: ("" if lang == "zh" else " ").join(own_message(_TEXTS[a], lang, {}) for a in said)
              for lang in ("zh", "en")}
    return ClockDoubt("behind", *(own_message(_TEXTS["behind"], lang, {
        "now": local_time(now), "evidence": texts[lang], "advice": advice[lang]})
        for lang in ("zh", "en")))


def clock_doubts(store: Store | None = None) -> list[ClockDoubt]:
    """This computer's clock looks wrong: how and why (the zone always; behind, given a store)."""
    doubts = [zone_doubt(), behind_doubt(store) if store is not None else None]
    return [doubt for doubt in doubts if doubt is not None]
