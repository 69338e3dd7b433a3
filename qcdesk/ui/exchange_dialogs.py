"""Signed exchange in the GUI: export with progress/cancel, import with a preview of the counts,
and a side-by-side view to resolve conflicts.

Export and import run in workers with their own store (`start_job`); the dialogs only collect
choices and show results. Wire-up (main window menu): `ExportDialog(db_path, paths, parent)`,
`ImportDialog(db_path, parent)`, `ConflictDialog(store, parent)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.workbook import SPEC_BY_TABLE
from qcdesk.models.store import Store, StoreError
from qcdesk.ui.forms import path_row
from qcdesk.ui.workers import Job, attach_progress, start_job

DIFF_BACKGROUND = QColor("#fff4ce")


def _refusal(exc: Exception) -> StoreError:
    """Package refusals and sheet errors become the worker's one-line message."""
    zh = getattr(exc, "reason_zh", None) or str(exc)
    en = getattr(exc, "reason_en", None) or str(exc)
    return StoreError(f"拒绝导入：{zh}", f"Import refused: {en}")


def _path_row(parent: QWidget, edit: QLineEdit, pick: Any, text: str) -> QWidget:
    """`text` is the caller's own translated "Browse…" (lupdate needs the call in its class)."""
    button = QPushButton(text, parent)
    button.clicked.connect(pick)
    return path_row(edit, button)


