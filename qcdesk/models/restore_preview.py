"""What a restore would change, said before it happens: live records per kind in the current
database and in the backup. Why: restoring the snapshot taken before an import silently took
3,000 visits away (a copy of the current database is kept, but the user should know first)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

KINDS = (("enterprise", "企业", "enterprises"), ("visit", "检查记录", "visits"),
         ("sample", "抽样", "samples"), ("finding", "发现问题", "findings"),
         ("rectification", "整改", "rectification orders"))


@dataclass(frozen=True)
class KindChange:
    table: str
    label_zh: str
    label_en: str
    current: int | None  # None: the current database cannot be read (or does not exist)
    backup: int | None


def live_counts(path: Path) -> dict[str, int] | None:
    """Live (not deleted) records per kind, read-only; None when the file cannot be read."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return {t: int(conn.execute(f'SELECT count(*) FROM "{t}" WHERE deleted_at IS NULL'
                                    ).fetchone()[0]) for t, _zh, _en in KINDS}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def restore_changes(backup: Path, current: Path) -> list[KindChange]:
    """Every kind whose count differs between the current database and the backup."""
    # no current database: the restore creates one, from nothing
    now = live_counts(current) if Path(current).is_file() else {t: 0 for t, _zh, _en in KINDS}
    then = live_counts(backup)
    return [KindChange(t, zh, en, None if now is None else now[t], None if then is None else then[t])
            for t, zh, en in KINDS
            if (now or {}).get(t) != (then or {}).get(t)]


def describe(changes: list[KindChange], lang: str = "zh") -> str:
    """“检查记录 3000 → 0 条；…”, or "" when nothing differs."""
    def n(value: int | None) -> str:
        return "?" if value is None else str(value)

    if lang == "en":
        return "; ".join(f"{c.label_en} {n(c.current)} → {n(c.backup)}" for c in changes)
    return "；".join(f"{c.label_zh} {n(c.current)} → {n(c.backup)} 条" for c in changes)
