"""The reconciliation workbook lists every open conflict, also two firms under one credit code
whose fields agree (review, city office): the 冲突 sheet was empty while 说明 counted them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from exchange_fixtures import export_to, populate

from qcdesk.exchange.importer import merge_workbook
from qcdesk.exchange.reconcile import SAME_FIELDS, write_reconciliation
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"


def test_twin_firms_that_agree_in_every_field_each_have_a_row(tmp_path: Path) -> None:
    sent = Store.memory("甲")
    populate(sent, n_enterprises=1, visits_each=0)
    export_to(sent, tmp_path / "a.xlsx", SIGNER)
    firm = sent.db.execute("SELECT uscc, name, jurisdiction_code, contact_phone, notes"
                           " FROM enterprise").fetchone()
    here = Store.memory("乙")  # the same list imported on another laptop: a firm of its own uuid
    with here.db.atomic():
        insert_record(here, Enterprise(uscc=firm[0], name=firm[1], jurisdiction_code=firm[2],
                                       contact_phone=firm[3], notes=firm[4]))
    result = merge_workbook(here, tmp_path / "a.xlsx", signer=SIGNER)
    assert [c["reason"] for c in result.conflicts] == ["duplicate_uscc"]
    book = openpyxl.load_workbook(write_reconciliation(here, tmp_path / "对账.xlsx", result))
    rows = list(book["冲突"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1, rows
    header = [c.value for c in book["冲突"][1]]
    row = dict(zip(header, rows[0], strict=True))
    assert row["记录"].startswith(firm[1]) and row["字段"] == SAME_FIELDS == "（各字段相同）"
    assert row["本次导入"] == "是" and row["原因"]
    about = dict(book["说明"].iter_rows(values_only=True))
    assert about["待处理冲突"].startswith("1 条")
