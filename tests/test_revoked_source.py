"""Who a package claims to be, and where a stolen key's records show (s8 keys review A2, C2).

- A package from a key not on the trust list is refused naming who it says it is, as a claim
  (未经核实): the package holds no public key, so nothing in it can be checked yet.
- A record's 来源 line marks a revoked key (已吊销 …) and a version that came in a package
  received after the revocation time (吊销后收到): the clerk sees it may be the thief's.
- A county package's signers directory carries the revocation time of a key the county revoked
  (an added key, ignored by older readers), so the city's 来源 line marks it too.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from test_key_change_trust import PASS, _export, _keygen, _laptop, _refused, _trust

from qcdesk.cli import main
from qcdesk.exchange.minisign import PublicKey
from qcdesk.exchange.trust import format_utc
from qcdesk.models import trust_store
from qcdesk.models.store import Store

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def _county_key(tmp_path: Path) -> Path:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    assert main(["keygen", "--name", "嘉鱼县局", "--jurisdiction", "421221", "--role", "county",
                 "--out", str(tmp_path / "ck"), "--light", "--passphrase-file",
                 str(tmp_path / "pw.txt")]) == 0
    return tmp_path / "ck" / "421221_嘉鱼县局"


@pytest.fixture
def county(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str, Path]:
    """The county trusts 李四 and imported his package 1 today: (county db, key id, package)."""
    key = _keygen(tmp_path, "li", "李四")
    package = _export(capsys, tmp_path, _laptop(tmp_path, "li", 0), key, tmp_path / "usb")
    db = tmp_path / "county.db"
    _trust(capsys, db, key.with_suffix(".pub"))
    assert main(["import", str(package), "--db", str(db)]) == 0
    return db, PublicKey.load(key.with_suffix(".pub")).key_id, package


def _visit(db: Path) -> str:
    store = Store.open(db)
    try:
        return str(store.db.execute("SELECT uuid FROM visit WHERE deleted_at IS NULL").fetchone()[0])
    finally:
        store.close()


def _source_line(qtbot: QtBot, db: Path, uuid: str) -> str:
    from qcdesk.ui.history_dialog import HistoryDialog

    store = Store.open(db)
    try:
        dialog = HistoryDialog(store, "visit", uuid)
        qtbot.addWidget(dialog)
        return dialog.source_label.text()
    finally:
        store.close()


def test_an_untrusted_package_names_who_it_claims_to_be(
        tmp_path: Path, county: tuple[Path, str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _, key_id, package = county
    city = tmp_path / "city.db"
    Store.open(city).close()
    err = _refused(capsys, ["import", str(package), "--db", str(city)], city)
    assert f"签名密钥 {key_id} 不在信任列表中（数据包自称：李四，421221，检查员；未经核实）" in err, err
    err = _refused(capsys, ["verify", str(package), "--db", str(city)], city)
    assert "（数据包自称：李四，421221，检查员；未经核实）" in err, err

    # the words are anyone's: a manifest changed after signing still shows (nothing is checked),
    # but only as one clean line, without control or direction characters
    forged = tmp_path / "forged.qcpkg.zip"
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(forged, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest.update(signer_name="嘉鱼\u202e县局\n（市局授权）", role="county")
                data = json.dumps(manifest, ensure_ascii=False).encode()
            dst.writestr(info, data)
    err = _refused(capsys, ["import", str(forged), "--db", str(city)], city)
    assert "（数据包自称：嘉鱼县局 （市局授权），421221，县级局；未经核实）" in err, err

    # a manifest that does not even name the signing key, or is no JSON: refused as before
    for manifest_text in ('{"signer_key_id": "0000000000000000", "signer_name": "市质强办"}', "{"):
        with zipfile.ZipFile(package) as src, zipfile.ZipFile(forged, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                dst.writestr(info, manifest_text.encode() if info.filename == "manifest.json" else data)
        err = _refused(capsys, ["import", str(forged), "--db", str(city)], city)
        assert err.endswith(f"签名密钥 {key_id} 不在信任列表中，请先核对指纹并添加"), err


def test_import_dialog_says_the_claim_is_unchecked(
        tmp_path: Path, county: tuple[Path, str, Path], qtbot: QtBot, chinese: None) -> None:
    from qcdesk.ui.exchange_dialogs import ImportDialog

    _, _, package = county
    city = tmp_path / "city.db"
    Store.open(city).close()
    dialog = ImportDialog(city, package=package)
    qtbot.addWidget(dialog)
    job = dialog.run(dry_run=True)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    assert "（数据包自称：李四，421221，检查员；未经核实）" in dialog.status.text()
    assert "\n" not in dialog.status.text()
    assert "括号中是数据包自称的身份，未经核实" in dialog.advice.text(), dialog.advice.text()


def test_source_line_marks_a_revoked_key_and_what_came_after(
        county: tuple[Path, str, Path], qtbot: QtBot, chinese: None) -> None:
    db, key_id, _ = county
    uuid = _visit(db)
    assert "已吊销" not in _source_line(qtbot, db, uuid)
    assert main(["trust", "revoke", key_id, "--db", str(db), "--at", YESTERDAY, "--yes"]) == 0
    text = _source_line(qtbot, db, uuid)
    assert f"密钥 {key_id}（已吊销 {YESTERDAY} 00:00）（吊销后收到）。" in text, text


def test_source_line_of_a_package_received_before_the_revocation(
        county: tuple[Path, str, Path], qtbot: QtBot, chinese: None) -> None:
    db, key_id, _ = county
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert main(["trust", "revoke", key_id, "--db", str(db), "--at", tomorrow, "--yes"]) == 0
    text = _source_line(qtbot, db, _visit(db))
    assert f"（将于 {tomorrow} 00:00 吊销）" in text and "吊销后收到" not in text, text


def test_the_city_sees_the_county_revocation(
        tmp_path: Path, county: tuple[Path, str, Path], capsys: pytest.CaptureFixture[str],
        qtbot: QtBot, chinese: None) -> None:
    db, key_id, _ = county
    uuid = _visit(db)
    assert main(["trust", "revoke", key_id, "--db", str(db), "--at", YESTERDAY, "--yes"]) == 0
    county_key = _county_key(tmp_path)
    package = _export(capsys, tmp_path, db, county_key, tmp_path / "to_city")
    with zipfile.ZipFile(package) as zf:
        entry = json.loads(zf.read("manifest.json"))["signers"][key_id]
    # the names stay as they were (older readers take only these); the time is added
    assert {k: entry[k] for k in ("name", "jurisdiction", "role")} == {
        "name": "李四", "jurisdiction": "421221", "role": "inspector"}
    store = Store.open(db)
    revoked = trust_store.get_key(store, key_id).revoked_at  # type: ignore[union-attr]
    store.close()
    assert entry["revoked_at"] == format_utc(revoked)  # UTC, as every time in a manifest

    city = tmp_path / "city.db"
    _trust(capsys, city, county_key.with_suffix(".pub"))
    assert main(["import", str(package), "--db", str(city)]) == 0
    text = _source_line(qtbot, city, uuid)
    assert f"李四（嘉鱼县，检查员），密钥 {key_id}（已吊销 {YESTERDAY} 00:00）。" in text, text
    assert "嘉鱼县局" in text  # named, and revoked, by the county's package
