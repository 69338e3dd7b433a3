"""The history dialog as an inspector sees it: who changed what when, outside changes in red."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.models.amendments import amend_visit, lock_visits
from qcdesk.models.inspections import save_inspector, save_visit
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui.history_dialog import OUTSIDE_COLOUR, HistoryDialog
from tests.test_audit import make_visit


def test_history_shows_changes_amendments_and_status(qtbot, store: Store) -> None:
    year_before = dt.datetime.now().astimezone().year  # the change's local time: this year
    bundle = make_visit(store)
    store.author = save_inspector(store, Inspector(name="张敏", jurisdiction_code="421281")).uuid
    bundle.visit.summary = "成品仓库抽样"
    save_visit(store, bundle)
    lock_visits(store, [bundle.visit.id], "pkg-1")
    amend_visit(store, bundle.visit.id, {"conclusion": "合格"}, "漏填结论")
    dialog = HistoryDialog(store, "visit", bundle.visit.uuid)
    qtbot.addWidget(dialog)
    rows = [dialog.row_texts(r) for r in range(dialog.table.rowCount())]
    summary = next(r for r in rows if r[5] == "原料仓库检查")
    years = {str(year_before), str(dt.datetime.now().astimezone().year)}
    assert summary[1] == "张敏" and summary[6] == "成品仓库抽样" and summary[0][:4] in years
    conclusion = next(r for r in rows if r[6] == "合格")
    assert "漏填结论" in conclusion[7]
    sample = next(r for r in rows if r[3].startswith("Sample"))
    assert "青砖茶" in sample[3] and sample[2] == "Created"
    assert not dialog.table.isColumnHidden(3)
    assert "matches" in dialog.status_label.text()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="sqlite3 shell not installed")
def test_outside_change_is_marked(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    store.close()
    subprocess.run(["sqlite3", str(db), f"UPDATE visit SET conclusion = '合格' WHERE id = {bundle.visit.id}"],
                   check=True)
    store = Store.open(db)
    dialog = HistoryDialog(store, "visit", bundle.visit.uuid)
    qtbot.addWidget(dialog)
    last = dialog.table.rowCount() - 1
    texts = dialog.row_texts(last)
    assert "Outside QCDesk" in texts[1] and texts[6] == "合格" and "Not accepted" in texts[7]
    assert dialog.table.item(last, 0).background().color() == OUTSIDE_COLOUR
    assert bundle.visit.uuid in dialog.status_label.text()
    store.close()


def test_history_of_an_imported_record_names_the_package(qtbot, store: Store) -> None:
    from qcdesk.models.audit_bulk import adopted_inserts

    with store.db.atomic(), adopted_inserts(store, ["visit", "sample"], "导入数据包 import: 签名密钥 ABCD"):
        bundle = make_visit(store)
    dialog = HistoryDialog(store, "visit", bundle.visit.uuid)
    qtbot.addWidget(dialog)
    rows = [dialog.row_texts(r) for r in range(dialog.table.rowCount())]
    imported = [r for r in rows if r[2] == "Imported"]
    assert [r[3] for r in imported][:1] == [""]  # the visit itself, then its sample
    assert any(r[3].startswith("Sample") for r in imported)
    assert all(r[7] == "导入数据包 import: 签名密钥 ABCD" for r in imported)
    assert not any(r[2] == "Created" and not r[3].startswith("Finding") for r in rows)
    assert not any("Amendment" in r[7] for r in rows)  # the package note is not an amendment reason
    assert "matches" in dialog.status_label.text()  # adopted rows are sealed: nothing to report
    shown = {r[4]: r[6] for r in imported if not r[3]}  # the values the visit came with
    assert shown["Kind"] == "Supervision spot check" and shown["Status"] == "Completed"  # labels, not codes
    assert shown["Inspectors"] == "王磊、李娜"  # names, not uuids


def test_history_in_chinese_names_every_field_and_place(qtbot, store: Store) -> None:
    from PySide6.QtWidgets import QApplication

    bundle = make_visit(store)
    app = QApplication.instance()
    old = app.property("lang")
    app.setProperty("lang", "zh")
    try:
        dialog = HistoryDialog(store, "visit", bundle.visit.uuid)
        qtbot.addWidget(dialog)
        rows = [dialog.row_texts(r) for r in range(dialog.table.rowCount())]
    finally:
        app.setProperty("lang", old)
    place = next(r for r in rows if r[3].startswith("Sample") and r[6] == "成品仓库")
    assert place[4] == "抽样地点"  # the exchange sheet's header where the dialog has no name of its own
    assert not any(r[4] == "sampling_place" or r[6] == "warehouse" for r in rows)
