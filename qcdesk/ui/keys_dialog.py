"""The signing key (GUI counterpart of `qcdesk keygen`) and the trust list of other keys.

The passphrase only lives in the two fields while the dialog is open: scrypt turns it into the
secret key's XOR stream in a worker (seconds with the default 1 GiB parameters) and nothing
but the minisign key files and a small description (name, jurisdiction, role) is written.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.key_files import KeyFiles, create_key, find_key, key_info  # noqa: F401 - for callers
from qcdesk.exchange.minisign import MinisignError, PublicKey
from qcdesk.exchange.package_rules import signer_name_refusal
from qcdesk.exchange.passphrase import MIN_PASSPHRASE_LENGTH
from qcdesk.models import trust_store
from qcdesk.models.enterprises import jurisdictions
from qcdesk.models.jurisdictions import CITY_CODE
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store, StoreError
from qcdesk.paths import AppPaths
from qcdesk.ui.labels import bracketed
from qcdesk.ui.received_view import ReceivedPackagesDialog, receipt_cells, receipt_headers
from qcdesk.ui.trust_name import name_for_trust
from qcdesk.ui.workers import Job, attach_progress, describe_error, start_job, ui_lang

MAX_SIGNER_NAME = 40  # characters: a person's or an office's name (咸宁市市场监督管理局质量发展科)


def fingerprint_label(text: str) -> QLabel:
    """Large monospaced groups of four, selectable, to read out over the phone."""
    label = QLabel(text)
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSize(20)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class KeysDialog(QDialog):
    """Create this computer's signing key if there is none, then show its fingerprint and files."""

    def __init__(self, store: Store, paths: AppPaths, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.paths = store, paths
        self.job: Job | None = None
        self.key_files: KeyFiles | None = None
        self.setWindowTitle(self.tr("Signing key"))
        self.layout_ = QVBoxLayout(self)
        # a strut, not setMinimumWidth: an explicit minimum would override the layout's, and a
        # form wider than it (English, large fonts) was squeezed and its wrapped intro clipped
        self.layout_.addStrut(538)  # 560 wide with the margins
        self.create_box = self._build_create()
        self.show_box = QGroupBox(self.tr("Your signing key"))
        self.layout_.addWidget(self.create_box)
        self.layout_.addWidget(self.show_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        found = find_key(paths.keys_dir)
        if found is not None:
            self.show_key(found)
        else:
            self.show_box.hide()

    def _build_create(self) -> QGroupBox:
        box = QGroupBox(self.tr("Create a signing key"))
        outer = QVBoxLayout(box)  # the wrapped intro above the form: a box layout gives it the
        intro = QLabel(self.tr("No signing key exists on this computer yet. Packages you send are "
                               "signed with it; the passphrase protects it and is never stored."))
        intro.setObjectName("keyIntro")  # height its lines need, a spanning form row did not
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        outer.addLayout(form)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("keyName")
        self.name_edit.setPlaceholderText(self.tr("e.g. 张三"))
        self.name_edit.setMaxLength(MAX_SIGNER_NAME)  # a person's or an office's name, not a text
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.name_error = self._error_label()  # a tab or line break (pasted) cannot be signed
        form.addRow("", self.name_error)
        self.jurisdiction_combo = QComboBox()
        self.jurisdiction_combo.setObjectName("keyJurisdiction")
        self.jurisdiction_combo.setPlaceholderText(self.tr("Choose the jurisdiction"))
        for code, name in jurisdictions(self.store):
            self.jurisdiction_combo.addItem(f"{name}{bracketed(code)}", code)
        # Every package names it: the working inspector's own, never 咸宁市 by default.
        self.jurisdiction_combo.setCurrentIndex(self.jurisdiction_combo.findData(self._own_jurisdiction()))
        self.jurisdiction_combo.currentIndexChanged.connect(self._validate)
        form.addRow(self.tr("&Jurisdiction:"), self.jurisdiction_combo)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("Inspector"), "inspector")
        self.role_combo.addItem(self.tr("County bureau"), "county")
        self.role_combo.addItem(self.tr("City office"), "city")
        self.role_combo.currentIndexChanged.connect(self._validate)
        form.addRow(self.tr("&Role:"), self.role_combo)
        self.role_error = self._error_label()  # city role: 咸宁市 (421200) only
        form.addRow("", self.role_error)
        self.pass1 = QLineEdit()
        self.pass2 = QLineEdit()
        for edit in (self.pass1, self.pass2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._validate)
        self.pass1.setPlaceholderText(self.tr("at least %1 characters").replace(
            "%1", str(MIN_PASSPHRASE_LENGTH)))
        form.addRow(self.tr("&Passphrase:"), self.pass1)
        self.pass1_error = self._error_label()
        form.addRow("", self.pass1_error)
        form.addRow(self.tr("Passphrase &again:"), self.pass2)
        self.pass2_error = self._error_label()
        form.addRow("", self.pass2_error)
        self.light_check = QCheckBox(self.tr("&Light key derivation (16 MiB instead of 1 GiB, "
                                             "for small laptops)"))
        form.addRow("", self.light_check)
        self.create_button = QPushButton(self.tr("&Create key"))
        self.create_button.clicked.connect(self.create)
        form.addRow("", self.create_button)
        self.name_edit.textChanged.connect(self._validate)
        self._validate()
        return box

    def _own_jurisdiction(self) -> str:
        """The working inspector's unit, or "" (asked). Never 咸宁市: the roster used to save it
        unseen as every new inspector's unit, so it does not say the inspector chose it."""
        inspector = fetch_record(self.store, Inspector, self.store.author) if self.store.author else None
        if inspector is None or inspector.uuid != self.store.author:
            return ""
        if inspector.jurisdiction_code == CITY_CODE:
            return ""
        return inspector.jurisdiction_code

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #b00020;")
        label.hide()
        return label

    @staticmethod
    def _set_error(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _validate(self) -> bool:
        """Field-level messages as the user types; Create is enabled only when all is right."""
        p1, p2 = self.pass1.text(), self.pass2.text()
        short = ""
        if p1 and len(p1) < MIN_PASSPHRASE_LENGTH:
            short = self.tr("Too short: at least %1 characters (now %2)").replace(
                "%1", str(MIN_PASSPHRASE_LENGTH)).replace("%2", str(len(p1)))
        mismatch = self.tr("The two passphrases differ") if p2 and p1 != p2 else ""
        self._set_error(self.pass1_error, short)
        self._set_error(self.pass2_error, mismatch)
        city = (self.role_combo.currentData() == "city"
                and self.jurisdiction_combo.currentData() != CITY_CODE)
        self._set_error(self.role_error, self.tr(
            "The city office role is only for 咸宁市 (421200): choose that jurisdiction, or the "
            "inspector or county role.") if city else "")
        name = self.name_edit.text().strip()
        bad_name = signer_name_refusal(name, ui_lang()) if name else None  # the export's own rule
        self._set_error(self.name_error, bad_name or "")
        ok = (not city and bool(name) and not bad_name and len(p1) >= MIN_PASSPHRASE_LENGTH
              and p1 == p2 and bool(self.jurisdiction_combo.currentData()))
        self.create_button.setEnabled(ok and self.job is None)
        return ok

    def create(self) -> Job | None:
        if not self._validate():
            return None
        args = (self.paths.keys_dir, self.name_edit.text().strip(),
                self.jurisdiction_combo.currentData() or "", self.role_combo.currentData(),
                self.pass1.text(), self.light_check.isChecked())
        self.create_button.setEnabled(False)

        def work(_store: Store | None, _progress: Any) -> KeyFiles:
            try:
                return create_key(*args)
            except MinisignError as exc:
                raise StoreError(exc.reason_zh, exc.reason_en) from exc

        self.job = start_job(work, db_path=None, parent=self)
        attach_progress(self.job, self, self.tr("Signing key"),
                        self.tr("Deriving the key from the passphrase…"), cancellable=False)
        self.job.succeeded.connect(self._created)
        self.job.failed.connect(self._failed)
        return self.job

    def done(self, result: int) -> None:  # noqa: D401 — Qt override
        """Stay open while the worker runs: its signals are owned by this dialog."""
        if self.job is not None and not self.job.done:
            return
        super().done(result)

    def _created(self, files: KeyFiles) -> None:
        self.job = None
        for edit in (self.pass1, self.pass2):
            edit.clear()
        self.show_key(files)

    def _failed(self, text: str) -> None:
        self.job = None
        self._validate()
        QMessageBox.warning(self, self.windowTitle(), text)

    def show_key(self, files: KeyFiles) -> None:
        self.key_files = files
        self.create_box.hide()
        old = self.show_box.layout()
        if old is not None:
            QWidget().setLayout(old)  # reparent the old layout away
        form = QFormLayout(self.show_box)
        hint = QLabel(self.tr("Fingerprint — read it out by phone to whoever adds your key:"))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.fingerprint = fingerprint_label(files.key.fingerprint)
        self.fingerprint.setObjectName("fingerprint")
        form.addRow(self.fingerprint)
        self.key_id_label = QLabel(files.key.key_id)
        self.key_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Key id:"), self.key_id_label)
        info = files.info
        if info:
            roles = {"inspector": self.tr("Inspector"), "county": self.tr("County bureau"),
                     "city": self.tr("City office")}
            names = {code: f"{name}{bracketed(code)}" for code, name in jurisdictions(self.store)}
            form.addRow(self.tr("Signer:"), QLabel(" · ".join(
                x for x in (info.get("name", ""), names.get(info.get("jurisdiction", ""), ""),
                            roles.get(info.get("role", ""), "")) if x)))
        for title, path in ((self.tr("Public key:"), files.public),
                            (self.tr("Secret key:"), files.secret)):
            label = QLabel(str(path))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, label)
        warn = QLabel(self.tr("Keep the secret key file to yourself; only the public key is sent."))
        warn.setWordWrap(True)
        form.addRow(warn)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export public key…"))
        self.export_button.clicked.connect(lambda: self.export_public())
        copy = QPushButton(self.tr("Copy fingerprint"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(files.key.fingerprint))
        row.addWidget(self.export_button)
        row.addWidget(copy)
        row.addStretch(1)
        form.addRow(row)
        self.show_box.show()
        self.adjustSize()

    def export_public(self, target: str | None = None) -> Path | None:
        """Copy the `.pub` file (USB stick, shared folder) for the other side to add, with its
        description (name, jurisdiction, role) beside it: the trust list then gets the name
        instead of "-", and the city can say who sent each file."""
        if self.key_files is None:
            return None
        if not target:
            target, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export public key"), self.key_files.public.name,
                self.tr("Public keys (*.pub)"))
        if not target:
            return None
        try:
            shutil.copyfile(self.key_files.public, target)
            described = self.key_files.public.with_suffix(".json")
            if described.is_file():
                shutil.copyfile(described, Path(target).with_suffix(".json"))
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), describe_error(exc))
            return None
        return Path(target)


