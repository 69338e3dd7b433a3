"""What a restore would undo, said before it happens, per kind of record: records made since
the backup (they disappear), records deleted since (they come back) and records edited since
(they go back to the backup's content), each with a count and the most recent few by name.
Why: restoring the snapshot taken before an import silently took 3,000 visits away, and
comparing counts alone hid edits (orders marked as reported went back to open unannounced).

Speed (a database of 1,000,000 visits): both files are read through one read-only connection,
the backup ATTACHed. A record's identity is its uuid, but rows are paired by their local id
first (an integer primary key in both files, read in rowid order), and the uuid index is
consulted only for a row whose id holds another record there. A backup of the same database
shares its ids, so that lookup is rare, and the backup is scanned on its own only when it holds
records the current database lacks altogether.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qcdesk.models.clock_text import local_time
from qcdesk.models.database_file import read_only_uri

# table, zh, en, label (columns of the row `t` and its enterprise `e`, joined as the table needs)
_ENTERPRISE = "LEFT JOIN {s}.enterprise AS e ON e.id = t.enterprise_id"
_VISIT_ENTERPRISE = ("LEFT JOIN {s}.visit AS v ON v.id = t.visit_id "
                     "LEFT JOIN {s}.enterprise AS e ON e.id = v.enterprise_id")
KINDS = (
    ("enterprise", "企业", "enterprises", "t.name", ""),
    ("visit", "检查记录", "visits", "e.name, t.visit_date", _ENTERPRISE),
    ("sample", "抽样", "samples", "e.name, t.product_name, t.batch_no", _VISIT_ENTERPRISE),
    ("finding", "发现问题", "findings", "e.name, substr(t.description, 1, 20)", _VISIT_ENTERPRISE),
    ("rectification", "整改", "rectification orders", "e.name, t.notice_no", _ENTERPRISE),
    ("inspector", "检查人员", "inspectors", "t.name", ""),
    ("industry", "行业", "industries", "t.name", ""),
    ("licence", "许可证", "licences", "e.name, t.number", _ENTERPRISE),
    ("certification", "认证", "certifications", "e.name, t.name", _ENTERPRISE),
    ("contact", "联系人", "contacts", "e.name, t.name", _ENTERPRISE),
    ("photo", "照片", "photos", "t.file_name", ""),
    ("amendment", "更正记录", "amendments", "e.name, substr(t.reason, 1, 20)", _VISIT_ENTERPRISE),
    ("draw_record", "抽查摇号", "draws", "t.drawn_at", ""),
    ("demonstration_zone", "示范区项目", "demonstration zones", "t.name", ""),
    ("recusal", "回避", "recusals", "e.name", _ENTERPRISE),
    ("trusted_key", "信任名单", "trusted keys", "t.name, t.key_id", ""),
    ("received_package", "已接收的数据包", "received packages", "t.key_id, t.sequence", ""),
)
EXAMPLES = 3  # the most recent records named per kind of change
SMALL_TABLE = 5000  # other tables up to this size are compared row by row for `identical`


class PreviewCancelled(Exception):
    """The caller's `cancel()` turned true while the files were being compared."""


@dataclass(frozen=True)
class KindChange:
    table: str
    label_zh: str
    label_en: str
    current: int | None  # live records; None: the current database cannot be read (or compared)
    backup: int | None
    gone: int = 0    # live now, not in the backup: made (or brought back) since, the restore drops them
    back: int = 0    # live in the backup, not now: deleted since, the restore brings them back
    edited: int = 0  # live in both with another revision or time: the restore undoes the edits
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "gone"… → newest first

    @property
    def undone(self) -> int:
        return self.gone + self.back + self.edited


@dataclass(frozen=True)
class ExportAfter:
    """A package this database signed after the backup was taken: the restore forgets it, but
    its number is used up at the receiver (and its records were sent)."""

    signer: str  # key id
    sequence: int
    file_name: str


