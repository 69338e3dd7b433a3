"""Enterprise names in pinyin order (拼音排序), as a Chinese reader looks a name up, in every list."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.enterprises import enterprise_choices, save_enterprise
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS, ListRequest, ListSource
from qcdesk.models.persistence import fetch_record, insert_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store

# Written out by hand from the dictionary, not computed: a-1 阿, an-1 安, bei-3 北, chi-4 赤,
# jia-1 嘉, tong-1 通, xian-2 咸, zhang-1 张 (7 strokes) before zhang-1 章 (11), zhong-1 中.
PINYIN_ORDER = ["阿里山食品有限公司", "安达纺织有限公司", "北山竹木制品厂", "赤壁砖茶有限公司",
                "嘉鱼管材有限公司", "通城云母制品厂", "咸宁苎麻纺织有限公司", "张记食品厂",
                "章华服装有限公司", "中南机电有限公司"]


def uscc(n: int) -> str:
    org = f"MA4{n:05d}"
    first17 = f"91421202{org}{org_code_check_character(org)}"
    return first17 + uscc_check_character(first17)


def add_enterprises(store: Store, names: list[str]) -> dict[str, int]:
    ids = {}
    for n, name in enumerate(names, start=1):
        e = save_enterprise(store, Enterprise(uscc=uscc(n), name=name, jurisdiction_code="421202"))
        ids[name] = e.id
    return ids


def listed_names(store: Store, request: ListRequest, page: int = 3) -> list[str]:
    """Every name of the list, read a few keys at a time as the lazy model reads it."""
    source, keys, after = ListSource(store, request), [], None
    while True:
        batch = source.page(after, page)
        keys += [k[-1] for k in batch]
        if len(batch) < page:
            break
        after = batch[-1]
    rows = source.rows(keys)
    field = "name" if request.kind == ENTERPRISES else "enterprise"
    return [rows[i][field] for i in keys]


@pytest.fixture
def shuffled(store: Store) -> dict[str, int]:
    names = list(PINYIN_ORDER)
    random.Random(5).shuffle(names)
    return add_enterprises(store, names)


def test_enterprise_list_pages_through_names_in_pinyin_order(store: Store, shuffled: dict) -> None:
    assert listed_names(store, ListRequest(ENTERPRISES)) == PINYIN_ORDER
    assert listed_names(store, ListRequest(ENTERPRISES, sort="name", descending=True)) == PINYIN_ORDER[::-1]
    by_area = listed_names(store, ListRequest(ENTERPRISES, sort="jurisdiction"))
    assert by_area == PINYIN_ORDER  # one county: names decide


def test_a_renamed_enterprise_moves_to_its_new_place(store: Store, shuffled: dict) -> None:
    record = fetch_record(store, Enterprise, shuffled["中南机电有限公司"])
    record.name = "艾草堂中药饮片有限公司"  # ai-4: after 阿 (a-1), before 安 (an-1)
    save_enterprise(store, record)
    names = listed_names(store, ListRequest(ENTERPRISES))
    assert names[:3] == ["阿里山食品有限公司", "艾草堂中药饮片有限公司", "安达纺织有限公司"]


def test_an_enterprise_written_by_another_program_is_listed_in_its_place(
        store: Store, shuffled: dict, tmp_path: Path) -> None:
    assert ListSource(store, ListRequest(ENTERPRISES)).page(None, 100)
    other = sqlite3.connect(tmp_path / "qcdesk.db")  # no QCDesk code, no pinyin collation
    other.execute(
        "INSERT INTO enterprise(uuid, created_at, updated_at, uscc, name, jurisdiction_code)"
        " VALUES ('outside-1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?, '光谷机电有限公司',"
        " '421202')", [uscc(99)])
    other.commit()
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # no index needs the collation
    other.close()
    names = listed_names(store, ListRequest(ENTERPRISES))
    assert names.index("光谷机电有限公司") == names.index("赤壁砖茶有限公司") + 1  # guang after chi


def test_visits_and_rectifications_sorted_by_enterprise_follow_pinyin(store: Store, shuffled: dict) -> None:
    for eid in shuffled.values():
        insert_record(store, Visit(enterprise_id=eid, visit_date="2026-05-01", kind="spot_check"))
    visits = listed_names(store, ListRequest(VISITS, sort="enterprise", descending=False))
    assert visits == PINYIN_ORDER
    assert ListSource(store, ListRequest(RECTIFICATIONS, sort="enterprise")).page(None, 10) == []


def test_choices_and_the_collation_agree_with_the_list(store: Store, shuffled: dict) -> None:
    assert [c.name for c in enterprise_choices(store)] == PINYIN_ORDER
    ordered = [r[0] for r in store.db.execute("SELECT name FROM enterprise ORDER BY name COLLATE pinyin")]
    assert ordered == PINYIN_ORDER


def test_a_database_from_before_pinyin_order_gets_its_keys_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    add_enterprises(store, PINYIN_ORDER[::-1])
    store.db.execute("DROP TABLE enterprise_name_key")
    store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_pinyin_order'")
    store.close()
    store = Store.open(path, backup_dir=tmp_path / "copies")
    try:
        assert list((tmp_path / "copies").iterdir())  # copied before the migration ran
        assert store.db.execute("SELECT count(*) FROM enterprise_name_key").fetchone()[0] == 10
        assert listed_names(store, ListRequest(ENTERPRISES)) == PINYIN_ORDER
    finally:
        store.close()


def test_enterprise_page_shows_names_in_pinyin_order(qtbot: QtBot, chinese: None, store: Store,
                                                     shuffled: dict) -> None:
    from qcdesk.ui.list_pages import ListPage

    page = ListPage(store, ENTERPRISES)
    qtbot.addWidget(page)
    page.show()
    model = page.model
    qtbot.waitUntil(lambda: model.rowCount() == len(PINYIN_ORDER))
    column = [c.key for c in model.columns()].index("name")

    def shown(row: int) -> str:
        return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)

    assert [shown(row) for row in range(model.rowCount())] == PINYIN_ORDER
    page.view.horizontalHeader().setSortIndicator(column, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: shown(0) == PINYIN_ORDER[-1])
    assert [shown(row) for row in range(model.rowCount())] == PINYIN_ORDER[::-1]
