"""Words a new inspector met on the first day (review): the licence tab's format hint wrote
"XKdd-ddd-ddddd" with d for a digit, and the order dialog's 后续处置（第十七条） did not say of
which law, right under a line citing 总局令第18号."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from qcdesk.models.rectifications import order_rectification
from qcdesk.ui.rectification_dialog import RectificationDialog
from tests.test_ui_editors import new_editor, saved_spot_check


def test_the_licence_hint_shows_a_real_number(qtbot, chinese: None, store, paths, settings) -> None:  # noqa: ANN001
    editor = new_editor(qtbot, store, paths, settings)
    hints = [label.text() for label in editor.findChildren(QLabel) if "XK06-001-00127" in label.text()]
    assert hints and "dd" not in hints[0] and hints[0].startswith("工业产品生产许可证：XK＋两位数字")


def test_the_escalation_row_names_the_law(qtbot, chinese: None, store, paths, settings) -> None:  # noqa: ANN001
    bundle = saved_spot_check(store)
    rect = order_rectification(store, visit=bundle.visit, requirement="整改", ordered_on="2026-03-05",
                               rule_set="samr18", sample=bundle.samples[0])
    dialog = RectificationDialog(store, paths, rect.id, settings=settings)
    qtbot.addWidget(dialog)
    form = next(f for f in dialog.findChildren(QFormLayout) if f.labelForField(dialog.escalation_label))
    assert form.labelForField(dialog.escalation_label).text() == "后续处置（产品质量法第十七条）："
