"""The signing key dialog in English and Chinese, at the default and a large font: the wrapped
intro gets the height its lines need (it was clipped and ran into the name row in English) and
the light-derivation box shows its whole text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.keys_dialog import KeysDialog


@pytest.fixture(params=[None, 13], ids=["default-font", "13pt"])
def font_size(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[None]:
    before = qapp.font()
    if request.param is not None:
        font = qapp.font()
        font.setPointSize(request.param)
        qapp.setFont(font)
    yield
    qapp.setFont(before)


def _top(widget: QWidget, dialog: QWidget) -> int:
    return widget.mapTo(dialog, QPoint(0, 0)).y()


def _check_layout(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    dialog = KeysDialog(store, AppPaths(tmp_path / "data", tmp_path / "config"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    intro = dialog.findChild(QLabel, "keyIntro")
    assert intro is not None and intro.isVisible()
    assert intro.height() >= intro.heightForWidth(intro.width())  # every line shown
    assert _top(intro, dialog) + intro.heightForWidth(intro.width()) <= _top(dialog.name_edit, dialog)
    check = dialog.light_check
    assert check.width() >= check.minimumSizeHint().width()  # "…for small laptops)" not cut off


def test_intro_fits_in_english(qtbot: QtBot, font_size: None, store: Store, tmp_path: Path) -> None:
    _check_layout(qtbot, store, tmp_path)


def test_intro_fits_in_chinese(qtbot: QtBot, chinese: None, font_size: None, store: Store,
                               tmp_path: Path) -> None:
    _check_layout(qtbot, store, tmp_path)
