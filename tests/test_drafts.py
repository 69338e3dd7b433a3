"""Typing survives a crash: an open editor with unsaved changes writes a draft a few seconds
after the last edit; the next opening of that record offers it back (review "crash" 10).

A crash is an editor dropped without its close or cancel path: the C++ object is deleted
while shown, so nothing of reject/done runs. The store is a real SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from qcdesk.models.drafts import DraftKey, DraftStore
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, load_visit, save_visit
from qcdesk.models.records import Enterprise, Finding, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import draft_keeper
from qcdesk.ui.order_dialog import OrderRectificationDialog
from qcdesk.ui.stale_save import StaleSaveDialog
from qcdesk.ui.visit_editor import VisitEditor
from tests.inspector_pair import inspector_pair

SUMMARY = "现场检查笔录：原料仓库未按规定分区存放，成品库有过期标签。" * 8
FINDING = "MARKER 原料进货查验记录缺失 2026-09 至 2026-11，" * 10
REQUIREMENT = "整改要求：建立原料进货查验记录制度，十五日内补齐记录并书面报告。"


@pytest.fixture(autouse=True)
def short_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts 300 ms after the last edit instead of 3 s, so the tests wait less."""
    monkeypatch.setattr(draft_keeper, "DELAY_MS", 300)


@pytest.fixture
def offers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """恢复 answered to every offer; each offer's `moved` recorded."""
    seen: list[bool] = []

    def restore(_parent: object, _draft: object, moved: bool) -> bool:
        seen.append(moved)
        return True
    monkeypatch.setattr(draft_keeper, "ask_restore", restore)
    return seen


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[DraftKey]:
    """Every draft written, by key."""
    written: list[DraftKey] = []
    real = DraftStore.save

    def counting(self: DraftStore, key: DraftKey, title: str, values: dict) -> None:
        written.append(key)
        real(self, key, title, values)
    monkeypatch.setattr(DraftStore, "save", counting)
    return written


@pytest.fixture
def enterprise(store: Store) -> Enterprise:
    return save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281"))


@pytest.fixture
def visit(store: Store, enterprise: Enterprise) -> Visit:
    visit = Visit(enterprise_id=enterprise.id, visit_date=date.today().isoformat(), kind="assistance",
                  summary="初稿")
    bundle = save_visit(store, VisitBundle(visit))
    return bundle.visit


def drafts(store: Store, paths: AppPaths) -> DraftStore:
    assert store.path is not None
    return DraftStore(paths.data_dir, store.path)


def crash(widget: object) -> None:
    """The app dies: the editor goes with no close, cancel or done."""
    shiboken6.delete(widget)
    QApplication.processEvents()


def open_visit(qtbot: QtBot, store: Store, paths: AppPaths, settings: object, *, keep: bool = True,
               **kwargs: object) -> VisitEditor:
    editor = VisitEditor(store, paths, settings=settings, **kwargs)  # type: ignore[arg-type]
    if keep:
        qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_visit(qtbot: QtBot, editor: VisitEditor) -> None:
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("assistance"))  # one inspector is enough
    editor.summary_edit.setPlainText(SUMMARY)
    editor.tabs.setCurrentWidget(editor.findings_tab)
    editor.findings_tab.add()
    editor.findings_tab.description_edit.setFocus()
    qtbot.keyClicks(editor.findings_tab.description_edit, "MARKER ")
    editor.findings_tab.description_edit.insertPlainText(FINDING.removeprefix("MARKER "))


def typed_and_kept(qtbot: QtBot, store: Store, paths: AppPaths, settings: object,
                   **kwargs: object) -> DraftKey:
    """Open an editor, type a summary and a finding, wait for the draft, then crash."""
    editor = open_visit(qtbot, store, paths, settings, keep=False, **kwargs)
    type_visit(qtbot, editor)
    key = editor.draft.adapter.key()
    qtbot.waitUntil(lambda: drafts(store, paths).load(key) is not None, timeout=5000)
    crash(editor)
    return key


def shows_typing(editor: VisitEditor) -> bool:
    findings = editor.findings_tab.collect()
    return (editor.summary_edit.toPlainText() == SUMMARY and editor.kind_combo.currentData() == "assistance"
            and len(findings) == 1
            and findings[0].description == FINDING.strip())


