"""Revoking a key in the keys dialog on a computer whose clock is wrong (E17, after review R1 B5).

The date picker starts at today by this computer's clock: a year ahead, 吊销… recorded a
revocation a year in the future, and the thief's packages imported once the clock was put
right. The dialog now applies the core's check (trust_store.clock_ahead_refusal), as
`qcdesk trust revoke` does, and refuses a day still to come on a right clock.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.ui import keys_dialog
from qcdesk.ui.keys_dialog import TrustDialog


def _dump(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def county(tmp_path: Path) -> tuple[Store, Path, str]:
    path = tmp_path / "county.db"
    store = Store.open(path, author="县局")
    pk = generate_secret_key().public_key
    trust_store.add_key(store, pk, name="李四", jurisdiction="421221", role="inspector")
    yield store, path, pk.key_id
    store.close()


def _boxes(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[str]]:
    """Questions asked (answered Yes) and warnings shown, instead of modal boxes."""
    asked: list[str] = []
    warned: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    return asked, warned


def test_revoking_with_the_clock_a_year_ahead_is_refused_and_records_nothing(
        qtbot: QtBot, county: tuple[Store, Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    store, path, key_id = county
    ahead = datetime.now(UTC) + timedelta(days=365)
    monkeypatch.setattr(trust_store, "now_utc", lambda: ahead.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    ahead_day = ahead.astimezone().date()

    class AheadDate(QDate):  # the picker's today, by the clock a year ahead
        @staticmethod
        def currentDate() -> QDate:
            return QDate(ahead_day.year, ahead_day.month, ahead_day.day)

    monkeypatch.setattr(keys_dialog, "QDate", AheadDate)
    asked, warned = _boxes(monkeypatch)
    dlg = TrustDialog(store)
    qtbot.addWidget(dlg)
    dlg.table.selectRow(0)
    before = _dump(path)
    picked: list[str] = []

    def press_ok() -> None:  # the clerk leaves the date at "today" and presses OK
        box = QApplication.activeModalWidget()
        assert isinstance(box, QDialog)
        picked.append(box.findChild(keys_dialog.QDateEdit).date().toString("yyyy-MM-dd"))
        box.accept()

    QTimer.singleShot(0, press_ok)
    assert not dlg.revoke_selected()
    assert picked == [ahead_day.isoformat()]
    assert asked == []  # refused before the question
    assert len(warned) == 1 and "本机时钟似乎超前" in warned[0]
    assert ahead_day.isoformat() in warned[0] and datetime.now().date().isoformat() in warned[0]
    assert trust_store.get_key(store, key_id).revoked_at is None
    assert _dump(path) == before
    assert dlg.table.item(0, 5).text() == ""
    # the way out it names: a date no later than the database's latest day is taken
    today = datetime.now().date()
    assert dlg.revoke_selected(QDate(today.year, today.month, today.day))
    assert trust_store.get_key(store, key_id).revoked_at.astimezone().date() == today


def test_a_revocation_day_still_to_come_is_refused_on_a_right_clock(
        qtbot: QtBot, county: tuple[Store, Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    store, path, key_id = county
    asked, warned = _boxes(monkeypatch)
    dlg = TrustDialog(store)
    qtbot.addWidget(dlg)
    dlg.table.selectRow(0)
    before = _dump(path)
    tomorrow = QDate.currentDate().addDays(1)
    assert not dlg.revoke_selected(tomorrow)
    assert asked == []
    assert len(warned) == 1 and tomorrow.toString("yyyy-MM-dd") in warned[0]
    assert "still to come" in warned[0] or "还没到" in warned[0]
    assert trust_store.get_key(store, key_id).revoked_at is None
    assert _dump(path) == before