class TrustDialog(QDialog):
    """Keys whose packages this database accepts: add after a phone check, revoke from a date."""

    COLUMNS = 9  # the last three: what was received from the key (ui/received_view.py)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Trusted keys"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([
            self.tr("Name"), self.tr("Jurisdiction"), self.tr("Role"), self.tr("Fingerprint"),
            self.tr("Added"), self.tr("Revoked"), *receipt_headers()])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
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
            cells = [k.shown_name or "-", names.get(k.jurisdiction, k.jurisdiction) or "-",
                     roles.get(k.role, k.role) or "-", k.fingerprint, added, revoked,
                     *receipt_cells(trust_store.signer_receipts(self.store, k.key_id))]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setFont(QFont("monospace"))
                if k.revoked_at is not None:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        for col in range(self.COLUMNS - 1):
            self.table.setColumnWidth(col, self.table.columnWidth(col) + 24)  # room to breathe
        self.empty_label.setVisible(not self.keys)
        self._update_buttons()

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
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Add public key"), "",
                                                  self.tr("Public keys (*.pub);;All files (*)"))
        if not path:
            return False
        title = self.tr("Add public key")
        try:
            pk = PublicKey.load(Path(path))
        except MinisignError as exc:
            QMessageBox.warning(self, title, self.tr("This file is not a usable public key: %1").replace(
                "%1", exc.text(ui_lang())) + "\n\n" + self.tr(
                "Choose the .pub public key file the other side sent you (kept together with its .json "
                "description). A package (.zip), its manifest or a secret key (.key) cannot be added."))
            return False
        refused = trust_store.add_refusal(self.store, pk.key_id)
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
        return True
