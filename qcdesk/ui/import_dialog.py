"""The 导入签名数据包 window: pick a package, check it (a dry run: counts, signer, warnings), then
import it into the database it names.

Split out of exchange_dialogs.py (which re-exports it for the shell). Why it names the database
and the way back: a county's package imported into the city's test database, or another
county's package, was noticed only afterwards, and nothing said that a copy had been taken
before the import or how to restore it (the enterprise list import said both:
`roster_import_dialog.undo_text`, reused here). Why the notes scroll in a bounded box: with a
big package ~40 文号重复 lines made the window 2174 px tall and pushed the jurisdiction warning
off the screen; the core now puts that warning first (`importer.import_package`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.import_copies import also_undone_text
from qcdesk.models.messages import message
from qcdesk.models.messages_advice import REFUSAL_ADVICE
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import colours
from qcdesk.ui.field_message import labelled_row
from qcdesk.ui.file_dialogs import open_file
from qcdesk.ui.forms import app_lang, path_row
from qcdesk.ui.labels import record_kind
from qcdesk.ui.roster_import_dialog import undo_text
from qcdesk.ui.signer_fields import signer_info
from qcdesk.ui.workers import Job, attach_progress, start_job

STATUS_LINES = 8  # tallest the check's notes grow before they scroll


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
        self.import_running = False  # the job is an import, not a check (what Close says)
        self.result: Any = None
        self.signer: dict[str, str] = {}
        self.refused_code, self.photos_back = "", 0  # photos_back: of a package imported before
        # imported, then a step failed (`after_commit`): the failure, its words in the app's language
        self.after_commit: tuple[Any, str] | None = None
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
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.database = QLineEdit(str(self.db_path), self)  # imported into: this one, by name
        self.database.setReadOnly(True)
        self.database.setToolTip(str(self.db_path))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QScrollArea(self)  # the status and its warnings: bounded, they scroll
        self.notes.setWidget(self.status)
        self.notes.setWidgetResizable(True)
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.notes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes.setMaximumHeight(self.status.fontMetrics().lineSpacing() * STATUS_LINES + 8)
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.advice.hide()
        # many warnings of one kind are counted, not listed; this lists every one again
        self.all_warnings = QPushButton(self.tr("Show all &warnings"), self)
        self.all_warnings.setCheckable(True)
        self.all_warnings.hide()
        self.all_warnings.toggled.connect(lambda: self._shown and self._show(*self._shown))
        self._shown: tuple[Any, dict[str, str], bool] | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton(self.tr("&Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.preview_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        labelled_row(form, self.tr("&Package:"), _path_row(self, self.package_edit, self._pick,
                                                          self.tr("&Browse…")), self.package_edit)
        form.addRow(self.tr("Into &database:"), self.database)
        lay.addLayout(form)
        lay.addWidget(self.signer_label)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.notes)
        lay.addWidget(self.all_warnings)
        lay.addWidget(self.advice)
        lay.addWidget(buttons)
        self.all_warnings.setAutoDefault(False)  # hidden, it was the default: Enter did nothing
        self.preview_button.setDefault(True)  # Enter checks the package, which changes nothing
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
        self._finished, self.after_commit = None, None
        lang = app_lang()

        def work(store: Store | None, progress: Any) -> Any:
            from qcdesk.exchange.after_commit import ImportedButFailed
            from qcdesk.exchange.importer import import_package
            from qcdesk.exchange.package_rules import PackageRejected
            from qcdesk.exchange.workbook import SheetFormatError
            from qcdesk.ui.workers import Cancelled, describe_error

            assert store is not None

            def report(done: int) -> None:
                if not progress(done, total):
                    raise Cancelled()  # inside the merge's transaction: it rolls back

            try:
                result = import_package(store, package, dry_run=dry_run,  # Cancel: until the
                                        photos_dir=self.photos_dir, progress=report,  # commit
                                        committing=progress.no_return)
            except ImportedButFailed as exc:  # the records are in: shown as imported, then why not all
                result, self.after_commit = exc.result, (exc, describe_error(exc.cause, lang))
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
        self.import_running = not dry_run
        attach_progress(job, self, self.windowTitle(), self.status.text(), cancellable=not dry_run)
        job.succeeded.connect(lambda r: self._show(*r, dry_run))
        job.failed.connect(lambda text: self._refused(text, dry_run))
        job.cancelled.connect(lambda: self._cancelled(dry_run))
        job.finished.connect(lambda: self.preview_button.setEnabled(True))
        self.job = job
        return job

    def done(self, result: int) -> None:  # noqa: D401 - Qt override: Close, Esc and the X
        """Stay open while the check or the import runs, and say why: closed, the import went on
        unseen and the lists were refreshed before it had committed. Refused rather than asked:
        the import's progress window (shown after half a second) has the Cancel for that."""
        if self.job is not None and not self.job.done:
            self.status.setText(self.tr("The import is still running. Wait until it is finished, "
                                        "or press Cancel in the progress window; then close this "
                                        "window.") if self.import_running else
                                self.tr("The package is still being checked. Wait a moment until "
                                        "the check is finished, then close this window."))
            return
        super().done(result)

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
        self._shown = (result, signer, dry_run)
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
        lines = self._warning_lines(result.warnings_en if app_lang() == "en" else result.warnings)
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
            head, todo = self._after_commit_text()
            lines[:0] = [*head, *([scope] if scope else [])]
            if result.conflicts:
                lines.append(self.tr("%n conflict(s) to resolve.", "", len(result.conflicts)))
            undo = undo_text(getattr(result, "backup", None)).strip()
            also = also_undone_text(getattr(result, "backup", None), app_lang(), window=True)  # the run's
            undo = "\n".join(filter(None, (todo, undo, also if undo else "")))
            self.advice.setText(undo)  # below the notes, always in sight: the way back
            self.advice.setVisible(bool(undo))
        self.status.setText("\n".join(lines))
        self.notes.verticalScrollBar().setValue(0)
        self._fit_rows()

    def _after_commit_text(self) -> tuple[list[str], str]:
        """The import's first lines and what to do. Imported, then a step failed (a photo not
        placed: a full disk, a folder that cannot be written): never "not changed", since every
        record is in; the counts as on success, what failed, and the remedy, importing the package
        again, which changes no record and puts the missing photos back (Import stays enabled)."""
        if self.after_commit is None:
            return [self.tr("Imported.")], ""
        failure, words = self.after_commit
        head = self.tr("Imported: the %n record(s) of this package are in the database.", "",
                       failure.records)
        if failure.stage != "photos":  # the copy before it is kept; only its note is missing
            return [head, self.tr("Afterwards the note of the copy taken before this import could "
                                  "not be written: %1 Nothing is missing; the next import takes a "
                                  "copy of its own.").replace("%1", words)], ""
        self.import_button.setEnabled(True)
        missing = (self.tr("But %n of its photo(s) could not be put into the photo folder: %1", "",
                           failure.photos_missing) if failure.photos_missing else
                   self.tr("But its photos could not all be put into the photo folder: %1"))
        todo = self.tr("Free space on the disk of the photo folder %1 or make sure it can be "
                       "written, then press Import again (or import this package again later): "
                       "its records are not imported twice, only its missing photos are put back.")
        return [head, missing.replace("%1", words)], todo.replace("%1", str(self.photos_dir or ""))

    def _warning_lines(self, warnings: list[str]) -> list[str]:
        """The warnings in the core's order, a kind with many counted after its first examples
        (`warning_groups.grouped`) unless Show all warnings is pressed; every one stays in
        `qcdesk import --json` and the reconciliation workbook."""
        from qcdesk.exchange.warning_groups import Rest, grouped

        shown = grouped(warnings)
        self.all_warnings.setVisible(self.all_warnings.isChecked()
                                     or any(isinstance(x, Rest) for x in shown))
        if self.all_warnings.isChecked():
            return list(warnings)
        return [x if not isinstance(x, Rest) else
                self.tr("…and %1 more of this kind (%2, %3 in all): Show all warnings lists them.")
                .replace("%1", str(x.hidden)).replace("%2", x.name(app_lang()))
                .replace("%3", str(x.total)) for x in shown]

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
        room = self.screen().availableGeometry() if self.screen() else QRect(0, 0, 10_000, 10_000)
        t.setMinimumHeight(needed)
        self.layout().activate()
        height = min(max(self.height(), self.sizeHint().height()), room.height() - 40)
        t.setMinimumHeight(0)
        self.resize(self.width(), height)
        # grown downwards from where it opened, its buttons went under the task bar (a 614 px
        # laptop): moved up until its frame is on the screen again
        frame = self.frameGeometry()
        if frame.bottom() > room.bottom():
            self.move(self.x(), max(room.top(), self.y() - (frame.bottom() - room.bottom())))
