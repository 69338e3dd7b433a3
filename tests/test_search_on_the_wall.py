"""An inspector at the gate types what the wall or the sign shows: a licence number, the town
in the address, a contact's name or phone, the legal representative. The firm's file must come
up, on a real SQLite file, from the editor, an exchange package and a database indexed before."""

from __future__ import annotations

from pathlib import Path

from exchange_fixtures import export_to, merge

from qcdesk.models.codes import org_code_check_character, uscc_check_character
from qcdesk.models.editor_queries import Contact, save_enterprise_file
from qcdesk.models.enterprises import enterprise_licences, save_enterprise
from qcdesk.models.listing import ENTERPRISES, ListFilters, ListRequest, ListSource
from qcdesk.models.persistence import fetch_children, fetch_record
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.search_text import tokens
from qcdesk.models.store import Store


def code(n: int) -> str:
    org = f"MA4{n:05d}"
    first17 = f"91421281{org}{org_code_check_character(org)}"
    return first17 + uscc_check_character(first17)


def found(store: Store, text: str) -> list[int]:
    """What 企业档案's search box lists for `text` (and its 共 N 条 agrees)."""
    source = ListSource(store, ListRequest(ENTERPRISES, ListFilters(search=text)))
    keys = source.page(None, 1000)
    assert source.count() == len(keys)
    return sorted(k[-1] for k in keys)


WALL = ["(鄂)XK06-001-00001", "XK06-001-00001", "XK0600100001", "xk06 001", "SC11442128100017",
        "隽水镇", "田亮", "13800003254", "138-0000-3254", "曾春婷", "通凯茶厂", "刘质检", "0715-8123456",
        "07158123456"]


def tea_factory(store: Store) -> int:
    """赤壁市通凯砖茶有限公司 as its file is kept in the editor: two licences, a further contact."""
    firm = Enterprise(uscc=code(1), name="赤壁市通凯砖茶有限公司", jurisdiction_code="421281",
                      address="赤壁市隽水镇金桂路18号", legal_representative="曾春婷", contact_name="田亮",
                      contact_phone="138-0000-3254", main_products="米砖茶", notes="当地人称通凯茶厂")
    licences = [Licence(number="(鄂)XK06-001-00001", issued_on="2024-01-05", expires_on="2029-01-04"),
                Licence(number="SC11442128100017", issued_on="2024-01-05", expires_on="2029-01-04")]
    contacts = [Contact(name="刘质检", role="质量负责人", phone="0715-8123456")]
    return save_enterprise_file(store, firm, licences, contacts).id


def test_the_firm_is_found_by_what_is_on_the_wall(store: Store) -> None:
    eid = tea_factory(store)
    save_enterprise(store, Enterprise(uscc=code(2), name="赤壁市羊楼洞砖茶厂", jurisdiction_code="421281",
                                      address="赤壁市赵李桥镇", contact_phone="13900001111"))
    for text in WALL:
        assert found(store, text) == [eid], text
    assert found(store, "通凯 隽水镇") == [eid]  # a word of the name and one of the address


def test_a_removed_licence_or_contact_no_longer_finds_the_firm(store: Store) -> None:
    eid = tea_factory(store)
    firm = fetch_record(store, Enterprise, eid)
    licences = enterprise_licences(store, eid)
    contacts = fetch_children(store, Contact, "enterprise_id", eid)
    licences[0].number = "(鄂)XK06-001-00777"  # renewed under a new number
    licences[1].deleted_at = "2026-11-30T00:00:00Z"
    contacts[0].deleted_at = "2026-11-30T00:00:00Z"
    contacts.append(Contact(name="陈新", phone="13912345678"))
    save_enterprise_file(store, firm, licences, contacts)
    for gone in ("XK06-001-00001", "SC11442128100017", "刘质检", "07158123456"):
        assert found(store, gone) == [], gone
    for text in ("XK0600100777", "陈新", "13912345678", "13800003254"):
        assert found(store, text) == [eid], text


def test_a_licence_saved_with_the_firm_alone_is_searched(store: Store) -> None:
    """The roster import and the spot-check ledger save firms through `save_enterprise`."""
    firm = Enterprise(uscc=code(3), name="咸宁某电气有限公司", jurisdiction_code="421202")
    eid = save_enterprise(store, firm, [Licence(number="XK13-006-00123")]).id
    assert found(store, "XK1300600123") == [eid]


def test_a_package_brings_the_firm_with_its_licences_and_contacts(store: Store, tmp_path: Path) -> None:
    tea_factory(store)
    export_to(store, tmp_path / "county.xlsx", "A1A1A1A1A1A1A1A1")
    city = Store.open(tmp_path / "city.db", author="city")
    try:
        merge(city, tmp_path / "county.xlsx", "A1A1A1A1A1A1A1A1")
        eid = city.db.execute("SELECT id FROM enterprise WHERE uscc = ?", [code(1)]).fetchone()[0]
        for text in WALL:
            assert found(city, text) == [eid], text
    finally:
        city.close()


def test_a_database_indexed_before_finds_the_firm_by_phone_once_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    eid = tea_factory(store)
    with store.transaction():  # as the firm was indexed before: name, code, products, industry
        store.db.execute("UPDATE enterprise_fts SET tokens = ? WHERE rowid = ?",
                         [tokens("赤壁市通凯砖茶有限公司", code(1), "米砖茶", ""), eid])
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0006_search_what_is_on_the_wall'")
    assert found(store, "13800003254") == []
    store.close()
    store = Store.open(path, backup_dir=tmp_path / "copies")
    try:
        for text in WALL:
            assert found(store, text) == [eid], text
        assert found(store, "通凯") == [eid]
    finally:
        store.close()
