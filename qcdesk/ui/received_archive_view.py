"""归档较早的数据包… in the received packages window: `qcdesk received archive` for the clerk.

Why: received/ grows by gigabytes a year and the only way to make room was the command line,
which a county office clerk never opens, so packages were moved by hand with nothing checking
the copy. The window asks for the folder and the age, shows the plan (what `--dry-run` prints),
asks to confirm (Cancel the default) and runs the one core function
(exchange/received_archive.py) off the GUI thread. Cancel stops between packages: each package
moved by then was read back at the target with its SHA-256 before it left received/.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from qcdesk.exchange.received_archive import ArchiveResult, archive_received
from qcdesk.models.free_space import size_text
from qcdesk.models.store import Store, StoreError
from qcdesk.ui.file_dialogs import choose_folder
from qcdesk.ui.workers import Job, Progress, attach_progress, describe_error, start_job, ui_lang

if TYPE_CHECKING:
    from qcdesk.ui.received_view import ReceivedPackagesDialog

DEFAULT_MONTHS = 12  # as the CLI's --older-than
translate = QCoreApplication.translate  # called by this name for lupdate to find the strings


def ask(parent: QWidget, icon: QMessageBox.Icon, text: str, confirm: str = "") -> bool:
    """A message box; with `confirm`, that button and Cancel, Cancel the default (also Esc).
    True when `confirm` was chosen."""
    box = QMessageBox(icon, translate("ReceivedArchive", "Archive older packages"), text, parent=parent)
    if not confirm:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        return False
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText(confirm)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Ok


def archive_older(dialog: ReceivedPackagesDialog) -> Job | None:
    """Folder, age, plan, confirmation, then the archive as a job; the job (None when the user
    stopped before it or nothing is to be moved)."""
    store: Store = dialog.store
    if store.path is None:
        return None
    folder = choose_folder(dialog, "archive", translate(
        "ReceivedArchive", "Choose the archive folder (such as a USB stick)"))
    if folder is None:
        return None
    months, ok = QInputDialog.getInt(
        dialog, translate("ReceivedArchive", "Archive older packages"),
        translate("ReceivedArchive",
                  "Archive the packages received more than this many months ago (all signers):"),
        DEFAULT_MONTHS, 1, 1200)
    if not ok:
        return None
    try:  # the plan: as quick as listing received/ (no copy, no hash)
        plan = archive_received(store, folder, months, dry_run=True)
    except StoreError as exc:
        ask(dialog, QMessageBox.Icon.Warning, describe_error(exc))
        return None
    if not plan.moved:
        ask(dialog, QMessageBox.Icon.Information, translate(
            "ReceivedArchive",
            "No package in received/ was received more than %1 months ago: nothing to archive. "
            "%n newer package(s) stay in received/.", "", plan.younger).replace("%1", str(months)))
        return None
    text = translate(
        "ReceivedArchive", "Move %n package(s) received more than %1 months ago (%2 in all, from "
        "every signer) from received/ to %3?", "", len(plan.moved)).replace(
        "%1", str(months)).replace("%2", size_text(plan.size)).replace("%3", str(folder))
    text += "\n\n" + translate(
        "ReceivedArchive",
        "Each is copied there, read back and checked against the SHA-256 recorded at import "
        "before it is deleted from received/; every move is listed in archived.tsv in both "
        "folders. %n newer package(s) stay in received/. Keep the stick safe: it holds the "
        "evidence of who sent what.", "", plan.younger)
    if not ask(dialog, QMessageBox.Icon.Question, text, translate("ReceivedArchive", "Archive")):
        return None
    return _run(dialog, folder, months, len(plan.moved))


def _run(dialog: ReceivedPackagesDialog, folder: Path, months: int, total: int) -> Job:
    kept: dict[str, ArchiveResult] = {}  # the result, also when Cancel turns the job "cancelled"

    def work(store: Store | None, progress: Progress) -> ArchiveResult:
        assert store is not None

        def step(done: int, count: int, name: str) -> bool:
            text = translate("ReceivedArchive", "Archiving %1 (%2 of %3)…").replace(
                "%1", name).replace("%2", str(done + 1)).replace("%3", str(count))
            return progress(done, count, text if name else "")

        kept["result"] = archive_received(store, folder, months, progress=step)
        return kept["result"]

    job = start_job(work, db_path=Path(str(dialog.store.path)), parent=dialog)
    attach_progress(job, dialog, translate("ReceivedArchive", "Archive older packages"),
                    translate("ReceivedArchive", "Archiving %n package(s)…", "", total))
    job.succeeded.connect(lambda result: _done(dialog, folder, result))
    job.cancelled.connect(lambda: _done(dialog, folder, kept.get("result")))
    job.failed.connect(lambda message: _failed(dialog, message))
    dialog.archive_job = job
    return job


def _report(folder: Path, result: ArchiveResult) -> str:
    text = translate(
        "ReceivedArchive", "Archived %n package(s) to %1; %2 freed in received/. Each was read back "
        "there and matched its SHA-256 before it was deleted from received/ (listed in "
        "archived.tsv there and in received/).", "", len(result.moved)).replace(
        "%1", str(folder)).replace("%2", size_text(result.size))
    if result.stopped:
        text += "\n\n" + translate(
            "ReceivedArchive", "Stopped on Cancel: %n package(s) not yet moved stay in received/; "
            "archive again to move them.", "", result.stopped)
    if result.left:
        lang = ui_lang()
        text += "\n\n" + translate(
            "ReceivedArchive", "%n package(s) could not be moved and stay in received/:", "",
            len(result.left))
        text += "".join(f"\n• {cand.path.name}: {reason.text(lang)}" for cand, reason in result.left)
    return text


def _done(dialog: Any, folder: Path, result: ArchiveResult | None) -> None:
    cancelled = translate("ReceivedArchive", "Cancelled: no package was moved.")
    text = cancelled if result is None else _report(folder, result)  # None: Cancel before the start
    _show(dialog, text, result is not None and bool(result.left))


def _failed(dialog: Any, message: str) -> None:
    """A refusal before the first copy (the folder, the space) or an unexpected error: packages
    leave received/ only inside the loop, whose failures are per package, so none left."""
    if "received/" not in message:  # the core's refusals say so themselves
        sep = "" if ui_lang() == "zh" else " "
        message += sep + translate("ReceivedArchive", "No package was deleted from received/.")
    _show(dialog, message, True)


def _show(dialog: Any, text: str, warn: bool) -> None:
    """The outcome in a box and under the list (kept there after the box is closed)."""
    dialog.refresh()
    dialog.archive_status.setText(text)
    dialog.archive_status.show()
    ask(dialog, QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Information, text)
