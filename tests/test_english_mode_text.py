"""English mode is English: the main window started with `--lang en` on a demo database, every
page visited and the main dialogs opened, shows no Chinese that is not the user's data.

The rule, DATA or NOT DATA:

* DATA is what people typed or imported and the program shows back as stored: every value of a
  text column of the record tables (enterprise, inspector, visit, sample, finding, licence,
  contact, certification, rectification, demonstration zone, spot group, industry, trusted key …),
  the GB/T 2260 place names and bureau names of `qcdesk.models.jurisdictions` (proper names, like
  addresses), the text of an editable line edit (the user's to type, e.g. a file name), and the
  Chinese documents' default wording a field shows as its placeholder (document number prefixes,
  the seal text: `document_data.DOC_SETTING_DEFAULTS`, printed on the notice when left empty).
  JSON held in such a column (a zone's milestones) counts by its strings.
* NOT DATA is everything the program words itself: labels, buttons, titles, tooltips, messages,
  sentences built around data (a risk reason, an import warning), and coded values shown in
  words even where the code is stored as a Chinese word: risk classes, states, results, kinds,
  enterprise sizes (`records.ENTERPRISE_SIZES`) and seal states (`records.SEAL_STATES`) are never
  data, so a stored 中型 must read "Medium".
* DELIBERATE Chinese, a short list below with the reason for each: language names written in
  their own language (so that a reader of Chinese finds 中文 in an English menu), and literals of
  what the user types or reads on Chinese papers ((鄂) in a licence number, a 《法》 citation).
* A text passes when it equals a DATA value, or when, after every DATA value of two characters or
  more it contains is cut out (longest first, so one stray character of data cannot hide a word
  of the program's) and every DELIBERATE text too, no CJK character is left: Han ideographs,
  CJK punctuation (U+3000–U+303F: 、。〔〕) and full-width forms (U+FF00–U+FFEF: （），：；).
  A separator or bracket the program puts around data (、 between names, （） around a place)
  is the program's words, and must be English too.

Texts walked: window titles, labels, buttons, group titles, tab texts and tooltips, combo items,
read-only line edit and text editor texts, placeholders, spin box prefixes/suffixes, every widget's and
action's tooltip, action and menu texts, and the header data and cells (display and tooltip) of
every item view's model.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).parent))
from test_exchange_cli import PASS, _export, _keygen, _trust  # noqa: E402

from qcdesk.models.demo import build_demo  # noqa: E402
from qcdesk.models.document_data import DOC_SETTING_DEFAULTS  # noqa: E402
from qcdesk.models.jurisdictions import BUREAUS, JURISDICTIONS  # noqa: E402
from qcdesk.models.records import ENTERPRISE_SIZES, SEAL_STATES  # noqa: E402
from qcdesk.paths import AppPaths  # noqa: E402

CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
DATA_TABLES = ("enterprise", "inspector", "visit", "sample", "finding", "licence", "contact",
               "certification", "rectification", "demonstration_zone", "spot_group", "industry",
               "jurisdiction", "photo", "trusted_key", "amendment", "recusal", "draw_record")
NOT_DATA_COLUMNS = {"enterprise_name_key": "sort_key"}  # not shown: a pinyin key
CODED_WORDS = set(ENTERPRISE_SIZES) | set(SEAL_STATES)
DELIBERATE = {
    "中文（简体）": "the language's own name in the language menu and preferences",
    "中文": "the language's own name in the language menu and preferences",
    "(鄂)": "the literal prefix of a provincially issued licence number, as typed",
    "《产品质量法》第十三条": "an example of the Chinese citation the legal basis field takes",
    "(规上)": "the official term 规上 named beside its English, as on Chinese forms",
    "names separated by 、": "the separator the user types between samplers' names",
    "QCDesk照片": "the folder a copy's photo files go into: one name in both languages, so a copy "
                "saved in one language is restored with its photos in the other",
}
TAG = re.compile(r"<[^>]+>")


def _strings(value: object) -> Iterator[str]:
    """A text value, or the string leaves of the JSON it holds."""
    if isinstance(value, str):
        if value[:1] in "[{":
            try:
                yield from _strings(json.loads(value))
                return
            except ValueError:
                pass
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def data_values(*dbs: Path) -> list[str]:
    """Every DATA value with Chinese in it (see the module docstring), longest first."""
    found = {j.name for j in JURISDICTIONS} | {b.name for b in BUREAUS.values()}
    found |= set(DOC_SETTING_DEFAULTS.values())
    for db in dbs:
        conn = sqlite3.connect(db)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in DATA_TABLES:
                if table not in tables:
                    continue
                for _cid, column, *_ in conn.execute(f'PRAGMA table_info("{table}")'):
                    if NOT_DATA_COLUMNS.get(table) == column:
                        continue
                    for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'
                                                 f' WHERE typeof("{column}") = \'text\''):
                        found.update(s for s in _strings(value) if CJK.search(s))
        finally:
            conn.close()
    return sorted((v for v in found if v not in CODED_WORDS), key=len, reverse=True)


def leftover(text: str, data: list[str]) -> bool:
    """True when the text still holds CJK once every DATA value is cut out of it."""
    if not CJK.search(text) or text in data:
        return False
    for value in [*DELIBERATE, *(v for v in data if len(v) >= 2)]:
        if value in text:
            text = text.replace(value, " ")
            if not CJK.search(text):
                return False
    return bool(CJK.search(text))


def _model_texts(view: QAbstractItemView, rows: int = 40) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    root = QModelIndex()

    def columns(parent: QModelIndex) -> int:
        try:
            return model.columnCount(parent)
        except TypeError:  # a list model keeps columnCount private: one column
            return 1

    def nested(index: QModelIndex) -> bool:
        try:
            return model.hasChildren(index)
        except TypeError:  # private in list and table models: flat
            return False

    for orientation, count in ((Qt.Orientation.Horizontal, columns(root)),
                               (Qt.Orientation.Vertical, min(model.rowCount(root), rows))):
        for section in range(count):
            for role in roles:
                yield model.headerData(section, orientation, role)

    def cells(parent: QModelIndex, depth: int) -> Iterator[object]:
        for row in range(min(model.rowCount(parent), rows)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    yield model.data(index, role)
                if column == 0 and depth < 2 and nested(index):
                    yield from cells(index, depth + 1)

    yield from cells(QModelIndex(), 0)


def _widget_texts(w: QWidget) -> Iterator[object]:
    if w.isWindow():
        yield w.windowTitle()
    yield w.toolTip()
    for action in w.actions():
        yield action.text()
        yield action.toolTip()
        yield action.statusTip()
    if isinstance(w, QLabel):
        yield TAG.sub("", w.text())
    elif isinstance(w, QAbstractButton):
        yield w.text()
    elif isinstance(w, QGroupBox):
        yield w.title()
    elif isinstance(w, QTabWidget | QTabBar):
        for i in range(w.count()):
            yield w.tabText(i)
            yield w.tabToolTip(i)
    elif isinstance(w, QComboBox):
        yield w.placeholderText()
        for i in range(w.count()):
            yield w.itemText(i)
            yield w.itemData(i, Qt.ItemDataRole.ToolTipRole)
    elif isinstance(w, QLineEdit):
        if w.isReadOnly():  # an editable field's text is the user's (DATA)
            yield w.text()
        yield w.placeholderText()
    elif isinstance(w, QPlainTextEdit | QTextEdit):
        yield w.toPlainText()
        yield w.placeholderText()
    elif isinstance(w, QAbstractSpinBox):
        yield w.specialValueText()
        yield getattr(w, "prefix", lambda: "")()
        yield getattr(w, "suffix", lambda: "")()
    if isinstance(w, QAbstractItemView):
        yield from _model_texts(w)


def chinese_left(root: QWidget, data: list[str]) -> list[str]:
    """'Class: text' for every text of `root` and its children that breaks the rule."""
    QApplication.processEvents()
    out: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QComboBox) and w.parent() is not None and isinstance(w.parent(), QComboBox):
            continue
        for text in _widget_texts(w):
            if isinstance(text, str) and text and leftover(text, data):
                out.append(f"{type(root).__name__}/{type(w).__name__}: {text}")
    return out


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("english") / "demo.db", seed=3, enterprises=40,
                      visits=240)


@pytest.fixture
def shell(qtbot: QtBot, tmp_path: Path, demo_db: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """The app as `qcdesk --lang en --db demo.db` opens it; no box waits for a click."""
    from qcdesk.ui import app as app_module
    from qcdesk.ui import forms

    db = tmp_path / "demo.db"
    db.write_bytes(demo_db.read_bytes())
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    monkeypatch.setattr(forms, "ask_unsaved", lambda _p: QMessageBox.StandardButton.Discard)
    paths = AppPaths(tmp_path / "data", tmp_path / "config")
    qapp = QApplication.instance()
    before = qapp.property("lang")
    shell = app_module.start_shell(argparse.Namespace(demo=False, db=db, lang="en"), paths,
                                   ask_inspector=False)
    qtbot.addWidget(shell.window)
    yield shell
    shell.window.close()
    shell.shutdown()
    shell.translators.remove_all()
    qapp.setProperty("lang", before)


def _package(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path) -> Path:
    """A signed full package from another office's demo data, its key trusted in `db`: its
    enterprises lie across Xianning, outside the signer's county (the jurisdiction warning)."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    key, pub = _keygen(tmp_path, "张三", "421221")
    other = build_demo(tmp_path / "other" / "other.db", seed=11, enterprises=12, visits=30)
    _trust(db, pub, "inspector", "张三")
    return _export(capsys, tmp_path, other, key, "张三", "421221", "--full")


