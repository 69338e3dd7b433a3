"""An export never writes a package its receiver refuses, whatever the photo files left to send.

An office that upgraded (no record of the files it sent, migration exchange 0005) carries its
whole photo archive in its first package made with photo files; past the package limit
(`PackageLimits.max_package_bytes`, 2 GiB) the receiver refused that package, and every later
one with the same archive. Now the files go as many whole ones as fit (the package's own 照片
rows first, then the oldest), the rest wait for the next package, and the export says how
many. And a package of nothing but such files is no "empty" package: the GUI no longer asks
whether to export "nothing new", the CLI no longer calls it empty.

The limit is injected small (the format's default, which export and receiver both read), so
no test writes gigabytes. Real keys, real packages, real imports; each office its own folder.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_photo_files_forgotten import PASS, Office

from qcdesk.cli import main
from qcdesk.exchange.package import open_package
from qcdesk.exchange.package_rules import PackageLimits
from qcdesk.models.persistence import insert_record
from qcdesk.models.records import Photo
from qcdesk.models.store import Store

KIB = 1024
PHOTO_BYTES = 100 * KIB
LIMIT = 400 * KIB  # a change package's data.xlsx and about three of the photos


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    """The format's package size limit made small, for the exporter and every receiver."""
    init = PackageLimits.__init__

    def small(self: PackageLimits, max_package_bytes: int = LIMIT, **rest: int) -> None:
        init(self, max_package_bytes=max_package_bytes, **rest)

    monkeypatch.setattr(PackageLimits, "__init__", small)
    assert PackageLimits().max_package_bytes == LIMIT
    return LIMIT


def _content(i: int) -> bytes:
    return (f"\xff\xd8 photo {i} ".encode() * PHOTO_BYTES)[:PHOTO_BYTES]


def _add_photos(office: Office, first: int, n: int) -> list[str]:
    """`n` photo files in the office's folder and their rows, oldest first; their SHA-256."""
    shas = []
    s = Store.open(office.db, author="insp-uuid")
    fid = s.db.execute("SELECT id FROM finding ORDER BY id LIMIT 1").fetchone()[0]
    for i in range(first, first + n):
        content = _content(i)
        sha = hashlib.sha256(content).hexdigest()
        path = office.data / "QCDesk" / "photos" / sha[:2] / f"{sha}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        with s.db.atomic():
            insert_record(s, Photo(finding_id=fid, sha256=sha, file_name=f"现场{i}.jpg"))
        shas.append(sha)
    s.close()
    return shas


def _forget_sent(office: Office) -> None:
    """As a database upgraded to migration exchange 0005: no record of the files it sent."""
    s = Store.open(office.db)
    with s.db.atomic():
        s.db.execute("DELETE FROM exchange_photo_sent")
    s.close()


def _carried(pkg: Path) -> list[str]:
    return sorted(n[7:71] for n in zipfile.ZipFile(pkg).namelist() if n.startswith("photos/"))


def _export(office: Office, mp: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
            *extra: str) -> tuple[Path, str]:
    """The package and what the CLI said on stderr (stdout is the path alone, for scripts)."""
    mp.setenv("XDG_DATA_HOME", str(office.data))
    capsys.readouterr()
    assert main(["export", "--db", str(office.db), "--key", str(office.key), "--out",
                 str(office.out), "--passphrase-file", str(office.tmp / "pw.txt"), *extra]) == 0
    out = capsys.readouterr()
    return Path(out.out.strip()), out.err


