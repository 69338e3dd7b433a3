"""A list filtered or with rows hidden in Excel is imported whole, and the import says so.

Review: a clerk filtered the city's list down to her county, saw only its firms in Excel, and
imported every county's without a word: calamine reads hidden rows like any other."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.roster import plan_roster_import
from qcdesk.models.store import Store
from tests.test_roster import GOOD, make_roster

HEADER = ["统一社会信用代码", "企业名称", "所属县市区"]


def _filtered(path: Path, hide: list[int], filtered: bool = True) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "名录"
    sheet.append(HEADER)
    for row in GOOD:
        sheet.append(list(row[:3]))
    sheet.append([])  # an empty row, hidden too: nothing to import, nothing to say
    for n in hide:
        sheet.row_dimensions[n].hidden = True
    if filtered:
        sheet.auto_filter.ref = "A1:C4"
    book.save(path)
    return path


def test_hidden_rows_are_named_in_the_plan_in_both_languages(store: Store, tmp_path: Path) -> None:
    plan = plan_roster_import(store, _filtered(tmp_path / "f.xlsx", [2, 4, 5]))
    assert len(plan.rows) == 3  # read all the same: the note tells, the preview shows them
    notes = [n.text("zh") for n in plan.notes]
    assert any("有 2 行在 Excel 中是隐藏的（手工隐藏或被筛选隐藏：第 2、4 行）" in n for n in notes), notes
    english = [n.text("en") for n in plan.notes]
    assert any("2 rows are hidden in Excel (by hand or by a filter: rows 2, 4)" in n for n in english)


def test_a_list_without_hidden_rows_says_nothing_of_them(store: Store, tmp_path: Path) -> None:
    for path in (_filtered(tmp_path / "f.xlsx", [], filtered=True),
                 make_roster(tmp_path / "plain.xlsx", GOOD)):
        plan = plan_roster_import(store, path)
        assert not [n for n in plan.notes if n.rule == "roster.hidden_rows"]


def test_the_command_line_prints_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    path = _filtered(tmp_path / "筛选后.xlsx", [3])
    assert main(["roster", "import", str(path), "--db", str(tmp_path / "c.db"), "--dry-run"]) == 0
    out = capsys.readouterr()
    assert "有 1 行在 Excel 中是隐藏的（手工隐藏或被筛选隐藏：第 3 行）" in out.out + out.err


def test_hidden_rows_are_found_across_the_readers_pieces(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A row tag cut between two pieces of the sheet's XML is still read whole."""
    from qcdesk.models import sheet_hidden

    book = Workbook()
    sheet = book.active
    for n in range(1, 400):
        sheet.append([f"企业{n}", n])
    hide = [7, 150, 151, 399]
    for n in hide:
        sheet.row_dimensions[n].hidden = True
    book.save(tmp_path / "long.xlsx")
    for size in (7, 64, 1000):
        monkeypatch.setattr(sheet_hidden, "_CHUNK", size)
        assert sheet_hidden.hidden_rows(tmp_path / "long.xlsx") == {"Sheet": hide}
