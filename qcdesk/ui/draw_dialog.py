"""The random draw (双随机) as a dialog: filters, ratios, seed, witnesses → preview → commit.

Preview writes nothing. Commit stores the draw record (it travels in the next export package) and
plans one spot-check visit per drawn enterprise with its inspector team; it needs the operator and a
witness, and a draw already committed (same seed, scope, ratios, date) is shown, not drawn again.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import local_day
from qcdesk.models.clock_text import local_time
from qcdesk.models.draw import (
    PERSON_NAME_MAX,
    DrawError,
    DrawParameters,
    DrawRecord,
    DrawResult,
    Pick,
    check_draw,
    commit_draw,
    committed_twin,
    enterprise_names,
    find_draw,
    list_draws,
    make_draw,
    pick_rows,
    ratio_percent,
)
from qcdesk.models.draw_dates import check_draw_day
from qcdesk.models.draw_pool import area_parts, escalated_lines, exclusion_rule, recent_lines, scope_name
from qcdesk.models.draw_seed import seed_tidied
from qcdesk.models.enterprises import industries
from qcdesk.models.risk import RISK_CLASSES, load_rules
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import labels
from qcdesk.ui.date_field import refuse_unfinished
from qcdesk.ui.file_dialogs import save_file
from qcdesk.ui.forms import STORAGE_ERRORS, storage_refusal
from qcdesk.ui.place_names import jurisdictions
from qcdesk.ui.record_window import fit_to_screen
from qcdesk.ui.required_date import RequiredDateEdit
from qcdesk.ui.row_list_model import Index, RowListModel
from qcdesk.ui.workers import describe_error, ui_lang

_SHOWN_LEFT_OUT = 10  # enterprises named with their recent check; `qcdesk draw --json` lists all
SUMMARY_LINES = 5  # tallest the summary above the drawn list grows before it scrolls


class PicksModel(RowListModel):
    """Drawn enterprises with class and inspector team (internal: the class is never published)."""

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Draw", "No."),
            QCoreApplication.translate("Draw", "Enterprise"),
            QCoreApplication.translate("Draw", "Jurisdiction"),
            QCoreApplication.translate("Draw", "Class"),
            QCoreApplication.translate("Draw", "Inspectors"),
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.enterprise_uuid
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (str(index.row() + 1), row.enterprise_name,
                self.jurisdiction_names.get(row.jurisdiction_code, row.jurisdiction_code), row.risk_class,
                "、".join(row.inspectors))[index.column()]


class DrawDialog(QDialog):
    """`committed(record_uuid)` after a draw is stored."""

    committed = Signal(str)

    def __init__(self, store: Store, paths: AppPaths | None = None, parent: QWidget | None = None,
                 today: date | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.today = today or local_day.today()
        self.result: DrawResult | None = None
        self.setWindowTitle(self.tr("Random draw of enterprises and inspectors"))
        rules = load_rules(store)
        self.jurisdiction = QComboBox(self)
        self.jurisdiction.addItem(self.tr("All jurisdictions"), None)
        for code, name in jurisdictions(store):  # as the lists name it: 咸安区 draws 咸宁高新区 too
            self.jurisdiction.addItem(labels.jurisdiction_filter(code, name), code)
        self.industry = QComboBox(self)
        self.industry.addItem(self.tr("All industries"), None)
        for name in industries(store):
            self.industry.addItem(name, name)
        self.product = QLineEdit(self)
        self.product.setPlaceholderText(self.tr("optional: product to be checked"))
        self.ratios = {c: QLineEdit(rules.draw_ratios[c], self) for c in RISK_CLASSES}
        # the share as a planner says it (0.05 reads "5%"), beside the decimal the rules hold
        self.ratio_shares = {c: QLabel(self) for c in RISK_CLASSES}
        ratio_row = QHBoxLayout()
        for c, edit in self.ratios.items():
            ratio_row.addWidget(QLabel(c, self))
            ratio_row.addWidget(edit)
            ratio_row.addWidget(self.ratio_shares[c])
            edit.setAccessibleName(self.tr("Share drawn, risk class %1").replace("%1", c))
            edit.textChanged.connect(lambda _text, c=c: self._show_share(c))
            self._show_share(c)
        # the draw date: the day the pool is taken on and the drawn checks are planned for (the
        # CLI's --date); next quarter's checks are drawn with that quarter's first day
        self.draw_date = RequiredDateEdit(self)
        self.draw_date.setDate(self.today)
        self.draw_date.setToolTip(self.tr("The pool is taken as on this day (risk classes, checks of the "
                                          "6 months before it) and the drawn spot checks are planned "
                                          "for it"))
        self.team_size = rules.draw_team_size
        self.exclusion_months = rules.draw_exclusion_months
        self.seed = QLineEdit(self)
        self.seed.setPlaceholderText(self.tr("announced before the draw, e.g. date and lottery number"))
        self.operator = QLineEdit(self)
        self.operator.setMaxLength(PERSON_NAME_MAX)  # the commit's own limit: a name
        self.witnesses = QLineEdit(self)
        self.witnesses.setPlaceholderText(self.tr("names separated by commas"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = PicksModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves a table with nothing to edit
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.commit_button = QPushButton(self.tr("&Commit and plan visits"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.commit_button.setEnabled(False)
        self.stored = QComboBox(self)
        # shown while the list is empty, so the box does not look broken before the first draw
        self.stored.setPlaceholderText(self.tr("No saved draws yet: committed or imported draws appear here"))
        self.verify_button = QPushButton(self.tr("&Verify stored draw"), self)
        self.verify_button.clicked.connect(self.verify)
        # 双随机、一公开: the selected draw's enterprises and results, never the class shown above
        self.publish_button = QPushButton(self.tr("&Export for publication…"), self)
        self.publish_button.setToolTip(self.tr("Enterprises drawn, product, checking office, date and "
                                               "result as a spreadsheet fit to publish: no risk class, "
                                               "inspectors or notes"))
        self.publish_button.clicked.connect(lambda: self.export_publication())
        self.preview_button.clicked.connect(self.preview)
        self.commit_button.clicked.connect(self.commit)
        self.close_button.clicked.connect(self.reject)
        for w in (self.jurisdiction, self.industry):
            w.currentIndexChanged.connect(self._invalidate)
        self.draw_date.dateChanged.connect(self._invalidate)
        for w in (self.product, self.seed, *self.ratios.values()):
            w.textChanged.connect(self._invalidate)
        form = QFormLayout()
        form.addRow(self.tr("Jurisdiction:"), self.jurisdiction)
        form.addRow(self.tr("Industry:"), self.industry)
        form.addRow(self.tr("Product:"), self.product)
        form.addRow(self.tr("Share drawn per risk class:"), ratio_row)
        form.addRow(self.tr("Draw date:"), self.draw_date)
        form.addRow(self.tr("Seed:"), self.seed)
        form.addRow(self.tr("Operator:"), self.operator)
        form.addRow(self.tr("Witnesses:"), self.witnesses)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.commit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.stored)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # at most SUMMARY_LINES, then scrolled: a long list of firms left out squeezed the drawn
        # list to one row at 614 px (review, small laptop); the table takes the rest
        summary_area = QScrollArea(self)
        summary_area.setWidgetResizable(True)
        summary_area.setFrameShape(QFrame.Shape.NoFrame)
        summary_area.setWidget(self.summary)
        summary_area.setMaximumHeight(self.summary.fontMetrics().lineSpacing() * SUMMARY_LINES + 6)
        layout.addWidget(summary_area)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(900, 640))
        self._fill_stored()

    def _fill_stored(self) -> None:
        self.stored.clear()
        for record in list_draws(self.store):
            self.stored.addItem(f"{record.as_of} · {record.seed} · {record.uuid[:8]}", record.uuid)
        if self.stored.count():  # with a placeholder set, adding items selects none
            self.stored.setCurrentIndex(0)
        self.verify_button.setEnabled(self.stored.count() > 0)
        self.publish_button.setEnabled(self.stored.count() > 0)

    def export_publication(self, path: str | None = None) -> str | None:
        """Write the selected stored draw's publication workbook (asked for a file when no path)."""
        from qcdesk.export.publication import write_draw_publication

        key = self.stored.currentData()
        record = find_draw(self.store, key) if key else None
        if record is None:
            return None
        if path is None:
            chosen = save_file(self, "publication", self.tr("Export for publication"),
                               f"双随机抽查结果公示_{record.as_of}.xlsx", self.tr("Excel workbook (*.xlsx)"))
            if chosen is None:
                return None
            path = str(chosen)
        try:
            count = write_draw_publication(self.store, record, Path(path)).count
        except OSError as exc:
            self.summary.setText(self.tr("Not exported: %1").replace("%1", describe_error(exc)))
            return None
        self.summary.setText(self.tr("Exported %1 rows for publication to %2 (no risk class, inspectors or "
                                     "notes).").replace("%1", str(count)).replace("%2", path))
        return path

    def verify(self) -> list[str]:
        """Check the selected stored draw (e.g. the city checking a county): the verdict is the
        record re-drawn from its own pool and seed; this database's differences are listed apart."""
        key = self.stored.currentData()
        record = find_draw(self.store, key) if key else None
        if record is None:
            return []
        check = check_draw(self.store, record, ui_lang())
        if check.problems:
            text = (self.tr("Draw %1 is NOT consistent:").replace("%1", record.uuid)
                    + "\n" + "\n".join(check.problems))
        else:
            text = (self.tr("Draw %1 is consistent: re-drawn from its stored pool and seed, it gives the "
                            "stored result (same pool hash and selection).").replace("%1", record.uuid))
        if check.notes:
            text += ("\n\n" + self.tr("Differences from this database's current register (for information, "
                                       "they do not change the verdict):")
                     + "\n" + "\n".join(f"· {note}" for note in check.notes))
        self.summary.setText(text)
        return check.problems

    def parameters(self) -> DrawParameters:
        return DrawParameters(jurisdiction=self.jurisdiction.currentData(),
                              industry=self.industry.currentData(),
                              # spaces alone are not "no product": the core refuses them in words
                              product=self.product.text().strip() or self.product.text() or None,
                              ratios={c: e.text().strip() for c, e in self.ratios.items()},
                              team_size=self.team_size, exclusion_months=self.exclusion_months)

    def draw_day(self) -> date:
        """The draw date in the field (a required date field always holds one)."""
        return date.fromisoformat(self.draw_date.value() or self.today.isoformat())

    def _invalidate(self) -> None:
        self.result = None
        self.commit_button.setEnabled(False)

    def _show_share(self, cls: str) -> None:
        """The typed decimal as a percentage ("= 5%"); a question mark while it is not a share."""
        share = ratio_percent(self.ratios[cls].text())
        self.ratio_shares[cls].setText(self.tr("= %1").replace("%1", share) if share else "= ?")

    def _bad_ratio(self) -> str | None:
        """The first class whose ratio is not a number (the core would answer in Python's English)."""
        for cls, edit in self.ratios.items():
            try:
                Fraction(edit.text().strip())
            except (ValueError, ZeroDivisionError):
                return cls
        return None

    def preview(self) -> bool:
        if refuse_unfinished(self):  # a date half typed over: the field says so, nothing drawn
            self._invalidate()
            return False
        bad = self._bad_ratio()
        if bad is not None:
            self.result = None
            self.model.set_rows([], {})
            self.summary.setText(self.tr("Cannot draw: the ratio for class %1 must be a decimal from 0 to 1, "
                                         "e.g. 0.05 for 5%.").replace("%1", bad))
            self.commit_button.setEnabled(False)
            self.ratios[bad].setFocus()
            return False
        try:
            check_draw_day(self.draw_day(), self.today)  # the CLI's --date rule: 2062 is a typo
            # the seed as typed: make_draw tidies it, and _seed_note says so
            self.result = make_draw(self.store, seed=self.seed.text(), params=self.parameters(),
                                    operator=self.operator.text().strip(),
                                    witnesses=self._witness_names(),
                                    as_of=self.draw_day())
        except (DrawError, ValueError) as exc:
            self.result = None
            self.model.set_rows([], {})
            reason = exc.text(ui_lang()) if isinstance(exc, DrawError) else describe_error(exc)
            self.summary.setText(self.tr("Cannot draw: %1").replace("%1", reason))
            self.commit_button.setEnabled(False)
            if isinstance(exc, DrawError) and exc.rule.startswith("draw.date_"):
                self.draw_date.setFocus()
            elif isinstance(exc, DrawError) and exc.rule == "draw.seed_required":
                self.seed.setFocus()
            return False
        record = self.result.record
        twin = committed_twin(self.store, record.seed, self.parameters(), record.as_of)
        if twin is not None:
            self._show_committed(twin, record.seed)
            return True
        pool = self.result.pool
        self.model.set_rows(pick_rows(self.store, self.result.picks), dict(jurisdictions(self.store)))
        recent = pool.recent_count()
        text = (self.tr("Pool: %1 enterprises (%2 left out: checked within %3 months), %4 inspectors. "
                        "Drawn: %5. Pool SHA-256: %6")
                .replace("%1", str(len(pool.enterprises))).replace("%2", str(recent))
                .replace("%3", str(self.exclusion_months)).replace("%4", str(len(pool.inspectors)))
                .replace("%5", str(len(self.result.picks))).replace("%6", record.pool_hash))
        drawn = DrawParameters.from_json(record.parameters)  # with the drawing office filled in
        if parts := area_parts(self.store, drawn):  # 咸安区 takes in 咸宁高新区, as the CLI says
            text += "\n" + (self.tr("%1 includes %2: their enterprises and inspectors are in the pool.")
                            .replace("%1", scope_name(drawn)).replace("%2", "、".join(parts)))
        text += "\n" + exclusion_rule(drawn, ui_lang())
        if pool.escalated:
            lines = escalated_lines(self.store, pool, ui_lang())
            text += "\n" + (self.tr("Left out, %1 suspended or with their business licence revoked: %2")
                            .replace("%1", str(len(lines)))
                            .replace("%2", ("; " if ui_lang().startswith("en") else "；").join(lines)))
        if pool.recent:
            lines = recent_lines(self.store, drawn, pool, ui_lang())
            shown = ("; " if ui_lang().startswith("en") else "；").join(lines[:_SHOWN_LEFT_OUT]) + (
                self.tr(" … and %1 more").replace("%1", str(len(lines) - _SHOWN_LEFT_OUT))
                if len(lines) > _SHOWN_LEFT_OUT else "")
            text += "\n" + self.tr("Left out for a recent check: %1").replace("%1", shown)
        if pool.planned:
            names = list(enterprise_names(self.store, pool.planned).values())
            text += "\n" + (self.tr("Also left out, %1 with a spot check already planned: %2")
                            .replace("%1", str(len(names))).replace("%2", "、".join(names)))
        self.summary.setText(self._seed_note(record.seed) + text)
        self.commit_button.setEnabled(bool(self.result.picks))
        return True

    def _seed_note(self, used: str) -> str:
        """A line saying the seed was tidied (half-width, single spaces) and what was drawn with."""
        if seed_tidied(self.seed.text(), used) is None:
            return ""
        return self.tr("Seed tidied: drawn with “%1” (typed “%2”: full-width characters made half-width, "
                       "runs of spaces made one, spaces at the ends removed). Announce and verify the draw "
                       "with “%1”.").replace("%2", self.seed.text()).replace("%1", used) + "\n"

    def _show_committed(self, twin: DrawRecord, seed: str) -> None:
        """The same draw was committed before: show what it drew, and offer it for verification only."""
        self.result = None
        picks = [Pick(p["enterprise"], p["class"], list(p["inspectors"])) for p in twin.selection]
        self.model.set_rows(pick_rows(self.store, picks), dict(jurisdictions(self.store)))
        text = self.tr(
            "This draw (same seed, scope, ratios and date) was already committed on %1 as draw "
            "record %2 (operator: %3); its selection is shown below. It cannot be committed again: "
            "use Verify stored draw to re-run it.").replace("%1", local_time(twin.created_at)).replace(
            "%2", twin.uuid).replace("%3", twin.operator or "—")
        if twin.seed != seed:  # an older record spelt the announced seed otherwise: other picks
            text += "\n" + self.tr(
                "That draw's seed is written “%1”, not “%2”, so it drew other enterprises than “%2” "
                "would: the selection below is the committed one.").replace("%2", seed).replace(
                "%1", twin.seed)
        self.summary.setText(self._seed_note(seed) + text)
        self.stored.setCurrentIndex(max(0, self.stored.findData(twin.uuid)))
        self.commit_button.setEnabled(False)

    def _witness_names(self) -> list[str]:
        text = self.witnesses.text()
        for mark in "，、;；":
            text = text.replace(mark, ",")
        return [w.strip() for w in text.split(",") if w.strip()]

    def commit(self) -> str | None:
        if self.result is None:
            return None
        self.result.record.operator = self.operator.text().strip()  # may be filled after the preview
        self.result.record.witnesses = self._witness_names()
        try:
            record = commit_draw(self.store, self.result)
        except DrawError as exc:
            field = {"draw.operator_required": self.operator, "draw.witness_required": self.witnesses,
                     "draw.name_long": self.witnesses if exc.params.get("who_en") == "witness"
                     else self.operator}.get(exc.rule)
            QMessageBox.warning(self, self.tr("Draw not committed"), exc.text(ui_lang()))
            if field is not None:
                field.setFocus()
            elif exc.rule == "draw.already_committed":
                self._fill_stored()
                self.preview()  # shows the committed draw
            else:
                self._invalidate()  # the pool changed since the preview
            return None
        except STORAGE_ERRORS as exc:  # locked, full or unreachable: nothing stored, the preview stays
            storage_refusal(self, exc, ui_lang())
            return None
        self.commit_button.setEnabled(False)
        stored = self.tr("Stored as draw record %1; %2 visits planned.")
        self.summary.setText(self.summary.text() + "\n" + stored
                             .replace("%1", record.uuid).replace("%2", str(len(self.result.picks))))
        self.result = None
        self._fill_stored()
        self.committed.emit(record.uuid)
        return record.uuid
