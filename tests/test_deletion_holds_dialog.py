"""处理合并冲突 says why a package's deletion waits (review r4 A1, A2): the reason in words, what
to do, and taking a firm's deletion is refused in removal's words while a visit rests on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exchange_fixtures import export_to, merge
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import Enterprise, Sample, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit
from qcdesk.models.store import Store
from qcdesk.ui import conflict_dialog
from qcdesk.ui.conflict_dialog import ConflictDialog

A = "AAAAAAAAAAAAAAAA"
FIRM = "赤壁羊楼洞茶业"


def _row_of(dlg: ConflictDialog, kind: str) -> int:
    for r in range(dlg.model.rowCount()):
        if dlg.model.conflict(r)["kind"] == kind:
            return r
    raise AssertionError(kind)


def _reason_text(dlg: ConflictDialog, row: int) -> str:
    model = dlg.model
    headers = [model.headerData(c, conflict_dialog.Qt.Orientation.Horizontal) for c in
               range(model.columnCount())]
    return model.index(row, headers.index("冲突原因")).data()


def test_the_dialog_names_a_held_deletion_and_refuses_the_firm_s_while_in_use(
        qtbot: Any, chinese: None, tmp_path: Path, monkeypatch: Any) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    insp, county = Store.memory("I"), Store.memory("C")
    firm = save_enterprise(insp, Enterprise(uscc="91421281MA4KL5FE07", name=FIRM,
                                            jurisdiction_code="421281"))
    v = insert_record(insp, Visit(enterprise_id=firm.id, visit_date="2026-03-02", status="done"))
    insert_record(insp, Sample(visit_id=v.id, product_name="砖茶", result="pass"))
    export_to(insp, tmp_path / "1.xlsx", A)
    merge(county, tmp_path / "1.xlsx", A)
    cv = fetch_record(county, Visit, v.uuid)
    cv.summary = "县局补充"
    update_record(county, cv)
    delete_visit(insp, v.id)
    delete_enterprise(insp, firm.id)
    export_to(insp, tmp_path / "2.xlsx", A, full=False)
    merge(county, tmp_path / "2.xlsx", A)

    dlg = ConflictDialog(county)
    qtbot.addWidget(dlg)
    dlg.ask_again = False
    sample = _row_of(dlg, "sample")
    assert _reason_text(dlg, sample) == "随检查记录删除，检查记录仍保留"
    dlg.list.selectRow(sample)
    assert "请处理该检查记录的冲突" in dlg.group_note.text()
    firm_row = _row_of(dlg, "enterprise")
    assert _reason_text(dlg, firm_row) == "删除的记录本机仍在使用"
    dlg.list.selectRow(firm_row)
    assert "删除未生效" in dlg.group_note.text()
    dlg.resolve(True)  # 采用数据包的版本 = the deletion: refused, the visit rests on it
    assert any(f"企业“{FIRM}”还有 1 条检查记录、0 项整改，不能删除" in t for t in warned)
    assert county.db.execute("SELECT count(*) FROM enterprise WHERE deleted_at IS NULL").fetchone()[0] == 1
