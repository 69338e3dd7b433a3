"""The inspector roster never turns one person into another unasked (review, first day): after
李娜 was saved the form still held her, and typing the next inspector, 王强, over it and saving
renamed her, with every visit she signed. Now an addition leaves a blank form for the next one,
and a new name typed over someone on the roster asks: rename, add as another inspector, or
cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from qcdesk.models.inspections import roster
from qcdesk.models.store import Store
from qcdesk.ui.inspector_chooser import RosterDialog

asked: list[str] = []


def _answer(starts: str) -> None:
    """Click the question's button whose text starts with `starts` once it is shown."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "").startswith(starts))
        button.click()
    QTimer.singleShot(0, click)


def _fill(dialog: RosterDialog, name: str, cert: str) -> None:
    dialog.form.name_edit.setText(name)
    dialog.form.cert_edit.setText(cert)
    dialog.form.jurisdiction_combo.setCurrentIndex(dialog.form.jurisdiction_combo.findData("421222"))


def _names(store: Store) -> list[str]:
    return sorted(p.name for p in roster(store, active_only=False))


def test_two_inspectors_typed_one_after_the_other_are_two(qtbot, chinese: None, store: Store) -> None:  # noqa: ANN001
    dialog = RosterDialog(store)
    qtbot.addWidget(dialog)
    _fill(dialog, "李娜", "42120002")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.form.name_edit.text() == "" and dialog.form.cert_edit.text() == ""  # ready for the next
    _fill(dialog, "王强", "42120003")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _names(store) == sorted(["李娜", "王强"])


def test_a_new_name_over_someone_on_the_roster_asks(qtbot, chinese: None, store: Store) -> None:  # noqa: ANN001
    dialog = RosterDialog(store)
    qtbot.addWidget(dialog)
    _fill(dialog, "李娜", "42120002")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "李娜")
    lina = roster(store, active_only=False)[0]

    dialog.table.selectRow(row)
    _fill(dialog, "王强", "42120003")
    _answer("取消")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "把执法人员“李娜”改名为“王强”" in asked[-1], asked
    assert _names(store) == ["李娜"]  # cancelled: nothing written

    _answer("将“王强”新增为另一名执法人员")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert _names(store) == sorted(["李娜", "王强"])
    again = next(p for p in roster(store, active_only=False) if p.uuid == lina.uuid)
    assert (again.name, again.cert_no, again.revision) == ("李娜", "42120002", lina.revision)

    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "李娜")
    dialog.table.selectRow(row)
    dialog.form.name_edit.setText("李 娜娜")  # a typo put right: her own record, renamed
    _answer("将“李娜”改名")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    renamed = next(p for p in roster(store, active_only=False) if p.uuid == lina.uuid)
    assert renamed.name in ("李 娜娜", "李娜娜") and _names(store).count("王强") == 1
    assert len(_names(store)) == 2
