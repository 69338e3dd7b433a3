"""A wrong time zone or a clock that fell back is said on the dashboard, in a banner that stays
while it holds and goes once the clock is right; the CLI's dating commands say the zone in one
line on stderr (review R1 R2, R3)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from qcdesk.cli import main
from qcdesk.models import clock_check, snapshots
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

_NOW: list[datetime | None] = [None]  # None: the real clock


class _Clock(datetime):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        moment = _NOW[0] or datetime.fromtimestamp(time.time(), UTC)
        return moment.astimezone(tz) if tz is not None else moment.astimezone().replace(tzinfo=None)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[callable]:  # type: ignore[valid-type]
    """Set the computer's time zone (TZ) and read it as the app does (not the tests' China)."""
    monkeypatch.setattr(clock_check, "computer_offset", clock_check.offset_now)

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime | None]]:
    monkeypatch.setattr(clock_check, "datetime", _Clock)
    monkeypatch.setattr(snapshots, "datetime", _Clock)
    _NOW[0] = None
    yield _NOW
    _NOW[0] = None


# UTC-05:00 all year (no summer time since 1993): New York is UTC-04:00 from March to November,
# and the tests that named it failed for those eight months
NO_DST_ZONE = "America/Bogota"


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))
    store.close()
    return db


def _page(qtbot, store: Store):  # noqa: ANN001, ANN202
    from qcdesk.ui.dashboard import DashboardPage

    page = DashboardPage(store, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=20000)  # idle
    return page, page.findChild(QLabel, "clockBanner")


def test_cli_warnings_five_hours_behind_utc_says_the_zone_in_one_line(tmp_path: Path, capsys, zone) -> None:  # noqa: ANN001
    db = _db(tmp_path)
    zone(NO_DST_ZONE)
    assert main(["warnings", "--db", str(db)]) == 0
    err = capsys.readouterr().err
    [line] = err.splitlines()
    assert line.startswith("注意：本机时区是 UTC-05:00，不是北京时间（UTC+08:00）"), line
    assert "(UTC+08:00) 北京，重庆，香港特别行政区，乌鲁木齐" in line
    assert main(["import", str(tmp_path / "missing.qcpkg.zip"), "--db", str(db)]) != 0
    [refusal] = capsys.readouterr().err.splitlines()  # a refusal stays one line
    assert "时区" not in refusal
    zone("Asia/Shanghai")
    assert main(["warnings", "--db", str(db)]) == 0
    assert capsys.readouterr().err == ""
    assert main(["received", "--db", str(db)]) == 0  # a command that dates nothing: no note
    assert "时区" not in capsys.readouterr().err


def test_every_command_that_counts_from_today_says_the_zone(tmp_path: Path, capsys, zone) -> None:  # noqa: ANN001
    """Review (dates): at 07:30 in Xianning on a laptop set to UTC, a quarterly report was dated
    the day before and an order due that day was not yet overdue, and a key revoked "from"
    that day took effect eight hours late, with nothing said; only export, import and warnings
    said the zone."""
    db = _db(tmp_path)
    zone("UTC")
    commands = [
        ["report", "quarterly", "--db", str(db), "--period", "2026Q1", "--out", str(tmp_path / "r.pdf")],
        ["risk", "--db", str(db)],
        ["trust", "list", "--db", str(db)],
    ]
    for command in commands:
        assert main(command) == 0, command
        err = capsys.readouterr().err
        assert "注意：本机时区是 UTC+00:00，不是北京时间（UTC+08:00）" in err, (command, err)
    zone("Asia/Shanghai")
    for command in commands:
        assert main(command) == 0, command
        assert "时区" not in capsys.readouterr().err, command


def test_dashboard_banner_for_a_wrong_zone_stays_and_goes_with_the_right_one(
        qtbot, chinese, tmp_path: Path, zone) -> None:  # noqa: ANN001
    zone(NO_DST_ZONE)
    store = Store.open(_db(tmp_path), author="tester")
    try:
        page, banner = _page(qtbot, store)
        assert banner is not None and banner.isVisible()
        assert "本机时区是 UTC-05:00，不是北京时间（UTC+08:00）" in banner.text()
        assert "“(UTC+08:00) 北京，重庆，香港特别行政区，乌鲁木齐”" in banner.text()
        qtbot.wait(300)
        assert banner.isVisible()  # persistent, not a status message that goes
        zone("Asia/Shanghai")
        page.refresh()
        assert not banner.isVisible()
        qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=20000)
    finally:
        store.close()


def test_dashboard_banner_while_the_clock_is_behind_the_database_and_its_backups(
        qtbot, chinese, tmp_path: Path, clock, shanghai) -> None:  # noqa: ANN001
    db = _db(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    shutil.copyfile(db, folder / "qcdesk.daily-20261130-090001+0800.db")
    clock[0] = datetime(2019, 6, 1, 1, 0, tzinfo=UTC)  # 09:00 in Xianning, the clock fell back
    store = Store.open(db, author="tester")
    try:
        page, banner = _page(qtbot, store)
        assert banner is not None and banner.isVisible()
        text = banner.text()
        assert "本机时间（2019-06-01 09:00）早于本数据库已记下的时间" in text, text
        assert "最新备份 2026-11-30 09:00（qcdesk.daily-20261130-090001+0800.db）" in text
        assert "最近一次修改" in text and "请检查并改正系统的日期和时间" in text
        assert "时区" not in text  # China's zone: no zone paragraph
        clock[0] = datetime.now(UTC) + timedelta(minutes=1)  # corrected
        page.refresh()
        assert not banner.isVisible()
        qtbot.waitUntil(lambda: not page.computing and not page.risk_pending, timeout=20000)
    finally:
        store.close()
