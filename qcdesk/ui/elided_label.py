"""A one-line label that shows as much of a long text as fits, cut in the middle.

Why: a QLabel is never narrower than its whole text, so the database path in the status bar
(D:\\质量提升\\…\\咸宁县局.db, easily 200+ characters in a clerk's nested folders) set the main
window's minimum width past a 1366 px laptop at 125 % again. Cut in the middle, the path keeps
its drive and its file name; the whole text is the tooltip and what text() returns (what a
screen reader reads), only the painting is shortened.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel

MIN_CHARS = 12  # at its narrowest the label still shows a drive and a file name's end


class ElidedLabel(QLabel):
    """A QLabel for plain one-line text that may be narrower than its text."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        """Show `text`, cut to the label's width; the whole of it as the tooltip."""
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        """The text as painted at the label's present width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, width)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().averageCharWidth() * MIN_CHARS
        margins = self.contentsMargins()
        return QSize(min(hint.width(), narrow + margins.left() + margins.right()), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())
        painter.end()
