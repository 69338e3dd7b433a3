"""The 抽样 sheet's later-added 复检 columns: they travel field for field, and a package
written before them (an older QCDesk's) still reads, verifies and merges without conflicts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
from exchange_fixtures import dump, export_to, merge, populate

from qcdesk.exchange.workbook import SPEC_BY_TABLE, SPECS
from qcdesk.models.canonical_json import list_bytes
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"
RETEST_HEADERS = ("复检申请日期", "复检结论", "复检日期")


def test_every_exchanged_column_of_a_record_table_is_in_its_sheet() -> None:
    """A column added to a record table and forgotten in the sheet would silently stay home."""
    store = Store.memory()
    for spec in SPECS:
        columns = {c.name for c in store.db[spec.table].columns}
        assert columns - {"id", "uuid", "origin"} <= set(spec.data_names), spec.table


def test_retest_fields_roundtrip(tmp_path: Path) -> None:
    a = Store.memory()
    populate(a, 1, 2)
    with a.db.atomic():
        a.db.execute("UPDATE sample SET result = 'pass', failed_items = '净含量', "
                     "retest_requested_on = '2026-09-12', retest_result = 'pass', "
                     "retest_on = '2026-09-28' WHERE id = (SELECT min(id) FROM sample)")
        a.db.execute("UPDATE sample SET retest_requested_on = '2026-09-13', "
                     "retest_result = 'pending' WHERE id = (SELECT max(id) FROM sample)")
    export_to(a, tmp_path / "x.xlsx", SIGNER)
    b = Store.memory()
    merge(b, tmp_path / "x.xlsx", SIGNER)
    fields = "result, failed_items, retest_requested_on, retest_result, retest_on"
    query = f"SELECT uuid, {fields} FROM sample ORDER BY uuid"
    assert b.db.execute(query).fetchall() == a.db.execute(query).fetchall()
    assert {r[4] for r in b.db.execute(query)} == {"pass", "pending"}
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx", read_only=True)["抽样"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    # shown after 结果告知日期, before the technical columns; the conclusion as a word
    assert header.index("复检申请日期") == header.index("结果告知日期") + 1
    assert "复检合格" in [c.value for row in sheet.iter_rows(min_row=2) for c in row]


def _old_layout(path: Path) -> None:
    """The package as a QCDesk from before the re-test wrote it: no 复检 columns."""
    book = openpyxl.load_workbook(path)
    sheet = book["抽样"]
    header = [c.value for c in sheet[1]]
    for name in RETEST_HEADERS:
        sheet.delete_cols(header.index(name) + 1)
        header.remove(name)
    book.save(path)


def _old_hash(table: str, uuid: str, values: dict) -> str:
    """The content hash as it was computed before the later columns existed."""
    spec = SPEC_BY_TABLE[table]
    data = [values[n] for n in spec.data_names if not any(
        f.later for f in spec.data_fields if f.name == n)]
    return hashlib.sha256(list_bytes([table, uuid, *data], "surrogatepass")).hexdigest()[:16]


def test_old_layout_package_imports_with_the_hashes_it_had(tmp_path: Path) -> None:
    a = Store.memory()
    populate(a, 2, 2)
    export_to(a, tmp_path / "new.xlsx", SIGNER)
    export_to(a, tmp_path / "old.xlsx", SIGNER)
    _old_layout(tmp_path / "old.xlsx")
    stated = {}
    sheet = openpyxl.load_workbook(tmp_path / "old.xlsx", read_only=True)["抽样"]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    for row in rows:
        stated[row[0]] = row[header.index("内容哈希")]
    for uuid, values in dump(a)["sample"].items():  # an older QCDesk's hashes, unchanged
        assert stated[uuid] == _old_hash("sample", uuid, values)

    fresh = Store.memory()  # an office that never had these records
    result = merge(fresh, tmp_path / "old.xlsx", SIGNER)
    assert result.counts["sample"]["new"] == 4
    assert fresh.db.execute("SELECT DISTINCT retest_result, retest_requested_on, retest_on "
                            "FROM sample").fetchall() == [("", None, None)]
    heads = dict(fresh.db.execute("SELECT uuid, head FROM exchange_lineage WHERE kind = 'sample'"))
    assert {u: h.partition("-")[2] for u, h in heads.items()} == stated

    b = Store.memory()  # an office that has them from a new-layout package: nothing changes
    merge(b, tmp_path / "new.xlsx", SIGNER)
    before = dump(b)
    again = merge(b, tmp_path / "old.xlsx", SIGNER)
    assert again.counts["sample"]["unchanged"] == 4
    assert not any(again.counts[t].get("conflicting") for t in again.counts)
    assert dump(b) == before and before["conflicts"] == []
