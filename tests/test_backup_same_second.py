"""Two programs copying the database in the same second (the GUI and a script's `qcdesk backup`
or import): each copy is kept under its own name, and the names still list and rotate."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models import backup, snapshots
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store, StoreError

STAMP = "20261130-111859"


def add(store: Store, name: str) -> None:
    save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM inspector ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def two_programs(tmp_path: Path, monkeypatch):  # noqa: ANN201 - (gui, script) stores
    """The GUI and a script, each with its own connection to one database, in one second."""
    monkeypatch.setattr(snapshots, "_stamp", lambda: STAMP)
    gui = Store.open(tmp_path / "qcdesk.db", author="gui")
    script = Store.open(tmp_path / "qcdesk.db", author="script")
    yield gui, script
    script.close()
    gui.close()


def test_a_script_copy_made_while_the_gui_copies_is_kept_beside_it(two_programs, monkeypatch) -> None:
    """The GUI has named its copy; before it writes, `qcdesk backup` copies the same second.
    The GUI's copy used to replace the script's (one file, the script's state gone)."""
    gui, script = two_programs
    folder = gui.path.parent / "backups"
    add(gui, "甲")
    written: list[str] = []
    real_backup_to = Store.backup_to

    def script_runs_first(self: Store, target: Path) -> Path:
        monkeypatch.setattr(Store, "backup_to", real_backup_to)
        add(script, "乙")
        assert main(["backup", "--db", str(script.path)]) == 0
        written.extend(p.name for p in folder.glob("*.db"))
        add(gui, "丙")
        return real_backup_to(self, target)

    monkeypatch.setattr(Store, "backup_to", script_runs_first)
    gui_copy = backup.snapshot(gui, folder, "manual")
    script_copy = folder / written[0]
    assert gui_copy.name == f"qcdesk.manual-{STAMP}.db"
    assert script_copy.name == f"qcdesk.manual-{STAMP}-2.db"
    assert names_in(script_copy) == ["甲", "乙"]  # the script's copy, not overwritten
    assert names_in(gui_copy) == ["甲", "乙", "丙"]
    assert sorted(folder.iterdir()) == sorted([gui_copy, script_copy])  # and no side file left
    listed = backup.list_backups(folder, gui.path)
    # both restore points; the GUI's, written last, holds the newest state (丙) and lists first
    assert [b.path for b in listed] == [gui_copy, script_copy]
    backup.prune(folder, 1, gui.path)
    assert [b.path for b in backup.list_backups(folder, gui.path)] == [gui_copy]


def test_a_gui_copy_made_while_the_script_copies_is_kept_beside_it(two_programs, monkeypatch) -> None:
    """The other order: `qcdesk backup` has named its copy, the GUI's manual copy comes in
    between; the script's copy used to replace the GUI's."""
    gui, script = two_programs
    folder = gui.path.parent / "backups"
    add(script, "甲")
    real_copy = backup._copy_with_backup_api
    gui_copies: list[Path] = []

    def gui_runs_first(source: Path, part: Path, *args: object) -> None:
        monkeypatch.setattr(backup, "_copy_with_backup_api", real_copy)
        add(gui, "乙")
        gui_copies.append(backup.snapshot(gui, folder, "manual"))
        add(script, "丙")
        real_copy(source, part, *args)

    monkeypatch.setattr(backup, "_copy_with_backup_api", gui_runs_first)
    assert main(["backup", "--db", str(script.path)]) == 0
    script_copy = folder / f"qcdesk.manual-{STAMP}.db"
    assert gui_copies == [folder / f"qcdesk.manual-{STAMP}-2.db"]
    assert names_in(gui_copies[0]) == ["甲", "乙"]
    assert names_in(script_copy) == ["甲", "乙", "丙"]
    assert {b.path for b in backup.list_backups(folder, gui.path)} == {script_copy, gui_copies[0]}


def test_two_imports_in_the_same_second_each_keep_their_copy(two_programs, monkeypatch) -> None:
    """The copy before the GUI's import and the copy before a script's import."""
    gui, script = two_programs
    folder = gui.path.parent / "backups"
    add(gui, "甲")
    real_backup_to = Store.backup_to
    before_script: list[Path] = []

    def script_imports_first(self: Store, target: Path) -> Path:
        monkeypatch.setattr(Store, "backup_to", real_backup_to)
        before_script.append(backup.snapshot_before_import(script))
        add(script, "乙")  # the script's import
        return real_backup_to(self, target)

    monkeypatch.setattr(Store, "backup_to", script_imports_first)
    before_gui = backup.snapshot_before_import(gui)
    assert before_gui != before_script[0]
    assert names_in(before_script[0]) == ["甲"]  # the way back from the script's import
    assert names_in(before_gui) == ["甲", "乙"]
    assert [b.reason for b in backup.list_backups(folder, gui.path)] == ["import", "import"]


def test_programs_naming_a_copy_at_once_never_get_the_same_name(tmp_path: Path) -> None:
    """Four processes ask for a name in the same second at the same moment."""
    folder = tmp_path / "backups"
    go = tmp_path / "go"
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from qcdesk.models import snapshots\n"
        f"snapshots._stamp = lambda: {STAMP!r}\n"
        "while not Path(sys.argv[1]).exists():\n"
        "    time.sleep(0.001)\n"
        "print(snapshots.backup_name(Path('qcdesk.db'), 'import', Path(sys.argv[2])))\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(go), str(folder)],
                              stdout=subprocess.PIPE, text=True) for _ in range(4)]
    time.sleep(2.0)  # all started and waiting
    go.touch()
    names = sorted(proc.communicate(timeout=60)[0].strip() for proc in procs)
    assert all(proc.returncode == 0 for proc in procs)
    assert names == sorted(f"qcdesk.import-{STAMP}{tail}.db" for tail in ("", "-2", "-3", "-4"))


def test_a_refused_backup_leaves_no_claimed_name_behind(tmp_path: Path, monkeypatch) -> None:
    """A name claimed for a copy that is then refused (not a database) is given back."""
    monkeypatch.setattr(snapshots, "_stamp", lambda: STAMP)
    folder = tmp_path / "backups"
    not_db = tmp_path / "qcdesk.db"
    not_db.write_text("not a database", encoding="utf-8")
    out = folder / backup.backup_name(not_db, "manual", folder)
    with pytest.raises(StoreError):
        backup.copy_database(not_db, out)
    assert list(folder.iterdir()) == []
    assert backup.backup_name(not_db, "manual", folder) == out.name  # the name is free again


class Stopped(Exception):
    """The user stopped the restore."""


def test_a_restore_stopped_before_its_safety_copy_leaves_no_claimed_name(store: Store,
                                                                        tmp_path: Path) -> None:
    folder = store.path.parent / "backups"
    add(store, "甲")
    source = backup.snapshot(store, tmp_path / "elsewhere", "manual")
    add(store, "乙")
    store.close()

    def stop_at_staging(stage: str, _done: int, _total: int) -> None:
        if stage == "stage":
            raise Stopped

    with pytest.raises(Stopped):
        backup.restore(source, store.path, folder, report=stop_at_staging)
    assert not folder.exists() or list(folder.iterdir()) == []
    assert names_in(store.path) == ["甲", "乙"]