@dataclass(frozen=True)
class RestorePreview:
    changes: list[KindChange]  # every kind the restore changes
    identical: bool  # same records and same other tables: restoring would change nothing
    exports: tuple[ExportAfter, ...] = ()  # packages signed since the backup, by signer, number


# Packages in the current database's export log that the backup's does not hold
_EXPORTS_AFTER = """
SELECT c.signer, c.sequence, c.file_name FROM main.exchange_export AS c
WHERE NOT EXISTS (SELECT 1 FROM bak.exchange_export AS b WHERE b.signer = c.signer
                  AND b.sequence = c.sequence AND b.package_sha256 = c.package_sha256)
ORDER BY c.signer, c.sequence
"""


def _exports_after(conn: sqlite3.Connection, in_current: set[str], in_backup: set[str]
                   ) -> tuple[ExportAfter, ...]:
    if "exchange_export" not in in_current:
        return ()
    sql = _EXPORTS_AFTER if "exchange_export" in in_backup else (
        "SELECT signer, sequence, file_name FROM main.exchange_export ORDER BY signer, sequence")
    return tuple(ExportAfter(str(k), int(n), str(f)) for k, n, f in conn.execute(sql))


def describe_exports(exports: tuple[ExportAfter, ...], lang: str = "zh") -> list[str]:
    """One line per signing key with packages exported since the backup: their numbers stay
    used at the receiver, so the next export continues above them and holds all records."""
    by_key: dict[str, list[ExportAfter]] = {}
    for e in exports:
        by_key.setdefault(e.signer, []).append(e)
    lines = []
    for key, made in by_key.items():
        numbers = "、".join(str(e.sequence) for e in made) if lang != "en" else ", ".join(
            str(e.sequence) for e in made)
        names = "、".join(e.file_name for e in made[-EXAMPLES:])
        if lang == "en":
            lines.append(f"Packages exported since the backup (key {key}): no. {numbers} ({names}). "
                         "The restored database will not know them, but their numbers are used: "
                         f"the next export is no. {made[-1].sequence + 1} and a full one (all "
                         "records), so that nothing sent since goes missing.")
        else:
            lines.append(f"备份之后已导出的数据包（密钥 {key}）：序号 {numbers}（{names}）。"
                         "恢复后的数据库不记得它们，但这些序号已用掉：下次导出为序号 "
                         f"{made[-1].sequence + 1}，并自动包含全部数据，之后发出过的记录不会丢失。")
    return lines


def _connect(current: Path, backup: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(read_only_uri(current), uri=True)
    conn.execute("ATTACH DATABASE ? AS bak", [read_only_uri(backup)])
    return conn


def _tables(conn: sqlite3.Connection, schema: str) -> set[str]:
    return {r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}


def _live(conn: sqlite3.Connection, schema: str, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM {schema}."{table}" WHERE deleted_at IS NULL'
                            ).fetchone()[0])


# Rows of the current database that differ from their partner in the backup (same uuid; looked
# up by id first), and the current rows that have no partner (class 'x' when deleted: they
# count only towards `unpaired`); the newest EXAMPLES of each class with the class's size.
_CURRENT_SIDE = """
WITH d AS (
  SELECT c.id AS cid, c.updated_at AS at, c.deleted_at IS NULL AS c_live, c.revision AS c_rev,
         CASE WHEN b.uuid = c.uuid THEN b.id
              ELSE (SELECT x.id FROM bak."{t}" AS x WHERE x.uuid = c.uuid) END AS pid
  FROM main."{t}" AS c NOT INDEXED LEFT JOIN bak."{t}" AS b ON b.id = c.id),
k AS (
  SELECT d.cid, d.pid, d.at, d.pid IS NULL AS unpaired,
         CASE WHEN d.c_live THEN
                CASE WHEN p.id IS NULL OR p.deleted_at IS NOT NULL THEN 'gone'
                     WHEN p.revision IS NOT d.c_rev OR p.updated_at IS NOT d.at THEN 'edited' END
              WHEN p.id IS NOT NULL AND p.deleted_at IS NULL THEN 'back'
              WHEN p.id IS NULL THEN 'x' END AS cls
  FROM d LEFT JOIN bak."{t}" AS p ON p.id = d.pid)
SELECT cls, cid, pid, n, unpaired_all FROM (
  SELECT cls, cid, pid, count(*) OVER (PARTITION BY cls) AS n,
         sum(unpaired) OVER () AS unpaired_all,
         row_number() OVER (PARTITION BY cls ORDER BY at DESC, cid DESC) AS rn
  FROM k WHERE cls IS NOT NULL)
WHERE rn <= {limit}
"""

