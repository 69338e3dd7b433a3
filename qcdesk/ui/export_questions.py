"""What the export dialog asks before it starts (ui/exchange_dialogs.py): nothing is written or
locked until the user has answered.

- Nothing changed since the last package: an empty package uses up a sequence number.
- A visit the export would lock (已报送) has a draft with unsaved typing. Found: the export said
  so only after it had locked the visit, when that typing could go in only as a 更正. Now the
  visits are listed first, with 先打开草稿 (the default: nothing exported) / 仍然导出 / 取消.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QAbstractButton, QMessageBox

from qcdesk.exchange.sequence_record import read_record, record_path
from qcdesk.models.store import Store

if TYPE_CHECKING:
    from qcdesk.models.drafts import VisitDraft
    from qcdesk.ui.exchange_dialogs import ExportDialog

SHOWN = 10  # visits named in the question; the others are counted


def empty_package_wanted(dialog: ExportDialog, signer: str, photos: Any, key_path: Path) -> bool:
    """Ask before an empty package uses up a sequence number: wanted only to report that a
    period brought no new data. True when something changed or, with `photos`, a photo file
    was never sent (nothing to ask: the result says how many files went). Unticked, the
    question says how many such files an empty package would leave waiting."""
    from qcdesk.exchange.export import unchanged_since
    from qcdesk.ui.signer_fields import unsent_photo_count

    store = Store.open(dialog.db_path, author="", migrate=False)  # as the worker's, short-lived
    try:
        last = unchanged_since(store, signer, photos, read_record(record_path(key_path), signer))
        waiting = unsent_photo_count(store, signer, dialog.photos_dir) if last and photos is None else 0
    finally:
        store.close()
    if last is None:
        return True
    text = QCoreApplication.translate(
        "ExportDialog", "Nothing was added or changed since the last package (no. %1). Export an "
                        "empty package anyway? (It can report that there is no new data for this "
                        "period.)").replace("%1", str(last))
    if waiting:
        text += "\n\n" + QCoreApplication.translate(
            "ExportDialog", "%1 photo files have not been sent yet; only a package made with "
                            "“Include photo files” ticked carries them. To send them, "
                            "answer No, tick it and export again.").replace("%1", str(waiting))
    answer = QMessageBox.question(
        dialog, QCoreApplication.translate("ExportDialog", "Export signed package"), text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def drafts_in_the_way(dialog: ExportDialog, signer: str, full: bool, key_path: Path) -> list[VisitDraft]:
    """The drafts of the visits this export would lock (the drafts folder is the photos
    folder's parent, paths.AppPaths; none known without it)."""
    from qcdesk.exchange.export import visits_to_lock
    from qcdesk.models.drafts import drafts_on_visits

    if dialog.photos_dir is None:
        return []
    store = Store.open(dialog.db_path, author="", migrate=False)  # as the worker's, short-lived
    try:
        ids = visits_to_lock(store, signer, full=full, sent=read_record(record_path(key_path), signer))
        return drafts_on_visits(store, dialog.photos_dir.parent, ids)
    finally:
        store.close()


def drafts_question(dialog: ExportDialog, waiting: list[VisitDraft]
                    ) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """先打开草稿 / 仍然导出 / 取消, the visits named (enterprise — visit date)."""
    names = [f"{w.enterprise or '—'} — {w.visit_date or '—'}" for w in waiting[:SHOWN]]
    if len(waiting) > SHOWN:
        names.append(QCoreApplication.translate("ExportDialog", "… and %1 more")
                     .replace("%1", str(len(waiting) - SHOWN)))
    text = QCoreApplication.translate(
        "ExportDialog", "This export will lock these visits as sent, and they have unsaved changes in "
                        "a draft:")
    box = QMessageBox(QMessageBox.Icon.Warning,
                      QCoreApplication.translate("ExportDialog", "Export signed package"),
                      text + "\n\n" + "\n".join(names), QMessageBox.StandardButton.NoButton, dialog)
    box.setObjectName("exportDraftsBox")
    box.setInformativeText(QCoreApplication.translate(
        "ExportDialog", "What was typed in those drafts is not in the package, and after the export "
                        "the visits can no longer be edited: it could then only be recorded as an "
                        "amendment. Open the drafts first, restore and save them, then export."))
    first = box.addButton(QCoreApplication.translate("ExportDialog", "&Open the drafts first"),
                          QMessageBox.ButtonRole.AcceptRole)
    anyway = box.addButton(QCoreApplication.translate("ExportDialog", "&Export anyway"),
                           QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    first.setObjectName("openDraftsFirst")
    anyway.setObjectName("exportAnyway")
    box.setDefaultButton(first)  # Enter does not export
    box.setEscapeButton(cancel)
    return box, first, anyway


def drafts_cleared(dialog: ExportDialog, signer: str, full: bool, key_path: Path) -> bool:
    """True when the export may start: no visit it would lock has a draft, or 仍然导出. With
    先打开草稿 the dialog closes and the first draft opens (the others stay in the status bar's
    drafts list); with 取消 nothing happens. Either way nothing is written or locked."""
    waiting = drafts_in_the_way(dialog, signer, full, key_path)
    if not waiting:
        return True
    box, first, anyway = drafts_question(dialog, waiting)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is anyway:
        return True
    dialog.status.setText(QCoreApplication.translate(
        "ExportDialog", "Not exported: visits it would lock have unsaved drafts. Open them (Unsaved "
                        "drafts in the status bar), restore and save them, then export."))
    if clicked is first:
        _open_draft(dialog, waiting[0])
    return False


def _open_draft(dialog: ExportDialog, waiting: VisitDraft) -> None:
    """In its editor, from the main window's drafts button (ui/draft_notice.py), once the
    export dialog has closed; without a main window (none is its parent) nothing opens."""
    from qcdesk.ui.draft_notice import DraftsButton

    parent = dialog.parentWidget()
    button = parent.window().findChild(DraftsButton) if parent is not None else None
    if button is None or button.store is None:
        return
    dialog.reject()
    QTimer.singleShot(0, button, lambda: button.open_draft(waiting.draft))
