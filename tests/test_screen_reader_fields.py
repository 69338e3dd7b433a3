"""A screen-reader (NVDA) and keyboard user works the editors: every field reads its label, and
Tab meets no empty stop and the list buttons together (review "appearance" 9 and 10).

NVDA read 编辑，空白 for every editor field: the form label's buddy was the FieldBox around the
field, and Qt names a field only after a label under the same parent. What NVDA gets is what
`QAccessible.queryAccessibleInterface(w).text(Name)` answers; for a combo box on Linux Qt answers
its current text there (Windows reads the name set), so combos are checked by `accessibleName()`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QTabWidget, QWidget

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from tests.test_unchanged_save import firm_and_visit
from tests.withdrawn_orders import build_orders

pytestmark = pytest.mark.usefixtures("chinese", "chinese_core_no_boxes")


def name_of(widget: QWidget) -> str:
    """What a screen reader says the field is."""
    if isinstance(widget, QComboBox):
        return widget.accessibleName()
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def names(root: QWidget, wanted: dict[str, str]) -> dict[str, str]:
    found = {}
    for object_name in wanted:
        widget = root.findChild(QWidget, object_name)
        assert widget is not None, object_name
        found[object_name] = name_of(widget)
    return found


VISIT = {"enterpriseCombo": "受检企业", "visitDateEdit": "检查日期", "kindCombo": "检查类型",
         "inspectorList": "执法人员", "summaryEdit": "检查情况", "conclusionEdit": "检查结论",
         "productNameEdit": "产品名称", "taskNoEdit": "任务编号", "sampleLicenceEdit": "许可证编号",
         "samplersEdit": "抽样人员", "failedItemsEdit": "不合格项目", "retestOnEdit": "复检日期",
         "sealStateCombo": "封样状态", "descriptionEdit": "问题描述", "basisEdit": "依据"}


def test_visit_editor_fields_read_their_labels(qtbot, store: Store, paths: AppPaths,  # noqa: ANN001
                                               settings: QSettings) -> None:
    from qcdesk.ui.visit_editor import VisitEditor

    _firm, bundle = firm_and_visit(store)
    editor = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id)
    qtbot.addWidget(editor)
    assert names(editor, VISIT) == VISIT


def test_enterprise_order_and_rectification_fields_read_their_labels(
        qtbot, store: Store, paths: AppPaths, settings: QSettings, tmp_path: Path) -> None:  # noqa: ANN001
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.order_dialog import OrderRectificationDialog
    from qcdesk.ui.rectification_dialog import RectificationDialog

    firm, bundle = firm_and_visit(store)
    enterprise = EnterpriseEditor(store, paths, firm.id, settings=settings)
    qtbot.addWidget(enterprise)
    wanted = {"usccEdit": "统一社会信用代码", "nameEdit": "企业名称", "addressEdit": "地址",
              "productsEdit": "主要产品", "industryCombo": "所属行业"}
    assert names(enterprise, wanted) == wanted
    order = OrderRectificationDialog(store, bundle.visit, sample=bundle.samples[0])
    qtbot.addWidget(order)
    wanted = {"requirementEdit": "整改要求", "orderedOnEdit": "下达日期", "noticeNoEdit": "通知书文号"}
    assert names(order, wanted) == wanted
    other = Store.open(tmp_path / "orders.db", author="test-inspector")
    try:
        orders = build_orders(other)
        rect = RectificationDialog(other, paths, orders.late.id, settings=settings)
        qtbot.addWidget(rect)
        wanted = {"reportDateEdit": "报告提交日期", "noticeNumberEdit": "通知书文号"}
        assert names(rect, wanted) == wanted
        assert name_of(rect.findChild(QWidget, "withdrawDateEdit")) != ""
        assert name_of(rect.findChild(QWidget, "withdrawReasonEdit")) != ""
    finally:
        other.close()


def test_a_retranslated_label_renames_its_field(qtbot, store: Store, paths: AppPaths,  # noqa: ANN001
                                                settings: QSettings) -> None:
    from qcdesk.ui.field_message import FieldLabel
    from qcdesk.ui.visit_editor import VisitEditor

    editor = VisitEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    label = next(lab for lab in editor.findChildren(FieldLabel) if lab.named is editor.summary_edit)
    label.setText("Su&mmary:")
    assert name_of(editor.summary_edit) == "Summary"
    assert label.buddy() is not None  # Alt+M still reaches the field


def test_path_fields_and_counts_read_their_labels(qtbot, store: Store, paths: AppPaths,  # noqa: ANN001
                                                  tmp_path: Path) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog
    from qcdesk.ui.exchange_dialogs import ExportDialog, ImportDialog
    from qcdesk.ui.report_dialog import ReportDialog

    export = ExportDialog(tmp_path / "qcdesk.db")
    qtbot.addWidget(export)
    assert (name_of(export.key_edit), name_of(export.out_edit)) == ("私钥文件", "保存到文件夹")
    imported = ImportDialog(tmp_path / "qcdesk.db")
    qtbot.addWidget(imported)
    assert name_of(imported.package_edit) == "数据包"
    report = ReportDialog(store, paths)
    qtbot.addWidget(report)
    assert name_of(report.pdf_edit) == "PDF 文件"
    assert name_of(report.xlsx_edit) != ""
    backup = BackupDialog(store, tmp_path / "backups", close_store=lambda: None, reopen_store=lambda: None)
    qtbot.addWidget(backup)
    assert name_of(backup.findChild(QWidget, "keepCount")) == "保留最近"


def tab_walk(qtbot, editor: QWidget, tabs: QTabWidget) -> list[QWidget]:  # noqa: ANN001
    tabs.tabBar().setFocus()
    seen: list[QWidget] = []
    for _ in range(80):
        focused = QApplication.focusWidget()
        assert focused is not None, [w.objectName() for w in seen]
        seen.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is tabs.tabBar():
            break
    return seen


def test_tab_meets_no_empty_stop_and_the_list_buttons_together(qtbot, store: Store, paths: AppPaths,  # noqa: ANN001
                                                              settings: QSettings) -> None:
    from qcdesk.ui.visit_editor import VisitEditor

    _firm, bundle = firm_and_visit(store)
    editor = VisitEditor(store, paths, settings=settings, visit_id=bundle.visit.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    tabs = editor.findChild(QTabWidget, "visitTabs")
    buttons = {1: ["addSampleButton", "removeSampleButton", "orderRectificationButton",
                   "sampleDocumentButton"],
               2: ["addFindingButton", "removeFindingButton", "orderRectificationButton"]}
    for index in range(3):
        tabs.setCurrentIndex(index)
        order = tab_walk(qtbot, editor, tabs)
        assert not [w for w in order if isinstance(w, QScrollArea)], index  # a stop that shows nothing
        assert len(order) > 8, index
        names_in_order = [w.objectName() for w in order]
        if index in buttons:
            first = names_in_order.index(buttons[index][0])
            assert names_in_order[first:first + len(buttons[index])] == buttons[index]
