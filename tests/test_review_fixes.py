"""Defects a GUI review left open: draw errors a user could not read (a Python ValueError, Chinese
in English mode), warning reasons and enterprise sizes in Chinese in English mode, an empty box
with no hint in the draw dialog, and the warnings' reason column running past the window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.models.draw import (
    DrawError,
    DrawParameters,
    Pool,
    check_draw,
    commit_draw,
    make_draw,
    quota,
    select,
    verify_draw,
)
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import ENTERPRISE_SIZES, Enterprise, Inspector, Licence, Sample
from qcdesk.models.risk import SupervisionRules, save_rules
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings, write_warnings_xlsx
from qcdesk.paths import AppPaths

TODAY = date(2026, 11, 1)
USCC = "91421281MA4KL5FE07"


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The interface as `qcdesk --lang en` sets it up (no translators, core messages in English)."""
    from qcdesk.ui.app import Translators

    before = qapp.property("lang")
    Translators(qapp).apply("en")
    yield
    qapp.setProperty("lang", before)




def with_warnings(store: Store) -> Enterprise:
    """An enterprise whose licence ran out long ago: a licence warning and a class C/D one."""
    lic = Licence(number="SC11442128100017", product="砖茶", expires_on="2020-01-31")
    ent = Enterprise(uscc=USCC, name="赤壁市羊楼洞茶业有限公司（老茶厂）", jurisdiction_code="421281",
                     industry="砖茶")
    return save_enterprise(store, ent, [lic])


def draw_pool(store: Store) -> None:
    """Two enterprises and two inspectors: enough for a draw."""
    for code in (USCC, "92421281MA4C3FYL02"):
        save_enterprise(store, Enterprise(uscc=code, name=f"企业{code[-3:]}", jurisdiction_code="421281"))
    for name in ("王磊", "李娜"):
        save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))


# -- 1. draw errors ------------------------------------------------------------------------
@pytest.mark.parametrize("ratio", ["abc", "5%", "1/0", ""])
def test_a_ratio_that_is_not_a_number_is_a_draw_error_in_both_languages(ratio: str) -> None:
    with pytest.raises(DrawError) as caught:  # was Fraction's ValueError / ZeroDivisionError
        quota(ratio, 10)
    assert caught.value.text("zh") == f"抽取比例“{ratio}”不是数字，应为 0 到 1 之间的小数，例如 5% 填 0.05"
    assert caught.value.text("en").startswith(f"The draw ratio “{ratio}” is not a number")
    assert str(caught.value) == caught.value.text("zh")  # what the CLI prints


def test_draw_errors_speak_english_too() -> None:
    with pytest.raises(DrawError) as caught:
        quota("1.5", 3)
    assert caught.value.text("zh") == "抽取比例 1.5 应在 0 到 1 之间"
    assert caught.value.text("en") == "The draw ratio 1.5 must be from 0 to 1"
    pool = Pool([("u1", "D")], ["i1"], [])
    with pytest.raises(DrawError) as caught:
        select(pool, "", DrawParameters())
    assert (caught.value.text("zh"), caught.value.text("en")) == ("请填写随机种子", "Enter the random seed")
    with pytest.raises(DrawError) as caught:
        select(pool, "s", DrawParameters(ratios=dict.fromkeys("ABCD", "1")))
    # one active inspector and no recusals: the roster is short, not the recusals
    assert caught.value.text("zh") == ("抽取范围内在岗执法人员只有 1 名，每家企业须派 2 名；"
                                       "请在执法人员名录中启用或添加人员")
    assert caught.value.text("en") == ("Only 1 active inspectors in the draw's area, and each enterprise"
                                       " needs 2; activate or add inspectors in the roster")


