"""Whose figures the dashboard shows: a jurisdiction scope, named on the page.

Why: a county's database also holds other counties' data whenever packages are passed on, so
figures over the whole database are not the county's (s7/r2: the Q4 tile read 97.7 % against
the target while 咸安区's own Q4 rate was 91.7 %). The scope takes an area as the lists do
(`jurisdictions.area_codes`: 咸安区 with 咸宁高新区, 咸宁市 the whole city). It defaults to
this office's own jurisdiction (the signing key's, else the bureau named as 本单位名称); with
neither, the whole city, and the page says so. A choice made here is remembered, and the 预警
page starts on the same scope (`starting_area`): two screens never give two warning counts.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from qcdesk.models.dashboard_queries import records_behind, zone_summary
from qcdesk.models.enterprises import jurisdictions
from qcdesk.models.jurisdictions import (
    CITY_CODE,
    bureau_code_named,
    jurisdiction_by_code,
    resolve_jurisdiction,
)
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui import labels
from qcdesk.ui.place_names import fit_places
from qcdesk.ui.settings_values import stored_text

SCOPE_SETTING = "dashboard/jurisdiction"  # the scope chosen last (a jurisdiction code)


def office_jurisdiction(store: Store, paths: AppPaths | None) -> str:
    """This office's jurisdiction code as the desk knows it, or "" when it does not: the signing
    key's (what its packages are signed for), else the bureau of 本单位名称 when one was set."""
    if paths is not None and paths.keys_dir.is_dir() and any(paths.keys_dir.glob("*.pub")):
        from qcdesk.exchange.key_files import find_key  # cryptography: only when a key is there

        found = find_key(paths.keys_dir)
        place = resolve_jurisdiction(found.info.get("jurisdiction", "")) if found is not None else None
        if place is not None:
            return place.code
    return bureau_code_named(store.setting("doc.org_name", "")) or ""


def whole_city(code: str) -> bool:
    """The city (no parent) is every jurisdiction: a scope on it filters nothing."""
    j = jurisdiction_by_code(code)
    return j is not None and j.parent_code is None


def starting_scope(store: Store, paths: AppPaths | None, settings: QSettings) -> tuple[str, bool, bool]:
    """(code, guessed, unknown): the scope chosen last, else this office's own (guessed), else
    the whole city (guessed and unknown: the page says so)."""
    known = {code for code, _name in jurisdictions(store)}
    remembered = stored_text(settings, SCOPE_SETTING)
    if remembered in known:
        return remembered, False, False
    office = office_jurisdiction(store, paths)
    return (office, True, False) if office in known else (CITY_CODE, True, True)


def starting_area(store: Store, paths: AppPaths | None, settings: QSettings) -> str:
    """The dashboard's scope as a list filter ("" for the whole city): where the 预警 page starts,
    so that it lists the warnings the dashboard's tile counts (s7/rra #4)."""
    code = starting_scope(store, paths, settings)[0]
    return "" if whole_city(code) else code


def city_context(store: Store) -> tuple[int, int]:
    """The whole city's enterprises in quality improvement and accepted national zones/projects.

    Why: the programme's targets (500 enterprises, 5–10 national zones) are the city's
    (domain.md); a county's tiles give its own count beside the city's, never against them."""
    return (len(records_behind(store, "enterprises", {"in_improvement": 1})),
            zone_summary(store).counts["national"])


class ScopeChooser(QWidget):
    """范围：[咸安区（含咸宁高新区）▾], and a note when the office's jurisdiction is unknown."""

    changed = Signal()

    def __init__(self, store: Store, paths: AppPaths | None, settings: QSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.paths, self.settings = store, paths, settings
        self.caption = QLabel(self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("scopeCombo")
        fit_places(self.combo)  # its English names no wider than its Chinese ones
        self.caption.setBuddy(self.combo)
        self.note = QLabel(self)  # the office's jurisdiction is not known: whole city shown
        self.note.setObjectName("scopeNote")
        self.note.setWordWrap(True)
        self.choices = [(code, name) for code, name in jurisdictions(store)]
        # guessed: not chosen here (the office's own, or the city); unknown: the city, said so
        start, self.guessed, self.unknown = starting_scope(store, paths, settings)
        self._fill(start)
        self.combo.currentIndexChanged.connect(self._chosen)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.caption)
        row.addWidget(self.combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.retranslate()

    def _fill(self, current: str) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for code, name in self.choices:
            self.combo.addItem(labels.jurisdiction_filter(code, name), code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.combo.blockSignals(False)

    def retranslate(self) -> None:
        self.caption.setText(self.tr("&Scope:"))
        self._fill(self.code())
        self.note.setText(self.tr(
            "This office's jurisdiction is not recorded on this computer (no signing key, no "
            "organising body under Settings), so the figures are for the whole city, every "
            "county's data in this database. Choose your jurisdiction under Scope."))
        self.note.setVisible(self.unknown)

    def follow_office(self) -> None:
        """A scope not chosen here follows the office: naming it under Settings or making its
        signing key shows that jurisdiction at the next refresh (the page said "not recorded"
        until the app was restarted). A scope the user chose stays."""
        if not self.guessed:
            return
        start, _guessed, self.unknown = starting_scope(self.store, self.paths, self.settings)
        if start != self.code():
            self._fill(start)
        self.note.setVisible(self.unknown)

    def code(self) -> str:
        """The jurisdiction chosen (咸宁市 for the whole city)."""
        return self.combo.currentData() or CITY_CODE

    def area(self) -> str:
        """The scope as the core takes it: the code, or "" for the whole city."""
        code = self.code()
        return "" if whole_city(code) else code

    def words(self) -> str:
        """The scope as the page names it: 咸安区（含咸宁高新区）."""
        return self.combo.currentText()

    def _chosen(self) -> None:
        self.settings.setValue(SCOPE_SETTING, self.code())
        self.guessed = self.unknown = False
        self.note.hide()
        self.changed.emit()
