"""Chinese names in pinyin order (拼音排序), the order people look a name up in.

SQLite compares text by code point, which scatters Chinese names: 赤壁 (U+8D64) lands after
咸宁 (U+54B8). A name's sort key is made in Python with pypinyin: syllable by syllable, each
with its tone and then the character itself, so that all the 张… names stay together before
the 章… ones, as in a dictionary.

* Enterprise lists page through thousands of rows by keyset, so their key must be indexed.
  It lives in ``enterprise_name_key``: derived data, not a record (never exchanged, audited
  or merged), holding the name it was made from. `refresh_name_keys` finds every enterprise
  whose key is missing or was made from another name, whoever wrote it (an edit, an import,
  another program), and the list pages call it before they query.
* Small lists (choices, reports, the recusal list) sort with the ``pinyin`` collation, which
  every QCDesk connection registers. It is only named in queries, never in the schema, so
  other SQLite tools can still read and write the file.

Polyphonic characters follow pypinyin's phrase dictionary (长江 → chang jiang), corrected
where its segmentation misreads a firm's name (`_name_readings`): a place name before the
firm's own word reads as a title (赤壁市长江 → 市长 shi zhang, 通城县长安 → 县长), so 长 is
cháng unless it ends a zhǎng word (成长, 家长…); a name ending in 行 is a trade (茶行, 琴行:
háng). A remaining misreading only moves a name within the list, never out of it. A change of
these readings needs a migration that remakes the stored keys (``qcdesk.listing`` 0005).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qcdesk.models.store import Store

COLLATION = "pinyin"
SQL_KEY_FUNCTION = "pinyin_key"  # name_sort_key in SQL: a list's order while keys cannot be written
_SEP = "\x01"  # below every character a key holds: a shorter name sorts first
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UPSERT = "INSERT OR REPLACE INTO enterprise_name_key(enterprise_id, name, sort_key) VALUES (?, ?, ?)"


# 长 is zhǎng only at the end of these words; in firms' names it is cháng (长江, 长城, 长安, 长润)
_ZHANG_WORDS = frozenset({"成长", "生长", "增长", "家长", "校长", "兄长", "助长"})
# 行 ending a name is a trade (茶行, 米行, 琴行: háng), unless it ends one of these xíng words
_XING_BEFORE = frozenset("旅步运执发出飞航流通进施推实履践修德品言奉先同")


def _name_readings(run: str, syllables: list[str], ends_name: bool) -> None:
    """Correct, in place, the readings of a run of Han characters of a firm's name where
    pypinyin's phrase segmentation misreads it (see the module's docstring)."""
    for i, ch in enumerate(run):
        if ch == "长" and not (i > 0 and run[i - 1] + ch in _ZHANG_WORDS):
            syllables[i] = "chang2"
        elif ch == "行" and ends_name and i == len(run) - 1 and not (i > 0 and run[i - 1] in _XING_BEFORE):
            syllables[i] = "hang2"


@lru_cache(maxsize=65_536)
def name_sort_key(name: str) -> str:
    """The text whose code-point order is the pinyin order of `name`."""
    from pypinyin import Style, lazy_pinyin  # 0.3 s and 37 MB: only once a name is sorted

    text = _CONTROL.sub("", unicodedata.normalize("NFKC", name or "")).strip()
    parts: list[str] = []
    at = 0
    for run in HAN.finditer(text):
        if run.start() > at:
            parts.append(text[at:run.start()].casefold())
        syllables = lazy_pinyin(run.group(), style=Style.TONE3, neutral_tone_with_five=True,
                                errors=lambda chars: ["" for _ in chars])
        _name_readings(run.group(), syllables, run.end() == len(text))
        parts += [s + c for s, c in zip(syllables, run.group(), strict=True)]
        at = run.end()
    if at < len(text):
        parts.append(text[at:].casefold())
    # The name itself last: names that read alike (ABC, ａｂｃ) still have one fixed order.
    return _SEP.join(parts) + _SEP + _SEP + (name or "")


def compare_names(a: str | None, b: str | None) -> int:
    """The ``pinyin`` collation: the order of the keys `enterprise_name_key` holds."""
    ka, kb = name_sort_key(a or ""), name_sort_key(b or "")
    return (ka > kb) - (ka < kb)


def _sql_key(name: str | None) -> str:
    return name_sort_key(name or "")


def register_collation(conn: sqlite3.Connection) -> None:
    """The ``pinyin`` collation and the ``pinyin_key`` function, named only in queries (never in
    the schema: other tools must still open the file)."""
    conn.create_collation(COLLATION, compare_names)
    conn.create_function(SQL_KEY_FUNCTION, 1, _sql_key, deterministic=True)


def stale_name_keys(store: Store) -> list[tuple[int, str]]:
    """(id, name) of enterprises whose key is missing or was made from another name."""
    return store.db.conn.execute(
        "SELECT e.id, e.name FROM enterprise e LEFT JOIN enterprise_name_key k ON k.enterprise_id = e.id"
        " WHERE k.name IS NOT e.name").fetchall()


def make_name_keys(conn: sqlite3.Connection) -> int:
    """Keys for every enterprise, inside the caller's transaction (the migration that adds
    the table)."""
    rows = [(i, n, name_sort_key(n)) for i, n in conn.execute("SELECT id, name FROM enterprise")]
    conn.executemany(_UPSERT, rows)
    return len(rows)


def refresh_name_keys(store: Store, cancelled: Callable[[], bool] | None = None) -> int:
    """Make the missing and stale keys; returns how many. Part of the caller's transaction
    when there is one (an import's keys commit with its enterprises)."""
    stale = stale_name_keys(store)
    if not stale:
        return 0
    rows = []
    for n, (record_id, name) in enumerate(stale):
        if cancelled is not None and n % 1000 == 0 and cancelled():
            return 0
        rows.append((record_id, name, name_sort_key(name)))
    with store.transaction():
        store.db.conn.executemany(_UPSERT, rows)
    return len(rows)


def refresh_name_keys_if_free(store: Store, wait_ms: int | None = None) -> int | None:
    """`refresh_name_keys`, or None when another writer holds the lock or the file is read-only:
    the keys are only an order, and the next list page makes them. With `wait_ms`, another
    writer's lock is waited for that long instead of the connection's busy timeout (a list
    opening on the GUI thread must not stall 5 s behind an import; it orders without them)."""
    from qcdesk.models.store import StoreError

    conn = store.db.conn
    before = None
    if wait_ms is not None and not conn.in_transaction:
        before = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")  # a PRAGMA takes no bound parameter
    try:
        return refresh_name_keys(store)
    except StoreError:
        return None
    finally:
        if before is not None:
            conn.execute(f"PRAGMA busy_timeout = {before}")
