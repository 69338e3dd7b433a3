"""Every button and labelled field of the backup, export and import windows has its own Alt
letter, in Chinese and in English (review, small laptop: 立即备份, 另存副本, 导出, 浏览, 核验 had
none, and a keyboard user tabbed through everything)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store

_LETTER = re.compile(r"&([^&\s])")


def _letters(dialog: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of each button and buddy label; a standard Close button needs none."""
    close = {b for box in dialog.findChildren(QDialogButtonBox)
             if (b := box.button(QDialogButtonBox.StandardButton.Close)) is not None}
    found = []
    for w in [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QLabel)]:
        if w in close or not w.text() or isinstance(w, QLabel) and (
                w.buddy() is None or w.buddy().focusPolicy() == Qt.FocusPolicy.NoFocus):
            continue  # a label naming what cannot take the focus (the database shown) needs none
        if type(w).__name__ in ("QCheckBox",) and not w.isVisibleTo(dialog):
            continue
        match = _LETTER.search(w.text())
        found.append((match.group(1).lower() if match else "", w.text()))
    return found


@pytest.mark.parametrize("which", ["backup", "export", "import"])
def test_each_button_has_its_own_alt_letter(qtbot: QtBot, store: Store, lang: str, which: str,
                                           tmp_path) -> None:  # noqa: ANN001
    from qcdesk.ui.backup_dialog import BackupDialog
    from qcdesk.ui.exchange_dialogs import ExportDialog, ImportDialog

    dialog = {"backup": lambda: BackupDialog(store, tmp_path / "backups"),
              "export": lambda: ExportDialog(store.path, store=store),
              "import": lambda: ImportDialog(store.path)}[which]()
    qtbot.addWidget(dialog)
    letters = _letters(dialog)
    assert [t for k, t in letters if not k] == [], which  # every one has a letter
    keys = [k for k, _t in letters]
    assert len(keys) == len(set(keys)), (which, letters)  # and no two share one
