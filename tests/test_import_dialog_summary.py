"""The import dialog's 检查 (dry run) says what the clerk would otherwise learn only after 导入:
how many conflicts the import will make and where they are resolved, and what the package covers
(全部记录 / 自上次导出以来的变更, up to which day), as `qcdesk verify` says it; and every kind's
row of the count table shows without scrolling."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_exchange_cli import _export, _trust
from test_exchange_cli_clerk import _conflicting_package, world  # noqa: F401 - the fixture

from qcdesk.ui.exchange_dialogs import ImportDialog


def _checked(qtbot: QtBot, db: Path, package: Path) -> ImportDialog:
    dlg = ImportDialog(db, package=package)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    job = dlg.run(dry_run=True)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    qtbot.wait(50)  # the resize and the layout take effect
    return dlg


def _period_to(package: Path) -> str:
    return json.loads(zipfile.ZipFile(package).read("manifest.json"))["period_to"]


def test_check_states_coming_conflicts_and_the_scope(
        qtbot: QtBot, chinese: None, world: dict[str, Path],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    p2 = _conflicting_package(capsys, world)
    dlg = _checked(qtbot, world["cdb"], p2)
    status = dlg.status.text()
    assert "签名和签名人已核验，尚未写入任何数据" in status, status
    assert "导入后将产生 1 处冲突（导入后在“记录 ▸ 处理合并冲突…”中处理）" in status, status
    assert f"范围：自上次导出以来的变更（截至 {_period_to(p2)}）" in status, status
    conflicting = [dlg.table.item(r, 4).text() for r in range(dlg.table.rowCount())]
    assert "1" in conflicting  # the table's highlighted count, now said in words


def test_check_of_a_full_package_shows_every_row(
        qtbot: QtBot, chinese: None, world: dict[str, Path],  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """A county's full package holds a dozen kinds (licences, contacts, demonstration zones …);
    at the old 640 × 420 the last rows lay below the fold."""
    from qcdesk.models.demo import build_demo

    demo = world["tmp"] / "demo.db"
    build_demo(demo, seed=1, enterprises=20, visits=40, today=date(2026, 11, 30))
    package = _export(capsys, world["tmp"], demo, world["ik"], "张三", "421221", "--full")
    dlg = _checked(qtbot, world["cdb"], package)
    status = dlg.status.text()
    assert f"范围：全部记录（截至 {_period_to(package)}）" in status, status
    assert "导入后将产生" not in status, status
    t = dlg.table
    assert t.rowCount() >= 10, t.rowCount()
    last = t.visualRect(t.model().index(t.rowCount() - 1, 0))
    assert last.isValid() and last.bottom() < t.viewport().height(), \
        (last, t.viewport().height(), dlg.height())
    assert not t.verticalScrollBar().isVisible()
    assert dlg.height() <= dlg.screen().availableGeometry().height()
    assert dlg.width() == 640  # grown in height only


def test_english_check_names_the_scope(qtbot: QtBot, world: dict[str, Path],  # noqa: F811
                                       capsys: pytest.CaptureFixture[str]) -> None:
    p1 = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    dlg = _checked(qtbot, world["cdb"], p1)
    assert f"Scope: all records (up to {_period_to(p1)})" in dlg.status.text()
