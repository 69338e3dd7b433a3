"""The 整改台账 as counties keep it (review rr-data R3, F1, O2): rows naming the firm but not the
sample, closed orders marked 已复查, the firm's name beside a possibly mistyped code, and a
deadline other than the rules' (a later one is the rules' order extended to it, an earlier one
cannot be)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store

HENGDA, JINTANG, HONGFA = "91421222MA4AL7KR5H", "91421221MA4E3XHX15", "91421222MA46R7TC9L"
TWICE = "91421222MA4PJ5BUX4"
REAL_HEADER = ["序号", "责令整改通知书文号", "企业名称", "统一社会信用代码", "所属县市区", "下达日期",
               "整改期限", "整改状态", "复查日期", "复查结论"]


def county(tmp_path: Path) -> Path:
    """Four firms, two inspectors, and the spot-check ledger: 恒达 and 宏发 one failure each,
    天岳 two failures, 金塘 none."""
    db = tmp_path / "county.db"
    store = Store.open(db, author="setup")
    try:
        for uscc, name in ((HENGDA, "通城县恒达涂附磨具有限公司"), (JINTANG, "通城县金塘电子基材有限公司"),
                           (HONGFA, "通城县宏发食品有限公司"), (TWICE, "通城县天岳磨料磨具有限公司")):
            save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="张三", cert_no="42122200001", jurisdiction_code="421222"))
        save_inspector(store, Inspector(name="李四", cert_no="42122200002", jurisdiction_code="421222"))
    finally:
        store.close()
    book = Workbook()
    book.active.append(["统一社会信用代码", "抽样日期", "产品名称", "检验结论", "不合格项目", "检查人员"])
    for row in ((HENGDA, "2024-06-12", "砂带", "不合格", "粒度", "张三、李四"),
                (HENGDA, "2024-06-12", "砂纸", "合格", "", "张三、李四"),
                (HENGDA, "2024-08-01", "砂轮", "不合格", "硬度", "张三、李四"),  # after the order
                (HONGFA, "2024-08-25", "月饼", "不合格", "菌落总数", "张三、李四"),
                (TWICE, "2024-05-10", "砂纸", "不合格", "磨削性能", "张三、李四"),
                (TWICE, "2024-05-20", "砂布", "不合格", "磨削性能", "张三、李四"),
                (HONGFA, "2019-05-01", "月饼", "不合格", "菌落总数", "张三、李四")):
        book.active.append(list(row))
    book.save(tmp_path / "抽查台账.xlsx")
    checks = str(tmp_path / "抽查台账.xlsx")
    assert main(["roster", "import", checks, "--kind", "checks", "--db", str(db)]) == 0
    return db


def orders(db: Path) -> list[tuple]:
    store = Store.open(db, author="check")
    try:
        return [tuple(r) for r in store.db.execute(
            "SELECT e.name, s.product_name, r.notice_no, r.ordered_on, r.deadline, r.extended_to,"
            " r.extension_reason FROM rectification r JOIN enterprise e ON e.id = r.enterprise_id"
            " JOIN sample s ON s.id = r.sample_id WHERE r.deleted_at IS NULL ORDER BY r.ordered_on")]
    finally:
        store.close()


def run(tmp_path: Path, db: Path, rows: list[list], capsys, header: list[str] = REAL_HEADER) -> str:  # noqa: ANN001
    book = Workbook()
    book.active.title = "整改台账"
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    path = tmp_path / "整改台账.xlsx"
    book.save(path)
    capsys.readouterr()
    assert main(["roster", "import", str(path), "--kind", "orders", "--db", str(db)]) == 0
    return capsys.readouterr().out


def test_the_ledger_as_kept_takes_the_firms_one_failure_and_knows_closed_orders(tmp_path: Path,
                                                                                capsys) -> None:  # noqa: ANN001
    db = county(tmp_path)
    rows = [[1, "通市监质改〔2024〕3号", "通城县恒达涂附磨具有限公司", HENGDA, "通城县", "2024.7.1",
             "2024.8.30", "整改中", None, None],
            [2, "通市监质改〔2024〕5号", "通城县宏发食品有限公司", HONGFA, "通城县", "2024年9月2日",
             "2024年10月31日", "已复查", "2024.11.10", "合格"],
            [3, "通市监质改〔2024〕6号", "通城县天岳磨料磨具有限公司", TWICE, "通城县", "2024.6.1", "",
             "整改中", None, None],
            [4, "通市监质改〔2024〕8号", "通城县金塘电子基材有限公司", JINTANG, "通城县", "2024.6.1", "",
             "已复查", "2024.8.1", "不合格"]]
    out = run(tmp_path, db, rows, capsys)
    # 恒达: the one failed sample before 2024-07-01 (砂轮 came later, 砂纸 passed), said so
    assert "第2行“抽样单编号”：未填写抽样单编号（或检查日期和产品名称）：该企业在下达日期前只有一个" \
           "尚未下达整改的不合格样品，即2024-06-12的“砂带”，已按此样品导入" in out, out
    # the closed order is known as closed, not an unknown state
    assert "第3行“状态”：状态为“已复查”：已结案（或已撤销）的整改无需导入" in out
    assert "状态“已复查”无法识别" not in out
    # 已复查 with 复查结论 不合格 is a failed re-check, which needs its visit
    assert "第5行“状态”：状态为“已复查”：复查不合格的整改要有复查检查记录" in out
    # two failures before the order: which one is not guessed
    assert "第4行“抽样单编号”：请填写整改所针对的样品" in out
    assert "新增整改 1 项" in out
    assert orders(db) == [("通城县恒达涂附磨具有限公司", "砂带", "通市监质改〔2024〕3号", "2024-07-01",
                           "2024-08-30", None, "")]
    # the same ledger again adds nothing
    assert "新增整改 0 项，已在系统中 1 行" in run(tmp_path, db, rows, capsys)
    # without a 文号 too: the order on file is the row's
    rows[0][1] = ""
    assert "新增整改 0 项，已在系统中 1 行" in run(tmp_path, db, rows[:1], capsys)
    assert len(orders(db)) == 1


def test_a_name_that_shares_nothing_with_the_codes_firm_is_refused(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """The code of 宏发's order mistyped as 金塘's: the order went to 金塘 without a word."""
    db = county(tmp_path)
    header = ["文号", "企业名称", "统一社会信用代码", "检查日期", "产品名称", "下达日期"]
    out = run(tmp_path, db, [["5", "通城县宏发食品有限公司", JINTANG, "2024.8.25", "月饼", "2024.9.2"],
                             ["3", "湖北恒达磨具科技有限公司", HENGDA, "2024.6.12", "砂带", "2024.7.1"]],
              capsys, header)
    assert "第2行“企业名称”：台账的企业名称“通城县宏发食品有限公司”与系统中该统一社会信用代码的企业" \
           "“通城县金塘电子基材有限公司”毫不相同，统一社会信用代码可能填错：本行未导入" in out, out
    # a renamed firm (or a name written otherwise): imported, naming both
    assert "第3行“企业名称”：台账的企业名称“湖北恒达磨具科技有限公司”与系统中该统一社会信用代码的企业" \
           "“通城县恒达涂附磨具有限公司”不同：已按代码记在“通城县恒达涂附磨具有限公司”名下" in out
    assert [o[0] for o in orders(db)] == ["通城县恒达涂附磨具有限公司"]


def test_a_number_on_another_firms_order_is_not_this_rows_order(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    """宏发's row typed with 恒达's 文号 (or another office's same number) is not 已在系统中:
    passed over, 宏发's order would never come in and no line would say why."""
    db = county(tmp_path)
    first = [[1, "通市监质改〔2024〕3号", "通城县恒达涂附磨具有限公司", HENGDA, "通城县", "2024.7.1",
              "2024.8.30", "整改中", None, None]]
    assert "新增整改 1 项" in run(tmp_path, db, first, capsys)
    other = [[1, "通市监质改〔2024〕3号", "通城县宏发食品有限公司", HONGFA, "通城县", "2024.9.2",
              "2024.10.31", "整改中", None, None]]
    out = run(tmp_path, db, other, capsys)
    assert "已在系统中 0 行" in out and "有问题未导入 1 行" in out, out
    assert len(orders(db)) == 1


def test_a_later_deadline_is_the_rules_order_extended_an_earlier_one_is_refused(tmp_path: Path,
                                                                               capsys) -> None:  # noqa: ANN001
    db = county(tmp_path)
    header = ["文号", "企业名称", "统一社会信用代码", "检查日期", "产品名称", "下达日期", "整改期限"]
    out = run(tmp_path, db, [
        # 2019, 133号令: 30 days (2019-06-09); the county gave 50: extended by 20 (≤ 30)
        ["1", "宏发食品", HONGFA, "2019-05-01", "月饼", "2019-05-10", "2019-06-29"],
        # 2024, 18号令: 60 days; 45 cannot be, the rule's period is not shortened
        ["3", "恒达涂附磨具", HENGDA, "2024-06-12", "砂带", "2024-07-01", "2024-08-15"],
        # 2024, 90 days: 18号令 allows no extension
        ["5", "宏发食品", HONGFA, "2024-08-25", "月饼", "2024-09-02", "2024-12-01"]], capsys, header)
    assert "第2行“整改期限”：整改期限 2019-06-29 晚于按《质检总局令第133号（2010）》计算的 2019-06-09：" \
           "按期限规则下达，并延期至 2019-06-29（延期理由：按原整改台账）" in out, out
    assert "第3行“整改期限”：整改期限（2024-08-15，下达后45天）与期限规则不符，早于规则的期限：按" \
           "《市场监管总局令第18号（2019）》企业有下达后60天（至 2024-08-30）整改，" \
           "台账不能缩短规则给企业的期限" in out
    assert "第4行“整改期限”：整改期限 2024-12-01 晚于按《市场监管总局令第18号（2019）》计算的 2024-11-01，" \
           "须延期至该日，但按" in out and "整改期限不能延期：本行未导入" in out
    assert orders(db) == [("通城县宏发食品有限公司", "月饼", orders(db)[0][2], "2019-05-10", "2019-06-09",
                           "2019-06-29", "按原整改台账")]