def test_a_crash_keeps_the_typing_and_the_next_opening_restores_it(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit,
        offers: list[bool]) -> None:
    key = typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    assert key == DraftKey("visit", visit.uuid)
    assert load_visit(store, visit.id).visit.summary == "初稿"  # nothing was saved

    editor = open_visit(qtbot, store, paths, settings, visit_id=visit.id)
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)  # 恢复 / 丢弃, the record not moved
    assert shows_typing(editor)
    assert editor.is_dirty()

    assert editor._save_clicked()  # saved: the draft goes
    assert drafts(store, paths).load(key) is None
    saved = load_visit(store, visit.id)
    assert saved.visit.summary == SUMMARY.strip()
    assert [f.description for f in saved.findings] == [FINDING.strip()]


def test_closing_with_dont_save_discards_the_draft(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit) -> None:
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit.id)
    type_visit(qtbot, editor)
    key = DraftKey("visit", visit.uuid)
    qtbot.waitUntil(lambda: drafts(store, paths).load(key) is not None, timeout=5000)
    editor.reject()  # 不保存, confirmed (conftest answers the box)
    assert not editor.isVisible()
    QApplication.processEvents()
    assert drafts(store, paths).load(key) is None
    assert drafts(store, paths).drafts() == []


def test_a_new_visit_is_offered_for_the_same_enterprise_only(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise,
        offers: list[bool]) -> None:
    key = typed_and_kept(qtbot, store, paths, settings, enterprise_id=enterprise.id)
    assert key == DraftKey("visit", parent_kind="enterprise", parent=enterprise.uuid)

    other = save_enterprise(store, Enterprise(uscc="91421202MA4AEDKU8T", name="咸宁市温泉食品有限公司",
                                              jurisdiction_code="421202"))
    elsewhere = open_visit(qtbot, store, paths, settings, enterprise_id=other.id)
    qtbot.wait(200)
    assert offers == [] and elsewhere.summary_edit.toPlainText() == ""
    elsewhere.done(0)

    editor = open_visit(qtbot, store, paths, settings, enterprise_id=enterprise.id)
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)
    assert shows_typing(editor)
    assert editor._save_clicked()  # the new visit is saved: no draft is left under either key
    assert drafts(store, paths).drafts() == []
    saved = load_visit(store, editor.bundle.visit.id)
    assert saved.visit.summary == SUMMARY.strip() and saved.visit.enterprise_id == enterprise.id


def test_a_draft_is_written_once_after_the_typing_not_per_keystroke(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit,
        writes: list[DraftKey]) -> None:
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit.id)
    for char in "raw material store not divided by kind; expired labels":  # ~1.7 s, no 300 ms pause
        qtbot.keyClick(editor.summary_edit, char)
        qtbot.wait(30)
    assert writes == []  # nothing while typing
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=3000)
    qtbot.wait(700)
    assert len(writes) == 1  # and once after it; unchanged typing is not written again
    editor.summary_edit.setFocus()
    qtbot.keyClick(editor.summary_edit, Qt.Key.Key_End)  # moving the cursor changes nothing
    qtbot.wait(700)
    assert len(writes) == 1


def test_restored_over_a_change_made_elsewhere_the_save_is_compared(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit,
        offers: list[bool]) -> None:
    typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    other = Store.open(store.path, author="other-inspector")
    try:
        bundle = load_visit(other, visit.id)
        bundle.visit.conclusion = "另一台电脑写的结论"
        save_visit(other, bundle)
    finally:
        other.close()

    editor = open_visit(qtbot, store, paths, settings, visit_id=visit.id)
    qtbot.waitUntil(lambda: offers == [True], timeout=3000)  # the box says it changed since
    assert shows_typing(editor)
    seen: list[str] = []

    def keep_mine() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaleSaveDialog):
            QTimer.singleShot(20, keep_mine)
            return
        seen.append(dialog.objectName())
        dialog.findChild(QPushButton, "keepMineButton").click()
    QTimer.singleShot(0, keep_mine)
    assert editor._save_clicked()
    assert seen == ["staleSaveDialog"]  # not saved over the other change unasked
    saved = load_visit(store, visit.id)
    assert saved.visit.summary == SUMMARY.strip()
    assert saved.visit.conclusion == "另一台电脑写的结论"  # theirs kept
    assert drafts(store, paths).drafts() == []


