"""Every menu's Alt letters are its own (review, first day): 记录 held 打开所选记录(&O) and
已删除的记录(&O)…, so Alt+O only moved between the two and opened neither; the same in English
(&Open selected, Deleted rec&ords…). Checked on every menu of the main window, in both languages,
with the entries a user sees (hidden ones aside)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


def test_no_two_entries_of_a_menu_share_an_alt_letter(qtbot, paths: AppPaths, tmp_path: Path,  # noqa: ANN001
                                                       monkeypatch, lang: str) -> None:
    from qcdesk.ui import app as app_module

    db = tmp_path / "office.db"
    Store.open(db, author="test").close()
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang=lang), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    try:
        clashes = {}
        for top in shell.window.menuBar().actions():
            menu = top.menu()
            if menu is None:
                continue
            letters: dict[str, list[str]] = {}
            for action in menu.actions():
                if action.isSeparator() or not action.isVisible():
                    continue
                if (m := re.search(r"&([^&\s])", action.text())) is not None:
                    letters.setdefault(m.group(1).lower(), []).append(action.text())
            clashes.update({f"{top.text()} {k}": v for k, v in letters.items() if len(v) > 1})
        assert clashes == {}, clashes
    finally:
        shell.window.close()
        shell.shutdown()
