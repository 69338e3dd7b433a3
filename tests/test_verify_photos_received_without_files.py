"""`audit verify` at an office that receives packages made without photo files (the CLI default).

Before: the county's monthly `qcdesk audit verify` failed (exit 1, 照片文件核验未通过 … 文件缺失) for
every photo row that came without its file, advised importing the package again (it never held
the file) or re-adding a photo the county does not have, and named the file `07/077e…be` without
its extension. Now a photo received in packages none of which carried its file is a note (exit 0
when nothing else is wrong) that asks the sender for a package with photo files, as the import
did; a file that did arrive, or was added here, and is gone now still fails. Real keys, packages
and imports (the offices of tests/test_photo_files_forgotten.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate
from test_photo_files_forgotten import ASK, PASS, SHA, Office, _add_photo

from qcdesk.cli import main
from qcdesk.models.store import Store

NOTE = "收到时未附照片文件"


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Office, Office]:
    """An inspector with visits and findings, and the county that trusts its key."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    insp, county = Office(tmp_path, "张三", "inspector"), Office(tmp_path, "嘉鱼县局", "county")
    s = Store.open(insp.db, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    county.trust(insp)
    return insp, county


def verify(office: Office, mp: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
           ) -> tuple[int, str]:
    mp.setenv("XDG_DATA_HOME", str(office.data))
    capsys.readouterr()
    code = main(["audit", "verify", "--db", str(office.db)])
    return code, capsys.readouterr().out


def test_a_photo_received_without_its_file_is_a_note_a_lost_file_still_fails(
        offices: tuple[Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    insp, county = offices
    _add_photo(insp)
    county.import_(monkeypatch, capsys, insp.export(monkeypatch, capsys))  # no photo files

    code, out = verify(county, monkeypatch, capsys)
    assert code == 0, out  # a routine state, not a failed audit
    assert "照片文件核验未通过" not in out and "文件缺失" not in out
    line = next(x for x in out.splitlines() if "检查发现" in x)
    assert NOTE in line and "现场.jpg" in line
    assert f"{SHA[:2]}/{SHA}.jpg" in line  # the file named as it is stored, with its extension
    assert ASK in out and "--attachments" in out  # ask the sender, as the import did
    assert "再次导入该数据包" not in out and "删除该照片后重新添加" not in out

    # the sender's package with photo files brings it: intact, no note
    county.import_(monkeypatch, capsys, insp.export(monkeypatch, capsys, "--attachments"))
    code, out = verify(county, monkeypatch, capsys)
    assert code == 0 and "照片文件完整：1 个照片文件与其 SHA-256 相符" in out and NOTE not in out

    # the file came and is gone now: lost here, a failure with the file's full name
    county.photo_file().unlink()
    code, out = verify(county, monkeypatch, capsys)
    assert code == 1 and "照片文件核验未通过" in out and NOTE not in out
    line = next(x for x in out.splitlines() if "检查发现" in x)
    assert "文件缺失 (photo file missing)" in line and f"{SHA[:2]}/{SHA}.jpg" in line


def test_the_inspectors_own_photo_lost_still_fails(
        offices: tuple[Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    insp, _county = offices
    _add_photo(insp)
    insp.export(monkeypatch, capsys)  # sent without the file: it is still the inspector's own
    insp.photo_file().unlink()
    code, out = verify(insp, monkeypatch, capsys)
    assert code == 1 and "照片文件核验未通过" in out and NOTE not in out
    assert f"{SHA[:2]}/{SHA}.jpg" in out
