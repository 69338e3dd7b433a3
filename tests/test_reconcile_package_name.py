"""The reconciliation workbook names the package file that was imported (review R1 B6).

Before: its 说明 sheet rebuilt the name from the manifest's created_at in the receiver's time zone,
so a package a laptop set to UTC wrote at 23:30 on 2 December (…_20261202.qcpkg.zip) was named
…_20261203.qcpkg.zip at a county on China's time: a file the clerk cannot find.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from exchange_fixtures import populate
from python_calamine import CalamineWorkbook

from qcdesk.exchange import importer
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.reconcile import write_reconciliation
from qcdesk.models import trust_store
from qcdesk.models.store import Store

LATE_EVENING_UTC = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)  # 3 December 07:30 in Xianning


def _package_named(sheet: list[list[object]]) -> str:
    return next(str(row[1]) for row in sheet if row[0] == "数据包")


def test_the_workbook_names_the_file_imported_not_one_rebuilt_in_the_receivers_zone(
        tmp_path: Path) -> None:
    key = generate_secret_key()
    laptop = Store.open(tmp_path / "laptop.db")
    populate(laptop, 1, 1)
    (tmp_path / "usb").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")  # the signer's laptop
        time.tzset()
        package = export_package(laptop, tmp_path / "usb", key, signer_name="王五",
                                 jurisdiction="421202", role="inspector", full=True,
                                 now=LATE_EVENING_UTC)
    time.tzset()
    laptop.close()
    assert package.name.endswith("_000001_20261202.qcpkg.zip")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Asia/Shanghai")  # the county
        time.tzset()
        county = Store.open(tmp_path / "county.db")
        trust_store.add_key(county, key.public_key, name="王五", jurisdiction="421202",
                            role="inspector")
        result = importer.import_package(county, package)
        book = write_reconciliation(county, tmp_path / "rec.xlsx", result, package)
        county.close()
    time.tzset()
    about = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("说明").to_python()
    assert _package_named(about) == package.name
    assert (tmp_path / "usb" / _package_named(about)).is_file()


def test_without_the_file_the_name_is_rebuilt_from_the_manifest(tmp_path: Path) -> None:
    key = generate_secret_key()
    laptop = Store.open(tmp_path / "laptop.db")
    populate(laptop, 1, 1)
    (tmp_path / "usb").mkdir()
    package = export_package(laptop, tmp_path / "usb", key, signer_name="王五",
                             jurisdiction="421202", role="inspector", full=True)
    laptop.close()
    county = Store.open(tmp_path / "county.db")
    trust_store.add_key(county, key.public_key, name="王五", jurisdiction="421202", role="inspector")
    result = importer.import_package(county, package)
    book = write_reconciliation(county, tmp_path / "rec.xlsx", result)
    county.close()
    about = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("说明").to_python()
    assert _package_named(about) == package.name  # same zone here: the rebuilt name is right