def test_cli_draw_with_a_stored_ratio_that_is_not_a_number_says_so(
        store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    save_rules(store, SupervisionRules(draw_ratios={"A": "0.05", "B": "0.2", "C": "abc", "D": "1"}))
    assert main(["draw", "--db", str(store.path), "--seed", "公开种子"]) == 2
    assert "抽取比例“abc”不是数字" in capsys.readouterr().err


def test_verify_words_differences_in_either_language_and_reports_a_record_it_cannot_rerun(
        store: Store) -> None:
    draw_pool(store)
    params = DrawParameters(ratios=dict.fromkeys("ABCD", "1"))
    record = commit_draw(store, make_draw(store, seed="s", params=params, as_of=TODAY,
                                          operator="王科长", witnesses=["李四"]))
    save_enterprise(store, Enterprise(uscc="93421281MA4NECRW8W", name="新企业", jurisdiction_code="421281"))
    # an enterprise added since the draw: named as information, the record itself is consistent
    assert verify_draw(store, record) == []
    assert check_draw(store, record).notes[0] == "按本库当前名录重建的抽取池与抽取时不同：新进入池中：新企业"
    assert check_draw(store, record, "en").notes[0] == (
        "The pool rebuilt from this database differs from the one drawn from: new in the pool: 新企业")
    record.seed = ""  # a record edited by hand elsewhere: the re-run is refused, not a crash
    problems = verify_draw(store, record, "en")
    assert any(p.endswith("Enter the random seed") for p in problems), problems


def test_draw_dialog_says_why_in_english(qtbot: QtBot, english: None, store: Store, paths: AppPaths) -> None:
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(store, paths)
    qtbot.addWidget(dialog)
    assert dialog.preview() is False  # no seed
    assert dialog.summary.text() == "Cannot draw: Enter the random seed"


def test_draw_dialog_says_why_in_chinese(qtbot: QtBot, chinese: None, store: Store, paths: AppPaths) -> None:
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(store, paths)
    qtbot.addWidget(dialog)
    assert dialog.preview() is False
    assert dialog.summary.text() == "无法抽取：请填写随机种子"


# -- 2. warning reasons --------------------------------------------------------------------
def test_warning_reasons_in_both_languages_stored_and_exported_text_unchanged(store: Store,
                                                                               tmp_path: Path) -> None:
    with_warnings(store)
    found = {w.kind: w for w in early_warnings(store, TODAY)}
    expired, unvisited = found["licence_expired"], found["unvisited_high_risk"]
    days = (TODAY - date(2020, 1, 31)).days
    assert expired.reason == f"许可证SC11442128100017已于2020年1月31日过期{days}天，未见换证"
    assert expired.reason_text("zh") == expired.reason
    assert expired.reason_text("en") == (f"Licence SC11442128100017 expired on 2020-01-31, {days} days ago;"
                                         " no renewal on file")
    cls = unvisited.subject.removesuffix("类")
    assert unvisited.reason == f"{cls}类企业已超过12个月未检查（从未检查）"
    assert unvisited.reason_text("en") == (f"Class {cls} enterprise not inspected for over 12 months"
                                           " (never inspected)")
    assert unvisited.subject_text("en") == f"Class {cls}" and unvisited.subject_text("zh") == f"{cls}类"
    assert expired.subject_text("en") == "SC11442128100017"  # data stays as it is
    ws = openpyxl.load_workbook(write_warnings_xlsx(list(found.values()), tmp_path / "w.xlsx")).active
    assert ws.cell(1, 10).value == "预警原因"
    assert {ws.cell(r, 10).value for r in (2, 3)} == {expired.reason, unvisited.reason}  # still Chinese


def test_warnings_page_shows_reasons_in_the_chosen_language(qtbot: QtBot, english: None, store: Store,
                                                            qapp: QApplication) -> None:
    from qcdesk.ui.warnings_page import WarningsModel, WarningsPage

    with_warnings(store)
    page = WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    reason, subject = WarningsModel.COLUMNS.index("reason"), WarningsModel.COLUMNS.index("subject")
    cells = [page.model.index(r, reason).data() for r in range(page.model.rowCount())]
    assert cells and all(c.startswith(("Licence", "Class")) for c in cells), cells
    assert any(page.model.index(r, subject).data().startswith("Class ") for r in range(page.model.rowCount()))
    qapp.setProperty("lang", "zh")
    with qtbot.waitSignal(page.model.dataChanged, timeout=500):  # a language switch redraws the cells
        page.retranslate()
    assert all("许可证" in c or "类企业" in c
               for c in (page.model.index(r, reason).data() for r in range(page.model.rowCount())))


# -- 3. enterprise sizes -------------------------------------------------------------------
def test_enterprise_editor_shows_size_labels_and_stores_the_same_words(
        qtbot: QtBot, english: None, store: Store, paths: AppPaths, settings: QSettings) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    ent = with_warnings(store)
    editor = EnterpriseEditor(store, paths, ent.id, settings=settings)
    qtbot.addWidget(editor)
    combo = editor.size_combo
    shown = {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}
    assert shown == {"大型": "Large", "中型": "Medium", "小型": "Small", "微型": "Micro"}
    assert tuple(shown) == ENTERPRISE_SIZES
    combo.setCurrentIndex(combo.findText("Medium"))
    assert editor.save()
    assert fetch_record(store, Enterprise, ent.id).size_class == "中型"


def test_enterprise_editor_keeps_a_size_it_does_not_know(
        qtbot: QtBot, english: None, store: Store, paths: AppPaths, settings: QSettings) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    ent = with_warnings(store)
    store.db.execute("UPDATE enterprise SET size_class = '特大型' WHERE id = ?", [ent.id])
    editor = EnterpriseEditor(store, paths, ent.id, settings=settings)
    qtbot.addWidget(editor)
    assert editor.size_combo.currentText() == "特大型"
    assert editor.collect()[0].size_class == "特大型"


def test_enterprise_editor_sizes_in_chinese(qtbot: QtBot, chinese: None, store: Store, paths: AppPaths,
                                            settings: QSettings) -> None:
    from qcdesk.ui.enterprise_editor import EnterpriseEditor

    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    combo = editor.size_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == list(ENTERPRISE_SIZES)


def test_sample_size_shows_labels_and_stores_the_same_words(qtbot: QtBot, english: None) -> None:
    from qcdesk.ui.visit_tabs import SamplesTab

    tab = SamplesTab("en", lambda: {})
    qtbot.addWidget(tab)
    combo = tab.size_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "Large", "Medium", "Small", "Micro"]
    tab.load([Sample(product_name="青砖茶", enterprise_size="小型"),
              Sample(product_name="米砖茶", enterprise_size="特大型")])
    assert tab.list.currentRow() == 0
    assert combo.currentText() == "Small"
    # picked, never typed: a size outside the four is kept only as stored (test_sample_size_fixed)
    assert not combo.isEditable()
    picked_stored = (("Medium", "中型"), ("Micro", "微型"), ("Large", "大型"), ("", ""))
    for picked, stored in picked_stored:
        combo.setCurrentIndex(combo.findText(picked))
        tab.store_form()
        assert tab.items[0].enterprise_size == stored, picked
    combo.setCurrentIndex(combo.findText("Large"))
    tab.list.setCurrentRow(1)
    assert combo.currentText() == "特大型"  # not ours: shown as typed
    tab.list.setCurrentRow(0)
    assert tab.items[0].enterprise_size == "大型" and combo.currentText() == "Large"


