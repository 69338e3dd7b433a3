"""WPS's own spreadsheet format (.et) in the enterprise list import (review "windows" C).

A WPS user whose default format is .et did not see the file in the import dialog: its filter
offered .xlsx .xlsm .xls .ods .csv, although the reader takes .et (calamine reads the .xls or
.xlsx inside). Now .et is offered; an .et the reader cannot read says to save it as .xlsx in
WPS, and an .et holding an .xlsx is measured for far cells like one (a stray XFD1048576 once
aborted the whole process).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from qcdesk.models.roster import RosterFileError, plan_roster_import
from qcdesk.models.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from test_far_cells import far_roster, run  # noqa: E402
from test_roster_files import HEADER, ROWS, xlsx  # noqa: E402


def test_the_import_dialog_offers_wps_et_files(qtbot: QtBot, store: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    offered: list[str] = []

    def chooser(_parent, _title, _folder, filters, *_rest):  # noqa: ANN001, ANN202
        offered.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(chooser))
    dialog = RosterImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.choose_file()
    assert len(offered) == 1 and "*.et" in offered[0].split("(")[1], offered


def test_an_et_holding_a_workbook_is_imported(store: Store, tmp_path: Path) -> None:
    book = xlsx(tmp_path / "名录.xlsx", [HEADER.split(","), *[r.split(",") for r in ROWS]])
    et = tmp_path / "名录.et"
    shutil.copy(book, et)
    plan = plan_roster_import(store, et)
    assert [r.enterprise.name for r in plan.rows] == ["赤壁市洞庄茶业有限公司", "嘉鱼县鑫源管业有限公司"]


def test_an_et_the_reader_cannot_read_says_save_it_as_xlsx_in_wps(store: Store, tmp_path: Path) -> None:
    et = tmp_path / "名录.et"
    et.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)  # OLE, as WPS writes, unreadable
    with pytest.raises(RosterFileError) as err:
        plan_roster_import(store, et)
    zh = str(err.value)
    assert "WPS" in zh and "另存为 .xlsx" in zh and "Cannot detect" not in zh
    assert "save it as .xlsx" in err.value.text("en")


def test_an_et_with_a_stray_far_cell_is_refused_in_words_not_an_abort(tmp_path: Path) -> None:
    et = tmp_path / "名录.et"
    shutil.copy(far_roster(tmp_path, "XFD1048576"), et)
    db = tmp_path / "county.db"
    Store.open(db).close()
    done = run(["roster", "import", "--dry-run", str(et), "--db", str(db)], tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "表格过大" in done.stderr and "XFD" in done.stderr, done.stderr
