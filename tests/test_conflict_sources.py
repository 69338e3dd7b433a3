"""Where each version of a conflict came from, as the county clerk reads it.

The merge keeps both versions and, between two received ones, the greater is current whichever
arrived first — so "current" is not "what we had" and "other" is not "what just arrived". The
reconciliation workbook and the dialog name each version by its source (本机录入, or the package
with its signer and number) and when it was changed, and the workbook names the package it
reports on. Samplers stored as inspector uuids (older data) are shown by name.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Enterprise, Inspector, Sample
from qcdesk.models.store import Store
from qcdesk.ui.conflict_dialog import ConflictDialog


def _edit(store: Store, phone: str, samplers: list[str]) -> None:
    with store.db.atomic():
        e = Enterprise.from_row(next(store.db.query("SELECT * FROM enterprise")))
        e.contact_phone = phone
        update_record(store, e)
        s = Sample.from_row(next(store.db.query("SELECT * FROM sample")))
        s.samplers = samplers
        update_record(store, s)


def _county(tmp_path: Path, then: tuple[str, ...] = ("z2",)) -> tuple[Store, dict[str, Path]]:
    """张三 sends seq 1 (the records) and seq 2 (his edit); 李四, who had 张三's seq 1, edits the
    same records later and sends seq 1. The county imports 张三 1, 张三 2, then 李四 1: 李四's
    later edit is current, 张三's is the other version."""
    zkey, lkey = generate_secret_key(), generate_secret_key()
    out = tmp_path / "out"
    out.mkdir()
    zhang = Store.open(tmp_path / "zhang.db", author="张三")
    populate(zhang, 1, 1)
    with zhang.db.atomic():
        chen = insert_record(zhang, Inspector(name="陈辉建", cert_no="0101", jurisdiction_code="421221"))
        yu = insert_record(zhang, Inspector(name="余斌", cert_no="0102", jurisdiction_code="421221"))
    _edit(zhang, "0715-0000000", [yu.uuid])  # older data: samplers as inspector uuids
    pkgs = {"z1": export_package(zhang, out, zkey, signer_name="张三", jurisdiction="421221",
                                 role="inspector", full=True)}
    li = Store.open(tmp_path / "li.db", author="李四")
    import_package(li, pkgs["z1"], trust=StaticTrust.of([zkey.public_key]))
    _edit(zhang, "0715-1111111", [chen.uuid])
    pkgs["z2"] = export_package(zhang, out, zkey, signer_name="张三", jurisdiction="421221",
                                role="inspector")
    _edit(li, "0715-2222222", [chen.uuid, yu.uuid])
    pkgs["l1"] = export_package(li, out, lkey, signer_name="李四", jurisdiction="421221",
                                role="inspector")
    zhang.close()
    li.close()
    county = Store.open(tmp_path / "county.db", author="嘉鱼县局")
    trust_store.add_key(county, zkey.public_key, name="张三", jurisdiction="421221", role="inspector")
    trust_store.add_key(county, lkey.public_key, name="李四", jurisdiction="421221", role="inspector")
    import_package(county, pkgs["z1"])
    for name in then:  # 张三's no. 2 unless told otherwise
        import_package(county, pkgs[name])
    return county, pkgs


