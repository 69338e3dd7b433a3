"""A record shown in a window of its own (the enterprise page): on screen, named, closed by keys.

Found at 1366 × 768 and 125 % (about 1093 × 614 logical pixels free): the enterprise page opened
at a fixed 1000 × 700, taller than the screen, so its open orders table was cut off; it had no
window title, so the task bar and Alt+Tab showed no name; Esc and Ctrl+W did nothing.
Dialogs take their first size from here too (`fit_to_screen`): the visit editor opened 720 px
tall there, its Save and Close buttons below the screen.
A record window with a `refresh` re-reads on a new local day (`day_watch`): left open over
midnight, the enterprise page kept yesterday's days left on its open orders.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QStyle, QWidget

from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.ui.day_watch import DayWatch
from qcdesk.ui.wheel_guard import install as guard_wheel

if TYPE_CHECKING:
    from qcdesk.models.store import Store

WANTED = QSize(1000, 700)  # room for the facts, the visits and the open orders at 100 %
FRAME = QSize(16, 40)  # the window manager's frame and title bar around the client area


def fitted_size(screen: QScreen | None, wanted: QSize = WANTED) -> QSize:
    """`wanted`, limited to what the screen's free area (without the task bar) holds."""
    if screen is None:
        return wanted
    return wanted.boundedTo(screen.availableGeometry().size() - FRAME)


def place_on_screen(window: QWidget, screen: QScreen | None, wanted: QSize = WANTED) -> None:
    """Size the window to the screen and centre it in the free area, its frame included."""
    size = fitted_size(screen, wanted)
    window.resize(size)
    if screen is not None:
        room = screen.availableGeometry()
        outer = size + FRAME
        window.move(QPoint(room.x() + max((room.width() - outer.width()) // 2, 0),
                           room.y() + max((room.height() - outer.height()) // 2, 0)))


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Give a window about to open its `wanted` size, limited to the free area of the screen it
    opens on (its parent's; the primary screen for none), so its buttons stay on a small screen.
    A dialog's own screen is not known before it is shown: Qt guesses it from its position."""
    parent = window.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    window.resize(fitted_size(screen, wanted))


class FormScroll(QScrollArea):
    """A dialog's form that scrolls when the screen is short, so the dialog's buttons stay on it.

    Found on Windows 11 at 1366 × 768, 125 % (1093 × 566 logical px free above its 48 px task
    bar): the settings, visit and zone dialogs could not be made shorter than their forms, and
    their OK / Save rows sat under the task bar. As wide as the form needs (no sideways
    scrolling); as tall as it wants where there is room, down to a few lines where there is not.
    The wheel scrolls it even over a combo box or date field without the focus (wheel_guard)."""

    ROWS = 6  # lines of the form still shown at the least

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("formScroll")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop: Tab goes to the fields
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        guard_wheel()

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The whole form: a dialog on a large screen opens without a scroll bar."""
        return self.widget().sizeHint() + QSize(self._bar(), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        least = self.widget().minimumSizeHint()
        return QSize(least.width() + self._bar(),
                     min(least.height(), self.fontMetrics().lineSpacing() * self.ROWS))


def enterprise_title(store: Store, enterprise_id: int) -> Callable[[], str]:
    """企业档案 — 名称, read from the store each time (the page re-titles after a rename); the
    enterprise editor's own title words (editors translation), so both windows name it alike."""

    def title() -> str:
        found = fetch_record(store, Enterprise, enterprise_id)
        name = found.name if found is not None else ""
        return QCoreApplication.translate("EnterpriseEditor", "Enterprise file — %1").replace("%1", name)

    return title


class _CloseGuard(QObject):
    """Closing the window closes its open editors first, each asking about unsaved changes as
    when its own Close is pressed; one that stays open (Cancel) keeps the window open."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and isinstance(watched, QWidget) and not self.may_close(watched):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def may_close(window: QWidget) -> bool:
        for dialog in window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()  # EditorDialog.reject asks 保存 / 不保存 / 取消
                if dialog.isVisible():
                    return False
        return True


def show_record_window(widget: QWidget, parent: QWidget, title: Callable[[], str] | None = None) -> None:
    """Show `widget` as a window over `parent`: sized to the screen, titled (re-titled after
    each save, a renamed enterprise included), Esc and Ctrl+W close it."""
    widget.setParent(parent, Qt.WindowType.Window)
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if title is not None:
        widget.setWindowTitle(title())
        changed = getattr(widget, "changed", None) or getattr(widget, "saved", None)
        if changed is not None:
            changed.connect(lambda *_args: widget.setWindowTitle(title()))
    shortcut = QShortcut(widget)
    shortcut.setKeys([QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")])
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(widget.close)
    guard = _CloseGuard(widget)
    widget.installEventFilter(guard)
    refresh = getattr(widget, "refresh", None)
    if callable(refresh):  # the enterprise page's open orders count their days to today
        DayWatch(widget).changed.connect(refresh)
    place_on_screen(widget, parent.screen() or QGuiApplication.primaryScreen())
    widget.show()