def _verified_at(receiver: Office, sender: Office, pkg: Path) -> None:
    """The receiver's own check with the limit in force (size, entries, signatures)."""
    from qcdesk.exchange.minisign import PublicKey

    open_package(pkg, trusted_keys=PublicKey.load(sender.pub), workdir=receiver.tmp / "check",
                 limits=PackageLimits())
    assert pkg.stat().st_size <= LIMIT


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Office, Office]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    insp = Office(tmp_path, "张三", "inspector")
    county = Office(tmp_path, "嘉鱼县局", "county")
    s = Store.open(insp.db, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    county.trust(insp)
    return insp, county


def _at(office: Office, sha: str) -> Path:
    return office.data / "QCDesk" / "photos" / sha[:2] / f"{sha}.jpg"


def test_an_upgraded_archive_goes_in_packages_that_fit_and_none_is_lost(
        offices: tuple[Office, Office], small_limit: int, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    insp, county = offices
    archive = _add_photos(insp, 0, 6)  # 600 KiB of photos, the limit 400 KiB
    first, _ = _export(insp, monkeypatch, capsys)  # rows sent, files not (or sent before 0005)
    county.import_(monkeypatch, capsys, first)
    _forget_sent(insp)

    packages: list[list[str]] = []
    said: list[str] = []
    while sum(map(len, packages)) < len(archive) and len(packages) < 6:
        pkg, err = _export(insp, monkeypatch, capsys, "--attachments")
        _verified_at(county, insp, pkg)  # was refused: 数据包过大
        county.import_(monkeypatch, capsys, pkg)
        packages.append(sorted(_carried(pkg), key=archive.index))
        said.append(err)
    assert len(packages) > 1 and all(packages)  # not all in one; each at least one whole file
    # oldest first, none twice, none lost
    assert [sha for p in packages for sha in p] == archive
    for n, err in enumerate(said):
        waiting = len(archive) - sum(map(len, packages[: n + 1]))
        if waiting:
            assert f"另有 {waiting} 张尚未发出的照片文件" in err, err
            assert "留待下一个数据包发出" in err and "400.0 KB" in err
        else:
            assert "另有" not in err
        # no record changed: the package is said to carry photo files, not to be empty
        assert f"只带有此前未发出的照片文件 {len(packages[n])} 张" in err and "不含任何记录" not in err
    for i, sha in enumerate(archive):  # every file at the county, byte for byte
        assert _at(county, sha).read_bytes() == _content(i)
    pkg, err = _export(insp, monkeypatch, capsys, "--attachments")  # nothing more to send
    assert _carried(pkg) == [] and "另有" not in err and "不含任何记录" in err


def test_the_packages_own_photos_go_first(
        offices: tuple[Office, Office], small_limit: int, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A new photo row's file goes with its row, before the older archive still waiting."""
    insp, county = offices
    archive = _add_photos(insp, 0, 4)
    first, _ = _export(insp, monkeypatch, capsys)
    county.import_(monkeypatch, capsys, first)
    _forget_sent(insp)
    (new,) = _add_photos(insp, 10, 1)  # the newest photo, and the package's own row
    pkg, err = _export(insp, monkeypatch, capsys, "--attachments")
    _verified_at(county, insp, pkg)
    out = county.import_(monkeypatch, capsys, pkg)
    assert "照片文件缺失" not in out  # the row came with its file
    carried = _carried(pkg)
    assert new in carried and len(carried) < 5
    rest = sorted(set(carried) - {new}, key=archive.index)
    assert rest == archive[: len(rest)]  # then the oldest
    waiting = 5 - len(carried)
    assert f"照片文件：本数据包带有 {len(carried)} 张" in err
    assert f"另有 {waiting} 张尚未发出的照片文件" in err
    pkg, err = _export(insp, monkeypatch, capsys, "--attachments")  # the rest, next time
    assert sorted(_carried(pkg), key=archive.index) == archive[len(rest):]
    county.import_(monkeypatch, capsys, pkg)
    assert all(_at(county, sha).exists() for sha in [*archive, new])


def test_a_package_over_the_limit_is_never_written(
        offices: tuple[Office, Office], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Even without a photo (the records alone pass the limit): refused in one line, no file,
    nothing recorded or locked; the number is still free for the next export."""
    insp, _county = offices
    init = PackageLimits.__init__

    def tiny(self: PackageLimits, max_package_bytes: int = 8 * KIB, **rest: int) -> None:
        init(self, max_package_bytes=max_package_bytes, **rest)

    monkeypatch.setattr(PackageLimits, "__init__", tiny)
    monkeypatch.setenv("XDG_DATA_HOME", str(insp.data))
    s = Store.open(insp.db)
    before = s.db.execute("SELECT count(*) FROM exchange_package").fetchone()[0]
    locked = s.db.execute("SELECT count(*) FROM visit WHERE locked_package IS NOT NULL").fetchone()
    s.close()
    capsys.readouterr()
    assert main(["export", "--db", str(insp.db), "--key", str(insp.key), "--out", str(insp.out),
                 "--passphrase-file", str(insp.tmp / "pw.txt"), "--attachments"]) != 0
    out = capsys.readouterr()
    assert out.out == "" and len(out.err.strip().splitlines()) == 1
    assert out.err.startswith("qcdesk: 未导出：数据包过大（"), out.err
    assert "上限 8192 字节），接收方会拒收这个数据包，因此没有写出，数据库未作改动" in out.err
    assert list(insp.out.iterdir()) == []
    s = Store.open(insp.db)
    assert s.db.execute("SELECT count(*) FROM exchange_package").fetchone()[0] == before
    assert s.db.execute(
        "SELECT count(*) FROM visit WHERE locked_package IS NOT NULL").fetchone() == locked
    s.close()
    monkeypatch.setattr(PackageLimits, "__init__", init)
    pkg, _ = _export(insp, monkeypatch, capsys)
    assert "_000001_" in pkg.name


def _dialog(qtbot: QtBot, office: Office, key_path: Path) -> object:
    from qcdesk.ui.exchange_dialogs import ExportDialog

    dlg = ExportDialog(office.db, photos_dir=office.data / "QCDesk" / "photos")
    qtbot.addWidget(dlg)
    dlg.key_edit.setText(str(key_path))
    dlg.passphrase_edit.setText(PASS)
    dlg.out_edit.setText(str(office.out))
    dlg.name_edit.setText(office.name)
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("421221"))
    return dlg


def test_the_dialog_sends_unsent_photos_without_asking_about_nothing_new(
        qtbot: QtBot, chinese: None, offices: tuple[Office, Office], small_limit: int,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    insp, county = offices
    archive = _add_photos(insp, 0, 6)
    county.import_(monkeypatch, capsys, _export(insp, monkeypatch, capsys)[0])
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    dlg = _dialog(qtbot, insp, insp.key)
    # without photo files nothing is new: the question stays
    assert dlg.start_export() is None and len(asked) == 1 and "没有新的或修改的记录" in asked[0]
    dlg.attach_check.setChecked(True)
    job = dlg.start_export()
    assert job is not None and len(asked) == 1  # asked "nothing new" before: 6 files waited
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    carried = _carried(dlg.result_path)
    _verified_at(county, insp, dlg.result_path)
    status = dlg.status.text()
    assert f"只带有此前未发出的照片文件 {len(carried)} 张" in status, status
    assert f"另有 {6 - len(carried)} 张尚未发出的照片文件" in status and "400.0 KB" in status
    assert "不含任何记录" not in status
    job = dlg.start_export()  # the rest, again without the question
    assert job is not None and len(asked) == 1
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert sorted([*carried, *_carried(dlg.result_path)]) == sorted(archive)
    assert "另有" not in dlg.status.text()
    assert dlg.start_export() is None and len(asked) == 2  # all sent: nothing new indeed