# Live backup rows whose uuid is nowhere in the current database (run only when some exist).
_BACKUP_SIDE = """
SELECT bid, n FROM (
  SELECT b.id AS bid, count(*) OVER () AS n,
         row_number() OVER (ORDER BY b.updated_at DESC, b.id DESC) AS rn
  FROM bak."{t}" AS b NOT INDEXED LEFT JOIN main."{t}" AS c ON c.id = b.id
  WHERE b.deleted_at IS NULL
    AND CASE WHEN c.uuid = b.uuid THEN 0
             ELSE NOT EXISTS (SELECT 1 FROM main."{t}" AS x WHERE x.uuid = b.uuid) END)
WHERE rn <= {limit}
"""

_ALL_LIVE = """
SELECT id, count(*) OVER () FROM {s}."{t}" WHERE deleted_at IS NULL
ORDER BY updated_at DESC, id DESC LIMIT {limit}
"""


def _labels(conn: sqlite3.Connection, schema: str, kind: tuple, ids: list[int]) -> list[str]:
    """What a clerk recognises a record by (enterprise name, notice number…), in `ids` order."""
    table, _zh, _en, columns, joins = kind
    marks = ",".join("?" * len(ids))
    try:
        cursor = conn.execute(f'SELECT t.id, {columns} FROM {schema}."{table}" AS t '
                              f"{joins.format(s=schema)} WHERE t.id IN ({marks})", ids)
        rows = cursor.fetchall()
    except sqlite3.Error:  # an older schema without one of the columns
        return [f"#{i}" for i in ids]
    # A stored *_at (a draw's drawn_at) is a UTC stamp: named by the local time a clerk lives by
    # (2027-01-01 07:30, not 2026-12-31T23:30:00Z), as everywhere else.
    stamps = [d[0].endswith("_at") for d in cursor.description[1:]]
    found = {r[0]: " ".join(local_time(v) if stamp else str(v)
                            for v, stamp in zip(r[1:], stamps, strict=True) if v not in (None, ""))
             for r in rows}
    return [found.get(i) or f"#{i}" for i in ids]


def _compare_kind(conn: sqlite3.Connection, kind: tuple, in_current: bool, in_backup: bool
                  ) -> KindChange:
    table, zh, en = kind[:3]
    now = _live(conn, "main", table) if in_current else 0
    counts: dict[str, int] = {}
    picked: dict[str, list[tuple[str, int]]] = {}  # class → (schema, id), newest first
    if not (in_current and in_backup):  # one side lacks the table: all of the other side's
        schema, cls = ("main", "gone") if in_current else ("bak", "back")
        if in_current or in_backup:
            rows = conn.execute(_ALL_LIVE.format(s=schema, t=table, limit=EXAMPLES)).fetchall()
            if rows:
                counts[cls] = rows[0][1]
                picked[cls] = [(schema, r[0]) for r in rows]
    else:
        unpaired = 0
        for cls, cid, pid, n, unpaired_all in conn.execute(
                _CURRENT_SIDE.format(t=table, limit=EXAMPLES)):
            unpaired = unpaired_all
            if cls == "x":
                continue
            counts[cls] = n
            picked.setdefault(cls, []).append(("bak", pid) if cls == "back" else ("main", cid))
        total_now = conn.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0]
        total_then = conn.execute(f'SELECT count(*) FROM bak."{table}"').fetchone()[0]
        if total_then > total_now - unpaired:  # backup records without a partner here
            rows = conn.execute(_BACKUP_SIDE.format(t=table, limit=EXAMPLES)).fetchall()
            if rows:
                counts["back"] = counts.get("back", 0) + rows[0][1]
                picked["back"] = (picked.get("back", []) + [("bak", r[0]) for r in rows])[:EXAMPLES]
    examples = {}
    for cls, refs in picked.items():
        label: dict[tuple[str, int], str] = {}
        for schema in ("main", "bak"):
            ids = [i for s, i in refs if s == schema]
            if ids:
                label.update(zip([(schema, i) for i in ids], _labels(conn, schema, kind, ids),
                                 strict=True))
        examples[cls] = tuple(label[ref] for ref in refs)
    gone, back = counts.get("gone", 0), counts.get("back", 0)
    then = now - gone + back  # the records live in both, and those the restore adds
    return KindChange(table, zh, en, now, then, gone, back, counts.get("edited", 0), examples)


