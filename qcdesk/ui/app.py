"""Starting the desktop app: QApplication, translators, settings, the database and the demo.

`run_gui(args, paths)` is what `qcdesk` runs without a sub-command. The window is shown first
and the database opened right after, so the user sees the app at once; a database that cannot
be opened gives a dialog that says what to do, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from qcdesk.paths import AppPaths
from qcdesk.ui.settings_values import stored_text
from qcdesk.ui.translation_check import needed_files, tell_unloaded, translations_dir

if TYPE_CHECKING:  # the core is imported after the window is up (see `run_gui`)
    from qcdesk.models.instance_lock import InstanceLock
    from qcdesk.models.snapshots import Snapshot
    from qcdesk.models.store import Store
    from qcdesk.ui.workers import Job

_Q = QCoreApplication  # `_Q.translate("Shell", "…")` keeps the strings visible to lupdate
TRANSLATIONS_DIR = translations_dir()
LANGUAGES = ("zh_CN", "en")
DEMO_SIZE = {"seed": 1, "enterprises": 600, "visits": 20_000}


def open_settings(paths: AppPaths) -> QSettings:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(paths.settings_file), QSettings.Format.IniFormat)


class Translators:
    """Qt's own Chinese strings plus every `*_zh_CN.qm` of the app's areas."""

    def __init__(self, app: QApplication, folder: Path = TRANSLATIONS_DIR):
        self.app = app
        self.folder = folder
        self.installed: list[QTranslator] = []
        self.loaded_files: list[str] = []
        self.unloaded: list[str] = []  # the app's files that would not load: told once
        self.note: QMessageBox | None = None

    def apply(self, lang: str) -> None:
        self.remove_all()
        if lang == "zh_CN":
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._load("qtbase_zh_CN", qt_dir)
            for name in needed_files(self.folder):
                self._load(name, str(self.folder))
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.app.setProperty("lang", "en" if lang == "en" else "zh")

    def remove_all(self) -> None:
        """Uninstall the translators; labels cached in the old language go with them."""
        from qcdesk.ui import labels

        for translator in self.installed:
            self.app.removeTranslator(translator)
        self.installed.clear()
        self.loaded_files.clear()
        labels.clear_cache()

    def _load(self, name: str, folder: str) -> None:
        """Install one; an app file missing or damaged is told (once, after this `apply`): Qt's
        own qtbase strings are a few standard buttons, and not ours to name."""
        translator = QTranslator(self.app)
        if translator.load(name, folder):
            self.app.installTranslator(translator)
            self.installed.append(translator)
            self.loaded_files.append(name)
        elif Path(folder) == self.folder and name not in self.unloaded:
            if not self.unloaded:  # the first: one note for all, once the event loop runs
                QTimer.singleShot(0, self._tell_unloaded)
            self.unloaded.append(name)

    def _tell_unloaded(self) -> None:
        self.note = tell_unloaded(self.folder, self.unloaded, self.app.activeWindow())


class Shell(QObject):
    """Owns the window, the open store and the language; the app's controller."""

    def __init__(self, app: QApplication, paths: AppPaths, settings: QSettings, lang: str,
                 ask_inspector: bool = True):
        from qcdesk.ui.main_window import MainWindow

        super().__init__(app)
        self.app = app
        self.paths = paths
        self.settings = settings
        self.ask_inspector = ask_inspector
        self.translators = Translators(app)
        self.translators.apply(lang)
        self.store: Store | None = None
        self.demo_job: Job | None = None
        self.migration_job: Job | None = None
        self._closing = False
        self.locks: dict[Path, InstanceLock] = {}  # one per file this window has open (or is upgrading)
        self._migrating: Path | None = None
        self._restore_author = ""
        self.window = MainWindow(paths, settings, lang)
        self.window.tools.close_store = self.close_for_restore
        self.window.tools.reopen_store = self.reopen_after_restore
        self.window.tools.lock = self.current_lock
        self.window.open_database_requested.connect(self.open_database)
        self.window.language_requested.connect(self.set_language)

    def shutdown(self) -> None:
        """Close the store and take the translators out (the QApplication may outlive us).

        Background jobs of the pages (counts, the dashboard's risk classes) may still report back
        on the GUI connection: let them finish and land before that connection closes."""
        self._closing = True  # a migration or demo build finishing now must not open anything
        self._close_store()
        self._release_locks()
        self.translators.remove_all()

    def _close_store(self) -> str | None:
        """Take the pages down, let their jobs finish and land, then close the store.

        Returns the closed store's author (None if no store was open)."""
        from PySide6.QtCore import QThreadPool

        self.window.set_store(None)
        QThreadPool.globalInstance().waitForDone(30_000)
        self.app.processEvents()
        if self.store is None:
            return None
        author = self.store.author
        self.store.close()
        self.store = None
        return author

    # --- one instance per file -----------------------------------------------------------
    def _lock(self, path: Path) -> InstanceLock:
        """Hold the file's instance lock (StoreError if another QCDesk window has the file)."""
        from qcdesk.models.instance_lock import InstanceLock
        from qcdesk.models.interrupted import clear_interrupted_restore
        from qcdesk.ui.labels import restore_interrupted

        key = Path(path).resolve()
        lock = self.locks.get(key)
        if lock is None:
            lock = self.locks[key] = InstanceLock(key).acquire()
            if clear_interrupted_restore(key, lock):  # what a killed restore left goes, under the lock
                self.window.statusBar().showMessage(restore_interrupted(), 30000)
        return lock

    def _release_locks(self) -> None:
        """Release the locks of files no longer open (all but the open store's and the one upgrading)."""
        open_path = self.store.path if self.store else None
        wanted = {Path(p).resolve() for p in (open_path, self._migrating) if p}
        for key in [k for k in self.locks if k not in wanted]:
            self.locks.pop(key).release()

    def current_lock(self) -> InstanceLock | None:
        if self.store is None or self.store.path is None:
            return None
        return self.locks.get(Path(self.store.path).resolve())

    def close_for_restore(self) -> None:
        """The backup dialog replaces the file: close the store (jobs first), keep the lock."""
        author = self._close_store()
        if author is not None:
            self._restore_author = author

    def reopen_after_restore(self, path: Path) -> Store | None:
        """Open the restored file again, as the same inspector (no questions asked)."""
        if self.open_database(Path(path), remember=False, snapshot=False, ask=False) and self.store:
            self.store.author = self._restore_author
            self.app.setProperty("author", self._restore_author)
        return self.store

    def _close_when_idle(self, store: Store) -> None:
        """Close a store the window no longer shows, once no background job can still use it."""
        from PySide6.QtCore import QThreadPool

        quiet = [0]

        def check() -> None:
            quiet[0] = quiet[0] + 1 if QThreadPool.globalInstance().activeThreadCount() == 0 else 0
            if quiet[0] >= 2:  # one more turn of the loop for results already queued
                timer.stop()
                timer.deleteLater()
                store.close()
                if not self._closing:
                    self._release_locks()

        timer = QTimer(self)
        timer.timeout.connect(check)
        timer.start(200)

    def set_language(self, lang: str) -> None:
        """Switch at once: Qt sends LanguageChange and every page of the shell retranslates."""
        if lang not in LANGUAGES:
            return
        self.settings.setValue("ui/language", lang)
        self.translators.apply(lang)
        self.window.set_language(lang)
        self.window.statusBar().showMessage(_Q.translate("Shell",
            "Language changed. Windows opened before the change update when reopened."), 6000)

    def open_database(self, path: Path, remember: bool = True, snapshot: bool = True,
                      ask: bool = True, create: bool = True) -> bool:
        """Open `path` as the database. `create`: a missing file is made new (the user asked
        for a new one, or it is the first start); else a missing file is refused in words,
        with the choice to look for it, and nothing is made — not even its folder."""
        from qcdesk.models.open_checks import check_openable, is_busy
        from qcdesk.models.store import Store, pending_migration_count
        from qcdesk.ui.workers import describe_error

        if self._closing:
            return False
        again = (Path(path), remember, snapshot, ask)
        if not create and not Path(path).exists():
            self._missing(Path(path), again)
            return False
        if create and Path(path).resolve().is_relative_to(self.paths.data_dir.resolve()):
            Path(path).parent.mkdir(parents=True, exist_ok=True)  # the app's own folder only
        try:
            # a folder, a spreadsheet, an empty, read-only or another program's file: refused
            # before anything (a lock file, a -wal) is put beside it
            check_openable(path)
            self._lock(path)  # a second QCDesk on the same file is refused here, before opening
            store = Store.open(path, author="", migrate=False)
            if pending_migration_count(store.db):
                # Upgrading copies the file first and may build indexes over a million rows:
                # done in a worker with a progress dialog, then the file is opened again.
                store.close()
                self._migrate_then_open(Path(path), remember)
                return True
        except Exception as exc:  # StoreError says what to do; anything else still ends in a dialog
            self._release_locks()
            self._busy(again) if is_busy(exc) else self._refuse(describe_error(exc))
            return False
        old = self.store
        self.store = store
        try:
            self.window.set_store(store)
        except Exception as exc:  # the pages read (and refresh caches) as they are built
            self._unshow(store, old)
            self._release_locks()
            self._busy(again) if is_busy(exc) else self._refuse(describe_error(exc))
            return False
        if old is not None:
            self._close_when_idle(old)  # after the old pages and their jobs are gone
        if remember:
            self.settings.setValue("db/last", str(path))
        if snapshot:
            self._daily_snapshot(store)
        if self.ask_inspector and ask:
            QTimer.singleShot(0, self.choose_inspector)
        return True

    def _daily_snapshot(self, store: Store) -> None:
        """The first start of the day keeps a copy in the backups folder, made and checked in a
        worker (a county database takes seconds to copy and check); failing to copy only warns."""
        from qcdesk.models import backup
        from qcdesk.ui.workers import start_job

        if store.path is None:
            return
        folder = backup.default_folder(store)
        job = start_job(lambda worker_store, _progress: backup.take_daily_snapshot(worker_store, folder),
                        db_path=store.path, parent=self)
        job.succeeded.connect(self._daily_snapshot_taken)
        job.failed.connect(lambda message: self.window.statusBar().showMessage(
            _Q.translate("Shell", "Daily backup failed: %1").replace("%1", message), 10000))
        self.daily_job = job

    def _daily_snapshot_taken(self, taken: Snapshot | None) -> None:
        """A copy that failed the check means the database looks damaged: say so at once and
        name the newest good backup (the copy is kept apart and counts for nothing). A clock
        behind the backups is the dashboard's banner (ui/clock_banner.py), not a 20 s message."""
        from qcdesk.ui.workers import ui_lang

        if taken is None:
            return
        if taken.damaged:
            box = QMessageBox(QMessageBox.Icon.Warning,
                              _Q.translate("Shell", "The database may be damaged"),
                              taken.damage_text(ui_lang()), QMessageBox.StandardButton.Ok, self.window)
            box.setObjectName("damagedDatabaseBox")
            box.setInformativeText(_Q.translate(
                "Shell", "Use File ▸ Backup and restore… to restore the backup named above."))
            box.open()

    def _migrate_then_open(self, path: Path, remember: bool) -> None:
        from qcdesk.models.store import Store
        from qcdesk.ui.workers import attach_progress, start_job

        def work(_store: object, _progress: object) -> Path:
            Store.open(path, author="", backup_dir=path.parent / "backups").close()
            return path

        self._migrating = Path(path).resolve()
        self.migration_job = start_job(work, db_path=None, parent=self)
        attach_progress(self.migration_job, self.window, _Q.translate("Shell", "Upgrading the database"),
                        _Q.translate("Shell", "Upgrading the database to this version (a copy of the file "
                                     "is kept in the backups folder first)…"), cancellable=False)
        self.migration_job.succeeded.connect(lambda p: self._migrated(Path(p), remember))
        self.migration_job.failed.connect(self._migration_failed)

    def _migrated(self, path: Path, remember: bool) -> None:
        self._migrating = None
        self.open_database(path, remember)

    def _migration_failed(self, message: str) -> None:
        self._migrating = None
        self._release_locks()
        self._refuse(message)

    def _unshow(self, store: Store, old: Store | None) -> None:
        """A store whose pages could not be built is closed; the window goes back to the one
        open before (or to 'open a database')."""
        self.store = old
        try:
            self.window.set_store(old)
        except Exception:  # noqa: BLE001 - the old file failing too: show no database at all
            self.store = None
            self.window.set_store(None)
            if old is not None:
                self._close_when_idle(old)
        self._close_when_idle(store)

    def _busy(self, again: tuple[Path, bool, bool, bool]) -> None:
        """Another program (a long import) holds the database's write lock: Retry, or Quit at
        start (Cancel while another database stays open)."""
        box = QMessageBox(QMessageBox.Icon.Warning, _Q.translate("Shell", "The database is busy"),
                          _Q.translate("Shell", "The database is being written by another program (an "
                                       "import, for example). Wait a moment, then try again."),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setObjectName("busyDatabaseBox")
        box.setInformativeText(str(again[0]))
        retry = box.addButton(QMessageBox.StandardButton.Retry)
        if self.store is None:
            box.addButton(_Q.translate("Shell", "Quit"), QMessageBox.ButtonRole.RejectRole)
        else:
            box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)

        def ask() -> None:
            box.exec()
            if box.clickedButton() is retry:
                QTimer.singleShot(0, lambda: self.open_database(*again))
            elif self.store is None:
                QTimer.singleShot(0, self.window.close)  # queued: quits once the event loop runs

        if self.window.isVisible():
            ask()
        else:
            QTimer.singleShot(0, ask)
        if self.store is None:
            self.window.set_store(None)

    def _missing(self, path: Path, again: tuple[Path, bool, bool, bool]) -> None:
        """Never a new empty database in place of a file that is gone (ui/missing_database.py)."""
        from qcdesk.ui.missing_database import ask_about_missing

        if self.store is None:
            self.window.set_store(None)
        ask_about_missing(self.window, path, look=self.window.choose_database,
                          retry=lambda: self.open_database(*again, create=False))

    def _refuse(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, _Q.translate("Shell", "Cannot open the database"),
                          message, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("openErrorBox")
        box.setInformativeText(_Q.translate("Shell", "Use File ▸ Switch database… to open another file."))
        if self.window.isVisible():
            box.exec()
        else:
            QTimer.singleShot(0, box.exec)
        if self.store is None:
            self.window.set_store(None)

    def choose_inspector(self) -> None:
        from qcdesk.ui.main_window import find_ui

        chooser = find_ui("inspector_chooser", "choose_inspector")
        if chooser is None or self.store is None:
            return
        inspector = chooser(self.store, self.window)
        self.window.refresh_lists()  # whoever was added there counts at once (the checklist)
        if inspector is not None:
            self.store.author = inspector.uuid
            self.app.setProperty("author", inspector.uuid)  # background jobs write as this inspector
            self.window.set_inspector_name(inspector.name)
        else:
            self.app.setProperty("author", "")
            self.window.set_inspector_name("")
            self.window.statusBar().showMessage(_Q.translate("Shell",
                "No inspector chosen: records you save carry no author."), 8000)

    def open_demo(self) -> None:
        """Open the demo database, building it in a worker on first use."""
        from qcdesk.ui.workers import attach_progress, start_job

        path = self.paths.demo_database
        if path.exists():
            self.open_database(path, remember=False)
            return
        try:
            from qcdesk.models.demo import build_demo
        except ImportError:
            store_path = path.with_name("qcdesk-demo-empty.db")
            if self.open_database(store_path, remember=False):
                self.window.statusBar().showMessage(_Q.translate("Shell",
                    "The demo data generator is not available: this is an empty database."))
            return

        def work(_store: object, progress) -> Path:
            return build_demo(path, progress=lambda done, total: progress(done, total),
                              cancel=lambda: progress.cancelled, **DEMO_SIZE)

        self.window.statusBar().showMessage(_Q.translate("Shell", "Building demo data…"))
        self.demo_job = start_job(work, db_path=None, parent=self)
        attach_progress(self.demo_job, self.window, _Q.translate("Shell", "Demo data"),
                        _Q.translate("Shell", "Building the demo database (first use only)…"))
        self.demo_job.succeeded.connect(lambda p: self.open_database(Path(p), remember=False))
        self.demo_job.failed.connect(self._refuse)
        self.demo_job.cancelled.connect(lambda: self.window.statusBar().showMessage(
            _Q.translate("Shell", "Demo data not built (cancelled)."), 8000))
        self.demo_job.finished.connect(self.window.statusBar().clearMessage)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("QCDesk")
    app.setApplicationName("QCDesk")
    app.setApplicationDisplayName("QCDesk")
    return app


def initial_language(args: argparse.Namespace, settings: QSettings) -> str:
    lang = getattr(args, "lang", None) or stored_text(settings, "ui/language", "zh_CN")
    return lang if lang in LANGUAGES else "zh_CN"


def start_shell(args: argparse.Namespace, paths: AppPaths, ask_inspector: bool = True) -> Shell:
    """Everything `run_gui` does except the event loop (tests and the bench use it)."""
    app = make_app()
    settings = open_settings(paths)
    app.settings = settings  # editors find the app's QSettings here (qcdesk.ui.forms.app_settings)
    shell = Shell(app, paths, settings, initial_language(args, settings), ask_inspector)
    shell.window.show()
    app.processEvents()  # paint the window before the core (sqlite-utils) is imported and the file opened
    if getattr(args, "demo", False):
        shell.open_demo()
    else:
        given = getattr(args, "db", None)  # named on the command line: a new file may be meant
        remembered = stored_text(settings, "db/last")
        # a remembered file is never made anew: its folder moved or its USB stick out, a new
        # empty database there would split the work in two
        db = given or remembered or paths.database
        shell.open_database(Path(db), create=bool(given) or not remembered)
    return shell


def skip_optional_imports() -> None:
    """sqlite-utils imports pandas and numpy when they are installed (dev machines): seconds at
    start for nothing, as the app never hands them data. Production installs do not have them."""
    for name in ("pandas", "numpy"):
        sys.modules.setdefault(name, None)


def none_refcount_guard() -> bool:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method
    (setText, processEvents…) until None is freed and the process aborts ("none_dealloc").
    Where that happens, None/True/False get references enough for any session; elsewhere no-op."""
    import ctypes

    before = sys.getrefcount(None)
    QCoreApplication.processEvents()
    if sys.getrefcount(None) >= before:
        return False
    for constant in (None, True, False):  # bool results are dropped the same way
        ctypes.c_ssize_t.from_address(id(constant)).value += 1 << 40
    return True


def run_gui(args: argparse.Namespace, paths: AppPaths) -> int:
    skip_optional_imports()
    make_app()
    none_refcount_guard()
    shell = start_shell(args, paths)
    app = shell.app
    code = app.exec()
    shell.shutdown()
    return code
