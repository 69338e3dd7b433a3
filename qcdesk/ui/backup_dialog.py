"""Backups in the GUI (备份与恢复): take one now, save a copy elsewhere, restore, how many to keep.

Restoring replaces the open database, so the dialog needs the shell's help: `close_store()`
must close the Store on the file (the dialog calls it right before replacing) and
`reopen_store(path)` must open it again afterwards. Without them the restore buttons are
disabled. The current database is always copied aside first (`qcdesk.models.backup.restore`).

Before asking, the dialog compares the backup with the current database in a worker (a
second or two on a million visits; `qcdesk.models.restore_preview`) so that the question names
what the restore undoes: records added, deleted and edited since the backup. A backup that
holds exactly what the database holds is not restored (nothing to gain, a needless copy). The
backup's integrity check (~20 s a GB) runs in that worker too, before anything is closed.

The restore itself (a minute on a 1 GB county database) runs in a worker as well: the shell
closes its store first (its jobs end), the worker copies (`backup.restore`, told the check was
done), and the shell reopens the file afterwards, restored or, after a failure or Cancel, as it
was. Cancel works until the current database has been copied aside; the swap that follows is
one SQLite transaction and is not cancelled. The dialog stays open until it is over.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.received_copy import RECEIVED_DIR
from qcdesk.models import backup
from qcdesk.models.backup_photos import PHOTO_FOLDER, PhotoCopy, copy_with_photos, restore_photos
from qcdesk.models.disk_low import low_disk
from qcdesk.models.disk_use import disk_use
from qcdesk.models.free_space import size_text
from qcdesk.models.instance_lock import InstanceLock
from qcdesk.models.restore_preview import (
    PreviewCancelled,
    RestorePreview,
    describe,
    describe_exports,
    describe_undone,
    preview_restore,
)
from qcdesk.models.snapshots import is_later_than_now, newest_not_later
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import colours
from qcdesk.ui.copy_cancelled import cancelled_text, file_state
from qcdesk.ui.field_message import FieldLabel
from qcdesk.ui.file_dialogs import open_file, save_file
from qcdesk.ui.forms import STORAGE_ERRORS, app_lang
from qcdesk.ui.workers import Cancelled, Job, Progress, attach_progress, describe_error, start_job


def reason_text(reason: str) -> str:
    return {
        "daily": QCoreApplication.translate("BackupDialog", "Daily"),
        "import": QCoreApplication.translate("BackupDialog", "Before import"),
        "manual": QCoreApplication.translate("BackupDialog", "Manual"),
        "before-restore": QCoreApplication.translate("BackupDialog", "Before restore"),
        "pre-migration": QCoreApplication.translate("BackupDialog", "Before upgrade"),
        "before-demo": QCoreApplication.translate("BackupDialog", "Before demo data"),
    }.get(reason, reason)


class BackupDialog(QDialog):
    """The list of snapshots of the open database with backup and restore actions."""

    def __init__(self, store: Store, backups_dir: Path, parent: QWidget | None = None, *,
                 close_store: Callable[[], None] | None = None,
                 reopen_store: Callable[[Path], object] | None = None,
                 lock: InstanceLock | None = None, photos_dir: Path | None = None):
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.resize(640, 460)
        self.store = store
        self.db_path = Path(store.path) if store.path else None
        self.backups_dir = Path(backups_dir)
        self.close_store = close_store
        self.reopen_store = reopen_store
        self.lock = lock
        self.photos_dir = photos_dir  # copies carried away take its files; restores bring them back
        self._preview: tuple[Path, RestorePreview] | None = None  # what the question describes
        self.job: Job | None = None  # the comparison or restore running (the dialog waits)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("QCDesk keeps a copy at the first start of each day, before every upgrade "
                               "and before every import (a day's run of package imports with nothing "
                               "else changed in between shares the copy taken before its first; the "
                               "packages imported since are kept in the received folder). Folder: %1. "
                               "These copies hold the database only: the photo files stay in the photo "
                               "folder, which QCDesk never empties. “Save a copy as…” also copies the "
                               "photo files, into a %2 folder beside the copy: carry the two away "
                               "together.")
                       .replace("%1", str(self.backups_dir)).replace("%2", PHOTO_FOLDER), self)
        intro.setObjectName("backupIntro")
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels([self.tr("Taken at"), self.tr("Kind"), self.tr("Size")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.disk = QLabel(self)  # what the copies take and what is left: a full disk refuses saves
        self.disk.setObjectName("diskUse")
        self.disk.setWordWrap(True)
        layout.addWidget(self.disk)

        keep_row = QHBoxLayout()
        self.keep = QSpinBox(self)
        self.keep.setObjectName("keepCount")
        keep_label = FieldLabel(self.tr("&Keep the newest"), self.keep, self)  # names the spin box
        keep_label.setBuddy(self.keep)
        keep_row.addWidget(keep_label)
        self.keep.setRange(1, 365)
        self.keep.setValue(backup.keep_count(store))
        self.keep.valueChanged.connect(self._keep_changed)
        keep_row.addWidget(self.keep)
        per_kind = self.tr("copies taken before an import, and manual copies")
        self.keep.setAccessibleDescription(per_kind)
        keep_row.addWidget(QLabel(per_kind, self))
        keep_row.addStretch(1)
        layout.addLayout(keep_row)
        kept = QLabel(self.tr("Daily copies: the newest 7 (fewer if the number above is lower), then "
                              "one a week for 4 weeks and one a month for 12 months. Copies taken "
                              "before a restore, an upgrade or demo data: the newest 3 of each, and "
                              "all of the last 30 days."), self)
        kept.setObjectName("keptNote")
        kept.setWordWrap(True)
        layout.addWidget(kept)

        actions = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.save_copy_button = QPushButton(self.tr("&Save a copy as…"), self)
        self.save_copy_button.clicked.connect(self.save_copy)
        self.restore_button = QPushButton(self.tr("&Restore selected…"), self)
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(self.tr("Restore from &file…"), self)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        can_restore = close_store is not None and reopen_store is not None and self.db_path is not None
        for button in (self.restore_button, self.restore_file_button):
            button.setEnabled(can_restore)
            if not can_restore:
                button.setToolTip(self.tr("Restoring is available from the main window."))
        for button in (self.backup_button, self.save_copy_button, self.restore_button,
                       self.restore_file_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.message = QLabel(self)
        self.message.setObjectName("backupMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    # --- list --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.backups = backup.list_backups(self.backups_dir, self.db_path)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            taken = info.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            kind = reason_text(info.reason)
            if info.reason in backup.KEPT_REASONS:  # the way back from a restore or an upgrade
                kind = self.tr("%1 (the newest 3 kept)").replace("%1", kind)
            if is_later_than_now(info):  # made on a clock ahead (or the clock is behind now)
                taken = self.tr("%1 (later than this computer's time)").replace("%1", taken)
            for column, text in enumerate((taken, kind, size_text(info.size))):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        self._show_disk_use()
        offered = newest_not_later(self.backups)  # not a future-named copy holding older data
        if offered is not None:
            self.table.selectRow(self.backups.index(offered))

    def _show_disk_use(self) -> None:
        """The size of backups/ (and received/, photos/ when known) and the free space left."""
        folders = {"backups": self.backups_dir}
        if self.db_path is not None:
            folders["received"] = self.db_path.parent / RECEIVED_DIR
        if self.photos_dir is not None:
            folders["photos"] = Path(self.photos_dir)
        use = disk_use(folders)
        parts = [self.tr("Backups folder: %1").replace("%1", size_text(use.sizes["backups"]))]
        if "received" in use.sizes:
            parts.append(self.tr("packages received: %1").replace("%1", size_text(use.sizes["received"])))
        if "photos" in use.sizes:
            parts.append(self.tr("photos: %1").replace("%1", size_text(use.sizes["photos"])))
        if use.free is not None:
            parts.append(self.tr("free on this disk: %1").replace("%1", size_text(use.free)))
        low = low_disk(self.db_path) if self.db_path is not None else None  # before a save fails
        self.disk.setText(self.tr("; ").join(parts) + (f"\n{low.text(app_lang())}" if low else ""))

    def _keep_changed(self, value: int) -> None:
        """Store the new count; refused (database locked, full or unreachable), the box goes back
        to the stored count and says why: it showed a count that was never saved."""
        try:
            self.store.set_setting(backup.KEEP_SETTING, str(value))
        except STORAGE_ERRORS as exc:
            self.keep.blockSignals(True)
            self.keep.setValue(backup.keep_count(self.store))
            self.keep.blockSignals(False)
            detail = exc.text(app_lang()) if isinstance(exc, StoreError) else describe_error(exc)
            self._show(self.tr("The number of copies to keep was not changed: %1").replace("%1", detail),
                       error=True)

    def _show(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(colours.text_css("#b3261e") if error else "")

    # --- actions -----------------------------------------------------------------------------

    def backup_now(self) -> Path | None:
        try:
            path = backup.snapshot(self.store, self.backups_dir, "manual")
        except StoreError as exc:
            self._show(exc.text(app_lang()), error=True)
            return None
        self.refresh()
        self._show(self.tr("Backup written: %1").replace("%1", str(path)))
        return path

    def save_copy(self, target: str | None = None) -> Path | None:
        if self.db_path is None:
            return None
        if not target:
            chosen = save_file(self, "backups", self.tr("Save a copy of the database"),
                               f"{self.db_path.stem}-backup.db", self.tr("QCDesk database (*.db)"))
            target = str(chosen) if chosen else None
        if not target:
            return None
        return self._copy_with_photos(self.db_path, Path(target))

    def _copy_with_photos(self, db_path: Path, target: Path) -> Path | None:
        """The database copy, then the photo files it names into the QCDesk照片 folder beside it
        (`backup_photos.copy_with_photos`: a stick too small for the photos still carries the
        database), in a worker: gigabytes of photos to a USB stick take minutes, shown as
        progress; Cancel stops between files (those copied are whole and kept) and, over an
        older copy, until the database copy replaces it (then the few photos left follow)."""
        photos_dir, lang = self.photos_dir, app_lang()
        copying = self.tr("Copying the photo files…")
        before = file_state(target)  # what a Cancel leaves there is said from what the file is

        def work(_store: Store | None, progress: Progress) -> tuple[Path, PhotoCopy | None]:
            def replacing() -> None:
                if before is None:
                    progress.check()
                else:  # the older copy is replaced now: the point of no return
                    progress.no_return()

            if photos_dir is None:
                return backup.copy_database(db_path, target, replacing).path, None

            def report(done: int, total: int) -> None:
                progress.check()
                progress(done, total, copying)

            copied, photos = copy_with_photos(db_path, target, photos_dir, report,
                                              replacing=replacing)
            return copied.path, photos

        result: list[tuple[Path, PhotoCopy | None]] = []
        job = start_job(work, db_path=None, parent=self)
        attach_progress(job, self, self.tr("Save a copy of the database"), copying)
        job.succeeded.connect(result.append)
        job.failed.connect(lambda text: self._show(text, error=True))
        job.cancelled.connect(lambda: self._show(cancelled_text(target, before), error=True))
        self._wait(job)
        if not result:
            return None
        path, photos = result[0]
        text = self.tr("Backup written: %1").replace("%1", str(path))
        if photos is not None:
            text += "\n" + photos.backup_text(lang)
        self._show(text, error=photos is not None and bool(photos.missing or photos.damaged))
        return path

    def restore_selected(self) -> bool:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.backups):
            self._show(self.tr("Select a backup first."), error=True)
            return False
        return self.restore(self.backups[row].path)

    def restore_from_file(self) -> bool:
        source = open_file(self, "backups", self.tr("Restore from file"),
                           self.tr("QCDesk database (*.db);;All files (*)"), default=self.backups_dir)
        return self.restore(source) if source else False

    def confirm(self, source: Path) -> bool:
        """Asks before replacing the database (tests replace this method)."""
        return QMessageBox.question(
            self, self.tr("Restore backup"), self.confirm_text(source),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

    def confirm_text(self, source: Path) -> str:
        """The question, with what the restore undoes (records added, deleted, edited since the
        backup, the newest named) and the records per kind, now → after."""
        text = self.tr("Replace the current database with the backup %1? The current database is "
                       "copied to the backups folder first.").replace("%1", source.name)
        if self.db_path is None:
            return text
        if self._preview is not None and self._preview[0] == source:
            preview = self._preview[1]
        else:
            preview = preview_restore(source, self.db_path)
        lang = app_lang()
        undone = describe_undone(preview.changes, lang)
        if undone:
            text += "\n\n" + self.tr("The restore undoes these changes made since the backup:")
            text += "".join(f"\n• {line}" for line in undone)
        counts = describe(preview.changes, lang)
        if counts:
            text += "\n\n" + self.tr("Now → after the restore: %1").replace("%1", counts)
        text += "".join(f"\n\n{line}" for line in describe_exports(preview.exports, lang))
        return text

    def preview(self, source: Path) -> tuple[backup.CheckedFile, RestorePreview] | None:
        """Check the backup (an integrity check reads all of it: ~20 s a GB) and compare it with
        the current database, in a worker, the window responsive (a progress dialog shows if it
        is slow, and can cancel); None if cancelled or refused (the message says why)."""
        db_path = self.db_path
        if db_path is None:
            return None
        checking = self.tr("Checking the backup file…")
        comparing = self.tr("Comparing the backup with the current database…")

        def work(_store: Store | None, progress: Progress) -> tuple[backup.CheckedFile, RestorePreview]:
            def report(_stage: str, done: int, total: int) -> None:
                progress.check()
                progress(done, total, checking)

            checked = backup.check_database_file(source, report)
            progress(0, 0, comparing)
            try:
                return checked, preview_restore(source, db_path, cancel=lambda: progress.cancelled,
                                                progress=lambda done, total: progress(done, total))
            except PreviewCancelled as exc:
                raise Cancelled() from exc

        result: list[tuple[backup.CheckedFile, RestorePreview]] = []
        job = start_job(work, db_path=None, parent=self)
        attach_progress(job, self, self.tr("Restore backup"), checking)
        job.succeeded.connect(result.append)
        job.failed.connect(lambda text: self._show(text, error=True))
        job.cancelled.connect(lambda: self._show(self.tr("Cancelled; nothing was restored.")))
        self._wait(job)
        return result[0] if result else None

    def _wait(self, job: Job) -> None:
        """Keep the window responsive until the job has reported, the dialog's actions and its
        Close held off meanwhile (a restore runs with the shell's store closed)."""
        loop = QEventLoop(self)
        job.finished.connect(loop.quit)
        widgets = (self.backup_button, self.save_copy_button, self.restore_button,
                   self.restore_file_button, self.keep, self.table)
        enabled = [widget.isEnabled() for widget in widgets]
        for widget in widgets:
            widget.setEnabled(False)
        self.job = job
        try:
            if not job.done:
                loop.exec()  # the outcome is delivered through the event loop, never before this
        finally:
            self.job = None
            for widget, was in zip(widgets, enabled, strict=True):
                widget.setEnabled(was)

    def reject(self) -> None:
        if self.job is not None:  # closing now would leave the shell without its database
            return
        super().reject()

    def restore(self, source: Path) -> bool:
        if self.close_store is None or self.reopen_store is None or self.db_path is None:
            return False
        source = Path(source)
        try:
            backup.refuse_same_file(source, self.db_path)  # before anything is read
        except StoreError as exc:
            self._show(exc.text(app_lang()), error=True)
            return False
        found = self.preview(source)  # the backup is checked there, before anything is closed
        if found is None:
            return False
        checked, preview = found
        if preview.identical:
            self._show(self.tr("The backup %1 holds exactly what the database holds now; nothing "
                               "was restored.").replace("%1", source.name))
            return False
        self._preview = (source, preview)
        try:
            if not self.confirm(source):
                return False
        finally:
            self._preview = None
        return self._replace(source, checked)

    def _replace(self, source: Path, checked: backup.CheckedFile) -> bool:
        """Close the shell's store, restore in a worker (the window responsive; Cancel only until
        the current database is copied aside), then reopen the database, restored or not."""
        assert self.close_store is not None and self.reopen_store is not None
        db_path, folder, lock = self.db_path, self.backups_dir, self.lock
        assert db_path is not None
        texts = {"check": self.tr("Checking the backup file…"),
                 "stage": self.tr("Reading the backup…"),
                 "safety": self.tr("Copying the current database to the backups folder…"),
                 "swap": self.tr("Writing the backup into the database; this cannot be cancelled…")}

        photos_dir, lang = self.photos_dir, app_lang()
        bringing = self.tr("Bringing back the photo files…")

        def work(_store: Store | None, progress: Progress) -> tuple[Path | None, str]:
            def report(stage: str, done: int, total: int) -> None:
                if stage == "swap":
                    progress.no_return()  # raises Cancelled if Cancel came first; ignored after
                else:
                    progress.check()
                progress(done, total, texts.get(stage, ""))

            safety = backup.restore(source, db_path, folder, lock, report=report, checked=checked)
            return safety, _photos_back(source, db_path, photos_dir, lang,
                                        lambda done, total: progress(done, total, bringing))

        outcome: dict[str, object] = {}
        self.close_store()  # the shell lets go of the file (its jobs end) before the worker starts
        try:
            job = start_job(work, db_path=None, parent=self)
            attach_progress(job, self, self.tr("Restore backup"), texts["stage"])
            job.succeeded.connect(lambda done: outcome.update(safety=done[0], photos=done[1]))
            job.failed.connect(lambda text: outcome.update(error=text))
            self._wait(job)
        finally:
            reopened = self.reopen_store(db_path)
        if isinstance(reopened, Store):
            self.store = reopened
        if "error" in outcome:
            text = str(outcome["error"])
            if reopened is not None:
                text += "\n" + self.tr("Nothing was restored; the current database is open again.")
            self._show(text, error=True)
            return False
        if "safety" not in outcome:
            self._show(self.tr("Cancelled; nothing was restored."))
            return False
        self.refresh()
        safety = outcome["safety"]
        text = self.tr("Restored from %1.").replace("%1", source.name)
        if isinstance(safety, Path):
            text += " " + self.tr("The previous database was kept as %1.").replace("%1", safety.name)
        if outcome.get("photos"):
            text += "\n" + str(outcome["photos"])
        self._show(text)
        return True


def _photos_back(source: Path, db_path: Path, photos_dir: Path | None, lang: str,
                 report: Callable[[int, int], object]) -> str:
    """After a restore: the photos brought back from the QCDesk照片 folder beside the backup,
    or those still missing here, in one line (empty: none missing). A failure to copy them is
    said, not raised: the database is restored by then."""
    if photos_dir is None:
        return ""
    try:
        return restore_photos(source, db_path, photos_dir, report).restore_text(lang)
    except StoreError as exc:
        return exc.text(lang)
