"""What the trust list shows of the packages received from each signer (keys dialog).

Why: the gap warning ("缺少序号 2") is shown once at import; the clerk who has to ask a signer
for a missing package needs it afterwards, beside the signer's key, and the list of what came.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.received_archive import archived_locations
from qcdesk.exchange.trust import MAX_MISSING, _runs
from qcdesk.models import trust_store
from qcdesk.models.clock_text import local_time
from qcdesk.models.store import Store
from qcdesk.ui.labels import record_counts
from qcdesk.ui.workers import ui_lang

SHA_SHOWN = 16  # hex digits: what received/ names its copy of a package with
SHA_COLUMN, NOTE_COLUMN, RECORDS_COLUMN = 4, 5, 6


def receipt_headers() -> list[str]:
    """The trust list's three receipt columns (最近序号 / 接收时间 / 缺少序号)."""
    translate = QCoreApplication.translate
    return [translate("ReceivedPackages", "Last sequence"), translate("ReceivedPackages", "Received"),
            translate("ReceivedPackages", "Missing sequences")]


def missing_text(missing: tuple[int, ...], shown: int = 10) -> str:
    """2, 5-9 in English; 2、5～9 in Chinese, as the import's gap warning words it (at most
    `shown` items, then "…")."""
    if not missing:
        return ""
    return _runs(missing, "、", "～", shown) if ui_lang() == "zh" else _runs(missing, ", ", "-", shown)


def missing_short(missing: tuple[int, ...], shown: int = 2) -> str:
    """The first few missing numbers and how many in all (2、4、5…共 20 个): the trust list's
    last column, which the whole list (up to ten numbers) pushed off the dialog (review "late" 1)."""
    head = missing_text(missing, shown)
    if not head.endswith("…"):
        return head
    count = str(len(missing)) + ("+" if len(missing) >= MAX_MISSING else "")
    return QCoreApplication.translate("ReceivedPackages", "%1 %2 in all").replace(
        "%1", head).replace("%2", count)


def receipt_cells(receipts: trust_store.SignerReceipts) -> list[str]:
    """Last number received, its local date, numbers still missing (`missing_short`); blank
    before any. Short, for the trust list to fit the laptop: `receipt_tips` has them whole."""
    if not receipts.count:
        return ["", "", ""]
    when = local_time(receipts.last_received_at)[:10] if receipts.last_received_at else ""
    return [str(receipts.last_sequence), when, missing_short(receipts.missing)]


def receipt_tips(receipts: trust_store.SignerReceipts) -> list[str]:
    """`receipt_cells` whole: the time to the minute, every missing number."""
    if not receipts.count:
        return ["", "", ""]
    return ["", local_time(receipts.last_received_at), missing_text(receipts.missing, MAX_MISSING)]


def revoked_receipts_text(late: list[trust_store.ReceivedPackage]) -> str:
    """Packages imported after a (back-dated) revocation time: still in the database, maybe a
    thief's; said when the key is revoked and on top of its received list. "" when none."""
    if not late:
        return ""
    translate = QCoreApplication.translate
    each = [translate("ReceivedPackages", "No. %1 (received %2)").replace("%1", str(p.sequence))
            .replace("%2", local_time(p.received_at)) for p in late]
    return translate(
        "ReceivedPackages", "%n package(s) from this key were imported after its revocation "
        "time: %1. Their records are still in the database and may come from whoever took the "
        "key: check them. The received packages list marks them.", "", len(late)).replace(
        "%1", ("、" if ui_lang() == "zh" else ", ").join(each))


