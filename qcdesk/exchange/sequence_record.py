"""The last package number signed with a key, kept beside the key file, outside the database.

Why: the next sequence number came from the database's own log of exports alone. A database
restored from an older backup (or copied to another computer) no longer knew the packages
signed after it, signed their numbers again, and the receiver refused those packages as
replays, their records with them. A restore replaces the database, never the keys folder: the
export takes one above the larger of the two numbers, and when this record is ahead of the
database the export is a full one, since the records sent after the backup are gone from the
log that picks "what changed" (docs/exchange-format.md §4, step 7).

The file is ``<key name>.exported.json`` next to the ``.key``:
``{"key_id": …, "sequence": n, "package_sha256": …, "file_name": …}``; written atomically
(a side file renamed over it), only ever to a higher number, and ignored when it names
another key id (a new key made under the same file name).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from qcdesk.models.file_replace import replace_into_place, side_file

SUFFIX = ".exported.json"


@dataclass(frozen=True)
class SentRecord:
    """The last package signed with `key_id`, as remembered beside the key."""

    key_id: str
    sequence: int
    package_sha256: str
    file_name: str


def record_path(key_path: Path) -> Path:
    """``421221_王五.key`` → ``421221_王五.exported.json`` in the same folder."""
    key_path = Path(key_path)
    return key_path.with_name(key_path.stem + SUFFIX)


def read_record(path: Path | None, key_id: str) -> SentRecord | None:
    """The record for `key_id`, or None (no file, unreadable, or another key's)."""
    if path is None:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        record = SentRecord(str(data["key_id"]), int(data["sequence"]),
                            str(data.get("package_sha256") or ""), str(data.get("file_name") or ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if record.key_id.upper() != key_id.upper() or record.sequence < 1:
        return None
    return record


def write_record(path: Path, record: SentRecord) -> bool:
    """Remember `record` unless a higher number is already there; False when the file could
    not be written (the export is done all the same: the database still knows it)."""
    path = Path(path)
    known = read_record(path, record.key_id)
    if known is not None and known.sequence >= record.sequence:
        return True
    text = json.dumps({"key_id": record.key_id, "sequence": record.sequence,
                       "package_sha256": record.package_sha256, "file_name": record.file_name},
                      ensure_ascii=False, indent=2) + "\n"
    try:
        side, fh = side_file(path, lambda p: open(p, "w", encoding="utf-8"))  # noqa: SIM115
    except OSError:
        return False
    try:
        with fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        replace_into_place(side, path)
    except OSError:
        side.unlink(missing_ok=True)
        return False
    return True


def catch_up_text(catch_up: tuple[int, int] | None, lang: str = "zh") -> str:
    """Why the package became a full one, "" when it did not: `catch_up` is (its number, the
    database's last number, 0 for none), as `VisitTally.catch_up` holds it."""
    if catch_up is None:
        return ""
    sequence, ahead_of = catch_up
    if lang == "en":
        return (f"This database knows packages only up to no. {ahead_of}, but this key has already "
                f"signed no. {sequence - 1} (a database restored from an older backup, or copied "
                f"from another computer): this package is no. {sequence} and holds all records "
                "(full), so that nothing sent since goes missing.")
    return (f"本数据库只记得序号 {ahead_of} 及之前的数据包，而此密钥已签到序号 {sequence - 1}"
            f"（数据库从旧备份恢复，或从另一台电脑复制）：本数据包为序号 {sequence}，"
            "自动包含全部数据，之后发出过的记录不会丢失。")
