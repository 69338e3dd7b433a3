"""The main window: navigation between the dashboard and the three lists, menus, shortcuts.

Record editors and the dashboard are written in other modules, looked up through a guarded
import so that the shell works (and says so) while one of them is missing."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qcdesk import __version__
from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
from qcdesk.paths import AppPaths
from qcdesk.ui.dashboard_risk import TodaysRisk
from qcdesk.ui.elided_label import ElidedLabel
from qcdesk.ui.getting_started import open_step
from qcdesk.ui.list_pages import ListPage, page_title
from qcdesk.ui.record_opening import already_open, bring_to_front, record_editor
from qcdesk.ui.record_window import enterprise_title, show_record_window
from qcdesk.ui.settings_values import stored_bytes, stored_text
from qcdesk.ui.shell_tools import ShellTools
from qcdesk.ui.workers import describe_error, stop_jobs

if TYPE_CHECKING:
    from qcdesk.models.store import Store

DASHBOARD, WARNINGS, ZONES = "dashboard", "warnings", "zones"


def find_ui(module: str, name: str) -> Any | None:
    """A class/function from another UI module, or None if that module is not there (yet)."""
    try:
        return getattr(importlib.import_module(f"qcdesk.ui.{module}"), name, None)
    except ImportError as exc:
        if exc.name == f"qcdesk.ui.{module}":
            return None
        raise


def first_size(screen: QScreen | None) -> QSize:
    """1280 × 800 where the screen has room, else what its free area holds (a 1366 × 768
    laptop leaves about 1366 × 728 under the task bar): the status bar stays on screen."""
    wanted = QSize(1280, 800)
    if screen is None:
        return wanted
    room = screen.availableGeometry().size() - QSize(16, 40)  # the window frame and title
    return wanted.boundedTo(room)


class MainWindow(QMainWindow):
    """Shell around the pages; `open_database_requested(path)` asks the app to switch files."""

    open_database_requested = Signal(Path)
    language_requested = Signal(str)

    def __init__(self, paths: AppPaths, settings: QSettings, lang: str = "zh_CN",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.paths = paths
        self.settings = settings
        self.lang = lang
        self.store: Store | None = None
        self.pages: dict[str, QWidget] = {}
        self.page_order: list[str] = []
        self.setObjectName("mainWindow")
        self.resize(first_size(QGuiApplication.primaryScreen()))
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; background: palette(window); }"
                               " QListWidget#navigation::item { padding: 9px 12px; }")
        self.nav.currentRowChanged.connect(self._on_nav)
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.db_label = ElidedLabel(self)  # a long path is cut in the middle, not the window widened
        self.inspector_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.inspector_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_actions()
        self.tools = ShellTools(self)
        self._build_menus()
        self._show_placeholder()
        self.retranslate()
        geometry = stored_bytes(settings, "ui/geometry")  # a damaged qcdesk.ini: defaults
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = stored_bytes(settings, "ui/state")
        if state is not None:
            self.restoreState(state)

    # --- actions and menus ---------------------------------------------------------------
    def _action(self, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.switch_db_action = self._action(self.choose_database, QKeySequence.StandardKey.Open)
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.find_action = self._action(self.focus_search, QKeySequence.StandardKey.Find)
        self.new_action = self._action(self.new_record, QKeySequence.StandardKey.New)
        self.open_action = self._action(self.open_selected)
        self.refresh_action = self._action(self.refresh_current, QKeySequence.StandardKey.Refresh)
        self.about_action = self._action(self.show_about)
        self.settings_action = self._action(self.show_settings, QKeySequence.StandardKey.Preferences)
        self.roster_action = self._action(self.show_roster)
        self.nav_group = QActionGroup(self)
        self.nav_actions: dict[str, QAction] = {}
        self.lang_group = QActionGroup(self)
        self.lang_actions: dict[str, QAction] = {}
        for code, text in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            action.triggered.connect(lambda _c=False, c=code: self.language_requested.emit(c))
            self.lang_group.addAction(action)
            self.lang_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.switch_db_action)
        self.file_menu.addSeparator()
        self.tools.add_to(self.file_menu, "file")
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.nav_menu_anchor = self.view_menu.addSeparator()
        self.view_menu.addAction(self.find_action)
        self.view_menu.addAction(self.refresh_action)
        self.record_menu = bar.addMenu("")
        self.record_menu.addAction(self.new_action)
        self.record_menu.addAction(self.open_action)
        self.record_menu.addSeparator()
        self.tools.add_to(self.record_menu, "record")
        self.settings_menu = bar.addMenu("")
        self.lang_menu = self.settings_menu.addMenu("")
        for action in self.lang_actions.values():
            self.lang_menu.addAction(action)
        self.settings_menu.addAction(self.roster_action)
        self.tools.add_to(self.settings_menu, "settings")
        self.settings_menu.addAction(self.settings_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    # --- the database --------------------------------------------------------------------
    def _show_placeholder(self) -> None:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addStretch(1)
        self.placeholder_label = QLabel(box)
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_label.setWordWrap(True)
        self.placeholder_button = QPushButton(box)
        self.placeholder_button.clicked.connect(self.choose_database)
        layout.addWidget(self.placeholder_label)
        layout.addWidget(self.placeholder_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.stack.addWidget(box)
        self.placeholder = box

    def set_store(self, store: Store | None) -> None:
        """Show the pages of an open store (None: only the 'open a database' placeholder)."""
        self.save_page_states()
        for page in list(self.pages.values()):
            stop_jobs(page)  # none may start on the store being closed (after the shell's wait)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.page_order.clear()
        self.nav.clear()
        for action in self.nav_actions.values():
            self.view_menu.removeAction(action)
            self.nav_group.removeAction(action)
        self.nav_actions.clear()
        self.store = store  # the watch first: the jobs started from here on tell it their commits
        (watch := find_ui("database_watch", "watch")) and watch(self, store)  # 其他程序写入后刷新
        self.risk = TodaysRisk.renew(getattr(self, "risk", None), store, self)
        (said := find_ui("export_notice", "show_unfinished")) and said(self, store)  # 未完成命名的数据包
        (notice := find_ui("draft_notice", "show_drafts")) and notice(self, store)  # N份未保存的草稿
        self.nav.setEnabled(store is not None)
        if store is None:
            self.stack.setCurrentWidget(self.placeholder)
            self._update_actions()
            self.retranslate()
            return
        dashboard_cls = find_ui("dashboard", "DashboardPage")
        if dashboard_cls is not None:
            dashboard = dashboard_cls(store, self.paths, risk=self.risk)
            if hasattr(dashboard, "open_list"):
                dashboard.open_list.connect(self.show_list)
            if hasattr(dashboard, "getting_started"):  # 开始使用: each step's button opens its dialog
                dashboard.getting_started.step_requested.connect(lambda k: open_step(self, k))
            self._add_page(DASHBOARD, dashboard)
        for kind in (ENTERPRISES, VISITS, RECTIFICATIONS):
            page = ListPage(store, kind, self)
            page.setObjectName(f"{kind}Page")
            page.open_requested.connect(self.open_record)
            page.empty_state.new_requested.connect(lambda k=kind: self.new_record_of(k))
            page.empty_state.import_requested.connect(lambda: self.tools.open("roster_import"))
            page.restore_state(self.settings)
            page.risk_day and page.risk_day.share(self.risk)  # the enterprise list's classes
            page.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            page.view.addActions([self.open_action, *map(self.tools.actions.get, ("history", "delete"))])
            self._add_page(kind, page)
        scope = getattr(self.pages.get(DASHBOARD), "scope", None)  # where both pages start, worked out once
        for key, module, name, more in ((WARNINGS, "warnings_page", "WarningsPage", {"risk": self.risk}),
                                        (ZONES, "zones_page", "ZonesPage", {})):
            cls = find_ui(module, name)
            if cls is not None:
                extra = cls(store, self.paths, self, **more, **({"area": scope.area()} if scope else {}))
                extra.setObjectName(f"{key}Page")
                if hasattr(extra, "open_enterprise"):
                    extra.open_enterprise.connect(lambda eid: self.open_record(ENTERPRISES, eid))
                self._add_page(key, extra)
        for follower in (self.pages.get(WARNINGS), self.pages.get(ZONES)):  # one scope, one count
            if scope is not None and hasattr(follower, "set_area"):
                scope.changed.connect(lambda f=follower: f.set_area(scope.area()))
        self.db_label.setText(str(store.path) if store.path else ":memory:")  # the tooltip too
        self.retranslate()
        last = stored_text(self.settings, "ui/page")
        self.show_page(last if last in self.pages else self.page_order[0])

    def _add_page(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.page_order.append(key)
        self.stack.addWidget(page)
        self.nav.addItem(QListWidgetItem())
        action = QAction(self)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(f"Ctrl+{len(self.page_order)}"))
        action.triggered.connect(lambda _c=False, k=key: self.show_page(k))
        self.nav_group.addAction(action)
        self.view_menu.insertAction(self.nav_menu_anchor, action)
        self.addAction(action)
        self.nav_actions[key] = action

    # --- navigation ----------------------------------------------------------------------
    def current_key(self) -> str:
        row = self.nav.currentRow()
        return self.page_order[row] if 0 <= row < len(self.page_order) else ""

    def current_list(self) -> ListPage | None:
        page = self.pages.get(self.current_key())
        return page if isinstance(page, ListPage) else None

    def show_page(self, key: str) -> None:
        if key in self.pages:
            self.nav.setCurrentRow(self.page_order.index(key))

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self.page_order):
            key = self.page_order[row]
            self.stack.setCurrentWidget(self.pages[key])
            self.nav_actions[key].setChecked(True)
            self.settings.setValue("ui/page", key)
        self._update_actions()

    def show_list(self, kind: str, filters: dict | None = None) -> None:
        """Open a list with filters (the dashboard's `open_list` signal lands here)."""
        plural = {"enterprises": ENTERPRISES, "visits": VISITS, "rectifications": RECTIFICATIONS}
        if kind == "licences":  # licence figures open the enterprises that hold those licences
            given = filters or {}  # the dashboard's scope stays with it
            scope = {"jurisdiction": given["jurisdiction"]} if given.get("jurisdiction") else {}
            kind, filters = "enterprises", {"licence_state": given.get("state", "expiring"), **scope}
        kind = plural.get(kind, kind)
        page = self.pages.get(kind)
        if page is None or not hasattr(page, "set_filters"):
            self.statusBar().showMessage(self.tr("There is no list for this figure yet."), 5000)
            return
        self.show_page(kind)
        try:
            page.set_filters(dict(filters or {}))
        except Exception as exc:  # a figure's query failing must not take the window down
            QMessageBox.warning(self, self.tr("Cannot open the list"), describe_error(exc))

    def focus_search(self) -> None:
        if self.current_list() is None and ENTERPRISES in self.pages:  # 看板, 预警: 企业档案's box
            self.show_page(ENTERPRISES)
        page = self.current_list()
        if page is not None:
            page.focus_search()

    def refresh_current(self) -> None:
        page = self.pages.get(self.current_key())
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    def refresh_lists(self) -> None:
        for page in self.pages.values():
            if hasattr(page, "refresh"):
                page.refresh()

    def _update_actions(self) -> None:
        key = self.current_key()
        has_store = self.store is not None
        self.new_action.setEnabled(has_store and self._new_factory(key) is not None)
        self.open_action.setEnabled(has_store and isinstance(self.pages.get(key), ListPage))
        self.find_action.setEnabled(has_store and ENTERPRISES in self.pages)
        self.refresh_action.setEnabled(has_store)
        self.roster_action.setEnabled(has_store and find_ui("inspector_chooser", "RosterDialog") is not None)
        self.settings_action.setEnabled(True)
        self.tools.update()
        self._retranslate_new_action()

    # --- records -------------------------------------------------------------------------
    def _new_factory(self, key: str) -> Callable[[], QWidget] | None:
        if self.store is None:
            return None
        store, paths = self.store, self.paths
        if key in (ENTERPRISES, DASHBOARD):  # a new office's first record is an enterprise
            editor = find_ui("enterprise_editor", "EnterpriseEditor")
            return None if editor is None else (lambda: editor(store, paths, None, self))
        if key == VISITS:
            editor = find_ui("visit_editor", "VisitEditor")
            return None if editor is None else (lambda: editor(store, paths, parent=self))
        return None

    def new_record(self) -> None:
        self.new_record_of(self.current_key())

    def new_record_of(self, key: str) -> None:
        factory = self._new_factory(key)
        if factory is not None:
            self._show_record_window(factory())

    def open_selected(self) -> None:
        page = self.current_list()
        if page is not None and not page.open_selected():
            self.statusBar().showMessage(self.tr("Select a row first."), 4000)

    def open_record(self, kind: str, record_id: int) -> QWidget | None:
        """Open the record behind a list row in its editor (Enter or double-click); a record
        already open is brought to the front instead (ui/record_opening.py). Returns its window."""
        if self.store is None:
            return None
        if (shown := already_open(kind, record_id)) is not None:
            return bring_to_front(shown)
        try:
            widget = record_editor(self, kind, record_id)
        except Exception as exc:  # an editor that cannot open says why instead of crashing the shell
            QMessageBox.warning(self, self.tr("Cannot open the record"), describe_error(exc))
            return None
        if widget is None:
            self.statusBar().showMessage(self.tr("This record type cannot be opened in this version."), 5000)
            return None
        title = enterprise_title(self.store, record_id) if kind == ENTERPRISES else None
        self._show_record_window(widget, title)
        return widget

    def _show_record_window(self, widget: QWidget, title: Callable[[], str] | None = None) -> None:
        for name in ("saved", "changed"):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(self.refresh_lists)
        if isinstance(widget, QDialog):
            widget.finished.connect(lambda _r: self.current_list() and self.current_list().view.setFocus())
            widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            widget.open()
        else:  # sized to the screen, named, Esc / Ctrl+W close it (ui/record_window.py)
            show_record_window(widget, self, title)

    # --- dialogs -------------------------------------------------------------------------
    def choose_database(self) -> None:
        from qcdesk.ui.file_dialogs import open_or_new_file

        start = self.store.path.parent if self.store and self.store.path else self.paths.data_dir
        chosen = open_or_new_file(self, self.tr("Open or create a database"),
                                  self.tr("QCDesk database (*.db *.sqlite);;All files (*)"), start)
        if chosen is not None:
            self.open_database_requested.emit(chosen)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About QCDesk"), self.tr(
            "<h3>QCDesk %1</h3><p>Quality improvement workbench for county product-quality "
            "inspectors in Xianning, Hubei. Works offline; data stays in one SQLite file.</p>"
            "<p>Database: %2</p>").replace("%1", __version__).replace(
                "%2", str(self.store.path) if self.store and self.store.path else "—"))

    def show_settings(self) -> None:
        from qcdesk.ui.settings_page import SettingsDialog

        dialog = SettingsDialog(self.store, self.settings, self.lang, self, keys_dir=self.paths.keys_dir)
        dialog.language_chosen.connect(self.language_requested.emit)
        if dialog.exec() and self.store is not None:  # the office named: the dashboard shows its own
            self.refresh_lists()

    def show_roster(self) -> None:
        cls = find_ui("inspector_chooser", "RosterDialog")
        if cls is not None and self.store is not None:
            cls(self.store, self).exec()

    # --- state and language --------------------------------------------------------------
    def save_page_states(self) -> None:
        for page in self.pages.values():
            if isinstance(page, ListPage):
                page.save_state(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("ui/geometry", self.saveGeometry())
        self.settings.setValue("ui/state", self.saveState())
        self.save_page_states()
        self.settings.sync()
        super().closeEvent(event)

    def set_language(self, lang: str) -> None:
        """Retranslate now (Qt's LanguageChange events also reach other open windows)."""
        self.lang = lang
        self.lang_actions[lang].setChecked(True)
        self.retranslate()
        for page in self.pages.values():
            if hasattr(page, "retranslate"):
                page.retranslate()

    def set_inspector_name(self, name: str) -> None:
        self.inspector_label.setText(self.tr("Inspector: %1").replace("%1", name) if name else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _page_name(self, key: str) -> str:
        if key == DASHBOARD:
            return self.tr("Dashboard")
        if key == WARNINGS:
            return self.tr("Early warnings")
        if key == ZONES:
            return self.tr("Demonstration zones")
        return page_title(key)

    def _retranslate_new_action(self) -> None:
        key = self.current_key()
        text = {ENTERPRISES: self.tr("&New enterprise…"), VISITS: self.tr("&New visit…")}
        text[DASHBOARD] = text[ENTERPRISES]
        self.new_action.setText(text.get(key, self.tr("&New…")))

    def retranslate(self) -> None:
        title = self.tr("QCDesk Quality Improvement Workbench")
        if self.store is not None and self.store.path is not None:
            title += f" — {self.store.path.name}"
        self.setWindowTitle(title)
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.record_menu.setTitle(self.tr("&Record"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.lang_menu.setTitle(self.tr("&Language"))
        self.switch_db_action.setText(self.tr("&Switch database…"))
        self.quit_action.setText(self.tr("E&xit"))
        self.find_action.setText(self.tr("&Find"))
        self.refresh_action.setText(self.tr("&Refresh"))
        self.open_action.setText(self.tr("&Open selected"))
        self.about_action.setText(self.tr("&About QCDesk"))
        self.settings_action.setText(self.tr("&Preferences…"))
        self.roster_action.setText(self.tr("Inspector &roster…"))
        self.placeholder_label.setText(self.tr(
            "No database is open. Open an existing QCDesk database or create a new one."))
        self.placeholder_button.setText(self.tr("Open or create a database…"))
        for row, key in enumerate(self.page_order):
            self.nav.item(row).setText(self._page_name(key))
            self.nav_actions[key].setText(self._page_name(key))
        # wide enough for the longest name in this language (English names run longer)
        self.nav.ensurePolished()  # the style sheet sets the font
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(self._page_name(k)) for k in self.page_order), default=0)
        self.nav.setFixedWidth(max(150, widest + 40))
        self._retranslate_new_action()
        self.tools.update()
        self.store is not None and self.store.path is not None and self.db_label.setText(str(self.store.path))
        importlib.import_module("qcdesk.ui.storage_notice").show_place(self)  # 网络盘、同步文件夹中的数据库
