"""Preferences: interface language (per user, QSettings) and the organisation's names (per database).

The organising body's name changed with the 2018 reform (质量技术监督局 → 市场监督管理局), so it
is a setting, stored in the database beside the data it signs.

Who signs data packages (name, jurisdiction, role) is shown, not edited: it is what the signing
key was made for, which receivers' trust lists hold and the export checks against; a second,
editable copy here would be overridden by the key (or refused by the receiver) anyway.

Naming the office after a county bureau (or choosing its jurisdiction) proposes that bureau's
number prefixes, and a name whose bureau numbers otherwise is warned about at the fields: a
county office kept printing 嘉鱼县市场监督管理局 over 咸市监质改〔2026〕＿＿号, the city's numbering.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.document_data import DOC_SETTING_DEFAULTS
from qcdesk.models.jurisdictions import BUREAUS, JURISDICTIONS, bureau_code_named, resolve_jurisdiction
from qcdesk.models.setup_queries import (
    DOC_SETTING_MAX,
    PREFIXES_CONFIRMED_SETTING,
    confirmation,
    effective_prefixes,
    prefix_mismatch,
)
from qcdesk.models.store import Store
from qcdesk.ui import colours
from qcdesk.ui.font_picker import FontRolesBox
from qcdesk.ui.forms import STORAGE_ERRORS, storage_refusal
from qcdesk.ui.record_window import FormScroll, fit_to_screen
from qcdesk.ui.stale_save import form_label
from qcdesk.ui.workers import ui_lang

ORG_KEYS = ("doc.org_name", "doc.notice_prefix", "doc.recheck_prefix")


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
            edit.setMaxLength(DOC_SETTING_MAX[key])  # the CLI's limit (setup_queries): a name, not a page
            edit.setText(store.setting(key, "") if store is not None else "")
            edit.setEnabled(store is not None)
            self.edits[key] = edit
        ui_box = QGroupBox(self.tr("Interface"), self)
        ui_form = QFormLayout(ui_box)
        ui_form.addRow(self.tr("&Language:"), self.language)
        org_box = QGroupBox(self.tr("Organisation (saved in this database)"), self)
        org_form = QFormLayout(org_box)
        org_form.addRow(self.tr("Office's &jurisdiction:"), self._jurisdiction_combo())
        org_form.addRow(self.tr("Organising &body:"), self.edits["doc.org_name"])
        org_form.addRow(self.tr("Rectification &notice prefix:"), self.edits["doc.notice_prefix"])
        org_form.addRow(self.tr("Re-check notice &prefix:"), self.edits["doc.recheck_prefix"])
        org_form.addRow(self._prefix_warning_box())
        self.edits["doc.seal_text"].setPlaceholderText(self.tr(  # GB/T 9704: no text under a seal
            "(none: the seal is pressed on the name and date)"))
        org_form.addRow(self.tr("&Seal text:"), self.edits["doc.seal_text"])
        org_form.addRow(self.tr("Reports &addressed to:"), self.edits["doc.report_to"])
        hint = QLabel(self.tr("Empty fields use the value shown in grey."), self)
        hint.setWordWrap(True)
        org_form.addRow(hint)
        layout = QVBoxLayout(self)
        layout.addWidget(ui_box)
        layout.addWidget(org_box)
        layout.addWidget(self._signer_box(keys_dir))
        self.font_box = FontRolesBox(store, self.role_names(), self)
        self.font_labels = self.font_box.font_labels
        layout.addWidget(self.font_box)
        layout.addStretch(1)
        self.edits["doc.org_name"].textEdited.connect(self._org_name_edited)
        for key in ("doc.org_name", "doc.notice_prefix", "doc.recheck_prefix"):
            self.edits[key].textChanged.connect(self._check_prefixes)
        self._sync_jurisdiction()
        self._check_prefixes()
        # what was stored when the page opened: only fields changed since are written back
        self.loaded = {key: edit.text().strip() for key, edit in self.edits.items()}
        self.loaded_keep = self.keep_prefixes.isChecked()

    def _jurisdiction_combo(self) -> QComboBox:
        """Choosing the office's jurisdiction fills in its bureau's name and prefixes (editable)."""
        self.jurisdiction = QComboBox(self)
        self.jurisdiction.setObjectName("officeJurisdiction")
        self.jurisdiction.addItem(self.tr("(choose to fill in the fields below)"), "")
        for j in JURISDICTIONS:
            if j.code in BUREAUS:
                gap = "　" if ui_lang() == "zh" else " – "  # an ideographic space is Chinese type
                self.jurisdiction.addItem(f"{j.name}{gap}{BUREAUS[j.code].name}", j.code)
        self.jurisdiction.setEnabled(self.store is not None)
        self.jurisdiction.activated.connect(self._jurisdiction_chosen)
        return self.jurisdiction

    def _prefix_warning_box(self) -> QWidget:
        """The warning shown when the prefixes are not the named bureau's, with both ways out."""
        self.prefix_box = QWidget(self)
        self.prefix_warning = QLabel(self.prefix_box)
        self.prefix_warning.setObjectName("prefixWarning")
        self.prefix_warning.setWordWrap(True)
        self.prefix_warning.setStyleSheet(colours.text_css("#b3261e"))
        self.use_bureau_prefixes = QPushButton(self.prefix_box)
        self.use_bureau_prefixes.setObjectName("useBureauPrefixes")
        self.use_bureau_prefixes.clicked.connect(self._use_bureau_prefixes)
        self.keep_prefixes = QCheckBox(self.tr("Keep these prefixes: this office numbers its "
                                               "documents this way"), self.prefix_box)
        self.keep_prefixes.setObjectName("keepPrefixes")
        if self.store is not None:  # ticked when exactly these differing values were confirmed
            values = self._org_values()
            confirmed = self.store.setting(PREFIXES_CONFIRMED_SETTING, "") or ""
            self.keep_prefixes.setChecked(prefix_mismatch(*values) is not None
                                          and prefix_mismatch(*values, confirmed) is None)
        box = QVBoxLayout(self.prefix_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.prefix_warning)
        box.addWidget(self.use_bureau_prefixes, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.keep_prefixes)
        return self.prefix_box

    def _org_values(self) -> tuple[str, str, str]:
        return tuple(self.edits[k].text() for k in ORG_KEYS)  # type: ignore[return-value]

    def _jurisdiction_chosen(self, index: int) -> None:
        code = self.jurisdiction.itemData(index)
        if code:
            bureau = BUREAUS[code]
            self.edits["doc.org_name"].setText(bureau.name)
            self.edits["doc.notice_prefix"].setText(bureau.notice_prefix)
            self.edits["doc.recheck_prefix"].setText(bureau.recheck_prefix)

    def _org_name_edited(self, text: str) -> None:
        """A typed bureau name proposes its prefixes, unless the fields hold prefixes of the
        office's own making (neither empty nor any known bureau's): those stay, and are warned of."""
        self._sync_jurisdiction()
        code = bureau_code_named(text)
        if code is None:
            return
        known = {p for b in BUREAUS.values() for p in (b.notice_prefix, b.recheck_prefix)}
        bureau = BUREAUS[code]
        for key, prefix in (("doc.notice_prefix", bureau.notice_prefix),
                            ("doc.recheck_prefix", bureau.recheck_prefix)):
            edit = self.edits[key]
            if not edit.text().strip() or edit.text().strip() in known:
                edit.setText(prefix)

    def _sync_jurisdiction(self) -> None:
        code = bureau_code_named(self.edits["doc.org_name"].text()) or ""
        self.jurisdiction.setCurrentIndex(max(self.jurisdiction.findData(code), 0))

    def _use_bureau_prefixes(self) -> None:
        code = bureau_code_named(self.edits["doc.org_name"].text())
        if code is not None:
            self.edits["doc.notice_prefix"].setText(BUREAUS[code].notice_prefix)
            self.edits["doc.recheck_prefix"].setText(BUREAUS[code].recheck_prefix)

    def _check_prefixes(self) -> None:
        """Show the warning while the named bureau's documents would carry other prefixes."""
        org, notice, recheck = self._org_values()
        bureau = prefix_mismatch(org, notice, recheck)
        self.prefix_box.setVisible(bureau is not None)
        if bureau is None:
            return
        shown = "／".join(effective_prefixes(notice, recheck))
        self.prefix_warning.setText(
            self.tr("%1 numbers its documents %2, but they would be numbered %3. Use the bureau's "
                    "prefixes, or keep these if your office numbers its documents this way.")
            .replace("%1", bureau.name).replace("%2", f"{bureau.notice_prefix}／{bureau.recheck_prefix}")
            .replace("%3", shown))
        self.use_bureau_prefixes.setText(self.tr("Use %1").replace(
            "%1", f"{bureau.notice_prefix}／{bureau.recheck_prefix}"))

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
            roles = {"inspector": self.tr("Inspector"), "county": self.tr("County office"),
                     "city": self.tr("City office")}
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

    def chosen_language(self) -> str:
        return self.language.currentData()

    def save(self, seen: Mapping[str, str] | None = None) -> dict[str, str]:
        """Write only the fields the user changed: `qcdesk settings --org-name` may have set the
        others while the page was open, and OK wrote them back as loaded. A field the user changed
        that was also changed elsewhere is returned ({key: stored value}) and nothing is written,
        unless `seen` holds that stored value (the user saw it and chose theirs over it)."""
        if self.store is None:
            self.settings.setValue("ui/language", self.chosen_language())
            return {}
        mine = {k: e.text().strip() for k, e in self.edits.items() if e.text().strip() != self.loaded[k]}
        with self.store.transaction():  # the name and its prefixes change together or not at all
            stored = {k: (self.store.setting(k, "") or "").strip() for k in self.edits}
            clash = {k: stored[k] for k in mine if stored[k] not in (self.loaded[k], mine[k])
                     and (seen or {}).get(k) != stored[k]}
            if clash:
                return clash
            for key, value in mine.items():
                self.store.set_setting(key, value)
            if mine.keys() & set(ORG_KEYS) or self.keep_prefixes.isChecked() != self.loaded_keep:
                values = tuple(mine.get(k, stored[k]) for k in ORG_KEYS)
                kept = self.keep_prefixes.isChecked() and prefix_mismatch(*values) is not None
                self.store.set_setting(PREFIXES_CONFIRMED_SETTING, confirmation(*values) if kept else "")
            self.font_box.save()
        self.loaded.update(mine)
        self.settings.setValue("ui/language", self.chosen_language())  # with the rest, or not at all
        return {}

    def take_stored(self, values: Mapping[str, str]) -> None:
        """Show the values stored elsewhere in place of the user's (keep theirs)."""
        for key, value in values.items():
            self.edits[key].setText(value)
            self.loaded[key] = value


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
        layout.addWidget(FormScroll(self.page))  # OK / Cancel stay on a short screen
        layout.addWidget(buttons)
        fit_to_screen(self, self.sizeHint().expandedTo(QSize(520, 360)))

    def accept(self) -> None:
        """Save and close; a database that refuses the write, or a field also changed elsewhere,
        keeps the dialog open with the user's values (before, the error escaped unseen)."""
        seen: dict[str, str] = {}
        while True:
            try:
                clash = self.page.save(seen)
            except STORAGE_ERRORS as exc:  # locked, full or unreachable: say so, keep the values
                storage_refusal(self, exc, ui_lang())
                return
            if not clash:
                break
            answer = self._ask_clash(clash)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.No:
                self.page.take_stored(clash)
            seen.update(clash)
        if self.page.chosen_language() != self.lang:
            self.language_chosen.emit(self.page.chosen_language())
        super().accept()

    def _ask_clash(self, clash: Mapping[str, str]) -> QMessageBox.StandardButton:
        """Fields the user changed that another program changed too: whose value is saved."""
        lines = [self.tr("%1: “%2” (yours: “%3”)").replace("%1", form_label(self.page.edits[k]))
                 .replace("%2", v).replace("%3", self.page.edits[k].text().strip()) for k, v in clash.items()]
        std = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Changed elsewhere"),
                          self.tr("While Preferences was open, another program changed:\n%1\n\nSave "
                                  "your values over them, or keep theirs?").replace("%1", "\n".join(lines)),
                          std.Yes | std.No | std.Cancel, self)
        box.setObjectName("settingsClashBox")
        box.button(std.Yes).setText(self.tr("Save &mine"))
        box.button(std.No).setText(self.tr("&Keep theirs"))
        box.button(std.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(std.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return box.standardButton(clicked) if clicked else std.Cancel
