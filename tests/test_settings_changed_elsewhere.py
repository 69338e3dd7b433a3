"""OK in Preferences writes only what the user changed there: `qcdesk settings --org-name` run
meanwhile set the organising body and both 文号 prefixes, and OK (the user had only switched the
language) put back the empty values the dialog had loaded; notices printed without them. A field
both changed is asked about (save mine / keep theirs / cancel)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from qcdesk.cli import main
from qcdesk.models.store import Store
from qcdesk.ui.settings_page import SettingsDialog

ORG = "咸宁市咸安区市场监督管理局"
KEYS = ("doc.org_name", "doc.notice_prefix", "doc.recheck_prefix", "doc.seal_text")


def _stored(path: Path) -> dict[str, str]:
    other = Store.open(path, author="reader")
    try:
        return {k: other.setting(k, "") for k in KEYS}
    finally:
        other.close()


def _dialog(qtbot, store: Store, settings) -> SettingsDialog:  # noqa: ANN001
    dialog = SettingsDialog(store, settings, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page.font_box.ready, timeout=30000)  # the font list is in
    return dialog


def _ok(dialog: SettingsDialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def _answer(button: QMessageBox.StandardButton, asked: list[str]) -> Callable[[], None]:
    """Click `button` of the clash question once it is up (for up to 5 s); record its text."""
    tries = [250]

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "settingsClashBox":
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        box.button(button).click()
    return click


def test_ok_after_switching_language_keeps_what_the_cli_set(qtbot, store: Store, settings) -> None:
    dialog = _dialog(qtbot, store, settings)
    assert main(["settings", "--db", str(store.path), "--org-name", ORG]) == 0
    from_cli = _stored(store.path)
    assert from_cli["doc.org_name"] == ORG and from_cli["doc.notice_prefix"]  # the CLI set them
    dialog.page.language.setCurrentIndex(dialog.page.language.findData("zh_CN"))  # the only change
    _ok(dialog)
    assert not dialog.isVisible()
    assert _stored(store.path) == from_cli
    assert settings.value("ui/language") == "zh_CN"


def test_a_field_the_user_changed_is_written_and_the_rest_kept(qtbot, store: Store, settings) -> None:
    dialog = _dialog(qtbot, store, settings)
    assert main(["settings", "--db", str(store.path), "--org-name", ORG]) == 0
    dialog.page.edits["doc.seal_text"].setText("咸安区市场监督管理局（印）")
    _ok(dialog)
    stored = _stored(store.path)
    assert stored["doc.seal_text"] == "咸安区市场监督管理局（印）"
    assert stored["doc.org_name"] == ORG and stored["doc.notice_prefix"]


def test_a_field_both_changed_is_asked_about(qtbot, store: Store, settings) -> None:
    dialog = _dialog(qtbot, store, settings)
    assert main(["settings", "--db", str(store.path), "--org-name", ORG]) == 0
    dialog.page.edits["doc.org_name"].setText("咸宁市市场监督管理局")
    asked: list[str] = []
    QTimer.singleShot(0, _answer(QMessageBox.StandardButton.Cancel, asked))
    _ok(dialog)
    assert asked and ORG in asked[0] and "咸宁市市场监督管理局" in asked[0]
    assert dialog.isVisible() and dialog.page.edits["doc.org_name"].text() == "咸宁市市场监督管理局"
    assert _stored(store.path)["doc.org_name"] == ORG  # cancel: nothing written
    QTimer.singleShot(0, _answer(QMessageBox.StandardButton.No, asked))  # keep theirs
    _ok(dialog)
    assert not dialog.isVisible() and _stored(store.path)["doc.org_name"] == ORG
    dialog = _dialog(qtbot, store, settings)
    assert main(["settings", "--db", str(store.path), "--org-name", "咸宁市嘉鱼县市场监督管理局"]) == 0
    dialog.page.edits["doc.org_name"].setText("咸宁市市场监督管理局")
    QTimer.singleShot(0, _answer(QMessageBox.StandardButton.Yes, asked))  # save mine
    _ok(dialog)
    assert not dialog.isVisible() and _stored(store.path)["doc.org_name"] == "咸宁市市场监督管理局"
