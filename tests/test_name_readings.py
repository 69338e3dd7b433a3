"""Firms' names read as a Chinese reader reads them in pinyin order: 长 of 长江/长润 is cháng even
after 市/县 (pypinyin segments 赤壁市长江 as 市长 "mayor"), a closing 行 is háng (茶行), and a
database whose keys were made the old way is put right when it opens."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from qcdesk.models import name_order
from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES, ListRequest, ListSource
from qcdesk.models.name_order import name_sort_key
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

# By hand, from the dictionary: chá 茶 < cháng 长 < chéng 成 … ; 咸宁 firms by their third syllable:
# chang2 长润 < cheng2 成长 < yu3 宇鑫 < yuan2 源泽; 赤壁市 firms: cha2 茶行 < chang2 长江 < lv3 旅行社;
# chong2 重庆 after chi4 赤壁, before tong1 通城.
ORDER = ["赤壁市茶行", "赤壁市长江茶业有限公司", "赤壁市旅行社", "重庆火锅咸宁分店", "通城县长安机械厂",
         "通城县华丰五金行", "咸宁长城建材有限公司", "咸宁长润苎麻纺织有限公司", "咸宁成长教育咨询有限公司",
         "咸宁宇鑫食品有限公司", "咸宁源泽茶业有限公司"]


def uscc(n: int) -> str:
    org = f"MA4{n:05d}"
    first17 = f"91421202{org}{org_code_check_character(org)}"
    return first17 + uscc_check_character(first17)


def syllables(name: str) -> list[str]:
    key = name_sort_key(name).split("\x01\x01")[0]
    return [part[:-1] for part in key.split("\x01")]  # each syllable is followed by its character


def listed(store: Store) -> list[str]:
    source = ListSource(store, ListRequest(ENTERPRISES))
    rows = source.rows([k[-1] for k in source.page(None, 100)])
    return [rows[k[-1]]["name"] for k in source.page(None, 100)]


@pytest.mark.parametrize(("name", "reading"), [
    ("赤壁市长江茶业", "chi4 bi4 shi4 chang2 jiang1 cha2 ye4"),
    ("通城县长安", "tong1 cheng2 xian4 chang2 an1"),
    ("咸宁长润苎麻", "xian2 ning2 chang2 run4 zhu4 ma2"),
    ("赤壁市长丰米业", "chi4 bi4 shi4 chang2 feng1 mi3 ye4"),
    ("咸宁成长教育", "xian2 ning2 cheng2 zhang3 jiao4 yu4"),  # a zhǎng word stays zhǎng
    ("咸宁家长学校", "xian2 ning2 jia1 zhang3 xue2 xiao4"),
    ("赤壁市茶行", "chi4 bi4 shi4 cha2 hang2"),
    ("嘉鱼县琴行", "jia1 yu2 xian4 qin2 hang2"),
    ("咸宁市银行", "xian2 ning2 shi4 yin2 hang2"),
    ("咸宁市旅行", "xian2 ning2 shi4 lv3 xing2"),  # a xíng word at the end stays xíng
    ("咸宁行业协会", "xian2 ning2 hang2 ye4 xie2 hui4"),
    ("咸宁市发行站", "xian2 ning2 shi4 fa1 xing2 zhan4"),
    ("重庆火锅", "chong2 qing4 huo3 guo1"),
    ("崇阳县重型机械厂", "chong2 yang2 xian4 zhong4 xing2 ji1 xie4 chang3"),
])
def test_readings_of_firms_names(name: str, reading: str) -> None:
    assert " ".join(syllables(name)) == reading


def test_names_list_and_collate_in_dictionary_order(store: Store) -> None:
    shuffled = list(ORDER)
    random.Random(3).shuffle(shuffled)
    for n, name in enumerate(shuffled, start=1):
        save_enterprise(store, Enterprise(uscc=uscc(n), name=name, jurisdiction_code="421202"))
    assert listed(store) == ORDER
    collated = [r[0] for r in store.db.execute("SELECT name FROM enterprise ORDER BY name COLLATE pinyin")]
    assert collated == ORDER  # the collation and the stored keys agree


def test_keys_made_the_old_way_are_remade_when_the_database_opens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    for n, name in enumerate(ORDER, start=1):
        save_enterprise(store, Enterprise(uscc=uscc(n), name=name, jurisdiction_code="421202"))
    assert listed(store) == ORDER  # the list page makes the keys
    with monkeypatch.context() as m:  # keys as pypinyin alone made them: 市长, 县长, 宁长…
        m.setattr(name_order, "_name_readings", lambda *_args: None)
        name_sort_key.cache_clear()
        old = [(name_sort_key(n), n) for n in ORDER]
        name_sort_key.cache_clear()
    with store.transaction():
        store.db.conn.executemany("UPDATE enterprise_name_key SET sort_key = ? WHERE name = ?", old)
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_pinyin_name_readings'")
    stale = listed(store)
    assert stale.index("咸宁长润苎麻纺织有限公司") > stale.index("咸宁源泽茶业有限公司")  # as reported
    store.close()
    store = Store.open(path, backup_dir=tmp_path / "copies")
    try:
        assert listed(store) == ORDER
    finally:
        store.close()
