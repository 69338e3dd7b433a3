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
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.sequence_record import catch_up_text
from qcdesk.models.jurisdictions import JURISDICTIONS
from qcdesk.models.messages import message
from qcdesk.models.messages_advice import REFUSAL_ADVICE
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import colours
from qcdesk.ui.conflict_dialog import ConflictDialog
from qcdesk.ui.export_questions import drafts_cleared, empty_package_wanted
from qcdesk.ui.field_message import labelled_row
from qcdesk.ui.file_dialogs import choose_folder, open_file
from qcdesk.ui.forms import app_lang, path_row
from qcdesk.ui.labels import record_kind
from qcdesk.ui.signer_fields import described_signer, fill_signer, signer_info
from qcdesk.ui.workers import Job, attach_progress, start_job

__all__ = ["ConflictDialog", "ExportDialog", "ImportDialog"]  # the shell finds all three here


def _refusal(exc: Exception) -> StoreError:
    """Package refusals and sheet errors become the worker's one-line message; a package
    imported before whose missing photos were just put back is no refusal: its line says so."""
    zh = getattr(exc, "reason_zh", None) or str(exc)
    en = getattr(exc, "reason_en", None) or str(exc)
    if getattr(exc, "photos_completed", 0):
        return StoreError(zh, en)
    return StoreError(f"拒绝导入：{zh}", f"Import refused: {en}")


def _photos_back(exc: Any, dry_run: bool) -> int:
    """A package imported before: its photos missing here (the check, counted by the core as
    for `qcdesk import --dry-run`: `photo_placing.count_refused`) or put back (the import,
    `photo_placing.complete_refused`), so the window too can bring them back after a restore."""
    return getattr(exc, "photos_missing_here" if dry_run else "photos_completed", 0)


def _path_row(parent: QWidget, edit: QLineEdit, pick: Any, text: str) -> QWidget:
    """`text` is the caller's own translated "Browse…" (lupdate needs the call in its class)."""
    button = QPushButton(text, parent)
    button.clicked.connect(pick)
    return path_row(edit, button)


