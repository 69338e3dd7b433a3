"""The rows a workbook hides (by hand, or by a filter), read from its sheets' XML.

Why: calamine reads every row and says nothing of which ones Excel hides. A clerk who filters
the city's list down to her county and imports it sees a preview of her county's firms in
Excel but gets every county's: the import must say so. `.xlsx`/`.xlsm` only; other formats
(CSV has no hidden rows; `.xls`, `.ods` rarely carry filtered lists) give none.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from qcdesk.models.sheet_extent import xlsx_members

_CHUNK = 1 << 20
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*>")
_HIDDEN = re.compile(rb'\shidden\s*=\s*["\'](?:1|true)["\']')
_NUMBER = re.compile(rb'\sr\s*=\s*["\']([0-9]{1,7})["\']')
_LONGEST_TAG = 1 << 16  # a row tag is a few dozen bytes: an unfinished one longer is no row tag


def hidden_rows(path: Path) -> dict[str, list[int]]:
    """Sheet name → the numbers (as Excel shows them) of its hidden rows; {} for a workbook
    of another format or one that cannot be read (reading it says why)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            found = {name: _hidden_in(zf, member) for name, member in xlsx_members(zf) if member}
    except (OSError, zipfile.BadZipFile, expat.ExpatError, KeyError, ValueError, EOFError,
            RuntimeError, NotImplementedError):  # damaged, encrypted, or of an unknown method
        return {}
    return {name: rows for name, rows in found.items() if rows}


def _hidden_in(zf: zipfile.ZipFile, member: str) -> list[int]:
    hidden: list[int] = []
    number = 0  # a row without r="" follows the one before it
    carry = b""
    with zf.open(member) as xml:
        while chunk := xml.read(_CHUNK):
            data = carry + chunk
            end = 0
            for tag in _ROW_TAG.finditer(data):
                given = _NUMBER.search(tag.group())
                number = int(given.group(1)) if given else number + 1
                if _HIDDEN.search(tag.group()):
                    hidden.append(number)
                end = tag.end()
            cut = data.rfind(b"<", end)
            carry = data[cut:] if cut >= 0 and b">" not in data[cut:] else b""
            if len(carry) > _LONGEST_TAG:
                carry = b""
    return hidden
