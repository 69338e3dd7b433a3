"""One notice number (文号), one order: which live orders carry a number, compared as written.

A 文号 such as 嘉市监质改〔2026〕12号 names one official document, and the bureau's registry never
gives it to two orders. A save refuses a number another live order has
(`rectification_checks.check_notice_free`); an import, which never refuses signed data for
this, reports each number it leaves on two orders (`exchange/notice_duplicates.py`). Both compare
numbers by `notice_key`, the normalisation `rectification_checks.check_notice_no` stores:
any bracket around the year made 〔〕, spaces gone, year and serial as numbers, 号 optional.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from qcdesk.models.store import Store

YEAR_BRACKETS = re.compile(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]")
WHOLE_NUMBER = re.compile(r"(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<serial>\d+)号?")
BARE_SERIAL = re.compile(r"(?P<serial>\d+)号?")


# A number as `check_notice_no` stores it (prefix without brackets or spaces, 〔year〕, serial
# without leading zeros, ASCII digits) is its own key less 号: no need to take it apart. Most
# stored numbers are, and the warnings (文号重复) key every number on every refresh.
_STORED_FORM = re.compile(r"[^\s\[［【(（〔\]］】)）〕]+〔[1-9][0-9]{3}〕[1-9][0-9]*号?")


def notice_key(number: str) -> str:
    """The form two numbers are compared in: 嘉市监质改[2026]012 and 嘉市监质改〔2026〕12号 are one
    number. A number in no known shape (received from elsewhere) compares as written, spaces
    and a final 号 aside; blank is no number at all."""
    if number and _STORED_FORM.fullmatch(number):
        return number.removesuffix("号")
    text = "".join((number or "").split())
    if not text:
        return ""
    text = YEAR_BRACKETS.sub(lambda m: f"〔{m[1]}〕", text, count=1)
    found = WHOLE_NUMBER.fullmatch(text)
    if found is None:
        return text.removesuffix("号")
    return f"{found['prefix']}〔{int(found['year'])}〕{int(found['serial'])}"


def _serial(key: str) -> str:
    """The digits every spelling of the number contains (its serial), to narrow the query."""
    found = re.search(r"(\d+)$", key)
    return found[1] if found else key


@dataclass(frozen=True)
class NumberedOrder:
    """A live order as a clerk tells it apart: enterprise, order date, state, where it came from."""

    id: int
    uuid: str
    notice_no: str
    enterprise: str
    ordered_on: str
    status: str
    origin: str  # 'local' or the key id of the package that first brought it
    closing_reason: str = ""  # set on a closed order withdrawn after a passed 复检: named so


_SELECT = ("SELECT r.id, r.uuid, r.notice_no, coalesce(e.name, ''), r.ordered_on, r.status, r.origin,"
           " coalesce(r.closing_reason, '')"
           " FROM rectification r LEFT JOIN enterprise e ON e.id = r.enterprise_id"
           " WHERE r.deleted_at IS NULL")


def orders_numbered(store: Store, number: str, *, except_id: int | None = None) -> list[NumberedOrder]:
    """Live orders other than `except_id` that carry `number` however it is spelt, oldest first."""
    key = notice_key(number)
    if not key:
        return []
    rows = store.db.execute(
        f"{_SELECT} AND r.notice_no != '' AND instr(r.notice_no, ?) > 0 AND r.id IS NOT ?"
        " ORDER BY r.ordered_on, r.id", [_serial(key), except_id]).fetchall()
    return [NumberedOrder(*row) for row in rows if notice_key(row[2]) == key]


def number_groups(store: Store) -> dict[str, frozenset[str]]:
    """Every number on a live order and the uuids of the orders carrying it."""
    keys: dict[str, str] = {}  # the same spelling is normalised once
    groups: dict[str, set[str]] = {}
    for uuid, number in store.db.execute(
            "SELECT uuid, notice_no FROM rectification WHERE deleted_at IS NULL AND notice_no != ''"):
        key = keys.get(number)
        if key is None:
            key = keys[number] = notice_key(number)
        if key:
            groups.setdefault(key, set()).add(uuid)
    return {k: frozenset(v) for k, v in groups.items()}


def shared_numbers(store: Store) -> dict[str, frozenset[str]]:
    """The numbers two or more live orders carry: `number_groups` less its single orders, read
    for the warnings page (文号重复) without reading every order. Spellings and their counts come
    from the notice_no index alone (deleted orders counted too, so a count can only be too high);
    only the spellings of a number counted twice are then read for their live orders."""
    keys: dict[str, str] = {}
    totals: dict[str, int] = {}
    for number, count in store.db.execute(
            "SELECT notice_no, count(*) FROM rectification WHERE notice_no > '' GROUP BY notice_no"):
        key = keys[number] = notice_key(number)
        totals[key] = totals.get(key, 0) + count
    wanted = [number for number, key in keys.items() if key and totals[key] > 1]
    groups: dict[str, set[str]] = {}
    if wanted:
        for number, uuid in store.db.execute(
                "SELECT notice_no, uuid FROM rectification"
                " WHERE notice_no IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL",
                [json.dumps(wanted, ensure_ascii=False)]):
            groups.setdefault(keys[number], set()).add(uuid)
    return {k: frozenset(v) for k, v in groups.items() if len(v) > 1}


def number_keys(store: Store, uuids: Iterable[str]) -> dict[str, str]:
    """The key of the number each live, numbered order of `uuids` carries: what an import's
    orders carry here before their rows are written (`exchange/notice_duplicates.py`), looked up
    by uuid instead of reading every order's number."""
    wanted = list(uuids)
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 5000):
        for uuid, number in store.db.execute(
                "SELECT uuid, notice_no FROM rectification WHERE uuid IN (SELECT value FROM"
                " json_each(?)) AND deleted_at IS NULL AND notice_no != ''",
                [json.dumps(wanted[start:start + 5000])]):
            key = notice_key(number)
            if key:
                out[uuid] = key
    return out


def orders_by_uuid(store: Store, uuids: Iterable[str]) -> dict[str, NumberedOrder]:
    """The live orders of `uuids`, to name them."""
    wanted = sorted(set(uuids))
    out: dict[str, NumberedOrder] = {}
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        marks = ",".join("?" * len(part))
        for row in store.db.execute(f"{_SELECT} AND r.uuid IN ({marks})", part):
            out[row[1]] = NumberedOrder(*row)
    return out


def order_marks(store: Store, uuids: Iterable[str]) -> dict[str, tuple[int, str]]:
    """(revision, updated_at) of each live order of `uuids`: read before and after an import, an
    order whose mark moved was written by it (`exchange/notice_duplicates.py` reports only the
    numbers of orders a package creates or changes)."""
    wanted = list(uuids)
    out: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), 5000):
        for uuid, revision, updated_at in store.db.execute(
                "SELECT uuid, revision, updated_at FROM rectification WHERE uuid IN (SELECT value"
                " FROM json_each(?)) AND deleted_at IS NULL", [json.dumps(wanted[start:start + 5000])]):
            out[uuid] = (int(revision or 0), str(updated_at or ""))
    return out
