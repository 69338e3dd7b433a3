"""The streaming xlsx writer: what Excel/WPS users and the importer would notice."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from python_calamine import CalamineWorkbook

from qcdesk.export.xlsx_parts import SharedStrings
from qcdesk.export.xlsx_writer import (
    BOOL,
    CODE,
    DATE,
    DATETIME,
    FLOAT,
    INT,
    MAX_CELL_CHARS,
    OVERFLOW_SHEET,
    TEXT,
    Column,
    XlsxWriter,
    decode_after_reader,
    escape_xstring,
    join_overflow,
    split_escaped,
    unescape_xstring,
)

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
HOSTILE = [
    "=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=x", "\r=x", "\n=x", "＝１＋１", "＋1", "－1", "＠a",
    "=HYPERLINK(\"http://x\")", "\x00\x01\x1f", "a\rb\r\nc", "_x0041_", "_x005F_", "__x0041__",
    "_xZZZZ_", "_xFFFE_", "_x005F_xFFFE_", "_xd800_", "\ud800x\udfff",
    "😀 emoji", "   ", "", "\ufffe\uffff", "&<>\"'", "]]>", "</t></is></c>",
]


def _read(path: Path) -> dict[str, list[list[object]]]:
    """Read like the importer: calamine, then finish decoding the text cells."""
    wb = CalamineWorkbook.from_path(str(path))
    return {
        n: [[decode_after_reader(v) if isinstance(v, str) else v for v in row]
            for row in wb.get_sheet_by_name(n).to_python()]
        for n in wb.sheet_names
    }


def _sheet_xml(path: Path, index: int = 1) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(f"xl/worksheets/sheet{index}.xml"))


def test_hostile_text_stays_string_cells_never_formulas(tmp_path: Path) -> None:
    out = tmp_path / "h.xlsx"
    with XlsxWriter(out) as w:
        s = w.add_sheet("检查记录", [Column("内容"), Column("代码", CODE)])
        for v in HOSTILE:
            s.append([v, v])
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                root = etree.fromstring(z.read(name))
                assert root.findall(".//m:f", NS) == []
                for c in root.findall(".//m:sheetData/m:row/m:c", NS):
                    assert c.get("t") in ("inlineStr", "s")  # string cells only
        assert etree.fromstring(z.read("xl/sharedStrings.xml")).findall(".//m:f", NS) == []
    rows = _read(out)["检查记录"][1:]
    assert [r[0] for r in rows] == HOSTILE
    assert [r[1] for r in rows] == HOSTILE
    # openpyxl (what many scripts use) also sees plain strings, not formulas
    ws = openpyxl.load_workbook(out).active
    got = [row[0].value for row in ws.iter_rows(min_row=2)]
    assert all(isinstance(v, str) or v is None for v in got)
    assert all(row[0].data_type != "f" for row in ws.iter_rows(min_row=2))


def test_header_frozen_styled_and_widths(tmp_path: Path) -> None:
    out = tmp_path / "h.xlsx"
    with XlsxWriter(out) as w:
        s = w.add_sheet("企业", [Column("统一社会信用代码", CODE), Column("名称", TEXT, 40)])
        s.append(["91421202MA4AEDKU8T", "咸宁某公司"])
    root = _sheet_xml(out)
    pane = root.find(".//m:sheetView/m:pane", NS)
    assert pane.get("state") == "frozen" and pane.get("ySplit") == "1"
    widths = [float(c.get("width")) for c in root.findall(".//m:cols/m:col", NS)]
    assert widths[0] >= 20 and widths[1] == 40
    ws = openpyxl.load_workbook(out)["企业"]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["A1"].value == "统一社会信用代码"
    assert root.find(".//m:autoFilter", NS).get("ref") == "A1:B2"


def test_codes_keep_leading_zeros_and_dates_are_date_cells(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    cols = [Column("代码", CODE), Column("电话", CODE), Column("日期", DATE),
            Column("时间", DATETIME), Column("数", INT), Column("比", FLOAT), Column("是", BOOL)]
    with XlsxWriter(out) as w:
        s = w.add_sheet("S", cols)
        s.append(["007", "07155551234", dt.date(2016, 6, 27), "2024-01-02T03:04:05Z", 12, 0.955,
                  False])
        s.append(["1E5", "123456789012345678", "2016-06-27", None, None, None, None])
    rows = _read(out)["S"]
    assert rows[1][:4] == ["007", "07155551234", dt.date(2016, 6, 27),
                           dt.datetime(2024, 1, 2, 3, 4, 5)]
    assert rows[1][4:] == [12, 0.955, False]
    assert rows[2][:3] == ["1E5", "123456789012345678", dt.date(2016, 6, 27)]
    ws = openpyxl.load_workbook(out)["S"]
    assert ws["A2"].number_format == "@" and ws["A2"].data_type == "s"
    assert ws["C2"].is_date and ws["C2"].number_format == "yyyy-mm-dd"
    # an empty cell of a code column is text too: a phone number typed there keeps its 0
    assert ws.column_dimensions["B"].number_format == "@"
    assert ws.column_dimensions["C"].number_format != "@"


def test_dates_excel_cannot_count_stay_text_showing_the_same_day(tmp_path: Path) -> None:
    """Excel's serials count a fictitious 1900-02-29 and no date before 1900: a serial for
    1900-01-01 is shown as 1900-01-02, 1900-02-28 as 1900-02-29, a year mistyped 0202 as #####.
    Such dates are written as text, so the sheet shows (and the importer reads) what is stored."""
    out = tmp_path / "d.xlsx"
    early = ("0202-05-01", "1899-03-01", "1900-01-01", "1900-02-28")
    with XlsxWriter(out) as w:
        s = w.add_sheet("S", [Column("日期", DATE), Column("时间", DATETIME)])
        for day in (*early, "1900-03-01"):
            s.append([dt.date.fromisoformat(day), f"{day}T08:00:00"])
        s.append(["1900-01-01", dt.datetime(1900, 2, 28, 8)])
    ws = openpyxl.load_workbook(out)["S"]  # what Excel shows
    shown = [(c.value, t.value) for c, t in ws.iter_rows(min_row=2, max_col=2)]
    assert shown[:4] == [(d, f"{d}T08:00:00") for d in early]
    assert shown[4] == (dt.datetime(1900, 3, 1), dt.datetime(1900, 3, 1, 8))  # real serials from here
    assert shown[5] == ("1900-01-01", "1900-02-28 08:00:00")
    with zipfile.ZipFile(out) as z:
        assert b"<v>-" not in z.read("xl/worksheets/sheet1.xml")  # no negative serial either


def test_long_text_continues_on_overflow_sheet(tmp_path: Path) -> None:
    """Excel's 32,767 limit counts UTF-16 units: 20,000 CJK Ext-B characters (𠮷, common in names)
    are 40,000 and must continue too; a clerk who sorted 长文本续 still gets the text back in order."""
    out = tmp_path / "l.xlsx"
    long1 = "甲" * (MAX_CELL_CHARS + 10)
    long2 = ("😀" * 20000) + "\x01" * 30000 + "_x0041_" * 5000 + "\uffff_xFFFF_" * 3000
    long3 = "𠮷" * 20000
    with XlsxWriter(out) as w:
        s = w.add_sheet("发现问题", [Column("ID", CODE), Column("描述")])
        s.append(["a", long1])
        s.append(["b", long2])
        s.append(["c", "short"])
        s.append(["d", long3])
    book = _read(out)
    assert OVERFLOW_SHEET in book
    raw = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(OVERFLOW_SHEET).to_python()
    extra = join_overflow(raw[1:])
    assert join_overflow(reversed(raw[1:])) == extra  # pieces join by their number, not row order
    main = book["发现问题"]
    for r in (1, 2, 4):
        cell = main[r][1]
        assert len(cell.encode("utf-16-le")) // 2 <= MAX_CELL_CHARS
        main[r][1] = cell + extra.get(("发现问题", r + 1, 2), "")
    assert main[1][1] == long1 and main[2][1] == long2 and main[3][1] == "short" and main[4][1] == long3


def test_rows_continue_on_numbered_sheets(tmp_path: Path) -> None:
    out = tmp_path / "o.xlsx"
    with XlsxWriter(out, max_rows=3) as w:
        s = w.add_sheet("检查记录", [Column("n", INT)])
        s.extend([i] for i in range(8))
        w.add_sheet("抽样", [Column("n", INT)]).append([1])
    book = _read(out)
    assert list(book) == ["检查记录", "检查记录(2)", "检查记录(3)", "抽样"]
    assert [r[0] for r in book["检查记录(3)"]] == ["n", 6, 7]
    assert s.sheet_names == ["检查记录", "检查记录(2)", "检查记录(3)"]


def test_abort_and_exception_leave_no_file(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    w = XlsxWriter(out)
    w.add_sheet("S", [Column("a")]).append(["x"])
    w.abort()
    with pytest.raises(RuntimeError), XlsxWriter(out) as w2:
        w2.add_sheet("S", [Column("a")]).append(["x"])
        raise RuntimeError("cancel")
    assert list(tmp_path.iterdir()) == []


def test_invalid_sheet_names_rejected(tmp_path: Path) -> None:
    with XlsxWriter(tmp_path / "n.xlsx") as w:
        for bad in ("", "a/b", "x" * 32, "[x]", OVERFLOW_SHEET):
            with pytest.raises(ValueError):
                w.add_sheet(bad, [Column("a")])
        w.add_sheet("ok", [Column("a")])
        with pytest.raises(ValueError):
            w.add_sheet("ok", [Column("a")])


@given(st.text(alphabet=st.characters(), max_size=60))
def test_escape_roundtrip(text: str) -> None:
    assert unescape_xstring(escape_xstring(text)) == text
    assert "".join(unescape_xstring(p) for p in split_escaped(text, limit=14)) == text


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(st.lists(st.text(alphabet=st.characters()), max_size=8))
def test_any_text_roundtrips_through_calamine(tmp_path: Path, values: list[str]) -> None:
    out = tmp_path / "p.xlsx"
    with XlsxWriter(out) as w:
        s = w.add_sheet("S", [Column("v")])
        for v in values:
            s.append([v])
    got = [r[0] for r in _read(out)["S"][1:]]
    # calamine reports an empty string cell and a missing trailing row alike: compare padded
    assert got + [""] * (len(values) - len(got)) == values


def test_repeated_texts_are_shared_and_read_back_exactly(tmp_path: Path) -> None:
    """A text is inline the first time and a shared string from its second use on; every
    reader sees the same values, spaces and hostile texts included."""
    out = tmp_path / "s.xlsx"
    values = [*HOSTILE, " 前后空格 ", "2024-05-01T08:00:00.000000Z", "done"]
    with XlsxWriter(out) as w:
        s = w.add_sheet("S", [Column("甲"), Column("乙", CODE)])
        for _ in range(3):
            for v in values:
                s.append([v, v])
    with zipfile.ZipFile(out) as z:
        sst = etree.fromstring(z.read("xl/sharedStrings.xml"))
        cells = _sheet_xml(out).findall(".//m:sheetData/m:row/m:c", NS)
    shared = [c for c in cells if c.get("t") == "s"]
    assert len(shared) > len(cells) // 2
    assert int(sst.get("count")) == len(shared)
    assert int(sst.get("uniqueCount")) == len(sst.findall("m:si", NS))
    expected = [[v, v] for _ in range(3) for v in values]
    assert [r[:2] for r in _read(out)["S"][1:]] == expected
    # other readers see exactly what they see in the same sheet written all inline
    inline = tmp_path / "i.xlsx"
    with XlsxWriter(inline, shared_strings=False) as w:
        s = w.add_sheet("S", [Column("甲"), Column("乙", CODE)])
        for row in expected:
            s.append(row)
    with zipfile.ZipFile(inline) as z:
        assert "xl/sharedStrings.xml" not in z.namelist()

    raw = {p: CalamineWorkbook.from_path(str(p)).get_sheet_by_name("S").to_python()
           for p in (out, inline)}
    assert raw[out] == raw[inline]
    # openpyxl: plain strings, never formulas; texts that need no escaping exactly as written
    # (openpyxl decodes _xHHHH_ in shared strings only, as the standard asks of both kinds)
    ws = openpyxl.load_workbook(out)["S"]
    got = [[(c.value, c.data_type) for c in row] for row in ws.iter_rows(min_row=2)]
    assert all(kind == "s" for row in got for _, kind in row if _ is not None)
    plain = [(row, g) for row, g in zip(expected, got, strict=True)
             if row[0] and "_x" not in row[0] and row[0].isprintable()]
    assert len(plain) > 20
    assert all([v for v, _ in g] == row for row, g in plain)


def test_shared_string_table_is_bounded_and_keeps_sharing_late_repeats(tmp_path: Path) -> None:
    """Texts seen once are forgotten when their set is full, so the memory stays bounded and
    a text that first repeats late in a large export is still shared; all read back."""
    out = tmp_path / "b.xlsx"
    values = [f"唯一{i}" for i in range(40)] + ["重复"] * 3 + [f"文本{i % 20}" for i in range(40)]
    with XlsxWriter(out) as w:
        w._shared = SharedStrings(max_seen=5)
        s = w.add_sheet("S", [Column("甲")])
        for v in values:
            s.append([v])
            assert len(w._shared._seen) <= 5
    assert "重复" in w._shared._index
    cells = _sheet_xml(out).findall(".//m:sheetData/m:row/m:c", NS)
    assert [c.get("t") for c in cells[41:44]] == ["inlineStr", "s", "s"]
    assert [r[0] for r in _read(out)["S"][1:]] == values
    full = SharedStrings(max_chars=10)
    assert [full.ref(t) for t in ("一二三四五六", "一二三四五六", "七八九十甲乙", "七八九十甲乙")] \
        == [None, 0, None, None]  # the table holds 10 characters: the second text stays inline