class ExportDialog(QDialog):
    """Choose key, folder and scope; the package is written by a worker (cancellable)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, store: Store | None = None,
                 photos_dir: Path | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.photos_dir = photos_dir
        self.job: Job | None = None
        self.result_path: Path | None = None
        self.setWindowTitle(self.tr("Export signed package"))
        self.key_edit = QLineEdit(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.out_edit = QLineEdit(self)
        self.name_edit = QLineEdit(store.setting("signer_name") if store else "", self)
        self.jurisdiction_edit = QLineEdit(store.setting("jurisdiction") if store else "", self)
        self.role_combo = QComboBox(self)
        self.role_combo.addItem(self.tr("Inspector"), "inspector")
        self.role_combo.addItem(self.tr("County office"), "county")
        if store and store.setting("role") == "county":
            self.role_combo.setCurrentIndex(1)
        self.full_check = QCheckBox(
            self.tr("Everything (not only what changed since the last package)"), self)
        self.attach_check = QCheckBox(self.tr("Include photo files"), self)
        form = QFormLayout()
        form.addRow(self.tr("Secret key"), _path_row(self, self.key_edit, self._pick_key,
                                                       self.tr("Browse…")))
        form.addRow(self.tr("Passphrase"), self.passphrase_edit)
        form.addRow(self.tr("Save to folder"), _path_row(self, self.out_edit, self._pick_out,
                                                           self.tr("Browse…")))
        form.addRow(self.tr("Signer"), self.name_edit)
        form.addRow(self.tr("Jurisdiction code"), self.jurisdiction_edit)
        form.addRow(self.tr("Role"), self.role_combo)
        form.addRow("", self.full_check)
        form.addRow("", self.attach_check)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton(self.tr("Export"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.start_export)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.setMinimumWidth(600)  # the Chinese labels are short: keep room to read a whole path

    def _pick_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Secret key"), "", "*.key")
        if path:
            self.key_edit.setText(path)

    def _pick_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Save to folder"))
        if path:
            self.out_edit.setText(path)

    def start_export(self) -> Job | None:
        from qcdesk.exchange.export import photo_finder
        from qcdesk.exchange.minisign import MinisignError
        from qcdesk.exchange.passphrase import ENV_VAR, unlock_secret_key

        out = Path(self.out_edit.text().strip())
        if not self.out_edit.text().strip() or not out.is_dir():
            self.status.setText(self.tr("Choose an existing folder for the package."))
            return None
        name, juris = self.name_edit.text().strip(), self.jurisdiction_edit.text().strip()
        if not name or not juris:
            self.status.setText(self.tr("Enter the signer's name and jurisdiction code."))
            return None
        if not self.key_edit.text().strip():
            self.status.setText(self.tr("Choose your secret key file (.key). If you have none, "
                                        "make one under Settings › Signing key…"))
            return None
        try:
            key = unlock_secret_key(Path(self.key_edit.text().strip()),
                                    env={ENV_VAR: self.passphrase_edit.text()},
                                    interactive=False)
        except (MinisignError, OSError) as exc:
            self.status.setText(exc.text() if isinstance(exc, MinisignError) else str(exc))
            return None
        role, full = self.role_combo.currentData(), self.full_check.isChecked()
        photos = (photo_finder(self.photos_dir)
                  if self.attach_check.isChecked() and self.photos_dir is not None else None)

        def work(store: Store | None, progress: Any) -> Path:
            from qcdesk.exchange.export import ExportCancelled, export_package
            from qcdesk.ui.workers import Cancelled

            assert store is not None
            try:
                return export_package(store, out, key, signer_name=name, jurisdiction=juris,
                                      role=role, full=full, photo_files=photos,
                                      cancel=lambda: progress.cancelled,
                                      progress=lambda d, t: progress(d, t))
            except ExportCancelled as exc:
                raise Cancelled() from exc
            except ValueError as exc:
                raise StoreError(f"无法导出：{exc}", f"Cannot export: {exc}") from exc

        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting…"))
        job = start_job(work, db_path=self.db_path, parent=self)
        attach_progress(job, self, self.tr("Export"), self.tr("Writing the package…"))
        job.succeeded.connect(self._done)
        job.failed.connect(self.status.setText)
        job.cancelled.connect(lambda: self.status.setText(self.tr("Cancelled; no file was written.")))
        job.finished.connect(lambda: self.export_button.setEnabled(True))
        self.job = job
        return job

    def _done(self, path: Path) -> None:
        self.result_path = path
        self.status.setText(self.tr("Package written: %1").replace("%1", str(path)))


class ImportDialog(QDialog):
    """Pick a package, preview what it would change (dry run), then import it."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, package: Path | None = None,
                 photos_dir: Path | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.photos_dir = photos_dir
        self.job: Job | None = None
        self.result: Any = None
        self.setWindowTitle(self.tr("Import signed package"))
        self.package_edit = QLineEdit(str(package) if package else "", self)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("New"), self.tr("Updated"),
                                              self.tr("Unchanged"), self.tr("Conflicting")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.preview_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("Package"), _path_row(self, self.package_edit, self._pick,
                                                    self.tr("Browse…")))
        lay.addLayout(form)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.resize(640, 420)

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Package"), "", "*.zip")
        if path:
            self.package_edit.setText(path)
            self.import_button.setEnabled(False)

    def run(self, dry_run: bool) -> Job | None:
        if not self.package_edit.text().strip():
            self.status.setText(self.tr("Choose the package file (.zip) you received, then press Check."))
            return None
        package = Path(self.package_edit.text().strip())

        def work(store: Store | None, progress: Any) -> Any:
            from qcdesk.exchange.importer import import_package
            from qcdesk.exchange.package_rules import PackageRejected
            from qcdesk.exchange.workbook import SheetFormatError

            assert store is not None
            try:
                return import_package(store, package, dry_run=dry_run,
                                      photos_dir=self.photos_dir,
                                      progress=lambda n: progress(n))
            except (PackageRejected, SheetFormatError) as exc:
                raise _refusal(exc) from exc

        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Checking the package…") if dry_run else self.tr("Importing…"))
        job = start_job(work, db_path=self.db_path, parent=self)
        attach_progress(job, self, self.windowTitle(), self.status.text(), cancellable=False)
        job.succeeded.connect(lambda r: self._show(r, dry_run))
        job.failed.connect(self.status.setText)
        job.finished.connect(lambda: self.preview_button.setEnabled(True))
        self.job = job
        return job

    def _show(self, result: Any, dry_run: bool) -> None:
        self.result = result
        counts = result.to_json()["counts"]
        self.table.setRowCount(len(counts))
        for r, (kind, c) in enumerate(counts.items()):
            label = SPEC_BY_TABLE[kind].sheet if kind in SPEC_BY_TABLE else kind
            cells = [label, c["new"], c["updated"], c["unchanged"], c["conflicting"]]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if col == 4 and value:
                    item.setBackground(QBrush(DIFF_BACKGROUND))
                self.table.setItem(r, col, item)
        lines = [w for w in result.warnings]
        if dry_run:
            lines.insert(0, self.tr("Signature and signer verified. Nothing has been written yet."))
            self.import_button.setEnabled(True)
        else:
            lines.insert(0, self.tr("Imported."))
            if result.conflicts:
                lines.append(self.tr("%n conflict(s) to resolve.", "", len(result.conflicts)))
        self.status.setText("\n".join(lines))


