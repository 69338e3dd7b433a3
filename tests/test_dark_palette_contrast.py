"""Windows dark mode and High Contrast Black: the highlights, warnings and notes the app colours
itself must stay readable (WCAG 4.5 : 1), and light mode must keep its old colours.

Why: the app set pale backgrounds (#fff4ce, #fff3c4, #eef5fb, #ffcdd2…) and left the text to the
palette, which is white on a dark palette, so a clerk comparing a merge conflict saw white on pale
yellow; greys (#333, #555, palette(dark)) and reds (#c62828) vanished on the dark window, and the
date field's calendar arrow was a black glyph on a black field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from day_clock import fixed_today
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableWidgetItem, QWidget
from test_exchange_gui_review import _enterprise_conflict
from withdrawn_orders import LATE, build_orders

from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS
from qcdesk.models.store import Store

R = QPalette.ColorRole
DARK = {R.Window: "#202020", R.WindowText: "#ffffff", R.Base: "#1c1c1c", R.AlternateBase: "#2c2c2c",
        R.Text: "#ffffff", R.Button: "#2d2d2d", R.ButtonText: "#ffffff", R.Highlight: "#0078d4",
        R.HighlightedText: "#ffffff", R.Light: "#505050", R.Midlight: "#404040", R.Mid: "#3a3a3a",
        R.Dark: "#111111", R.Shadow: "#000000", R.PlaceholderText: "#9d9d9d"}  # Windows 11 dark
HC_BLACK = {R.Window: "#000000", R.WindowText: "#ffffff", R.Base: "#000000", R.AlternateBase: "#000000",
            R.Text: "#ffffff", R.Button: "#000000", R.ButtonText: "#ffffff", R.Highlight: "#1aebff",
            R.HighlightedText: "#000000", R.Light: "#ffffff", R.Midlight: "#ffffff", R.Mid: "#ffffff",
            R.Dark: "#ffffff", R.Shadow: "#ffffff"}


def ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio."""
    def lum(c: QColor) -> float:
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c.getRgbF()[:3]]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(params=["dark", "hc"])
def dark(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[QPalette]:
    """The app under a dark palette (as Windows hands one to Qt), the light one afterwards."""
    before = QPalette(qapp.palette())
    palette = QPalette(before)
    for role, colour in (DARK if request.param == "dark" else HC_BLACK).items():
        palette.setColor(role, QColor(colour))
    qapp.setPalette(palette)
    yield palette
    qapp.setPalette(before)


def shown(widget: QWidget, ground: QWidget | None = None) -> tuple[QColor, QColor]:
    """(text, background) a widget is drawn in: its polished palette (stylesheets included), the
    background from `ground` when the widget is transparent on it."""
    for w in (widget, ground):
        if w is not None:
            w.ensurePolished()
    back = ground or widget
    return widget.palette().color(widget.foregroundRole()), back.palette().color(back.backgroundRole())


def cell(item: QTableWidgetItem, palette: QPalette) -> tuple[QColor, QColor]:
    """(text, background) of a table cell; no foreground brush means the palette's text."""
    fore = item.foreground()
    return (fore.color() if fore.style() != Qt.BrushStyle.NoBrush else palette.color(R.Text),
            item.background().color())


def _widgets(store: Store, paths, settings, tmp_path: Path,  # noqa: ANN001
             monkeypatch: pytest.MonkeyPatch, qtbot) -> dict[str, tuple[QColor, QColor]]:  # noqa: ANN001
    """Every named place, built as the user meets it: name → (text, background)."""
    import qcdesk.ui.enterprise_page as enterprise_page
    from qcdesk.ui.conflict_dialog import ConflictDialog
    from qcdesk.ui.dashboard_widgets import ConflictNote, Tile
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.forms import FieldErrors
    from qcdesk.ui.getting_started import GettingStarted
    from qcdesk.ui.list_empty import EmptyState
    from qcdesk.ui.list_pages import ListPage
    from qcdesk.ui.status_notice import WarningNotice
    from qcdesk.ui.visit_editor import VisitEditor

    palette = QApplication.palette()
    found: dict[str, tuple[QColor, QColor]] = {}
    conflicts = ConflictDialog(_enterprise_conflict(tmp_path))
    qtbot.addWidget(conflicts)
    conflicts.list.selectRow(0)
    differing = conflicts.fields.item(0, 1)  # the differing fields come first, highlighted
    found["conflict row"] = cell(differing, palette)

    panel = GettingStarted(store, paths)
    qtbot.addWidget(panel)
    found["getting started heading"] = shown(panel.heading, panel)
    found["getting started step"] = shown(next(iter(panel.texts.values())), panel)
    monkeypatch.setattr(panel, "done", lambda: dict.fromkeys(panel.texts, True))
    panel.retranslate()
    found["getting started done step"] = shown(next(iter(panel.texts.values())), panel)

    edit, message = QLineEdit(), QLabel()
    qtbot.addWidget(edit)
    errors = FieldErrors()
    errors.add("rule", edit, message)
    errors.set("rule", "not the rule in force on this date", warning=True)
    edit.ensurePolished()
    found["warning field"] = edit.palette().color(R.Text), edit.palette().color(R.Base)
    found["warning message"] = shown(message)

    visit = VisitEditor(store, paths, settings=settings)
    qtbot.addWidget(visit)
    found["locked banner"] = shown(visit.banner)

    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    editor.tabs.setCurrentIndex(1)
    for number, expires in (("SC12345678901234", "2020-02-30"), ("SC11442128100017", "2020-01-01")):
        editor._add_licence_row()
        row = editor.licence_table.rowCount() - 1
        editor.licence_table.item(row, 3).setText(expires)
        editor.licence_table.item(row, 0).setText(number)
    found["licence error cell"] = cell(editor.licence_table.item(0, 0), palette)
    found["licence warning cell"] = cell(editor.licence_table.item(1, 0), palette)

    empty = ListPage(store, ENTERPRISES)
    qtbot.addWidget(empty)
    found["preset note"] = shown(empty.preset_label)
    hint = empty.findChild(EmptyState)
    found["empty list hint"] = shown(hint, empty.view.viewport())

    fixed_today(monkeypatch, LATE)
    late = build_orders(store).late
    rects = ListPage(store, RECTIFICATIONS)
    qtbot.addWidget(rects)
    index = rects.model.index(rects.model.row_of(late.id), 0)
    found["overdue row"] = index.data(Qt.ItemDataRole.ForegroundRole).color(), palette.color(R.Base)
    page = enterprise_page.EnterprisePage(store, paths, late.enterprise_id)
    qtbot.addWidget(page)
    found["risk class"] = shown(page.risk_label)
    found["risk reasons"] = shown(page.risk_reasons)

    notice = WarningNotice(page, "someNotice")
    found["status-bar notice"] = shown(notice, page)
    tile, note = Tile(page), ConflictNote(page)
    tile.set_content("合格率", "90.0%", alarm=True)
    found["figure below target"] = shown(tile.value, page)
    found["conflict note"] = shown(note.label, page)
    return found


def test_dark_palette_keeps_every_coloured_text_readable(qtbot, dark: QPalette, store: Store,  # noqa: ANN001
                                                        paths, settings, tmp_path: Path,  # noqa: ANN001
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    found = _widgets(store, paths, settings, tmp_path, monkeypatch, qtbot)
    low = {name: f"{fore.name()} on {back.name()}: {ratio(fore, back):.1f}"
           for name, (fore, back) in found.items() if ratio(fore, back) < 4.5}
    assert not low, "\n".join(f"{name}: {text}" for name, text in low.items())


def test_warnings_page_reason_is_readable_on_a_dark_window(qtbot, dark: QPalette, store: Store) -> None:  # noqa: ANN001
    from qcdesk.ui.warnings_page import WarningsPage

    page = WarningsPage(store)
    qtbot.addWidget(page)
    fore, back = shown(page.reason)
    assert ratio(fore, back) >= 4.5, (fore.name(), back.name())


def test_date_field_arrow_is_drawn_in_the_text_colour_on_a_dark_field(qtbot, dark: QPalette) -> None:  # noqa: ANN001
    from qcdesk.ui.forms import OptionalDateEdit

    field = OptionalDateEdit()
    qtbot.addWidget(field)
    image = field.calendar_action.icon().pixmap(16, 16).toImage()
    glyph = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
             if image.pixelColor(x, y).alpha() > 200]
    assert glyph, "the arrow has no opaque pixels"
    base = dark.color(R.Base)
    assert min(ratio(QColor(c.red(), c.green(), c.blue()), base) for c in glyph) >= 4.5


def test_a_disabled_date_fields_arrow_is_greyed_like_its_text(qtbot, qapp: QApplication,  # noqa: ANN001
                                                             dark: QPalette) -> None:
    """Review rr-ui 8: in the order dialog's disabled 报告日期 row the date was grey and the arrow
    full white. The grabbed field's arrow is no brighter than the disabled text colour."""
    from qcdesk.ui.forms import OptionalDateEdit

    palette = QPalette(dark)
    grey = QColor("#7a7a7a")
    for role in (R.Text, R.WindowText, R.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    qapp.setPalette(palette)
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.setValue("2026-11-30")
    field.setEnabled(False)
    field.resize(160, field.sizeHint().height())
    field.show()
    qtbot.waitExposed(field)
    image = field.grab().toImage()
    base = palette.color(QPalette.ColorGroup.Disabled, R.Base)
    arrow = [image.pixelColor(x, y) for x in range(image.width() - 24, image.width() - 2)
             for y in range(2, image.height() - 2)]
    marks = [c for c in arrow if ratio(c, base) > 1.5]
    assert marks, "no arrow drawn on the disabled field"
    assert max(c.lightness() for c in marks) <= grey.lightness() + 12  # grey, not white


def test_light_palette_keeps_the_old_colours(qtbot, qapp: QApplication, store: Store, paths,  # noqa: ANN001
                                             settings, tmp_path: Path,  # noqa: ANN001
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert qapp.palette().color(R.Window).lightness() > 128
    found = _widgets(store, paths, settings, tmp_path, monkeypatch, qtbot)
    text = qapp.palette().color(R.Text).name()
    old = {"conflict row": (text, "#fff4ce"), "getting started heading": (None, "#eef5fb"),
           "warning field": (text, "#fff3c4"), "warning message": ("#6b5200", "#fff3c4"),
           "locked banner": (text, "#fff3c4"), "licence error cell": (text, "#ffcdd2"),
           "licence warning cell": (text, "#fff3c4"), "preset note": (text, "#fff3cd"),
           "empty list hint": (qapp.palette().color(R.Dark).name(), None),
           "getting started done step": (qapp.palette().color(R.Mid).name(), "#eef5fb"),
           "overdue row": ("#c62828", None), "risk reasons": ("#555555", None),
           "figure below target": ("#c62828", None)}
    for name, (fore, back) in old.items():
        shown_fore, shown_back = found[name]
        assert fore is None or shown_fore.name() == fore, (name, shown_fore.name())
        assert back is None or shown_back.name() == back, (name, shown_back.name())


def test_rows_written_outside_qcdesk_and_error_lines_stay_readable(qtbot, dark: QPalette,  # noqa: ANN001
                                                                   tmp_path: Path) -> None:
    import sqlite3

    from qcdesk.ui.backup_dialog import BackupDialog
    from qcdesk.ui.history_dialog import HistoryDialog
    from tests.test_audit import make_visit

    db = tmp_path / "qcdesk.db"
    store = Store.open(db, author="tester")
    bundle = make_visit(store)
    store.close()
    with sqlite3.connect(db) as outside:  # another program edits the file
        outside.execute("UPDATE visit SET conclusion = '合格' WHERE id = ?", [bundle.visit.id])
    store = Store.open(db)
    try:
        history = HistoryDialog(store, "visit", bundle.visit.uuid)
        qtbot.addWidget(history)
        row = history.table.rowCount() - 1
        assert "Outside QCDesk" in history.row_texts(row)[1]
        fore, back = cell(history.table.item(row, 0), dark)
        assert ratio(fore, back) >= 4.5, (fore.name(), back.name())
        backup = BackupDialog(store, tmp_path / "backups")
        qtbot.addWidget(backup)
        backup._show("The backup folder cannot be written.", error=True)
        fore, back = shown(backup.message)
        assert ratio(fore, back) >= 4.5, (fore.name(), back.name())
    finally:
        store.close()


def _pen(image: QImage, ground: QColor) -> QColor:
    """The colour a painted text was drawn in: of its pixels, the one that stands out most from
    its ground (antialiased edges only blend towards the ground)."""
    found = {image.pixelColor(x, y).rgb() for x in range(image.width()) for y in range(image.height())}
    return max((QColor(c) for c in found), key=lambda c: ratio(c, ground), default=ground)


def _remaining_places(store: Store, paths, tmp_path: Path,  # noqa: ANN001
                      monkeypatch: pytest.MonkeyPatch, qtbot) -> dict[str, tuple[QColor, QColor]]:  # noqa: ANN001
    """The places 82655b2 left: a sample row with a mistake, an order's late days and notes, the
    report's signer note, a duplicate 执法证号, a photo whose file is missing, a revoked key,
    the chart's target figure. Name → (text, background)."""
    import qcdesk.ui.rectification_dialog as rectification_dialog
    from qcdesk.exchange.minisign import generate_secret_key
    from qcdesk.models import trust_store
    from qcdesk.models.messages import Issue
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Finding, Inspector, Photo, Sample
    from qcdesk.ui.dashboard_widgets import Bar, PassRateChart
    from qcdesk.ui.findings_tab import FindingsTab
    from qcdesk.ui.inspector_chooser import RosterDialog
    from qcdesk.ui.keys_dialog import TrustDialog
    from qcdesk.ui.report_dialog import ReportDialog
    from qcdesk.ui.visit_tabs import SamplesTab

    palette = QApplication.palette()
    base = palette.color(R.Base)
    found: dict[str, tuple[QColor, QColor]] = {}
    samples = SamplesTab("zh", dict)
    qtbot.addWidget(samples)
    samples.load([Sample(product_name="青砖茶"), Sample(product_name="米砖茶")])
    samples.show_issues([Issue("samples.1.product_name", "required")], "samples.")
    found["sample row with a mistake"] = samples.list.item(1).foreground().color(), base

    fixed_today(monkeypatch, LATE)
    late = build_orders(store).late
    order = rectification_dialog.RectificationDialog(store, paths, late.id)
    qtbot.addWidget(order)
    assert order.days_label.styleSheet(), "the order is not shown late"
    found["order's late days"] = shown(order.days_label)
    found["re-test overturned note"] = shown(order.retest_note)
    found["order's error line"] = shown(order.general_error)

    report = ReportDialog(store, paths)
    qtbot.addWidget(report)
    found["report signer note"] = shown(report.signer_note)

    for _ in range(2):  # one person entered twice: the same 执法证号 on two records
        insert_record(store, Inspector(name="王芳", cert_no="42120019002", jurisdiction_code="421221"))
    roster = RosterDialog(store)
    qtbot.addWidget(roster)
    duplicate = next(roster.table.item(r, 1) for r in range(roster.table.rowCount())
                     if "42120019002" in roster.table.item(r, 1).text())
    found["duplicate certificate no."] = duplicate.foreground().color(), base

    findings = FindingsTab("zh", tmp_path / "photos")
    qtbot.addWidget(findings)
    findings.load_with_photos([Finding(description="温湿度未记录")],
                              {0: [Photo(file_name="a.jpg", sha256="ab" * 32)]})
    findings.list.setCurrentRow(0)
    missing = findings.photo_list.item(0)
    assert "a.jpg (" in missing.text()
    found["photo file missing"] = missing.foreground().color(), base

    key = trust_store.add_key(store, generate_secret_key().public_key, name="张三", role="inspector")
    trust_store.revoke_key(store, key.key_id)
    keys = TrustDialog(store)
    qtbot.addWidget(keys)
    found["revoked key"] = keys.table.item(0, 0).foreground().color(), base

    chart = PassRateChart()
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    chart.set_bars([Bar("421221", "嘉鱼县", 9, 1)], 0.95, "")
    plot = chart._plot()
    y = plot.bottom() - plot.height() * chart.target
    window, image = palette.color(R.Window), chart.grab().toImage()
    found["chart target figure"] = _pen(image.copy(int(plot.right()) + 4, int(y) - 8, 36, 16), window), window
    found["chart axis figure"] = _pen(image.copy(0, int(plot.top()) - 8, 36, 16), window), window  # 100%
    return found


def test_the_remaining_coloured_places_read_on_a_dark_window(qtbot, dark: QPalette, store: Store,  # noqa: ANN001
                                                             paths, tmp_path: Path,  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    found = _remaining_places(store, paths, tmp_path, monkeypatch, qtbot)
    low = {name: f"{fore.name()} on {back.name()}: {ratio(fore, back):.1f}"
           for name, (fore, back) in found.items() if ratio(fore, back) < 4.5}
    assert not low, "\n".join(f"{name}: {text}" for name, text in low.items())


def test_light_palette_keeps_the_remaining_colours_or_makes_them_readable(
        qtbot, qapp: QApplication, store: Store, paths, tmp_path: Path,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Light mode looks as before, except two texts that did not read on white either: a missing
    photo in pure red (4.0 : 1) and a revoked key in darkGray (3.9 : 1)."""
    assert qapp.palette().color(R.Window).lightness() > 128
    found = _remaining_places(store, paths, tmp_path, monkeypatch, qtbot)
    old = {"sample row with a mistake": "#c62828", "order's late days": "#c62828",
           "re-test overturned note": "#c62828", "order's error line": "#c62828",
           "report signer note": "#a15c00", "duplicate certificate no.": "#800000"}
    assert {name: found[name][0].name() for name in old} == old
    for name in ("photo file missing", "revoked key"):
        fore, back = found[name]
        assert ratio(fore, back) >= 4.5, (name, fore.name(), back.name())
