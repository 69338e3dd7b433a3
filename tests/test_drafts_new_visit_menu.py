"""A new visit's draft opened from the status-bar drafts menu, its editor closed: the count is
refreshed and no slot raises (finished(int) once reached refresh, which takes a list of drafts)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.models.drafts import DraftKey
from qcdesk.models.records import Enterprise, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.visit_editor import VisitEditor
from tests import test_drafts
from tests.test_drafts import drafts, shows_typing, typed_and_kept
from tests.test_drafts_blocked import _window

short_delay, offers, enterprise, visit = (test_drafts.short_delay, test_drafts.offers,
                                          test_drafts.enterprise, test_drafts.visit)


def test_closing_a_new_visit_opened_from_the_drafts_menu_refreshes_the_count(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, enterprise: Enterprise,
        visit: Visit, offers: list[bool], monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    from qcdesk.ui.draft_notice import DraftsButton

    key = typed_and_kept(qtbot, store, paths, settings, enterprise_id=enterprise.id)
    assert key == DraftKey("visit", parent_kind="enterprise", parent=enterprise.uuid)
    typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)  # a second draft, left waiting
    window = _window(qtbot, store, paths, settings, monkeypatch)
    button = window.findChild(DraftsButton)
    assert button is not None and button.text() == "2份未保存的草稿"
    button.menu().aboutToShow.emit()
    [entry] = [a for a in button.menu().actions() if a.text().startswith("新建检查")]

    with qtbot.captureExceptions() as raised:
        entry.trigger()  # the new visit's editor, which offers the draft back
        qtbot.waitUntil(lambda: offers == [False], timeout=3000)
        [editor] = [w for w in QApplication.topLevelWidgets() if isinstance(w, VisitEditor)
                    and w.isVisible()]
        assert shows_typing(editor)
        assert editor._save_clicked()  # saved: its draft goes
        editor.done(0)  # closed: finished(0) reaches the button
        QApplication.processEvents()
    assert [str(e[1]) for e in raised] == []
    assert len(drafts(store, paths).drafts()) == 1
    assert button.isVisible() and button.text() == "1份未保存的草稿"
