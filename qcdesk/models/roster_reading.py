"""Cells and headers of an enterprise list as other offices make them.

Lists arrive with a merged title row, headers over one or two rows (生产许可证 merged over
编号 / 有效期至, the other columns merged down both rows), invisible characters pasted from web
pages, and dates as date cells, Excel serial numbers or text. This module turns such a sheet
into a column map and plain values; deciding what a row means is `roster.py`'s job.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from qcdesk.models.codes import strip_invisible
from qcdesk.models.date_words import day_parts
from qcdesk.models.typed_text import one_line

HEADER_SCAN_ROWS = 15  # a header further down than this is not looked for


class Column(Protocol):
    key: str
    aliases: tuple[str, ...]


_NOISE = re.compile(r"[\s\u3000*＊:：]+")
_PAREN = re.compile(r"[（(][^）)]*[）)]")


def normalise_header(text: Any) -> str:
    s = strip_invisible(str(text or "")).strip()
    s = _PAREN.sub("", _NOISE.sub("", s)) or _NOISE.sub("", s)
    return s.lower()


def cell_text(value: Any) -> str:
    """Text of a cell; whole numbers typed as numbers (phones, codes) lose their '.0', and
    invisible format characters (zero-width space, BOM…) are dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return strip_invisible(str(value)).strip()


def line_cell(value: Any) -> str:
    """A one-line field's cell as the enterprise file stores it (`typed_text.one_line`): a line
    break typed with Alt+Enter, a tab or a run of spaces is one space."""
    return one_line(cell_text(value))


class NoSuchDay(ValueError):
    """The date is written in a form we read, but the calendar lacks that day (2027-02-29)."""


_DAY = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?"
_RANGE = re.compile(rf"^(?:{_DAY}|\d{{8}})\s*(?:至|到|~|—+|–|-)\s*({_DAY}|\d{{8}})$")
_MIDNIGHT = re.compile(r"\s+0?0:00(:00(\.0+)?)?$")
_SERIALS = (20000, 80000)  # Excel day numbers of 1954 … 2119: an unformatted date cell


def _date_words(text: str) -> str:
    """Full-width digits and points made plain (２０２７．５．３１), "。" read as a point, and a
    midnight time left by a system that exported a date as text (2027-05-31 00:00:00) dropped."""
    text = unicodedata.normalize("NFKC", text).strip().removesuffix("。").replace("。", ".")
    return _MIDNIGHT.sub("", text).strip()


