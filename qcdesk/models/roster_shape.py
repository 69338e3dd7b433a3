"""Refusing an enterprise list whose columns slipped (a column inserted or deleted in Excel).

Each row of such a list only "has a bad phone", so row by row it was imported: every firm's
address became its industry and its contact its address. The whole file is looked at first,
column by column, with the checks a cell already gets (phone, licence, credit code): a column
holding another column's values (addresses under 联系人, phones under 许可证编号) is what a
shift leaves, and refuses the file before anything is written. A column failing its own shape
(every phone bad, every address 同上) is no such evidence: two of them refused honest messy
lists whole, so they are only warned of cell by cell. 同上 and its kind count as empty, and a
cell is read as roster_cells reads it (手机：139…, 鄂XK13-006-00120).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from qcdesk.models.codes import check_licence, licence_kind, normalize_uscc
from qcdesk.models.enterprise_checks import NOT_GIVEN, phone_issues
from qcdesk.models.roster_cells import is_ditto, roster_licence, roster_phone
from qcdesk.models.roster_reading import cell_text, first_given

MIN_CELLS = 3  # a column is judged on at least this many filled cells
SHARE = 0.8  # ... of which at least this share must be wrong

_ADDRESS_WORD = re.compile(r"[省市县区镇乡村路街道巷弄号园组栋楼室]|[0-9]")  # any address has one
_STREET = re.compile(r"[路街巷弄镇乡村]|大道|[0-9]+号")  # a street address, not a name or product


def is_phone(text: str) -> bool:
    """A phone number as the enterprise file accepts it (a missing area code only warns), read
    as the list import reads it (手机：139…（微信同号）)."""
    value = roster_phone(text)
    return any(ch.isdigit() for ch in value) and not any(
        not issue.warning for issue in phone_issues("contact_phone", value))


def is_licence(text: str) -> bool:
    """Shaped like a licence number (XK, SC or QS), right check digit or not."""
    return licence_kind(check_licence(text).value) is not None


def _licence_or_words(text: str) -> bool:
    """A licence column's own shape: a number, or words only (暂无, 未办理 say there is none)."""
    return is_licence(roster_licence(text)) or re.search(r"[0-9A-Za-z]", text) is None


def is_code(text: str) -> bool:
    """Shaped like a credit code (18 characters) or an old registration number (15 digits)."""
    return re.fullmatch(r"[0-9A-Z]{18}|[0-9]{15}", normalize_uscc(text)) is not None


def is_street(text: str) -> bool:
    """A street address: long, with a road, town or house number in it."""
    return len(text) >= 6 and _STREET.search(text) is not None


def _is_address(text: str) -> bool:
    return _ADDRESS_WORD.search(text) is not None


# what a cell of each kind is called, (zh, en), plural as said of a column
_KINDS: dict[str, tuple[Callable[[str], bool], tuple[str, str]]] = {
    "phone": (is_phone, ("电话号码", "phone numbers")),
    "licence": (is_licence, ("许可证编号", "licence numbers")),
    "licence_or_words": (_licence_or_words, ("许可证编号", "licence numbers")),
    "code": (is_code, ("统一社会信用代码", "credit codes")),
    "street": (is_street, ("地址", "addresses")),
    "address": (_is_address, ("地址", "addresses")),
}
# column -> (its own shape or "", the kinds of other columns it must not hold)
_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "uscc": ("code", ("phone", "licence")),
    "name": ("", ("phone", "licence", "code")),
    "industry": ("", ("street", "phone", "licence", "code")),
    "address": ("address", ("phone", "licence", "code")),
    "contact_name": ("", ("street", "phone", "licence", "code")),
    "contact_phone": ("phone", ("street", "licence", "code")),
    "licence_no": ("licence_or_words", ("phone", "code")),
    "licence_expires": ("", ("licence", "phone", "code")),
    "legal_representative": ("", ("street", "phone", "licence", "code")),
    "main_products": ("", ("street", "phone", "licence", "code")),
}


def shifted_columns(sheets: Sequence[Any], labels: dict[str, str]) -> list[tuple[str, str]]:
    """(zh, en) of each column that looks slipped, in sheet and column order; [] when the file
    may be imported. A file is refused when a column holds another column's values; the other
    suspect columns of that sheet are then named too (the address holding the industry)."""
    found: list[tuple[str, str]] = []
    for sheet in sheets:
        suspects: list[tuple[bool, tuple[str, str]]] = []  # (holds another column's values, words)
        for key in sorted(sheet.header, key=lambda k: min(sheet.header[k], default=0)):
            if key not in _COLUMNS:
                continue
            cells = _cells(sheet, key)
            if len(cells) < MIN_CELLS:
                continue
            where = labels.get(key, key), sheet.name if len(sheets) > 1 else ""
            own, others = _COLUMNS[key]
            other = _most(cells, others, True)
            if other is not None:
                suspects.append((True, _said(where, len(cells), other, True)))
            elif own and (wrong := _most(cells, (own,), False)) is not None:
                suspects.append((False, _said(where, len(cells), wrong, False)))
        if any(held for held, _words in suspects):
            found.extend(words for _held, words in suspects)
    return found


def _cells(sheet: Any, key: str) -> list[tuple[int, str]]:
    """(row number as Excel shows it, text) of the column's filled cells ("无", "/", 同上 are empty)."""
    cells = []
    for offset, raw in enumerate(sheet.rows[sheet.first_data:]):
        text = cell_text(first_given(raw, sheet.header[key]))
        if text.strip() not in NOT_GIVEN and not is_ditto(text):
            cells.append((sheet.first_data + 1 + offset, text))
    return cells


def _most(cells: list[tuple[int, str]], kinds: tuple[str, ...], like: bool
          ) -> tuple[str, list[tuple[int, str]]] | None:
    """The first kind that (nearly) every cell is (`like`) or is not, with those cells."""
    for kind in kinds:
        odd = [(row, text) for row, text in cells if _KINDS[kind][0](text) == like]
        if len(odd) >= SHARE * len(cells):
            return kind, odd
    return None


def _said(where: tuple[str, str], count: int, found: tuple[str, list[tuple[int, str]]],
          held: bool) -> tuple[str, str]:
    """One column in words, (zh, en), with its first odd cell as the example."""
    (label, sheet), (kind, odd) = where, found
    zh_kind, en_kind = _KINDS[kind][1]
    row, text = odd[0]
    zh_where = f"工作表“{sheet}”“{label}”列" if sheet else f"“{label}”列"
    en_where = f"column “{label}” of sheet “{sheet}”" if sheet else f"column “{label}”"
    zh_what = f"像{zh_kind}" if held else f"不像{zh_kind}"
    en_what = f"look like {en_kind}" if held else f"are not {en_kind}"
    return (f"{zh_where} {count} 格中有 {len(odd)} 格{zh_what}（如第{row}行“{text}”）",
            f"{en_where}: {len(odd)} of {count} cells {en_what} (e.g. row {row}: “{text}”)")
