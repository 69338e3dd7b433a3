"""A database on a network drive or in a synced folder is warned about (review "windows" C).

A county office puts one .db on \\\\server\\share, a mapped drive or in OneDrive-synced Documents
(Windows 11 puts Documents in OneDrive by default). SQLite's locks do not hold on a network file
system and a sync client copies the -wal/-shm mid-write and makes conflict copies: the database
can be damaged and records lost. Nothing said so. Now the CLI says it once per command on stderr
and the main window shows a warning in its status bar while such a file is open, each with what
to do; the file is still opened. The mount table, the platform, the Windows drive type and the
environment are faked here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot
from small_screen import started_shell

from qcdesk.cli import main
from qcdesk.models import storage_place
from qcdesk.models.storage_place import NETWORK, SYNC, shared_storage
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

MOUNTS = """sysfs /sys sysfs rw,nosuid 0 0
/dev/sda2 / ext4 rw,relatime 0 0
//nas/质量 /mnt/县局\\040共享 cifs rw,vers=3.0 0 0
nas:/export /srv/nfs nfs4 rw 0 0
/dev/sdb1 /srv/nfs/local ext4 rw 0 0
zs@laptop:/home/zs /home/me/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize(("path", "place"), [
    ("/mnt/县局 共享/qcdesk.db", "cifs /mnt/县局 共享"),
    ("/srv/nfs/county/qcdesk.db", "nfs4 /srv/nfs"),
    ("/home/me/remote/qcdesk.db", "fuse.sshfs /home/me/remote"),
])
def test_a_database_on_a_linux_network_mount_is_found(path: str, place: str) -> None:
    found = shared_storage(path, platform="linux", mounts=MOUNTS, environ={})
    assert found is not None and (found.kind, found.place) == (NETWORK, place)


@pytest.mark.parametrize("path", ["/home/me/qcdesk.db", "/srv/nfs/local/qcdesk.db", "/mnt/县局/qcdesk.db"])
def test_a_database_on_a_local_disk_is_not(path: str) -> None:
    assert shared_storage(path, platform="linux", mounts=MOUNTS, environ={}) is None


def local(_root: str) -> int:
    return 3  # DRIVE_FIXED


@pytest.mark.parametrize(("path", "place"), [
    (r"\\server\质量科\qcdesk.db", r"\\server\质量科"),
    (r"\\?\UNC\server\share\qcdesk.db", r"\\server\share"),
    ("//server/share/qcdesk.db", r"\\server\share"),
])
def test_a_unc_path_is_a_network_drive(path: str, place: str) -> None:
    found = shared_storage(path, platform="win32", drive_type=local, environ={})
    assert found is not None and (found.kind, found.place) == (NETWORK, place)


def test_a_mapped_drive_is_asked_of_windows() -> None:
    asked: list[str] = []

    def remote(root: str) -> int:
        asked.append(root)
        return 4 if root == "Z:\\" else 3

    found = shared_storage(r"Z:\质量\qcdesk.db", platform="win32", drive_type=remote, environ={})
    assert found is not None and (found.kind, found.place) == (NETWORK, "Z:") and asked == ["Z:\\"]
    assert shared_storage(r"D:\质量\qcdesk.db", platform="win32", drive_type=remote, environ={}) is None
    assert storage_place.windows_drive_type("C:\\") == 0  # not on Windows: no answer, no error


@pytest.mark.parametrize(("path", "place"), [
    (r"C:\Users\张三\OneDrive\文档\qcdesk.db", "OneDrive"),
    (r"C:\Users\张三\OneDrive - 咸宁市市场监督管理局\文档\qcdesk.db", "OneDrive - 咸宁市市场监督管理局"),
    (r"C:\Users\张三\Nutstore\我的坚果云\qcdesk.db", "Nutstore"),
    (r"D:\坚果云\质量\qcdesk.db", "坚果云"),
    (r"D:\BaiduSyncdisk\qcdesk.db", "BaiduSyncdisk"),
    (r"D:\百度网盘同步空间\qcdesk.db", "百度网盘同步空间"),
    (r"D:\BaiduNetdiskWorkspace\质监\qcdesk.db", "BaiduNetdiskWorkspace"),  # 百度网盘 工作空间
    (r"C:\Users\张三\WPSDrive\301234567\WPS云盘\质监\qcdesk.db", "WPSDrive"),  # WPS 云盘
    (r"D:\WPS云盘\qcdesk.db", "WPS云盘"),
    (r"C:\Users\张三\Documents\WPS Cloud Files\301234567\qcdesk.db", "WPS Cloud Files"),
    (r"C:\Users\张三\Dropbox\qcdesk.db", "Dropbox"),
    (r"C:\Users\张三\iCloudDrive\qcdesk.db", "iCloudDrive"),
])
def test_a_windows_sync_folder_is_found_by_its_name(path: str, place: str) -> None:
    found = shared_storage(path, platform="win32", drive_type=local, environ={})
    assert found is not None and (found.kind, found.place) == (SYNC, place)


def test_onedrive_where_windows_says_it_is_even_renamed() -> None:
    environ = {"OneDriveCommercial": "E:\\单位云盘\\"}
    found = shared_storage(r"e:\单位云盘\质量\qcdesk.db", platform="win32", drive_type=local, environ=environ)
    assert found is not None and found.kind == SYNC
    beside = r"E:\单位云盘2\qcdesk.db"
    assert shared_storage(beside, platform="win32", drive_type=local, environ=environ) is None
    assert shared_storage(r"C:\Users\张三\Documents\qcdesk.db", platform="win32", drive_type=local,
                          environ=environ) is None


