"""The 复检 warnings at their fields in the normal visit editor (not only in the 更正 dialog): a
re-test requested after the 15 days following the notification, and a concluded re-test
without its date, are shown in yellow under the field as the user enters them and whenever
the sample is shown again; they never stop the save."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.store import Store
from qcdesk.ui.forms import WARNING_BACKGROUND, OptionalDateEdit
from qcdesk.ui.visit_tabs import SamplesTab
from tests.test_visit_amend_ui import _editor
from tests.test_visit_amend_ui import sent_visit as sent_visit  # noqa: F401 - fixture


def _failed_open_visit(store: Store, bundle: VisitBundle) -> None:
    """The lab's failing result saved and notified 2026-10-12 (the right runs to 2026-10-27);
    the visit not sent, so the normal editor (not 更正) edits it."""
    store.db.execute("UPDATE visit SET locked_package = NULL WHERE id = ?", [bundle.visit.id])
    fresh = load_visit(store, bundle.visit.id)
    sample = fresh.samples[0]
    sample.result, sample.failed_items, sample.result_notified_on = "fail", "水分", "2026-10-12"
    save_visit(store, fresh)


def _shown(tab: SamplesTab, field: str) -> tuple[str, str]:
    """(text under the field as the user sees it, the field's state) — '' when nothing shows."""
    widget = tab.errors.widget(field)
    label = widget.parentWidget().findChild(QLabel)
    text = label.text() if label is not None and label.isVisible() else ""
    return text, str(widget.property("fieldState") or "")


def test_lapsed_request_is_a_warning_at_the_field_and_saves(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _failed_open_visit(store, sent_visit)
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    assert editor.amend is None or not editor.amend.active
    editor.tabs.setCurrentWidget(editor.samples_tab)
    tab = editor.samples_tab
    assert tab.retest_box.isEnabled()
    assert _shown(tab, "retest_requested_on") == ("", "")

    tab.findChild(OptionalDateEdit, "retestRequestedEdit").setValue("2026-10-28")
    text, state = _shown(tab, "retest_requested_on")
    assert state == "warning", state
    assert "2026-10-27" in text and "15" in text, text  # says until when the right ran
    assert WARNING_BACKGROUND in tab.errors.widget("retest_requested_on").styleSheet()

    tab.retest_combo.setCurrentIndex(tab.retest_combo.findData("pass"))  # concluded, no date yet
    text, state = _shown(tab, "retest_on")
    assert state == "warning" and "复检日期" in text, (text, state)
    tab.findChild(OptionalDateEdit, "retestOnEdit").setValue("2026-11-03")
    assert _shown(tab, "retest_on") == ("", "")

    assert editor._save_clicked()  # a warning never stops the save
    stored = load_visit(store, sent_visit.visit.id).samples[0]
    assert (stored.retest_requested_on, stored.retest_result, stored.result) == ("2026-10-28", "pass", "pass")
    text, state = _shown(editor.samples_tab, "retest_requested_on")  # still said after the reload
    assert state == "warning" and "2026-10-27" in text, (text, state)


def test_request_in_time_shows_nothing_and_a_corrected_date_clears_the_warning(
        qtbot: QtBot, chinese: None, store: Store, sent_visit: VisitBundle, tmp_path) -> None:  # noqa: ANN001, F811
    _failed_open_visit(store, sent_visit)
    editor = _editor(qtbot, store, tmp_path, sent_visit.visit.id)
    editor.tabs.setCurrentWidget(editor.samples_tab)
    tab = editor.samples_tab
    requested = tab.findChild(OptionalDateEdit, "retestRequestedEdit")
    requested.setValue("2026-10-30")
    assert _shown(tab, "retest_requested_on")[1] == "warning"
    requested.setValue("2026-10-27")  # the 15th day: still in time
    assert _shown(tab, "retest_requested_on") == ("", "")
    notified = tab.errors.widget("result_notified_on")
    notified.setValue("2026-10-01")  # notified earlier: the same request now came too late
    text, state = _shown(tab, "retest_requested_on")
    assert state == "warning" and "2026-10-16" in text, (text, state)
