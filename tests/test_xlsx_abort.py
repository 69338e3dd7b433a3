"""A spreadsheet that cannot be finished (a full disk) leaves no file and no open handle: the
garbage collector would otherwise fail again later and print a traceback long after the user
saw the real, one-line message."""

from __future__ import annotations

import errno
import gc
import sys
import zipfile
from pathlib import Path

import pytest

from qcdesk.export.xlsx_writer import TEXT, Column, XlsxWriter


def test_a_failed_member_close_leaves_nothing_open(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)

    def disk_full(self: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "企业.xlsx"
    # the error comes from close, after a sheet was written
    with pytest.raises(OSError, match="No space"), XlsxWriter(out) as book:  # noqa: PT012
        sheet = book.add_sheet("企业", [Column("名称", TEXT)])
        sheet.append(["咸宁企业"])
        monkeypatch.setattr(zipfile._ZipWriteFile, "close", disk_full)
        book.close()
    monkeypatch.undo()
    gc.collect()
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []
