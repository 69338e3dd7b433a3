"""A write the database refuses (another program holds the write lock: a command-line import or
export, or the disk is full or gone) is shown, and what the user typed stays. OK in 首选项,
saving a 示范区, 删除 on the zones page, 保留最近…份 in 备份与恢复, 提交抽签 in the draw dialog and
不再显示 on the getting-started checklist let the StoreError escape the slot: nothing was saved
and nothing was said (a traceback went to stderr, which a Windows desktop user never sees).
Review "two at once" 4."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from qcdesk.models import backup
from qcdesk.models.demonstration import DemonstrationZone, list_zones, load_zone, save_zone
from qcdesk.models.draw import find_draw
from qcdesk.models.store import Store
from qcdesk.ui import zones_page
from qcdesk.ui.draw_dialog import DrawDialog
from qcdesk.ui.settings_page import SettingsDialog
from qcdesk.ui.zones_page import ZoneDialog, ZonesPage
from tests.test_draw_rule_4 import DAY, county  # noqa: F401 - the fixture


class Lock:
    """Another program's write lock on the database, held until `release`."""

    def __init__(self, store: Store):
        store.db.execute("PRAGMA busy_timeout = 50")  # the 5 s wait, shortened
        self.other: sqlite3.Connection | None = sqlite3.connect(store.path)
        self.other.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.other is not None:
            self.other.rollback()
            self.other.close()
            self.other = None


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the warning boxes shown (never a real modal box)."""
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: seen.append(a[2]))
    return seen


@pytest.fixture
def locked(store: Store) -> Iterator[Lock]:
    lock = Lock(store)
    yield lock
    lock.release()


def _refused(warnings: list[str]) -> bool:
    return len(warnings) == 1 and "Nothing was saved" in warnings[0] and "正被其他程序占用" in warnings[0]


def test_ok_in_preferences(qtbot, store: Store, settings, locked: Lock, warnings: list[str]) -> None:  # noqa: ANN001
    dialog = SettingsDialog(store, settings, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.page.font_box.ready, timeout=30000)
    dialog.page.edits["doc.seal_text"].setText("咸安区市场监督管理局（印）")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert _refused(warnings)
    assert dialog.isVisible() and dialog.page.edits["doc.seal_text"].text() == "咸安区市场监督管理局（印）"
    locked.release()
    ok.click()
    assert not dialog.isVisible() and store.setting("doc.seal_text") == "咸安区市场监督管理局（印）"


def _zone(store: Store) -> DemonstrationZone:
    return save_zone(store, DemonstrationZone(name="咸安区苎麻纺织质量提升示范区", jurisdiction_code="421202",
                                              lead_industry="纺织"))


def test_saving_a_zone(qtbot, store: Store, warnings: list[str]) -> None:  # noqa: ANN001
    zone = _zone(store)
    dialog = ZoneDialog(store, load_zone(store, zone.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText("三家企业已完成对标")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    lock = Lock(store)
    try:
        save.click()
    finally:
        lock.release()
    assert _refused(warnings)
    assert dialog.isVisible() and dialog.notes.toPlainText() == "三家企业已完成对标"
    save.click()  # once the other program is done, the same dialog saves (not refused as stale)
    assert not dialog.isVisible() and load_zone(store, zone.id).notes == "三家企业已完成对标"


def test_deleting_a_zone(qtbot, store: Store, paths, warnings: list[str],  # noqa: ANN001
                        monkeypatch: pytest.MonkeyPatch) -> None:
    _zone(store)
    page = ZonesPage(store, paths, area="")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    page.view.setCurrentIndex(page.model.index(0, 0))
    monkeypatch.setattr(zones_page, "confirm_delete", lambda parent, zone: True)  # asked: yes
    lock = Lock(store)
    try:
        qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    finally:
        lock.release()
    assert _refused(warnings)
    assert len(list_zones(store)) == 1


def test_copies_to_keep(qtbot, store: Store, tmp_path: Path, locked: Lock) -> None:  # noqa: ANN001
    from qcdesk.ui.backup_dialog import BackupDialog

    dialog = BackupDialog(store, tmp_path / "backups")
    qtbot.addWidget(dialog)
    before = backup.keep_count(store)
    dialog.keep.setValue(before + 1)
    assert dialog.keep.value() == before  # not a count that was never stored
    assert "not changed" in dialog.message.text() and "正被其他程序占用" in dialog.message.text()
    locked.release()
    dialog.keep.setValue(before + 1)
    assert backup.keep_count(store) == before + 1


def test_committing_a_draw(qtbot, county: Store, paths, warnings: list[str]) -> None:  # noqa: ANN001, F811
    dialog = DrawDialog(county, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421202"))
    dialog.seed.setText("20261130-福彩3D")
    assert dialog.preview()
    dialog.operator.setText("张科长")
    dialog.witnesses.setText("刘主任，陈纪检")
    lock = Lock(county)
    try:
        assert dialog.commit() is None
    finally:
        lock.release()
    assert _refused(warnings) and dialog.commit_button.isEnabled()
    uuid = dialog.commit()  # the preview is still there to commit
    assert uuid is not None and find_draw(county, uuid) is not None


def test_hiding_the_checklist(qtbot, store: Store, locked: Lock, warnings: list[str]) -> None:  # noqa: ANN001
    from qcdesk.ui.getting_started import GettingStarted

    checklist = GettingStarted(store, None)
    qtbot.addWidget(checklist)
    checklist.refresh()
    checklist.show()
    qtbot.mouseClick(checklist.hide_button, Qt.MouseButton.LeftButton)
    assert _refused(warnings) and checklist.isVisible()
