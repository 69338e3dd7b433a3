"""The core's warnings reach the user before an amendment is confirmed: a re-test requested
16 days after the result was notified (the 15-day right had lapsed) is listed in the reason
dialog, and the amendment still saves."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.amendments import amendments_for
from qcdesk.models.inspections import VisitBundle, load_visit
from qcdesk.models.store import Store
from qcdesk.ui.forms import OptionalDateEdit
from tests.test_retest_ui import _fail_and_lock
from tests.test_visit_amend_ui import _answer_reason, _editor, _ok
from tests.test_visit_amend_ui import sent_visit as sent_visit  # noqa: F401 - fixture


def test_a_lapsed_retest_request_is_shown_before_the_amendment_is_confirmed(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _fail_and_lock(store, sent_visit)  # notified 2026-10-12: the right runs to 2026-10-27
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    tab = editor.samples_tab
    tab.findChild(OptionalDateEdit, "retestRequestedEdit").setValue("2026-10-28")
    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pending"))
    shown: list[str] = []

    def confirm(dialog) -> None:  # noqa: ANN001
        label = dialog.findChild(QLabel, "amendWarnings")
        shown.append(label.text() if label is not None and label.isVisible() else "")
        dialog.reason_edit.setPlainText("企业申请复检")
        _ok(dialog)

    seen = _answer_reason(qtbot, confirm)
    assert editor._save_clicked() and seen
    assert "2026-10-27" in shown[0] and "15" in shown[0], shown  # said while it could be cancelled
    product = sent_visit.samples[0].product_name
    assert product in shown[0], shown
    stored = load_visit(store, sent_visit.visit.id).samples[0]
    assert (stored.retest_requested_on, stored.retest_result) == ("2026-10-28", "pending")
    assert amendments_for(store, sent_visit.visit.uuid)[-1].reason == "企业申请复检"


def test_no_warning_box_without_a_warning(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _fail_and_lock(store, sent_visit)
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.findChild(type(editor.save_button), "amendButton").click()
    editor.samples_tab.findChild(OptionalDateEdit, "retestRequestedEdit").setValue("2026-10-20")
    editor.samples_tab.retest_combo.setCurrentIndex(editor.samples_tab.retest_combo.findData("pending"))
    visible: list[bool] = []

    def confirm(dialog) -> None:  # noqa: ANN001
        visible.append(dialog.findChild(QLabel, "amendWarnings").isVisible())
        dialog.reason_edit.setPlainText("企业申请复检")
        _ok(dialog)

    seen = _answer_reason(qtbot, confirm)
    assert editor._save_clicked() and seen and visible == [False]
