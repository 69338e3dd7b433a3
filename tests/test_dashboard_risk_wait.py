"""The dashboard while another program holds the write lock (a long `qcdesk import`): the risk
tiles wait with a note saying why and fill in once the writer is done, instead of failing after
5 s for good (a real second connection holds BEGIN IMMEDIATE, longer than SQLite's 5 s wait)."""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from qcdesk.models.demo import build_demo
from qcdesk.models.risk import class_counts
from qcdesk.models.store import Store
from qcdesk.ui import dashboard_risk
from qcdesk.ui.dashboard import DashboardPage

HELD = 6.5  # seconds: past the 5 s a write waits for the lock before it fails


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return build_demo(tmp_path / "demo.db", seed=3, enterprises=40, visits=200, today=date.today())


def test_risk_tiles_wait_for_another_writer_then_fill_in(
        qtbot: QtBot, chinese: None, demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard_risk, "RETRY_MS", 300)
    store = Store.open(demo, author="test")
    writer = sqlite3.connect(str(demo), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the import
    writer.execute("INSERT INTO settings(key, value) VALUES ('import.running', '1')")
    try:
        page = DashboardPage(store, None)
        qtbot.addWidget(page)
        page.show()
        note = page.findChild(QLabel, "riskWaitingNote")
        qtbot.waitUntil(lambda: note is not None and note.isVisible(), timeout=5000)
        assert "风险分类正在等待其他程序完成写入" in note.text()
        started = time.monotonic()
        while time.monotonic() - started < HELD:  # tried again and again, never given up
            qtbot.wait(250)
            assert page.risk_pending and page.tiles["risk_D"].value.text() == "…"
            assert note.isVisible() and not page.tiles["risk_D"].toolTip()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    qtbot.waitUntil(lambda: not page.risk_pending, timeout=20000)
    assert not note.isVisible() and not page.tiles["risk_D"].toolTip()
    counts = class_counts(store)
    assert [page.tiles[f"risk_{c}"].value.text() for c in "ABCD"] == [str(counts[c]) for c in "ABCD"]
    assert sum(counts.values()) == 40
    store.close()
