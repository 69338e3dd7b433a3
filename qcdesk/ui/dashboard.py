"""The landing page: programme targets at a glance; every figure opens the list behind it.

`open_list(kind, filters)` is emitted for kind in {"enterprises", "visits", "rectifications",
"warnings", "licences", "zones"}. Filters use the list pages' keys (jurisdiction, industry,
status, kind, date_from, date_to) plus precise keys understood by
`qcdesk.models.dashboard_queries.records_behind` (state, in_improvement, risk_class, level,
result, tested = only visits with a passed/failed sample), so a list can show exactly the rows a
figure counts. The figures are counted in a worker (seconds at a million visits): the page shows
正在计算… meanwhile and the last figures, if any. The widgets are in dashboard_widgets.py.

Every figure, chart and list opened is of one scope, a jurisdiction and those under it (范围：
咸安区（含咸宁高新区）, chosen at the top; dashboard_scope.py): a list opened carries it as its
`jurisdiction` filter (none for the whole city), a bar of the by-jurisdiction chart its own
jurisdiction's rows as `jurisdiction_only`. While another scope's figures are counted, tiles,
charts and zone bars wait (…, 计算中…) and open nothing: the last figures are of the old scope.
The programme's targets of 500 enterprises and 5–10 national zones are the city's: a county's
tiles show its count beside the city's (全市 244 / 目标 500 家), never red against them.
While merge conflicts wait, a note above the tiles says the figures count this computer's version
(as the quarterly report does) and opens Record ▸ Resolve merge conflicts…."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QSettings, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models import report_queries
from qcdesk.models.dashboard_queries import (
    DashboardFigures,
    PeriodRates,
    dashboard_figures,
    date_label,
    jurisdiction_label,
    pass_rate_definition,
    period_label,
    quarter_of,
    year_of,
)
from qcdesk.models.rate_text import meets_target, rate_percent
from qcdesk.models.risk import risk_is_current
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths
from qcdesk.ui.clock_banner import ClockBanner
from qcdesk.ui.dashboard_rates import rate_detail
from qcdesk.ui.dashboard_recheck import order_tile_definitions, recheck_limit_line
from qcdesk.ui.dashboard_risk import RiskRefresh, WaitingNote
from qcdesk.ui.dashboard_scope import ScopeChooser, city_context
from qcdesk.ui.dashboard_widgets import (
    EMPTY,
    GOOD,
    SHORT,
    TARGET,
    Bar,
    ConflictNote,
    PassRateChart,
    ReflowGrid,
    Tile,
    TileGrid,
    ZoneBar,
)
from qcdesk.ui.day_watch import DayWatch
from qcdesk.ui.flow_layout import FlowLayout
from qcdesk.ui.forms import app_settings
from qcdesk.ui.getting_started import GettingStarted
from qcdesk.ui.wheel_guard import install as guard_wheel
from qcdesk.ui.workers import LatestRun, Progress, interruptible, ui_lang

# one count: the figures, whether risk was current, the city's (firms, zones) under a county, conflicts
Counted = tuple[DashboardFigures, bool, tuple[int, int] | None, int]

__all__ = ["EMPTY", "GOOD", "SHORT", "TARGET", "Bar", "DashboardPage", "PassRateChart", "Tile", "ZoneBar"]


class DashboardPage(QWidget):
    """Figures against the programme's targets; click any figure (or bar) to open its list."""

    open_list = Signal(str, dict)

    def __init__(self, store: Store, paths: AppPaths | None = None, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, risk: RiskRefresh | None = None):
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.scope = ScopeChooser(store, paths, app_settings(settings), self)  # whose figures
        self.scope.changed.connect(self.refresh)
        self.figures: DashboardFigures | None = None
        self.city: tuple[int, int] | None = None  # under a county scope: 全市 improving firms, zones
        self.warning_total = 0
        self.risk_pending = True  # the risk and warning tiles wait ("…") until figures with them land
        self.counting = LatestRun(store, self)  # the figures, in a worker; the newest run is shown
        self.counting.landed.connect(self._counted)
        self.counting.failed.connect(self._count_failed)
        # today's classes in the background (the window's one pass if given); waits out a writer
        self.risk = risk or RiskRefresh(store, self)
        self.risk.done.connect(self.refresh)
        self.risk.failed.connect(self._risk_failed)
        self.day = DayWatch(self)  # past midnight: today's date, deadlines and quarter move on
        self.day.changed.connect(self.refresh)
        self.tiles: dict[str, Tile] = {}
        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.quarter_button, self.year_button = QRadioButton(self), QRadioButton(self)
        self.quarter_button.setChecked(True)
        self.period_group = QButtonGroup(self)
        for b in (self.quarter_button, self.year_button):
            self.period_group.addButton(b)
            b.toggled.connect(self._fill_charts)
        controls = QHBoxLayout()  # 范围, 本季度/本年度, 刷新: to a second line, together, when narrow
        controls.addWidget(self.scope)
        controls.addSpacing(12)
        for w in (self.quarter_button, self.year_button, self.refresh_button):
            controls.addWidget(w)
        self.header = top = FlowLayout()  # kept: Python implements its itemAt, which Qt calls
        top.add_widget(self.heading, 1)
        top.add_layout(controls)

        keys = ["pass_quarter", "pass_year", "improvement", "zones", "rect_open", "rect_overdue",
                "recheck_pending", "recheck_overdue", "licences_expiring", "licences_expired", "warnings",
                "risk_A", "risk_B", "risk_C", "risk_D"]
        for key in keys:
            tile = Tile(self)
            tile.setObjectName(f"tile_{key}")
            tile.clicked.connect(lambda k=key: self._open(k))
            self.tiles[key] = tile

        self.by_jurisdiction_title, self.by_industry_title = QLabel(self), QLabel(self)
        self.by_jurisdiction, self.by_industry = PassRateChart(self), PassRateChart(self)
        self.by_jurisdiction.title_label = self.by_jurisdiction_title  # the charts' accessible names
        self.by_industry.title_label = self.by_industry_title
        self.by_jurisdiction.bar_clicked.connect(lambda k: self._open_rates("jurisdiction", k))
        self.by_industry.bar_clicked.connect(lambda k: self._open_rates("industry", k))
        charts = ReflowGrid([[self.by_jurisdiction_title, self.by_jurisdiction],  # one above the
                             [self.by_industry_title, self.by_industry]], most=2)  # other when narrow

        self.zones_title = QLabel(self)
        self.zones_box = QVBoxLayout()

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        self.clock_banner = ClockBanner(store, body)  # the clock or time zone looks wrong: how, why
        layout.addWidget(self.clock_banner)
        layout.addWidget(self.scope.note)
        self.computing_note = QLabel(body)  # 正在计算…, while the figures are counted
        self.computing_note.setObjectName("computingNote")
        self.computing_note.setWordWrap(True)
        layout.addWidget(self.computing_note)
        self.risk_note = WaitingNote(self.risk, body)
        layout.addWidget(self.risk_note)
        self.getting_started = GettingStarted(store, paths, body)  # 开始使用, while a new office sets up
        layout.addWidget(self.getting_started)
        self.conflict_note = ConflictNote(body)  # N条记录存在未处理的合并冲突, just above the figures
        layout.addWidget(self.conflict_note)
        self.tile_grid = TileGrid(list(self.tiles.values()), body)  # rows of 5, fewer when narrow
        layout.addWidget(self.tile_grid)
        layout.addWidget(charts)
        layout.addWidget(self.zones_title)
        layout.addLayout(self.zones_box)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        guard_wheel()  # the wheel scrolls the page, not the 范围 box under it (as in every form)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    # --- data ----------------------------------------------------------------------------
    @property
    def computing(self) -> bool:
        """The figures are being counted (the page says 正在计算…)."""
        return self.counting.busy

    def refresh(self) -> None:
        """Figures counted in a worker (2–3 s at a million visits, never on the GUI thread); if
        today's risk classes need a full pass, that runs in the background too.

        The pass takes seconds at a million visits (once a day or after a rule change); the
        risk and warning tiles show "…" until it is done and then fill in. While another
        program writes (an import) it is tried again every 10 s, with a note saying so. A
        refresh while figures are counted replaces that count: the older figures never show.
        """
        current = self.store.path is None or risk_is_current(self.store)  # two setting reads
        self.scope.follow_office()  # named under Settings or by a new key since the last refresh
        self.getting_started.refresh()
        self.clock_banner.refresh()
        today, area = self.day.today(), self.scope.area()

        def count(store: Store | None, progress: Progress) -> Counted:
            assert store is not None
            with interruptible(store, progress):
                figures = dashboard_figures(store, today, with_risk=current, area=area)
                return (figures, current, city_context(store) if area else None,
                        report_queries.held_conflicts(store.db))  # the report's count, of the database

        if not current:
            self.risk_pending = True
            self.risk.start()
        else:
            self.risk.stop()
        self.counting.start(count)
        self._show_computing(today)

    def _counted(self, result: Counted) -> None:
        self.figures, current, self.city, conflicts = result
        self.conflict_note.count = conflicts  # shown (and worded) by retranslate
        self.warning_total = sum(self.figures.warnings.values())
        self.risk_pending = not current
        self._show_computing(self.figures.today)
        self.retranslate()

    def _count_failed(self, message: str) -> None:
        self.computing_note.setText(message)
        self.computing_note.show()

    def scoped(self) -> DashboardFigures | None:
        """The figures shown, if they are of the scope chosen; None while another scope's are
        counted (the last ones are the old scope's: nothing may show or open them)."""
        f = self.figures
        return f if f is not None and f.area == self.scope.area() else None

    def _show_computing(self, today: date) -> None:
        """正在计算… while the figures are counted; before the first count of the scope chosen
        (another scope's figures are never shown under its name), every tile, chart and zone
        bar waits and opens nothing."""
        self.computing_note.setText(self.tr("Computing…"))
        self.computing_note.setVisible(self.computing)
        if self.scoped() is None:
            self.heading.setText(self.tr("Quality improvement dashboard — %1")
                                 .replace("%1", date_label(today, ui_lang())))
            self.refresh_button.setText(self.tr("&Refresh"))
            self.quarter_button.setText(self.tr("This quarter"))
            self.year_button.setText(self.tr("This year"))
            waiting = self.tr("computing…")
            for key, title in self._waiting_titles(today).items():
                self.tiles[key].set_content(title, "…", waiting)
            self._chart_titles()
            self.by_jurisdiction.set_waiting(waiting)
            self.by_industry.set_waiting(waiting)
            self._clear_zones()
            self.zones_box.addWidget(QLabel(waiting, self))

    def _waiting_titles(self, today: date) -> dict[str, str]:
        """The tiles' titles before their first figures (the same words `retranslate` uses)."""
        lang = ui_lang()
        rate = self.tr("Spot-check pass rate %1")
        return {
            "pass_quarter": rate.replace("%1", period_label(quarter_of(today), lang)),
            "pass_year": rate.replace("%1", period_label(year_of(today), lang)),
            "improvement": self.tr("Enterprises in quality improvement"),
            "zones": self.tr("National demonstration zones/projects"),
            "rect_open": self.tr("Open rectifications"), "rect_overdue": self.tr("Overdue rectifications"),
            "recheck_pending": self.tr("Not re-checked, within the limit"),
            "recheck_overdue": self.tr("Re-checks overdue"),
            "licences_expiring": self.tr("Licences expiring"),
            "licences_expired": self.tr("Licences expired"),
            "warnings": self.tr("Early warnings"),
            **{f"risk_{c}": self.tr("Risk class %1").replace("%1", c) for c in "ABCD"},
        }

    def _risk_failed(self, message: str) -> None:
        self.risk_pending = False
        self.tiles["warnings"].setToolTip(message)
        for cls in "ABCD":
            self.tiles[f"risk_{cls}"].setToolTip(message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.scope.retranslate()
            self._show_computing(self.day.today())
            if self.figures is not None:
                self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        f = self.scoped()
        if f is None:
            return
        lang = ui_lang()
        self.heading.setText(self.tr("Quality improvement dashboard — %1")
                             .replace("%1", date_label(f.today, lang)))
        self.refresh_button.setText(self.tr("&Refresh"))
        self.quarter_button.setText(self.tr("This quarter"))
        self.year_button.setText(self.tr("This year"))
        definition = pass_rate_definition(lang)
        for key, rates, before in (("pass_quarter", f.quarter, f.quarter_before),
                                   ("pass_year", f.year, f.year_before)):
            title = self.tr("Spot-check pass rate %1").replace("%1", period_label(rates.period, lang))
            total = rates.total
            self.tiles[key].set_content(
                title, rate_percent(total.rate, f.pass_rate_target),  # 94.97 %, never 95.0 %
                rate_detail(rates, before, f.pass_rate_target),  # or the period before's, if none yet
                alarm=total.rate is not None and not meets_target(total.rate, f.pass_rate_target))
            self.tiles[key].setToolTip(definition)
        self._fill_targets(f)
        self.tiles["rect_open"].set_content(self.tr("Open rectifications"), str(f.rectifications_open),
                                            self.tr("not yet closed"))
        self.tiles["rect_overdue"].set_content(
            self.tr("Overdue rectifications"), str(f.rectifications_overdue), self.tr("past the deadline"),
            alarm=f.rectifications_overdue > 0)
        # Not 待复查: on the lists that is one status (awaiting re-check); this counts every order on
        # the bureau's re-check clock (reported on time, or taken to re-check) within its limit.
        self.tiles["recheck_pending"].set_content(
            self.tr("Not re-checked, within the limit"), str(f.recheck_pending),  # each order by its rule set
            recheck_limit_line(f.recheck_rules["recheck_pending"], False))
        self.tiles["recheck_overdue"].set_content(
            self.tr("Re-checks overdue"), str(f.recheck_overdue),
            recheck_limit_line(f.recheck_rules["recheck_overdue"], True),
            alarm=f.recheck_overdue > 0)
        for key, definition in order_tile_definitions().items():  # whose move: the tiles never overlap
            self.tiles[key].setToolTip(definition)
        months, days = f.licence_windows  # each kind warned within its own window (licence_rules)
        self.tiles["licences_expiring"].set_content(
            self.tr("Licences expiring"), str(f.licences_expiring),
            self.tr("XK within %1 months · SC within %2 days").replace("%1", str(months))
            .replace("%2", str(days)))
        self.tiles["licences_expired"].set_content(self.tr("Licences expired"), str(f.licences_expired),
                                                   self.tr("not renewed"), alarm=f.licences_expired > 0)
        waiting = self.tr("computing…")
        if self.risk_pending:
            self.tiles["warnings"].set_content(self.tr("Early warnings"), "…", waiting)
        else:
            self.tiles["warnings"].set_content(self.tr("Early warnings"), str(self.warning_total),
                                               self.tr("need action"), alarm=self.warning_total > 0)
        names = {"A": self.tr("low risk"), "B": self.tr("lower risk"), "C": self.tr("higher risk"),
                 "D": self.tr("high risk")}
        for cls in "ABCD":
            value = "…" if self.risk_pending else str(f.risk_classes.get(cls, 0))
            self.tiles[f"risk_{cls}"].set_content(self.tr("Risk class %1").replace("%1", cls), value,
                                                  waiting if self.risk_pending else names[cls])
        self.tile_grid.align_titles()
        self._fill_charts()  # and the charts' titles
        self.conflict_note.set_count(self.conflict_note.count)
        self._fill_zones()

    def _fill_targets(self, f: DashboardFigures) -> None:
        """The city's targets (500 firms, 5–10 national zones): against the count under 全市; under
        a county its count with the city's beside it, never red (the target is not the county's)."""
        (low, high), z, twice = f.zones.national_target, f.zones.counts, f.zones.duplicated  # see warnings
        # every count is of accepted (已验收) ones, as the report's; those under way said apart
        under_way = f.zones.pending.get("national", 0)  # 创建中或申报中
        title, zones_title = self.tr("Enterprises in quality improvement"), self.tr(
            "National demonstration zones/projects")
        others = ("\n" + self.tr("%1 of them look duplicated (see Early warnings): %2 without them")
                  .replace("%1", str(twice)).replace("%2", str(z["national"] - twice)) if twice else "")
        if f.area and self.city is not None:
            firms, zones = self.city
            self.tiles["improvement"].set_content(title, str(f.in_improvement), self.tr(
                "in this area · city-wide %1 / target %2 enterprises")
                .replace("%1", str(firms)).replace("%2", str(f.improvement_target)))
            # ；after the first item: what the big number counts, apart from the rest (review B7)
            line = self.tr("accepted in this area; city-wide %1 / target %2–%3 · being built or applied for "
                           "%6 · provincial accepted %4 · city-level accepted %5")
            self.tiles["zones"].set_content(zones_title, str(z["national"]), line.replace("%1", str(zones))
                                            .replace("%2", str(low)).replace("%3", str(high))
                                            .replace("%4", str(z["provincial"])).replace("%5", str(z["city"]))
                                            .replace("%6", str(under_way)) + others)
            return
        self.tiles["improvement"].set_content(
            title, f"{f.in_improvement} / {f.improvement_target}",
            self.tr("target: %1 enterprises").replace("%1", str(f.improvement_target)))
        self.tiles["zones"].set_content(
            zones_title, str(z["national"]),
            self.tr("accepted; target %1–%2 · being built or applied for %5 · provincial accepted %3 · "
                    "city-level accepted %4").replace("%1", str(low)).replace("%2", str(high))
            .replace("%3", str(z["provincial"])).replace("%4", str(z["city"])).replace("%5", str(under_way))
            + others,
            alarm=z["national"] - twice < low)

    def _chart_titles(self, earlier: PeriodRates | None = None) -> None:
        """The charts' titles; `earlier` when they show the period before (none yet in the one chosen)."""
        jurisdictions = self.tr("Spot-check pass rate by jurisdiction")
        industries = self.tr("Spot-check pass rate by industry (ten largest)")
        if earlier is not None:  # the industry title's bracket takes the note: never （…）（…）
            quarter, words = self.quarter_button.isChecked(), period_label(earlier.period, ui_lang())
            jurisdictions += (self.tr(" (none yet this quarter: %1)") if quarter
                              else self.tr(" (none yet this year: %1)")).replace("%1", words)
            industries = (self.tr("Spot-check pass rate by industry (ten largest; none yet this quarter: %1)")
                          if quarter else self.tr(
                              "Spot-check pass rate by industry (ten largest; none yet this year: %1)")
                          ).replace("%1", words)
        self.by_jurisdiction_title.setText(jurisdictions)
        self.by_industry_title.setText(industries)
        self.zones_title.setText(self.tr("Demonstration zones and projects: progress"))

    def _rates(self) -> PeriodRates | None:
        """What the charts show and their bars open: the period chosen, or while it has no result
        yet (its first weeks) the one before, which the charts' titles then name."""
        f = self.scoped()
        return None if f is None else f.shown(self.quarter_button.isChecked())

    def _fill_charts(self) -> None:
        """The bars of the period chosen; none while another scope's figures are counted (the
        quarter/year buttons land here too: they never redraw the old scope's figures)."""
        rates = self._rates()
        if rates is None:
            return  # the charts wait (set by _show_computing)
        f = self.figures
        self._chart_titles(f.quarter_before if self.quarter_button.isChecked() else f.year_before)
        definition = pass_rate_definition(ui_lang())
        target = self.figures.pass_rate_target
        bars = []
        lang = ui_lang()
        for r in rates.by_jurisdiction:  # 421200 is 市本级 (shown only when firms are registered there)
            bars.append(Bar(r.key, jurisdiction_label(r.key, lang), r.passed, r.failed))
        self.by_jurisdiction.set_bars(bars, target, definition)
        industries = [r for r in rates.by_industry if r.tested][:10]
        self.by_industry.set_bars([Bar(r.key, r.key or self.tr("(none)"), r.passed, r.failed)
                                   for r in industries], target, definition)

    def _clear_zones(self) -> None:
        while self.zones_box.count():
            item = self.zones_box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _fill_zones(self) -> None:
        self._clear_zones()
        for uuid, name, pct in self.figures.zones.progress:
            bar = ZoneBar(uuid, self)
            bar.setValue(pct)
            bar.setFormat(f"{name} %p%")
            bar.clicked.connect(self._open_zone)
            self.zones_box.addWidget(bar)
        if not self.figures.zones.progress:
            empty = QLabel(self.tr("No demonstration zones or projects recorded yet."), self)
            self.zones_box.addWidget(empty)

    # --- navigation ----------------------------------------------------------------------
    def tile_target(self, key: str) -> tuple[str, dict]:
        """The list (kind, filters) behind a tile, of the scope its figure was counted for."""
        kind, filters = self._tile_list(key)
        return kind, {**filters, **self._scope_filter()}

    def _scope_filter(self) -> dict[str, str]:
        """The figures' scope as a list filter (an area, as the lists take it); none for all."""
        area = self.figures.area if self.figures is not None else ""
        return {"jurisdiction": area} if area else {}

    def _tile_list(self, key: str) -> tuple[str, dict]:
        f = self.figures
        if key in ("pass_quarter", "pass_year"):  # the visits behind the rate its line gives
            period = f.shown(key == "pass_quarter").period
            return "visits", {"kind": "spot_check", "date_from": period.start.isoformat(),
                              "date_to": period.end.isoformat(), "tested": 1}
        if key.startswith("risk_"):
            return "enterprises", {"risk_class": key[-1]}
        return {
            "improvement": ("enterprises", {"in_improvement": 1}),
            "zones": ("zones", {"level": "national"}),
            "rect_open": ("rectifications", {"state": "open"}),
            "rect_overdue": ("rectifications", {"status": "overdue", "state": "overdue"}),
            "recheck_pending": ("rectifications", {"state": "recheck_pending"}),
            "recheck_overdue": ("rectifications", {"state": "recheck_overdue"}),
            "licences_expiring": ("licences", {"state": "expiring"}),
            "licences_expired": ("licences", {"state": "expired"}),
            "warnings": ("warnings", {}),
        }[key]

    def _open(self, key: str) -> None:
        if self.scoped() is None:
            return  # the tile waits for its figure ("…"): nothing to list yet
        kind, filters = self.tile_target(key)
        self.open_list.emit(kind, filters)

    def _open_rates(self, dimension: str, key: str) -> None:
        """A bar's visits: a jurisdiction's bar counts its own rows only (咸安区 without the
        高新区, which has its own bar); an industry's bar those of the scope. Nothing while another
        scope is counted (a bar of the old scope would open a list under the new one's name)."""
        rates = self._rates()
        if rates is None:
            return
        period = rates.period
        where = {"jurisdiction": key, "jurisdiction_only": key} if dimension == "jurisdiction" \
            else {dimension: key, **self._scope_filter()}
        self.open_list.emit("visits", {"kind": "spot_check", "date_from": period.start.isoformat(),
                                       "date_to": period.end.isoformat(), **where, "tested": 1})

    def _open_zone(self, uuid: str) -> None:
        """A zone bar: the zones page at that zone, limited to the scope (as the zones tile)."""
        if self.scoped() is not None:
            self.open_list.emit("zones", {"uuid": uuid, **self._scope_filter()})
