"""The enterprise quality file editor (企业档案): codes checked as typed, saved with its licences."""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import enterprises as enterprise_rules
from qcdesk.models import local_day
from qcdesk.models.codes import check_licence, check_uscc, normalize_licence, normalize_uscc
from qcdesk.models.editor_queries import Contact, enterprise_contacts, save_enterprise_file
from qcdesk.models.enterprises import enterprise_licences, find_enterprise_by_uscc, industries
from qcdesk.models.jurisdictions import CITY_CODE
from qcdesk.models.licence_rules import renewal_note
from qcdesk.models.messages import Issue, ValidationFailed, message
from qcdesk.models.persistence import fetch_record, plain_values
from qcdesk.models.records import CERTIFICATION_CHOICES, Enterprise, Inspector, Licence
from qcdesk.models.risk import load_rules
from qcdesk.models.stale_fields import is_stale
from qcdesk.models.store import Store, now_utc
from qcdesk.paths import AppPaths
from qcdesk.ui import colours
from qcdesk.ui.date_delegate import DateDelegate, refuse_pending
from qcdesk.ui.field_message import MessageLabel
from qcdesk.ui.forms import (
    ERROR_COLOUR,
    WARNING_BACKGROUND,
    WARNING_TEXT,
    EditorDialog,
    RecordRows,
    issue_text,
    set_combo_data,
)
from qcdesk.ui.labels import certification_labels, enterprise_sizes
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.record_window import FormScroll, fit_to_screen
from qcdesk.ui.stale_save import resolve_enterprise

LICENCE_COLUMNS = ("number", "product", "issued_on", "expires_on")
CONTACT_COLUMNS = ("name", "role", "phone")


def own_jurisdiction(store: Store) -> str:
    """The working inspector's own county, offered for a new enterprise; "" (choose one) otherwise.

    Not the city's code: a city-office inspector files enterprises of every county, and a
    preselected 咸宁市 was exactly what got saved by mistake for county enterprises.
    """
    inspector = fetch_record(store, Inspector, store.author) if store.author else None
    if inspector is None or inspector.uuid != store.author or inspector.jurisdiction_code == CITY_CODE:
        return ""
    return inspector.jurisdiction_code


