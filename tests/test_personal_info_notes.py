"""What the product says about the personal data it holds, where a user meets it: the exchange
workbooks' 说明 sheet says they carry personal information for internal use only; 添加照片 says
photos are kept as they are, time and GPS position included; the enterprise editor says what
removing a contact does not erase; and the demo's phone numbers are plainly made up."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

from exchange_fixtures import export_to, merge, populate
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.models.demo import build_demo
from qcdesk.models.enterprise_checks import phone_issues
from qcdesk.models.store import Store
from qcdesk.ui.enterprise_editor import EnterpriseEditor
from qcdesk.ui.findings_tab import FindingsTab

PERSONAL = "含个人信息"
INTERNAL = "仅供内部工作使用"


def notes_text(path: Path) -> str:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("说明").to_python()
    return "\n".join(" ".join(str(c) for c in r) for r in rows)


def test_exchange_workbooks_say_they_hold_personal_information(tmp_path: Path) -> None:
    store = Store.memory("o")
    populate(store, 1, 1)
    data = tmp_path / "data.xlsx"
    write_workbook(store, data, plan_export(store, "C" * 16, full=True), {})
    assert PERSONAL in notes_text(data) and INTERNAL in notes_text(data)
    export_to(store, tmp_path / "x.xlsx", "B" * 16)
    result = merge(Store.memory("x"), tmp_path / "x.xlsx", "B" * 16)
    rec = write_reconciliation(store, tmp_path / "rec.xlsx", result)
    assert PERSONAL in notes_text(rec) and INTERNAL in notes_text(rec)


def test_adding_a_photo_says_it_travels_with_time_and_place(qtbot, chinese, paths) -> None:
    tab = FindingsTab("zh", paths.photos_dir)
    qtbot.addWidget(tab)
    said = "照片按原样保存并随数据包报送，包括拍摄时间和位置信息；请勿添加与检查无关的照片"
    assert tab.add_photo_button.toolTip() == said
    assert tab.photo_note.text() == said


def test_the_contact_removal_note_is_in_chinese(qtbot, chinese, store, paths, settings) -> None:
    editor = EnterpriseEditor(store, paths, settings=settings)
    qtbot.addWidget(editor)
    text = editor.contact_rows.removed_note.text()
    assert "修改历史" in text and "县局" in text and "清除" in text, text


def test_demo_phone_numbers_are_plainly_made_up(tmp_path: Path) -> None:
    db = build_demo(tmp_path / "demo.db", seed=3, enterprises=40, visits=40, today=date(2026, 11, 30))
    with sqlite3.connect(db) as conn:
        phones = [r[0] for r in conn.execute(
            "SELECT contact_phone FROM enterprise UNION ALL SELECT phone FROM contact")]
    assert len(phones) >= 40
    for phone in phones:
        assert re.fullmatch(r"138-?0000-?\d{4}", phone), phone
        assert phone_issues("contact_phone", phone) == []  # a trainee can still save the firm
