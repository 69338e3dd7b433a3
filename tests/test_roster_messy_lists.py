"""Honest but messy enterprise lists, as county clerks keep them (review r4 A5), import instead of
being refused whole as 列可能错位: a park group with 同上 under 地址/联系人/联系电话, phones written
手机：139… or 139…（微信同号）, licences 鄂XK13-006-00120 without brackets. Only a column holding
another column's values refuses a file (tests/test_roster_shifted_columns.py keeps that). What is
stored is what the clerk meant: the address and contact of the row above, the bare number, the
licence with its brackets."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from qcdesk.cli import main
from qcdesk.models.codes import org_code_check_character, uscc_check_character

WARNING = "列可能错位"
HEAD = ["统一社会信用代码", "企业名称", "所属县市区", "行业", "地址", "联系人", "联系电话", "生产许可证编号",
        "许可证有效期至"]
NAMES = ["赤壁市羊楼洞茶业有限公司", "赤壁市洞庄茶业有限公司", "赤壁市川字茶业有限公司", "赤壁市赵李桥茶厂",
         "赤壁市长盛川青砖茶有限公司", "赤壁市兴茂茶业有限公司",
         "赤壁市莲台茶业有限公司", "赤壁市三山茶业有限公司"]
PARK = "赤壁市赵李桥镇羊楼洞工业园"


def code(i: int) -> str:
    org = f"MA4KL{i:03d}"
    first17 = "91421281" + org + org_code_check_character(org)
    return first17 + uscc_check_character(first17)


def fw(text: str) -> str:
    return text.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


# the reviewer's four lists (repro/r2_messy_roster.py), row i of firm NAMES[i]
LISTS = {
    "A_tongshang_phones": lambda i: [PARK if i == 0 else "同上", f"刘{i}", f"手机：139071500{i:02d}", "暂无",
                                     None],
    "B_notes": lambda i: [f"赤壁市赵李桥镇羊楼洞村{i + 1}组", f"刘{i}", f"139071500{i:02d}（微信同号）",
                          f"鄂XK13-006-0012{i}", "2028-05-01"],
    "C_fullwidth_tongshang": lambda i: [fw(f"赤壁市赵李桥镇茶园路{i + 1}号"), "田亮" if i == 0 else "同上",
                                        fw("0715-5812345") if i == 0 else "同上", None, None],
    "D_group": lambda i: [PARK if i == 0 else "同上", "田亮" if i == 0 else "同上",
                          "13907150011" if i == 0 else "同上", "暂无", None],
}
# what the fourth firm's file holds afterwards: address, contact, phone, licence
STORED = {
    "A_tongshang_phones": (PARK, "刘3", "13907150003", None),
    "B_notes": ("赤壁市赵李桥镇羊楼洞村4组", "刘3", "13907150003", "(鄂)XK13-006-00123"),
    "C_fullwidth_tongshang": (fw("赤壁市赵李桥镇茶园路4号"), "田亮", "0715-5812345", None),  # as typed
    "D_group": (PARK, "田亮", "13907150011", None),
}


def messy(path: Path, cells) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "名录"
    sheet.append(["赤壁市砖茶重点企业名录（2026年11月）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    sheet.append(HEAD)
    for i, name in enumerate(NAMES):
        sheet.append([code(i), name, "赤壁市", "砖茶", *cells(i)])
    book.save(path)
    return path


def fourth_firm(db: Path) -> tuple[str, str, str, str | None]:
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "select e.address, e.contact_name, e.contact_phone, (select group_concat(number) from licence l "
            "where l.enterprise_id = e.id) from enterprise e where e.uscc = ?", (code(3),)).fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("kind", sorted(LISTS))
def test_a_messy_list_imports_dry_run_then_real(tmp_path: Path, capsys, kind: str) -> None:
    path = messy(tmp_path / f"messy_{kind}.xlsx", LISTS[kind])
    db = tmp_path / "r.db"
    assert main(["roster", "import", str(path), "--db", str(db), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert WARNING not in out + err and "将新增 8 家" in out and "有问题未导入 0 行" in out, out + err
    assert main(["roster", "import", str(path), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert WARNING not in out + err and "新增 8 家" in out and "有问题未导入 0 行" in out, out + err
    assert fourth_firm(db) == STORED[kind]
    if kind in ("A_tongshang_phones", "D_group"):
        assert "已按上一行的内容导入" in out  # the clerk is told 同上 was filled in, to check it


def test_what_cannot_be_meant_is_left_out_not_stored(tmp_path: Path, capsys) -> None:
    """同上 with nothing above and 同左 are left out with a warning (never stored as 同上); a phone
    whose label is dropped must still be a phone (手机：12345 is not one); a bad licence stays bad."""
    rows = {0: ["同上", "同左", "手机：12345", "鄂XK13-006-0012", None],
            1: ["同左", "同上", "电话：0715-5812345（办公室）", "鄂XK13-006-00121", None]}
    path = messy(tmp_path / "odd.xlsx", lambda i: rows.get(i, [PARK, "田亮", "13907150011", None, None]))
    db = tmp_path / "r.db"
    assert main(["roster", "import", str(path), "--db", str(db)]) == 0
    out, _err = capsys.readouterr()
    assert WARNING not in out and "部分导入 2 行" in out, out
    con = sqlite3.connect(db)
    try:
        stored = con.execute("select address, contact_name, contact_phone from enterprise "
                             "where uscc in (?, ?) order by uscc", (code(0), code(1))).fetchall()
        licences = [n for (n,) in con.execute("select number from licence order by number")]
        assert "同上" not in str(con.execute("select * from enterprise").fetchall())
    finally:
        con.close()
    assert stored == [("", "", ""), ("", "", "0715-5812345")]
    assert licences == ["(鄂)XK13-006-00121"]


def test_two_columns_failing_their_own_shape_only_warn(tmp_path: Path, capsys) -> None:
    """Every address 见营业执照 and every phone 见附件: two messy columns, nothing shifted (no column
    holds another's values), so the list imports, each phone left out with its own warning."""
    path = messy(tmp_path / "words.xlsx", lambda i: ["见营业执照", f"刘{i}", "见附件", None, None])
    db = tmp_path / "r.db"
    assert main(["roster", "import", str(path), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert WARNING not in out + err and "新增 8 家" in out and "部分导入 8 行" in out, out + err
    assert fourth_firm(db) == ("见营业执照", "刘3", "", None)
