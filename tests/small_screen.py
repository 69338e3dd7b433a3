"""The smallest screen QCDesk serves, a 1366 × 768 laptop at 125 %, and the main window on it.

Why one module: the reviews that found windows, dialogs and filter bars off that screen (rr3)
left each test module its own copy of the laptop's free area, the window width that fits it
and the started main window. Sizes are logical pixels: 1366 / 1.25 = 1093 across, 768 / 1.25
less a 40 px task bar = 614 down (QT_SCALE_FACTOR scales device pixels, not layouts).
Windows 11's task bar is 48 px: 566 down (review "windows" 6: the settings, visit and zone
dialogs' buttons sat under it). Fonts differ too: Windows lays out Chinese in Microsoft YaHei UI,
taller than the test machine's Latin default, so dialogs are measured in a CJK face (`cjk_font`).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QScreen, QTextLayout
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.paths import AppPaths

if TYPE_CHECKING:
    from qcdesk.ui.app import Shell

LAPTOP = QRect(0, 0, 1093, 614)  # 1366 × 768 at 125 %, above a 40 px task bar
WINDOWS_11_LAPTOP = QRect(0, 0, 1093, 566)  # the same laptop above Windows 11's 48 px task bar
# 1093 logical px across, less the window frame (2 × 8 px) = 1077; 1000 leaves room besides for a
# task bar docked at the side (about 60 px at 125 %) or a slightly wider frame.
MAX_WINDOW_WIDTH = 1000


def screen_of(monkeypatch: pytest.MonkeyPatch, room: QRect = LAPTOP) -> None:
    """Every screen reports `room` as its free area (the offscreen screen is 800 × 800)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(room))


def cjk_font() -> Iterator[str]:
    """The app laid out in the face Qt draws Chinese in here (its fallback for 汉字), 9 pt like
    Windows' Microsoft YaHei UI, for all text: its lines are taller than the Latin default's.
    The app's font as it was afterwards. For a fixture: `yield from` it (yields the family)."""
    app = QApplication.instance()
    before = app.font()
    layout = QTextLayout("确定取消", before)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    family = layout.glyphRuns()[0].rawFont().familyName()
    app.setFont(QFont(family, 9))
    yield family
    app.setFont(before)


def started_shell(qtbot: QtBot, paths: AppPaths, db: Path, lang: str,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Shell]:
    """The main window on `db` in `lang`, as `qcdesk --db` starts it (message boxes answered OK);
    closed afterwards with any enterprise window it opened. For a fixture: `yield from` it."""
    from qcdesk.ui import app as app_module

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    started = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang=lang), paths,
                                     ask_inspector=False)
    qtbot.addWidget(started.window)
    yield started
    for child in started.window.findChildren(QWidget, "enterprisePage"):
        child.close()
    started.window.close()
    started.shutdown()
