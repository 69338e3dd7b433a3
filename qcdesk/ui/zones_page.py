"""Demonstration zones and projects (示范区/项目): list, edit, members, milestones.

The list is read in a worker (workers.LatestRun, as the warnings page): its names sort in pinyin
order, and the first sort loads pypinyin (0.7–1.4 s at start-up on the GUI thread, s7/r3).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.dashboard_queries import ZoneSummary, zone_summary
from qcdesk.models.demonstration import (
    ZONE_KINDS,
    ZONE_LEVELS,
    ZONE_STATUSES,
    DemonstrationZone,
    delete_zone,
    enterprise_choices,
    list_zones,
    load_zone,
    member_names,
    save_zone,
)
from qcdesk.models.enterprises import industries
from qcdesk.models.messages import ValidationFailed
from qcdesk.models.stale_fields import is_stale, keep_mine
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import colours as ui_colours
from qcdesk.ui import labels as ui_labels
from qcdesk.ui.dashboard_scope import starting_area
from qcdesk.ui.forms import STORAGE_ERRORS, app_settings, storage_refusal
from qcdesk.ui.place_names import fit_places, jurisdictions
from qcdesk.ui.record_window import FormScroll, fit_to_screen
from qcdesk.ui.row_list_model import Index, RowListModel, fit_columns
from qcdesk.ui.stale_save import ZoneDescriber, not_saved, resolve
from qcdesk.ui.workers import LatestRun, Progress, interruptible, ui_lang
from qcdesk.ui.zone_removal import confirm_delete, restore_deleted


@dataclass
class ZonesFound:
    """One reading of the list, in the worker: the rows (pinyin order) and the summary's counts."""

    rows: list[DemonstrationZone]
    summary: ZoneSummary


def find_zones(store: Store, level: str, area: str) -> ZonesFound:
    """The zones of `level` and jurisdiction `area` ("" = all), and the counts of that area."""
    rows = list_zones(store, level=level or None, jurisdiction=area or None)
    return ZonesFound(rows, zone_summary(store, area or None, None if level else rows))


def labels() -> dict[str, dict[str, str]]:
    return {
        "kind": {"zone": QCoreApplication.translate("Zones", "Demonstration zone"),
                 "project": QCoreApplication.translate("Zones", "Demonstration project")},
        "level": {"national": QCoreApplication.translate("Zones", "National"),
                  "provincial": QCoreApplication.translate("Zones", "Provincial"),
                  "city": QCoreApplication.translate("Zones", "City")},
        "status": {"planning": QCoreApplication.translate("Zones", "Applying"),
                   "building": QCoreApplication.translate("Zones", "Being built"),
                   "accepted": QCoreApplication.translate("Zones", "Accepted"),
                   "withdrawn": QCoreApplication.translate("Zones", "Withdrawn")},
    }