def _sheet(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_the_workbook_names_each_versions_source_and_the_package(tmp_path: Path) -> None:
    county, pkgs = _county(tmp_path)
    result = import_package(county, pkgs["l1"])  # 李四's package: its version wins
    path = write_reconciliation(county, tmp_path / "r.xlsx", result)
    rows = _sheet(path, "冲突")
    header = rows[0]
    assert "本地现值" not in header and "收到的值" not in header
    by_field = {r[header.index("字段")]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    phone = by_field["联系电话"]
    assert phone["现行版本"] == "0715-2222222"
    assert phone["现行版本来源"] == "来自李四签名的数据包（序号 1）"
    assert phone["另一版本"] == "0715-1111111"
    assert "张三" in phone["另一版本来源"] and "本机录入" not in phone["另一版本来源"]
    assert phone["现行版本修改时间"] and phone["另一版本修改时间"]
    assert phone["本次导入"] == "是"
    # samplers by name, not by uuid
    samplers = by_field["抽样人员"]
    assert (samplers["现行版本"], samplers["另一版本"]) == ("陈辉建、余斌", "陈辉建")
    # the 说明 sheet names the package, signer, sequence and time
    about = {r[0]: r[1] for r in _sheet(path, "说明")[1:]}
    assert about["数据包"] == pkgs["l1"].name
    assert about["签名人"] == "李四" and about["序号"] == "1"
    assert about["签名人角色"] == "检查员" and about["签名人辖区"] == "421221 嘉鱼县"  # as the import says
    assert "“记录 ▸ 处理合并冲突…”" in about["现行版本 / 另一版本"]  # the menu as the CLI names it
    assert "→" not in about["现行版本 / 另一版本"]
    assert about["数据包 SHA-256"] == result.package_sha256
    assert isinstance(about["导入时间"], datetime) and about["导入时间"].year >= 2020  # a date cell
    county.close()


def test_a_local_edit_is_named_as_typed_here(tmp_path: Path) -> None:
    county, pkgs = _county(tmp_path)
    _edit(county, "0715-3333333", [])  # the county itself corrects the record
    result = import_package(county, pkgs["l1"])  # 李四's package is kept as the other version
    rows = _sheet(write_reconciliation(county, tmp_path / "r.xlsx", result), "冲突")
    phone = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[3] == "联系电话")
    assert (phone["现行版本"], phone["现行版本来源"]) == ("0715-3333333", "本机录入")
    assert (phone["另一版本"], phone["另一版本来源"]) == ("0715-2222222",
                                                     "来自李四签名的数据包（序号 1）")
    county.close()


def test_the_dialog_says_where_both_versions_came_from(qtbot: QtBot, chinese: None,
                                                       tmp_path: Path) -> None:
    county, pkgs = _county(tmp_path)
    import_package(county, pkgs["l1"])
    dlg = ConflictDialog(county)
    qtbot.addWidget(dlg)
    row = next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == "enterprise")
    dlg.list.selectRow(row)
    current, other = dlg.versions_label.text().split("\n")
    assert current.startswith("当前版本：") and "来自 李四 签名的第 1 号数据包" in current
    assert other.startswith("另一版本：") and "张三" in other and "本机录入" not in other
    dlg.list.selectRow(next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == "sample"))
    cells = {dlg.fields.item(r, 0).text(): (dlg.fields.item(r, 1).text(),
                                            dlg.fields.item(r, 2).text())
             for r in range(dlg.fields.rowCount())}
    assert cells["抽样人员"] == ("陈辉建、余斌", "陈辉建")
    county.close()


def test_the_dialog_names_a_local_edit(qtbot: QtBot, chinese: None, tmp_path: Path) -> None:
    county, pkgs = _county(tmp_path)
    _edit(county, "0715-3333333", [])
    import_package(county, pkgs["l1"])
    dlg = ConflictDialog(county)
    qtbot.addWidget(dlg)
    dlg.list.selectRow(next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == "enterprise"))
    current, other = dlg.versions_label.text().split("\n")
    assert "本机录入" in current
    assert "来自 李四 签名的第 1 号数据包" in other
    county.close()


@pytest.mark.parametrize("order", [("z2", "l1"), ("l1", "z2")], ids=["replaced", "kept"])
def test_both_versions_name_their_package_and_number(qtbot: QtBot, chinese: None, tmp_path: Path,
                                                     order: tuple[str, str]) -> None:
    """张三's no. 2 and 李四's no. 1 changed the same records. Whichever arrives first, 李四's
    later edit is current and 张三's the other version — and both are named by signer and
    number: also 张三's version that 李四's replaced (it came in 张三's no. 2), and 李四's
    current version when 张三's arrived after it."""
    county, pkgs = _county(tmp_path, order[:1])  # 张三 1, then the first of the two
    result = import_package(county, pkgs[order[1]])
    path = write_reconciliation(county, tmp_path / "r.xlsx", result)
    rows = _sheet(path, "冲突")
    phone = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[3] == "联系电话")
    assert (phone["现行版本"], phone["现行版本来源"]) == ("0715-2222222",
                                                     "来自李四签名的数据包（序号 1）")
    assert (phone["另一版本"], phone["另一版本来源"]) == ("0715-1111111",
                                                     "来自张三签名的数据包（序号 2）")
    about = {r[0]: r[1] for r in _sheet(path, "说明")[1:]}
    assert "未记录" not in about["来源"]
    dlg = ConflictDialog(county)
    qtbot.addWidget(dlg)
    dlg.list.selectRow(next(r for r, c in enumerate(dlg.conflicts) if c["kind"] == "enterprise"))
    current, other = dlg.versions_label.text().split("\n")
    assert "来自 李四 签名的第 1 号数据包" in current
    assert "来自 张三 签名的第 2 号数据包" in other
    county.close()