def _other_tables_same(conn: sqlite3.Connection) -> bool:
    """Tables other than the kinds (settings, exchange sequences, audit log…) hold the same:
    identical schema, equal row counts; small tables row by row, large ones by their last rowid."""
    def schema(s: str) -> set[tuple]:
        return set(conn.execute(f"SELECT type, name, sql FROM {s}.sqlite_master "
                                "WHERE name NOT LIKE 'sqlite_stat%'"))

    if schema("main") != schema("bak"):
        return False
    tables = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table'").fetchall()
    virtual = tuple(f"{n}_" for n, sql in tables if (sql or "").upper().startswith("CREATE VIRTUAL"))
    kinds = {k[0] for k in KINDS}
    for name, sql in tables:  # not the kinds, nor full-text indexes (made from the kinds)
        if name in kinds or (sql or "").upper().startswith("CREATE VIRTUAL") or (
                virtual and name.startswith(virtual)):
            continue
        count = conn.execute(f'SELECT count(*) FROM main."{name}"').fetchone()[0]
        if count != conn.execute(f'SELECT count(*) FROM bak."{name}"').fetchone()[0]:
            return False
        if count <= SMALL_TABLE:
            differ = (f'SELECT 1 FROM (SELECT * FROM {a}."{name}" EXCEPT SELECT * FROM {b}."{name}")'
                      for a, b in (("main", "bak"), ("bak", "main")))
            if any(conn.execute(q).fetchone() for q in differ):
                return False
        elif "WITHOUT ROWID" not in (sql or "").upper():
            last = [conn.execute(f'SELECT max(rowid) FROM {s}."{name}"').fetchone()[0]
                    for s in ("main", "bak")]
            if last[0] != last[1]:
                return False
    return True


