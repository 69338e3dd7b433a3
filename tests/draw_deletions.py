"""A committed 双随机 draw, and the deletions a clerk then tries in the window and the CLI.

Why one module: the tests that a drawn firm and its planned check are kept
(test_delete_draw_visit.py, test_delete_refused_first.py, test_drawn_firm_kept.py) each built
the same four firms, four inspectors and draw and pressed Delete in the window through the same
loop; one imported its terminal from another test module.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.draw import DrawParameters, DrawRecord, commit_draw, make_draw
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31"]
DRAW_DAY = date(2026, 11, 30)


@dataclass
class Drawn:
    """What `committed_draw` made: the draw, the first check it planned and that check's firm."""

    record: DrawRecord
    firms: list[Enterprise]  # in the order of CODES
    planned: int  # the visit id of the first planned check
    firm: int  # the enterprise id of that check's firm


def committed_draw(store: Store) -> Drawn:
    """Four 通山 firms (通山企业0…3), four inspectors and a committed draw of half of each class."""
    firms = [save_enterprise(store, Enterprise(uscc=code, name=f"通山企业{i}", jurisdiction_code="421281"))
             for i, code in enumerate(CODES)]
    for name in ("王磊", "李娜", "张伟", "刘洋"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
    params = DrawParameters(jurisdiction="421281", ratios=dict.fromkeys("ABCD", "0.5"))
    record = commit_draw(store, make_draw(store, seed="2026-11-30 福彩3D 123", params=params, as_of=DRAW_DAY,
                                          operator="王科长", witnesses=["李四"]))
    planned, firm = store.db.execute("SELECT id, enterprise_id FROM visit WHERE status = 'planned'"
                                     " ORDER BY id LIMIT 1").fetchone()
    return Drawn(record, firms, planned, firm)


class Untouchable(io.StringIO):
    """A terminal nobody answers: reading it means a question was asked."""

    def isatty(self) -> bool:
        return True

    def readline(self, *args: object) -> str:
        raise AssertionError("asked a question")

    read = readline


def refusals_of_delete_key(qtbot: Any, paths: AppPaths, db: Path, lang: str, monkeypatch: Any,
                           cases: list[tuple[str, int]]) -> list[str]:
    """Open the app's window on `db` in `lang`, and press Delete on each (list, record id) of
    `cases`, a clerk saying yes to whatever is asked. Each press must show one box, the refusal
    (objectName deleteRefused), and no question before it (nor any box since the window opened or
    the previous press); returns the refusals' texts."""
    from qcdesk.ui import app as app_module

    boxes: list[tuple[str, str]] = []

    def run(box: QMessageBox) -> int:  # a clerk who says yes to whatever is asked
        boxes.append((box.objectName(), box.text()))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", run)
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang=lang), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    texts: list[str] = []
    try:
        for kind, record_id in cases:
            shell.window.show_page(kind)
            page = shell.window.current_list()
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0)
            assert page.select_id(record_id)
            page.view.setFocus()
            qtbot.keyClick(page.view, Qt.Key.Key_Delete)
            assert [b[0] for b in boxes] == ["deleteRefused"], boxes  # no question first
            texts.append(boxes[0][1])
            boxes.clear()
    finally:
        shell.window.close()
        shell.shutdown()
    return texts
