"""Failed saves on a Chinese Windows laptop (review "windows" 2, 3, 12, 16): a file open in WPS/Excel
is named, with "close it first", and never the hidden .part side file; a virus scanner holding the
fresh side file for a moment is waited out. Windows is faked as repro/winsim.py did: sys.platform
and an os.replace that raises PermissionError 13 with winerror 5 (source, then target as filename2).
"""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.export import xlsx_writer
from qcdesk.export.files import write_atomically
from qcdesk.export.xlsx_writer import TEXT, Column, XlsxWriter
from qcdesk.models import file_replace
from qcdesk.models.os_errors import os_error_reason

REAL_REPLACE = os.replace


class WinPermissionError(PermissionError):
    """What Windows raises: errno 13 (EACCES) and its own error number."""

    def __init__(self, winerror: int, src: str, dst: str | None = None) -> None:
        super().__init__(errno.EACCES, "拒绝访问。", src, None, dst)
        self.winerror = winerror


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """sys.platform is win32; the retry's pauses are recorded, not slept."""
    monkeypatch.setattr("sys.platform", "win32")
    pauses: list[float] = []
    monkeypatch.setattr(file_replace, "_sleep", pauses.append)
    return pauses


def held_open(monkeypatch: pytest.MonkeyPatch, winerror: int = 5) -> list[str]:
    """os.replace onto an existing file fails as when WPS holds it open; returns the attempts."""
    attempts: list[str] = []

    def replace(src: str, dst: str) -> None:
        if os.path.exists(dst):
            attempts.append(str(src))
            raise WinPermissionError(winerror, str(src), str(dst))
        REAL_REPLACE(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return attempts


def test_access_denied_on_an_existing_file_on_windows_says_close_it(
        windows: list[float], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "预警.xlsx"
    target.write_bytes(b"old")
    replaced = WinPermissionError(5, str(tmp_path / ".预警.xlsx.x1.part"), str(target))
    opened = PermissionError(errno.EACCES, "Permission denied", str(target))  # the CRT: no winerror
    for exc in (replaced, opened):
        assert "可能正在 WPS/Excel 等程序中打开，请先关闭它" in os_error_reason(exc, writing=True)
        assert "否则是没有写入权限，请换一个文件夹" in os_error_reason(exc, writing=True)
        assert "WPS" in os_error_reason(exc, "en") and os_error_reason(exc, "en").isascii()
    new_file = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "new.xlsx"))
    assert "WPS" not in os_error_reason(new_file) and "没有权限" in os_error_reason(new_file)
    monkeypatch.setattr("sys.platform", "linux")  # elsewhere EACCES is only a permission
    assert "WPS" not in os_error_reason(opened)


def test_cli_save_onto_a_file_open_in_wps_names_it_and_says_close_it(
        windows: list[float], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "d.db"
    assert main(["demo", "--db", str(db), "--enterprises", "8", "--visits", "20",
                 "--today", "2026-11-20"]) == 0
    out = tmp_path / "公示.xlsx"
    out.write_bytes(b"the copy open in WPS")
    held_open(monkeypatch)
    capsys.readouterr()
    code = main(["publish", "--db", str(db), "--from", "2026-01-01", "--to", "2026-11-20",
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"无法读写文件 {out}：可能正在 WPS/Excel 等程序中打开，请先关闭它" in err, err
    assert ".part" not in err, err
    assert out.read_bytes() == b"the copy open in WPS"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_atomic_save_names_the_chosen_file_not_the_side_file(
        windows: list[float], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.workers import describe_error

    out = tmp_path / "报告.pdf"
    out.write_bytes(b"old")
    held_open(monkeypatch)
    with pytest.raises(PermissionError) as caught:
        write_atomically(out, lambda p: p.write_bytes(b"new"))
    assert caught.value.filename == str(out) and caught.value.filename2 is None
    assert describe_error(caught.value, "zh").startswith(f"无法读写文件 {out}：可能正在 WPS")
    book = tmp_path / "公示.xlsx"
    book.write_bytes(b"old")
    writer = XlsxWriter(book)
    writer.add_sheet("公示", [Column("名称", TEXT, 10)]).extend([["某企业"]])
    with pytest.raises(PermissionError) as caught:
        writer.close()
    assert caught.value.filename == str(book)
    # a side-file error from the write itself (disk full) names the chosen file too
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x.pdf.part"))
    with pytest.raises(OSError) as caught:
        write_atomically(tmp_path / "x.pdf", lambda p: (_ for _ in ()).throw(full))
    assert caught.value.filename == str(tmp_path / "x.pdf")


def test_a_scanner_holding_the_new_file_is_waited_out_on_windows(
        windows: list[float], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "笔录.pdf"
    busy = [32, 5]  # Defender, then 360: two refusals, then the rename goes through

    def replace(src: str, dst: str) -> None:
        if busy:
            raise WinPermissionError(busy.pop(0), str(src), str(dst))
        REAL_REPLACE(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    write_atomically(out, lambda p: p.write_bytes(b"%PDF"))
    assert out.read_bytes() == b"%PDF" and len(windows) == 2
    writer_busy = [5]
    busy[:] = writer_busy
    XlsxWriter(tmp_path / "a.xlsx").close()
    assert (tmp_path / "a.xlsx").exists() and len(windows) == 3
    # a file really open in WPS fails after about a second, not at once and not forever
    windows.clear()
    held = held_open(monkeypatch)
    with pytest.raises(PermissionError):
        write_atomically(out, lambda p: p.write_bytes(b"new"))
    assert len(held) == len(file_replace.RETRY_DELAYS) + 1
    assert 0.5 <= sum(windows) <= 1.5


def test_no_retry_off_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setattr(file_replace, "_sleep", lambda s: pytest.fail("slept off Windows"))
    out = tmp_path / "x.pdf"
    out.write_bytes(b"old")
    held = held_open(monkeypatch)
    with pytest.raises(PermissionError):
        write_atomically(out, lambda p: p.write_bytes(b"new"))
    assert len(held) == 1


def test_workbook_whose_zip_cannot_be_opened_leaves_no_side_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(path: object, *args: object, **kwargs: object) -> zipfile.ZipFile:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))  # a scanner has it

    monkeypatch.setattr(xlsx_writer.zipfile, "ZipFile", refused)
    target = tmp_path / "预警.xlsx"
    with pytest.raises(PermissionError) as caught:
        XlsxWriter(target)
    assert list(tmp_path.iterdir()) == []
    assert caught.value.filename == str(target)


def test_a_raw_rename_error_names_its_target(windows: list[float], tmp_path: Path) -> None:
    """A rename that failed outside the shared helper still names the target, in the GUI and the CLI."""
    from qcdesk.cli import os_error_text
    from qcdesk.ui.workers import describe_error

    target = tmp_path / "备份.db"
    target.write_bytes(b"old")
    exc = WinPermissionError(5, str(tmp_path / "备份.db.part"), str(target))
    assert describe_error(exc, "zh").startswith(f"无法读写文件 {target}：")
    assert os_error_text(exc).startswith(f"无法读写文件 {target}：")
