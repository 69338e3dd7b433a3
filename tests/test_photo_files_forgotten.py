"""A photo whose first package went without its file still reaches the county and the city.

The review (/tmp/rra s/08*): an inspector adds a photo, exports without --attachments (the CLI
default), then with it; the second package carried no file, the county imported the row without
its file and said nothing, and its --attachments export left the file out, so the city had a
photo with no image. Now a package made with photo files carries every live file this database
has not sent in an earlier package of its signer, and an import says when photo rows came
without their files. Real keys, real packages, real imports, each office its own photo folder."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models import trust_store
from qcdesk.models.persistence import insert_record, update_record
from qcdesk.models.records import Photo, Visit
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"
CONTENT = b"\xff\xd8\xff\xe0 photo taken on site"
SHA = hashlib.sha256(CONTENT).hexdigest()


class Office:
    """One desk: its database, its key and its own data folder (photos live there)."""

    def __init__(self, tmp: Path, name: str, role: str, area: str = "421221") -> None:
        self.tmp, self.name, self.role = tmp, name, role
        self.db, self.data = tmp / f"{role}.db", tmp / f"xdg-{role}"
        self.out = tmp / f"out-{role}"
        self.out.mkdir()
        assert main(["keygen", "--name", name, "--jurisdiction", area, "--role", role,
                     "--out", str(tmp / "keys"), "--light", "--passphrase-file",
                     str(tmp / "pw.txt")]) == 0
        self.key = tmp / "keys" / f"{area}_{name}.key"
        self.pub = tmp / "keys" / f"{area}_{name}.pub"

    def photo_file(self) -> Path:
        return self.data / "QCDesk" / "photos" / SHA[:2] / f"{SHA}.jpg"

    def trust(self, other: Office) -> None:
        s = Store.open(self.db)
        trust_store.add_key(s, PublicKey.load(other.pub), name=other.name, role=other.role)
        s.close()

    def export(self, mp: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
               *extra: str) -> Path:
        mp.setenv("XDG_DATA_HOME", str(self.data))
        capsys.readouterr()
        assert main(["export", "--db", str(self.db), "--key", str(self.key), "--out",
                     str(self.out), "--passphrase-file", str(self.tmp / "pw.txt"), *extra]) == 0
        return Path(capsys.readouterr().out.strip())

    def import_(self, mp: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pkg: Path,
                *extra: str) -> str:
        mp.setenv("XDG_DATA_HOME", str(self.data))
        capsys.readouterr()
        assert main(["import", str(pkg), "--db", str(self.db), *extra]) == 0
        return capsys.readouterr().out


def _photos(pkg: Path) -> set[str]:
    return {n for n in zipfile.ZipFile(pkg).namelist() if n.startswith("photos/")}


def _add_photo(office: Office) -> None:
    office.photo_file().parent.mkdir(parents=True, exist_ok=True)
    office.photo_file().write_bytes(CONTENT)
    s = Store.open(office.db, author="insp-uuid")
    fid = s.db.execute("SELECT id FROM finding ORDER BY id LIMIT 1").fetchone()[0]
    with s.db.atomic():
        insert_record(s, Photo(finding_id=fid, sha256=SHA, file_name="现场.jpg"))
    s.close()


def _edit_visit(office: Office, text: str) -> None:
    s = Store.open(office.db, author="insp-uuid")
    v = Visit.from_row(next(s.db.query("SELECT * FROM visit ORDER BY id LIMIT 1")))
    v.summary = text
    with s.db.atomic():
        update_record(s, v)
    s.close()


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Office, Office, Office]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    insp = Office(tmp_path, "张三", "inspector")
    county = Office(tmp_path, "嘉鱼县局", "county")
    city = Office(tmp_path, "咸宁市局", "city", "421200")
    s = Store.open(insp.db, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    county.trust(insp)
    city.trust(county)
    return insp, county, city


MISSING = "照片文件缺失 1 张"
ASK = "请发件方导出时勾选“包含照片文件”"


def test_forgot_then_attachments_reaches_county_and_city(
        offices: tuple[Office, Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    insp, county, city = offices
    first = insp.export(monkeypatch, capsys, "--attachments")  # an office that exported before
    county.import_(monkeypatch, capsys, first)
    county_first = county.export(monkeypatch, capsys, "--attachments")
    city.import_(monkeypatch, capsys, county_first)

    _add_photo(insp)
    forgot = insp.export(monkeypatch, capsys)  # the CLI default: no photo files
    assert _photos(forgot) == set()
    with_files = insp.export(monkeypatch, capsys, "--attachments")
    assert _photos(with_files) == {f"photos/{SHA}.jpg"}  # was empty: the row went before

    # the county imports the first alone: the row without its file is said, not silent
    out = county.import_(monkeypatch, capsys, forgot)
    assert MISSING in out and ASK in out
    # passed on before the file came: the city is told too, and nothing is recorded as sent
    county_rows = county.export(monkeypatch, capsys, "--attachments")
    assert _photos(county_rows) == set()
    out = city.import_(monkeypatch, capsys, county_rows)
    assert MISSING in out
    assert not city.photo_file().exists()

    # the file comes for a row the county already holds (未变): kept, and it goes on
    out = county.import_(monkeypatch, capsys, with_files)
    assert "照片文件缺失" not in out
    assert county.photo_file().read_bytes() == CONTENT
    county_on = county.export(monkeypatch, capsys, "--attachments")
    assert _photos(county_on) == {f"photos/{SHA}.jpg"}
    out = city.import_(monkeypatch, capsys, county_on)
    assert "照片文件缺失" not in out
    assert city.photo_file().read_bytes() == CONTENT

    # sent once: the next change packages of either office carry no photo file again
    _edit_visit(insp, "摘要已修改")
    assert _photos(insp.export(monkeypatch, capsys, "--attachments")) == set()
    _edit_visit(county, "县局修改摘要")
    assert _photos(county.export(monkeypatch, capsys, "--attachments")) == set()


def test_the_full_remedy_goes_on_to_the_city(
        offices: tuple[Office, Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """s/08c: the inspector's --full --attachments reaches the county, whose next change
    package (--attachments) carried 0 files."""
    insp, county, city = offices
    county.import_(monkeypatch, capsys, insp.export(monkeypatch, capsys))
    _add_photo(insp)
    county.import_(monkeypatch, capsys, insp.export(monkeypatch, capsys))
    city.import_(monkeypatch, capsys, county.export(monkeypatch, capsys, "--attachments"))
    assert not city.photo_file().exists()
    county.import_(monkeypatch, capsys, insp.export(monkeypatch, capsys, "--full",
                                                    "--attachments"))
    assert county.photo_file().read_bytes() == CONTENT
    change = county.export(monkeypatch, capsys, "--attachments")
    assert _photos(change) == {f"photos/{SHA}.jpg"}
    city.import_(monkeypatch, capsys, change)
    assert city.photo_file().read_bytes() == CONTENT


def test_the_report_counts_rows_without_files_in_json(
        offices: tuple[Office, Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    insp, county, _city = offices
    _add_photo(insp)
    pkg = insp.export(monkeypatch, capsys)
    checked = json.loads(county.import_(monkeypatch, capsys, pkg, "--json", "--dry-run"))
    assert checked["photo_files_missing"] == 1
    assert any(w.startswith(MISSING) and ASK in w for w in checked["warnings"])
    done = json.loads(county.import_(monkeypatch, capsys, pkg, "--json"))
    assert done["photo_files_missing"] == 1
    # a file already in the receiver's folder is not missing
    county.photo_file().parent.mkdir(parents=True, exist_ok=True)
    county.photo_file().write_bytes(CONTENT)
    full = insp.export(monkeypatch, capsys, "--full")  # the row again, still without its file
    again = json.loads(county.import_(monkeypatch, capsys, full, "--json", "--dry-run"))
    assert again["photo_files_missing"] == 0
    assert not any("照片文件缺失" in w for w in again["warnings"])


def test_an_upgraded_database_sends_its_files_once_more(
        offices: tuple[Office, Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A database upgraded mid-way has no record of files sent: each goes once more, then no
    more."""
    insp, _county, _city = offices
    _add_photo(insp)
    assert _photos(insp.export(monkeypatch, capsys, "--attachments")) == {f"photos/{SHA}.jpg"}
    s = Store.open(insp.db)
    with s.db.atomic():
        s.db.execute("DELETE FROM exchange_photo_sent")  # as before migration 0005
    s.close()
    _edit_visit(insp, "摘要已修改")
    assert _photos(insp.export(monkeypatch, capsys, "--attachments")) == {f"photos/{SHA}.jpg"}
    _edit_visit(insp, "摘要又改了")
    assert _photos(insp.export(monkeypatch, capsys, "--attachments")) == set()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_import_dialog_says_files_are_missing(
        qtbot: QtBot, lang: str, request: pytest.FixtureRequest,
        offices: tuple[Office, Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    if lang == "zh":
        request.getfixturevalue("chinese")
    else:  # the autouse fixture puts the app's language back afterwards
        request.getfixturevalue("qapp").setProperty("lang", "en")
    insp, county, _city = offices
    _add_photo(insp)
    pkg = insp.export(monkeypatch, capsys)
    dlg = ImportDialog(county.db, package=pkg,
                       photos_dir=county.data / "QCDesk" / "photos")
    qtbot.addWidget(dlg)
    for dry_run in (True, False):
        job = dlg.run(dry_run=dry_run)
        assert job is not None
        qtbot.waitUntil(lambda job=job: job.done, timeout=30000)
        status = dlg.status.text()
        if lang == "zh":
            assert MISSING in status and ASK in status, status
        else:
            assert "1 photo file(s) missing" in status and "Include photo files" in status, status