class ConflictDialog(QDialog):
    """Open conflicts; for the selected one, every field side by side (differences marked)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conflicts to resolve"))
        self.list = QTableWidget(0, 3, self)
        self.list.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Record ID"), self.tr("Reason")])
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.list.itemSelectionChanged.connect(self._show_fields)
        self.fields = QTableWidget(0, 3, self)
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Current"), self.tr("Other version")])
        self.fields.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.keep_button = QPushButton(self.tr("Keep current"), self)
        self.take_button = QPushButton(self.tr("Use other version"), self)
        self.keep_button.clicked.connect(lambda: self.resolve(take_incoming=False))
        self.take_button.clicked.connect(lambda: self.resolve(take_incoming=True))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.keep_button)
        row.addWidget(self.take_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty_label)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.fields, 2)
        lay.addLayout(row)
        lay.addWidget(close)
        self.resize(900, 600)
        self.reload()

    def reload(self) -> None:
        from qcdesk.models import exchange_store as xs

        self.conflicts = xs.open_conflicts(self.store)
        self.list.setRowCount(len(self.conflicts))
        reasons = {"divergent": self.tr("Changed on both sides"),
                   "duplicate_uscc": self.tr("Same credit code registered twice")}
        for r, c in enumerate(self.conflicts):
            kind = SPEC_BY_TABLE[c["kind"]].sheet if c["kind"] in SPEC_BY_TABLE else c["kind"]
            for col, text in enumerate((kind, c["uuid"], reasons.get(c["reason"], c["reason"]))):
                self.list.setItem(r, col, QTableWidgetItem(text))
        self.fields.setRowCount(0)
        has = bool(self.conflicts)
        self.empty_label.setText(self.tr("%n conflict(s) to resolve: select one, compare the two versions "
                                         "and keep one.", "", len(self.conflicts)) if has else
                                 self.tr("No conflicts to resolve. Conflicts appear here when an imported "
                                         "package changed a record that was also changed here."))
        self.keep_button.setEnabled(has)
        self.take_button.setEnabled(has)
        if has:
            self.list.selectRow(0)

    def current(self) -> dict[str, Any] | None:
        rows = self.list.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def _show_fields(self) -> None:
        from qcdesk.exchange.reconcile import conflict_fields

        conflict = self.current()
        if conflict is None:
            return
        fields = conflict_fields(self.store, conflict)
        self.fields.setRowCount(len(fields))
        for r, (header, mine, theirs) in enumerate(fields):
            for col, value in enumerate((header, mine, theirs)):
                item = QTableWidgetItem("" if value is None else str(value))
                if mine != theirs:
                    item.setBackground(QBrush(DIFF_BACKGROUND))
                self.fields.setItem(r, col, item)

    def resolve(self, take_incoming: bool) -> None:
        from qcdesk.exchange.reconcile import resolve_conflict

        conflict = self.current()
        if conflict is None:
            return
        try:
            resolve_conflict(self.store, conflict["id"], take_incoming=take_incoming)
        except (ValueError, StoreError) as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.reload()