class ZonesModel(RowListModel):
    COLUMNS = ("name", "kind", "level", "jurisdiction", "lead_industry", "members", "progress", "status")

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Zones", "Name"),
            QCoreApplication.translate("Zones", "Type"),
            QCoreApplication.translate("Zones", "Level"),
            QCoreApplication.translate("Zones", "Jurisdiction"),
            QCoreApplication.translate("Zones", "Lead industry"),
            QCoreApplication.translate("Zones", "Members"),
            QCoreApplication.translate("Zones", "Progress"),
            QCoreApplication.translate("Zones", "Status"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        z = self.row_at(index)
        if z is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return z.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = labels()
        done, total = z.progress
        return {
            "name": z.name, "kind": names["kind"].get(z.kind, z.kind),
            "level": names["level"].get(z.level, z.level),
            "jurisdiction": self.jurisdiction_names.get(z.jurisdiction_code, z.jurisdiction_code),
            "lead_industry": z.lead_industry, "members": str(len(z.members)),
            "progress": f"{z.progress_percent}% ({done}/{total})",
            "status": names["status"].get(z.status, z.status),
        }[self.COLUMNS[index.column()]]


class DateHintDelegate(QStyledItemDelegate):
    """Empty date cells (columns 1 and 2) show a grey example, as a line edit's placeholder does,
    and so does the editor: the header names the date without format codes."""

    def __init__(self, hint: str, parent: QWidget | None = None, not_done: str = ""):
        super().__init__(parent)
        self.hint = hint
        self.not_done = not_done or hint  # an empty 完成日期 is a milestone not reached, not an example

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if index.column() in (1, 2) and not index.data():
            painter.save()
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(option.rect.adjusted(4, 0, -4, 0),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             self.not_done if index.column() == 2 else self.hint)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() in (1, 2):  # the date columns fit to contents: room for the whole example
            size.setWidth(max(size.width(), option.fontMetrics.horizontalAdvance(self.hint) + 12))
        return size

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if index.column() in (1, 2) and isinstance(editor, QLineEdit):
            editor.setPlaceholderText(self.hint)
        return editor


class ZoneDialog(QDialog):
    """Edit one zone/project; saving validates in the core and keeps the dialog open on errors."""

    def __init__(self, store: Store, zone: DemonstrationZone | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.zone = zone or DemonstrationZone()
        self.setWindowTitle(self.tr("Demonstration zone or project"))
        self.name = QLineEdit(self)
        names = labels()
        self.kind, self.level, self.status = QComboBox(self), QComboBox(self), QComboBox(self)
        for combo, keys, key in ((self.kind, ZONE_KINDS, "kind"), (self.level, ZONE_LEVELS, "level"),
                                 (self.status, ZONE_STATUSES, "status")):
            for k in keys:
                combo.addItem(names[key][k], k)
        self.jurisdiction = QComboBox(self)
        for code, name in jurisdictions(store):
            self.jurisdiction.addItem(name, code)
        self.industry = QComboBox(self)
        self.industry.setEditable(True)
        self.industry.addItems(industries(store))
        self.notes = QPlainTextEdit(self)
        self.notes.setMinimumHeight(48)  # two lines at least, four at most: the milestones need the room
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 4 + 16)
        self.members = QListWidget(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Enterprise name…"))
        self.matches = QComboBox(self)
        # Whole enterprise names: 赤壁市安… could be any of twenty enterprises.
        self.matches.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.matches.setMinimumContentsLength(18)
        self.search.textChanged.connect(self._search)
        self.add_member = QPushButton(self.tr("Add member"), self)
        self.add_member.clicked.connect(self._add_selected)
        self.remove_member = QPushButton(self.tr("Remove member"), self)
        self.remove_member.clicked.connect(lambda: self.members.takeItem(self.members.currentRow()))
        self.milestones = QTableWidget(0, 3, self)
        self.milestones.setHorizontalHeaderLabels([self.tr("Milestone"), self.tr("Planned date"),
                                                   self.tr("Completed on")])
        example = self.tr("e.g. %1").replace("%1", "2026-03-01")  # how a date is written, not YYYY-MM-DD
        for col in (1, 2):
            self.milestones.horizontalHeaderItem(col).setToolTip(
                self.tr("Write the date as year-month-day, %1").replace("%1", example))
        row, head = self.milestones.verticalHeader().defaultSectionSize(), self.milestones.horizontalHeader()
        self.milestones.setMinimumHeight(head.sizeHint().height() + 4 * row + 4)  # four in view at least
        not_done = self.tr("(not reached yet)")
        self.milestones.setItemDelegate(DateHintDelegate(example, self.milestones, not_done))
        header = self.milestones.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the room
        for col in (1, 2):  # the date headers are read whole
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._fill()
        add_ms = QPushButton(self.tr("Add milestone"), self)
        add_ms.clicked.connect(lambda: self.add_milestone())
        del_ms = QPushButton(self.tr("Remove milestone"), self)
        del_ms.clicked.connect(lambda: self.milestones.removeRow(self.milestones.currentRow()))
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ui_colours.text_css(ui_colours.ERROR))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)  # a colon as every other form's labels
        form.addRow(self.tr("Type:"), self.kind)
        form.addRow(self.tr("Level:"), self.level)
        form.addRow(self.tr("Jurisdiction:"), self.jurisdiction)
        form.addRow(self.tr("Lead industry:"), self.industry)
        form.addRow(self.tr("Status:"), self.status)
        member_bar = QHBoxLayout()
        for w in (self.search, self.matches, self.add_member, self.remove_member):
            member_bar.addWidget(w)
        ms_bar = QHBoxLayout()
        ms_bar.addWidget(add_ms)
        ms_bar.addWidget(del_ms)
        ms_bar.addStretch(1)
        fields = QWidget(self)
        inner = QVBoxLayout(fields)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(QLabel(self.tr("Member enterprises"), self))
        inner.addWidget(self.members, 1)
        inner.addLayout(member_bar)
        inner.addWidget(QLabel(self.tr("Milestones"), self))
        inner.addWidget(self.milestones, 1)  # the stretch: six milestones read without scrolling
        inner.addLayout(ms_bar)
        inner.addWidget(QLabel(self.tr("Notes"), self))
        inner.addWidget(self.notes)
        inner.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(FormScroll(fields))  # Save / Cancel stay on a short screen
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(max(self.sizeHint().width(), 760), 680))  # smaller on a small screen

    def _fill(self) -> None:
        """Show `self.zone` (on opening, and when the user discards their changes for the stored ones)."""
        z = self.zone
        self.name.setText(z.name)
        for combo, value in ((self.kind, z.kind), (self.level, z.level), (self.status, z.status),
                             (self.jurisdiction, z.jurisdiction_code)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.industry.setCurrentText(z.lead_industry)
        self.notes.setPlainText(z.notes)
        self.members.clear()
        for uuid, name in member_names(self.store, z):
            self._add_member_item(uuid, name)
        self.milestones.setRowCount(0)
        for m in z.milestones:
            self.add_milestone(m.get("title", ""), m.get("due_on") or "", m.get("done_on") or "")

    def _add_member_item(self, uuid: str, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, uuid)
        self.members.addItem(item)

    def _search(self, text: str) -> None:
        self.matches.clear()
        if text.strip():
            for uuid, name in enterprise_choices(self.store, text.strip()):
                self.matches.addItem(name, uuid)

    def _add_selected(self) -> None:
        uuid = self.matches.currentData()
        if uuid and uuid not in self.member_uuids():
            self._add_member_item(uuid, self.matches.currentText())

    def member_uuids(self) -> list[str]:
        return [self.members.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.members.count())]

    def add_milestone(self, title: str = "", due: str = "", done: str = "") -> None:
        row = self.milestones.rowCount()
        self.milestones.insertRow(row)
        for col, text in enumerate((title, due, done)):
            self.milestones.setItem(row, col, QTableWidgetItem(text))

    def _milestones(self) -> list[dict]:
        out = []
        for row in range(self.milestones.rowCount()):
            title, due, done = ((self.milestones.item(row, c).text().strip() if self.milestones.item(row, c)
                                 else "") for c in range(3))
            if title or due or done:
                out.append({"title": title, "due_on": due or None, "done_on": done or None})
        return out

    def collect(self) -> DemonstrationZone:
        """The zone as typed, on a copy: a write the database refused leaves the loaded revision as
        it was (a retry is not refused as stale), and the typing stays in the fields."""
        z = copy.deepcopy(self.zone)
        z.name, z.kind, z.level = self.name.text(), self.kind.currentData(), self.level.currentData()
        z.jurisdiction_code, z.status = self.jurisdiction.currentData(), self.status.currentData()
        z.lead_industry, z.notes = self.industry.currentText().strip(), self.notes.toPlainText().strip()
        z.members, z.milestones = self.member_uuids(), self._milestones()
        return z

    def save(self) -> None:
        try:
            saved = self._save(self.collect())
        except STORAGE_ERRORS as exc:  # locked, full or unreachable: say so (it escaped unseen)
            storage_refusal(self, exc, ui_lang())
            return
        if saved:
            self.accept()

    def _save(self, zone: DemonstrationZone, again: bool = False) -> bool:
        """Save `zone`; True when saved. Changed elsewhere since loading, the editors' keep mine /
        discard mine / cancel (stale_save.py) instead of "reopen it", which threw the typing away."""
        try:
            self.zone = save_zone(self.store, zone)
            return True
        except ValidationFailed as exc:
            if is_stale(exc):
                return self._resolve_stale(self.collect(), again)
            self.error.setText(exc.text(ui_lang()))
            return False

    def _resolve_stale(self, mine: DemonstrationZone, again: bool) -> bool:
        """Compare the zone as loaded, as stored now and as typed; `again`: changed once more
        while the question was open (keep mine was refused as stale)."""
        current = load_zone(self.store, self.zone.id or 0)
        if current is None or current.deleted_at:
            not_saved(self.error, deleted=True)
            return False
        own = keep_mine(self.zone, current, mine)

        def discard() -> None:
            self.zone = current
            self._fill()

        titles = {"members": self.tr("Member enterprises"), "milestones": self.tr("Milestones"),
                  "notes": self.tr("Notes")}
        return resolve(self, current.revision, list(own.changes), ZoneDescriber(self, titles),
                       lambda: self._save(copy.deepcopy(own.merged), again=True),  # type: ignore[arg-type]
                       discard, self.error, again)


