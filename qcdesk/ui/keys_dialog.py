"""The trust list of other keys (and, from ui/signing_key.py, this computer's own signing key:
KeysDialog stays importable from here, where the shell and the tests find it).
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.key_files import KeyFiles, create_key, find_key, key_info  # noqa: F401 - for callers
from qcdesk.exchange.minisign import MinisignError, PublicKey
from qcdesk.exchange.package_build import KEY_ID_IN_NAME
from qcdesk.models import trust_store
from qcdesk.models.store import Store, StoreError
from qcdesk.ui import colours
from qcdesk.ui.file_dialogs import open_file
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.received_view import (
    ReceivedPackagesDialog,
    receipt_cells,
    receipt_headers,
    receipt_tips,
    revoked_receipts_text,
)
from qcdesk.ui.signing_key import KeysDialog  # noqa: F401 - for callers (the shell, tests)
from qcdesk.ui.trust_name import name_for_trust, same_signer_text
from qcdesk.ui.workers import describe_error, ui_lang


class TrustDialog(QDialog):
    """Keys whose packages this database accepts: add after a phone check, revoke from a date."""

    COLUMNS = 10  # the last three: what was received from the key (ui/received_view.py)
    ROOM = 12  # px beside each column's text (16 left 缺少序号 out, review "late" 1)
    NAME_ROOM = "通城县市场监"  # the widest name shown whole: 6 汉字

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Trusted keys"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Jurisdiction"), self.tr("Role"), self.tr("Fingerprint"),
            self.tr("Added"), self.tr("Revoked"), self.tr("Key id"), *receipt_headers()])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(self.tr("No trusted keys yet. Add the public key of each "
                                          "inspector or county whose packages you receive."))
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = QPushButton(self.tr("Add public key…"))
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.received_button = QPushButton(self.tr("Received packages…"))
        buttons.addButton(self.received_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.received_button.clicked.connect(lambda: self.show_received())
        self.table.doubleClicked.connect(lambda _index: self.show_received())
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.revoke_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(lambda: self.add_key())
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(buttons)
        self.keys: list[Any] = []
        self.reload()
        self._fit_width()

    def reload(self) -> None:
        names = dict(jurisdictions(self.store))
        roles = {"inspector": self.tr("Inspector"), "county": self.tr("County bureau"),
                     "city": self.tr("City office")}
        self.keys = trust_store.list_keys(self.store)
        self.table.setRowCount(len(self.keys))
        now = datetime.now(UTC)
        for row, k in enumerate(self.keys):
            revoked = ""
            if k.revoked_at is not None:
                local = k.revoked_at.astimezone().strftime("%Y-%m-%d %H:%M")
                revoked = local if k.revoked_at_time(now) else self.tr("from %1").replace("%1", local)
            added = k.added_at.astimezone().strftime("%Y-%m-%d") if k.added_at else ""
            # The key id as package file names carry it (8 hex), whole in the tooltip: all 16
            # pushed 接收时间 and 缺少序号 off the dialog in Chinese (review regress-ui A4).
            receipts = trust_store.signer_receipts(self.store, k.key_id)
            cells = [k.shown_name or "-", names.get(k.jurisdiction, k.jurisdiction) or "-",
                     roles.get(k.role, k.role) or "-", k.fingerprint, added, revoked,
                     k.key_id[:KEY_ID_IN_NAME].upper(),
                     *receipt_cells(receipts)]
            tips = dict(enumerate([k.shown_name, "", "", "", "", "", k.key_id,
                                   *receipt_tips(receipts)]))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (3, 6):  # 6, the key id: what a record's 来源 line names the key by
                    item.setFont(QFont("monospace"))
                if tips.get(col):  # the name elided, the missing numbers short: whole here
                    item.setToolTip(tips[col])
                if k.revoked_at is not None:
                    item.setForeground(QColor(colours.readable(colours.MUTED)))  # darkGray: 3.9 : 1 on white
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for col in range(self.COLUMNS - 1):
            self.table.setColumnWidth(col, self.table.columnWidth(col) + self.ROOM)  # to breathe
        # An office signs as 咸宁市市场监督管理局质量发展科: the name elides past a person's name
        # and a county bureau's short form, whole in its tooltip (review "late" 1).
        name_room = self.table.fontMetrics().horizontalAdvance(self.NAME_ROOM) + self.ROOM
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), name_room))
        # The stretched last column never narrows below its width when stretching began (Qt's
        # 100 px default): begin again from its text's width, or it overflows the dialog by that.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        self.table.resizeColumnToContents(self.COLUMNS - 1)
        header.setStretchLastSection(True)
        self.empty_label.setVisible(not self.keys)
        self._update_buttons()

    def _fit_width(self) -> None:
        """Wide enough for every column, 缺少序号 (a missing package) above all, as far as the
        screen allows: the columns fit the default width in Chinese, the English headers need more."""
        table = self.table
        last = self.COLUMNS - 1
        columns = sum(table.columnWidth(c) for c in range(last)) + max(
            table.sizeHintForColumn(last), table.horizontalHeader().sectionSizeHint(last))
        margins = self.layout().contentsMargins()
        chrome = (margins.left() + margins.right() + 2 * table.frameWidth()
                  + table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent))
        screen = self.screen()
        room = screen.availableGeometry().width() - 32 if screen else columns + chrome  # its frame
        self.resize(max(self.width(), min(columns + chrome, room)), self.height())

    def _update_buttons(self) -> None:
        key = self.selected_key()
        self.revoke_button.setEnabled(key is not None and key.revoked_at is None)
        self.received_button.setEnabled(key is not None)

    def show_received(self) -> ReceivedPackagesDialog | None:
        """The selected key's received packages; returned (shown, not run) for callers to close."""
        key = self.selected_key()
        if key is None:
            return None
        dialog = ReceivedPackagesDialog(self.store, key, self)
        dialog.show()
        return dialog

    def selected_key(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.keys[rows[0].row()] if rows else None

    def add_key(self, path: str | None = None) -> bool:
        """File → fingerprint → the user confirms the phone check → on the list."""
        if not path:
            chosen = open_file(self, "keys", self.tr("Add public key"),
                               self.tr("Public keys (*.pub);;All files (*)"))
            path = str(chosen) if chosen else None
        if not path:
            return False
        title = self.tr("Add public key")
        try:
            pk = PublicKey.load(Path(path))
        except MinisignError as exc:
            if exc.code == "secret_key_given":  # the sender's key is out: said as it is, alone
                QMessageBox.warning(self, title, exc.text(ui_lang()))
                return False
            QMessageBox.warning(self, title, self.tr("This file is not a usable public key: %1").replace(
                "%1", exc.text(ui_lang())) + "\n\n" + self.tr(
                "Choose the .pub public key file the other side sent you (kept together with its .json "
                "description). A package (.zip), its manifest or a secret key (.key) cannot be added."))
            return False
        refused = trust_store.add_refusal(self.store, pk)  # another key under its id: forged?
        if refused is not None:  # said at once: no phone check for a key that cannot be added
            self._refused(title, refused)
            return False
        try:
            name, jurisdiction, role = self._guess_signer(Path(path), pk.key_id)
        except StoreError as exc:  # a damaged description: its pins would be missing, silently
            self._refused(title, exc)
            return False
        name = name_for_trust(self, title, name)  # a tab in an old description's name
        if name is None:
            return False
        question = self.tr("Key id: %1\n\nFingerprint:\n%2\n\nCheck the fingerprint with the key's "
                           "owner by phone. Does it match what they read out?").replace(
            "%1", pk.key_id).replace("%2", pk.fingerprint)
        if name or jurisdiction:  # from the description beside the file: confirmed on the same call
            place = dict(jurisdictions(self.store)).get(jurisdiction, "")  # 嘉鱼县, not 421221 alone
            question += "\n\n" + self.tr("The file names its owner: %1 (%2). The trust list will "
                                         "record this name.").replace("%1", name or "—").replace(
                "%2", f"{place} {jurisdiction}".strip() or "—")
        same = same_signer_text(self.store, name, jurisdiction, role)  # an old key of the same
        question += "\n\n" + same if same else ""  # signer: a replacement, or a namesake
        answer = QMessageBox.question(self, title, question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            trust_store.add_key(self.store, pk, name=name, jurisdiction=jurisdiction, role=role)
        except StoreError as exc:  # added by another window while the question was open
            self._refused(title, exc)
            return False
        self.reload()
        return True

    def _refused(self, title: str, exc: StoreError) -> None:
        advice = {"already_trusted": self.tr("Nothing to do: its packages are already accepted."),
                  "key_revoked": self.tr("Ask the owner to make a new key and send you its .pub file.")
                  }.get(getattr(exc, "code", ""), "")
        QMessageBox.warning(self, title, "\n\n".join(filter(None, (describe_error(exc), advice))))

    @staticmethod
    def _guess_signer(pub: Path, key_id: str | None = None) -> tuple[str, str, str]:
        """Name, jurisdiction code and role from the description the app writes next to its keys,
        each field on its own, by the same rule as `trust add` (an unknown jurisdiction left out)."""
        from qcdesk.exchange.key_files import signer_for_trust

        if key_id is None:
            try:
                key_id = PublicKey.load(pub).key_id
            except MinisignError:
                return "", "", ""
        fields, _described = signer_for_trust(pub, key_id)
        return fields["name"], fields["jurisdiction"], fields["role"]

    def revoke_selected(self, on: QDate | None = None) -> bool:
        key = self.selected_key()
        if key is None:
            return False
        title = self.tr("Revoke key")
        if on is None:
            dialog = QDialog(self)
            dialog.setWindowTitle(title)
            form = QFormLayout(dialog)
            text = QLabel(self.tr("Packages from key %1 (%2) received from this date on will be "
                                  "refused. A revocation cannot be lifted.").replace(
                "%1", key.fingerprint).replace("%2", key.shown_name or "-"))
            text.setWordWrap(True)
            form.addRow(text)
            date_edit = QDateEdit(QDate.currentDate())
            date_edit.setMaximumDate(QDate.currentDate())  # no day to come: see _date_refusal
            date_edit.setCalendarPopup(True)
            date_edit.setDisplayFormat("yyyy-MM-dd")
            form.addRow(self.tr("Effective from:"), date_edit)
            box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
            box.accepted.connect(dialog.accept)
            box.rejected.connect(dialog.reject)
            form.addRow(box)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            on = date_edit.date()
        day = on.toPython()
        when = datetime.combine(day, time.min).astimezone()  # local midnight, like the CLI
        refused = self._date_refusal(when)
        if refused:  # before the question: nothing is asked that would then be refused
            QMessageBox.warning(self, title, refused)
            return False
        confirm = QMessageBox.question(self, title, self.tr("Revoke key %1 from %2?").replace(
            "%1", key.fingerprint).replace("%2", day.isoformat()))
        if confirm != QMessageBox.StandardButton.Yes:
            return False
        try:
            trust_store.revoke_key(self.store, key.key_id, at=when)
        except StoreError as exc:
            QMessageBox.warning(self, title, describe_error(exc))
            return False
        self.reload()
        late = trust_store.received_after_revocation(self.store, key.key_id)
        if late:  # a back-dated revocation: what was imported since stays, maybe a thief's
            QMessageBox.warning(self, title, revoked_receipts_text(late))
        return True

    def _date_refusal(self, when: datetime) -> str:
        """Why a revocation from `when` is not recorded, or "". The picker starts at today by
        this computer's clock: a year ahead, it would revoke from a year later and the key's
        packages would import once the clock is put right (the core's check, as `trust revoke`).
        A day still to come is refused too: packages received until then would be accepted, and
        a lost or stolen key must stop at once (a key that is to stop later, its holder leaving,
        is revoked on that day)."""
        ahead = trust_store.clock_ahead_refusal(self.store, when)
        if ahead is not None:
            return describe_error(ahead)
        if when > datetime.now(UTC):
            return self.tr("Not revoked: %1 is still to come, and packages received from the key "
                           "until then would be accepted. Revoke from today, or from the day the "
                           "key was lost or stolen; a key that is to stop on a later day is "
                           "revoked on that day.").replace("%1", when.date().isoformat())
        return ""
