"""The draw dialog as a county planner uses it: a draw date (next quarter's checks are planned for
that day, as the CLI's --date) and the scope said in full (咸安区 takes in 咸宁高新区, as the CLI
says)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from qcdesk.models.draw import find_draw
from qcdesk.models.store import Store
from qcdesk.ui.draw_dialog import DrawDialog
from tests.test_draw_rule_4 import DAY, county  # noqa: F401 - the fixture


def _dialog(qtbot, store: Store, paths) -> DrawDialog:  # noqa: ANN001
    dialog = DrawDialog(store, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421202"))
    dialog.seed.setText("20270104-福彩3D")
    return dialog


def _type_date(qtbot, dialog: DrawDialog, text: str) -> None:  # noqa: ANN001
    dialog.draw_date.setFocus()
    dialog.draw_date.selectAll()
    qtbot.keyClicks(dialog.draw_date, text)
    qtbot.keyClick(dialog.draw_date, Qt.Key.Key_Return)


def test_next_quarters_checks_are_drawn_and_planned_for_the_date_typed(
        qtbot, chinese: None, county: Store, paths) -> None:  # noqa: ANN001, F811
    dialog = _dialog(qtbot, county, paths)
    assert dialog.draw_date.value() == "2026-11-30"  # today until the planner types another day
    _type_date(qtbot, dialog, "2027-01-04")
    assert dialog.preview()
    dialog.operator.setText("张科长")
    dialog.witnesses.setText("刘主任，陈纪检")
    uuid = dialog.commit()
    assert uuid is not None
    assert find_draw(county, uuid).as_of == "2027-01-04"
    planned = {r[0] for r in county.db.execute(
        "SELECT visit_date FROM visit WHERE status = 'planned' AND summary LIKE ?", [f"%{uuid}%"])}
    assert planned == {"2027-01-04"}


def test_a_changed_date_asks_for_a_new_preview(qtbot, county: Store, paths) -> None:  # noqa: ANN001, F811
    dialog = _dialog(qtbot, county, paths)
    assert dialog.preview() and dialog.commit_button.isEnabled()
    _type_date(qtbot, dialog, "2027-01-04")
    assert not dialog.commit_button.isEnabled() and dialog.result is None
    assert dialog.draw_day() == date(2027, 1, 4)


def test_the_summary_says_xianan_takes_in_the_high_tech_zone(
        qtbot, chinese: None, county: Store, paths) -> None:  # noqa: ANN001, F811
    dialog = _dialog(qtbot, county, paths)
    assert dialog.preview()
    assert "咸安区含咸宁高新区：其企业和执法人员都在抽取范围内" in dialog.summary.text()


def test_a_date_half_typed_over_draws_nothing(qtbot, county: Store, paths) -> None:  # noqa: ANN001, F811
    dialog = _dialog(qtbot, county, paths)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.draw_date.setFocus()
    dialog.draw_date.selectAll()
    qtbot.keyClicks(dialog.draw_date, "2027-1")  # the planner meant 2027-01-04, did not finish
    assert not dialog.preview()  # not a draw for 2026-11-30 the planner did not mean
    assert dialog.result is None and not dialog.commit_button.isEnabled()
    assert dialog.draw_date.text() == "2027-1" and "2027-1" in dialog.draw_date.notice()
