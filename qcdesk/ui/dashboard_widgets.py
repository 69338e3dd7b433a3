"""The dashboard's widgets: a clickable figure (tile), the tiles' grid, a zone's progress bar, the
pass-rate chart and the note on unresolved merge conflicts.

Charts are painted with QPainter (Qt Charts is not part of PySide6-Essentials). Moved out of
dashboard.py, unchanged, so that the page itself has room; dashboard.py still exports them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QAction,
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAccessibleWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.rate_text import meets_target, rate_figure, rate_percent
from qcdesk.ui import colours

GOOD, SHORT, EMPTY, TARGET = QColor("#2e7d32"), QColor("#ef6c00"), QColor("#bdbdbd"), QColor("#c62828")
_factory_installed = False
LABEL_GAP = 6.0  # px between two bars' labels: 纺织服装 and 军民结合 read "纺织服军民结" side by side


def label_lines(text: str, advance: Callable[[str], int], width: float) -> str:
    """A bar's label as it fits under its bar: whole, or a name without spaces (现代森工, 电子信息
    基材) cut into two even lines (现代 / 森工), never one character left alone (现代森 / 工).
    Words with spaces are left to word wrap."""
    if advance(text) <= width or " " in text.strip() or len(text) < 2:
        return text
    half = (len(text) + 1) // 2
    return f"{text[:half]}\n{text[half:]}"


def _tile_accessible(key: str, obj: QObject) -> QAccessibleInterface | None:
    """A tile is a button to a screen reader (NVDA said 边框, not that it can be pressed)."""
    if key == "Tile" and isinstance(obj, Tile):
        return QAccessibleWidget(obj, QAccessible.Role.Button)
    return None


class Tile(QFrame):
    """A clickable figure (mouse, Enter or Space); `clicked` carries nothing, the page knows which."""

    clicked = Signal()
    resized = Signal()

    def __init__(self, parent: QWidget | None = None):
        global _factory_installed
        if not _factory_installed:
            QAccessible.installFactory(_tile_accessible)
            _factory_installed = True
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(170)
        self.title = QLabel(self)
        self.value = QLabel(self)
        self.detail = QLabel(self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        # Titles wrap like the detail: at the narrowest tile an English title such as "National
        # demonstration zones/projects" takes two lines instead of being cut to "…zones/proj".
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        for w in (self.title, self.value, self.detail):
            layout.addWidget(w)
        layout.addStretch(1)  # extra height in a row goes below, so the figures stay near the title

    def set_content(self, title: str, value: str, detail: str = "", alarm: bool = False) -> None:
        self.title.setText(title)
        self.value.setText(value)
        self.detail.setText(detail)
        self.value.setStyleSheet(colours.text_css(TARGET) if alarm else "")
        self.setAccessibleName(f"{title} {value} {detail}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A frame in the highlight colour while focused: tabbing through 15 alike tiles, the
        keyboard user sees which one Enter opens (the style drew no focus on a frame). Like Qt's own
        buttons, only after keyboard focus: a clicked tile, focused again on coming back to the
        dashboard, showed the frame for no reason."""
        super().paintEvent(event)
        if self.hasFocus() and self.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            p = QPainter(self)
            p.setPen(QPen(self.palette().highlight().color(), 2))
            p.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
            p.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class ReflowGrid(QWidget):
    """Cells (each a stack of widgets, such as a chart under its title) in rows of `most`, or of
    fewer when the width does not take them: at 200 % on a 1920 × 1080 laptop (960 logical
    pixels) five tiles of 170 px, or two charts of 360, beside the navigation made the page scroll
    sideways and hid the last ones. Its minimum is one cell's, so the page never asks for more."""

    def __init__(self, cells: list[list[QWidget]], parent: QWidget | None = None, most: int = 5):
        super().__init__(parent)
        self.cells, self.most, self.columns = cells, most, 0
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for widget in (w for cell in cells for w in cell):
            widget.setParent(self)
        self._place(most)

    def _needed(self, columns: int) -> int:
        """The width `columns` columns take at their widgets' minimum widths."""
        widths = [0] * columns
        for i, cell in enumerate(self.cells):
            own = max(max(w.minimumWidth(), w.minimumSizeHint().width()) for w in cell)
            widths[i % columns] = max(widths[i % columns], own)
        return sum(widths) + max(self.grid.horizontalSpacing(), 0) * (columns - 1)

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        for widget in (w for cell in self.cells for w in cell):
            self.grid.removeWidget(widget)
        for i, cell in enumerate(self.cells):
            for j, widget in enumerate(cell):
                self.grid.addWidget(widget, i // columns * len(cell) + j, i % columns)
        self.columns = columns
        self.placed()

    def placed(self) -> None:
        """Called when the cells have moved to another number of columns."""

    def minimumSizeHint(self) -> QSize:
        return QSize(self._needed(1), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        fits = [c for c in range(self.most, 0, -1) if self._needed(c) <= event.size().width()]
        self._place(fits[0] if fits else 1)
        super().resizeEvent(event)


class TileGrid(ReflowGrid):
    """The tiles, in rows of five when they fit, with each row's titles aligned."""

    def __init__(self, tiles: list[Tile], parent: QWidget | None = None):
        self.tiles = tiles
        super().__init__([[t] for t in tiles], parent)
        for tile in tiles:
            tile.resized.connect(self.align_titles)

    def placed(self) -> None:
        for tile in self.tiles:
            tile.title.setMinimumHeight(0)  # the rows have changed: align_titles sets them again
        self.align_titles()

    def align_titles(self) -> None:
        """Titles of one row of tiles take the height of its longest (wrapped) title, so the
        figures below them line up across the row."""
        for row in range(0, len(self.tiles), self.columns):
            labels = [t.title for t in self.tiles[row:row + self.columns]]
            height = max(0, *(label.heightForWidth(label.width()) for label in labels))  # -1: no text yet
            for label in labels:
                if label.minimumHeight() != height:
                    label.setMinimumHeight(height)


class ZoneBar(QProgressBar):
    """A zone's milestone progress; clicking it opens the zones list at that zone."""

    clicked = Signal(str)

    def __init__(self, uuid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.uuid = uuid
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.valueChanged.connect(self._name)

    def setFormat(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setFormat(text)
        self._name()

    def _name(self) -> None:
        """Its name is what it shows, the zone and its figure (a screen reader read no name)."""
        self.setAccessibleName(self.text())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.uuid)
        super().mouseReleaseEvent(event)


@dataclass
class Bar:
    key: str
    label: str
    passed: int
    failed: int

    @property
    def rate(self) -> float | None:
        return self.passed / (self.passed + self.failed) if self.passed + self.failed else None


class PassRateChart(QWidget):
    """Vertical bars of pass rate (0–100%) with a dashed line at the target; bars are clickable."""

    bar_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.target = 0.95
        self.definition = ""
        self.waiting = ""  # 计算中…: no bars while another scope's figures are counted
        self.title_label: QLabel | None = None  # the chart's title above it, which names it
        self.setMinimumSize(QSize(360, 220))
        self.setMouseTracking(True)

    def set_bars(self, bars: list[Bar], target: float, definition: str) -> None:
        self.bars, self.target, self.definition, self.waiting = bars, target, definition, ""
        self.setToolTip(definition)
        self._name()
        self.update()

    def set_waiting(self, text: str) -> None:
        """No bars, `text` in grey: the figures being counted are another scope's than the last
        ones, which must neither show nor open a list under the new scope's name."""
        self.bars, self.waiting = [], text
        self.setToolTip("")
        self._name()
        self.update()

    def _name(self) -> None:
        """Title and every bar's rate as the accessible name: what NVDA reads of a painted chart."""
        title = self.title_label.text() if self.title_label is not None else ""
        rates = self.tr(", ", "between the bars read out").join(
            f"{b.label} {self.tr('No data') if b.rate is None else rate_percent(b.rate, self.target)}"
            for b in self.bars) or self.waiting
        self.setAccessibleName(self.tr("%1 (target %2): %3").replace("%1", title)
                               .replace("%2", f"{self.target * 100:.0f}%").replace("%3", rates))

    def _plot(self) -> QRectF:
        # right margin: the target's label sits beside the plot, clear of the bars' values; the
        # top leaves a second line for figures standing higher (`value_label`)
        top = 22 + (self.fontMetrics().height() + 1 if self._staggered() else 0)
        return QRectF(40, top, max(10, self.width() - 82), max(10, self.height() - 50 - top))

    def _staggered(self) -> bool:
        """Whether the bars' figures are too wide to stand side by side (every other one then
        stands a line higher: 100.0100.0100.0 ran together over narrow bars)."""
        slot = max(10, self.width() - 82) / max(1, len(self.bars))
        return any(self.fontMetrics().horizontalAdvance(
            self.tr("No data") if b.rate is None else rate_figure(b.rate, self.target)) + 4
            > slot - LABEL_GAP for b in self.bars)  # touching counts: a gap as the names have

    def bar_rect(self, i: int) -> QRectF:
        plot = self._plot()
        slot = plot.width() / max(1, len(self.bars))
        rate = self.bars[i].rate or 0.0
        top = plot.bottom() - plot.height() * rate
        return QRectF(plot.left() + i * slot + slot * 0.15, top, slot * 0.7, plot.bottom() - top)

    def bar_at(self, x: float) -> int:
        plot = self._plot()
        if not self.bars or not plot.left() <= x <= plot.right():
            return -1
        return min(len(self.bars) - 1, int((x - plot.left()) / (plot.width() / len(self.bars))))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot()
        grid = self.palette().mid().color()  # the lines; their figures are lightened on a dark window
        axis = QColor(colours.secondary(QPalette.ColorRole.Mid, self.palette()))
        for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
            y = plot.bottom() - plot.height() * frac
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(axis)
            p.drawText(QRectF(0, y - 8, 36, 16), Qt.AlignmentFlag.AlignRight, f"{int(frac * 100)}%")
        slot = plot.width() / max(1, len(self.bars))
        p.setPen(self.palette().text().color())
        for i, bar in enumerate(self.bars):
            rate = bar.rate
            color = EMPTY if rate is None else (GOOD if meets_target(rate, self.target) else SHORT)
            p.fillRect(self.bar_rect(i), color)
            label_box = QRectF(plot.left() + i * slot + LABEL_GAP / 2, plot.bottom() + 4,
                               slot - LABEL_GAP, 40)
            p.drawText(label_box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                       label_lines(bar.label, p.fontMetrics().horizontalAdvance, label_box.width()))
        if self.waiting:
            p.setPen(self.palette().placeholderText().color())
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.waiting)
        y = plot.bottom() - plot.height() * self.target
        target = QColor(colours.readable(TARGET, self.palette()))  # the line and its figure
        p.setPen(QPen(target, 2, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.drawText(QRectF(plot.right() + 4, y - 8, 36, 16), Qt.AlignmentFlag.AlignLeft,
                   f"{self.target * 100:.0f}%")
        # Values after the target line, on the page's background: a rate just under the target
        # sits right on the line and would otherwise be struck through.
        for i in range(len(self.bars)):
            text, box = self.value_label(i)
            p.fillRect(box, self.palette().window())
            p.setPen(self.palette().placeholderText().color() if self.bars[i].rate is None
                     else self.palette().text().color())
            p.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        p.end()

    def value_label(self, i: int) -> tuple[str, QRectF]:
        """The figure over bar i (or "No data" at its foot) and the box it is painted in, which
        reaches down to the bar so that a target line just above the bar is hidden too."""
        rect = self.bar_rect(i)
        rate = self.bars[i].rate
        text = self.tr("No data") if rate is None else rate_figure(rate, self.target)
        width = self.fontMetrics().horizontalAdvance(text) + 4
        height = self.fontMetrics().height() + 1
        up = height if i % 2 and self._staggered() else 0  # (review, small laptop)
        return text, QRectF(rect.center().x() - width / 2, rect.top() - height - up, width, height)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            i = self.bar_at(event.pos().x())
            if i >= 0:
                b = self.bars[i]
                QToolTip.showText(event.globalPos(), self.tr("%1: %2 passed of %3 tested, pass rate %4\n%5")
                                  .replace("%1", b.label).replace("%2", str(b.passed))
                                  .replace("%3", str(b.passed + b.failed))
                                  .replace("%4", rate_percent(b.rate, self.target))
                                  .replace("%5", self.definition), self)
                return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        i = self.bar_at(event.position().x())
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(self.bars[i].key)
        super().mouseReleaseEvent(event)


class ConflictNote(QFrame):
    """Beside the figures while merge conflicts wait: every figure counts this computer's version
    of those records, so they may change once resolved (as the quarterly report says). Its button
    is Record ▸ Resolve merge conflicts… (the window's action, found by name): after the dialog
    the window refreshes its pages, the dashboard recounts and the note goes or changes."""

    ACTION = "conflictsAction"  # shell_tools: f"{tool.key}Action"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictNote")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.count = 0
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(colours.text_css(colours.CONFLICT_NOTE))  # #ef6c00: 2.7 : 1 on light
        self.button = QPushButton(self)
        self.button.clicked.connect(self.resolve)
        layout = QHBoxLayout(self)  # the button beside the words, not at the far right: the page
        layout.addWidget(self.label)  # may be wider than a small screen's window
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.hide()

    def action(self) -> QAction | None:
        """The window's Record ▸ Resolve merge conflicts… (none when the page stands alone)."""
        window = self.window()
        return None if window is self else window.findChild(QAction, self.ACTION)

    def set_count(self, count: int) -> None:
        """N条记录存在未处理的合并冲突…; hidden when there are none."""
        self.count = count
        self.label.setText(self.tr("%n record(s) have unresolved merge conflicts; the figures below "
                                   "count this computer's version.", "", count))
        self.button.setText(self.tr("Resolve merge conflicts…"))
        # on one line where it fits (a wrapped label asks for little width), else wrapped at 560
        wide = self.label.fontMetrics().horizontalAdvance(self.label.text()) + 8
        self.label.setMinimumWidth(min(560, wide))
        action = self.action()
        self.button.setVisible(action is not None)
        self.button.setEnabled(action is not None and action.isEnabled())
        self.button.setToolTip(action.toolTip() if action is not None and not action.isEnabled() else "")
        self.setVisible(count > 0)

    def resolve(self) -> None:
        action = self.action()
        if action is not None and action.isEnabled():
            action.trigger()
