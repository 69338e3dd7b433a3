"""A draft its record can no longer take is shown read-only with 丢弃 (review regress-data 2).

Before: a crash draft of a visit sent (locked) before its next opening was never offered, could
never be discarded, and the status bar counted it for good; the same for an order draft whose
order came by another route. Now opening it (from the status bar, or opening the record) shows
what happened and the typed text, selectable to copy into a 更正, with 丢弃; the count follows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.models.drafts import DraftKey
from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Finding, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.draft_stale import StaleDraftDialog
from qcdesk.ui.visit_editor import VisitEditor
from tests import test_drafts
from tests.test_drafts import (
    FINDING,
    REQUIREMENT,
    SUMMARY,
    crash,
    drafts,
    open_visit,
    order_dialog,
    typed_and_kept,
)

# the fixtures of test_drafts.py, used here under the same names
short_delay, offers, enterprise = test_drafts.short_delay, test_drafts.offers, test_drafts.enterprise
visit, finding = test_drafts.visit, test_drafts.finding

PACKAGE = "421221_王五_000003_20261130.qcpkg.zip"


def _sent(store: Store, visit_id: int) -> None:
    """What an export does to a finished visit."""
    store.db.execute("UPDATE visit SET status='done', locked_package=? WHERE id=?", [PACKAGE, visit_id])


def _window(qtbot: QtBot, store: Store, paths: AppPaths, settings: object, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN202
    from qcdesk.ui.main_window import MainWindow

    monkeypatch.setattr(QApplication.instance(), "settings", settings, raising=False)
    window = MainWindow(paths, settings=settings)
    qtbot.addWidget(window)
    window.set_store(store)
    window.show()
    return window


def _stale(qtbot: QtBot) -> StaleDraftDialog:
    found: list[StaleDraftDialog] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() + [
            d for t in QApplication.topLevelWidgets() for d in t.findChildren(StaleDraftDialog)]
            if isinstance(w, StaleDraftDialog) and w.isVisible()]
        return bool(found)
    qtbot.waitUntil(shown, timeout=3000)
    return found[0]


def test_a_draft_of_a_visit_sent_since_is_shown_read_only_and_discarded_from_the_status_bar(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit, offers: list[bool],
        monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    from qcdesk.ui.draft_notice import DraftsButton

    key = typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    _sent(store, visit.id)
    window = _window(qtbot, store, paths, settings, monkeypatch)
    button = window.findChild(DraftsButton)
    assert button.isVisible() and button.text() == "1份未保存的草稿"
    button.menu().aboutToShow.emit()
    [entry] = [a for a in button.menu().actions() if a.isEnabled()]
    entry.trigger()

    shown = _stale(qtbot)
    editor = next(w for w in QApplication.topLevelWidgets() if isinstance(w, VisitEditor) and w.isVisible())
    assert editor.read_only  # the sent visit, its 更正 at hand
    assert "已发送" in shown.what.text() and "更正" in shown.what.text() and PACKAGE in shown.what.text()
    text = shown.text.toPlainText()
    assert SUMMARY.strip() in text and FINDING.strip() in text  # what was typed, to copy
    assert shown.text.isReadOnly() and offers == []
    assert shown.discard_button.text().startswith("丢弃")

    shown.discard_button.click()
    assert drafts(store, paths).load(key) is None
    assert not button.isVisible()  # the count follows


def test_opening_the_sent_visit_shows_its_draft_and_keeping_it_keeps_it(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit,
        offers: list[bool]) -> None:
    key = typed_and_kept(qtbot, store, paths, settings, visit_id=visit.id)
    _sent(store, visit.id)
    editor = open_visit(qtbot, store, paths, settings, visit_id=visit.id)
    shown = _stale(qtbot)
    assert shown.parent() is editor and SUMMARY.strip() in shown.text.toPlainText()
    shown.reject()  # 暂时保留
    assert drafts(store, paths).load(key) is not None and offers == []


def test_an_order_draft_whose_order_came_by_another_route_is_shown_and_discarded(
        qtbot: QtBot, store: Store, paths: AppPaths, settings: object, visit: Visit, finding: Finding,
        offers: list[bool], monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    from qcdesk.ui.draft_notice import DraftsButton
    from qcdesk.ui.order_dialog import issue_order

    dialog = order_dialog(qtbot, store, paths, visit, finding, keep=False)
    dialog.requirement_edit.setPlainText(REQUIREMENT)
    key = DraftKey("order", parent_kind="finding", parent=finding.uuid)
    qtbot.waitUntil(lambda: drafts(store, paths).load(key) is not None, timeout=5000)
    crash(dialog)
    order_rectification(store, visit=visit, requirement="另一途径下达", ordered_on=date.today().isoformat(),
                        finding=finding, notice_no="")

    # 下达整改 on the finding again: the existing order is offered, and the typing shown
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    assert issue_order(None, store, paths, visit, finding, "zh") is None
    shown = _stale(qtbot)
    assert "已下达整改" in shown.what.text() and REQUIREMENT in shown.text.toPlainText()
    shown.reject()
    assert offers == [] and drafts(store, paths).load(key) is not None

    window = _window(qtbot, store, paths, settings, monkeypatch)
    button = window.findChild(DraftsButton)
    assert button.text() == "1份未保存的草稿"
    button.menu().aboutToShow.emit()
    [entry] = [a for a in button.menu().actions() if a.isEnabled()]
    entry.trigger()
    shown = _stale(qtbot)
    assert REQUIREMENT in shown.text.toPlainText()
    shown.discard_button.click()
    assert drafts(store, paths).load(key) is None and not button.isVisible()


def test_an_export_that_locks_a_visit_with_a_draft_says_so(
        qtbot: QtBot, tmp_path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
        capsys: pytest.CaptureFixture[str]) -> None:
    from dataclasses import replace

    from qcdesk.cli import main
    from qcdesk.models.drafts import DraftStore, sent_drafts_note_at
    from tests.test_audit import make_visit
    from tests.test_exchange_cli import PASS, _keygen

    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    key, _pub = _keygen(tmp_path, "张三", "421221")
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    monkeypatch.setattr(AppPaths, "for_user", classmethod(lambda _cls: paths))
    db = tmp_path / "i.db"
    s = Store.open(db, author="insp-uuid")
    done = make_visit(s).visit
    other = save_visit(s, VisitBundle(replace(done, id=None, uuid="", revision=0, summary="另一次"))).visit
    s.close()
    DraftStore(paths.data_dir, db).save(DraftKey("visit", done.uuid), "检查记录 — 赤壁市羊楼洞茶业有限公司",
                                        {"base": {}, "typed": {}})
    out = tmp_path / "out"
    out.mkdir()
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--key", str(key), "--out", str(out), "--passphrase-file",
                 str(tmp_path / "pw.txt"), "--name", "张三", "--jurisdiction", "421221"]) == 0
    printed = capsys.readouterr()
    package = Path(printed.out.strip())
    [line] = [x for x in printed.err.splitlines() if "草稿" in x and "锁定" in x and "赤壁市羊楼洞" in x]
    assert line.startswith("注意：1 条检查记录") and "更正" in line, printed.err
    assert sent_drafts_note_at(db, paths.photos_dir, "another.qcpkg.zip", "zh") == ""
    assert other.uuid not in line  # the other visit it locked had no draft

    # the export dialog says the same under its result
    from qcdesk.exchange.export import VisitTally
    from qcdesk.ui.exchange_dialogs import ExportDialog

    dialog = ExportDialog(db, photos_dir=paths.photos_dir)
    qtbot.addWidget(dialog)
    dialog.tally = VisitTally()
    dialog._done(package)
    assert line in dialog.status.text().splitlines()
