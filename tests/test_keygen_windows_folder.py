"""On Windows a secret key outside the user's profile is readable by whoever opens its folder
(review "windows" 14).

keygen writes the .key with mode 0o600, which Windows ignores: the file takes its folder's
permissions. `qcdesk keygen --out` a USB stick, D:\\ or a shared folder therefore left a key that
only its passphrase protects, and keygen said "妥善保管" as if the file were private. Now keygen
says so on Windows and names the default keys folder. Windows is faked: the platform, the
profile folder (%USERPROFILE%) and the drive type.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import platformdirs  # noqa: F401 - its platform is chosen on import: before sys.platform is faked
import pytest

from qcdesk.cli import main
from qcdesk.exchange import key_files
from qcdesk.exchange.key_files import key_open_to_others

PROFILE = {"USERPROFILE": "C:\\Users\\张三"}


def fixed(_root: str) -> int:
    return 3  # DRIVE_FIXED


@pytest.mark.parametrize(("folder", "drive", "open_to_others"), [
    (r"C:\Users\张三\AppData\Local\QCDesk\QCDesk\keys", 3, False),  # the default keys folder
    (r"c:\users\张三\Desktop\密钥", 3, False),  # in the profile, whatever the case
    (r"C:\Users\张三2\keys", 3, True),  # another user's folder, not a sub-folder of this one
    (r"D:\质量\密钥", 3, True),  # a second disk: its folders are open to every user by default
    (r"E:\密钥", 2, True),  # a USB stick
    (r"Z:\密钥", 4, True),  # a mapped network drive
    (r"\\server\share\密钥", 3, True),
])
def test_where_a_secret_key_is_open_to_others_on_windows(folder: str, drive: int,
                                                         open_to_others: bool) -> None:
    assert key_open_to_others(Path(folder), platform="win32", environ=PROFILE,
                              drive_type=lambda _root: drive) is open_to_others


def test_elsewhere_the_file_mode_protects_it() -> None:
    assert key_open_to_others(Path("/media/u盘/密钥"), platform="linux", environ={}) is False
    assert key_open_to_others(Path(r"D:\密钥"), platform="win32", environ={}, drive_type=fixed) is False


def keygen(out: Path, tmp_path: Path) -> int:
    passphrase = tmp_path / "口令.txt"
    passphrase.write_text("一段足够长的口令 correct horse\n", encoding="utf-8")
    return main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(out), "--light",
                 "--passphrase-file", str(passphrase)])


def test_keygen_on_windows_says_only_the_passphrase_protects_a_key_on_a_usb_stick(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(key_files, "sys", SimpleNamespace(platform="win32"))  # key_files' view only
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "张三"))
    assert keygen(tmp_path / "U盘", tmp_path) == 0
    out = capsys.readouterr()
    assert "私钥 secret key" in out.out
    assert "只有口令在保护它" in out.err and "默认的密钥文件夹" in out.err and "keys" in out.err
    assert keygen(tmp_path / "张三" / "AppData" / "keys", tmp_path) == 0  # inside the profile
    assert "口令" not in capsys.readouterr().err
