"""This computer's signing key (GUI counterpart of `qcdesk keygen`): make it, show it, and make
a new one when the passphrase is forgotten or the inspector moved to another jurisdiction.

The passphrase only lives in the two fields while the dialog is open: scrypt turns it into the
secret key's XOR stream in a worker (seconds with the default 1 GiB parameters) and nothing
but the minisign key files and a small description (name, jurisdiction, role) is written.
A replaced key pair is moved aside (keys/retired/…) once the new one is made, never deleted;
with no key in use, the newest retired pair is offered back.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.exchange.key_files import (
    RETIRED_FOLDER,
    KeyFiles,
    create_key,
    find_key,
    find_retired,
    replace_key,
    restore_key_pair,
)
from qcdesk.exchange.minisign import MinisignError
from qcdesk.exchange.package_rules import SIGNER_NAME_MAX, signer_name_refusal
from qcdesk.exchange.passphrase import MIN_PASSPHRASE_LENGTH
from qcdesk.models import local_day
from qcdesk.models.jurisdictions import CITY_CODE
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store, StoreError
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.file_dialogs import save_file
from qcdesk.ui.labels import bracketed
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.workers import Job, attach_progress, describe_error, start_job, ui_lang


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
        self.retired: tuple[str, Path] | None = None  # the replaced key's id and where it went
        self.replacing: KeyFiles | None = None  # the key in use while the form makes its successor
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
            self._offer_retired()

    def _build_create(self) -> QGroupBox:
        box = QGroupBox(self.tr("Create a signing key"))
        outer = QVBoxLayout(box)  # the wrapped intro above the form: a box layout gives it the
        intro = QLabel(self.tr("No signing key exists on this computer yet. Packages you send are "
                               "signed with it; the passphrase protects it and is never stored."))
        intro.setObjectName("keyIntro")  # height its lines need, a spanning form row did not
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.intro = intro
        self.restore_note = QLabel()  # no key in use but a retired one: offered back
        self.restore_note.setObjectName("keyRestoreNote")
        self.restore_note.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Bring the old key back"))
        self.restore_button.clicked.connect(lambda: self.restore_retired())
        self.keep_button = QPushButton(self.tr("&Keep the current key"))  # while replacing
        self.keep_button.clicked.connect(lambda: self.keep_current())
        outer.addWidget(self.restore_note)
        for widget in (self.restore_button, self.keep_button):
            outer.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.restore_note, self.restore_button, self.keep_button):
            widget.hide()
        form = QFormLayout()
        outer.addLayout(form)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("keyName")
        self.name_edit.setPlaceholderText(self.tr("e.g. 张三"))
        self.name_edit.setMaxLength(SIGNER_NAME_MAX)  # the export's own rule: a name, not a text
        me = self._working_inspector()
        self.name_edit.setText(me.name if me is not None else "")  # the key's signer, most likely
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
        self.light_check = QCheckBox(self.tr("For an old or small &laptop: unlock with less memory "
                                             "(16 MiB instead of 1 GiB; a stolen key file is then "
                                             "quicker to guess)"))
        form.addRow("", self.light_check)
        self.create_button = QPushButton(self.tr("&Create key"))
        self.create_button.clicked.connect(self.create)
        form.addRow("", self.create_button)
        self.name_edit.textChanged.connect(self._validate)
        self._validate()
        return box

    def _working_inspector(self) -> Inspector | None:
        """Who works at this computer (chosen at start), as the roster has them."""
        inspector = fetch_record(self.store, Inspector, self.store.author) if self.store.author else None
        return inspector if inspector is not None and inspector.uuid == self.store.author else None

    def _own_jurisdiction(self) -> str:
        """The working inspector's unit, or "" (asked). Never 咸宁市: the roster used to save it
        unseen as every new inspector's unit, so it does not say the inspector chose it."""
        inspector = self._working_inspector()
        if inspector is None:
            return ""
        if inspector.jurisdiction_code == CITY_CODE:
            return ""
        return inspector.jurisdiction_code

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet(colours.text_css("#b00020"))
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
        if p1 and not p1.strip():  # the rule keygen keeps (exchange/passphrase.py)
            short = self.tr("Spaces alone are no passphrase: type words or characters")
        elif p1 and len(p1) < MIN_PASSPHRASE_LENGTH:
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
        ok = (not city and bool(name) and not bad_name and not short and p1 == p2
              and len(p1) >= MIN_PASSPHRASE_LENGTH and bool(self.jurisdiction_combo.currentData()))
        self.create_button.setEnabled(ok and self.job is None)
        return ok

    def create(self) -> Job | None:
        if not self._validate():
            return None
        args = (self.name_edit.text().strip(),
                self.jurisdiction_combo.currentData() or "", self.role_combo.currentData(),
                self.pass1.text(), self.light_check.isChecked())
        replacing, keys_dir, day = self.replacing, self.paths.keys_dir, local_day.today().isoformat()
        self.create_button.setEnabled(False)

        def work(_store: Store | None, _progress: Any) -> tuple[KeyFiles, Path | None]:
            try:
                if replacing is not None:  # the old pair goes aside only now (and comes back
                    return replace_key(replacing, day, *args)  # should the new one fail)
                return create_key(keys_dir, *args), None
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

    def _created(self, made: tuple[KeyFiles, Path | None]) -> None:
        self.job = None
        files, folder = made
        if self.replacing is not None and folder is not None:
            self.retired = (self.replacing.key.key_id, folder)
        self.replacing = None
        self.keep_button.hide()
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
        if self.retired is not None:  # just made in place of another: what the receivers must do
            self.handover = QLabel(self.tr(
                "New key made. Give its public key (Export public key…) to the receiving office "
                "and read them the fingerprint by phone; ask them to revoke the old key (key id "
                "%1). The old key pair is kept in %2.").replace("%1", self.retired[0]).replace(
                "%2", str(self.retired[1])))
            self.handover.setObjectName("keyHandover")
            self.handover.setWordWrap(True)
            self.handover.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.handover)
        self.new_key_button = QPushButton(self.tr(
            "Make a &new key (passphrase forgotten or moved to another jurisdiction)…"))
        self.new_key_button.clicked.connect(lambda: self.new_key())
        form.addRow(self.new_key_button)
        self.show_box.show()
        self.adjustSize()

    def new_key(self) -> bool:
        """A forgotten passphrase, or a move to another jurisdiction (receivers hold the key's
        jurisdiction): the form makes the new key, and only then is the old pair moved aside
        into keys/retired/, never deleted. Closing the form keeps the current key. (The pair
        used to be moved before the form showed: closing it left no key and said nothing.)"""
        old = self.key_files
        if old is None:
            return False
        answer = QMessageBox.question(self, self.tr("Make a new key"), self.tr(
            "The current key (key id %1) will be moved to the folder “%2” inside the keys folder "
            "once the new key is made; it is not deleted. Packages are then signed with the new "
            "key only: its public key goes to the receiving office, which should revoke the old "
            "key.\n\nMake a new key now?").replace("%1", old.key.key_id).replace("%2", RETIRED_FOLDER),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.replacing = old
        self.intro.setText(self.tr(
            "The current key (key id %1) stays in use until the new key is made; then it is moved "
            "to the folder “%2” inside the keys folder. After a move, choose the new jurisdiction; "
            "a forgotten passphrase cannot be recovered, so choose a new one."
        ).replace("%1", old.key.key_id).replace("%2", RETIRED_FOLDER))
        self.name_edit.setText(old.info.get("name", ""))  # the same person, most likely
        for combo, value in ((self.jurisdiction_combo, old.info.get("jurisdiction")),
                             (self.role_combo, old.info.get("role"))):
            if combo.findData(value) >= 0:
                combo.setCurrentIndex(combo.findData(value))
        self.show_box.hide()
        self.keep_button.show()
        self.create_box.show()
        self.jurisdiction_combo.setFocus()
        self.adjustSize()
        return True

    def keep_current(self) -> None:
        """Back from the new-key form to the key in use (nothing was moved)."""
        if self.replacing is None or self.job is not None:
            return
        files, self.replacing = self.replacing, None
        for edit in (self.pass1, self.pass2):
            edit.clear()
        self.keep_button.hide()
        self.show_key(files)

    def _offer_retired(self) -> None:
        """No key in use but a retired one (a new key begun and never made with an older
        version, a pair moved by hand): say so and offer it back, rather than 本机尚无签名密钥."""
        found = find_retired(self.paths.keys_dir)
        if found is None:
            return
        files, folder = found
        who = " · ".join(x for x in (files.info.get("name", ""), files.info.get("jurisdiction", "")) if x)
        self.restore_note.setText(self.tr(
            "No key is in use on this computer, but a replaced key is kept in %1 (key id %2%3). "
            "If you still know its passphrase and have not asked the receiving office to revoke "
            "it, bring it back; otherwise make a new key below.").replace("%1", str(folder)).replace(
            "%2", files.key.key_id).replace("%3", f" · {who}" if who else ""))
        self.intro.hide()  # 本机尚无签名密钥 would say the opposite
        self.restore_note.show()
        self.restore_button.show()

    def restore_retired(self) -> KeyFiles | None:
        """Move the newest retired pair back into the keys folder and show it."""
        found = find_retired(self.paths.keys_dir)
        if found is None:
            return None
        try:
            files = restore_key_pair(found[1])
        except (OSError, StoreError) as exc:
            QMessageBox.warning(self, self.windowTitle(), describe_error(exc))
            return None
        self.restore_note.hide()
        self.restore_button.hide()
        self.intro.show()
        self.show_key(files)
        return files

    def export_public(self, target: str | None = None) -> Path | None:
        """Copy the `.pub` file (USB stick, shared folder) for the other side to add, with its
        description (name, jurisdiction, role) beside it: the trust list then gets the name
        instead of "-", and the city can say who sent each file."""
        if self.key_files is None:
            return None
        if not target:
            chosen = save_file(self, "keys", self.tr("Export public key"), self.key_files.public.name,
                               self.tr("Public keys (*.pub)"))
            target = str(chosen) if chosen else None
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