class ZonesPage(QWidget):
    """The list the dashboard's zones tile opens; `changed` after any save or delete."""

    changed = Signal()

    def __init__(self, store: Store, paths: AppPaths | None = None, parent: QWidget | None = None, *,
                 area: str | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.level_filter = ""
        self.select_uuid = ""  # a zone to select once the rows have landed (a dashboard bar)
        self.run = LatestRun(store, self)  # the list is read in a worker; the newest run is shown
        self.run.landed.connect(self._found)
        self.run.failed.connect(lambda message: self.summary.setText(message))
        self.jurisdiction = QComboBox(self)  # an area, as on the lists (咸安区 with 咸宁高新区)
        self.jurisdiction.addItem(self.tr("All jurisdictions"), "")
        # the names, read once: a list landing after the database was closed never reads it
        self.jurisdiction_names = dict(jurisdictions(store))
        for code, name in self.jurisdiction_names.items():
            self.jurisdiction.addItem(ui_labels.jurisdiction_filter(code, name), code)
        fit_places(self.jurisdiction)
        self.jurisdiction.currentIndexChanged.connect(self.refresh)
        self.model = ZonesModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(
            lambda index: self.edit(self.model.data(index, Qt.ItemDataRole.UserRole)))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # on one line it widened the window past a 960 px screen (200 %)
        self.new_button = QPushButton(self.tr("&New zone or project…"), self)
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button = QPushButton(self.tr("&Restore deleted…"), self)  # the way back
        self.restore_button.clicked.connect(lambda: restore_deleted(self))
        bar = QHBoxLayout()
        bar.addWidget(self.jurisdiction)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.delete_button)
        bar.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        # the dashboard's scope: given by the window (worked out once), else as the dashboard would
        self.set_area(starting_area(store, paths, app_settings()) if area is None else area)

    def set_area(self, area: str) -> None:
        """Limit the list to the dashboard's scope `area` ("" = all), the level kept: opened from
        the menu the page lists the zones the dashboard's tile counts; the user may choose another."""
        self.set_filters({"level": self.level_filter, "jurisdiction": area})

    def set_filters(self, filters: dict) -> None:
        """From the dashboard: {"level": …} narrows the list, {"jurisdiction": …} to the
        dashboard's scope, {"uuid": …} selects that zone once the list is read."""
        self.level_filter = filters.get("level", "") if filters.get("level") in ZONE_LEVELS else ""
        self.select_uuid = filters.get("uuid") or ""
        self.jurisdiction.blockSignals(True)
        area = self.jurisdiction.findData(filters.get("jurisdiction") or "")
        self.jurisdiction.setCurrentIndex(max(0, area))
        self.jurisdiction.blockSignals(False)
        self.refresh()

    @property
    def computing(self) -> bool:
        """The list is being read (the rows shown are the last ones read)."""
        return self.run.busy

    def refresh(self) -> None:
        """Read the list in a worker (never on the GUI thread: the pinyin sort)."""
        level, area = self.level_filter, self.jurisdiction.currentData() or ""

        def work(store: Store | None, progress: Progress) -> ZonesFound:
            assert store is not None
            with interruptible(store, progress):
                return find_zones(store, level, area)

        self.run.start(work)

    def _found(self, found: ZonesFound) -> None:
        rows, counts = found.rows, found.summary
        self.model.set_rows(rows, self.jurisdiction_names)
        fit_columns(self.view)
        for row, zone in enumerate(rows):
            if zone.uuid == self.select_uuid:
                self.view.selectRow(row)
        counted, pending = counts.counts, counts.pending
        twice = counts.duplicated  # a zone entered by two offices is counted twice
        note = self.tr("; %1 of the accepted national ones look duplicated (see Early warnings)")
        self.summary.setText(self.tr("%1 shown · national, accepted: %2 (target 5–10); being built "
                                     "or applied for: %3").replace("%1", str(len(rows)))
                             .replace("%2", str(counted["national"])).replace("%3", str(pending["national"]))
                             + (note.replace("%1", str(twice)) if twice else ""))

    def edit(self, zone_id: int | None) -> bool:
        zone = load_zone(self.store, zone_id) if zone_id else None
        dialog = ZoneDialog(self.store, zone, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()
            return True
        return False

    def delete_selected(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        zone = load_zone(self.store, self.model.data(index, Qt.ItemDataRole.UserRole))
        if zone is not None and confirm_delete(self, zone):
            try:
                delete_zone(self.store, zone)
            except STORAGE_ERRORS as exc:  # locked, full or unreachable: the zone stays, say so
                storage_refusal(self, exc, ui_lang())
                return
            self.refresh()
            self.changed.emit()
