"""The six-month rule in the visit editor: a second 监督抽查 of the same product of the same
enterprise by the same bureau is saved, and the editor says at the sample (and above the tabs)
when the product was checked before; a re-check visit says nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.forms import set_combo_data
from qcdesk.ui.visit_editor import VisitEditor

SEALED = "已封样（检验样品、备用样品）"
MESSAGE = "该企业的同一产品已于2025年5月14日监督抽查（6个月内），除跟踪抽查外不应重复抽查"


@pytest.fixture
def checked_before(store: Store) -> int:
    """An enterprise whose 青砖茶 the county's inspectors sampled on 2025-05-14; its id."""
    e = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                          jurisdiction_code="421281"), [])
    team = [save_inspector(store, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    save_visit(store, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2025-05-14", kind="spot_check", inspectors=team, status="done"),
        samples=[Sample(product_name="青砖茶", samplers=["王磊", "李娜"], seal_state=SEALED,
                        sampled_on="2025-05-14")]))
    return e.id


def _new_visit(qtbot: QtBot, store: Store, tmp_path, enterprise_id: int, kind: str) -> VisitEditor:  # noqa: ANN001
    editor = VisitEditor(store, AppPaths(tmp_path / "data", tmp_path / "config"), enterprise_id=enterprise_id,
                         settings=None)
    qtbot.addWidget(editor)
    editor.show()
    editor.date_edit.setDate(QDate(2025, 5, 14))
    set_combo_data(editor.kind_combo, kind)
    set_combo_data(editor.status_combo, "done")
    for i in range(editor.inspector_list.count()):
        editor.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    return editor


def test_second_spot_check_of_the_product_is_saved_and_warned_at_the_sample(
        qtbot: QtBot, chinese: None, store: Store, checked_before: int, tmp_path) -> None:  # noqa: ANN001
    editor = _new_visit(qtbot, store, tmp_path, checked_before, "spot_check")
    tab = editor.samples_tab
    tab.add()
    tab.product_edit.setText("青砖茶 ")
    tab.samplers_edit.setText("王磊、李娜")
    tab.seal_combo.setCurrentIndex(tab.seal_combo.findData(SEALED))
    tab.product_edit.editingFinished.emit()  # as leaving the field does
    assert tab.errors.message("product_name") == MESSAGE  # told while typing, before saving

    assert editor._save_clicked()  # a warning, not a refusal
    saved = load_visit(store, editor.bundle.visit.id)
    assert saved is not None and [s.product_name for s in saved.samples] == ["青砖茶"]
    # after saving, the saved sample still says so, and so does the note above the tabs
    assert editor.tabs.isTabEnabled(1)
    assert tab.errors.message("product_name") == MESSAGE
    assert tab.product_edit.property("fieldState") == "warning"
    note = editor.findChild(type(editor.banner), "repeatCheckNote")
    assert note is not None and note.isVisible()
    assert note.text() == f"抽样：青砖茶 — {MESSAGE}"


def test_reopened_visit_shows_it_and_a_recheck_does_not(
        qtbot: QtBot, chinese: None, store: Store, checked_before: int, tmp_path) -> None:  # noqa: ANN001
    team = [i for (i,) in store.db.execute("SELECT uuid FROM inspector ORDER BY id")]
    second = save_visit(store, VisitBundle(
        Visit(enterprise_id=checked_before, visit_date="2025-05-14", kind="spot_check", inspectors=team,
              status="done"),
        samples=[Sample(product_name="米砖茶", samplers=["王磊", "李娜"], seal_state=SEALED),
                 Sample(product_name="青砖茶", samplers=["王磊", "李娜"], seal_state=SEALED)]))
    editor = VisitEditor(store, AppPaths(tmp_path / "data", tmp_path / "config"), visit_id=second.visit.id,
                         settings=None)
    qtbot.addWidget(editor)
    editor.show()
    note = editor.findChild(type(editor.banner), "repeatCheckNote")
    assert note.isVisible() and note.text() == f"抽样：青砖茶 — {MESSAGE}"
    tab = editor.samples_tab
    tab.list.setCurrentRow(0)
    assert tab.errors.message("product_name") == ""  # 米砖茶 was not checked before
    tab.list.setCurrentRow(1)
    assert tab.errors.message("product_name") == MESSAGE
    assert not editor.is_dirty()  # looking does not change the visit

    # a special inspection (专项检查) is not a supervision spot check: nothing to say
    set_combo_data(editor.kind_combo, "special")
    assert not note.isVisible() and tab.errors.message("product_name") == ""
    set_combo_data(editor.kind_combo, "spot_check")
    assert note.isVisible()
