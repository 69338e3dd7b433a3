"""Enterprise lists as a county clerk has them: CSV in UTF-8 or GBK, official headers such as
县（市、区）, broken files, very long lists, and a preview that shows the file it names."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.roster import RosterFileError, apply_roster_plan, plan_roster_import
from qcdesk.models.store import Store

HEADER = "统一社会信用代码,企业名称,所属县市区,联系电话,许可证有效期至"
ROWS = ["91421281MA4KL5FE07,赤壁市洞庄茶业有限公司,赤壁市,07155321234,2027/5/31",
        "91421221MA4E3XHX15,嘉鱼县鑫源管业有限公司,嘉鱼县,13907150001,"]


def csv_file(path: Path, lines: list[str], encoding: str) -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM enterprise").fetchone()[0]


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_each_encoding_excel_writes_is_read_with_codes_as_text(store: Store, tmp_path: Path,
                                                                      encoding: str) -> None:
    plan = plan_roster_import(store, csv_file(tmp_path / "list.csv", [HEADER, *ROWS], encoding))
    assert [i for i in plan.issues if not i.warning] == []
    first, second = plan.rows
    assert first.enterprise.name == "赤壁市洞庄茶业有限公司" and first.enterprise.uscc == "91421281MA4KL5FE07"
    assert first.enterprise.contact_phone == "07155321234"  # the leading 0 is kept
    assert second.enterprise.jurisdiction_code == "421221"
    apply_roster_plan(store, plan)
    assert count(store) == 2


def test_csv_gets_the_same_row_checks_as_a_workbook(store: Store, tmp_path: Path) -> None:
    lines = [HEADER, "9.14212E+17,数字代码公司,赤壁市,,", "91421222MA4PJ5BUX5,坏代码公司,通城县,,"]
    plan = plan_roster_import(store, csv_file(tmp_path / "bad.csv", lines, "gbk"))
    assert [(i.row, i.rule) for i in plan.issues if not i.warning] == [
        (2, "roster.uscc_number"), (3, "uscc.check")]


@pytest.mark.parametrize("content", [b"not a spreadsheet at all", b"PK\x03\x04broken zip",
                                     b"\x00\x01\x02binary junk \xff\xfe"])
def test_a_broken_file_is_explained_in_chinese_without_library_english(store: Store, tmp_path: Path,
                                                                      content: bytes) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(RosterFileError) as err:
        plan_roster_import(store, path)
    text = str(err.value)
    assert "已损坏或不是电子表格" in text and "重新导出" in text
    for english in ("Zip", "EOCD", "Cannot detect", "format"):
        assert english not in text
    assert "export it again" in err.value.text("en")


def test_a_csv_in_no_known_encoding_says_to_save_as_xlsx(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"\x81\x20\x81\x20,\xff\xff\r\n")
    with pytest.raises(RosterFileError) as err:
        plan_roster_import(store, path)
    assert "另存为" in str(err.value) and ".xlsx" in str(err.value)


@pytest.mark.parametrize("county", ["县（市、区）", "所在县（市、区）", "县(市、区)", "县市区",
                                    "所属县（市、区）"])
def test_official_county_headers_are_recognised(store: Store, tmp_path: Path, county: str) -> None:
    path = xlsx(tmp_path / "c.xlsx", [["统一社会信用代码", "企业名称", county],
                                      ["91421281MA4KL5FE07", "赤壁市洞庄茶业有限公司", "赤壁市"]])
    plan = plan_roster_import(store, path)
    assert plan.count("add") == 1 and plan.rows[0].enterprise.jurisdiction_code == "421281"


def test_missing_column_message_says_what_to_do(store: Store, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "m.xlsx", [["统一社会信用代码", "企业名称", "地区名"],
                                      ["91421281MA4KL5FE07", "赤壁市洞庄茶业有限公司", "赤壁市"]])
    with pytest.raises(RosterFileError) as err:
        plan_roster_import(store, path)
    text = str(err.value)
    assert "所属县市区" in text and "县（市、区）" in text and "表头改为" in text
    assert "qcdesk roster template" in text and "空白模板" in text


def test_progress_is_reported_and_raising_stops_without_writing(store: Store, tmp_path: Path) -> None:
    lines = [HEADER] + [f"{uscc},公司{n},赤壁市,," for n, uscc in enumerate(
        ["91421281MA4KL5FE07", "91421221MA4E3XHX15"] * 600)]
    path = csv_file(tmp_path / "long.csv", lines, "utf-8")
    seen: list[tuple[int, int]] = []
    plan = plan_roster_import(store, path, lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 1200) and len(seen) >= 2

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        if done:
            raise Stop

    with pytest.raises(Stop):
        apply_roster_plan(store, plan_roster_import(store, csv_file(tmp_path / "n.csv", [HEADER] + [
            f"{u},公司{n},赤壁市,," for n, u in enumerate(_codes(600))], "utf-8")), stop)
    assert count(store) == 0  # rolled back
    committed: list[bool] = []
    apply_roster_plan(store, plan, committing=lambda: committed.append(True))
    assert committed == [True] and count(store) == 2


def _codes(n: int) -> list[str]:
    """n valid credit codes (the check character computed)."""
    from qcdesk.models.codes import check_uscc

    out = []
    for i in range(n * 40):
        base = f"91421281MA4K{i:05d}"[:17]
        for c in "0123456789ABCDEFGHJKLMNPQRTUWXY":
            if check_uscc(base + c).ok and not check_uscc(base + c).warnings:
                out.append(base + c)
                break
        if len(out) == n:
            break
    return out


# --- the dialog ------------------------------------------------------------------------------

def _dialog(qtbot, store: Store):
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    dialog = RosterImportDialog(store, lang="zh")
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    return dialog


def test_a_new_file_clears_the_previous_preview_at_once(qtbot, store: Store, tmp_path: Path,
                                                         monkeypatch) -> None:
    import qcdesk.ui.roster_import_dialog as module

    monkeypatch.setattr(module.QMessageBox, "warning", staticmethod(lambda *a, **k: None))
    dialog = _dialog(qtbot, store)
    dialog.load_file(csv_file(tmp_path / "a.csv", [HEADER, *ROWS], "utf-8"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
    assert dialog.table.rowCount() >= 2 and dialog.import_button.isEnabled()
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04broken zip")
    dialog.load_file(broken)
    assert dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()  # before it is read
    qtbot.waitUntil(lambda: dialog.job.done, timeout=15000)
    assert dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()
    assert "已损坏" in dialog.summary.text() and dialog.plan is None


def test_a_huge_list_previews_problems_and_a_few_hundred_rows(qtbot, store: Store, tmp_path: Path) -> None:
    from qcdesk.ui.roster_import_dialog import PREVIEW_ROWS

    codes = _codes(1500)
    lines = [HEADER] + [f"{u},公司{n},赤壁市,," for n, u in enumerate(codes)]
    lines.append("91421222MA4PJ5BUX5,坏,通城县,,")
    dialog = _dialog(qtbot, store)
    dialog.load_file(csv_file(tmp_path / "big.csv", lines, "utf-8"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=30000)
    table = dialog.table
    assert table.rowCount() == PREVIEW_ROWS + 1  # every problem, the first others
    assert table.item(table.rowCount() - 1, 5).text().startswith("统一社会信用代码校验位")
    assert dialog.more_label.isVisible() and str(1500 - PREVIEW_ROWS) in dialog.more_label.text()
    assert "1501" in dialog.summary.text()


def test_reading_can_be_cancelled(qtbot, store: Store, tmp_path: Path) -> None:
    lines = [HEADER] + [f"{u},公司{n},赤壁市,," for n, u in enumerate(_codes(300) * 30)]
    dialog = _dialog(qtbot, store)
    dialog.load_file(csv_file(tmp_path / "c.csv", lines, "utf-8"))
    dialog.job.cancel()  # what the progress dialog's 取消 does
    qtbot.waitUntil(lambda: dialog.job.done, timeout=30000)
    assert dialog.plan is None and dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()
    assert dialog.choose_button.isEnabled() and "cancel" in dialog.summary.text().lower()


def test_import_can_be_cancelled_and_writes_nothing(qtbot, store: Store, tmp_path: Path) -> None:
    lines = [HEADER] + [f"{u},公司{n},赤壁市,," for n, u in enumerate(_codes(1200))]
    dialog = _dialog(qtbot, store)
    dialog.load_file(csv_file(tmp_path / "d.csv", lines, "utf-8"))
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=30000)
    dialog.import_plan()
    dialog.job.cancel()
    qtbot.waitUntil(lambda: dialog.job.done, timeout=30000)
    assert count(store) == 0 and dialog.result is None and dialog.import_button.isEnabled()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reasons_column_ends_inside_the_window_and_wraps(qtbot, store: Store, tmp_path: Path,
                                                             lang: str) -> None:
    from qcdesk.ui.roster_import_dialog import RosterImportDialog

    path = xlsx(tmp_path / "r.xlsx", [["统一社会信用代码", "企业名称", "所属县市区"],
                                      [914212003523203072, "数字代码公司", "赤壁市"],
                                      ["91421224MA4CJGYT6P", "日期坏公司", "火星县"]])
    dialog = RosterImportDialog(store, lang=lang)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.job.done, timeout=15000)
    qtbot.wait(50)
    table, header = dialog.table, dialog.table.horizontalHeader()
    assert header.length() <= table.viewport().width()  # nothing past the edge, no scrolling
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        text = table.item(row, 5).text()
        if metrics.horizontalAdvance(text) > header.sectionSize(5):  # longer than the column: wrapped
            assert table.rowHeight(row) >= 2 * metrics.lineSpacing(), text


# --- the command line ------------------------------------------------------------------------

def test_template_refuses_a_name_that_is_not_xlsx(capsys, tmp_path: Path) -> None:
    target = tmp_path / "tpl.csv"
    assert main(["roster", "template", "--out", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ".xlsx" in err[0] and "须以" in err[0] and not target.exists()
    assert main(["roster", "template", "--out", str(tmp_path / "tpl.xlsx")]) == 0


def test_cli_imports_a_gbk_csv(capsys, tmp_path: Path) -> None:
    path = csv_file(tmp_path / "list.csv", [HEADER, *ROWS], "gbk")
    assert main(["roster", "import", str(path), "--db", str(tmp_path / "c.db"), "--dry-run"]) == 0
    assert "将新增 2 家" in capsys.readouterr().out


def test_a_csv_beyond_the_row_limit_is_refused_in_one_line(tmp_path: Path, capsys,  # noqa: ANN001
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Review (imports): a workbook over 100,000 rows was refused, a CSV of 300,000 was read whole
    (50 s, 1 GB). The same limit holds now (made small here), and so does one on its size."""
    from qcdesk.models import roster_files
    from qcdesk.models.sheet_extent import SheetLimits

    monkeypatch.setattr(roster_files, "ROSTER_LIMITS", SheetLimits(max_rows=30, max_columns=64))
    lines = ["统一社会信用代码,企业名称,所属县市区",
             *(f"91421221MA4E3XHX15,企业{i},嘉鱼县" for i in range(30))]
    db = tmp_path / "c.db"
    assert main(["roster", "import", str(csv_file(tmp_path / "big.csv", lines, "utf-8")), "--db", str(db),
                 "--dry-run"]) != 0
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "超过 30 行" in err and "拆分" in err, err
    assert main(["roster", "import", str(csv_file(tmp_path / "ok.csv", lines[:30], "utf-8")), "--db", str(db),
                 "--dry-run"]) == 0  # 29 rows and the header
    capsys.readouterr()
    monkeypatch.setattr(roster_files, "CSV_MAX_BYTES", 100)
    with pytest.raises(RosterFileError) as refused:
        roster_files.read_csv_rows(tmp_path / "ok.csv")
    assert refused.value.rule == "roster.csv_too_large"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_the_header_scan_of_a_large_csv_reads_its_first_bytes_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    """The header scan asks for a few dozen rows; it decoded the whole file (up to 100 MB). Its
    rows are the whole read's, also where the first megabyte ends inside a character or a
    quoted cell that goes on (then the whole file is read)."""
    from qcdesk.models import roster_files

    monkeypatch.setattr(roster_files, "CSV_HEAD_BYTES", 4096)
    decoded: list[int] = []
    real_decode = roster_files._decode
    monkeypatch.setattr(roster_files, "_decode",
                        lambda data, partial=False: decoded.append(len(data)) or real_decode(data, partial))
    rows = [f"91421221MA4E3XHX15,嘉鱼县鑫源管业有限公司第{i}厂,嘉鱼县" for i in range(2000)]
    path = csv_file(tmp_path / "big.csv", [HEADER, *rows], encoding)
    whole = roster_files.read_csv_rows(path)
    decoded.clear()
    assert roster_files.read_csv_rows(path, 30) == whole[:30]
    assert decoded == [4096]
    long_cell = '"' + "很长的地址" * 2000 + '"'  # a quoted cell longer than the first bytes
    path = csv_file(tmp_path / "long.csv", [HEADER, f"91421221MA4E3XHX15,{long_cell},嘉鱼县", *rows],
                    encoding)
    whole = roster_files.read_csv_rows(path)
    assert roster_files.read_csv_rows(path, 3) == whole[:3] and len(whole[1][1]) == 10000
