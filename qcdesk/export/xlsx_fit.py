"""Column widths fitted to a small sheet's own text, so that nothing is cut off where it is read.

Why: a report's sheets declared their widths once, for typical values; a longer one
(工业产品生产许可证 under 类别 at width 8, 咸高新市监质改〔2026〕42号 at 24) showed cut off in Excel and
WPS wherever the next cell held a value. A sheet written whole (`XlsxBook.write_sheet` with a list
of rows) is measured here before its widths are written; a streamed sheet (an exchange package, a
list of a million rows) keeps the widths it declares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qcdesk.export.xlsx_writer import Column

MEASURED_ROWS = 5000  # a report sheet's rows; beyond them the declared widths stand
WIDEST = 50.0  # a text needing more wraps in a column this wide
FITTED_KINDS = ("text", "code", "value")  # dates, numbers and rates have fixed forms


def display_units(value: Any) -> int:
    """Width of a value as Excel shows it in a CJK font: a Chinese character takes two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(value))


def fitted(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[Column]:
    """`columns` widened where a value of `rows` (or the header, with room for the filter arrow)
    is wider than declared: never narrower; above `WIDEST`, that width and wrapped (unless the
    column says wrap=False)."""
    out = list(columns)
    for i, column in enumerate(columns):
        if column.kind not in FITTED_KINDS or column.wraps:
            continue
        need = max((display_units(row[i]) + 2 for row in rows[:MEASURED_ROWS]
                    if i < len(row) and row[i] is not None), default=0)
        need = max(need, display_units(column.header) + 4)
        declared = column.width if column.width is not None else 0.0
        if need > declared:
            wrap = True if need > WIDEST and column.wrap is None else column.wrap  # wrap=False stands
            out[i] = replace(column, width=min(float(need), WIDEST), wrap=wrap)
    return out
