"""Every file chooser of the app (save, open, folder), opening in a folder the user can find.

Why one module (review "windows" 7): the save dialogs were handed a bare file name, which Qt
resolves against the process's working folder. Started from a Windows shortcut, that is the
program folder under Program Files, where saving fails or is silently redirected. Each kind of
file now starts in the folder last used for it, kept in the app's settings. The first time,
it starts in the user's Documents, never the working folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from qcdesk.ui.forms import app_settings
from qcdesk.ui.settings_values import stored_text

FOLDER_PREFIX = "folders/"  # + kind: the folder a file of that kind was last saved to or opened from
OLD_KEYS = {"lists": "lists/export_folder"}  # kept where a kind was remembered before this module


def _key(kind: str) -> str:
    return OLD_KEYS.get(kind, FOLDER_PREFIX + kind)


def documents_folder() -> Path:
    """The user's Documents (Windows: 文档), or the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _settings(parent: QWidget | None, settings: QSettings | None) -> QSettings:
    own = getattr(parent, "settings", None)  # a page or editor given its own settings
    return app_settings(settings or (own if isinstance(own, QSettings) else None))


def start_folder(kind: str, parent: QWidget | None = None, settings: QSettings | None = None,
                 default: Path | None = None) -> Path:
    """The folder last used for `kind` while it still exists, else `default` or Documents."""
    stored = stored_text(_settings(parent, settings), _key(kind))
    if stored and Path(stored).is_absolute() and Path(stored).is_dir():
        return Path(stored)
    return default if default is not None else documents_folder()


def proposed_path(kind: str, name: str, parent: QWidget | None = None,
                  settings: QSettings | None = None) -> Path:
    """`name` in the kind's start folder; a name that is already a whole path stays as it is."""
    given = Path(name)
    if given.is_absolute():
        return given
    return start_folder(kind, parent, settings) / given.name


def remember(kind: str, path: Path, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
    """Keep the folder of `path` (or `path`, a folder) as where the next `kind` file starts."""
    folder = path if path.is_dir() else path.parent
    _settings(parent, settings).setValue(_key(kind), str(folder))


def save_file(parent: QWidget | None, kind: str, title: str, name: str, filters: str,
              settings: QSettings | None = None) -> Path | None:
    """The save dialog proposing `name` in the kind's folder; the chosen file, or None."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(proposed_path(kind, name, parent, settings)),
                                            filters)
    if not chosen:
        return None
    remember(kind, Path(chosen), parent, settings)
    return Path(chosen)


def open_file(parent: QWidget | None, kind: str, title: str, filters: str,
              settings: QSettings | None = None, default: Path | None = None) -> Path | None:
    """The open dialog in the kind's folder (else `default`, else Documents); the file, or None."""
    folder = start_folder(kind, parent, settings, default)
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    if not chosen:
        return None
    remember(kind, Path(chosen), parent, settings)
    return Path(chosen)


def open_files(parent: QWidget | None, kind: str, title: str, filters: str,
               settings: QSettings | None = None) -> list[Path]:
    """The open dialog for several files in the kind's folder; the files chosen (maybe none)."""
    folder = start_folder(kind, parent, settings)
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, str(folder), filters)
    if chosen:
        remember(kind, Path(chosen[0]), parent, settings)
    return [Path(c) for c in chosen]


def choose_folder(parent: QWidget | None, kind: str, title: str, settings: QSettings | None = None,
                  default: Path | None = None) -> Path | None:
    """The folder dialog starting in the kind's folder; the folder chosen, or None."""
    folder = start_folder(kind, parent, settings, default)
    chosen = QFileDialog.getExistingDirectory(parent, title, str(folder))
    if not chosen:
        return None
    remember(kind, Path(chosen), parent, settings)
    return Path(chosen)


def open_or_new_file(parent: QWidget | None, title: str, filters: str, folder: Path) -> Path | None:
    """An open dialog in `folder` that also takes the name of a file not made yet (a new database)."""
    dialog = QFileDialog(parent, title, str(folder), filters)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    if dialog.exec() and dialog.selectedFiles():
        return Path(dialog.selectedFiles()[0])
    return None
