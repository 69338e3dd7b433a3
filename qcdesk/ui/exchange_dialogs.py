"""Signed exchange in the GUI: export with progress/cancel, import with a preview of the counts,
and a side-by-side view to resolve conflicts.

Export and import run in workers with their own store (`start_job`); the dialogs only collect
choices and show results. Wire-up (main window menu): `ExportDialog(db_path, paths, parent)`,
`ImportDialog(db_path, parent)` (its own module, import_dialog.py), `ConflictDialog(store, parent)`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.sequence_record import catch_up_text
from qcdesk.models.jurisdictions import JURISDICTIONS
from qcdesk.models.store import Store, StoreError
from qcdesk.ui.conflict_dialog import ConflictDialog
from qcdesk.ui.export_questions import drafts_cleared, empty_package_wanted
from qcdesk.ui.field_message import labelled_row
from qcdesk.ui.file_dialogs import choose_folder, open_file
from qcdesk.ui.forms import app_lang
from qcdesk.ui.import_dialog import ImportDialog, _path_row
from qcdesk.ui.signer_fields import described_signer, fill_signer
from qcdesk.ui.workers import Job, attach_progress, start_job

__all__ = ["ConflictDialog", "ExportDialog", "ImportDialog"]  # the shell finds all three here


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
        self._repeated: int | None = None  # the previous package's number when this full one repeats it
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
        key_row = _path_row(self, self.key_edit, self._pick_key, self.tr("&Browse…"))
        out_row = _path_row(self, self.out_edit, self._pick_out, self.tr("Br&owse…"))
        form = QFormLayout()
        # Alt+letter on each label goes to its field (the path rows' edit, not the row), which
        # the label names for screen readers
        for text, row, field in (
                (self.tr("Secret &key:"), key_row, self.key_edit),
                (self.tr("Pass&phrase:"), self.passphrase_edit, self.passphrase_edit),
                (self.tr("Save to &folder:"), out_row, self.out_edit),
                (self.tr("Si&gner:"), self.name_edit, self.name_edit),
                (self.tr("&Jurisdiction:"), self.jurisdiction_combo, self.jurisdiction_combo),
                (self.tr("&Role:"), self.role_combo, self.role_combo)):
            labelled_row(form, text, row, field)
        form.addRow("", self.full_check)
        form.addRow("", self.attach_check)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(self.tr("E&xport"),
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
            wrong = getattr(exc, "code", "") in ("wrong_passphrase", "passphrase_missing")
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
            from qcdesk.exchange.full_repeat import full_repeated

            self._repeated = full_repeated(store, key.key_id) if full else None  # before it is written
            try:
                self._written = export_package(store, out, key, signer_name=name, jurisdiction=juris,
                                               role=role, full=full, photo_files=photos,
                                               cancel=lambda: progress.cancelled,
                                               progress=lambda d, t: progress(d, t), tally=tally,
                                               key_path=key_path,  # Cancel: until the commit
                                               committing=progress.no_return)
                return self._written
            except ExportCancelled as exc:
                raise Cancelled() from exc
            except ValueError as exc:
                raise StoreError(f"无法导出：{exc}", f"Cannot export: {exc}") from exc

        self.export_button.setEnabled(False)
        self._written, self._repeated = None, None
        self.status.setText(self.tr("Exporting…"))
        job = start_job(work, db_path=self.db_path, parent=self)
        attach_progress(job, self, self.tr("Export"), self.tr("Writing the package…"))
        job.succeeded.connect(self._done)
        job.failed.connect(self.status.setText)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(lambda: self.export_button.setEnabled(True))
        self.job = job
        return job

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: Close, Esc and the X
        """Stay open while the package is written, and say why: closed, the export went on
        unseen (the package written and the visits locked with no word). Refused rather than
        asked: its progress window (shown after half a second) has the Cancel for that."""
        if self.job is not None and not self.job.done:
            self.status.setText(self.tr("The package is still being written. Wait until it is "
                                        "finished, or press Cancel in the progress window; then "
                                        "close this window."))
            return
        super().done(result)

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
        from qcdesk.exchange.full_repeat import repeated_text
        from qcdesk.models.drafts import sent_drafts_note_at  # visits sent while a crash's draft waited

        self.result_path = path
        # done: Enter now closes; a second package (the next sequence number) takes a click on
        # 导出, never a second press of Enter
        self.export_button.setDefault(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        # which visits are now locked and which drafts went out still editable (the core's words)
        self.status.setText("\n".join(filter(None, (  # photo files: only when there are some
            self.tr("Package written: %1").replace("%1", str(path)),
            self.tally.clock_text(app_lang()),  # the clock went back past the last package
            # an earlier export's recorded package: named now in this folder, or where it waits
            *(unfinished.text(app_lang()) for unfinished in self.tally.interrupted),
            catch_up_text(self.tally.catch_up, app_lang()),  # a restored database: a full one
            self.tally.records_text(app_lang()), self.tally.text(app_lang()),
            self.tally.photos_text(app_lang()),
            sent_drafts_note_at(self.db_path, self.photos_dir, path.name, app_lang()),
            # a full package repeating the last one: sent, not thrown away (the CLI's words)
            "" if self._repeated is None else repeated_text(self._repeated, app_lang())))))