# -- 4. draw dialog's saved draws ----------------------------------------------------------
def test_empty_saved_draw_list_says_what_will_be_there(qtbot: QtBot, chinese: None, store: Store,
                                                       paths: AppPaths) -> None:
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(store, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.stored
    assert box.count() == 0 and box.currentIndex() == -1  # the placeholder shows
    assert box.placeholderText() == "尚无已保存的抽取：确认抽取或导入数据包后列在这里"
    assert box.width() >= box.fontMetrics().horizontalAdvance(box.placeholderText())
    assert not dialog.verify_button.isEnabled()


def test_saved_draw_list_hint_in_english_gives_way_to_draws(qtbot: QtBot, english: None, store: Store,
                                                            paths: AppPaths) -> None:
    from qcdesk.ui.draw_dialog import DrawDialog

    draw_pool(store)
    dialog = DrawDialog(store, paths)
    qtbot.addWidget(dialog)
    assert dialog.stored.placeholderText() == "No saved draws yet: committed or imported draws appear here"
    dialog.seed.setText("2026-11 public seed")
    dialog.operator.setText("王科长")  # a public draw is committed with its operator and a witness
    dialog.witnesses.setText("李四")
    for edit in dialog.ratios.values():
        edit.setText("1")
    assert dialog.preview() and dialog.commit()
    assert dialog.stored.count() == 1 and dialog.stored.currentIndex() == 0
    assert dialog.verify_button.isEnabled()
    save_enterprise(store, Enterprise(uscc="93421281MA4NECRW8W", name="新企业", jurisdiction_code="421281"))
    assert dialog.verify() == []  # the record is consistent; the new enterprise is information
    summary = dialog.summary.text()
    uuid = dialog.stored.currentData()
    assert summary.startswith(f"Draw {uuid} is consistent: re-drawn from its stored pool and seed")
    assert "for information, they do not change the verdict" in summary
    assert "new in the pool: 新企业" in summary


# -- 5. reason column ----------------------------------------------------------------------
def test_reason_column_takes_the_remaining_width_when_rows_arrive_later(qtbot: QtBot, chinese: None,
                                                                        store: Store) -> None:
    from qcdesk.ui.warnings_page import WarningsPage

    page = WarningsPage(store)  # no warnings yet: nothing to fit
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    with_warnings(store)
    page.refresh()  # the rows arrive while the page is showing
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)
    view, last = page.view, page.model.columnCount() - 1
    metrics = view.fontMetrics()
    longest = max(metrics.horizontalAdvance(page.model.index(r, last).data())
                  for r in range(page.model.rowCount()))
    others = sum(view.columnWidth(c) for c in range(last))
    assert longest > view.viewport().width() - others  # the reason cannot fit whole: it is elided
    assert others + view.columnWidth(last) == view.viewport().width()  # ends at the window's edge
    assert view.horizontalScrollBar().maximum() == 0
    page.resize(1400, 500)
    qtbot.wait(10)
    assert others + view.columnWidth(last) == view.viewport().width()  # and follows the window


def test_fitting_a_shown_page_never_pushes_the_reason_past_the_edge(qtbot: QtBot, chinese: None,
                                                                    store: Store) -> None:
    """Sized to its contents, the stretching reason column used to run past the viewport (a
    horizontal scroll bar, the text cut with no "…") whenever the columns were fitted on a view
    already laid out; it is now left to the stretch."""
    from qcdesk.ui.row_list_model import fit_columns
    from qcdesk.ui.warnings_page import WarningsPage

    with_warnings(store)
    page = WarningsPage(store)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.computing, timeout=20000)  # counted in a worker
    page.resize(1000, 500)
    page.show()
    qtbot.waitExposed(page)
    view, last = page.view, page.model.columnCount() - 1
    view.setProperty("columnsFitted", False)
    fit_columns(view)
    qtbot.wait(10)
    others = sum(view.columnWidth(c) for c in range(last))
    assert others + view.columnWidth(last) == view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