def test_a_sharepoint_library_onedrive_for_work_syncs_beside_it() -> None:
    """OneDrive for work (`OneDrive - 单位`) syncs a SharePoint/Teams library into a folder named
    after the organisation beside it; other `X - Y` folders there are not warned about."""
    environ = {"OneDriveCommercial": "C:\\Users\\李\\OneDrive - 咸宁市市场监督管理局"}
    library = r"C:\Users\李\咸宁市市场监督管理局\质监科 - 文档\qcdesk.db"
    found = shared_storage(library, platform="win32", drive_type=local, environ=environ)
    assert found is not None and (found.kind, found.place) == (SYNC, "咸宁市市场监督管理局")
    assert "同步文件夹中（咸宁市市场监督管理局）" in found.text("zh")
    for ordinary in (r"C:\Users\李\咸宁市市场监督管理局资料\qcdesk.db",
                     r"C:\Users\李\Documents\2026 - 抽查\qcdesk.db", r"D:\咸宁市市场监督管理局\qcdesk.db"):
        assert shared_storage(ordinary, platform="win32", drive_type=local, environ=environ) is None
    # without OneDrive for work on this computer, such a folder is nobody's sync folder
    assert shared_storage(library, platform="win32", drive_type=local,
                          environ={"OneDrive": "C:\\Users\\李\\OneDrive"}) is None


def test_the_warning_says_the_risk_and_what_to_do() -> None:
    found = shared_storage(r"\\server\share\qcdesk.db", platform="win32", drive_type=local, environ={})
    assert found is not None
    zh = found.text("zh", r"C:\Users\张三\AppData\Local\QCDesk\QCDesk")
    assert "网络盘" in zh and "损坏数据库" in zh and "丢失记录" in zh
    assert "请把数据库放在本机硬盘上（如 C:\\Users\\张三\\AppData\\Local\\QCDesk\\QCDesk）" in zh
    assert "签名数据包" in zh and "备份可以存到网络盘上" in zh
    synced = shared_storage(r"C:\Users\张三\OneDrive\qcdesk.db", platform="win32", drive_type=local,
                            environ={})
    assert synced is not None
    zh = synced.text("zh")
    assert "同步文件夹中（OneDrive）" in zh and "-wal" in zh and "冲突副本" in zh
    assert "本机不同步的文件夹" in zh
    assert "synced folder (OneDrive)" in synced.text("en")


# --- what the user sees ------------------------------------------------------------------------

@pytest.fixture
def synced_db(tmp_path: Path) -> Path:
    folder = tmp_path / "OneDrive - 咸宁市市场监督管理局" / "文档"
    folder.mkdir(parents=True)
    Store.open(folder / "qcdesk.db", author="test").close()
    return folder / "qcdesk.db"


def test_the_cli_warns_once_per_command_and_still_works(synced_db: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    for _ in range(2):  # each command says it again, once
        assert main(["warnings", "--db", str(synced_db)]) == 0
        err = capsys.readouterr().err
        assert err.count("警告：数据库文件") == 1, err
        assert "同步文件夹中（OneDrive - 咸宁市市场监督管理局）" in err and "签名数据包" in err
    local_db = tmp_path / "本机" / "qcdesk.db"
    local_db.parent.mkdir()
    Store.open(local_db, author="test").close()
    assert main(["warnings", "--db", str(local_db)]) == 0
    assert "警告" not in capsys.readouterr().err


def test_the_cli_warns_of_a_network_mount(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    share = tmp_path / "share"
    share.mkdir()
    Store.open(share / "qcdesk.db", author="test").close()
    monkeypatch.setattr(storage_place, "_read_mounts",
                        lambda: f"/dev/sda2 / ext4 rw 0 0\n//nas/质量 {share.resolve()} cifs rw 0 0\n")
    assert main(["audit", "verify", "--db", str(share / "qcdesk.db")]) == 0
    err = capsys.readouterr().err
    assert err.count("警告：") == 1 and "在网络盘上（cifs" in err and "本机硬盘" in err


def test_the_window_shows_the_warning_while_such_a_database_is_open(
        qtbot: QtBot, paths: AppPaths, synced_db: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shell = next(started := started_shell(qtbot, paths, synced_db, "zh_CN", monkeypatch))
    try:
        notice = shell.window.findChild(QToolButton, "storageNotice")
        assert notice is not None and notice.isVisible()
        assert "同步文件夹" in notice.text()
        assert "冲突副本" in notice.toolTip() and str(paths.data_dir) in notice.toolTip()
        notice.click()
        box = shell.window.findChild(QMessageBox, "storageNoticeBox")
        assert box is not None and box.isVisible() and "本机不同步的文件夹" in box.text()
        box.close()
        shell.window.statusBar().showMessage("别的消息", 1000)  # a passing message does not hide it
        assert notice.isVisible()
        local_db = tmp_path / "本机" / "qcdesk.db"
        local_db.parent.mkdir()
        Store.open(local_db, author="test").close()
        assert shell.open_database(local_db, snapshot=False, ask=False)
        assert not notice.isVisible()
    finally:
        next(started, None)
