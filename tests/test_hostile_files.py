"""Hostile files: damaged, foreign or malicious packages and enterprise lists.

Whatever the file, `qcdesk import` / `qcdesk roster import` end with exit 0 (imported) or exit 2
and one clear line (refused) — never a traceback or an "internal error" — and a refused file
leaves the database exactly as it was (`iterdump()` before == after). What is imported is
audited (the chain verifies afterwards).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from qcdesk.cli import main
from qcdesk.models import audit
from qcdesk.models.amendments import record_history
from qcdesk.models.store import Store
from tests.exchange_fixtures import populate

PASSPHRASE = "hostile-files-passphrase-2026"
FUZZ = settings(max_examples=20, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class InternalError(AssertionError):
    """The command escaped with an internal error instead of a clear refusal."""


def dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


class World:
    """A signed package from an inspector and a county database that trusts the inspector."""

    def __init__(self, root: Path):
        self.root = root
        secret = root / "secret.txt"
        secret.write_text(PASSPHRASE, encoding="utf-8")
        keys = root / "keys"
        assert main(["keygen", "--name", "王磊", "--jurisdiction", "421202", "--out", str(keys), "--light",
                     "--passphrase-file", str(secret)]) == 0
        self.key = next(keys.glob("*.key"))
        sender = root / "sender.db"
        store = Store.open(sender, author="inspector")
        populate(store, n_enterprises=2, visits_each=1)
        store.close()
        out = root / "out"
        out.mkdir()
        assert main(["export", "--db", str(sender), "--key", str(self.key), "--out", str(out),
                     "--name", "王磊", "--jurisdiction", "421202", "--full",
                     "--passphrase-file", str(secret)]) == 0
        self.package = next(out.glob("*.zip"))
        self.template = root / "county.db"
        Store.open(self.template, author="county").close()
        assert main(["trust", "add", str(next(keys.glob("*.pub"))), "--db", str(self.template), "--yes",
                     "--role", "inspector", "--name", "王磊", "--jurisdiction", "421202"]) == 0
        self.secret_file = secret
        self.count = 0

    def secret_key(self):  # noqa: ANN201 - unlocked once: the KDF is deliberately slow
        from qcdesk.exchange.minisign import load_secret_key

        if not hasattr(self, "_secret"):
            self._secret = load_secret_key(self.key, PASSPHRASE)
        return self._secret

    def fresh_db(self) -> Path:
        self.count += 1
        db = self.root / f"county-{self.count}.db"
        shutil.copy(self.template, db)
        return db


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return World(tmp_path_factory.mktemp("hostile"))


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str], db: Path) -> tuple[int, str]:
    """Run the command; a refusal must leave `db` unchanged and be one clear line."""
    before = dump(db)
    code = main(argv)
    err = capsys.readouterr().err
    if code != 0:
        assert dump(db) == before, err  # no damage, whatever the failure
    if code not in (0, 2) or "Traceback" in err or "内部错误" in err:
        raise InternalError(err)
    if code == 2:
        assert err.startswith("qcdesk: ") and err.count("\n") == 1, err
    return code, err


def check_import(world: World, package: Path, capsys: pytest.CaptureFixture[str]) -> int:
    db = world.fresh_db()
    code, err = run_cli(["import", str(package), "--db", str(db)], capsys, db)
    if code == 0:
        store = Store.open(db)
        report = audit.verify(store)
        store.close()
        assert report.ok, [p.text() for p in report.problems[:3]]
    db.unlink()
    return code


def test_the_genuine_package_imports_and_is_audited(world: World, capsys) -> None:
    db = world.fresh_db()
    code, err = run_cli(["import", str(world.package), "--db", str(db)], capsys, db)
    assert code == 0, err
    with sqlite3.connect(db) as conn:  # the import put its insert triggers back (before any reopen)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"audit_visit_ins", "audit_sample_ins", "audit_enterprise_ins"} <= names
    store = Store.open(db)
    assert audit.verify(store).ok
    # the package's new rows are adopted by ONE sealed entry naming the package (not one each)
    entries = store.db.execute("SELECT new_json, note FROM audit_log WHERE op = 'baseline' AND via = 'app' "
                               "AND chain_no IS NOT NULL AND note LIKE '导入数据包%'").fetchall()
    assert len(entries) == 1 and json.loads(entries[0][0])["rows"]["visit"] == 2
    # ... and the signed package itself is kept next to the database, named in that entry
    sha = hashlib.sha256(world.package.read_bytes()).hexdigest()
    kept = [p for p in (db.parent / "received").iterdir() if p.name.startswith(sha[:16])]
    assert len(kept) == 1 and kept[0].read_bytes() == world.package.read_bytes()
    assert f"received/{kept[0].name}" in entries[0][1]
    visit_uuid = store.db.execute("SELECT uuid FROM visit ORDER BY id LIMIT 1").fetchone()[0]
    history = record_history(store, "visit", visit_uuid)
    # only the import: a link filled in later in the same import is part of what was adopted;
    # its lines show the values the visit came with, like a created record's
    assert {line.op for line in history} == {"import"} and history[0].note.startswith("导入数据包")
    summary = store.db.execute("SELECT summary FROM visit WHERE uuid = ?", [visit_uuid]).fetchone()[0]
    assert [line.new for line in history if line.field == "summary"] == [summary]
    assert all(line.sealed for line in history)
    store.close()
    # an imported row changed afterwards by another program is still caught
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER audit_visit_upd")
        conn.execute("UPDATE visit SET summary = 'forged' WHERE uuid = ?", [visit_uuid])
    store = Store.open(db)
    report = audit.verify(store)
    assert not report.ok and any(p.row_uuid == visit_uuid for p in report.problems)
    store.close()


@FUZZ
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1,
                      max_size=4),
       cut=st.one_of(st.none(), st.floats(0, 1, exclude_max=True)))
def test_damaged_package_bytes_are_refused(world: World, capsys, flips, cut) -> None:
    data = bytearray(world.package.read_bytes())
    for where, xor in flips:
        data[int(where * len(data))] ^= xor
    if cut is not None:
        data = data[: int(cut * len(data))]
    bad = world.root / "damaged.zip"
    bad.write_bytes(bytes(data))
    check_import(world, bad, capsys)


def _zip(members: dict[str, bytes], **kwargs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", **kwargs) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _duplicate(members: dict[str, bytes], name: str, data: bytes) -> bytes:
    """The genuine members plus a second member of the same name (readers differ on which wins)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buffer, "w") as zf:
            for member, content in members.items():
                zf.writestr(member, content)
            zf.writestr(name, data)
    return buffer.getvalue()


