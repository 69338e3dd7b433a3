"""A spreadsheet with one stray value in a far cell (XFD1048576, I150000): once the whole
process aborted (calamine asked for 549 GB: "memory allocation … failed", exit 134, unsaved work
lost) or spent seconds and half a GB on empty cells. Now the roster import refuses it in one
Chinese line saying where the stray content is and what to do, the GUI stays up, and a far cell
on a sheet that is not the list does not stand in the way. The package import, which reads its
data.xlsx with calamine too, refuses such a sheet instead of aborting.

Whatever could abort runs in a child process: an abort must fail one test, not end the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from qcdesk.cli import main
from qcdesk.models.roster import RosterFileError, plan_roster_import
from qcdesk.models.store import Store

ROOT = Path(__file__).resolve().parents[1]
ROW = ["91421221MA4E3XHX15", "嘉鱼县测试管材有限公司", "嘉鱼县"]


def far_roster(tmp_path: Path, cell: str, sheet: str = "企业名录") -> Path:
    """The enterprise template with one valid row and "x" in `cell` of `sheet` (as a clerk's
    stray keystroke, or a pasted column that reached the bottom of the sheet)."""
    template = tmp_path / "template.xlsx"
    if not template.exists():
        assert main(["roster", "template", "--out", str(template)]) == 0
    book = load_workbook(template)
    book["企业名录"].append(ROW)
    book[sheet][cell] = "x"
    out = tmp_path / f"far_{sheet}_{cell}.xlsx"
    book.save(out)
    return out


def run(args: list[str], tmp_path: Path, code: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
           "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "0"}
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, str(ROOT / "main.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=240)


def test_a_stray_value_in_the_last_cell_is_refused_in_words_not_an_abort(tmp_path: Path) -> None:
    path = far_roster(tmp_path, "XFD1048576")
    db = tmp_path / "county.db"
    Store.open(db).close()
    before = db.read_bytes()
    done = run(["roster", "import", "--dry-run", str(path), "--db", str(db)], tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "表格过大" in lines[0] and "XFD" in lines[0] and "1048576" in lines[0], lines[0]
    assert "删除" in lines[0] and "企业名录" in lines[0], lines[0]
    assert "memory allocation" not in done.stderr
    assert db.read_bytes() == before


def test_a_far_cell_on_another_sheet_does_not_stop_the_list(tmp_path: Path) -> None:
    """The stray value is on the 说明 sheet: the list itself is read and imported."""
    path = far_roster(tmp_path, "XFD1048576", sheet="说明")
    db = tmp_path / "county.db"
    Store.open(db).close()
    done = run(["roster", "import", str(path), "--db", str(db)], tmp_path)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    store = Store.open(db)
    try:
        names = [r[0] for r in store.db.execute("SELECT name FROM enterprise WHERE deleted_at IS NULL")]
    finally:
        store.close()
    assert names == [ROW[1]]


def test_a_long_empty_stretch_down_to_a_stray_value_is_refused_before_reading(tmp_path: Path) -> None:
    """I150000 (the list's own columns, 150,000 rows down): refused, in the rows' words, without
    the file's cells being read into memory."""
    path = far_roster(tmp_path, "I150000")
    store = Store.open(tmp_path / "c.db")
    try:
        with pytest.raises(RosterFileError) as caught:
            plan_roster_import(store, path)
    finally:
        store.close()
    text = caught.value.text("zh")
    assert "表格过大" in text and "150000" in text and "（I 列）" in text, text


GUI = r"""
import sys, time
from pathlib import Path
from typing import Any
from PySide6.QtWidgets import QApplication, QMessageBox
from qcdesk.models.store import Store
from qcdesk.ui import app as uiapp
from qcdesk.ui.roster_import_dialog import RosterImportDialog
app = uiapp.make_app()
QMessageBox.warning = staticmethod(lambda parent, title, text, *a: print("BOX", text, flush=True))
store = Store.open(Path(sys.argv[1]))
dialog = RosterImportDialog(store)
dialog.show()
dialog.load_file(Path(sys.argv[2]))
end = time.time() + 120
while time.time() < end and "过大" not in dialog.summary.text():
    app.processEvents()
    time.sleep(0.05)
for _ in range(20):
    app.processEvents(); time.sleep(0.05)
print("SUMMARY", dialog.summary.text(), flush=True)
print("ALIVE", flush=True)
"""


def test_the_gui_import_dialog_says_so_and_stays_up(tmp_path: Path) -> None:
    path = far_roster(tmp_path, "XFD1048576")
    db = tmp_path / "county.db"
    Store.open(db).close()
    done = run([str(db), str(path)], tmp_path, code=GUI)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "ALIVE" in done.stdout
    assert "表格过大" in done.stdout and "XFD" in done.stdout, done.stdout


def test_a_signed_package_whose_sheet_reaches_xfd_is_refused_not_aborted(tmp_path: Path) -> None:
    """The package import's reader (calamine, in a helper thread) had the same hole: the
    package's size and ratio limits do not see one far cell. A trusted key signed it (a broken
    exporter, a stolen key): refused in one line, the database unchanged."""
    from qcdesk.exchange.package import build_package
    from tests.test_hostile_files import World, dump

    (tmp_path / "world").mkdir()
    world = World(tmp_path / "world")
    work = tmp_path / "far"
    work.mkdir()
    with zipfile.ZipFile(world.package) as zf:
        zf.extract("data.xlsx", work)
    book = load_workbook(work / "data.xlsx")
    book["检查记录"]["XFD1048576"] = "x"
    book.save(work / "data.xlsx")
    package = build_package(work / "out", {"data.xlsx": work / "data.xlsx"},
                            {"period_from": "2024-01-01", "period_to": "2024-12-31", "record_counts": {}},
                            world.secret_key(), signer_name="王磊", jurisdiction="421202",
                            role="inspector", sequence=1, previous_package_sha256=None)
    db = tmp_path / "county.db"
    shutil.copy(world.template, db)
    before = dump(db)
    done = run(["import", str(package), "--db", str(db)], tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "数据表过大" in done.stderr and "检查记录" in done.stderr and "XFD" in done.stderr, done.stderr
    assert "memory allocation" not in done.stderr
    assert dump(db) == before


def test_a_far_cell_in_xml_too_broken_to_parse_is_still_measured(tmp_path: Path) -> None:
    """calamine's XML reader is more lenient than expat: a sheet expat cannot parse is measured
    by its cell references, so its far cell is refused all the same (never None: "unknown")."""
    from qcdesk.models.roster_files import ROSTER_LIMITS
    from qcdesk.models.sheet_extent import sheet_extents

    path = far_roster(tmp_path, "XFD1048576")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData><junk a=1>", 1)
            zout.writestr(info, data)
    extents = sheet_extents(broken, ROSTER_LIMITS)
    assert extents is not None and not extents["企业名录"].within(ROSTER_LIMITS)
    assert (extents["企业名录"].rows, extents["企业名录"].columns) == (1048576, 16384)


SPY = r"""
import sys
from qcdesk.exchange import sheet_reader
real = sheet_reader.CalamineWorkbook
class Book:
    def __init__(self, book):
        self._book = book
        self.sheet_names = book.sheet_names
    def get_sheet_by_name(self, name):
        print("CALAMINE", name, flush=True)
        return self._book.get_sheet_by_name(name)
class Spy:
    @staticmethod
    def from_path(path):
        return Book(real.from_path(path))
sheet_reader.CalamineWorkbook = Spy
from qcdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _package_with(tmp_path: Path, pick: Any, cell: str) -> tuple[Path, Path, str, Any]:
    """A signed package whose data.xlsx has "x" in `cell` of the sheet `pick(names)` chooses
    among the data sheets (workbook order), a county database trusting it, the sheet's name."""
    from qcdesk.exchange.package import build_package
    from qcdesk.exchange.workbook import SPEC_BY_SHEET
    from tests.test_hostile_files import World, dump

    (tmp_path / "world").mkdir()
    world = World(tmp_path / "world")
    work = tmp_path / "far"
    work.mkdir()
    with zipfile.ZipFile(world.package) as zf:
        zf.extract("data.xlsx", work)
    book = load_workbook(work / "data.xlsx")
    sheet = pick([name for name in book.sheetnames if name in SPEC_BY_SHEET])
    assert book[sheet].max_row >= 3 or cell.endswith("1048576"), "the cell must sit amid rows"
    book[sheet][cell] = "x"
    book.save(work / "data.xlsx")
    package = build_package(work / "out", {"data.xlsx": work / "data.xlsx"},
                            {"period_from": "2024-01-01", "period_to": "2024-12-31", "record_counts": {}},
                            world.secret_key(), signer_name="王磊", jurisdiction="421202",
                            role="inspector", sequence=1, previous_package_sha256=None)
    db = tmp_path / "county.db"
    shutil.copy(world.template, db)
    return package, db, sheet, dump


@pytest.mark.parametrize(("pick", "cell"), [
    (lambda names: names[-1], "XFD1048576"),  # the last sheet calamine is asked for
    (lambda names: names[0], "XFD2"),  # row 2 of the enterprises, rows follow it in the XML
], ids=["last-sheet", "middle-of-sheet"])
def test_a_far_cell_anywhere_is_refused_before_calamine_builds_its_sheet(
        tmp_path: Path, pick: Any, cell: str) -> None:
    """The sheets are measured on a helper thread while calamine parses the ones before them:
    the last sheet, and a far cell amid the rows of a sheet, are still refused in words, and
    calamine is never asked for that sheet (it would abort the process)."""
    package, db, sheet, dump = _package_with(tmp_path, pick, cell)
    before = dump(db)
    done = run(["import", str(package), "--db", str(db)], tmp_path, code=SPY)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "数据表过大" in done.stderr and f"工作表“{sheet}”" in done.stderr, done.stderr
    assert "第 16384 列（XFD 列）" in done.stderr, done.stderr  # the extent, as far as XFD
    assert f"CALAMINE {sheet}\n" not in done.stdout, done.stdout
    assert "memory allocation" not in done.stderr
    assert dump(db) == before


def test_the_first_sheet_is_read_while_later_sheets_are_still_measured(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What made the check cheap: calamine and the merge start on the first sheet while the
    later (large) sheets are measured; before, every sheet was measured first (about the time
    of calamine's own reference read added to the import)."""
    import threading

    from qcdesk.exchange.sheet_feed import fed_chunks, start_reading
    from qcdesk.models import sheet_extent
    from tests.test_hostile_files import World

    world = World(tmp_path)
    with zipfile.ZipFile(world.package) as zf:
        zf.extract("data.xlsx", tmp_path)
    release, measured = threading.Event(), []
    scan = sheet_extent._xlsx_far

    def slow_after_the_first(zf: zipfile.ZipFile, member: str, pattern: Any) -> bool:
        measured.append(member)
        if len(measured) > 1:
            assert release.wait(60)
        return scan(zf, member, pattern)

    monkeypatch.setattr(sheet_extent, "_xlsx_far", slow_after_the_first)
    first: list[Any] = []

    def read() -> None:
        chunks = fed_chunks(tmp_path / "data.xlsx", "B0B0B0B0B0B0B0B0", start_reading(tmp_path / "data.xlsx"))
        first.append(next(chunks))
        release.wait(60)
        first.extend(chunks)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while not first and time.monotonic() < deadline:
            time.sleep(0.02)
        assert first and first[0][0] == "enterprise", "the first sheet waited for every sheet's measure"
        assert not release.is_set() and len(measured) == 2  # the second sheet is still being measured
    finally:
        release.set()
        reader.join(60)
    assert len(first) > 1 and all(error is None for *_rest, error in first)


@pytest.mark.parametrize("cell", [
    '<c\tr="XFD1048576" t="inlineStr">',  # any XML white space separates attributes
    '<c\nr="XFD1048576" t="inlineStr">',
    "<c r='XFD1048576' t=\"inlineStr\">",  # single quotes
    '<c t="inlineStr" r="XFD1048576">',  # the reference not first
    '<x:c r="XFD1048576" t="inlineStr" xmlns:x="urn:x">',  # calamine goes by the local name
    '<c r="xfd1048576" t="inlineStr">',  # lower case is read the same
    '<c r="BM1" t="inlineStr">',  # column 65: just past 64
])
def test_every_way_of_writing_a_far_cell_is_measured(tmp_path: Path, cell: str) -> None:
    """The fast scan lets through only cells written as `<c r="B7"` within the limits; any
    other way of writing a cell (which calamine reads all the same) makes the sheet measured.
    A tab before r= once went unseen."""
    from qcdesk.exchange.sheet_feed import PACKAGE_SHEET_LIMITS
    from qcdesk.models.sheet_extent import sheet_extents

    path = far_roster(tmp_path, "B3")
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(odd, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                close = "</x:c>" if cell.startswith("<x:") else "</c>"
                far = f"{cell}<is><t>x</t></is>{close}".encode()
                at = data.index(b"</row>") # the far cell in the first row, rows follow it
                data = data[:at] + far + data[at:]
            zout.writestr(info, data)
    extents = sheet_extents(odd, PACKAGE_SHEET_LIMITS)
    assert extents is not None and not extents["企业名录"].within(PACKAGE_SHEET_LIMITS), extents
    assert extents["企业名录"].columns == (65 if "BM1" in cell else 16384)


def test_a_sheet_of_our_own_writer_passes_the_fast_scan(tmp_path: Path) -> None:
    """A package's sheets as the exporter writes them are never measured cell by cell (that
    would cost seconds on a county's package): the scan alone passes them."""
    from qcdesk.exchange.sheet_feed import PACKAGE_SHEET_LIMITS
    from qcdesk.models import sheet_extent
    from tests.test_hostile_files import World

    world = World(tmp_path)
    with zipfile.ZipFile(world.package) as zf:
        zf.extract("data.xlsx", tmp_path)
    suspect = sheet_extent._suspect(PACKAGE_SHEET_LIMITS)
    with zipfile.ZipFile(tmp_path / "data.xlsx") as zf:
        members = [m for _name, m in sheet_extent.xlsx_members(zf)]
        assert members and all(m is not None for m in members)
        assert not any(sheet_extent._xlsx_far(zf, m, suspect) for m in members if m)



@pytest.mark.parametrize("form", ["/xl/worksheets/", "worksheets/", "xl/worksheets/", "./worksheets/",
                                  "../xl/worksheets/"])
def test_every_sheet_calamine_finds_is_one_the_measuring_finds(tmp_path: Path, form: str) -> None:
    """Relationship targets can be written several ways; a sheet calamine locates but the
    measuring did not would reach calamine unmeasured (a far cell there would abort). So for
    each way: if calamine reads the sheet, the measuring located it too. (Checked: calamine
    0.x reads "/xl/…" and "worksheets/…", not "xl/…" as written.)"""
    from python_calamine import CalamineWorkbook

    from qcdesk.exchange.sheet_feed import PACKAGE_SHEET_LIMITS
    from qcdesk.models.sheet_extent import sheet_extents

    path = far_roster(tmp_path, "B3")
    out = tmp_path / "targets.xlsx"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b'Target="/xl/worksheets/', f'Target="{form}'.encode())
            zout.writestr(info, data)
    try:
        CalamineWorkbook.from_path(str(out)).get_sheet_by_name("企业名录").to_python()
    except Exception:  # noqa: BLE001 - calamine does not find it: nothing reaches it unmeasured
        return
    extents = sheet_extents(out, PACKAGE_SHEET_LIMITS)
    assert extents is not None and "企业名录" in extents, (form, extents)
