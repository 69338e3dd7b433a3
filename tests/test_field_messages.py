"""A message under a narrow form field reads in full: the seal-state warning spans the form's field
column (not the small combo box's width) and gets the height its wrapped lines need, in Chinese
and in English, at any window width; the combo box keeps its own size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store
from qcdesk.ui.visit_editor import VisitEditor


@pytest.fixture(params=["en", "zh_CN"])
def lang(request: pytest.FixtureRequest, qapp: QApplication, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    from qcdesk.ui.app import Translators

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    translators, before = Translators(qapp), qapp.property("lang")
    translators.apply(request.param)
    yield request.param
    translators.apply("en")
    qapp.setProperty("lang", before)


@pytest.fixture
def enterprise(store: Store) -> Enterprise:
    for name, cert in (("王磊", "42120001"), ("李娜", "42120002")):
        save_inspector(store, Inspector(name=name, cert_no=cert, jurisdiction_code="421281"))
    return save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"))


def assert_reads_whole(qtbot: QtBot, label, column_field) -> None:  # noqa: ANN001 - QLabel, QLineEdit
    def fits() -> bool:
        return (label.isVisible() and label.width() >= column_field.width() - 4
                and label.heightForWidth(label.width()) <= label.height())

    qtbot.waitUntil(fits, timeout=2000)


def saved_visit(qtbot: QtBot, store: Store, paths, settings, enterprise: Enterprise) -> int:  # noqa: ANN001
    """A visit with one sample, samplers and seal state given, as the inspector saved it."""
    editor = VisitEditor(store, paths, settings=settings, enterprise_id=enterprise.id)
    qtbot.addWidget(editor)
    editor.show()
    for i in range(editor.inspector_list.count()):
        editor.inspector_list.item(i).setCheckState(Qt.CheckState.Checked)
    tab = editor.samples_tab
    tab.add()
    tab.product_edit.setText("青砖茶")
    tab.samplers_edit.setText("王磊、李娜")
    tab.seal_combo.setCurrentIndex(1)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert store.db.execute("SELECT count(*) FROM sample").fetchone()[0] == 1
    return editor.bundle.visit.id


@pytest.mark.parametrize("width", [1100, 1400, 760])
def test_seal_state_warning_reads_whole(qtbot: QtBot, store: Store, paths, settings,  # noqa: ANN001
                                        enterprise: Enterprise, lang: str, width: int) -> None:
    visit_id = saved_visit(qtbot, store, paths, settings, enterprise)
    editor = VisitEditor(store, paths, settings=settings, visit_id=visit_id)
    qtbot.addWidget(editor)
    editor.resize(width, 800)
    editor.show()
    qtbot.waitExposed(editor)
    tab = editor.samples_tab
    editor.tabs.setCurrentWidget(tab)
    qtbot.wait(100)  # the tab laid out before the messages appear, as when an inspector clicks it
    tab.samplers_edit.setText("")  # both left blank: two yellow warnings, one under the other
    tab.samplers_edit.editingFinished.emit()
    tab.seal_combo.setEditText("")
    label = tab.errors._fields["seal_state"][1]
    assert tab.errors.message("seal_state").startswith(("封样状态未填写", "Seal state not given"))
    lot = tab.findChild(QLineEdit, "lotSizeEdit")  # fills the field column of the same form
    assert_reads_whole(qtbot, label, lot)
    assert_reads_whole(qtbot, tab.errors._fields["samplers"][1], lot)
    assert tab.seal_combo.width() < lot.width()  # the combo box keeps its own size, at the left
    assert tab.seal_combo.mapTo(tab, QPoint()).x() == lot.mapTo(tab, QPoint()).x()
    editor.resize(width + 300 if width < 1000 else width - 400, 800)  # lines wrap again
    assert_reads_whole(qtbot, label, lot)


def test_combo_boxes_still_fill_a_form_that_grows_them(qtbot: QtBot, store: Store, paths,  # noqa: ANN001
                                                       settings, lang: str) -> None:
    """The enterprise editor's form grows every non-fixed field: its combo boxes stay as wide
    as its line edits."""
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    editor.resize(900, 700)
    editor.show()
    qtbot.waitExposed(editor)
    combo = editor.industry_combo
    qtbot.waitUntil(lambda: abs(combo.width() - editor.name_edit.width()) <= 2, timeout=2000)