def order_dialog(qtbot: QtBot, store: Store, paths: AppPaths, visit: Visit, finding: Finding,
                 keep: bool = True) -> OrderRectificationDialog:
    dialog = OrderRectificationDialog(store, visit, finding=finding, paths=paths)
    if keep:
        qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def finding(store: Store, visit: Visit) -> Finding:
    bundle = load_visit(store, visit.id)
    bundle.visit.inspectors = inspector_pair(store)  # an order rests on a check by two
    bundle.findings.append(Finding(category="原材料进货查验", description="进货查验记录缺失"))
    saved = save_visit(store, bundle)
    visit.inspectors, visit.revision = saved.visit.inspectors, saved.visit.revision  # the dialog's copy
    return saved.findings[0]


def test_an_order_being_typed_survives_a_crash_and_cancel_confirmed_discards_it(
        qtbot: QtBot, store: Store, paths: AppPaths, visit: Visit, finding: Finding, offers: list[bool],
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = order_dialog(qtbot, store, paths, visit, finding, keep=False)
    dialog.requirement_edit.setPlainText(REQUIREMENT)
    dialog.notice_edit.setText("12")
    key = DraftKey("order", parent_kind="finding", parent=finding.uuid)
    qtbot.waitUntil(lambda: drafts(store, paths).load(key) is not None, timeout=5000)
    crash(dialog)

    dialog = order_dialog(qtbot, store, paths, visit, finding)
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)
    assert dialog.requirement_edit.toPlainText() == REQUIREMENT and dialog.notice_edit.text() == "12"

    asked: list[bool] = []
    monkeypatch.setattr(draft_keeper, "ask_discard", lambda _p: asked.append(False) or False)
    dialog.reject()  # 继续编辑: nothing lost
    assert dialog.isVisible() and drafts(store, paths).load(key) is not None
    monkeypatch.setattr(draft_keeper, "ask_discard", lambda _p: asked.append(True) or True)
    dialog.reject()  # 放弃, confirmed
    assert asked == [False, True] and not dialog.isVisible()
    assert drafts(store, paths).load(key) is None


def test_an_issued_order_leaves_no_draft(
        qtbot: QtBot, store: Store, paths: AppPaths, visit: Visit, finding: Finding) -> None:
    dialog = order_dialog(qtbot, store, paths, visit, finding)
    dialog.requirement_edit.setPlainText(REQUIREMENT)
    key = DraftKey("order", parent_kind="finding", parent=finding.uuid)
    qtbot.waitUntil(lambda: drafts(store, paths).load(key) is not None, timeout=5000)
    dialog.ok_button.click()
    assert dialog.created is not None and dialog.created.requirement == REQUIREMENT
    assert drafts(store, paths).load(key) is None


def test_at_start_up_the_status_bar_says_how_many_drafts_wait_and_opens_them(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit, offers: list[bool],
        monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    from qcdesk.ui.draft_notice import DraftsButton
    from qcdesk.ui.main_window import MainWindow

    typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    monkeypatch.setattr(QApplication.instance(), "settings", settings, raising=False)
    window = MainWindow(paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    window.show()
    button = window.findChild(DraftsButton)
    assert button is not None and button.isVisible()
    assert button.text() == "1份未保存的草稿"
    button.menu().aboutToShow.emit()
    entries = [a for a in button.menu().actions() if a.isEnabled()]
    assert len(entries) == 1 and "检查记录" in entries[0].text()
    entries[0].trigger()
    qtbot.waitUntil(lambda: offers == [False], timeout=3000)
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, VisitEditor) and w.isVisible())
    assert shows_typing(editor)
    assert editor._save_clicked()
    button.refresh()
    assert not button.isVisible()


def test_a_draft_file_is_whole_or_absent(tmp_path: Path) -> None:
    """A killed write leaves only a hidden side file, which is never read as a draft."""
    store = DraftStore(tmp_path / "data", tmp_path / "qcdesk.db")
    key = DraftKey("visit", "0b1c2d3e-0000-4000-8000-000000000001")
    store.save(key, "检查记录", {"summary": "一"})
    (store.folder / f".{key.file_name()}.part").write_text('{"format": 1, "key": {"ki', encoding="utf-8")
    assert [d.values for d in store.drafts()] == [{"summary": "一"}]
