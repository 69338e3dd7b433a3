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
    assert header == ["辖区代码", "辖区", "企业数", "检查次数", "抽样合格", "抽样不合格", "抽样合格率",
                      "未结整改"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert "421281" in rows and all(r[2].value == 0 for c, r in rows.items() if c != "421202")
    code, name, ents, visits, passed, failed, rate, open_orders = rows["421202"]
    assert name.value == "咸安区"
    assert (ents.value, visits.value, passed.value, failed.value) == (2, 4, 1, 3)
    assert rate.data_type == "n" and rate.value == 0.25 and rate.number_format.endswith("%")
    assert open_orders.value == 4 and code.data_type == "s"
    store.close()
