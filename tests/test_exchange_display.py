"""Display-only columns of data.xlsx: a clerk at the city reading 检查记录, 抽样 or 整改 in WPS
sees the enterprise's name and the inspectors' names, not only 38-character ids. They are
never data: not hashed (versions, lineage and signatures stay as they were), not read on
import (an edited name changes nothing), and a package without them imports as before."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import dump, edit_cells, export_to, merge, populate
from python_calamine import CalamineWorkbook

from qcdesk.exchange import export as ex
from qcdesk.exchange.workbook import SPECS, SheetSpec
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Inspector, Visit
from qcdesk.models.store import Store

SIGNER = "D1D1D1D1D1D1D1D1"
DOC = (Path(__file__).resolve().parents[1] / "docs" / "exchange-spreadsheet.md").read_text(
    encoding="utf-8")
# 内容哈希 of the records of `_fixed_store`, as QCDesk wrote them before display-only columns
# existed (computed with the code of fe9d49e,
# before this change): adding the columns must not move one.
HASHES_BEFORE = {
    "企业": {"00000000-0000-4000-8000-000000000001": "65af52c26e378571",
           "00000000-0000-4000-8000-000000000002": "06615b00f974b0e5"},
    "检查记录": {"00000000-0000-4000-8000-000000000201": "f49fad0f54de91c5",
             "00000000-0000-4000-8000-000000000202": "17fa78f378c4d9bb",
             "00000000-0000-4000-8000-000000000203": "52003f620e22ca91"},
    "抽样": {"00000000-0000-4000-8000-000000000301": "a74343c9bc6dbe7a",
           "00000000-0000-4000-8000-000000000302": "eb96d0ec9a957e4f"},
    "整改": {"00000000-0000-4000-8000-000000000601": "4bd427c84a3cad95",
           "00000000-0000-4000-8000-000000000602": "14d0917be093990b"},
}
TIME = "2024-05-01T08:00:00.000000Z"
FIXED = {"enterprise": 0, "inspector": 100, "visit": 200, "sample": 300, "finding": 400,
         "photo": 500, "rectification": 600}


def _fixed_store() -> Store:
    """Two enterprises with a visit, sample, finding and order each, plus a visit by three
    inspectors listed 王五、张三、李四 (neither in pinyin, code point nor id order) and one this
    database does not have; every uuid and time stamp fixed, so the hashes are the same every
    run."""
    store = Store.memory("o")
    populate(store, 2, 1)
    with store.db.atomic():
        for name, cert in (("李四", "0043"), ("王五", "0044")):
            insert_record(store, Inspector(name=name, cert_no=cert, jurisdiction_code="421202"))
        insert_record(store, Visit(enterprise_id=2, visit_date="2024-02-20", kind="assistance",
                                   inspectors=["王五", "张三", "李四", "@nobody"], status="done"))
        ids = dict(store.db.execute("SELECT uuid, id FROM inspector UNION ALL"
                                    " SELECT name, id FROM inspector").fetchall())
        for table, offset in FIXED.items():
            store.db.execute(f"UPDATE {table} SET uuid = printf('00000000-0000-4000-8000-%012d',"
                             f" id + {offset}), created_at = ?, updated_at = ?, author = 'test'",
                             [TIME, TIME])
        uuids = dict(store.db.execute("SELECT id, uuid FROM inspector").fetchall())
        for vid, inspectors in store.db.execute("SELECT id, inspectors FROM visit").fetchall():
            fixed = [uuids.get(ids.get(i), "9" * 8 + "-gone") for i in json.loads(inspectors)]
            store.db.execute("UPDATE visit SET inspectors = ? WHERE id = ?",
                             [json.dumps(fixed, ensure_ascii=False), vid])
    return store


def _total(result: Any, outcome: str) -> int:
    return sum(c[outcome] for c in result.counts.values())


def _records(store: Store) -> dict[str, Any]:
    """Every record by uuid as stored, without 来源 (origin): a received copy names the signer."""
    return {table: {u: {k: v for k, v in row.items() if k != "origin"} for u, row in rows.items()}
            if table != "conflicts" else rows for table, rows in dump(store).items()}


def _sheets(path: Path) -> dict[str, list[dict[str, Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    out = {}
    for name in ("企业", "检查人员", "检查记录", "抽样", "整改"):
        header, *rows = book.get_sheet_by_name(name).to_python()
        out[name] = [dict(zip(header, r, strict=True)) for r in rows]
    return out


def test_names_are_shown_beside_the_ids_in_the_right_rows(tmp_path: Path) -> None:
    store = _fixed_store()
    path = tmp_path / "data.xlsx"
    export_to(store, path, SIGNER)
    sheets = _sheets(path)
    enterprise = {r["记录ID"]: r["企业名称"] for r in sheets["企业"]}
    inspector = {r["记录ID"]: r["姓名"] for r in sheets["检查人员"]}
    visits = {r["记录ID"]: r for r in sheets["检查记录"]}
    assert len(set(enterprise.values())) == 2
    for row in sheets["检查记录"]:
        assert row["企业名称"] == enterprise[row["企业记录ID"]]
        names = [inspector.get(u, u) for u in json.loads(row["检查人员记录ID"])]
        assert row["检查人员姓名"] == "、".join(names)
    by_four = visits["00000000-0000-4000-8000-000000000203"]
    assert by_four["检查人员姓名"] == "王五、张三、李四、99999999-gone"  # the array's order
    assert by_four["企业名称"] == "咸宁企业1标签不规范"
    for row in sheets["抽样"]:
        visit = visits[row["检查记录ID"]]
        assert row["企业名称"] == enterprise[visit["企业记录ID"]]
    assert {r["企业名称"] for r in sheets["抽样"]} == set(enterprise.values())
    for row in sheets["整改"]:
        assert row["企业名称"] == enterprise[row["企业记录ID"]]
    # the columns after them still show their words, not codes
    assert {r["检查类型"] for r in sheets["检查记录"]} == {"监督抽查", "质量帮扶/指导"}
    assert {r["状态"] for r in sheets["检查记录"]} == {"已完成"}
    assert {r["检验结论"] for r in sheets["抽样"]} == {"不合格"}
    assert {r["规则"] for r in sheets["整改"]} <= {"市场监管总局令第18号（2019）",
                                                 "质检总局令第133号（2010）"}
    header = list(CalamineWorkbook.from_path(str(path)).get_sheet_by_name("检查记录")
                  .to_python()[0])
    assert header[1:4] == ["企业记录ID", "企业名称", "检查日期"]
    assert header[header.index("检查人员记录ID") + 1] == "检查人员姓名"


def test_inspectors_that_are_not_a_json_array_show_no_names(tmp_path: Path) -> None:
    """Stored inspectors that are not a JSON array of uuids (hand-edited, an old tool) still
    export, exactly as stored, with an empty 检查人员姓名: the names are never worth a refusal."""
    store = _fixed_store()
    odd = ["张三；李四", '{"a": 1}', '"x"']
    for k, value in enumerate(odd, start=1):
        store.db.execute("UPDATE visit SET inspectors = ? WHERE id = ?", [value, k])
    path = tmp_path / "data.xlsx"
    export_to(store, path, SIGNER)
    rows = sorted(_sheets(path)["检查记录"], key=lambda r: r["记录ID"])
    assert [r["检查人员记录ID"] for r in rows] == odd
    assert [r["检查人员姓名"] for r in rows] == ["", "", ""]
    city = Store.memory("c")
    merge(city, path, SIGNER)
    assert _records(city) == _records(store)


def test_display_columns_move_no_hash(tmp_path: Path) -> None:
    """The 内容哈希 of every record is what QCDesk wrote before the columns existed."""
    store = _fixed_store()
    path = tmp_path / "data.xlsx"
    export_to(store, path, SIGNER)
    sheets = _sheets(path)
    for sheet, expected in HASHES_BEFORE.items():
        assert {r["记录ID"]: r["内容哈希"] for r in sheets[sheet]} == expected, sheet


def test_an_edited_name_changes_nothing_on_import(tmp_path: Path) -> None:
    """A clerk types over the names in Excel: the import neither refuses the package nor
    stores the typed names; the records' links and the receiving database's names win."""
    store = _fixed_store()
    path = tmp_path / "data.xlsx"
    export_to(store, path, SIGNER)
    edit_cells(path, "检查记录", {(2, "企业名称"): "别的公司", (2, "检查人员姓名"): "王五"})
    edit_cells(path, "抽样", {(2, "企业名称"): "别的公司"})
    edit_cells(path, "整改", {(3, "企业名称"): "别的公司"})
    city = Store.memory("c")
    result = merge(city, path, SIGNER)
    assert _total(result, "new") > 0 and _total(result, "conflicting") == 0
    assert _records(city) == _records(store)
    assert city.db.execute("SELECT count(*) FROM enterprise WHERE name = '别的公司'"
                           ).fetchone()[0] == 0
    # received again, edited: every record unchanged, nothing in conflict
    again = merge(city, path, SIGNER)
    assert _total(again, "new") == _total(again, "updated") == _total(again, "conflicting") == 0
    assert _records(city) == _records(store)


def _old_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export as it was before display-only columns: the same cells without them."""
    columns = SheetSpec.columns

    def shown(spec: SheetSpec) -> list[int]:
        return [i + 1 for i, f in enumerate(spec.written_fields) if f.display]

    def old_columns(spec: SheetSpec) -> list[Any]:
        drop = shown(spec)
        return [c for i, c in enumerate(columns(spec)) if i not in drop]

    real_cells = ex.to_cells

    def old_cells(spec: SheetSpec, values: dict[str, Any], lineage: dict[str, str]) -> list[Any]:
        drop = shown(spec)
        return [c for i, c in enumerate(real_cells(spec, values, lineage)) if i not in drop]

    monkeypatch.setattr(SheetSpec, "columns", old_columns)
    monkeypatch.setattr(ex, "to_cells", old_cells)


