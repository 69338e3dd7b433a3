"""Whether a database file sits on a network drive or in a folder a sync client copies.

SQLite's locks are unreliable on network file systems (and WAL needs shared memory they do not
give), and OneDrive (and the SharePoint libraries it syncs), WPS 云盘, 坚果云, 百度网盘
(同步空间, 工作空间) or Dropbox copy the database and its -wal/-shm while QCDesk writes them
and leave conflict copies: either can damage the file or lose records.
A county office putting one `.db` on `\\\\server\\share` or in OneDrive-synced Documents is likely, so
the CLI and the GUI warn (never refuse) with what to do (messages `open.network_drive`,
`open.sync_folder`). Nothing here touches the file; the platform, the mount table, the Windows
drive type and the environment can be given, so that tests fake them.
"""

from __future__ import annotations

import ntpath
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from qcdesk.models.messages import message

NETWORK = "network"
SYNC = "sync"
# /proc/mounts types of network file systems (a fuse.* type is a network one only when listed)
NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "9p", "ceph", "glusterfs",
    "fuse.sshfs", "sshfs", "fuse.rclone", "fuse.davfs", "davfs", "fuse.s3fs", "fuse.gvfsd-fuse",
})
# folder names sync clients make (compared case-insensitively); a prefix for the named variants
SYNC_FOLDERS = frozenset({
    "onedrive", "坚果云", "我的坚果云", "nutstore", "nutstore files", "百度网盘同步空间", "baidusyncdisk",
    "baidunetdiskworkspace",  # 百度网盘 工作空间, the successor of 同步空间
    "wpsdrive", "wps云盘", "wps cloud files",  # WPS 云盘: …\WPSDrive\<id>\WPS云盘, older …\WPS Cloud Files
    "dropbox", "iclouddrive", "icloud drive", "mobile documents", "cloudstorage",
})
SYNC_PREFIXES = ("onedrive - ", "onedrive-", "dropbox (")  # OneDrive - 单位名称, macOS OneDrive-单位
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
ONEDRIVE_WORK = "onedrive - "  # OneDrive for work: `%USERPROFILE%\OneDrive - <organisation>`
DRIVE_REMOVABLE, DRIVE_REMOTE = 2, 4  # GetDriveTypeW: a USB stick or card, a network drive


@dataclass(frozen=True)
class SharedStorage:
    """A database on a network drive (`kind` NETWORK) or in a sync folder (SYNC); `place` names
    the share, mount or folder as the user would recognise it."""

    path: str
    kind: str
    place: str

    def text(self, lang: str = "zh", suggest: Path | str | None = None) -> str:
        """The warning: what can go wrong and what to do; `suggest` is a folder on this
        computer's own disk to name (the app's own data folder)."""
        rule = "open.network_drive" if self.kind == NETWORK else "open.sync_folder"
        if suggest is None:
            suggest = "this computer's own disk" if lang.startswith("en") else "本机硬盘上的文件夹"
        return message(rule, lang, path=self.path, place=self.place, suggest=suggest)


def _unescape(field: str) -> str:
    """/proc/mounts writes a space as \\040 (and tab, newline, backslash likewise)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _read_mounts() -> str:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return ""


def _posix_network(path: PurePosixPath, mounts: str) -> str | None:
    """`fstype mountpoint` of the mount holding `path` when it is a network one (the longest
    mount point wins; of two at the same point, the later, which hides the earlier)."""
    best: tuple[str, str] | None = None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2].lower()
        holds = path == PurePosixPath(point) or PurePosixPath(point) in path.parents
        if holds and (best is None or len(point) >= len(best[0])):
            best = (point, fstype)
    if best is not None and best[1] in NETWORK_FS:
        return f"{best[1]} {best[0]}"
    return None


def windows_drive_type(root: str) -> int:
    """GetDriveTypeW of a drive root such as `Z:\\`; 0 (unknown) where it cannot be asked."""
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - not Windows, or no kernel32: nothing to say
        return 0


def _windows_network(path: PureWindowsPath, drive_type: Callable[[str], int]) -> str | None:
    """The share of a UNC path (`\\\\server\\share`, also `\\\\?\\UNC\\…`) or a mapped drive letter."""
    text = str(path)
    if text.startswith("\\\\?\\UNC\\"):
        path, text = PureWindowsPath("\\\\" + text[8:]), "\\\\" + text[8:]
    elif text.startswith(("\\\\?\\", "\\\\.\\")):
        path = PureWindowsPath(text[4:])
    drive = path.drive
    if drive.startswith("\\\\"):
        return drive
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE:
        return drive
    return None


def _sync_folder(parts: tuple[str, ...], windows: bool, path: str,
                 environ: Mapping[str, str]) -> str | None:
    """The sync folder holding the file, by the folder names sync clients make or by where
    Windows says OneDrive is (%OneDrive%, renamed folders too)."""
    for part in parts[:-1]:
        folded = part.casefold()
        if folded in SYNC_FOLDERS or folded.startswith(SYNC_PREFIXES):
            return part
    if windows:
        for variable in ONEDRIVE_VARIABLES:
            root = environ.get(variable, "").rstrip("\\/")
            for synced in (root, _sharepoint_root(root)):
                if synced and (path.casefold() + "\\").startswith(synced.casefold() + "\\"):
                    return ntpath.basename(synced) or synced
    return None


def _sharepoint_root(onedrive: str) -> str:
    """Where OneDrive for work syncs SharePoint/Teams libraries: beside `…\\OneDrive - <单位>`, a
    folder named after the organisation (`…\\<单位>\\<站点> - 文档`). Known only from where Windows
    says OneDrive for work is: a folder name alone (any `X - Y`) would warn about ordinary ones."""
    name = ntpath.basename(onedrive)
    if not name.casefold().startswith(ONEDRIVE_WORK) or not name[len(ONEDRIVE_WORK):].strip():
        return ""
    return ntpath.join(ntpath.dirname(onedrive), name[len(ONEDRIVE_WORK):].strip())


def shared_storage(path: Path | str, *, platform: str | None = None, mounts: str | None = None,
                   drive_type: Callable[[str], int] | None = None,
                   environ: Mapping[str, str] | None = None) -> SharedStorage | None:
    """Where the database `path` lives, when that place is risky for it; None for a local disk.

    A path that does not exist yet (a new database) is judged by its folders."""
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    windows = platform.startswith("win")
    native = (os.name == "nt") == windows
    if windows:
        text = ntpath.abspath(str(path)) if native else str(path)
        win = PureWindowsPath(text)
        share = _windows_network(win, drive_type or windows_drive_type)
        parts = win.parts
    else:
        try:
            text = str(Path(path).resolve()) if native else str(path)
        except (OSError, RuntimeError):
            text = os.path.abspath(path)
        posix = PurePosixPath(text)
        share = None
        if platform.startswith("linux"):
            share = _posix_network(posix, _read_mounts() if mounts is None else mounts)
        parts = posix.parts
    if share is not None:
        return SharedStorage(text, NETWORK, share)
    folder = _sync_folder(parts, windows, text, environ)
    return SharedStorage(text, SYNC, folder) if folder is not None else None