class ExportDialog(QDialog):
    """Choose key, folder and scope; the package is written by a worker (cancellable)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, store: Store | None = None,
                 photos_dir: Path | None = None, keys_dir: Path | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.photos_dir = photos_dir
        self.job: Job | None = None
        self.result_path: Path | None = None
        self._written: Path | None = None
        self.tally: Any = None  # the last export's VisitTally (qcdesk.exchange.export)
        self.setWindowTitle(self.tr("Export signed package"))
        self.key_edit = QLineEdit(self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.out_edit = QLineEdit(self)
        self.name_edit = QLineEdit(self)  # name, area and role come from the key (_use_own_key)
        self.jurisdiction_combo = QComboBox(self)  # a typo here would be refused by the receiver
        self.jurisdiction_combo.setPlaceholderText(self.tr("Choose the jurisdiction"))
        for j in JURISDICTIONS:
            self.jurisdiction_combo.addItem(f"{j.code} {j.name}", j.code)
        self.role_combo = QComboBox(self)
        self.role_combo.addItem(self.tr("Inspector"), "inspector")
        self.role_combo.addItem(self.tr("County office"), "county")
        self.role_combo.addItem(self.tr("City office"), "city")  # 市质强办, jurisdiction 421200 only
        # a key picked by path (Browse…, typed, pasted) brings what it was made for, as the own key
        self.key_edit.textChanged.connect(self._key_chosen)
        self._use_own_key(keys_dir)
        self.full_check = QCheckBox(
            self.tr("E&verything (not only what changed since the last package)"), self)
        self.attach_check = QCheckBox(self.tr("Include p&hoto files"), self)
        key_row = _path_row(self, self.key_edit, self._pick_key, self.tr("Browse…"))
        out_row = _path_row(self, self.out_edit, self._pick_out, self.tr("Browse…"))
        form = QFormLayout()
        # Alt+letter on each label goes to its field (the path rows' edit, not the row), which
        # the label names for screen readers
        for text, row, field in (
                (self.tr("Secret &key"), key_row, self.key_edit),
                (self.tr("Pass&phrase"), self.passphrase_edit, self.passphrase_edit),
                (self.tr("Save to &folder"), out_row, self.out_edit),
                (self.tr("Si&gner"), self.name_edit, self.name_edit),
                (self.tr("&Jurisdiction"), self.jurisdiction_combo, self.jurisdiction_combo),
                (self.tr("&Role"), self.role_combo, self.role_combo)):
            labelled_row(form, text, row, field)
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
        # Tab follows the rows top to bottom: the path rows, put together after their fields
        # were made, had sent Tab from the key's Browse to the folder, skipping the passphrase.
        self.browse_buttons = (key_row.findChild(QPushButton), out_row.findChild(QPushButton))
        chain = (self.key_edit, self.browse_buttons[0], self.passphrase_edit, self.out_edit,
                 self.browse_buttons[1], self.name_edit, self.jurisdiction_combo, self.role_combo,
                 self.full_check, self.attach_check, self.export_button,
                 buttons.button(QDialogButtonBox.StandardButton.Close))
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        # Enter exports (as before): Qt would otherwise make the next Browse in the chain default
        self.export_button.setDefault(True)
        (self.passphrase_edit if self.key_edit.text() else self.key_edit).setFocus()

    def _use_own_key(self, keys_dir: Path | None) -> None:
        """The key made under Settings ▸ Signing key, with the name, area and role it was made
        for: the clerk should not have to find the file or retype what the key already says."""
        from qcdesk.ui.keys_dialog import find_key

        found = find_key(keys_dir) if keys_dir is not None else None
        if found is not None:
            self.key_edit.setText(str(found.secret))  # _key_chosen fills name, area and role

    def _key_chosen(self, text: str) -> None:
        """What the key was made for, the one place it is kept (receivers' trust lists hold it)."""
        fill_signer(described_signer(Path(text.strip())), self.name_edit, self.jurisdiction_combo,
                    self.role_combo)

    def _pick_key(self) -> None:
        path = open_file(self, "keys", self.tr("Secret key"), "*.key")
        if path:
            self.key_edit.setText(str(path))

    def _pick_out(self) -> None:
        path = choose_folder(self, "packages", self.tr("Save to folder"))
        if path:
            self.out_edit.setText(str(path))

    def start_export(self) -> Job | None:
        from qcdesk.exchange.export import photo_finder
        from qcdesk.exchange.key_files import mismatch_with_key, role_mismatch_with_key
        from qcdesk.exchange.minisign import MinisignError
        from qcdesk.ui.key_unlock import unlock_off_gui, unlock_refusal

        # checked top to bottom as the fields are shown; each refusal puts the cursor in its field
        if not self.key_edit.text().strip():
            return self._refuse(self.key_edit, self.tr(
                "Choose your secret key file (.key). If you have none, make one under Settings ▸ "
                "Signing key…"))
        out = Path(self.out_edit.text().strip())
        if not self.out_edit.text().strip() or not out.is_dir():
            return self._refuse(self.out_edit, self.tr("Choose an existing folder for the package."))
        name, juris = self.name_edit.text().strip(), self.jurisdiction_combo.currentData() or ""
        if not name or not juris:
            return self._refuse(self.jurisdiction_combo if name else self.name_edit,
                                self.tr("Enter the signer's name and choose the jurisdiction."))
        try:  # scrypt (seconds, up to 1 GiB) in a worker: the window no longer freezes
            key = unlock_off_gui(self, Path(self.key_edit.text().strip()), self.passphrase_edit.text(),
                                 busy=self.export_button)
        except (MinisignError, OSError) as exc:  # the reason in the UI's language, then what to do
            wrong = getattr(exc, "code", "") == "wrong_passphrase"
            return self._refuse(self.passphrase_edit if wrong else self.key_edit,
                                unlock_refusal(exc, app_lang()))
        role, full = self.role_combo.currentData(), self.full_check.isChecked()
        mismatch = mismatch_with_key(Path(self.key_edit.text().strip()), key.key_id, juris)
        if mismatch:  # the receiver would refuse it, and its records would count as sent
            return self._refuse(self.jurisdiction_combo,
                                self.tr("Not exported: %1").replace("%1", mismatch))
        mismatch = role_mismatch_with_key(Path(self.key_edit.text().strip()), key.key_id, role)
        if mismatch:  # so would a role other than the key's (nothing written yet)
            return self._refuse(self.role_combo, self.tr("Not exported: %1").replace("%1", mismatch))
        photos = (photo_finder(self.photos_dir)
                  if self.attach_check.isChecked() and self.photos_dir is not None else None)
        key_path = Path(self.key_edit.text().strip())
        if not full and not empty_package_wanted(self, key.key_id, photos, key_path):
            self.status.setText(self.tr("Not exported: nothing was added or changed since the "
                                        "last package."))
            return None
        if not drafts_cleared(self, key.key_id, full, key_path):  # asked before anything is locked
            return None

        from qcdesk.exchange.export import VisitTally

        tally = self.tally = VisitTally()

        def work(store: Store | None, progress: Any) -> Path:
            from qcdesk.exchange.export import ExportCancelled, export_package
            from qcdesk.ui.workers import Cancelled

            assert store is not None
            try:
                self._written = export_package(store, out, key, signer_name=name, jurisdiction=juris,
                                               role=role, full=full, photo_files=photos,
                                               cancel=lambda: progress.cancelled,
                                               progress=lambda d, t: progress(d, t), tally=tally,
                                               key_path=key_path)
                return self._written
            except ExportCancelled as exc:
                raise Cancelled() from exc
            except ValueError as exc:
                raise StoreError(f"无法导出：{exc}", f"Cannot export: {exc}") from exc

        self.export_button.setEnabled(False)
        self._written = None
        self.status.setText(self.tr("Exporting…"))
        job = start_job(work, db_path=self.db_path, parent=self)
        attach_progress(job, self, self.tr("Export"), self.tr("Writing the package…"))
        job.succeeded.connect(self._done)
        job.failed.connect(self.status.setText)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(lambda: self.export_button.setEnabled(True))
        self.job = job
        return job

    def _refuse(self, field: QWidget, text: str) -> None:
        """Say what is wrong and put the cursor in the field that needs it (a keyboard user
        would otherwise hunt for it: the folder's error left focus on the jurisdiction)."""
        self.status.setText(text)
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(field, QLineEdit):
            field.selectAll()

    def _cancelled(self) -> None:
        """Cancel pressed after the package was already complete: it was written, say so."""
        if self._written is not None:
            self._done(self._written)
        else:
            self.status.setText(self.tr("Cancelled; no file was written."))

    def _done(self, path: Path) -> None:
        from qcdesk.models.drafts import sent_drafts_note_at  # visits sent while a crash's draft waited

        self.result_path = path
        # which visits are now locked and which drafts went out still editable (the core's words)
        self.status.setText("\n".join(filter(None, (  # photo files: only when there are some
            self.tr("Package written: %1").replace("%1", str(path)),
            self.tally.clock_text(app_lang()),  # the clock went back past the last package
            # an earlier export's recorded package: named now in this folder, or where it waits
            *(unfinished.text(app_lang()) for unfinished in self.tally.interrupted),
            catch_up_text(self.tally.catch_up, app_lang()),  # a restored database: a full one
            self.tally.records_text(app_lang()), self.tally.text(app_lang()),
            self.tally.photos_text(app_lang()),
            sent_drafts_note_at(self.db_path, self.photos_dir, path.name, app_lang())))))


class ImportDialog(QDialog):
    """Pick a package, preview what it would change (dry run) and who signed it, then import it.

    The real import shows progress against the row count the check found and can be
    cancelled: the merge is one transaction, so a cancelled import leaves the database as it was."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, package: Path | None = None,
                 photos_dir: Path | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.photos_dir = photos_dir
        self.job: Job | None = None
        self.result: Any = None
        self.signer: dict[str, str] = {}
        self.refused_code, self.photos_back = "", 0  # photos_back: of a package imported before
        self.total_rows = 0
        self._finished: tuple[Any, dict[str, str]] | None = None
        self.setWindowTitle(self.tr("Import signed package"))
        self.package_edit = QLineEdit(str(package) if package else "", self)
        self.package_edit.textChanged.connect(lambda: self.import_button.setEnabled(False))
        self.signer_label = QLabel(self)
        self.signer_label.setWordWrap(True)
        self.signer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("New"), self.tr("Updated"),
                                              self.tr("Unchanged"), self.tr("Conflicting")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.advice.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton(self.tr("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.preview_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        labelled_row(form, self.tr("Package"), _path_row(self, self.package_edit, self._pick,
                                                         self.tr("Browse…")), self.package_edit)
        lay.addLayout(form)
        lay.addWidget(self.signer_label)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.advice)
        lay.addWidget(buttons)
        self.resize(640, 420)

    def _pick(self) -> None:
        path = open_file(self, "packages", self.tr("Package"), "*.zip")
        if path:
            self.package_edit.setText(str(path))
            self.import_button.setEnabled(False)

    def run(self, dry_run: bool) -> Job | None:
        if not self.package_edit.text().strip():
            self.status.setText(self.tr("Choose the package file (.zip) you received, then press Check."))
            return None
        package = Path(self.package_edit.text().strip())
        total = self.total_rows if not dry_run else 0
        self.refused_code, self.photos_back = "", 0
        self._finished = None

        def work(store: Store | None, progress: Any) -> Any:
            from qcdesk.exchange.importer import import_package
            from qcdesk.exchange.package_rules import PackageRejected
            from qcdesk.exchange.workbook import SheetFormatError
            from qcdesk.ui.workers import Cancelled

            assert store is not None

            def report(done: int) -> None:
                if not progress(done, total):
                    raise Cancelled()  # inside the merge's transaction: it rolls back

            try:
                result = import_package(store, package, dry_run=dry_run,
                                        photos_dir=self.photos_dir, progress=report)
            except (PackageRejected, SheetFormatError) as exc:
                self.refused_code = getattr(exc, "code", "sheet")
                if self.refused_code == "already_imported":
                    self.photos_back = _photos_back(exc, dry_run)
                raise _refusal(exc) from exc
            if not dry_run:  # here, not on the GUI thread when the lists next open
                from qcdesk.models.name_order import refresh_name_keys_if_free

                refresh_name_keys_if_free(store)
            self._finished = (result, signer_info(store, result.signer))
            return self._finished

        self.preview_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.advice.hide()
        self.status.setText(self.tr("Checking the package…") if dry_run else self.tr("Importing…"))
        job = start_job(work, db_path=self.db_path, parent=self)
        attach_progress(job, self, self.windowTitle(), self.status.text(), cancellable=not dry_run)
        job.succeeded.connect(lambda r: self._show(*r, dry_run))
        job.failed.connect(lambda text: self._refused(text, dry_run))
        job.cancelled.connect(lambda: self._cancelled(dry_run))
        job.finished.connect(lambda: self.preview_button.setEnabled(True))
        self.job = job
        return job

    def _refused(self, text: str, dry_run: bool = True) -> None:
        """The one-line reason, then what to do. A package imported before whose photos are
        missing here is offered for import, which puts them back ("nothing to do" was a dead end)."""
        self.status.setText(text)
        self.table.setRowCount(0)
        self.signer_label.clear()
        if self.refused_code == "already_imported" and self.photos_back:
            self.import_button.setEnabled(dry_run)
            if dry_run:
                self.status.setText(self.tr(
                    "This package was imported before and its records are all in the database; "
                    "%n of its photo(s) are missing on this computer. Press Import to bring them "
                    "back.", "", self.photos_back))
            self.advice.setText(self.tr("Importing it changes no records; it only puts the missing "
                                        "photos into this computer's photo folder.") if dry_run else
                                self.tr("Only the photo folder was changed: the records were "
                                        "already in the database, which was not changed."))
            self.advice.show()
            return
        advice = {
            "untrusted_key": self.tr("Ask the sender for their public key (.pub), add it under "
                                     "Settings ▸ Trusted public keys… after checking the fingerprint "
                                     "by phone, then check this package again. Who the package says "
                                     "it is (in brackets) is unchecked, as anyone can write it: call "
                                     "that office on a number you already have."),
            "revoked_key": self.tr("This key was revoked. Ask the sender to export again with their "
                                   "new key, after you have added that key."),
            "already_imported": self.tr("This package was imported before; there is nothing to do."),
        }.get(self.refused_code, self.tr("Ask the sender to export the package again and send the "
                                         "file unchanged (not unpacked or re-zipped)."))
        if self.refused_code in REFUSAL_ADVICE:  # a FULL package (not the same file again)
            advice = message(REFUSAL_ADVICE[self.refused_code], app_lang())
        if not self.refused_code:  # not about the package (a full disk…): the reason says what to do
            advice = ""
        self.advice.setText("\n".join(filter(None, (self.tr("The database was not changed."), advice))))
        self.advice.show()

    def _cancelled(self, dry_run: bool) -> None:
        """Cancel pressed after the merge had committed: the import happened, say so."""
        if self._finished is not None:
            self._show(*self._finished, dry_run)
            return
        self.status.setText(self.tr("Import cancelled. The database was not changed."))
        self.import_button.setEnabled(True)

    def _show(self, result: Any, signer: dict[str, str], dry_run: bool) -> None:
        self.result = result
        self.signer = signer
        counts = result.to_json()["counts"]
        self.total_rows = sum(sum(c.values()) for c in counts.values())
        roles = {"inspector": self.tr("Inspector"), "county": self.tr("County office"),
                 "city": self.tr("City office")}
        who = " · ".join(x for x in (signer.get("name"), signer.get("jurisdiction"),
                                     roles.get(signer.get("role", ""), "")) if x)
        self.signer_label.setText(
            self.tr("Signed by: %1, key fingerprint %2, package no. %3")
            .replace("%1", who or self.tr("(no name on the trust list)"))
            .replace("%2", signer.get("fingerprint", result.signer))
            .replace("%3", str(result.sequence or "")))
        self.table.setRowCount(len(counts))
        for r, (kind, c) in enumerate(counts.items()):
            label = record_kind(kind)  # the sheet's name in Chinese, an English one in English
            cells = [label, c["new"], c["updated"], c["unchanged"], c["conflicting"]]
            for col, value in enumerate(cells):
                item = QTableWidgetItem(str(value))
                if col == 4 and value:
                    colours.paint_item(item, colours.DIFF_BACKGROUND)
                self.table.setItem(r, col, item)
        lines = list(result.warnings_en if app_lang() == "en" else result.warnings)
        scope = self._scope_text(getattr(result, "scope", {}))
        if dry_run:
            lines[:0] = [self.tr("Signature and signer verified. Nothing has been written yet."),
                         *([scope] if scope else [])]
            if result.conflicts:  # the table marks them; say what they will mean
                lines.append(self.tr("Importing will make %n conflict(s) (resolve them after the "
                                     "import under Record ▸ Resolve merge conflicts…).", "",
                                     len(result.conflicts)))
            self.import_button.setEnabled(True)
        else:
            lines[:0] = [self.tr("Imported."), *([scope] if scope else [])]
            if result.conflicts:
                lines.append(self.tr("%n conflict(s) to resolve.", "", len(result.conflicts)))
        self.status.setText("\n".join(lines))
        self._fit_rows()

    def _scope_text(self, scope: dict[str, Any]) -> str:
        """What the package covers, as `qcdesk verify` says it (cli_exchange.period_text): a
        period, everything up to a day, or the changes since the signer's previous package."""
        start, end = scope.get("period_from"), scope.get("period_to")
        if start and end:
            return self.tr("Period: %1 to %2").replace("%1", str(start)).replace("%2", str(end))
        if start:
            return self.tr("Period: from %1").replace("%1", str(start))
        if not end:
            return ""
        words = {True: self.tr("Scope: all records (up to %1)"),
                 False: self.tr("Scope: changes since the previous export (up to %1)")}
        full = scope.get("full")
        text = words[full] if isinstance(full, bool) else self.tr("Scope: up to %1")
        return text.replace("%1", str(end))

    def _fit_rows(self) -> None:
        """Grow the dialog (never shrink it, nor past the screen) until every kind's row shows
        without scrolling: at 420 px the last kinds, often those with conflicts, were below
        the fold. The table's minimum is released afterwards, so the user may shrink it again."""
        t = self.table
        rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
        needed = t.horizontalHeader().sizeHint().height() + rows + 2 * t.frameWidth()
        screen = self.screen().availableGeometry().height() if self.screen() else 10_000
        t.setMinimumHeight(needed)
        self.layout().activate()
        height = min(max(self.height(), self.sizeHint().height()), screen - 40)
        t.setMinimumHeight(0)
        self.resize(self.width(), height)

