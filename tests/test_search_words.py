"""The search boxes as an inspector types into them: full-width codes, several words, and
characters FTS5 would read as syntax, against a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.demonstration import enterprise_choices
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS, ListFilters, ListRequest, ListSource
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.search_text import phrase_query, tokens
from qcdesk.models.store import Store

USCC = "91421281MA4BAUNB7E"
NAMES = ["赤壁市洞庄茶叶有限公司", "赤壁市羊楼洞砖茶厂", "咸宁茶叶市场服务中心", "通山县赤壁路茶叶商行",
         "嘉鱼县管材有限公司", "咸宁ＡＢＣ科技有限公司"]


def code(n: int) -> str:
    org = f"MA4{n:05d}"
    first17 = f"91421202{org}{org_code_check_character(org)}"
    return first17 + uscc_check_character(first17)


@pytest.fixture
def firms(store: Store) -> dict[str, int]:
    assert uscc_check_character(USCC[:17]) == USCC[17]
    ids = {}
    for n, name in enumerate(NAMES, start=1):
        uscc = USCC if n == 1 else code(n)
        ids[name] = save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code="421281")).id
    return ids


def found(store: Store, kind: str, text: str) -> list[int]:
    source = ListSource(store, ListRequest(kind, ListFilters(search=text)))
    keys = source.page(None, 1000)
    assert source.count() == len(keys)  # the 共 N 条 figure agrees with the rows
    return sorted(k[-1] for k in keys)


def names(store: Store, text: str) -> list[str]:
    rows = ListSource(store, ListRequest(ENTERPRISES)).rows(found(store, ENTERPRISES, text))
    return sorted(row["name"] for row in rows.values())


def test_a_full_width_credit_code_finds_the_firm(store: Store, firms: dict) -> None:
    full = "９１４２１２８１ＭＡ４ＢＡＵＮＢ７Ｅ"
    assert names(store, USCC) == ["赤壁市洞庄茶叶有限公司"]
    assert names(store, full) == ["赤壁市洞庄茶叶有限公司"]
    assert names(store, "ｍａ４ｂａｕ") == ["赤壁市洞庄茶叶有限公司"]  # part of it, lower case


def test_a_name_typed_in_full_width_is_found_either_way(store: Store, firms: dict) -> None:
    assert names(store, "ABC") == ["咸宁ＡＢＣ科技有限公司"]
    assert names(store, "ａｂｃ科技") == ["咸宁ＡＢＣ科技有限公司"]


def test_every_word_must_match_in_any_order(store: Store, firms: dict) -> None:
    both = ["赤壁市洞庄茶叶有限公司", "通山县赤壁路茶叶商行"]
    assert names(store, "茶叶赤壁") == []  # one word: a phrase of its characters, as before
    assert names(store, "茶叶 赤壁") == both
    assert names(store, "赤壁 茶叶") == both
    assert names(store, "  赤壁\u3000\u3000茶叶 ") == both  # ideographic space of a Chinese input method
    assert names(store, "赤壁 茶叶 商行") == ["通山县赤壁路茶叶商行"]
    assert names(store, "茶叶 管材") == []
    assert names(store, "茶 ９１４２１２８１") == ["赤壁市洞庄茶叶有限公司"]  # a word may match another field


@pytest.mark.parametrize(("text", "count"), [
    ('"', 0), ('"茶叶', 3), ('茶叶"', 3), ("*", 0), ("茶*", 4), ("^茶", 4), ("茶:叶", 3), ("茶叶)", 3),
    ("(", 0), ("- 茶叶", 3), ("茶叶 -管材", 0), ("NEAR(茶 叶)", 0), ("OR", 0), ("茶叶 OR 管材", 0),
    ("AND", 0), ("茶叶 AND", 0), ("NOT 管材", 0), ("{name}: 茶", 0), ("'", 0), ("%", 0), ("_", 0)])
def test_fts_syntax_typed_by_a_user_is_plain_text(store: Store, firms: dict, text: str, count: int) -> None:
    """Quotes, *, -, parentheses and operators are neither syntax errors nor a match for all:
    only their letters and digits are looked for (OR is the letters o r, found nowhere)."""
    assert len(found(store, ENTERPRISES, text)) == count
    for kind in (VISITS, RECTIFICATIONS):
        assert found(store, kind, text) == []  # no visits yet: the query still runs


def test_only_punctuation_finds_nothing(store: Store, firms: dict) -> None:
    for text in ("*", "-", '"', "()", "　"):
        assert phrase_query(text) is None
    assert found(store, ENTERPRISES, "* -") == []


def test_visit_list_searches_words_too(store: Store, firms: dict) -> None:
    visit = insert_record(store, Visit(enterprise_id=firms["赤壁市羊楼洞砖茶厂"], visit_date="2026-05-01",
                                       kind="spot_check"))
    insert_record(store, Visit(enterprise_id=firms["嘉鱼县管材有限公司"], visit_date="2026-05-02",
                               kind="spot_check"))
    assert found(store, VISITS, "砖茶 赤壁") == [visit.id]
    assert found(store, VISITS, "ＭＡ４００００２") == [visit.id]  # its firm's code, typed full-width


def test_zone_member_picker_finds_as_the_lists_do(store: Store, firms: dict) -> None:
    picked = [name for _uuid, name in enterprise_choices(store, "茶叶 赤壁")]
    assert picked == ["赤壁市洞庄茶叶有限公司", "通山县赤壁路茶叶商行"]
    assert [n for _u, n in enterprise_choices(store, "ＡＢＣ")] == ["咸宁ＡＢＣ科技有限公司"]
    assert enterprise_choices(store, "%") == []  # not a LIKE wildcard matching every firm
    assert len(enterprise_choices(store, "")) == len(NAMES)


def test_index_reads_full_width_as_ascii() -> None:
    assert tokens("ＡＢ１２") == tokens("ab12") == "a b 1 2 brk"


def test_a_database_indexed_before_finds_full_width_names_once_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    firm = Enterprise(uscc=code(7), name="咸宁ＸＹ电子厂", jurisdiction_code="421202")
    eid = save_enterprise(store, firm).id
    old_tokens = " ".join([*"咸宁ｘｙ电子厂", "brk", *code(7).lower(), "brk"])  # how it was indexed
    with store.transaction():
        store.db.execute("UPDATE enterprise_fts SET tokens = ? WHERE rowid = ?", [old_tokens, eid])
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_full_width_search'")
    assert found(store, ENTERPRISES, "XY") == []
    store.close()
    store = Store.open(path, backup_dir=tmp_path / "copies")
    try:
        assert found(store, ENTERPRISES, "XY电子") == [eid]
        assert found(store, ENTERPRISES, "ＸＹ") == [eid]
    finally:
        store.close()
