"""docs/exchange-spreadsheet.md and docs/exchange-format.md are what the city's IT staff write
their own verifier from: what they state about hashes, empty columns, later-added columns,
escapes and long texts is held here to the code, so the pages cannot drift from it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from qcdesk.exchange.export import plan_export, write_workbook
from qcdesk.exchange.merge import content_hash_of, version_id
from qcdesk.exchange.sheet_reader import read_rows
from qcdesk.exchange.summary_sheet import with_rate
from qcdesk.exchange.workbook import LINEAGE_HEADERS, META_FIELDS, SPEC_BY_SHEET, SPECS, to_cells
from qcdesk.export.xlsx_text import unescape_xstring
from qcdesk.export.xlsx_writer import DATE, INT, Column, XlsxWriter
from qcdesk.models.canonical_json import list_bytes
from qcdesk.models.store import Store

DOCS = Path(__file__).resolve().parents[1] / "docs"
SHEET_DOC = (DOCS / "exchange-spreadsheet.md").read_text(encoding="utf-8")
FORMAT_DOC = (DOCS / "exchange-format.md").read_text(encoding="utf-8")


def _blocks(marker: str, text: str = SHEET_DOC) -> list[str]:
    return re.findall(rf"<!-- {marker} -->\n(.*?)<!-- /{marker} -->", text, re.S)


def _table(block: str) -> list[list[str]]:
    """Rows of the first markdown table in `block` (header first, the --- line left out)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in block.splitlines() if line.startswith("|")]
    return [r for r in rows if not all(set(c) <= set("-") for c in r)]


def _cell(kind: str, text: str) -> object:
    """A cell as the sheet shows the doc's text: dates as date cells, numbers as numbers."""
    if kind == DATE:
        return dt.date.fromisoformat(text)
    if kind == INT:
        return int(text)
    return text


def test_the_worked_hash_examples_are_what_qcdesk_computes(tmp_path: Path) -> None:
    """Each example's cells, written to a real sheet and read back by the importer's reader,
    give exactly the JSON the page shows, and that JSON hashes (stdlib recipe and QCDesk's
    code alike) to the page's 内容哈希 and version; the page's cells are what the exporter
    writes for those stored values (labels for codes)."""
    examples = _blocks("hash-example")
    assert len(examples) >= 2
    for block in examples:
        sheet = block.split()[0]
        spec = SPEC_BY_SHEET[sheet]
        header, shown = _table(block)
        cells = dict(zip(header, shown, strict=True))
        payload_text = re.search(r"```json\n(.*?)\n```", block, re.S).group(1)
        digest = re.search(r"内容哈希 `([0-9a-f]{16})`", block).group(1)
        version = re.search(r"version `([^`]+)`", block).group(1)
        payload = json.loads(payload_text)

        # the stdlib recipe the page gives, byte for byte
        recipe = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        assert recipe == payload_text
        assert hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:16] == digest

        # from the cells through the reader to the hash
        columns = spec.columns()
        kinds = {c.header: c.kind for c in columns}
        row = [_cell(kinds[c.header], cells[c.header]) if cells.get(c.header) else None
               for c in columns]
        row[[c.header for c in columns].index(LINEAGE_HEADERS["hash"])] = digest
        path = tmp_path / f"{spec.table}.xlsx"
        with XlsxWriter(path) as book:
            book.write_sheet(spec.sheet, columns, [row])
        (read,) = list(read_rows(path))
        assert list_bytes([spec.table, read.uuid, *read.data]) == payload_text.encode("utf-8")
        assert content_hash_of(spec.table, read.uuid, read.data) == digest
        assert version_id(read.values["revision"], digest) == version

        # the exporter writes these cells for the stored values
        stored = dict(zip(spec.data_names, payload[2:], strict=False))
        written = to_cells(spec, {"uuid": payload[1], **stored}, {"hash": digest})
        by_header = dict(zip([c.header for c in columns], written, strict=True))
        for h, text in cells.items():
            assert str(by_header[h]) == text, (sheet, h)