def _high_risk_enterprise(store) -> int:  # noqa: ANN001 - a Store
    from qcdesk.models.risk import assess_all

    found = max(assess_all(store), key=lambda a: (len(a.reasons), a.score))
    return found.enterprise_id


def test_english_mode_shows_no_chinese_but_data(qtbot: QtBot, shell, tmp_path: Path,  # noqa: ANN001
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.models.listing import ENTERPRISES, RECTIFICATIONS, VISITS
    from qcdesk.ui.enterprise_editor import EnterpriseEditor
    from qcdesk.ui.enterprise_page import EnterprisePage
    from qcdesk.ui.rectification_dialog import RectificationDialog
    from qcdesk.ui.settings_page import SettingsDialog
    from qcdesk.ui.visit_editor import VisitEditor

    window, store = shell.window, shell.store
    assert QApplication.instance().property("lang") == "en"
    package = _package(tmp_path, capsys, Path(store.path))
    data = data_values(Path(store.path), package.parent.parent / "other" / "other.db")
    found: list[str] = []

    for key in list(window.page_order):  # every page, the dashboard once its risk classes are in
        window.show_page(key)
        page = window.pages[key]
        if hasattr(page, "wait_for_count"):
            page.wait_for_count()
        if hasattr(page, "risk_pending"):
            qtbot.waitUntil(lambda p=page: not p.risk_pending, timeout=30000)
        if key == "warnings":
            qtbot.waitUntil(lambda p=page: p.model.rowCount() > 0, timeout=30000)
        qtbot.wait(50)
        found += chinese_left(window, data)

    enterprise_id = _high_risk_enterprise(store)
    visit_id = store.db.execute(
        "SELECT v.id FROM visit v WHERE v.deleted_at IS NULL AND EXISTS (SELECT 1 FROM sample s"
        " WHERE s.visit_id = v.id AND s.result = 'fail') AND EXISTS (SELECT 1 FROM finding f"
        " WHERE f.visit_id = v.id) ORDER BY v.id LIMIT 1").fetchone()
    visit_id = visit_id[0] if visit_id else store.db.execute(
        "SELECT visit_id FROM sample WHERE result = 'fail' LIMIT 1").fetchone()[0]
    rect_id = store.db.execute("SELECT id FROM rectification WHERE deleted_at IS NULL"
                               " ORDER BY status = 'closed', id LIMIT 1").fetchone()[0]
    page = EnterprisePage(store, window.paths, enterprise_id, window)
    visit = VisitEditor(store, window.paths, visit_id=visit_id, parent=window)
    windows: list[QWidget] = [
        page, EnterpriseEditor(store, window.paths, enterprise_id, window), visit,
        RectificationDialog(store, window.paths, rect_id, window),
        SettingsDialog(store, window.settings, "en", window, keys_dir=window.paths.keys_dir),
    ]
    assert page.risk_reasons.text().startswith("Why this class: Class "), page.risk_reasons.text()
    for key in ("keys", "trust", "report", "draw", "backup", "export", "conflicts", "roster_import"):
        cls = window.tools.find(key)
        if cls is not None:
            windows.append(window.tools._make(key, cls, store))
    importer = window.tools._make("import", window.tools.find("import"), store)
    importer.package_edit.setText(str(package))
    windows.append(importer)
    for w in windows:
        qtbot.addWidget(w)
        w.show()
    job = importer.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    qtbot.wait(50)
    status = importer.status.text()  # the signer's-jurisdiction warning, in English
    assert "lie outside the signer's jurisdiction 421221" in status, status
    for w in windows:
        if w is visit:
            for i in range(visit.tabs.count()):
                visit.tabs.setCurrentIndex(i)
                found += chinese_left(w, data)
        else:
            found += chinese_left(w, data)
    for kind in (ENTERPRISES, VISITS, RECTIFICATIONS):
        assert kind in window.pages
    unique = list(dict.fromkeys(found))
    assert unique == [], "Chinese in English mode:\n" + "\n".join(unique)