def preview_restore(backup: Path, current: Path, cancel: Callable[[], bool] | None = None,
                    progress: Callable[[int, int], object] | None = None) -> RestorePreview:
    """Compare the backup with the current database, both read-only (neither is changed).

    `cancel` is polled while SQLite works (PreviewCancelled); `progress(done, total)` hears of
    each kind compared. A missing current database counts as empty; one that cannot be read
    (damaged) leaves `current` None and no details: the restore is then the way out."""
    backup, current = Path(backup), Path(current)
    # no database, or an empty file (opened, SQLite would drop an old -wal beside it, which the
    # restore keeps): the restore makes the database, from nothing to the backup's
    if not current.is_file() or current.stat().st_size == 0:
        then = _counts_alone(backup)
        return RestorePreview([KindChange(t, zh, en, 0, None if then is None else then.get(t, 0))
                               for t, zh, en, *_ in KINDS if then is None or then.get(t, 0)], False)
    try:
        conn = _connect(current, backup)
    except sqlite3.Error:
        return _unreadable(backup)
    if cancel is not None:
        conn.set_progress_handler(lambda: 1 if cancel() else 0, 20000)
    try:
        in_current, in_backup = _tables(conn, "main"), _tables(conn, "bak")
        rows = {t: conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] + 1
                for t, *_ in KINDS if t in in_current}  # progress by rows: visits are most
        done, changes = 0, []
        for kind in KINDS:
            if cancel is not None and cancel():
                raise PreviewCancelled()
            if progress is not None:
                progress(done, sum(rows.values()))
            done += rows.get(kind[0], 0)
            if kind[0] in in_current or kind[0] in in_backup:
                change = _compare_kind(conn, kind, kind[0] in in_current, kind[0] in in_backup)
                if change.undone or change.current != change.backup:
                    changes.append(change)
        identical = not changes and _other_tables_same(conn)
        return RestorePreview(changes, identical, _exports_after(conn, in_current, in_backup))
    except sqlite3.OperationalError as exc:
        if cancel is not None and cancel() and "interrupt" in str(exc):
            raise PreviewCancelled() from exc
        return _unreadable(backup)
    except sqlite3.DatabaseError:  # damaged current database (the backup was checked before)
        return _unreadable(backup)
    finally:
        conn.close()


def _counts_alone(path: Path) -> dict[str, int] | None:
    """Live records per kind of one file, read-only; None when it cannot be read."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        tables = _tables(conn, "main")
        return {t: _live(conn, "main", t) for t, *_ in KINDS if t in tables}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _unreadable(backup: Path) -> RestorePreview:
    """The current database cannot be read: the backup's numbers alone."""
    then = _counts_alone(backup)
    return RestorePreview([KindChange(t, zh, en, None, None if then is None else then.get(t, 0))
                           for t, zh, en, *_ in KINDS], False)


def restore_changes(backup: Path, current: Path) -> list[KindChange]:
    """Every kind whose number of records the restore changes (what `describe` lists)."""
    return [c for c in preview_restore(backup, current).changes
            if c.current != c.backup or c.current is None]


def describe(changes: list[KindChange], lang: str = "zh") -> str:
    """“检查记录 3000 → 0 条；…” for the kinds whose number changes, or ""."""
    def n(value: int | None) -> str:
        return "?" if value is None else str(value)

    counted = [c for c in changes if c.current != c.backup or c.current is None]
    if lang == "en":
        return "; ".join(f"{c.label_en} {n(c.current)} → {n(c.backup)}" for c in counted)
    return "；".join(f"{c.label_zh} {n(c.current)} → {n(c.backup)} 条" for c in counted)


_UNDONE = {
    "zh": {"gone": "备份之后新增的 {n} 条将消失",
           "back": "备份中有、现在已删除或没有的 {n} 条将重新出现",
           "edited": "备份之后修改的 {n} 条将退回备份时的内容"},
    "en": {"gone": "{n} added since the backup will disappear",
           "back": "{n} in the backup but deleted or absent now will come back",
           "edited": "{n} edited since the backup will go back to the backup's content"},
}


def describe_undone(changes: list[KindChange], lang: str = "zh") -> list[str]:
    """One line per kind and change the restore undoes, naming the most recent records:
    “整改：备份之后修改的 3 条将退回备份时的内容：A公司 咸市监质整〔2026〕5号、…”."""
    lang = "en" if lang == "en" else "zh"
    lines = []
    for c in changes:
        for cls in ("edited", "gone", "back"):
            count = getattr(c, cls)
            if not count:
                continue
            names = c.examples.get(cls, ())
            if lang == "en":
                text = f"{c.label_en}: {_UNDONE['en'][cls].format(n=count)}"
                if names:
                    text += ": " + "; ".join(names) + ("…" if count > len(names) else "")
            else:
                text = f"{c.label_zh}：{_UNDONE['zh'][cls].format(n=count)}"
                if names:
                    text += "：" + "、".join(names) + (" 等" if count > len(names) else "")
            lines.append(text)
    return lines
