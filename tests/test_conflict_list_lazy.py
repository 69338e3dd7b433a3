"""The conflict list stays quick with tens of thousands of open conflicts (a city merging six
counties' first packages): opening the dialog, and keeping a version, build the views of the
rows in sight only, the label counts them all, and after a "keep" the next conflict is selected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from conflict_fixtures import enterprise, li_takes_report, two_sides, visit, zhang_closes
from PySide6.QtWidgets import QMessageBox

import qcdesk.exchange.conflict_view as cv
from qcdesk.models import exchange_store as xs
from qcdesk.models.persistence import update_record
from qcdesk.models.store import Store
from qcdesk.ui.conflict_dialog import ConflictDialog

MANY = 20_000


def _edits(name: str, summary: str, step) -> object:  # noqa: ANN001 - a fixture step
    def edit(store: Store) -> None:
        e = enterprise(store)
        e.name = name
        update_record(store, e)
        v = visit(store)
        v.summary = summary
        update_record(store, v)
        step(store)
    return edit


def _city(tmp_path: Path, copies: int) -> Store:
    """A database file with the enterprise, visit and order conflicts of two sides' edits, each
    repeated `copies` times as further kept versions of the same record (open, in order)."""
    li = two_sides(tmp_path, _edits("甲名食品厂", "张三改", zhang_closes),
                   _edits("乙名食品厂", "李四改", li_takes_report))
    with li.db.atomic():
        li.db.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO exchange_conflict(kind, uuid, version, reason, row_json, signer,"
            " package_sha256, created_at) SELECT c.kind, c.uuid, c.version || printf('-%05d', n.i),"
            " c.reason, c.row_json, c.signer, c.package_sha256, c.created_at"
            " FROM exchange_conflict c, n", [copies])
    path = li.backup_to(tmp_path / "city.qcdesk")
    store = Store.open(path, author=li.author)
    li.close()
    return store


@pytest.fixture
def dialogs() -> Iterator[list[ConflictDialog]]:
    """The dialogs a test opens, deleted before their database closes, as the shell deletes
    them: a dialog merely closed lives on, and lays itself out again (reading from its closed
    database) when a later test changes the screen."""
    opened: list[ConflictDialog] = []
    yield opened
    _delete(opened)


def _delete(opened: list[ConflictDialog]) -> None:
    for dialog in opened:
        if shiboken6.isValid(dialog):
            dialog.close()
            shiboken6.delete(dialog)
    opened.clear()


def _open(dialogs: list[ConflictDialog], store: Store) -> ConflictDialog:
    dialogs.append(ConflictDialog(store))
    return dialogs[-1]


def _close(store: Store, dialogs: list[ConflictDialog]) -> None:
    _delete(dialogs)
    store.close()


@pytest.fixture
def views_built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many conflict views were built (each reads its record's live values once)."""
    calls = [0]
    values_of = cv.values_of

    def counted(store: Store, conflict: dict) -> tuple[dict, dict]:
        calls[0] += 1
        return values_of(store, conflict)

    monkeypatch.setattr(cv, "values_of", counted)
    return calls


@pytest.fixture
def no_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(str(a[2])))
    yield shown


def test_the_conflict_model_passes_the_model_tester(qtbot, qtmodeltester, chinese,  # noqa: ANN001
                                                      tmp_path: Path, dialogs: list[ConflictDialog]) -> None:
    store = _city(tmp_path, 80)  # 243 conflicts: more than a page of ids
    dlg = _open(dialogs, store)
    assert dlg.list.rowCount() == 100 and dlg.model.canFetchMore()
    qtmodeltester.check(dlg.model)
    empty = _open(dialogs, Store.memory())
    assert empty.list.rowCount() == 0 and not empty.model.canFetchMore()
    qtmodeltester.check(empty.model)
    _close(store, dialogs)


def test_twenty_thousand_conflicts_open_and_resolve_quickly(qtbot, chinese, tmp_path: Path,  # noqa: ANN001
                                                            views_built: list[int],
                                                            no_boxes: list[str],
                                                            dialogs: list[ConflictDialog]) -> None:
    store = _city(tmp_path, MANY // 3)
    total = xs.count_open_conflicts(store)
    assert total == 3 * (MANY // 3 + 1) > MANY - 10
    dlg = _open(dialogs, store)
    dlg.show()
    qtbot.waitExposed(dlg)
    qtbot.wait(50)  # painted: the rows in sight asked for
    # Opening built the views of a bounded number of rows, not of every conflict.
    assert 0 < views_built[0] <= 200, views_built[0]
    assert f"共 {total} 处冲突待处理" in dlg.empty_label.text()
    # The first row selected and explained, as before.
    assert dlg.list.selectionModel().selectedRows()[0].row() == 0
    assert dlg.fields.rowCount() > 0 and dlg.keep_button.isEnabled()
    first = [dlg.list.item(0, c).text() for c in range(4)]
    assert first[0] == "企业" and first[1] == "乙名食品厂 ← 甲名食品厂" and "企业名称" in first[2]
    assert first[3] == "双方都修改过"

    # Scroll on past the first page and pick a conflict there; keep its current version.
    while dlg.list.rowCount() <= 150:
        dlg.model.fetchMore()
    dlg.list.selectRow(150)
    chosen, following = dlg.conflicts[150], dlg.conflicts[151]
    assert dlg.current() == chosen
    views_built[0] = 0
    dlg.keep_button.click()
    assert no_boxes == []
    assert xs.get_conflict(store, chosen["id"])["resolved_at"] is not None
    # The next conflict is selected, in the same place; the count is one less; few views built.
    assert dlg.current()["id"] == following["id"]
    assert dlg.list.selectionModel().selectedRows()[0].row() == 150
    assert f"共 {total - 1} 处冲突待处理" in dlg.empty_label.text()
    assert dlg.fields.rowCount() > 0 and "当前版本" in dlg.versions_label.text()
    qtbot.wait(50)
    assert views_built[0] <= 300, views_built[0]
    _close(store, dialogs)


def test_resolving_the_last_conflict_selects_the_one_before(qtbot, chinese, tmp_path: Path,  # noqa: ANN001
                                                            no_boxes: list[str],
                                                            dialogs: list[ConflictDialog]) -> None:
    store = _city(tmp_path, 1)  # six conflicts
    dlg = _open(dialogs, store)
    last = dlg.list.rowCount() - 1
    dlg.list.selectRow(last)
    before = dlg.conflicts[last - 1]
    dlg.keep_button.click()
    assert no_boxes == [] and dlg.list.rowCount() == last
    assert dlg.current()["id"] == before["id"]
    assert "共 5 处冲突待处理" in dlg.empty_label.text()
    _close(store, dialogs)