def test_malicious_zip_structures_are_refused(world: World, capsys) -> None:
    with zipfile.ZipFile(world.package) as zf:
        genuine = {name: zf.read(name) for name in zf.namelist()}
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.xlsx", b"\0" * (64 << 20))  # 64 MiB of zeros, a few KB compressed
    cases = {
        "empty": b"",
        "not a zip": b"MZ\x90\x00 this is a program, not a package" * 50,
        "traversal": _zip({**genuine, "../../evil.txt": b"x", "/etc/passwd": b"x"}),
        "swapped data": _zip({**genuine, "data.xlsx": genuine["manifest.json"]}),
        "missing signature": _zip({k: v for k, v in genuine.items() if not k.endswith(".minisig")}),
        "extra member": _zip({**genuine, "photos/x.jpg": b"\xff\xd8\xff"}),
        "bomb": bomb.getvalue(),
        "nested zip": _zip({"package.zip": world.package.read_bytes()}),
        "duplicate names": _duplicate(genuine, "data.xlsx", b"evil"),
    }
    for name, data in cases.items():
        bad = world.root / f"{name.replace(' ', '_')}.zip"
        bad.write_bytes(data)
        assert check_import(world, bad, capsys) == 2, name
    assert not (world.root.parent / "evil.txt").exists()


@settings(FUZZ, max_examples=15, phases=[Phase.explicit, Phase.generate])
@given(cells=st.lists(st.tuples(st.integers(0, 6), st.integers(2, 4), st.integers(1, 40),
                                st.one_of(st.text(max_size=300), st.integers(-10**12, 10**12),
                                          st.floats(allow_nan=True), st.none(), st.booleans(),
                                          st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\")", "2024-13-45",
                                                           "\x00\x1b[31m", "null", "[]", "{}", "-1"]))),
                      min_size=1, max_size=6))
def test_signed_package_with_hostile_workbook(world: World, capsys, cells) -> None:
    """A trusted signer (or a stolen key) sends nonsense in the cells: refused cleanly or imported."""
    from openpyxl import load_workbook

    from qcdesk.exchange.package import build_package

    work = world.root / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    with zipfile.ZipFile(world.package) as zf:
        zf.extract("data.xlsx", work)
    book = load_workbook(work / "data.xlsx")
    for sheet_no, row, column, value in cells:
        sheet = book.worksheets[sheet_no % len(book.worksheets)]
        if isinstance(value, str):
            value = "".join(ch for ch in value if ch.isprintable() or ch in "\n\t") or value[:0]
        try:
            sheet.cell(row=row, column=column, value=value)
        except (ValueError, TypeError):  # openpyxl refuses some characters itself
            sheet.cell(row=row, column=column, value="?")
    book.save(work / "data.xlsx")
    package = build_package(work / "out", {"data.xlsx": work / "data.xlsx"},
                            {"period_from": "2024-01-01", "period_to": "2024-12-31", "record_counts": {}},
                            world.secret_key(), signer_name="王磊", jurisdiction="421202", role="inspector",
                            sequence=1, previous_package_sha256=None)
    check_import(world, package, capsys)


