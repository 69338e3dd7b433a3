"""Who is working: pick yourself from the inspector roster at start (no network login), or add yourself.

`RosterDialog` maintains the roster the visit editor picks inspectors from.
"""

from __future__ import annotations

import copy
from collections import Counter

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.cert_duplicates import records, shared_certs
from qcdesk.models.inspections import roster, save_inspector
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store
from qcdesk.ui import colours
from qcdesk.ui.forms import (
    STORAGE_ERRORS,
    FieldErrors,
    app_lang,
    app_settings,
    storage_refusal,
)
from qcdesk.ui.labels import bracketed
from qcdesk.ui.place_names import jurisdictions


class InspectorForm(QWidget):
    """Name, 执法证号 and unit of one inspector, with errors shown at the fields."""

    def __init__(self, store: Store, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.errors = FieldErrors(lang)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("inspectorNameEdit")
        self.cert_edit = QLineEdit()
        self.cert_edit.setObjectName("inspectorCertEdit")
        self.jurisdiction_combo = QComboBox()
        self.jurisdiction_combo.setObjectName("inspectorJurisdictionCombo")
        # No unit preselected: a default (咸宁市) was saved unseen for county clerks, and their
        # signing key and every package then claimed the city's jurisdiction.
        self.jurisdiction_combo.setPlaceholderText(self.tr("Choose…"))
        for code, name in jurisdictions(store):
            self.jurisdiction_combo.addItem(name, code)
        self.jurisdiction_combo.currentIndexChanged.connect(
            lambda: self.errors.clear("jurisdiction_code"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for label, field, widget in (
            (self.tr("&Name:"), "name", self.name_edit),
            (self.tr("Law-enforcement certificate n&o.:"), "cert_no", self.cert_edit),
            (self.tr("&Unit (jurisdiction):"), "jurisdiction_code", self.jurisdiction_combo),
        ):
            self.errors.add_row(form, label, field, widget)

    def load(self, inspector: Inspector) -> None:
        self.errors.clear()
        self.name_edit.setText(inspector.name)
        self.cert_edit.setText(inspector.cert_no)
        code = inspector.jurisdiction_code
        self.jurisdiction_combo.setCurrentIndex(self.jurisdiction_combo.findData(code) if code else -1)

    def save(self, base: Inspector) -> Inspector | None:
        inspector = copy.deepcopy(base)
        inspector.name = self.name_edit.text()
        inspector.cert_no = self.cert_edit.text().strip()
        inspector.jurisdiction_code = self.jurisdiction_combo.currentData() or ""
        self.errors.clear()
        try:
            return save_inspector(self.store, inspector)
        except ValidationFailed as failure:
            self._show_failure(failure, unit_missing=not inspector.jurisdiction_code)
            return None
        except STORAGE_ERRORS as exc:
            storage_refusal(self, exc, self.errors.lang)
            return None

    def _show_failure(self, failure: ValidationFailed, unit_missing: bool) -> None:
        """Messages at the fields; a missing unit says which unit is meant, not only 'required'."""
        issues = [i for i in failure.issues if not (unit_missing and i.field == "jurisdiction_code")]
        first, _ = self.errors.show_issues(issues)
        if unit_missing:
            self.errors.set("jurisdiction_code", self.tr(
                "Choose your unit: the county, district or city office you work for"))
            first = first or self.jurisdiction_combo
        if first is not None:
            first.setFocus()


def describe_inspector(inspector: Inspector, names: dict[str, str], *, cert: bool = True) -> str:
    """Name, certificate number (unless `cert` is False) and unit: namesakes are told apart."""
    code = inspector.jurisdiction_code
    cert_no = f"  {inspector.cert_no}" if inspector.cert_no and cert else ""
    unit = f"  {bracketed(names.get(code, code))}" if code else ""
    return f"{inspector.name}{cert_no}{unit}"


def shared_names(people: list[Inspector]) -> set[str]:
    """Names borne by more than one person listed: only there is the 执法证号 needed to choose."""
    counts = Counter(p.name.strip() for p in people)
    return {name for name, count in counts.items() if count > 1}


class InspectorChooser(QDialog):
    """The start-up question 'who are you?': a roster pick or a new entry for yourself."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, lang: str | None = None,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.store = store
        self.chosen: Inspector | None = None
        self.settings = app_settings(settings)
        self.setObjectName("inspectorChooser")
        self.setWindowTitle(self.tr("Who is working?"))
        names = dict(jurisdictions(store))
        self.list = QListWidget()
        self.list.setObjectName("rosterList")
        last = self.settings.value("editors/lastInspector", "")
        people = roster(store)
        # The chooser is shown at start, often on a meeting room's projector: every 执法证号
        # listed there was read by the room. A number is shown only where a name is shared.
        shared = shared_names(people)
        for inspector in people:
            shown = describe_inspector(inspector, names, cert=inspector.name.strip() in shared)
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, inspector)
            self.list.addItem(item)
            if inspector.uuid == last:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._use_selected())
        self.use_button = QPushButton(self.tr("Use &selected"))
        self.use_button.setObjectName("useSelectedButton")
        self.use_button.clicked.connect(self._use_selected)
        self.form = InspectorForm(store, app_lang(lang))
        self.add_button = QPushButton(self.tr("&Add me and continue"))
        self.add_button.setObjectName("addMeButton")
        self.add_button.clicked.connect(self._add_me)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)

        pick = QGroupBox(self.tr("Pick yourself from the inspector roster"))
        pick_layout = QVBoxLayout(pick)
        pick_layout.addWidget(self.list)
        pick_layout.addWidget(self.use_button, alignment=Qt.AlignmentFlag.AlignRight)
        add = QGroupBox(self.tr("Not on the roster? Add yourself"))
        add_layout = QVBoxLayout(add)
        add_layout.addWidget(self.form)
        add_layout.addWidget(self.add_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("QCDesk works offline: choose who records today's work.")))
        layout.addWidget(pick)
        layout.addWidget(add)
        layout.addWidget(cancel, alignment=Qt.AlignmentFlag.AlignRight)
        # Enter acts on the part that has focus: a field of the form adds me, the list uses the
        # person picked. Set once the buttons are in the dialog (a default set before counted for
        # nothing, and 'add me' stayed the default after Tab had visited it once).
        self._default_for = {self.list: self.use_button}
        for field in (self.form.name_edit, self.form.cert_edit, self.form.jurisdiction_combo):
            self._default_for[field] = self.add_button
        for watched in self._default_for:
            watched.installEventFilter(self)
        if self.list.count():
            self.use_button.setDefault(True)
            self.list.setFocus()
        else:
            pick.setVisible(False)
            self.add_button.setDefault(True)
            self.form.name_edit.setFocus()
        self.resize(520, 480)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt override
        if event.type() == QEvent.Type.FocusIn and watched in self._default_for:
            self._default_for[watched].setDefault(True)
        return super().eventFilter(watched, event)

    def _use_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._finish(item.data(Qt.ItemDataRole.UserRole))

    def _add_me(self) -> None:
        saved = self.form.save(Inspector())
        if saved is not None:
            self._finish(saved)

    def _finish(self, inspector: Inspector) -> None:
        self.chosen = inspector
        self.settings.setValue("editors/lastInspector", inspector.uuid)
        self.accept()


def choose_inspector(store: Store, parent: QWidget | None = None) -> Inspector | None:
    """Ask who is working; None when the user cancels."""
    dialog = InspectorChooser(store, parent)
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


class RosterDialog(QDialog):
    """The inspector roster: add, correct, and mark inspectors as no longer active."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, lang: str | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("rosterDialog")
        self.setWindowTitle(self.tr("Inspector roster"))
        self.current = Inspector()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("rosterTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Certificate no."), self.tr("Unit"), self.tr("Active")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        self.form = InspectorForm(store, app_lang(lang))
        self.active_check = QCheckBox(self.tr("Acti&ve (can be picked for visits)"))
        self.active_check.setObjectName("activeCheck")
        self.active_check.setChecked(True)
        new_button = QPushButton(self.tr("Ne&w"))
        new_button.setObjectName("newInspectorButton")
        new_button.clicked.connect(self._new)
        self.save_button = QPushButton(self.tr("&Save inspector"))
        self.save_button.setObjectName("saveInspectorButton")
        self.save_button.clicked.connect(self._save)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.form)
        layout.addWidget(self.active_check)
        layout.addLayout(buttons)
        self.resize(640, 480)
        self._reload()

    def _reload(self, select_uuid: str = "") -> None:
        names = dict(jurisdictions(self.store))
        self.people = roster(self.store, active_only=False)
        shared = {u: group for group in shared_certs(self.store).values() for u in group}
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.people))
        for row, p in enumerate(self.people):
            values = (p.name, p.cert_no, names.get(p.jurisdiction_code, p.jurisdiction_code),
                      self.tr("yes") if p.active else self.tr("no"))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
            if p.uuid in shared:  # one person twice (two laptops, or one register imported twice)
                self._mark_duplicate(row, p, shared[p.uuid])
        self.table.blockSignals(False)
        row = next((i for i, p in enumerate(self.people) if p.uuid == select_uuid), -1)
        if row >= 0:
            self.table.selectRow(row)
            self._select(row)
        else:
            self._new()

    def _mark_duplicate(self, row: int, person: Inspector, group: frozenset[str]) -> None:
        """Say on the row that its 执法证号 is on other active records, and which one to keep."""
        found = records(self.store, group)
        mine = next(r for r in found if r.uuid == person.uuid)
        item = self.table.item(row, 1)
        item.setText(self.tr("%1 (duplicate)").replace("%1", person.cert_no))
        item.setForeground(QColor(colours.readable("#800000")))  # dark red, lighter on a dark palette
        item.setToolTip(self.tr(
            "This certificate number is on %1 active records: most likely one person entered twice "
            "(on two computers, or one register imported twice). The draw counts them as one person. "
            "This record: %2 visits, entered %3. Keep the one with the most visits and untick Active "
            "on the others; their visits are not affected.")
            .replace("%1", str(len(found))).replace("%2", str(mine.visits)).replace("%3", mine.entered))

    def _select(self, row: int) -> None:
        if 0 <= row < len(self.people):
            self.current = self.people[row]
            self.form.load(self.current)
            self.active_check.setChecked(bool(self.current.active))

    def _new(self) -> None:
        self.current = Inspector()
        self.table.setCurrentCell(-1, -1)  # a click on the row last saved loads it again
        self.table.clearSelection()
        self.form.load(self.current)
        self.active_check.setChecked(True)
        self.form.name_edit.setFocus()

    def _save(self) -> None:
        """Add or correct one inspector. After an addition the form is blank for the next one;
        a new name typed over someone on the roster is asked about (the form kept the person
        just saved, and typing the next inspector over it renamed 李娜 to 王强 unasked, with
        every visit she signed)."""
        base = copy.deepcopy(self.current)
        base.active = int(self.active_check.isChecked())
        typed = " ".join(self.form.name_edit.text().split())
        if base.uuid and typed and typed != base.name:
            answer = self._ask_rename(base.name, typed)
            if answer is None:
                return
            if answer == "new":
                base = Inspector(active=base.active)
        added = not base.uuid
        saved = self.form.save(base)
        if saved is not None:
            self._reload(saved.uuid)
            if added:
                self._new()

    def _ask_rename(self, old: str, new: str) -> str | None:
        """"rename", "new" (another person) or None (cancelled)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Rename or add?"), self.tr(
            "Rename the inspector %1 to %2? Their visits and documents will show the new name. "
            "If %2 is another person, add them as a new inspector instead.")
            .replace("%1", old).replace("%2", new), parent=self)
        rename = box.addButton(self.tr("&Rename %1").replace("%1", old), QMessageBox.ButtonRole.AcceptRole)
        add = box.addButton(self.tr("&Add %1 as another inspector").replace("%1", new),
                            QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(add)  # the safe answer: nobody's visits change
        box.exec()
        return {rename: "rename", add: "new"}.get(box.clickedButton())
