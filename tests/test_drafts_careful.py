"""Drafts behave as a careful user expects (review E2).

1. Opening a record that is open already (the same stale draft picked twice from the status
   bar, a visit double-clicked again) brought up a second editor of it: now the open one comes
   to the front.
2. An export that locks visits with an unsaved draft said so only after locking them (the typing
   could then only go in as a 更正): now it asks first, 先打开草稿 / 仍然导出 / 取消, and the
   default exports nothing.
3. The drafts menu named each draft in the language of the moment of typing, and its tooltip
   stayed in the old language after a switch: both follow the language shown now.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from qcdesk.models.drafts import local_time
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.visit_editor import VisitEditor
from tests import test_drafts
from tests.test_drafts import drafts, typed_and_kept
from tests.test_drafts_blocked import _sent, _stale, _window

short_delay, offers, enterprise = test_drafts.short_delay, test_drafts.offers, test_drafts.enterprise
visit = test_drafts.visit


def _editors(visit_id: int) -> list[VisitEditor]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, VisitEditor) and w.isVisible() and w.bundle.visit.id == visit_id]


def _entry(button):  # noqa: ANN001, ANN202 - the drafts button, its one enabled entry
    button.menu().aboutToShow.emit()
    [entry] = [a for a in button.menu().actions() if a.isEnabled()]
    return entry


# -- 1. one window per record ------------------------------------------------------------------
def test_the_same_stale_draft_picked_twice_shows_one_editor_and_the_draft_again(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit, offers: list[bool],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.draft_notice import DraftsButton

    typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    _sent(store, visit.id)
    window = _window(qtbot, store, paths, settings, monkeypatch)
    button = window.findChild(DraftsButton)
    _entry(button).trigger()
    _stale(qtbot).reject()  # 暂时保留: the sent visit's editor stays open
    [editor] = _editors(visit.id)

    _entry(button).trigger()  # picked again
    assert _editors(visit.id) == [editor]  # no second editor of the same visit
    shown = _stale(qtbot)  # the draft is shown again, over the editor that is open
    assert shown.parent() is editor


def test_opening_an_open_visit_or_enterprise_again_brings_its_window_to_the_front(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit,
        enterprise: Enterprise, monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window(qtbot, store, paths, settings, monkeypatch)
    first = window.open_record(VISITS, visit.id)
    assert isinstance(first, VisitEditor) and first.isVisible()
    assert window.open_record(VISITS, visit.id) is first  # double-clicked again
    assert _editors(visit.id) == [first]
    first.done(0)

    page = window.open_record(ENTERPRISES, enterprise.id)
    assert page is not None and page.isVisible()
    page.showMinimized()
    assert window.open_record(ENTERPRISES, enterprise.id) is page
    assert not page.isMinimized()
    pages = [w for w in QApplication.topLevelWidgets()
             if type(w) is type(page) and w.isVisible() and w.enterprise_id == enterprise.id]
    assert pages == [page]
    # opened from the enterprise page, a visit is not opened again from the list
    on_page = page.open_visit(visit.id)
    assert window.open_record(VISITS, visit.id) is on_page and _editors(visit.id) == [on_page]


# -- 2. the export asks before it locks a visit with a draft --------------------------------------
def _answer(button: str, seen: list[tuple[str, str, str]]) -> None:
    """Click `button` (an object name, or "cancel") in the drafts question once it shows; its
    text, informative text and default button are kept in `seen`."""
    tries = iter(range(500))  # 10 s: a question that never shows is not waited for after the test

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "exportDraftsBox":
            if next(tries, None) is not None:
                QTimer.singleShot(20, click)
            return
        seen.append((box.text(), box.informativeText(), box.defaultButton().objectName()))
        target = box.button(QMessageBox.StandardButton.Cancel) if button == "cancel" else \
            box.findChild(QPushButton, button)
        target.click()
    QTimer.singleShot(0, click)


def _export_dialog(qtbot: QtBot, store: Store, paths: AppPaths, parent: object = None):  # noqa: ANN202
    from test_exchange_dialogs import _key_file

    from qcdesk.ui.exchange_dialogs import ExportDialog

    assert store.path is not None
    key_path, _key = _key_file(store.path.parent)
    out = store.path.parent / "out"
    out.mkdir(exist_ok=True)
    dialog = ExportDialog(store.path, parent, photos_dir=paths.photos_dir)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.key_edit.setText(str(key_path))
    dialog.out_edit.setText(str(out))
    dialog.name_edit.setText("张三")
    dialog.jurisdiction_combo.setCurrentIndex(dialog.jurisdiction_combo.findData("421221"))
    return dialog


def _done(store: Store, visit: Visit) -> None:
    """A finished visit: the export would lock it."""
    store.db.execute("UPDATE visit SET status = 'done' WHERE id = ?", [visit.id])


def _locked(store: Store, visit: Visit) -> str | None:
    return store.db.execute("SELECT locked_package FROM visit WHERE id = ?", [visit.id]).fetchone()[0]


def test_an_export_that_would_lock_a_visit_with_a_draft_asks_first(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit, offers: list[bool],
        chinese: None) -> None:
    key = typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    _done(store, visit)
    dialog = _export_dialog(qtbot, store, paths)
    seen: list[tuple[str, str, str]] = []
    _answer("cancel", seen)
    assert dialog.start_export() is None  # 取消: nothing written, nothing locked
    assert len(seen) == 1
    text, more, default = seen[0]
    assert f"赤壁市羊楼洞茶业有限公司 — {visit.visit_date}" in text
    assert "锁定" in text and "更正" in more and "不在数据包" in more
    assert default == "openDraftsFirst"  # Enter does not export
    assert _locked(store, visit) is None and not list((store.path.parent / "out").glob("*.zip"))
    assert "未导出" in dialog.status.text()
    assert drafts(store, paths).load(key) is not None

    _answer("exportAnyway", seen)  # 仍然导出: as before, said again after it
    job = dialog.start_export()
    assert job is not None and len(seen) == 2
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert _locked(store, visit) == dialog.result_path.name
    assert "更正" in dialog.status.text()


def test_open_the_drafts_first_closes_the_export_and_offers_the_draft_back(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit, offers: list[bool],
        monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    _done(store, visit)
    window = _window(qtbot, store, paths, settings, monkeypatch)
    dialog = _export_dialog(qtbot, store, paths, window)
    dialog.show()
    seen: list[tuple[str, str, str]] = []
    _answer("openDraftsFirst", seen)
    assert dialog.start_export() is None and len(seen) == 1
    assert not dialog.isVisible() and _locked(store, visit) is None
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)  # 恢复 / 丢弃 in the visit's editor
    [editor] = _editors(visit.id)
    assert editor.summary_edit.toPlainText() == test_drafts.SUMMARY


def test_no_question_without_a_draft(qtbot: QtBot, store: Store, paths: AppPaths, visit: Visit,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui import export_questions

    _done(store, visit)
    asked: list[object] = []
    monkeypatch.setattr(export_questions, "drafts_question", lambda *a: asked.append(a))
    dialog = _export_dialog(qtbot, store, paths)
    job = dialog.start_export()
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert asked == [] and _locked(store, visit) == dialog.result_path.name


# -- 3. the drafts menu in the language shown now -------------------------------------------------
def test_the_drafts_menu_and_its_tooltip_follow_a_language_switch(
        qtbot: QtBot, qapp: QApplication, store: Store, paths: AppPaths, settings: object, visit: Visit,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.app import Translators
    from qcdesk.ui.draft_notice import DraftsButton

    before = qapp.property("lang")
    translators = Translators(qapp)
    translators.apply("zh_CN")
    try:
        typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)  # typed in Chinese
        window = _window(qtbot, store, paths, settings, monkeypatch)
        button = window.findChild(DraftsButton)
        saved_at = local_time(drafts(store, paths).drafts()[0].saved_at)
        assert _entry(button).text() == f"检查记录 — 赤壁市羊楼洞茶业有限公司 — {saved_at}"
        assert "未保存" in button.toolTip()

        translators.apply("en")
        QApplication.processEvents()
        assert _entry(button).text() == f"Visit record — 赤壁市羊楼洞茶业有限公司 — {saved_at}"
        assert button.toolTip().startswith("Typing not saved")
        assert button.text() == "Unsaved drafts: 1"
    finally:
        translators.apply("en")
        qapp.setProperty("lang", before)


def test_a_draft_of_a_record_no_longer_found_keeps_its_own_title(tmp_path: Path) -> None:
    from qcdesk.models.drafts import DraftKey, DraftStore
    from qcdesk.ui.draft_notice import draft_title

    other = Store.open(tmp_path / "x.db", author="t")
    try:
        store_drafts = DraftStore(tmp_path / "data", tmp_path / "x.db")
        store_drafts.save(DraftKey("visit", "0b1c2d3e-0000-4000-8000-000000000009"), "检查记录 — 某公司", {})
        [draft] = store_drafts.drafts()
        assert draft_title(other, draft).startswith("检查记录 — 某公司 — ")
    finally:
        other.close()