def _signed_with_cell(world: World, sheet: str, row: int, header: str, value: object) -> Path:
    """The package re-signed with one cell of `sheet` changed, found by its header (sheet order
    and column positions are free to change; names are what readers go by)."""
    from openpyxl import load_workbook

    from qcdesk.exchange.package import build_package

    work = world.root / f"known-{sheet}-{row}-{header}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    with zipfile.ZipFile(world.package) as zf:
        zf.extract("data.xlsx", work)
    book = load_workbook(work / "data.xlsx")
    target = book[sheet]
    column = 1 + [cell.value for cell in target[1]].index(header)
    target.cell(row=row, column=column, value=value)
    book.save(work / "data.xlsx")
    return build_package(work / "out", {"data.xlsx": work / "data.xlsx"},
                         {"period_from": "2024-01-01", "period_to": "2024-12-31", "record_counts": {}},
                         world.secret_key(), signer_name="王磊", jurisdiction="421202", role="inspector",
                         sequence=1, previous_package_sha256=None)


@pytest.mark.parametrize("sheet, row, column, value", [
    ("检查记录", 2, "检查日期", 0),  # 0 in a date-formatted cell: calamine reads a time
    ("检查人员", 4, "记录ID", "2024-13-45"),  # a row with only a record id (every other cell empty)
], ids=["time-cell", "id-only-row"])
def test_time_cells_and_id_only_rows_are_refused_without_damage(world: World, capsys, sheet, row, column,
                                                                 value) -> None:
    """Once internal errors (time cell not JSON-serialisable; NOT NULL revision): now one clear
    line, exit 2, and the database unchanged (run_cli compares the dump)."""
    db = world.fresh_db()
    code, err = run_cli(["import", str(_signed_with_cell(world, sheet, row, column, value)), "--db", str(db)],
                        capsys, db)
    assert code == 2, err
    assert "内容哈希不符" in err or "为空" in err, err


@pytest.mark.parametrize("content", [b"not a spreadsheet", b"PK\x03\x04" + b"\0" * 64],
                         ids=["text", "broken-zip"])
def test_a_signed_data_member_that_is_no_spreadsheet_is_refused_in_words(
        world: World, capsys, content: bytes) -> None:
    """A trusted key signed a data.xlsx calamine cannot open (a broken exporter, a stolen key):
    once a CalamineError traceback, now the reason in one line and nothing imported."""
    from qcdesk.exchange.package import build_package

    work = world.root / f"no-sheet-{len(content)}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    (work / "data.xlsx").write_bytes(content)
    package = build_package(work / "out", {"data.xlsx": work / "data.xlsx"},
                            {"period_from": "2024-01-01", "period_to": "2024-12-31",
                             "record_counts": {}},
                            world.secret_key(), signer_name="王磊", jurisdiction="421202",
                            role="inspector", sequence=1, previous_package_sha256=None)
    db = world.fresh_db()
    code, err = run_cli(["import", str(package), "--db", str(db)], capsys, db)
    assert code == 2, err
    assert "数据表无法读取" in err, err


# --- enterprise lists (roster) -------------------------------------------------------------

def _roster_file(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    from qcdesk.models.roster import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in COLUMNS])
    for row in rows:
        safe = []
        for value in row:
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable())
            safe.append(value)
        sheet.append(safe)
    book.save(path)
    return path


def check_roster(world: World, path: Path, capsys) -> int:
    db = world.fresh_db()
    code, _err = run_cli(["roster", "import", str(path), "--db", str(db)], capsys, db)
    if code == 0:
        store = Store.open(db)
        assert audit.verify(store).ok
        store.close()
    db.unlink()
    return code


PLAUSIBLE = ["91421281MA4KL5FE07", "91421202MA4AEDKU8T", "421281", "咸安区", "SC11442128100017",
             "XK16-204-00001", "2027年5月31日", "45000", "=A1", "是", "否"]
CELL = st.one_of(st.text(max_size=60), st.integers(-10**15, 10**15), st.floats(allow_nan=False), st.none(),
                 st.sampled_from(PLAUSIBLE))


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=16), min_size=0, max_size=8))
def test_roster_with_hostile_cells(world: World, capsys, rows) -> None:
    check_roster(world, _roster_file(world.root / "roster.xlsx", rows), capsys)


@FUZZ
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), max_size=4),
       cut=st.one_of(st.none(), st.floats(0, 1, exclude_max=True)))
def test_roster_damaged_bytes(world: World, capsys, flips, cut) -> None:
    good = _roster_file(world.root / "good-roster.xlsx",
                        [["91421281MA4KL5FE07", "赤壁市羊楼洞茶业有限公司", "赤壁市"]])
    data = bytearray(good.read_bytes())
    for where, xor in flips:
        data[int(where * len(data))] ^= xor
    if cut is not None:
        data = data[: int(cut * len(data))]
    bad = world.root / "damaged-roster.xlsx"
    bad.write_bytes(bytes(data))
    check_roster(world, bad, capsys)


def test_roster_foreign_files_are_refused(world: World, capsys) -> None:
    cases = {
        "package.xlsx": world.package.read_bytes(),  # a zip, but not a spreadsheet
        "empty.xlsx": b"",
        "text.csv": "统一社会信用代码,企业名称\n91421281MA4KL5FE07,赤壁\n".encode("gbk"),
        "ole.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000,
    }
    for name, data in cases.items():
        path = world.root / name
        path.write_bytes(data)
        assert check_roster(world, path, capsys) == 2, name