def cell_date(value: Any) -> date:
    """A date cell, an Excel serial number (also as text), or text such as 2027-05-31,
    2027/5/31, 2027年5月31日, 20270531. ValueError when unreadable, NoSuchDay when impossible."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _date_words(cell_text(value))
    if isinstance(value, int | float) and not isinstance(value, bool) or re.fullmatch(r"[0-9]{5}", text):
        number = float(text)
        if _SERIALS[0] <= number <= _SERIALS[1]:
            return date(1899, 12, 30) + timedelta(days=int(number))
    parts = day_parts(text)  # read as a date field reads it (models/date_words.py)
    if parts is None:
        raise ValueError(text)
    try:
        return date(*parts)
    except ValueError as exc:
        raise NoSuchDay(text) from exc


def end_date(value: Any) -> date:
    """The last day of a validity as certificates print it: a date, or a range whose end counts
    (2022.6.1-2027.5.31, 2022年6月1日至2027年5月31日), with "至…" before or "止" after it."""
    if isinstance(value, date):
        return cell_date(value)
    text = re.sub(r"^(有效期)?至", "", _date_words(cell_text(value)))
    text = re.sub(r"止$", "", text).strip()
    m = _RANGE.match(text)
    return cell_date(m.group(1) if m else text if text else value)


_TOTALS = re.compile(r"(合计|总计|小计|共计)[:：]?[(（]?共?[0-9]*(家|户|个|条|项|行|人|名)?(企业)?[)）]?")


def totals_text(raw: Sequence[Any]) -> str:
    """The row's text ("合计 4家") when its first cell is a totals label, else "".

    Lists end with 合计/总计 (or have 小计 between counties) under the enterprise columns; read
    as a record, its count became an enterprise named "4家" with two errors."""
    texts = [t for t in (cell_text(v) for v in raw) if t]
    if texts and _TOTALS.fullmatch(re.sub(r"\s+", "", texts[0])):
        return " ".join(texts)
    return ""


# --- headers -------------------------------------------------------------------------------

def header_labels(top: Sequence[Any], sub: Sequence[Any] | None = None) -> list[tuple[str, ...]]:
    """Per column, the header texts to try, best first.

    Under a two-row header a sub-header is read with the merged parent above it first
    (生产许可证 + 编号), then alone (有效期至). A merged cell's text sits in its first column
    only, so the parent carries on to the right over the empty cells it spans.
    """
    width = max(len(top), len(sub or ()))
    labels: list[tuple[str, ...]] = []
    parent = ""
    for i in range(width):
        head = cell_text(top[i]) if i < len(top) else ""
        below = cell_text(sub[i]) if sub is not None and i < len(sub) else ""
        if head:
            parent = head
        if below:
            labels.append((parent + below, below) if parent else (below,))
        else:
            labels.append((head,) if head else ())
            if not head:
                parent = ""
    return labels


def header_map(labels: list[tuple[str, ...]], columns: Sequence[Column]) -> dict[str, list[int]]:
    """column key -> indexes of the matching columns (e.g. both 所属县市区 and 行政区划代码)."""
    alias_key: dict[str, str] = {}
    for col in columns:
        for alias in col.aliases:
            alias_key.setdefault(normalise_header(alias), col.key)
    found: dict[str, list[int]] = {}
    for index, texts in enumerate(labels):
        for text in texts:
            key = alias_key.get(normalise_header(text))
            if key is not None:
                found.setdefault(key, []).append(index)
                break
    return found


def _is_header(found: dict[str, list[int]]) -> bool:
    return len(found) >= 2 and ("uscc" in found or "name" in found)


def _sub_header(top: Sequence[Any], sub: Sequence[Any], single: dict[str, list[int]],
                columns: Sequence[Column]) -> dict[str, list[int]] | None:
    """The column map of `top` + `sub` read as one two-row header, or None when `sub` is data.

    A data row names an enterprise (credit code or name), or has numbers or dates in it, or
    puts a value under a header the two-row reading would then lose.
    """
    given = [(i, v) for i, v in enumerate(sub) if cell_text(v)]
    if not given or any(not isinstance(v, str) for _, v in given):
        return None
    if any(i < len(sub) and cell_text(sub[i]) for key in ("uscc", "name") for i in single.get(key, ())):
        return None
    pair = header_map(header_labels(top, sub), columns)
    if len(pair) < len(single):
        return None
    under_merged = any(i >= len(top) or not cell_text(top[i]) for i, _ in given)
    return pair if pair != single or under_merged else None


def find_header(rows: Sequence[Sequence[Any]], columns: Sequence[Column]
                ) -> tuple[dict[str, list[int]], int, int] | None:
    """(column map, index of the header's first row, header height 1 or 2) of the row(s) among
    the first few that name the most known columns; None when no row names enough."""
    best: tuple[dict[str, list[int]], int, int] | None = None
    for index in range(min(HEADER_SCAN_ROWS, len(rows))):
        top = list(rows[index])
        found, height = header_map(header_labels(top), columns), 1
        if found and index + 1 < len(rows):  # a title row above the header names no column
            pair = _sub_header(top, list(rows[index + 1]), found, columns)
            if pair is not None:
                found, height = pair, 2
        if _is_header(found) and (best is None or len(found) > len(best[0])):
            best = (found, index, height)
    return best


def unread_columns(labels: list[tuple[str, ...]], found: dict[str, list[int]]) -> list[str]:
    """Header texts of the columns no field is read from: their contents are not imported, and
    the clerk is told so. A running number (序号) holds nothing to import and is not named."""
    used = {i for indexes in found.values() for i in indexes}
    return [texts[0] for i, texts in enumerate(labels)
            if texts and i not in used and normalise_header(texts[0]) not in _RUNNING_NUMBER]


_RUNNING_NUMBER = {"序号", "序", "编号", "no", "no.", "行号"}


def fill_merged(rows: list[list[Any]], merged: Sequence[Any], first_data: int) -> None:
    """Give every cell of a range merged down over data rows its top-left value, as the sheet
    shows it: a 所属县市区 merged over a county's firms, or the name and code of a firm with two
    licences on two rows. Ranges within the header, or over one row only, are left alone."""
    for (top, left), (bottom, right) in merged:
        if top < first_data or bottom == top or top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top + 1, min(bottom, len(rows) - 1) + 1):
            for c in range(left, min(right, len(rows[r]) - 1) + 1):
                if cell_text(rows[r][c]) == "":
                    rows[r][c] = value
        for c in range(left + 1, min(right, len(rows[top]) - 1) + 1):
            if cell_text(rows[top][c]) == "":
                rows[top][c] = value


def first_given(raw: Sequence[Any], indexes: list[int]) -> Any:
    """The first non-empty cell among the columns that carry one field."""
    for i in indexes:
        if i < len(raw) and cell_text(raw[i]) != "":
            return raw[i]
    return None


def best_sheet(sheets: Sequence[tuple[str, list[list[Any]]]], columns: Sequence[Column]
               ) -> tuple[str, dict[str, list[int]], int, list[list[Any]]] | None:
    """(sheet name, header map, index of the first data row, rows) of the sheet whose header
    names the most of `columns`; None when no sheet has a header."""
    best: tuple[str, dict[str, list[int]], int, list[list[Any]]] | None = None
    for name, rows in sheets:
        header = find_header(rows, columns)
        if header is not None and (best is None or len(header[0]) > len(best[1])):
            found, index, height = header
            best = (name, found, index + height, rows)
    return best
