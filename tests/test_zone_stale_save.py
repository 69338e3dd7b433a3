"""A 示范区 changed elsewhere (another window, an import) while its dialog is open: Save offers the
editors' keep mine / discard mine / cancel (stale_save.py) instead of "该记录已被其他操作修改…请重新
打开后再保存", which left closing the dialog, and losing the typing, as the only way on. Review
"two at once" 8."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPushButton

from qcdesk.models.demonstration import DemonstrationZone, load_zone, save_zone
from qcdesk.models.store import Store
from qcdesk.ui.stale_save import StaleSaveDialog
from qcdesk.ui.zones_page import ZoneDialog

NOTES = "我写的一段较长的进展说明：三家企业已完成对标"


@pytest.fixture
def other(store: Store) -> Iterator[Store]:
    """A second connection to the same database file (another window, an import)."""
    second = Store.open(store.path, author="colleague")
    yield second
    second.close()


def _open(qtbot, store: Store, other: Store) -> tuple[ZoneDialog, int]:  # noqa: ANN001
    """The zone open in its dialog, the user's notes typed, the lead industry changed elsewhere."""
    zone = save_zone(store, DemonstrationZone(name="咸安区苎麻纺织质量提升示范区", jurisdiction_code="421202",
                                              lead_industry="苎麻纺织"))
    dialog = ZoneDialog(store, load_zone(store, zone.id))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.notes.setPlainText(NOTES)
    theirs = load_zone(other, zone.id)
    theirs.lead_industry = "苎麻纺织（更新）"
    save_zone(other, theirs)
    return dialog, zone.id


def _save_answering(dialog: ZoneDialog, button: str) -> list[StaleSaveDialog]:
    """Press Save; press `button` in the stale dialog when it comes up (looked for during 5 s)."""
    seen: list[StaleSaveDialog] = []
    tries = [250]

    def act() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, StaleSaveDialog):
            seen.append(shown)
            shown.findChild(QPushButton, button).click()
            return
        tries[0] -= 1
        if tries[0] > 0:
            QTimer.singleShot(20, act)

    QTimer.singleShot(0, act)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    return seen


def test_keep_mine_saves_both_changes(qtbot, store: Store, other: Store) -> None:  # noqa: ANN001
    dialog, zone_id = _open(qtbot, store, other)
    seen = _save_answering(dialog, "keepMineButton")
    assert len(seen) == 1
    table = seen[0].table
    listed = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(5)]
              for r in range(table.rowCount())}
    assert listed["Lead industry"][2] == "苎麻纺织（更新）" and listed["Notes"][3] == NOTES
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    stored = load_zone(store, zone_id)
    assert (stored.notes, stored.lead_industry) == (NOTES, "苎麻纺织（更新）")


def test_cancel_keeps_the_typing_and_discard_shows_the_stored_zone(qtbot, store: Store,  # noqa: ANN001
                                                                   other: Store) -> None:
    dialog, zone_id = _open(qtbot, store, other)
    assert len(_save_answering(dialog, "cancelStaleButton")) == 1
    assert dialog.isVisible() and dialog.notes.toPlainText() == NOTES
    assert "save again" in dialog.error.text()
    assert len(_save_answering(dialog, "discardMineButton")) == 1
    assert dialog.isVisible() and dialog.notes.toPlainText() == ""
    assert dialog.industry.currentText() == "苎麻纺织（更新）"
    assert load_zone(store, zone_id).notes == ""