def test_later_added_columns_are_listed_alike_in_both_docs() -> None:
    """The page's table of later-added columns is the code's `Field.later` list (sheet, column,
    where it is written, default), and docs/exchange-format.md names each of them where it
    describes data.xlsx and format version 2."""
    (block,) = _blocks("later-columns")
    listed = _table(block)[1:]
    code = []
    for spec in SPECS:
        for i, f in enumerate(spec.fields):
            if f.later:
                default = "NULL" if f.default is None else "''"
                code.append((spec.sheet, f.header, spec.fields[i - 1].header, default))
    doc = [(sheet, column.split()[0], after,
            "NULL" if "NULL" in default else "''" if "`''`" in default else default)
           for sheet, column, after, default in listed]
    assert doc == code
    member_row = next(line for line in FORMAT_DOC.splitlines() if line.startswith("| `data.xlsx` |"))
    version_2 = FORMAT_DOC[FORMAT_DOC.index("- `2` adds"):FORMAT_DOC.index("Other keys may be added")]
    for sheet, header, _after, _default in code:
        assert header in member_row, header
        assert header in version_2, header
        assert sheet in member_row and sheet in version_2


def test_the_nullable_columns_table_is_the_code() -> None:
    """Which empty cells are NULL (and not '') decides the hash: the page's table per sheet."""
    (block,) = _blocks("nullable-columns")
    doc = {sheet: set() if cols == "—" else set(cols.split("、"))
           for sheet, cols in _table(block)[1:]}
    assert doc == {s.sheet: {f.header for f in s.fields if f.nullable} for s in SPECS}
    numbers = SHEET_DOC[SHEET_DOC.index("Number columns (JSON integers"):]
    numbers = numbers[:numbers.index("\n\n")]
    for spec in SPECS:
        for f in spec.fields:
            assert (f.header in numbers) == (f.kind == INT), (spec.sheet, f.header)


def test_the_decoding_rule_and_the_readers_table(tmp_path: Path) -> None:
    """The page's decoding examples decode so, and what it says of openpyxl and calamine is
    what they do with a text written inline (first time) and shared (again)."""
    (examples,) = re.findall(r"<!-- decode-examples -->\n(.*?)\n\n", SHEET_DOC, re.S)
    assert unescape_xstring("a_x0001_b") == "a\x01b" and "`a_x0001_b` → `a`, U+0001" in examples
    for escaped, literal in (("_x005F_x0041_", "_x0041_"), ("_x005F_xFFFE_", "\ufffe"),
                             ("_x005F_x005F_x005F_xFFFE_", "_xFFFE_")):
        assert f"`{escaped}` →" in examples
        assert unescape_xstring(escaped) == literal
    path = tmp_path / "escapes.xlsx"
    texts = ["a\x01b", "lit _x0041_"]
    with XlsxWriter(path) as book:
        book.write_sheet("S", [Column("t")], [[t] for t in texts + texts])
    sheet = openpyxl.load_workbook(path)["S"]
    inline, shared = [[c.value for c in r] for r in sheet.iter_rows(min_row=2, max_col=1)][:2], \
        [[c.value for c in r] for r in sheet.iter_rows(min_row=4, max_col=1)]
    assert [v for (v,) in inline] == ["a_x0001_b", "lit _x005F_x0041_"]  # as written
    assert [unescape_xstring(v) for (v,) in inline] == texts  # steps 1 and 2
    assert [v for (v,) in shared] == ["a_x0001_b", "lit _x0041_"]  # x005F_ deleted
    read = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("S").to_python()[1:]
    assert [r[0] for r in read] == texts + texts


