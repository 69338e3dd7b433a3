"""A form's label stands beside the top of its field. In the new-visit editor 检查结论 floated some
36 px above its box and 执法人员 above its list: a field of fixed height was centred in a row the
form had stretched, while its label kept to the row's top."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFormLayout
from test_ui_editors import open_visit

from qcdesk.ui.field_message import FieldBox


def test_each_label_is_level_with_its_fields_top(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    editor = open_visit(qtbot, store, paths, settings)
    editor.resize(980, 720)
    qtbot.wait(50)
    for field in (editor.conclusion_edit, editor.inspector_list, editor.summary_edit):
        label = next(f.labelForField(box) for f in editor.findChildren(QFormLayout)
                     for box in (field.parentWidget(), field.parentWidget().parentWidget())
                     if f.labelForField(box) is not None)
        gap = field.mapTo(editor, QPoint(0, 0)).y() - label.mapTo(editor, QPoint(0, 0)).y()
        assert abs(gap) <= 8, (label.text(), gap)


def test_a_fields_message_stays_right_under_it(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    editor = open_visit(qtbot, store, paths, settings)
    editor.resize(980, 720)
    for name, field in (("conclusion", editor.conclusion_edit), ("inspectors", editor.inspector_list)):
        box = field.parentWidget()
        while not isinstance(box, FieldBox):
            box = box.parentWidget()
        editor.errors.set(name, "请填写")
        qtbot.wait(50)
        message = box.layout().itemAt(1).widget()
        assert message.isVisible()
        shown = box.field  # the field, or the row of widgets it is part of
        below = message.mapTo(editor, QPoint(0, 0)).y() - (shown.mapTo(editor, QPoint(0, 0)).y()
                                                           + shown.height())
        assert 0 <= below <= 8, (name, below)
