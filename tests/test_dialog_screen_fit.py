"""Dialogs open no larger than the screen's free area (found on a 1366 × 768 laptop at 125 %,
about 1093 × 614 logical px free): the visit editor opened 980 × 720, so its Save and Close
buttons were below the bottom of the screen; the conflict, roster import, enterprise, draw,
zone and PDF preview dialogs were taller than the room too. On a large screen they keep their
size. The enterprise window: tests/test_enterprise_window.py; the main window:
tests/test_small_screen_layout.py.
Windows 11 (review "windows" 6): the same laptop has 1093 × 566 free above its 48 px task bar,
and Chinese is laid out in a taller face than the test machine's default; the settings, visit
and zone dialogs could not be made shorter than their forms and their OK / Save rows sat under
the task bar. Their forms scroll now; measured here in the CJK face Qt uses for Chinese."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import LAPTOP, WINDOWS_11_LAPTOP, cjk_font, screen_of  # noqa: E402
from test_list_model import fill_store  # noqa: E402

FRAME = QSize(16, 40)  # the window frame and title bar around a dialog


SCREENS = {"windows 10": LAPTOP, "windows 11": WINDOWS_11_LAPTOP}


@pytest.fixture(autouse=True)
def _cjk(qapp):  # noqa: ANN001, ANN202 - yields the family
    """Every dialog here is laid out in the CJK face (taller lines than the Latin default)."""
    yield from cjk_font()


@pytest.fixture
def filled(store: Store) -> Store:
    fill_store(store, 3, 3)
    return store


def _visit_editor(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.visit_editor import VisitEditor

    return VisitEditor(store, paths, settings=settings, visit_id=1, parent=parent)


def _new_visit(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.visit_editor import VisitEditor

    return VisitEditor(store, paths, settings=settings, enterprise_id=1, parent=parent)


def _conflicts(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.conflict_dialog import ConflictDialog

    return ConflictDialog(store, parent)


def _roster(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    return RosterImportDialog(store, parent)


def _enterprise(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    return EnterpriseEditor(store, paths, 1, settings=settings, parent=parent)


def _draw(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    return DrawDialog(store, paths, parent)


def _zone(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.zones_page import ZoneDialog

    return ZoneDialog(store, parent=parent)


def _settings(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.settings_page import SettingsDialog

    return SettingsDialog(store, settings, "zh_CN", parent, keys_dir=paths.data_dir / "keys")


def _pdf(store: Store, paths: AppPaths, settings, parent: QWidget) -> QDialog:  # noqa: ANN001
    from qcdesk.ui.pdf_preview import PdfPreviewDialog

    return PdfPreviewDialog(paths.data_dir / "none.pdf", "责令整改通知书", parent)


Opener = Callable[[Store, AppPaths, object, QWidget], QDialog]
DIALOGS: dict[str, tuple[Opener, QSize]] = {  # each with the size it wants on a large screen
    "visit editor": (_visit_editor, QSize(980, 720)), "new visit": (_new_visit, QSize(980, 720)),
    "conflicts": (_conflicts, QSize(900, 600)), "roster import": (_roster, QSize(1000, 640)),
    "enterprise editor": (_enterprise, QSize(760, 640)), "draw": (_draw, QSize(900, 640)),
    "zone": (_zone, QSize(760, 680)), "pdf preview": (_pdf, QSize(720, 900)),
    "settings": (_settings, QSize(520, 360)),
}


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """The window a dialog opens over."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


def _opened(qtbot: QtBot, opener: Opener, store: Store, paths: AppPaths, settings,  # noqa: ANN001
            parent: QWidget) -> QDialog:
    dialog = opener(store, paths, settings, parent)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def _fixed_buttons(dialog: QDialog) -> list[QPushButton]:
    """The buttons not in a scrolling area (OK / Save / Close…): these must be on the screen."""
    return [b for b in dialog.findChildren(QPushButton) if b.isVisible()
            and not any(isinstance(a, QAbstractScrollArea) for a in _ancestors(b, dialog))]


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found = []
    while widget is not top and widget.parentWidget() is not None:
        widget = widget.parentWidget()
        found.append(widget)
    return found


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("name", list(DIALOGS))
def test_a_dialog_fits_a_1366_laptop_at_125_percent(qtbot: QtBot, filled: Store, paths: AppPaths,
                                                    settings, parent: QWidget, lang: str,  # noqa: ANN001
                                                    name: str, screen: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    room = SCREENS[screen]
    screen_of(monkeypatch, room)
    dialog = _opened(qtbot, DIALOGS[name][0], filled, paths, settings, parent)
    outer = dialog.size() + FRAME
    assert outer.width() <= room.width() and outer.height() <= room.height(), (name, lang, dialog.size())
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize()) + FRAME  # no smaller than this
    assert least.height() <= room.height(), (name, lang, least)
    buttons = _fixed_buttons(dialog)
    assert buttons, name
    for button in buttons:  # Save / Close inside the dialog's own area
        place = QRect(button.mapTo(dialog, QPoint()), button.size())
        assert dialog.rect().contains(place), (name, button.text())


@pytest.mark.parametrize("name", list(DIALOGS))
def test_a_dialog_keeps_its_size_on_a_large_screen(qtbot: QtBot, filled: Store, paths: AppPaths,
                                                   settings, parent: QWidget, name: str,  # noqa: ANN001
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    screen_of(monkeypatch, QRect(0, 0, 1920, 1040))
    opener, wanted = DIALOGS[name]
    dialog = _opened(qtbot, opener, filled, paths, settings, parent)
    assert dialog.size().expandedTo(wanted) == dialog.size(), (name, dialog.size())  # as large as before
    for form in dialog.findChildren(QScrollArea, "formScroll"):  # its form shown whole, not scrolled
        if form.isVisible():
            assert not form.verticalScrollBar().isVisible(), (name, form.widget().objectName())