class EnterpriseEditor(EditorDialog):
    """New or existing enterprise; nothing is written until the whole file validates."""

    def __init__(self, store: Store, paths: AppPaths, enterprise_id: int | None = None,
                 parent: QWidget | None = None, *, settings: QSettings | None = None,
                 lang: str | None = None):
        super().__init__(parent, settings=settings, lang=lang)
        self.store = store
        self.paths = paths
        self.enterprise = (fetch_record(store, Enterprise, enterprise_id) if enterprise_id else None) \
            or Enterprise(jurisdiction_code=own_jurisdiction(store))
        self.licences: list[Licence] = enterprise_licences(store, self.enterprise.id) \
            if self.enterprise.id else []
        self._removed: list[Licence] = []
        self.contacts: list[Contact] = enterprise_contacts(store, self.enterprise.id) \
            if self.enterprise.id else []
        self._build()
        self._load()
        self.mark_clean()
        self.restore_geometry()
        (self.name_edit if self.enterprise.id else self.uscc_edit).setFocus()

    # -- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.setObjectName("enterpriseEditor")
        fit_to_screen(self, QSize(760, 640))
        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.general_error.setVisible(False)

        self.uscc_edit = QLineEdit()
        self.uscc_edit.setObjectName("usccEdit")
        self.uscc_edit.setMaxLength(40)
        self.uscc_edit.setPlaceholderText(self.tr("18 characters, e.g. 91421281MA4KL5FE07"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.jurisdiction_combo = QComboBox()
        self.jurisdiction_combo.setObjectName("jurisdictionCombo")
        self.jurisdiction_combo.setPlaceholderText(self.tr("Choose the jurisdiction"))
        for code, name in jurisdictions(self.store):
            self.jurisdiction_combo.addItem(name, code)
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("addressEdit")
        self.industry_combo = QComboBox()
        self.industry_combo.setObjectName("industryCombo")
        self.industry_combo.setEditable(True)
        self.industry_combo.addItems(industries(self.store))
        self.products_edit = QLineEdit()
        self.products_edit.setObjectName("productsEdit")
        self.size_combo = QComboBox()
        self.size_combo.setObjectName("sizeCombo")
        self.size_combo.addItem(self.tr("(not set)"), "")
        for size, text in enterprise_sizes().items():  # stored as the Chinese word, shown translated
            self.size_combo.addItem(text, size)
        self.above_scale_check = QCheckBox(self.tr("A&bove designated size (规上)"))
        self.above_scale_check.setObjectName("aboveScaleCheck")
        self.improvement_check = QCheckBox(self.tr("Takes part in quality &improvement"))
        self.improvement_check.setObjectName("improvementCheck")
        self.demonstration_check = QCheckBox(self.tr("&Demonstration enterprise"))
        self.demonstration_check.setObjectName("demonstrationCheck")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, self.tr("Credit code (&USCC):"), "uscc", self.uscc_edit)
        self.errors.add_row(form, self.tr("&Name:"), "name", self.name_edit)
        self.errors.add_row(form, self.tr("&Jurisdiction:"), "jurisdiction_code", self.jurisdiction_combo)
        self.errors.add_row(form, self.tr("&Address:"), "address", self.address_edit)
        self.errors.add_row(form, self.tr("Indus&try:"), "industry", self.industry_combo)
        self.errors.add_row(form, self.tr("Main &products:"), "main_products", self.products_edit)
        self.errors.add_row(form, self.tr("Enterprise si&ze:"), "size_class", self.size_combo)
        flags = QHBoxLayout()
        for check in (self.above_scale_check, self.improvement_check, self.demonstration_check):
            flags.addWidget(check)
        flags.addStretch(1)
        form.addRow(flags)
        general = QWidget()
        general.setLayout(form)

        # Licences
        self.licence_table = QTableWidget(0, len(LICENCE_COLUMNS))
        self.licence_table.setObjectName("licenceTable")
        self.licence_table.setHorizontalHeaderLabels([
            self.tr("Licence number"), self.tr("Product"), self.tr("Issued on"), self.tr("Expires on")])
        self.licence_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.licence_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.date_delegate = DateDelegate(self.licence_table)
        for column in (2, 3):
            self.licence_table.setItemDelegateForColumn(column, self.date_delegate)
        self.licence_table.itemChanged.connect(self._licence_item_changed)
        self.licence_message = MessageLabel()  # what refuses the save, in red
        self.licence_message.setObjectName("licenceMessage")
        self.licence_message.setStyleSheet(colours.text_css(ERROR_COLOUR))
        self.licence_note = MessageLabel()  # what does not (renewal due…): the form's warning look
        self.licence_note.setObjectName("licenceNote")
        self.licence_note.setStyleSheet(f"{colours.pair_css(WARNING_BACKGROUND, WARNING_TEXT)} "
                                        "padding: 2px;")
        for label in (self.licence_message, self.licence_note):
            label.setVisible(False)
        add_licence = QPushButton(self.tr("&Add licence"))
        add_licence.setObjectName("addLicenceButton")
        add_licence.clicked.connect(self._add_licence_row)
        remove_licence = QPushButton(self.tr("&Remove licence"))
        remove_licence.setObjectName("removeLicenceButton")
        remove_licence.clicked.connect(self._remove_licence_row)
        licence_buttons = QHBoxLayout()
        licence_buttons.addWidget(add_licence)
        licence_buttons.addWidget(remove_licence)
        licence_buttons.addStretch(1)
        licence_page = QWidget()
        licence_layout = QVBoxLayout(licence_page)
        licence_hint = QLabel(self.tr("Industrial products: XK + 2-3-5 digits, e.g. XK06-001-00127, "
                                      "optionally with (鄂); food: SC + 14 digits. Checked as you type."))
        licence_hint.setWordWrap(True)
        for widget in (licence_hint, self.licence_table, self.licence_message, self.licence_note):
            licence_layout.addWidget(widget)
        licence_layout.addLayout(licence_buttons)

        # Certifications and contacts
        self.cert_list = QListWidget()
        self.cert_list.setObjectName("certificationList")
        for name in CERTIFICATION_CHOICES:
            self._add_certification(name)
        self.legal_edit = QLineEdit()
        self.legal_edit.setObjectName("legalRepresentativeEdit")
        self.contact_edit = QLineEdit()
        self.contact_edit.setObjectName("contactNameEdit")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("contactPhoneEdit")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setTabChangesFocus(True)
        other = QWidget()
        other_form = QFormLayout(other)
        other_form.addRow(self.tr("Certifications:"), self.cert_list)
        self.errors.add_row(other_form, self.tr("Legal &representative:"), "legal_representative",
                            self.legal_edit)
        self.errors.add_row(other_form, self.tr("Contact p&erson:"), "contact_name", self.contact_edit)
        self.errors.add_row(other_form, self.tr("P&hone:"), "contact_phone", self.phone_edit)
        self.contact_rows = RecordRows(Contact, CONTACT_COLUMNS, [self.tr("Name"), self.tr("Role"),
                                       self.tr("Phone")], self.tr("&Add contact"), self.tr("Remove contact"),
                                       "contact", removed_note=self.tr(
            "A removed contact's name, role and phone are cleared when you save. The change history "
            "keeps the old values, as the law requires for enforcement records, and copies already "
            "sent to the county or city stay there."))
        self.contact_table = self.contact_rows.table
        self.contact_message = self.contact_rows.message
        other_form.addRow(self.tr("Other contacts:"), self.contact_rows)
        self.errors.add_row(other_form, self.tr("No&tes:"), "notes", self.notes_edit)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("enterpriseTabs")
        self.tabs.addTab(FormScroll(general), self.tr("&General"))  # Save / Close stay on a short screen
        self.tabs.addTab(licence_page, self.tr("&Licences"))
        self.tabs.addTab(FormScroll(other), self.tr("Certi&fications and contacts"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addWidget(self.tabs)
        layout.addWidget(self.make_buttons())

        self.uscc_edit.textEdited.connect(self._uscc_normalise)
        self.uscc_edit.textChanged.connect(self._uscc_typed)
        self.uscc_edit.editingFinished.connect(self._uscc_finished)
        self.name_edit.textChanged.connect(lambda: self.errors.clear("name"))
        self.jurisdiction_combo.currentIndexChanged.connect(lambda: self.errors.clear("jurisdiction_code"))

    # -- load / collect ------------------------------------------------------------------
    def _add_certification(self, name: str) -> None:
        """A certification to tick, shown in the user's language, stored as the file's words."""
        item = QListWidgetItem(certification_labels().get(name, name))
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        self.cert_list.addItem(item)

    def _load(self) -> None:
        e = self.enterprise
        self.setWindowTitle(self.tr("Enterprise file — %1").replace("%1", e.name) if e.id
                            else self.tr("New enterprise file"))
        self.uscc_edit.setText(e.uscc)
        self.name_edit.setText(e.name)
        self.jurisdiction_combo.setCurrentIndex(self.jurisdiction_combo.findData(e.jurisdiction_code))
        self.address_edit.setText(e.address)
        self.industry_combo.setCurrentText(e.industry)
        self.products_edit.setText(e.main_products)
        if e.size_class and self.size_combo.findData(e.size_class) < 0:
            self.size_combo.addItem(e.size_class, e.size_class)  # not one of ours: keep it, as it is
        set_combo_data(self.size_combo, e.size_class)
        self.above_scale_check.setChecked(bool(e.above_scale))
        self.improvement_check.setChecked(bool(e.in_improvement))
        self.demonstration_check.setChecked(bool(e.demonstration))
        names = [n for n in e.certifications.split("；") if n.strip()]
        role = Qt.ItemDataRole.UserRole
        listed = {self.cert_list.item(i).data(role) for i in range(self.cert_list.count())}
        for name in (n for n in names if n not in listed):  # the file's own words: kept as written
            self._add_certification(name)
        for i in range(self.cert_list.count()):
            item = self.cert_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(role) in names else Qt.CheckState.Unchecked)
        self.legal_edit.setText(e.legal_representative)
        self.contact_edit.setText(e.contact_name)
        self.phone_edit.setText(e.contact_phone)
        self.notes_edit.setPlainText(e.notes)
        self.licence_table.blockSignals(True)
        self.licence_table.setRowCount(0)
        for licence in self.licences:
            self._append_licence(licence)
        self.licence_table.blockSignals(False)
        self.contact_rows.load(self.contacts)
        self._uscc_typed()

    def _append_licence(self, licence: Licence) -> None:
        row = self.licence_table.rowCount()
        self.licence_table.insertRow(row)
        for col, name in enumerate(LICENCE_COLUMNS):
            self.licence_table.setItem(row, col, QTableWidgetItem(getattr(licence, name) or ""))

    def collect_contacts(self) -> list[Contact]:
        return self.contact_rows.collect()  # type: ignore[return-value]

    def collect(self) -> tuple[Enterprise, list[Licence]]:
        """Fresh copies holding what the form shows (the loaded records stay untouched)."""
        e = copy.deepcopy(self.enterprise)
        e.uscc = normalize_uscc(self.uscc_edit.text())
        e.name = self.name_edit.text().strip()
        e.jurisdiction_code = self.jurisdiction_combo.currentData() or ""
        e.address = self.address_edit.text().strip()
        e.industry = self.industry_combo.currentText().strip()
        e.main_products = self.products_edit.text().strip()
        e.size_class = self.size_combo.currentData() or ""
        e.above_scale = int(self.above_scale_check.isChecked())
        e.in_improvement = int(self.improvement_check.isChecked())
        e.demonstration = int(self.demonstration_check.isChecked())
        e.certifications = "；".join(  # the stored words (卓越绩效), whatever the language shown
            self.cert_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.cert_list.count())
            if self.cert_list.item(i).checkState() == Qt.CheckState.Checked)
        e.legal_representative = self.legal_edit.text().strip()
        e.contact_name = self.contact_edit.text().strip()
        e.contact_phone = self.phone_edit.text().strip()
        e.notes = self.notes_edit.toPlainText().strip()
        licences = []
        for row in range(self.licence_table.rowCount()):
            base = copy.deepcopy(self.licences[row]) if row < len(self.licences) else Licence()
            values = [(self.licence_table.item(row, c).text().strip()
                       if self.licence_table.item(row, c) else "") for c in range(len(LICENCE_COLUMNS))]
            if not any(values) and base.id is None:
                continue
            base.number, base.product = values[0], values[1]
            base.issued_on, base.expires_on = values[2] or None, values[3] or None
            licences.append(base)
        return e, licences

    def snapshot(self) -> object:
        e, licences = self.collect()
        return (plain_values(e), [plain_values(x) for x in licences], len(self._removed),
                [plain_values(c) for c in self.collect_contacts()])

    # -- live checks ---------------------------------------------------------------------
    def _uscc_normalise(self, text: str) -> None:
        """Upper case, no spaces or hyphens, as the user types (cursor kept in place)."""
        value = normalize_uscc(text)
        if value != text:
            cursor = self.uscc_edit.cursorPosition()
            removed = len(text) - len(value)
            self.uscc_edit.setText(value)
            self.uscc_edit.setCursorPosition(max(0, cursor - removed))

    def _uscc_typed(self) -> None:
        """Check once 18 characters are there; shorter input is still being typed."""
        value = normalize_uscc(self.uscc_edit.text())
        self.errors.clear("uscc")
        if len(value) >= 18:
            self._show_uscc(value)

    def _uscc_finished(self) -> None:
        value = normalize_uscc(self.uscc_edit.text())
        if value != self.uscc_edit.text():
            self.uscc_edit.setText(value)
        if value:
            self._show_uscc(value)

    def _show_uscc(self, value: str) -> None:
        check = check_uscc(value)
        issues = [Issue("uscc", r, dict(check.params)) for r in check.errors]
        issues += [Issue("uscc", r, warning=True) for r in check.warnings]
        if check.ok:
            other = find_enterprise_by_uscc(self.store, check.value)
            if other and other.id != self.enterprise.id:
                issues.append(Issue("uscc", "uscc.duplicate", {"value": check.value, "name": other.name}))
        self.errors.clear("uscc")
        self.errors.show_issues(issues)

    def _licence_item_changed(self, item: QTableWidgetItem) -> None:
        self._check_licence_cells()

    def _check_licence_cells(self, extra: list[Issue] = ()) -> None:
        """Colour bad cells and list the messages (row by row) under the table: what refuses the
        save in red, notes that do not (renewal due, QS, a long term) in the warning colours."""
        errors: list[str] = []
        notes: list[str] = []
        self.licence_table.blockSignals(True)
        for row in range(self.licence_table.rowCount()):
            item = self.licence_table.item(row, 0)
            text = item.text().strip() if item else ""
            result = check_licence(text) if text else None
            hard = [message(r, self.lang) for r in result.errors] if result else []
            soft = [message(r, self.lang) for r in result.warnings] if result else []
            soft += [note for note in (self._renewal_note(row),) if note]
            for issue in enterprise_rules.licence_date_issues(self._row_licence(row)):  # as saving
                (soft if issue.warning else hard).append(issue_text(issue, self.lang))
            hard += [issue_text(i, self.lang) for i in extra if i.field.startswith(f"licences.{row}.")]
            hard = list(dict.fromkeys(hard))
            soft = [t for t in dict.fromkeys(soft) if t not in hard]
            for col in range(len(LICENCE_COLUMNS)):
                cell = self.licence_table.item(row, col)
                if cell is not None:
                    cell.setBackground(QBrush())
                    cell.setForeground(QBrush())
            if item is not None:
                if hard or soft:
                    colours.paint_item(item, colours.ERROR_BACKGROUND if hard else WARNING_BACKGROUND)
                item.setToolTip("\n".join(hard + soft))
            prefix = self.tr("Row %1: ").replace("%1", str(row + 1))
            errors += [prefix + "；".join(hard)] if hard and item is not None else []
            notes += [prefix + "；".join(soft)] if soft and item is not None else []
        self.licence_table.blockSignals(False)
        for label, lines in ((self.licence_message, errors), (self.licence_note, notes)):
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))

    def _row_licence(self, row: int) -> Licence:
        number, _, issued, expires = (
            (item.text().strip() if (item := self.licence_table.item(row, c)) else "") for c in range(4))
        return Licence(number=normalize_licence(number), issued_on=issued or None, expires_on=expires or None)

    def _renewal_note(self, row: int) -> str:
        """Expired, renewal due under the licence's own rule (XK 6 months, SC 30 working days
        before expiry), or obsolete (QS): licence_rules.renewal_note."""
        cell, number = self.licence_table.item(row, 3), self.licence_table.item(row, 0)
        try:
            expires = date.fromisoformat(cell.text().strip()) if cell and cell.text().strip() else None
        except ValueError:
            return ""
        return renewal_note(number.text() if number else "", None, expires, local_day.today(),
                            load_rules(self.store), self.lang)

    def _add_licence_row(self) -> None:
        self._append_licence(Licence())
        row = self.licence_table.rowCount() - 1
        self.licence_table.setCurrentCell(row, 0)
        self.licence_table.editItem(self.licence_table.item(row, 0))

    def _remove_licence_row(self) -> None:
        row = self.licence_table.currentRow()
        if row < 0:
            return
        if row < len(self.licences):
            gone = self.licences.pop(row)
            if gone.id:
                self._removed.append(gone)
        self.licence_table.removeRow(row)
        self._check_licence_cells()

    # -- save ----------------------------------------------------------------------------
    def refuse_unfinished_dates(self) -> bool:
        """Also a licence date left half typed in its cell (the cell's editor is gone by then)."""
        return super().refuse_unfinished_dates() or refuse_pending(self.licence_table)

    def save(self) -> bool:
        enterprise, licences = self.collect()
        self.errors.clear()
        self.general_error.setVisible(False)
        self.contact_rows.show_messages([])
        removed = []
        for gone in self._removed:
            dead = copy.deepcopy(gone)
            dead.deleted_at = now_utc()
            removed.append(dead)
        try:
            save_enterprise_file(self.store, enterprise, licences + removed, self.collect_contacts())
        except ValidationFailed as failure:
            if is_stale(failure):  # changed elsewhere: compare, keep the typing (stale_save.py)
                return resolve_enterprise(self)
            self._show_failure(failure.issues, jurisdiction_missing=not enterprise.jurisdiction_code)
            return False
        self.enterprise = enterprise
        self.licences = enterprise_licences(self.store, enterprise.id)
        self._removed = []
        self.contacts = enterprise_contacts(self.store, enterprise.id)
        self._load()
        self._check_licence_cells()
        return True

    def _show_failure(self, issues: list[Issue], jurisdiction_missing: bool = False) -> None:
        if jurisdiction_missing:  # the core's "unknown jurisdiction ''" does not say what to do
            issues = [i for i in issues if i.field != "jurisdiction_code"]
        first, rest = self.errors.show_issues(issues)
        if jurisdiction_missing:
            self.errors.set("jurisdiction_code", self.tr(
                "Choose the jurisdiction: the county or district the enterprise is in "
                "(咸宁市 only for an enterprise filed at city level)."))
            first = first or self.jurisdiction_combo
        licence_issues = [i for i in rest if i.field.startswith("licences.")]
        contact_issues = [i for i in rest if i.field.startswith("contacts.")]
        others = [i for i in rest if not i.field.startswith(("licences.", "contacts."))]
        self.contact_rows.show_messages([
            self.tr("Row %1: ").replace("%1", str(int(i.field.split(".")[1]) + 1)) + issue_text(i, self.lang)
            for i in contact_issues])
        if licence_issues:
            self._check_licence_cells(licence_issues)
        if others:
            self.general_error.setText("\n".join(issue_text(i, self.lang) for i in others))
            self.general_error.setVisible(True)
        if first is not None:
            page = 0 if self.tabs.widget(0).isAncestorOf(first) else 2
            self.tabs.setCurrentIndex(page)
            first.setFocus()
        elif licence_issues:
            self.tabs.setCurrentIndex(1)
        elif contact_issues:
            self.tabs.setCurrentIndex(2)
