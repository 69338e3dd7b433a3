"""The list import window stays open while it writes the list, as the export window does:
closed, the import went on unseen and its outcome (or failure) was never shown."""

from __future__ import annotations

import threading
from pathlib import Path

from qcdesk.models.store import Store
from tests.test_roster import GOOD, count, make_roster


def test_closing_while_the_list_is_written_is_refused_with_the_reason(qtbot, tmp_path: Path
                                                                      ) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    store = Store.open(tmp_path / "gui.db", author="test")
    release = threading.Event()
    try:
        dialog = RosterImportDialog(store, lang="zh")
        qtbot.addWidget(dialog)
        plan_import, apply_plan, *rest = dialog.core

        def slow_apply(*args, **kwargs):
            release.wait(20)
            return apply_plan(*args, **kwargs)

        dialog.core = (plan_import, slow_apply, *rest)
        dialog.show()
        dialog.load_file(make_roster(tmp_path / "g.xlsx", GOOD[:2]))
        qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=15000)
        dialog.close()  # while previewing: nothing is written, closing is fine
        assert not dialog.isVisible()
        dialog.show()
        dialog.import_button.click()
        qtbot.waitUntil(lambda: dialog.writing is not None)
        dialog.close_button.click()
        assert dialog.isVisible() and "still being imported" in dialog.summary.text()
        dialog.reject()  # Esc
        assert dialog.isVisible()
        with qtbot.waitSignal(dialog.imported, timeout=15000) as signal:
            release.set()
        assert signal.args[0].added == 2 and count(store) == 2
        qtbot.waitUntil(lambda: dialog.writing.done)
        dialog.close_button.click()
        assert not dialog.isVisible()
    finally:
        release.set()
        store.close()