def test_a_package_without_display_columns_imports_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _fixed_store()
    new = tmp_path / "new.xlsx"
    export_to(store, new, SIGNER)
    with monkeypatch.context() as m:
        _old_layout(m)
        old = tmp_path / "old.xlsx"
        ex.write_workbook(store, old, ex.plan_export(store, SIGNER, full=True), {})
    header = CalamineWorkbook.from_path(str(old)).get_sheet_by_name("检查记录").to_python()[0]
    assert "企业名称" not in header and "检查人员姓名" not in header
    old_sheets, new_sheets = _sheets(old), _sheets(new)
    for sheet in ("检查记录", "抽样", "整改"):
        strip = [{k: v for k, v in r.items() if k not in ("企业名称", "检查人员姓名")}
                 for r in new_sheets[sheet]]
        assert old_sheets[sheet] == strip
    from_old, from_new = Store.memory("a"), Store.memory("b")
    r_old, r_new = merge(from_old, old, SIGNER), merge(from_new, new, SIGNER)
    assert dump(from_old) == dump(from_new)
    assert _records(from_new) == _records(store)
    assert _total(r_old, "new") == _total(r_new, "new") > 0
    assert _total(r_old, "conflicting") == 0
    lineage = "SELECT kind, uuid, head, editor, base, ancestors FROM exchange_lineage ORDER BY 1, 2"
    assert from_old.db.execute(lineage).fetchall() == from_new.db.execute(lineage).fetchall()
    # and each package, received by the other's database, changes nothing
    every = _total(r_new, "new") + _total(r_new, "unchanged")
    for again in (merge(from_old, new, SIGNER), merge(from_new, old, SIGNER)):
        assert _total(again, "unchanged") == every


def test_display_columns_are_documented_as_display_only(tmp_path: Path) -> None:
    """The page's table is the code's display columns (sheet, column, the one before it), and
    the package's own 说明 sheet calls each one display-only and unhashed."""
    (block,) = re.findall(r"<!-- display-columns -->\n(.*?)<!-- /display-columns -->", DOC, re.S)
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in block.splitlines() if line.startswith("| ") and "---" not in line]
    code = [(s.sheet, f.header, s.fields[i - 1].header)
            for s in SPECS for i, f in enumerate(s.fields) if f.display]
    assert [tuple(r[:3]) for r in rows[1:]] == code
    assert len(code) == 4
    store = _fixed_store()
    path = tmp_path / "data.xlsx"
    export_to(store, path, SIGNER)
    notes = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("说明").to_python()
    meaning = {(r[0], r[1]): r[2] for r in notes[1:]}
    for sheet, header, _before in code:
        text = meaning[(sheet, header)]
        assert "仅供阅读（显示列）" in text and "不计入内容哈希" in text and "导入时不读取" in text
    assert "display-only columns" in DOC[DOC.index("### Content hash"):]
