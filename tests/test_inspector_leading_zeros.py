"""A 执法证号 typed into a General-format cell (04212220002 shown as 4212220002) and the corrected
list that follows (review "ledgers" F4): the first import warns that a leading 0 may be gone, the
corrected list updates the same person instead of adding a second 李娜, and wherever two records
differ only by leading zeros (two laptops, an older database) the draw and the duplicate check
count one person. Units below the county (F10) resolve to the county their name begins with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.cert_duplicates import CertCheck, shared_certs
from qcdesk.models.draw import DrawParameters
from qcdesk.models.draw_pool import build_pool
from qcdesk.models.inspections import roster
from qcdesk.models.inspector_roster import apply_inspector_plan, plan_inspector_import, resolve_unit
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

ALL = dict.fromkeys("ABCD", "1")


def register(path: Path, *rows: tuple[object, ...]) -> Path:
    book = Workbook()
    book.active.append(["姓名", "执法证号", "所属单位"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def live(store: Store) -> list[tuple[str, str]]:
    return sorted((p.name, p.cert_no) for p in roster(store, active_only=False))


def test_a_number_cell_is_imported_with_a_warning_that_the_zero_may_be_lost(store: Store, tmp_path: Path
                                                                            ) -> None:
    plan = plan_inspector_import(store, register(tmp_path / "a.xlsx", ("李娜", 4212220002, "通城县")))
    (issue,) = plan.issues
    assert issue.warning and issue.row == 2
    assert issue.text() == ("第2行“执法证号”：执法证号被存成了数字，开头的0可能已丢失；"
                            "请把该列设为文本后重新填写（读到的是 4212220002）")
    assert "leading 0 may have been lost" in issue.text("en")
    assert apply_inspector_plan(store, plan).added == 1


def test_the_corrected_list_updates_the_same_person_not_a_second_one(store: Store, tmp_path: Path) -> None:
    apply_inspector_plan(store, plan_inspector_import(
        store, register(tmp_path / "a.xlsx", ("李娜", 4212220002, "通城县"))))
    plan = plan_inspector_import(store, register(tmp_path / "b.xlsx", ("李娜", "04212220002", "通城县")))
    assert (plan.count("add"), plan.count("update")) == (0, 1)
    assert plan.rows[0].changes == {"cert_no": ("4212220002", "04212220002")}
    (note,) = plan.issues
    assert note.warning and "只差开头的0，按同一人处理，执法证号记为 04212220002" in note.text()
    result = apply_inspector_plan(store, plan)
    assert (result.added, result.updated) == (0, 1)
    assert live(store) == [("李娜", "04212220002")]
    assert store.db.execute("SELECT count(*) FROM inspector").fetchone()[0] == 1


def test_a_number_cell_after_the_text_keeps_the_zeros(store: Store, tmp_path: Path) -> None:
    apply_inspector_plan(store, plan_inspector_import(
        store, register(tmp_path / "a.xlsx", ("李娜", "04212220002", "通城县"))))
    plan = plan_inspector_import(store, register(tmp_path / "b.xlsx", ("李娜", 4212220002, "通城县")))
    assert plan.count("unchanged") == 1 and plan.count("add") == 0
    assert [i.rule for i in plan.issues] == ["inspector_roster.cert_zeros_lost",
                                             "inspector_roster.cert_zeros_same"]
    apply_inspector_plan(store, plan)
    assert live(store) == [("李娜", "04212220002")]


def test_leading_zeros_do_not_make_another_persons_number_free(store: Store, tmp_path: Path) -> None:
    apply_inspector_plan(store, plan_inspector_import(
        store, register(tmp_path / "a.xlsx", ("李娜", "04212220002", "通城县"))))
    plan = plan_inspector_import(store, register(tmp_path / "b.xlsx", ("周八", "4212220002", "通城县")))
    (issue,) = [i for i in plan.issues if not i.warning]
    assert ("执法证号 4212220002 与系统中 李娜（通城县）的执法证号 04212220002 只差开头的0" in issue.text()
            and "本行未导入" in issue.text())
    apply_inspector_plan(store, plan)
    assert live(store) == [("李娜", "04212220002")]


def test_both_forms_in_one_file_are_one_number(store: Store, tmp_path: Path) -> None:
    plan = plan_inspector_import(store, register(tmp_path / "a.xlsx", ("李娜", 4212220002, "通城县"),
                                                 ("李娜", "04212220002", "通城县")))
    (issue,) = [i for i in plan.issues if not i.warning]
    assert issue.row == 3 and "与第2行重复" in issue.text()


def test_the_cli_repro_leaves_one_li_na(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    db = str(tmp_path / "tc.db")
    first = register(tmp_path / "名单.xlsx", ("李娜", 4212220002, "通城县市场监督管理局隽水市场监督管理所"))
    assert main(["roster", "import", str(first), "--kind", "inspectors", "--db", db]) == 0
    assert "开头的0可能已丢失" in capsys.readouterr().out
    fixed = register(tmp_path / "补正.xlsx", ("李娜", "04212220002", "通城县"))
    assert main(["roster", "import", str(fixed), "--kind", "inspectors", "--db", db]) == 0
    store = Store.open(Path(db))
    try:
        assert live(store) == [("李娜", "04212220002")]
    finally:
        store.close()


def _two_forms(store: Store) -> tuple[str, str]:
    """Two live records of one person whose numbers differ by the 0 (two laptops, an old database)."""
    with store.transaction():
        old = insert_record(store, Inspector(name="李娜", cert_no="4212220002", jurisdiction_code="421222"))
        new = insert_record(store, Inspector(name="李娜", cert_no="04212220002", jurisdiction_code="421222"))
        insert_record(store, Inspector(name="王强", cert_no="04212220003", jurisdiction_code="421222"))
    return old.uuid, new.uuid


def test_the_draw_counts_a_number_with_and_without_its_zero_as_one_person(store: Store) -> None:
    old, new = _two_forms(store)
    pool = build_pool(store, DrawParameters(jurisdiction="421222", ratios=ALL), date(2026, 11, 30))
    assert len(pool.inspectors) == 2 and len({old, new} & set(pool.inspectors)) == 1  # 李娜 once
    # a draw committed under rule 5 is rebuilt as it was made
    rule_5 = build_pool(store, DrawParameters(jurisdiction="421222", ratios=ALL, pool_rule=5),
                        date(2026, 11, 30))
    assert len(rule_5.inspectors) == 3


def test_the_duplicate_check_names_both_forms(store: Store) -> None:
    check = CertCheck(store)
    old, new = _two_forms(store)
    assert shared_certs(store) == {"04212220002、4212220002": frozenset({old, new})}
    (zh, _), = check.warnings(store)
    assert zh.startswith("执法证号重复：导入后，执法证号 04212220002、4212220002 "
                         "同时属于 2 条在岗的执法人员记录")


# --- F10: units below the county ------------------------------------------------------------

@pytest.mark.parametrize("text", ["通城县市场监督管理局隽水市场监督管理所", "通城县局", "通城县隽水所",
                                  "咸宁市通城县市场监管局稽查大队"])
def test_a_unit_below_the_county_is_the_county_it_names(text: str) -> None:
    unit = resolve_unit(text)
    assert unit is not None and unit.code == "421222"


def test_units_below_the_county_import_and_one_naming_no_county_is_refused(store: Store, tmp_path: Path
                                                                          ) -> None:
    plan = plan_inspector_import(store, register(
        tmp_path / "u.xlsx", ("李娜", "04212220002", "通城县市场监督管理局隽水市场监督管理所"),
        ("刘芳", "04212220004", "隽水所"), ("陈杰", "04212220005", "通城县局")))
    (issue,) = plan.issues
    assert issue.row == 3 and not issue.warning
    assert issue.text().startswith("第3行“所属单位”：所属单位“隽水所”中没有咸宁市的县市区名称")
    assert "通城县市场监督管理局隽水市场监督管理所" in issue.text()  # how to write it
    apply_inspector_plan(store, plan)
    assert sorted((p.name, p.jurisdiction_code) for p in roster(store)) == [("李娜", "421222"),
                                                                           ("陈杰", "421222")]


def test_the_preview_names_the_number_it_corrects(qtbot, store: Store, tmp_path: Path, chinese  # noqa: ANN001
                                                  ) -> None:
    from qcdesk.ui.roster_import_dialog import InspectorImportDialog

    apply_inspector_plan(store, plan_inspector_import(
        store, register(tmp_path / "a.xlsx", ("李娜", 4212220002, "通城县"))))
    dialog = InspectorImportDialog(store, lang="zh")
    qtbot.addWidget(dialog)
    dialog.load_file(register(tmp_path / "b.xlsx", ("李娜", "04212220002", "通城县")))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
    cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    assert ["2", "更新", "04212220002", "李娜", "", "执法证号: 4212220002 → 04212220002"] in cells
