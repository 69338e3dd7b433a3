"""The conflict dialog's kind column: the record kind's English name in English mode
(labels.record_kind, 120fd2b), the package's sheet name in Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest
from conflict_fixtures import li_takes_report, two_sides, zhang_closes
from PySide6.QtWidgets import QApplication

from qcdesk.ui.app import Translators


@pytest.fixture
def english(qapp: QApplication):  # noqa: ANN201 - yields nothing
    """The interface in English as `qcdesk --lang en` sets it up; then as it was."""
    before = qapp.property("lang")
    translators = Translators(qapp)
    translators.apply("en")
    yield
    translators.remove_all()
    qapp.setProperty("lang", before)


def test_the_conflict_dialogs_kind_column_is_english_in_english_mode(qtbot, english,  # noqa: ANN001
                                                                     tmp_path: Path) -> None:
    from qcdesk.ui.conflict_dialog import ConflictDialog

    store = two_sides(tmp_path, zhang_closes, li_takes_report)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    kinds = {dlg.conflicts[r]["kind"]: dlg.list.item(r, 0).text() for r in range(dlg.list.rowCount())}
    assert kinds == {"rectification": "Rectification orders"}, kinds


def test_the_conflict_dialogs_kind_column_keeps_the_sheet_names_in_chinese(qtbot, chinese,  # noqa: ANN001
                                                                           tmp_path: Path) -> None:
    from qcdesk.ui.conflict_dialog import ConflictDialog

    store = two_sides(tmp_path, zhang_closes, li_takes_report)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    assert [dlg.list.item(r, 0).text() for r in range(dlg.list.rowCount())] == ["整改"]