def test_long_text_continuation_rows_are_as_documented(tmp_path: Path) -> None:
    """A long 检查情况 on the continuation sheet 检查记录(2): its 长文本续 rows name that sheet,
    its row there (header = 1), its column counted from 1 and pieces numbered from 1."""
    from exchange_fixtures import merge, populate

    part = SHEET_DOC[SHEET_DOC.index("- **工作表**"):SHEET_DOC.index("- **内容**")]
    assert "`检查记录(2)`" in part and "the header is row 1" in part
    assert "counting from 1" in part and "from 1" in part.split("**序号**")[1]
    assert "**列号 is a position**" in SHEET_DOC
    store = Store.memory("o")
    populate(store, 1, 3)
    uuid = store.db.execute("SELECT uuid FROM visit ORDER BY id DESC LIMIT 1").fetchone()[0]
    long_text = "长" * 40000
    store.db.execute("UPDATE visit SET summary = ? WHERE uuid = ?", [long_text, uuid])
    path = tmp_path / "data.xlsx"
    write_workbook(store, path, plan_export(store, "C" * 16, full=True), {}, max_rows=2)
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("长文本续").to_python()
    assert rows[0] == ["工作表", "行号", "列号", "序号", "内容"]
    (piece,) = rows[1:]
    sheet = book.get_sheet_by_name(piece[0]).to_python()
    assert piece[0] == "检查记录(2)"
    row, col = int(piece[1]), int(piece[2])
    assert sheet[row - 1][0] == uuid  # 行号 counts the header as row 1
    assert sheet[0][col - 1] == "检查情况"  # 列号 from 1
    assert int(piece[3]) == 1
    assert sheet[row - 1][col - 1] + piece[4] == long_text
    other = Store.memory("p")
    merge(other, path, "C" * 16)
    got = other.db.execute("SELECT summary FROM visit WHERE uuid = ?", [uuid]).fetchone()[0]
    assert got == long_text


def test_the_pass_rate_is_the_exact_share_as_documented() -> None:
    """The doc promises the exact share (63475dc), so a verifier can compare it with 合格 ÷
    (合格 + 不合格) without a tolerance; a rounded value would break that check."""
    assert "**The rate is the exact share**" in SHEET_DOC and "35/36 is 0.97222" in SHEET_DOC
    assert "stored rounded" not in SHEET_DOC
    assert "rounded to 4 decimals" not in FORMAT_DOC  # the format doc said so until 63475dc
    assert "汇总's pass rate is the\n  exact share" in FORMAT_DOC
    assert with_rate([1, 1, 35, 1, 0])[4] == 35 / 36


def test_the_manifest_documents_full() -> None:
    example = FORMAT_DOC[FORMAT_DOC.index("```json"):]
    example = json.loads(example[7:example.index("```", 7)])
    assert example["full"] is False
    assert "| `full` |" in FORMAT_DOC
    assert "e.g. `full`" not in FORMAT_DOC


def test_the_notes_sheet_says_what_authors_locks_and_amendment_links_are(tmp_path: Path) -> None:
    """The 说明 sheet a clerk or IT reads in the package itself says the same as the page: 作者
    may be cli (a command-line change), 锁定包 is hashed, 检查记录ID is the amendment's link."""
    from exchange_fixtures import populate

    store = Store.memory("o")
    populate(store, 1, 1)
    path = tmp_path / "data.xlsx"
    write_workbook(store, path, plan_export(store, "C" * 16, full=True), {})
    notes = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("说明").to_python()
    meaning = {(r[0], r[1]): r[2] for r in notes[1:]}
    assert "cli" in meaning[("检查记录", "作者")] and "计入内容哈希" in meaning[("抽样", "作者")]
    assert "计入内容哈希" in meaning[("检查记录", "锁定包")]
    assert "以“检查记录ID”为准" in meaning[("更正记录", "更正的检查记录")]
    assert "`cli`" in FORMAT_DOC and "authoritative" in FORMAT_DOC
    assert "**检查记录.锁定包**" in FORMAT_DOC and "it is hashed" in FORMAT_DOC


def _signed_package(tmp_path: Path) -> Path:
    """A real signed package (export_package, minisign key) whose 检查记录, 抽样 and 整改 rows
    carry the display-only names."""
    from exchange_fixtures import populate

    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key

    store = Store.memory("o")
    populate(store, 2, 2)
    out = tmp_path / "out"
    out.mkdir()
    path = export_package(store, out, generate_secret_key(), signer_name="张三",
                          jurisdiction="421221", role="inspector")
    store.close()
    return path


