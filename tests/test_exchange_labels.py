"""Coded columns of data.xlsx (检查类型, 状态, 严重程度 …) show the Chinese words the app shows,
not the stored English codes; an import maps them back exactly, still reads packages whose
cells hold the codes, and refuses a cell that is neither, naming sheet, row, column and value,
with the database unchanged. Version ids stay computed over the codes."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from exchange_fixtures import dump, edit_cells, export_to, merge, populate

from qcdesk.exchange.merge import content_hash
from qcdesk.exchange.workbook import SPEC_BY_TABLE, SPECS, SheetFormatError, SheetSpec
from qcdesk.models.demonstration import ZONE_KINDS, ZONE_LEVELS, ZONE_STATUSES
from qcdesk.models.records import (
    RECTIFICATION_STATUSES,
    RETEST_RESULTS,
    SAMPLE_RESULTS,
    SAMPLING_PLACES,
    SEVERITIES,
    VISIT_KINDS,
    VISIT_STATUSES,
)
from qcdesk.models.rules import ESCALATION_LADDER, RULE_SETS
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"
# every coded column and the values the app stores in it
STORED = {
    ("visit", "kind"): set(VISIT_KINDS),
    ("visit", "status"): set(VISIT_STATUSES),
    ("sample", "sampling_place"): set(SAMPLING_PLACES),
    ("sample", "result"): set(SAMPLE_RESULTS),
    ("sample", "retest_result"): set(RETEST_RESULTS),
    ("finding", "severity"): set(SEVERITIES),
    ("rectification", "rule_set"): set(RULE_SETS),
    ("rectification", "status"): set(RECTIFICATION_STATUSES),
    ("rectification", "escalation"): {"", *(k for k, _ in ESCALATION_LADDER)},
    ("demonstration_zone", "kind"): set(ZONE_KINDS),
    ("demonstration_zone", "level"): set(ZONE_LEVELS),
    ("demonstration_zone", "status"): set(ZONE_STATUSES),
}


def _coded() -> list[tuple[SheetSpec, Any]]:
    return [(s, f) for s in SPECS for f in s.fields if f.labels]


def test_every_coded_column_maps_codes_and_labels_one_to_one() -> None:
    assert {(s.table, f.name) for s, f in _coded()} == set(STORED)
    for spec, f in _coded():
        codes = [c for c, _ in f.labels]
        labels = [lb for _, lb in f.labels]
        where = (spec.sheet, f.header)
        assert set(codes) | ({""} if f.blank else set()) == STORED[(spec.table, f.name)], where
        assert len(set(codes)) == len(codes) and len(set(labels)) == len(labels), where
        assert all(labels) and not set(labels) & set(codes), where  # a cell reads one way
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in lb) for lb in labels), where
        for code, label in f.labels:
            assert f.to_code[label] == code and f.to_code[code] == code, where


def _all_codes_db(path: Path | None = None) -> Store:
    """A database in which every coded column holds every code the app stores there."""
    store = Store.open(path, author="inspector") if path else Store.memory("作者A")
    populate(store, n_enterprises=1, visits_each=5)
    with store.db.atomic():
        for i in range(4):
            store.db.execute(
                "INSERT INTO demonstration_zone (uuid, created_at, updated_at, author, revision,"
                " origin, name, jurisdiction_code) VALUES (?, ?, ?, ?, 1, 'local', ?, '421202')",
                [f"00000000-0000-4000-8000-00000000000{i}", "2026-01-01T00:00:00Z",
                 "2026-01-01T00:00:00Z", "作者A", f"咸安区示范区{i}"])
        for (table, name), values in STORED.items():
            ids = [r[0] for r in store.db.execute(f"SELECT id FROM {table} ORDER BY id")]
            ordered = sorted(values)
            assert len(ids) >= len(ordered)
            for k, rid in enumerate(ids):
                store.db.execute(f"UPDATE {table} SET {name} = ? WHERE id = ?",
                                 [ordered[k % len(ordered)], rid])
    return store


def _cells(path: Path, sheet: str, header: str) -> list[Any]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    column = rows[0].index(header)
    return [r[column] for r in rows[1:]]


def test_a_clerk_sees_chinese_words_in_every_coded_column(tmp_path: Path) -> None:
    store = _all_codes_db()
    path = tmp_path / "data.xlsx"
    export_to(store, path, SIGNER)
    for spec, f in _coded():
        shown = _cells(path, spec.sheet, f.header)
        expected = {lb for _, lb in f.labels} | ({None} if f.blank else set())
        assert set(shown) == expected, (spec.sheet, f.header, shown)
    assert "监督抽查" in _cells(path, "检查记录", "检查类型")
    assert "不合格" in _cells(path, "抽样", "检验结论")
    assert set(_cells(path, "整改", "规则")) == {"市场监管总局令第18号（2019）", "质检总局令第133号（2010）"}
    assert "省级市场监管部门公告" in _cells(path, "整改", "处置升级")
    assert {"示范区", "国家级", "创建中"} <= {*_cells(path, "示范区项目", "类型"),
                                          *_cells(path, "示范区项目", "级别"),
                                          *_cells(path, "示范区项目", "状态")}
    notes = [r for r in openpyxl.load_workbook(path)["说明"].iter_rows(values_only=True)
             if r[0] == "检查记录" and r[1] == "检查类型"]
    assert "监督抽查（spot_check）" in notes[0][2]


def _heads(store: Store) -> list[tuple]:
    return sorted(store.db.execute(
        "SELECT kind, uuid, head, editor, base, ancestors FROM exchange_lineage").fetchall())


def _source_versions(store: Store) -> dict[tuple[str, str], str]:
    """Version ids of the exporter's rows, over the codes it stores (seeded industries, the
    same everywhere, are already there on import and get no lineage)."""
    out = {}
    for table, rows in dump(store).items():
        if table in ("conflicts", "industry"):
            continue
        for uuid, row in rows.items():
            out[(table, uuid)] = f"{row['revision']}-{content_hash(SPEC_BY_TABLE[table], row)}"
    return out


def test_export_then_import_reproduces_every_record_and_version(tmp_path: Path) -> None:
    a = _all_codes_db()
    export_to(a, tmp_path / "x.xlsx", SIGNER)
    b = Store.memory("作者B")
    merge(b, tmp_path / "x.xlsx", SIGNER)
    da, db_ = dump(a), dump(b)
    for kind in (s.table for s in SPECS):
        assert da[kind].keys() == db_[kind].keys()
        for uuid, row in da[kind].items():
            got = {k: v for k, v in db_[kind][uuid].items() if k != "origin"}
            assert got == {k: v for k, v in row.items() if k != "origin"}, (kind, uuid)
    assert {(k, u): h for k, u, h, *_ in _heads(b)} == _source_versions(a)
    again = merge(b, tmp_path / "x.xlsx", SIGNER)
    assert all(c["unchanged"] == sum(c.values()) for c in again.counts.values())


def _old_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """Write as QCDesk did before labels: the stored codes in the cells."""
    monkeypatch.setattr(SheetSpec, "label_slots", property(lambda self: ()))


def _packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Any, Any]:
    """An old-style package (codes) and a new one (labels) of the same records, one key."""
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key

    key = generate_secret_key()
    source = _all_codes_db(tmp_path / "laptop.db")
    (tmp_path / "out").mkdir()
    with monkeypatch.context() as m:
        _old_style(m)
        old = export_package(source, tmp_path / "out", key, signer_name="张三",
                             jurisdiction="421202", role="inspector", full=True)
    new = export_package(source, tmp_path / "out", key, signer_name="张三",
                         jurisdiction="421202", role="inspector", full=True)
    versions = _source_versions(source)
    source.close()
    return old, new, key, versions


def _data_xlsx(package: Path, into: Path) -> Path:
    into.mkdir(exist_ok=True)
    with zipfile.ZipFile(package) as zf:
        zf.extract("data.xlsx", into)
    return into / "data.xlsx"


def test_an_old_package_with_codes_imports_to_the_same_database_and_versions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.exchange.importer import import_package
    from qcdesk.exchange.trust import StaticTrust

    old, new, key, versions = _packages(tmp_path, monkeypatch)
    assert set(_cells(_data_xlsx(old, tmp_path / "o"), "检查记录", "检查类型")) == set(VISIT_KINDS)
    assert "监督抽查" in _cells(_data_xlsx(new, tmp_path / "n"), "检查记录", "检查类型")
    trust = StaticTrust.of([key.public_key])
    x, y = Store.open(tmp_path / "x.db"), Store.open(tmp_path / "y.db")
    import_package(x, old, trust=trust)
    import_package(y, new, trust=trust)
    assert dump(x) == dump(y)
    assert _heads(x) == _heads(y)
    assert {(k, u): h for k, u, h, *_ in _heads(x)} == versions
    # old and new merge exactly: the other package changes nothing on either side
    for store, other in ((x, new), (y, old)):
        before = dump(store)
        result = import_package(store, other, trust=trust)
        assert all(c["unchanged"] == sum(c.values()) for c in result.counts.values())
        assert not result.conflicts and dump(store) == before
    x.close()
    y.close()


def test_a_code_typed_among_labels_is_read_as_that_code(tmp_path: Path) -> None:
    a = _all_codes_db()
    path = tmp_path / "x.xlsx"
    export_to(a, path, SIGNER)
    first = _cells(path, "检查记录", "检查类型")[0]
    kind = next(f for f in SPEC_BY_TABLE["visit"].fields if f.name == "kind")
    code = next(c for c, lb in kind.labels if lb == first)
    edit_cells(path, "检查记录", {(2, "检查类型"): code})  # stated hash kept: same value
    b = Store.memory("作者B")
    merge(b, path, SIGNER)
    assert dump(b)["visit"] == {u: {**r, "origin": SIGNER} for u, r in dump(a)["visit"].items()}


def _iterdump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("hash_cell", ["kept", "cleared"])
def test_an_unknown_word_is_refused_naming_the_cell_and_nothing_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hash_cell: str) -> None:
    from qcdesk.exchange.importer import import_package
    from qcdesk.exchange.package import build_package
    from qcdesk.exchange.trust import StaticTrust

    _old, new, key, _versions = _packages(tmp_path, monkeypatch)
    trust = StaticTrust.of([key.public_key])
    db = tmp_path / "county.db"
    county = Store.open(db)
    import_package(county, _old, trust=trust)  # the county already holds these records
    county.close()
    data = _data_xlsx(new, tmp_path / "bad")
    edits: dict[tuple[int, str], Any] = {(3, "检查类型"): "抽查"}
    if hash_cell == "cleared":  # a person edited the cell and cleared the hash
        edits[(3, "内容哈希")] = None
    edit_cells(data, "检查记录", edits)
    (tmp_path / "out2").mkdir()
    bad = build_package(tmp_path / "out2", {"data.xlsx": data},
                        {"period_to": "2026-11-30", "record_counts": {}}, key,
                        signer_name="张三", jurisdiction="421202", role="inspector",
                        sequence=3, previous_package_sha256=None)
    before = _iterdump(db)
    county = Store.open(db)
    with pytest.raises(SheetFormatError) as caught:
        import_package(county, bad, trust=trust)
    county.close()
    message = str(caught.value)
    assert message.startswith("检查记录!3: 检查类型 的值“抽查”无法识别"), message
    assert "监督抽查、生产许可证后续监管、质量帮扶/指导、复查、专项检查" in message
    assert _iterdump(db) == before


def test_an_emptied_coded_cell_is_refused_also_on_the_long_text_path(tmp_path: Path) -> None:
    """A sheet with texts continued on 长文本续 is read row by row: same mapping, same refusal."""
    a = Store.memory("作者A")
    populate(a, n_enterprises=1, visits_each=2, text="甲" * 40000)
    path = tmp_path / "x.xlsx"
    export_to(a, path, SIGNER)
    assert "长文本续" in openpyxl.load_workbook(path, read_only=True).sheetnames
    b = Store.memory("作者B")
    merge(b, path, SIGNER)  # labels read back on that path too
    assert {r["kind"] for r in dump(b)["visit"].values()} == {"spot_check"}
    edit_cells(path, "检查记录", {(2, "状态"): None, (2, "内容哈希"): None})
    c = Store.memory("作者C")
    with pytest.raises(SheetFormatError, match=r"^检查记录!2: 状态 为空，应为以下之一：计划、草稿、已完成"):
        merge(c, path, SIGNER)
    assert dump(c)["visit"] == {}


def test_labels_come_from_the_core_tables() -> None:
    """The same words the app shows: the core's label tables (the UI's translations match
    them, qcdesk/ui/labels.py), not a copy."""
    from qcdesk.models import demonstration as dz
    from qcdesk.models import records as rec

    core = {("visit", "kind"): rec.VISIT_KIND_LABELS, ("visit", "status"): rec.VISIT_STATUS_LABELS,
            ("sample", "sampling_place"): rec.SAMPLING_PLACES,
            ("sample", "result"): rec.SAMPLE_RESULT_LABELS,
            ("sample", "retest_result"): rec.RETEST_RESULT_LABELS,
            ("finding", "severity"): rec.SEVERITY_LABELS,
            ("rectification", "rule_set"): {k: r.name for k, r in RULE_SETS.items()},
            ("rectification", "status"): rec.RECTIFICATION_STATUS_LABELS,
            ("rectification", "escalation"): dict(ESCALATION_LADDER),
            ("demonstration_zone", "kind"): dz.ZONE_KIND_LABELS,
            ("demonstration_zone", "level"): dz.ZONE_LEVEL_LABELS,
            ("demonstration_zone", "status"): dz.ZONE_STATUS_LABELS}
    for spec, f in _coded():
        assert dict(f.labels) == core[(spec.table, f.name)], (spec.sheet, f.header)


def test_a_code_this_version_does_not_know_travels_as_it_is(tmp_path: Path) -> None:
    """As before labels: a stored code without a label here (a newer version's, or written
    around the checks) is written and read back unchanged, not refused."""
    from qcdesk.models.persistence import insert_record
    from qcdesk.models.records import Visit

    a = _all_codes_db()
    with a.db.atomic():
        enterprise = a.db.execute("SELECT min(id) FROM enterprise").fetchone()[0]
        insert_record(a, Visit(enterprise_id=enterprise, visit_date="2024-06-01",
                               kind="online_check", status="planned"))
    path = tmp_path / "x.xlsx"
    export_to(a, path, SIGNER)
    assert "online_check" in _cells(path, "检查记录", "检查类型")
    b = Store.memory("作者B")
    merge(b, path, SIGNER)
    assert {r["kind"] for r in dump(b)["visit"].values()} == {*VISIT_KINDS, "online_check"}
    assert {(k, u): h for k, u, h, *_ in _heads(b)} == _source_versions(a)


def test_the_format_document_lists_every_label_and_code() -> None:
    """docs/exchange-spreadsheet.md is what the city's IT staff read: it must not drift."""
    text = (Path(__file__).parent.parent / "docs" / "exchange-spreadsheet.md").read_text("utf-8")
    rows = {line.split(" | ")[0].lstrip("| ") + "/" + line.split(" | ")[1]: line
            for line in text.splitlines() if line.count(" | ") >= 2}
    for spec, f in _coded():
        line = rows[f"{spec.sheet}/{f.header}"]
        for code, label in f.labels:
            assert f"{label} `{code}`" in line, (spec.sheet, f.header, code)
    assert "Packages exported before labels (codes in the\n  cells) are still read" in text
