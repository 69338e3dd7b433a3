"""A form row that runs over several pages keeps its label on each of them.

A 5,000-character 检查情况 pasted into a visit record spans about seven pages. reportlab splits
the row (splitInRow) but puts a vertically centred label in the part holding the row's middle, so
pages 1–4 showed an unlabelled box and page 5 the label alone. Here a row label (`RowLabel`) is
printed at the top of every part: the first as written, the following ones as 检查情况（续）, as a
continued paper form does. Unsplit rows keep their centred labels.
"""

from __future__ import annotations

from reportlab.platypus import Table

from qcdesk.export.pdf.linebreak import KinsokuParagraph

CONTINUED = "（续）"


class RowLabel(KinsokuParagraph):
    """The label cell of a form row; `continued()` is its copy for the next page of the row."""

    def __init__(self, text: str, style, label: str | None = None) -> None:  # noqa: ANN001 - ParagraphStyle
        super().__init__(text, style)
        self.label = text if label is None else label

    def continued(self) -> RowLabel:
        return RowLabel(self.label + CONTINUED, self.style, self.label)


class FormTable(Table):
    """A Table whose rows split over pages with their `RowLabel` on each part, at its top."""

    def _splitCell(self, value, style, oldHeight, newHeight, width):  # noqa: ANN001, ANN202, N802, N803
        """reportlab's cell split (Table._splitCell), but a label cell goes to both parts."""
        if not (isinstance(value, (list, tuple)) and value and all(isinstance(f, RowLabel) for f in value)):
            return super()._splitCell(value, style, oldHeight, newHeight, width)
        style.valign = "TOP"  # read by Table._splitRows for both parts of the row
        rest = tuple(f.continued() for f in value)
        label_height = self._listCellGeom(value, width, style)[1]
        if label_height > newHeight - style.topPadding - style.bottomPadding:
            return ((), tuple(value))  # no room for it in the first part: the next one has it
        return (tuple(value), rest)
