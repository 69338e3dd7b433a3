"""The 整改台账 import and the rule in force (review ledgers-again F1, F2, F3, F9): a 2024 order of
30 days was stored under the repealed 质检总局令第133号 and its reprinted 责令整改通知书 cited 133; a
refused deadline did not say that blanking it changes the date the app tracks; closed orders were
red problems on every re-import; a 文号 other than the stored order's passed silently."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qcdesk.cli import main
from tests.test_order_ledger_as_kept import HENGDA, HONGFA, county, orders, run

HEADER = ["文号", "企业名称", "统一社会信用代码", "检查日期", "产品名称", "下达日期", "整改期限"]


def notice_text(db: Path, tmp_path: Path, number: str) -> str:
    out = tmp_path / "notice.pdf"
    assert main(["doc", "--db", str(db), "--out", str(out), "notice", number]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_a_2024_order_of_30_days_is_not_put_under_the_repealed_133(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    db = county(tmp_path)
    row = ["通市监质改〔2024〕7号", "恒达涂附磨具", HENGDA, "2024-06-12", "砂带", "2024-07-01", "2024-07-31"]
    out = run(tmp_path, db, [row], capsys, HEADER)
    # 30 days is shorter than the 60 of 第18号令, in force on 2024-07-01: refused, not 133
    assert "第2行“整改期限”：整改期限（2024-07-31，下达后30天）与期限规则不符，早于规则的期限：按" \
           "《市场监管总局令第18号（2019）》" in out, out
    assert "质检总局令第133号" not in out
    assert orders(db) == []
    # the clerk blanks the cell as told: the order is under the rule in force, and so is its notice
    row[-1] = ""
    assert "新增整改 1 项" in run(tmp_path, db, [row], capsys, HEADER)
    text = notice_text(db, tmp_path, "通市监质改〔2024〕7号")
    assert "国家市场监督管理总局令第18号" in text, text
    assert "133号" not in text and "延长期限不超过30日" not in text
    assert "自本通知书下达之日起60日内" in text


def test_a_2019_order_of_60_days_is_the_133_order_extended(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """The other way round: 60 days before 2020 is not 第18号令 (not yet in force)."""
    db = county(tmp_path)
    out = run(tmp_path, db, [["1", "宏发食品", HONGFA, "2019-05-01", "月饼", "2019-05-10", "2019-07-09"]],
              capsys, HEADER)
    assert "按期限规则下达，并延期至 2019-07-09" in out, out
    store_rows = orders(db)
    assert [(r[4], r[5]) for r in store_rows] == [("2019-06-09", "2019-07-09")]


def test_a_refused_deadline_warns_that_blanking_it_changes_the_date_tracked(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """F2: the clerk blanks a 90-day (or 45-day) deadline as told; the app then counts the firm
    overdue from a day on no paper the firm holds. The message says so before the blank."""
    db = county(tmp_path)
    out = run(tmp_path, db, [
        ["3", "恒达涂附磨具", HENGDA, "2024-06-12", "砂带", "2024-07-01", "2024-08-15"],
        ["5", "宏发食品", HONGFA, "2024-08-25", "月饼", "2024-09-02", "2024-12-01"]], capsys, HEADER)
    assert "第2行“整改期限”：" in out and "第3行“整改期限”：" in out, out
    assert "如把本格留空，本行按期限规则导入，系统将以 2024-08-30 为整改期限跟踪逾期" \
           "（首页“逾期整改”、风险预警），而不是企业所持通知书上的 2024-08-15" in out, out
    assert "系统将以 2024-11-01 为整改期限跟踪逾期（首页“逾期整改”、风险预警），" \
           "而不是企业所持通知书上的 2024-12-01" in out
    assert orders(db) == []


def test_closed_orders_are_a_note_not_a_problem_on_every_re_import(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """F3: a ledger is mostly closed orders; each import showed them in red under 有问题."""
    db = county(tmp_path)
    header = [*HEADER[:-1], "整改状态", "复查结论"]
    rows = [["3", "恒达涂附磨具", HENGDA, "2024-06-12", "砂带", "2024-07-01", "整改中", ""],
            ["5", "宏发食品", HONGFA, "2024-08-25", "月饼", "2024-09-02", "已复查", "合格"],
            ["6", "宏发食品", HONGFA, "2019-05-01", "月饼", "2019-05-10", "已结案", ""]]
    for _ in range(2):  # the first import and a re-import say the same of the closed ones
        out = run(tmp_path, db, rows, capsys, header)
        assert "有问题未导入 0 行" in out and "已结案未导入 2 行" in out, out
        assert "第3行“状态”：状态为“已复查”：已结案（或已撤销）的整改无需导入。已结案，未导入" in out
        assert "第4行“状态”：状态为“已结案”：" in out
        assert [o[0] for o in orders(db)] == ["通城县恒达涂附磨具有限公司"]


def test_a_number_other_than_the_stored_orders_is_noted(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """F9: a row for a sample already under 〔2024〕3号 carrying 〔2024〕11号 passed silently."""
    db = county(tmp_path)
    row = ["通市监质改〔2024〕3号", "恒达涂附磨具", HENGDA, "2024-06-12", "砂带", "2024-07-01", ""]
    assert "新增整改 1 项" in run(tmp_path, db, [row], capsys, HEADER)
    out = run(tmp_path, db, [row], capsys, HEADER)
    assert "已在系统中 1 行" in out and "不同：本行按已在系统中的整改计" not in out, out
    row[0] = "通市监质改〔2024〕11号"
    out = run(tmp_path, db, [row], capsys, HEADER)
    assert "已在系统中 1 行" in out, out
    assert "第2行“通知书文号”：文号 通市监质改〔2024〕11号 与系统中该样品（2024-06-12“砂带”）" \
           "已有整改的文号 通市监质改〔2024〕3号 不同：本行按已在系统中的整改计，文号未改动" in out, out
    # no product or date: the firm's one failed sample's order is found, and the note is the same
    out = run(tmp_path, db, [[row[0], row[1], HENGDA, "", "", "2024-07-01", ""]], capsys, HEADER)
    assert "已有整改的文号 通市监质改〔2024〕3号 不同" in out, out
    assert [o[2] for o in orders(db)] == ["通市监质改〔2024〕3号"]