class ReceivedPackagesDialog(QDialog):
    """Every package received from one signer: number, time, scope, period, hash, records."""

    def __init__(self, store: Store, key: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.key = store, key
        self.archive_job: Any = None  # the running or last archive (received_archive_view)
        self.setWindowTitle(self.tr("Packages received from %1").replace(
            "%1", key.shown_name or key.key_id))
        self.resize(860, 380)
        layout = QVBoxLayout(self)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        # 注意 before 记录数, which is long and last: elided, whole in its tooltip (注意 was off
        # the right edge behind it, review regress-ui A5).
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("Sequence"), self.tr("Received at"), self.tr("Scope"), self.tr("Period"),
            self.tr("SHA-256"), self.tr("Note"), self.tr("Records")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.archive_status = QLabel()  # what the last archive did (received_archive_view)
        self.archive_status.setWordWrap(True)
        self.archive_status.hide()
        layout.addWidget(self.archive_status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.archive_button = buttons.addButton(
            self.tr("Archive older packages…"),
            QDialogButtonBox.ButtonRole.ActionRole)
        self.archive_button.setEnabled(store.path is not None)  # in memory: no received/ folder
        self.archive_button.clicked.connect(self.archive_older)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def archive_older(self) -> None:
        """Move old packages from received/ to a folder the user picks (received_archive_view)."""
        from qcdesk.ui.received_archive_view import archive_older

        archive_older(self)

    def refresh(self) -> None:
        """The summary and the packages still in received/; archived ones are counted, with the
        folder they went to, not listed (the list is what the office still holds here)."""
        store, key = self.store, self.key
        receipts = trust_store.signer_receipts(store, key.key_id)
        everything = trust_store.received_packages(store, key.key_id)
        archived = archived_locations(Path(store.path)) if store.path else {}
        self.packages = [p for p in everything if p.sha256 not in archived]
        summary = self.tr("Key %1: %n package(s) received.", "", receipts.count).replace(
            "%1", key.key_id)
        if receipts.missing:
            summary += " " + self.tr("Missing: %1 — ask the signer to send them again.").replace(
                "%1", missing_text(receipts.missing))
        gone = [archived[p.sha256] for p in everything if p.sha256 in archived]
        if gone:
            summary += " " + self.tr(
                "%n of them archived (the last to %1); received/archived.tsv lists where each "
                "went.", "", len(gone)).replace("%1", str(Path(gone[-1]).parent))
        broken = [str(p.sequence) for p in everything if p.chain_broken]
        if broken:  # the import's chain warning, kept (a key on two computers, an old backup)
            summary += "\n" + self.tr(
                "Package(s) %1 named a previous package other than the one received here: the key "
                "was used on two computers, or the signer's database was restored from an older "
                "backup, and some records may not have arrived. Ask the signer to export "
                "“Everything” once on each computer that used this key and send it: what you "
                "already have imports as unchanged.").replace("%1", ", ".join(broken))
        late = trust_store.received_after_revocation(store, key.key_id)
        clock_back = trust_store.signed_before_previous(everything)  # the signer's clock went back
        if late:  # a back-dated revocation: imported before it was entered, kept, to be checked
            summary += "\n" + revoked_receipts_text(late)
        self.summary_label.setText(summary)
        self.table.setRowCount(len(self.packages))
        for row, p in enumerate(self.packages):
            cells = [str(p.sequence), local_time(p.received_at), self._scope(p.full),
                     self._period(p), p.sha256[:SHA_SHOWN],
                     "; ".join(filter(None, (
                         self.tr("Previous package differs") if p.chain_broken else "",
                         self.tr("Received after revocation") if p in late else "",
                         self.tr("Signed before the previous package")
                         if (p.key_id, p.sequence) in clock_back else ""))),
                     record_counts(p.record_counts)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == SHA_COLUMN:
                    item.setFont(QFont("monospace"))
                    item.setToolTip(p.sha256)
                if col == RECORDS_COLUMN:
                    item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()  # 记录数 from its header's width, then stretched
        self.table.setColumnWidth(RECORDS_COLUMN, header.sectionSizeHint(RECORDS_COLUMN))
        header.setStretchLastSection(True)

    def _scope(self, full: bool | None) -> str:
        if full is None:
            return ""
        return self.tr("Full") if full else self.tr("Changes")

    def _period(self, p: trust_store.ReceivedPackage) -> str:
        if p.period_from and p.period_to:
            return f"{p.period_from} – {p.period_to}"
        if p.period_from:
            return self.tr("from %1").replace("%1", p.period_from)
        return self.tr("up to %1").replace("%1", p.period_to) if p.period_to else ""
