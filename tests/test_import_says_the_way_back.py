"""A package imported by mistake (another county's, or into the city's test database) is undone
by restoring the copy taken before the import: the CLI and the import window now say where that
copy is and how to restore it, and the window names the database it imports into. A package with
~50 warnings keeps the window on the screen, its notes scrolling, the jurisdiction warning first
(review r2, B3: 640×2174 px, the 不属于签名人辖区 warning last and off the screen)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from exchange_fixtures import populate
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store

AHEAD = date.today() + timedelta(days=365)  # each order dated after receipt is one warning
ORDERS = 51


@pytest.fixture
def package(tmp_path: Path) -> tuple[Path, object]:
    """张三 of 赤壁市 (421281) signs 51 orders of 咸安区 (421202) firms, all dated a year ahead."""
    key = generate_secret_key()
    laptop = Store.open(tmp_path / "zhang.db", author="张三")
    populate(laptop, 3, ORDERS // 3)
    with laptop.db.atomic():
        laptop.db.execute("UPDATE rectification SET ordered_on = ?, deadline = ?, recheck_due = ?",
                          [AHEAD.isoformat(), (AHEAD + timedelta(days=60)).isoformat(),
                           (AHEAD + timedelta(days=75)).isoformat()])
    (tmp_path / "out").mkdir()
    path = export_package(laptop, tmp_path / "out", key, signer_name="张三", jurisdiction="421281",
                          role="inspector", full=True)
    laptop.close()
    return path, key


def _city(tmp_path: Path, key: object) -> Path:
    db = tmp_path / "city-test.db"
    store = Store.open(db, author="市局")
    trust_store.add_key(store, key.public_key, name="张三", jurisdiction="421281",  # type: ignore[attr-defined]
                        role="inspector")
    store.close()
    return db


def _backups(db: Path) -> list[Path]:
    return sorted((db.parent / "backups").glob(f"{db.stem}.import-*.db"))


def test_the_cli_says_where_the_copy_is_and_the_restore_command(
        tmp_path: Path, package: tuple[Path, object], capsys: pytest.CaptureFixture[str]) -> None:
    path, key = package
    db = _city(tmp_path, key)
    assert main(["import", str(path), "--db", str(db), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "备份" not in out  # a dry run writes nothing and takes no copy
    warnings = [line for line in out.splitlines() if line.startswith("  注意：")]
    assert "不属于签名人辖区 421281" in warnings[0]
    # the 51 dated orders: the first two, then one line counting the rest (E19)
    assert sum("晚于接收日期" in line for line in warnings) == 2
    assert f"另有 {ORDERS - 2} 处同类情况（整改日期晚于规定，共 {ORDERS} 处），全部见--json 或 --reconcile" \
        in warnings[3], warnings[3]
    assert len(warnings) == 4
    assert main(["import", str(path), "--db", str(db), "--dry-run", "--json"]) == 0
    every = json.loads(capsys.readouterr().out)["warnings"]  # every one stays in --json
    assert sum("晚于接收日期" in w for w in every) == ORDERS and "不属于签名人辖区" in every[0]
    rec = tmp_path / "对账.xlsx"
    assert main(["import", str(path), "--db", str(db), "--dry-run", "--reconcile", str(rec)]) == 0
    assert f"全部见对账表 {rec} 的说明表" in capsys.readouterr().out
    book = load_workbook(rec, read_only=True)
    noted = [r[1] for r in book["说明"].iter_rows(values_only=True) if r[0] == "注意"]
    book.close()
    assert sum("晚于接收日期" in str(n) for n in noted) == ORDERS  # and in the workbook
    assert main(["import", str(path), "--db", str(db)]) == 0
    [backup] = _backups(db)
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"导入前的数据库已备份为 {backup}；如需撤销本次导入，可运行 "
                           f"qcdesk restore \"{backup}\" --db \"{db}\" 恢复（也可在“文件 ")  # ▸ or >
    assert last.endswith("备份与恢复”中选择它）")


def test_the_window_names_the_database_stays_on_screen_and_says_the_way_back(
        qtbot: QtBot, chinese: None, tmp_path: Path, package: tuple[Path, object]) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    path, key = package
    db = _city(tmp_path, key)
    dialog = ImportDialog(db, package=path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert str(db) in dialog.database.text() and dialog.database.isVisible()
    screen = dialog.screen().availableGeometry().height()
    for dry_run in (True, False):
        job = dialog.run(dry_run=dry_run)
        assert job is not None
        qtbot.waitUntil(lambda: job.done, timeout=60000)  # noqa: B023
        qtbot.wait(50)
        lines = dialog.status.text().splitlines()
        assert sum("晚于接收日期" in line for line in lines) == 2  # the rest counted (E19)
        assert f"…另有 {ORDERS - 2} 处同类情况（整改日期晚于规定，共 {ORDERS} 处），点“列出全部注意事项”" \
            in dialog.status.text()
        assert dialog.all_warnings.isVisible()
        notes = [line for line in lines if "不属于签名人辖区" in line or "晚于接收日期" in line]
        assert "不属于签名人辖区 421281" in notes[0], notes[:2]
        assert dialog.frameGeometry().height() <= screen, (dialog.height(), screen)
        assert dialog.notes.verticalScrollBar().maximum() > 0  # the rest is a scroll away
        assert dialog.table.isVisible() and dialog.table.height() > 60
    dialog.all_warnings.click()  # every warning listed again, the jurisdiction one first
    lines = dialog.status.text().splitlines()
    assert sum("晚于接收日期" in line for line in lines) == ORDERS and "另有" not in dialog.status.text()
    assert "不属于签名人辖区 421281" in [x for x in lines if "签名人辖区" in x or "晚于" in x][0]
    assert dialog.notes.verticalScrollBar().maximum() > 0
    [backup] = _backups(db)
    assert dialog.advice.isVisible()
    assert dialog.advice.text() == (f"导入前的数据库已备份为 {backup}。如需撤销本次导入，请恢复这份备份"
                                    "（文件 ▸ 备份与恢复…）。")
