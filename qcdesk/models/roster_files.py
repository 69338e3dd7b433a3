"""Opening an enterprise list file: a workbook (xlsx, xlsm, xls, ods) or a CSV file.

A county clerk often has the list as CSV (saved from Excel or WPS, or exported from another
system). Chinese Excel writes CSV in GBK, "CSV UTF-8" writes UTF-8 with a BOM, other systems
UTF-8 without one; the encoding is detected, every cell stays text (a credit code or phone
number never becomes a number), and the rows then go through the same header recognition and
row checks as a workbook's. Whatever cannot be read becomes one `RosterFileError` saying what to
do, never a library's English.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from qcdesk.models.roster_reading import Column, best_sheet

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_SNIFF_CHARS = 64 * 1024


def load_sheets(path: Path) -> list[tuple[str, list[list[Any]]]]:
    """(sheet name, rows) of every sheet in `path`; a CSV file is one sheet named after the file."""
    from qcdesk.models.roster import RosterFileError

    path = Path(path)
    if not path.is_file():
        raise RosterFileError("roster.not_found", path=path)
    if path.suffix.lower() in CSV_SUFFIXES:
        return [(path.stem, read_csv_rows(path))]
    return _load_workbook(path)


def pick_sheet(path: Path, columns: Sequence[Any], error: Callable[..., Exception]
               ) -> tuple[str, dict[str, list[int]], int, list[list[Any]]]:
    """The sheet of `path` whose header names the most `columns` (see `best_sheet`), every
    required column present. `error(rule, **params)` makes the list kind's own one-line refusal
    (``roster.no_header``, ``roster.missing_column``): each kind names its own columns."""
    cols: Sequence[Column] = columns
    best = best_sheet(load_sheets(path), cols)
    if best is None:
        raise error("roster.no_header", path=path)
    lacking = [c for c in columns if c.required and c.key not in best[1]]
    if lacking:
        accepted = "；".join(f"{c.header}：" + "、".join(f"“{a}”" for a in c.aliases[:4]) for c in lacking)
        raise error("roster.missing_column", path=path, columns="、".join(c.header for c in lacking),
                    accepted=accepted)
    return best


def _load_workbook(path: Path) -> list[tuple[str, list[list[Any]]]]:
    from python_calamine import CalamineWorkbook, PasswordError

    from qcdesk.models.roster import RosterFileError

    try:
        book = CalamineWorkbook.from_path(str(path))
        return [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in book.sheet_names]
    except PasswordError as exc:
        raise RosterFileError("roster.encrypted", path=path) from exc
    except BaseException as exc:  # calamine raises several types; a Rust panic is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower() or _is_ole_encrypted(path):
            raise RosterFileError("roster.encrypted", path=path) from exc
        if _looks_like_text(path):  # a CSV file saved under a workbook's name
            return [(path.stem, read_csv_rows(path))]
        raise RosterFileError("roster.not_spreadsheet", path=path) from exc


def _is_ole_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 compound file holding an 'EncryptedPackage' stream."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    return head.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in head


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head or b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        text = _decode(head, partial=True)
    except UnicodeDecodeError:
        return False
    return any(sep in text for sep in ",\t;") and "\n" in text


def _decode(data: bytes, partial: bool = False) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK, which
    Chinese Excel writes). UnicodeDecodeError when none fits. `partial`: `data` may end inside
    a character (a file's first bytes)."""
    errors = "ignore" if partial else "strict"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            if partial and exc.start >= len(data) - 3:  # cut inside the last character
                return data[:exc.start].decode(encoding)
    raise UnicodeDecodeError("gb18030", data, 0, 1, "neither UTF-8 nor GBK")


def read_csv_rows(path: Path) -> list[list[str]]:
    """Rows of a CSV (or tab-separated) file as text cells, the encoding detected."""
    from qcdesk.models.roster import RosterFileError

    try:
        data = Path(path).read_bytes()
        text = _decode(data)
    except UnicodeDecodeError as exc:
        raise RosterFileError("roster.csv_encoding", path=path) from exc
    head = "\n".join(text[:_SNIFF_CHARS].splitlines()[:20])
    delimiter = max(",\t;", key=head.count)  # the Sniffer guesses wrong on short Chinese lines
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise RosterFileError("roster.not_spreadsheet", path=path) from exc