def _member(package: Path, name: str, tmp_path: Path) -> bytes | Path:
    import zipfile

    with zipfile.ZipFile(package) as zf:
        if name.endswith(".xlsx"):
            zf.extract(name, tmp_path)
            return tmp_path / name
        return zf.read(name)


def test_the_signed_manifest_names_exactly_the_display_columns(tmp_path: Path) -> None:
    """A verifier learns which columns are display-only from signed data: the manifest lists,
    per sheet, exactly the columns workbook.py marks `Field.display` (the ones 说明 marks
    仅供阅读（显示列）), and the format page's example shows the same key and lists."""
    package = _signed_package(tmp_path)
    manifest = json.loads(_member(package, "manifest.json", tmp_path))
    code = {s.sheet: [f.header for f in s.fields if f.display]
            for s in SPECS if any(f.display for f in s.fields)}
    assert code == {"检查记录": ["企业名称", "检查人员姓名"], "抽样": ["企业名称"],
                    "整改": ["企业名称"]}
    assert manifest["display_columns"] == code
    notes = CalamineWorkbook.from_path(str(_member(package, "data.xlsx", tmp_path))
                                       ).get_sheet_by_name("说明").to_python()
    marked: dict[str, list[str]] = {}
    for row in notes[1:]:
        if "仅供阅读（显示列）" in str(row[2]):
            marked.setdefault(row[0], []).append(row[1])
    assert marked == code
    example = FORMAT_DOC[FORMAT_DOC.index("```json"):]
    example = json.loads(example[7:example.index("```", 7)])
    assert example["display_columns"] == code
    assert "| `display_columns` |" in FORMAT_DOC


def test_the_docs_hash_recipe_with_the_manifests_list_reproduces_every_hash(
        tmp_path: Path) -> None:
    """What the city's verifier does, from the pages: hash the business columns as the sheet
    writes them, leaving out 记录ID, the technical columns, the later-added columns and the
    columns the signed manifest lists under display_columns. Every row's 内容哈希 of a real
    package comes out; without the manifest's list the names would be hashed (the review's
    verifier found none of 检查记录/抽样/整改 reproducible)."""
    assert ("leave out the columns the manifest lists under display_columns"
            in " ".join(SHEET_DOC.split()))
    package = _signed_package(tmp_path)
    display = json.loads(_member(package, "manifest.json", tmp_path)).get("display_columns", {})
    data = _member(package, "data.xlsx", tmp_path)
    parsed = {(r.sheet, r.uuid): r for r in read_rows(data)}
    book = CalamineWorkbook.from_path(str(data))
    technical = {f.header for f in META_FIELDS} | set(LINEAGE_HEADERS.values())
    checked: dict[str, int] = {}
    for spec in SPECS:
        if spec.sheet not in book.sheet_names:
            continue
        header, *rows = book.get_sheet_by_name(spec.sheet).to_python()
        later = {f.header for f in spec.fields if f.later}
        hashed = [h for h in header[1:] if h not in technical and h not in later
                  and h not in display.get(spec.sheet, [])]
        by_header = {f.header: f.name for f in spec.written_fields}
        for cells in rows:
            row = dict(zip(header, cells, strict=True))
            values = parsed[(spec.sheet, row["记录ID"])].values
            business = [values[by_header[h]] if by_header[h] in values else row[h] for h in hashed]
            meta = [values[n] for n in ("revision", "created_at", "updated_at", "author",
                                        "deleted_at")]
            added = [values[f.name] for f in spec.fields if f.later]
            tail = added if added != [f.default for f in spec.fields if f.later] else []
            payload = [spec.table, row["记录ID"], *business, *meta, *tail]
            recipe = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            assert hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:16] == row["内容哈希"], (
                spec.sheet, row["记录ID"])
            checked[spec.sheet] = checked.get(spec.sheet, 0) + 1
    assert all(checked.get(sheet) for sheet in display), checked
