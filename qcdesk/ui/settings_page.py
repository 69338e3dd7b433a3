"""Preferences: interface language (per user, QSettings) and the organisation's names (per database).

The organising body's name changed with the 2018 reform (质量技术监督局 → 市场监督管理局), so it
is a setting, stored in the database beside the data it signs.

Who signs data packages (name, jurisdiction, role) is shown, not edited: it is what the signing
key was made for, which receivers' trust lists hold and the export checks against; a second,
editable copy here would be overridden by the key (or refused by the receiver) anyway.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.document_data import DOC_SETTING_DEFAULTS, FONT_SETTING_PREFIX
from qcdesk.models.jurisdictions import resolve_jurisdiction
from qcdesk.models.store import Store


class SettingsPage(QWidget):
    """The fields; `SettingsDialog` wraps them with OK/Cancel."""

    def __init__(self, store: Store | None, settings: QSettings, lang: str, parent: QWidget | None = None,
                 *, keys_dir: Path | None = None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(lang), 0))
        self.edits: dict[str, QLineEdit] = {}
        for key, default in DOC_SETTING_DEFAULTS.items():  # the keys the document writers read
            edit = QLineEdit(self)
            edit.setObjectName(key.replace(".", "_"))
            edit.setPlaceholderText(default)
            edit.setText(store.setting(key, "") if store is not None else "")
            edit.setEnabled(store is not None)
            self.edits[key] = edit
        ui_box = QGroupBox(self.tr("Interface"), self)
        ui_form = QFormLayout(ui_box)
        ui_form.addRow(self.tr("&Language:"), self.language)
        org_box = QGroupBox(self.tr("Organisation (saved in this database)"), self)
        org_form = QFormLayout(org_box)
        org_form.addRow(self.tr("Organising &body:"), self.edits["doc.org_name"])
        org_form.addRow(self.tr("Rectification &notice prefix:"), self.edits["doc.notice_prefix"])
        org_form.addRow(self.tr("Re-check notice &prefix:"), self.edits["doc.recheck_prefix"])
        org_form.addRow(self.tr("&Seal text:"), self.edits["doc.seal_text"])
        hint = QLabel(self.tr("Empty fields use the value shown in grey."), self)
        hint.setWordWrap(True)
        org_form.addRow(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(ui_box)
        layout.addWidget(org_box)
        layout.addWidget(self._signer_box(keys_dir))
        layout.addWidget(self._font_box())
        layout.addStretch(1)

    def _signer_box(self, keys_dir: Path | None) -> QGroupBox:
        """Who this computer's packages are signed as, read from the signing key's description."""
        from qcdesk.ui.keys_dialog import find_key

        box = QGroupBox(self.tr("Signer of data packages (from the signing key)"), self)
        form = QFormLayout(box)
        found = find_key(keys_dir) if keys_dir is not None else None
        self.signer_labels: dict[str, QLabel] = {}
        if found is None:
            self.signer_note = QLabel(self.tr("No signing key on this computer yet. Make one under "
                                              "Settings ▸ Signing key…: it records your name, "
                                              "jurisdiction and role."), box)
        else:
            place = resolve_jurisdiction(found.info.get("jurisdiction", ""))
            roles = {"inspector": self.tr("Inspector"), "county": self.tr("County office")}
            values = {"name": found.info.get("name", ""),
                      "jurisdiction": f"{place.code} {place.name}" if place else "",
                      "role": roles.get(found.info.get("role", ""), "")}
            for key, title in (("name", self.tr("Signer:")), ("jurisdiction", self.tr("Jurisdiction:")),
                               ("role", self.tr("Role:"))):
                label = QLabel(values[key] or self.tr("(not recorded: entered when exporting)"), box)
                label.setObjectName(f"signer_{key}")
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.signer_labels[key] = label
                form.addRow(title, label)
            self.signer_note = QLabel(self.tr("Set when the key was made; receivers' trust lists hold "
                                              "them, so a new name or jurisdiction needs a new key."), box)
        self.signer_note.setWordWrap(True)
        form.addRow(self.signer_note)
        return box

    def role_names(self) -> dict[str, str]:
        return {"title": self.tr("Title (Xiaobiaosong):"), "body": self.tr("Body text (Fangsong):"),
                "heading": self.tr("Heading (Heiti):"), "subheading": self.tr("Subheading (Kaiti):")}

    def _font_box(self) -> QGroupBox:
        """Which installed face prints each role of the PDF documents (and whether it is a stand-in),
        so a missing official font is noticed before a notice is printed."""
        box = QGroupBox(self.tr("PDF fonts (found on this computer)"), self)
        form = QFormLayout(box)
        self.font_labels: dict[str, QLabel] = {}
        try:
            from qcdesk.export.pdf.fonts import font_roles

            overrides = {}
            if self.store is not None:
                overrides = {role: self.store.setting(FONT_SETTING_PREFIX + role, "")
                             for role in self.role_names()}
            roles = font_roles({k: v for k, v in overrides.items() if v})
        except Exception as exc:  # fonts only inform here: the rest of the page must still open
            form.addRow(QLabel(self.tr("Fonts could not be checked: %1").replace("%1", str(exc)), box))
            return box
        for role, name in self.role_names().items():
            choice = roles.get(role)
            if choice is None:
                continue
            text = choice.family
            if choice.path is None:
                text += " " + self.tr("(built-in, not embedded)")
            elif choice.substitute:
                text += " " + self.tr("(stand-in: the proper font is not installed)")
            label = QLabel(text, box)
            label.setObjectName(f"font_{role}")
            label.setToolTip(choice.path or "")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.font_labels[role] = label
            form.addRow(name, label)
        return box

    def chosen_language(self) -> str:
        return self.language.currentData()

    def save(self) -> None:
        self.settings.setValue("ui/language", self.chosen_language())
        if self.store is not None:
            for key, edit in self.edits.items():
                self.store.set_setting(key, edit.text().strip())


class SettingsDialog(QDialog):
    language_chosen = Signal(str)

    def __init__(self, store: Store | None, settings: QSettings, lang: str, parent: QWidget | None = None,
                 *, keys_dir: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.lang = lang
        self.page = SettingsPage(store, settings, lang, self, keys_dir=keys_dir)
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def accept(self) -> None:
        self.page.save()
        if self.page.chosen_language() != self.lang:
            self.language_chosen.emit(self.page.chosen_language())
        super().accept()
