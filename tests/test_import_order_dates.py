"""Orders dated beyond the day their package arrives: an inspector's laptop clock was a year
ahead when he issued one order, and another order's deadline lies beyond anything its rules
allow. The county imports the signed package whole — nothing refused, no date changed — and is
told, order by order, in the CLI (text and --json), the import dialog and the reconciliation
workbook. Orders dated normally are not mentioned.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from qcdesk.cli import main
from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Rectification, Visit
from qcdesk.models.store import Store

TODAY = date.today()
TODAY_IS_RUN_DAY = True  # tests/conftest.py moves TODAY to the day each test runs (a run across midnight)
AHEAD = TODAY + timedelta(days=365)  # the laptop's wrong date
FAR = TODAY + timedelta(days=400)  # a deadline no order issued today has (60 days at most)


def _day(d: date) -> str:
    return d.isoformat()


@pytest.fixture
def package(tmp_path: Path) -> tuple[Path, object]:
    """张三's signed package: the usual 2024 order, one order dated a year ahead (its deadlines
    counted from that date), and one dated last week with a deadline far beyond its rule."""
    key = generate_secret_key()
    inspector = Store.open(tmp_path / "zhang.db", author="张三")
    populate(inspector, 1, 1)
    with inspector.db.atomic():
        visit = Visit.from_row(next(inspector.db.query("SELECT * FROM visit")))
        insert_record(inspector, Rectification(
            enterprise_id=visit.enterprise_id, visit_id=visit.id, requirement="更换不合格标签",
            rule_set="samr18", ordered_on=_day(AHEAD), deadline=_day(AHEAD + timedelta(days=60)),
            recheck_due=_day(AHEAD + timedelta(days=75)), notice_no="咸市监质改〔2031〕7号"))
        insert_record(inspector, Rectification(
            enterprise_id=visit.enterprise_id, visit_id=visit.id, requirement="完善出厂检验记录",
            rule_set="samr18", ordered_on=_day(TODAY - timedelta(days=7)), deadline=_day(FAR),
            recheck_due=_day(FAR + timedelta(days=15)), notice_no="咸市监质改〔2031〕8号"))
    out = tmp_path / "out"
    out.mkdir()
    path = export_package(inspector, out, key, signer_name="张三", jurisdiction="421202",
                          role="inspector", full=True)
    inspector.close()
    return path, key


def _county(tmp_path: Path, name: str, key: object) -> Path:
    db = tmp_path / f"{name}.db"
    county = Store.open(db, author="咸安区局")
    trust_store.add_key(county, key.public_key, name="张三", jurisdiction="421202",  # type: ignore[attr-defined]
                        role="inspector")
    county.close()
    return db


def _orders(db: Path) -> dict[str, tuple[str, str]]:
    store = Store.open(db)
    try:
        return {r[0]: (r[1], r[2]) for r in store.db.execute(
            "SELECT requirement, ordered_on, deadline FROM rectification")}
    finally:
        store.close()


def test_the_package_is_imported_as_sent_and_each_odd_order_is_a_warning(
        tmp_path: Path, package: tuple[Path, object]) -> None:
    path, key = package
    db = _county(tmp_path, "county", key)
    store = Store.open(db)
    result = import_package(store, path)
    store.close()
    orders = _orders(db)
    assert len(orders) == 3  # nothing refused, no date changed
    assert orders["更换不合格标签"] == (_day(AHEAD), _day(AHEAD + timedelta(days=60)))
    assert orders["完善出厂检验记录"][1] == _day(FAR)
    dated = [w for w in result.warnings if w.startswith("整改通知")]
    assert len(dated) == 2 and not any("2024-01-16" in w for w in dated)  # the usual order: none
    ahead = next(w for w in dated if "〔2031〕7号" in w)
    assert ahead.startswith("整改通知“咸宁企业0标签不规范：咸市监质改〔2031〕7号”的下达日期 "
                            f"{_day(AHEAD)} 晚于接收日期 {_day(TODAY)}")
    assert "导入时照原样保留" in ahead and "请与签名人核实实际下达日期" in ahead
    late = next(w for w in dated if "〔2031〕8号" in w)
    assert f"整改期限 {_day(FAR)}" in late and _day(TODAY + timedelta(days=60)) in late
    english = [w for w in result.warnings_en if w.startswith("The order")]
    assert len(english) == 2 and any(f"is dated {_day(AHEAD)}, after the day it was received"
                                      in w for w in english)


def test_cli_text_json_and_the_reconciliation_workbook_name_the_orders(
        tmp_path: Path, package: tuple[Path, object], capsys: pytest.CaptureFixture[str]) -> None:
    path, key = package
    book = tmp_path / "对账.xlsx"
    capsys.readouterr()
    assert main(["import", str(path), "--db", str(_county(tmp_path, "a", key)),
                 "--reconcile", str(book)]) == 0
    lines = capsys.readouterr().out.splitlines()
    noted = [x for x in lines if x.startswith("  注意：整改通知")]
    assert len(noted) == 2 and any(f"下达日期 {_day(AHEAD)} 晚于接收日期" in x for x in noted)
    about = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("说明").to_python()
    notes = [r[1] for r in about if r[0] == "注意"]
    assert len(notes) == 2 and all(n.startswith("导入时发现、需要核实的情况") for n in notes)
    assert any(f"下达日期 {_day(AHEAD)} 晚于接收日期 {_day(TODAY)}" in n for n in notes)

    assert main(["import", str(path), "--db", str(_county(tmp_path, "b", key)), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert sum(w.startswith("整改通知") for w in res["warnings"]) == 2
    by_no = {o["notice_no"]: o for o in res["dated_orders"]}
    assert by_no["咸市监质改〔2031〕7号"]["problem"] == "ordered_after_receipt"
    assert by_no["咸市监质改〔2031〕7号"]["ordered_on"] == _day(AHEAD)
    assert by_no["咸市监质改〔2031〕8号"]["problem"] == "deadline_after_rule"
    assert by_no["咸市监质改〔2031〕8号"]["received_on"] == _day(TODAY)


def test_the_import_dialog_shows_the_warnings(qtbot: QtBot, chinese: None, tmp_path: Path,
                                              package: tuple[Path, object]) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    path, key = package
    db = _county(tmp_path, "gui", key)
    dialog = ImportDialog(db, package=path)
    qtbot.addWidget(dialog)
    job = dialog.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert f"下达日期 {_day(AHEAD)} 晚于接收日期" in dialog.status.text()  # before importing, too
    job = dialog.run(dry_run=False)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    text = dialog.status.text()
    assert text.splitlines()[0] == "已导入。"
    assert f"下达日期 {_day(AHEAD)} 晚于接收日期 {_day(TODAY)}" in text
    assert f"整改期限 {_day(FAR)}" in text
    assert len(_orders(db)) == 3
