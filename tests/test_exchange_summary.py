"""The 汇总 sheet as a person in Excel or WPS reads it: per jurisdiction, counts as numbers and
the spot-check pass rate as a percentage (the programme's ≥ 95% target is read off it)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from exchange_fixtures import export_to, populate

from qcdesk.models.store import Store


def test_summary_counts_and_pass_rate_per_jurisdiction(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "inspector.db", author="检查员甲")
    populate(store, n_enterprises=2, visits_each=2)  # every sample fails
    with store.db.atomic():  # one sample passes: 1 of 4
        store.db.execute("UPDATE sample SET result = 'pass' WHERE id = 1")
    path = tmp_path / "data.xlsx"
    export_to(store, path, "C3C3C3C3C3C3C3C3")
    sheet = openpyxl.load_workbook(path)["汇总"]
    header = [c.value for c in sheet[1]]
    assert header == ["辖区代码", "辖区", "企业数", "检查次数", "监督抽查合格", "监督抽查不合格",
                      "监督抽查合格率（全部期间）", "未结整改"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert list(rows) == ["421202", None]  # jurisdictions without records are left out
    code, name, ents, visits, passed, failed, rate, open_orders = rows["421202"]
    assert name.value == "咸安区"
    assert (ents.value, visits.value, passed.value, failed.value) == (2, 4, 1, 3)
    assert rate.data_type == "n" and rate.value == 0.25 and rate.number_format.endswith("%")
    assert open_orders.value == 4 and code.data_type == "s"
    store.close()
    total = [c.value for c in rows[None]]
    assert total == [None, "合计", 2, 4, 1, 3, 0.25, 4]


def test_summary_rows_are_not_taken_for_the_city_total(tmp_path: Path) -> None:
    """The first row once was 421200 咸宁市 with zeros, which a city reader took for the city's
    total: only jurisdictions with records appear, the city's own enterprises are marked 市本级,
    and the last row, 合计, is the sum of the rows with its own pass rate."""
    store = Store.open(tmp_path / "county.db", author="县局")
    populate(store, n_enterprises=3, visits_each=1)
    with store.db.atomic():
        store.db.execute("UPDATE enterprise SET jurisdiction_code = '421200' WHERE id = 1")
        store.db.execute("UPDATE enterprise SET jurisdiction_code = '421202-HTZ' WHERE id = 2")
        store.db.execute("UPDATE sample SET result = 'pass' WHERE id IN (1, 3)")
    path = tmp_path / "data.xlsx"
    export_to(store, path, "C4C4C4C4C4C4C4C4")
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(path)["汇总"].iter_rows(min_row=2)]
    assert [r[:2] for r in rows] == [["421200", "咸宁市（市本级）"], ["421202", "咸安区"],
                                     ["421202-HTZ", "咸宁高新区"], [None, "合计"]]
    assert rows[-1][2:] == [3, 3, 2, 1, 2 / 3, 3]  # the exact share (test_rate_cells)
    assert [sum(r[i] for r in rows[:-1]) for i in (2, 3, 4, 5, 7)] == [3, 3, 2, 1, 3]
    store.close()
