"""Lists ordered by enterprise name show every record while another program holds the write lock.

Why: the pinyin keys (`enterprise_name_key`) are made when a list opens, but not under another
program's write lock (an import). The keyed lists joined the keys with an inner join, so a firm
without its key yet (written by that import, another tool or an older QCDesk) was simply left out
of the enterprise list, of visits/orders sorted by enterprise, of their counts and exports.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_name_order import PINYIN_ORDER, uscc

from qcdesk.export.list_export import export_list
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import (
    ENTERPRISES,
    RECTIFICATIONS,
    VISITS,
    ListFilters,
    ListRequest,
    ListSource,
    position_of,
)
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Rectification, Visit
from qcdesk.models.search_text import tokens
from qcdesk.models.store import Store

KEYED = PINYIN_ORDER[::2]  # made by QCDesk: keys made
UNKEYED = PINYIN_ORDER[1::2]  # written without keys, as an import or an older version leaves them


def names_of(source: ListSource, page: int = 3) -> list[str]:
    """Every row of the list read a few keys at a time, as the lazy model reads it."""
    keys, after = [], None
    while True:
        batch = source.page(after, page)
        keys += [k[-1] for k in batch]
        if len(batch) < page:
            break
        after = batch[-1]
    rows = source.rows(keys)
    field = "name" if source.request.kind == ENTERPRISES else "enterprise"
    return [rows[i][field] for i in keys]


@pytest.fixture
def locked(store: Store, tmp_path: Path) -> Iterator[sqlite3.Connection]:
    """Half the firms keyed, the other half inserted by another program that still holds the
    write lock (BEGIN IMMEDIATE) while the lists open."""
    for n, name in enumerate(KEYED, start=1):
        save_enterprise(store, Enterprise(uscc=uscc(n), name=name, jurisdiction_code="421202"))
    assert ListSource(store, ListRequest(ENTERPRISES)).page(None, 100)  # keys made
    other = sqlite3.connect(tmp_path / "qcdesk.db", isolation_level=None)
    for n, name in enumerate(UNKEYED, start=50):
        eid = other.execute(
            "INSERT INTO enterprise(uuid, created_at, updated_at, uscc, name, jurisdiction_code)"
            " VALUES (?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?, ?, '421202')",
            [f"outside-{n}", uscc(n), name]).lastrowid
        # indexed for search as an import indexes its rows (only the keys are left to the lists)
        other.execute("INSERT INTO enterprise_fts(rowid, tokens) VALUES (?, ?)", [eid, tokens(name)])
    ids = {name: i for i, name in store.db.execute("SELECT id, name FROM enterprise")}
    for name, eid in ids.items():
        insert_record(store, Visit(enterprise_id=eid, visit_date="2026-05-01", kind="spot_check"))
        insert_record(store, Rectification(enterprise_id=eid, ordered_on="2026-05-02",
                                           deadline="2026-07-01", requirement=f"{name}整改"))
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE enterprise SET contact_name = contact_name")  # the import's write lock
    yield other
    if other.in_transaction:
        other.rollback()
    other.close()


def key_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM enterprise_name_key").fetchone()[0]


def test_the_enterprise_list_shows_firms_without_keys_under_a_write_lock(
        store: Store, locked: sqlite3.Connection) -> None:
    started = time.monotonic()
    source = ListSource(store, ListRequest(ENTERPRISES))
    assert time.monotonic() - started < 2  # the lock is not waited out (5 s busy timeout)
    assert key_count(store) == len(KEYED)  # nothing could be written
    assert names_of(source) == PINYIN_ORDER  # every firm, in its pinyin place
    assert source.count() == len(PINYIN_ORDER)  # 共 10 条
    backwards = ListSource(store, ListRequest(ENTERPRISES, sort="name", descending=True))
    assert names_of(backwards) == PINYIN_ORDER[::-1]
    for sort in ("jurisdiction", "industry", "risk_class"):
        by = ListSource(store, ListRequest(ENTERPRISES, sort=sort))
        assert names_of(by) == PINYIN_ORDER, sort
        assert by.count() == len(PINYIN_ORDER)
    found = ListSource(store, ListRequest(ENTERPRISES, ListFilters(search="纺织")))
    assert sorted(names_of(found)) == sorted(n for n in PINYIN_ORDER if "纺织" in n)
    unkeyed = store.db.execute("SELECT id FROM enterprise WHERE name = ?", [UNKEYED[0]]).fetchone()[0]
    assert position_of(source, unkeyed) is not None  # found again after a refresh


@pytest.mark.parametrize("kind", [VISITS, RECTIFICATIONS])
def test_visits_and_orders_sorted_by_enterprise_show_every_row_under_a_write_lock(
        store: Store, locked: sqlite3.Connection, kind: str) -> None:
    source = ListSource(store, ListRequest(kind, sort="enterprise", descending=False))
    assert names_of(source) == PINYIN_ORDER
    assert source.count() == len(PINYIN_ORDER)
    down = ListSource(store, ListRequest(kind, sort="enterprise", descending=True))
    assert names_of(down) == PINYIN_ORDER[::-1]
    searched = ListSource(store, ListRequest(kind, ListFilters(search=UNKEYED[0][:2]), sort="enterprise"))
    assert names_of(searched) == [UNKEYED[0]]
    assert searched.count() == 1
    area = ListSource(store, ListRequest(kind, ListFilters(jurisdiction="421202"), sort="enterprise",
                                          descending=False))
    assert names_of(area) == PINYIN_ORDER


def test_the_exported_list_holds_every_firm_under_a_write_lock(
        store: Store, locked: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "list.xlsx"
    result = export_list(ListSource(store, ListRequest(ENTERPRISES)), out, exported_by="测试")
    sheet = load_workbook(out, read_only=True).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert names == PINYIN_ORDER
    assert result.rows == len(PINYIN_ORDER)


def test_the_keys_are_made_once_the_lock_is_gone(store: Store, locked: sqlite3.Connection) -> None:
    assert names_of(ListSource(store, ListRequest(ENTERPRISES))) == PINYIN_ORDER
    locked.rollback()
    source = ListSource(store, ListRequest(ENTERPRISES))
    assert key_count(store) == len(PINYIN_ORDER)
    assert names_of(source) == PINYIN_ORDER
    assert any("enterprise_name_key_order" in step for step in source.explain())  # the indexed walk again


def test_the_enterprise_page_shows_every_firm_under_a_write_lock(
        store: Store, locked: sqlite3.Connection, qtbot: QtBot, qtmodeltester,  # noqa: ANN001
        chinese: None) -> None:
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, ENTERPRISES)
    qtbot.addWidget(page)
    page.show()
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == len(PINYIN_ORDER), timeout=10_000)
    column = [c.key for c in model.columns()].index("name")
    shown = [model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())]
    assert shown == PINYIN_ORDER
    page.close()


@pytest.mark.parametrize(("kind", "sort"), [(ENTERPRISES, "name"), (VISITS, "enterprise")])
def test_the_lazy_model_passes_the_model_tester_under_a_write_lock(
        store: Store, locked: sqlite3.Connection, qtbot: QtBot, qtmodeltester,  # noqa: ANN001
        kind: str, sort: str) -> None:
    from qcdesk.ui.list_model import LazyListModel
    from qcdesk.ui.list_pages import columns_for

    model = LazyListModel(store, ListRequest(kind, sort=sort), columns_for(kind))
    qtbot.waitUntil(lambda: not model.canFetchMore() and model.rowCount() == len(PINYIN_ORDER),
                    timeout=10_000)
    qtmodeltester.check(model)
