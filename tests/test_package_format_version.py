"""A package says format version 2 only when it carries what a version-1 reader misreads (a
re-test, role city): an older office is told to upgrade instead of reading 内容哈希不符, and
every other package stays version 1, readable by it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.exchange import importer, package_rules
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import SecretKey, generate_secret_key
from qcdesk.exchange.package_rules import PackageRejected
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models.store import Store


def _export(tmp_path: Path, key: SecretKey, *, retest: bool, role: str = "county",
            jurisdiction: str = "421202") -> Path:
    source = Store.open(tmp_path / f"{role}{retest}.db")
    populate(source, 1, 2)
    if retest:
        with source.db.atomic():
            source.db.execute(
                "UPDATE sample SET result = 'fail', retest_requested_on = '2026-09-12', "
                "retest_result = 'pending' WHERE id = (SELECT min(id) FROM sample)")
    out = tmp_path / f"usb-{role}-{retest}"
    out.mkdir()
    package = export_package(source, out, key, signer_name="咸安区局", jurisdiction=jurisdiction,
                             role=role, full=True)
    source.close()
    return package


def _version(package: Path) -> int:
    with zipfile.ZipFile(package) as zf:
        return json.loads(zf.read("manifest.json"))["format_version"]


def test_a_retest_makes_version_2_and_it_imports(tmp_path: Path) -> None:
    key = generate_secret_key()
    package = _export(tmp_path, key, retest=True)
    assert _version(package) == 2
    county = Store.open(tmp_path / "county.db")
    importer.import_package(county, package, trust=StaticTrust.of([key.public_key]))
    assert county.db.execute(
        "SELECT count(*) FROM sample WHERE retest_result = 'pending'").fetchone()[0] == 1
    county.close()


def test_without_later_data_the_package_stays_version_1(tmp_path: Path) -> None:
    key = generate_secret_key()
    package = _export(tmp_path, key, retest=False)
    assert _version(package) == 1
    county = Store.open(tmp_path / "county.db")
    importer.import_package(county, package, trust=StaticTrust.of([key.public_key]))
    assert county.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 2
    county.close()


def test_a_city_package_is_version_2(tmp_path: Path) -> None:
    key = generate_secret_key()
    package = _export(tmp_path, key, retest=False, role="city", jurisdiction="421200")
    assert _version(package) == 2


def test_a_version_1_reader_is_told_to_upgrade(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What an older QCDesk (reading version 1 only) says: its manifest check refuses the
    version before it reads a row, so no 内容哈希不符 that reads like tampering."""
    key = generate_secret_key()
    package = _export(tmp_path, key, retest=True)
    monkeypatch.setattr(package_rules, "SUPPORTED_FORMAT_VERSIONS", frozenset({1}))
    county = Store.open(tmp_path / "county.db")
    with pytest.raises(PackageRejected) as refused:
        importer.import_package(county, package, trust=StaticTrust.of([key.public_key]))
    assert "不支持的数据包格式版本 2，请升级 QCDesk" in refused.value.text("zh")
    assert county.db.execute("SELECT count(*) FROM visit").fetchone()[0] == 0
    county.close()
