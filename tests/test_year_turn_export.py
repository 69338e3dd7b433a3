"""A package made on New Year's morning in China belongs to the new year everywhere a clerk
reads it: manifest period_to, `qcdesk verify`'s 范围 line and the 说明 sheet's 生成时间 all say
the signer's local date, as the file name already did; created_at stays the UTC machine time.

Found at the year turn: exported at 2027-01-01 07:00 Beijing, the package was named …_20270101
but said 截至 2026-12-31 and 生成时间 2026-12-31T23:00:03Z."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_exchange_cli import PASS, world  # noqa: F401 — fixture

from qcdesk.cli import main
from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import load_secret_key
from qcdesk.models.store import Store

NEW_YEAR_MORNING = dt.datetime(2026, 12, 31, 23, 0, 3, tzinfo=dt.UTC)  # 2027-01-01 07:00:03 +08


def _export(world: dict[str, Path], when: dt.datetime) -> Path:  # noqa: F811
    out = world["tmp"] / "out"
    out.mkdir(exist_ok=True)
    store = Store.open(world["idb"], author="insp-uuid")
    try:
        return export_package(store, out, load_secret_key(world["ik"], PASS), signer_name="张三",
                              jurisdiction="421221", role="inspector", now=when)
    finally:
        store.close()


def _notes(pkg: Path, tmp: Path) -> dict[str, object]:
    data = tmp / "data.xlsx"
    data.write_bytes(zipfile.ZipFile(pkg).read("data.xlsx"))
    sheet = openpyxl.load_workbook(data, read_only=True)["说明"]
    return {row[0]: row[2] for row in sheet.iter_rows(values_only=True) if row[1] in ("", None)}


def test_new_years_morning_package_says_the_new_year(
        world: dict[str, Path], shanghai: None, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    pkg = _export(world, NEW_YEAR_MORNING)
    assert pkg.name.endswith("_20270101.qcpkg.zip")
    manifest = json.loads(zipfile.ZipFile(pkg).read("manifest.json"))
    assert manifest["period_to"] == "2027-01-01"
    assert manifest["created_at"] == "2026-12-31T23:00:03Z"  # machine time: UTC, as documented
    assert _notes(pkg, world["tmp"])["生成时间"] == "2027-01-01 07:00:03（UTC+08:00）"
    capsys.readouterr()
    assert main(["verify", str(pkg), "--pubkey", str(world["ipub"])]) == 0
    out = capsys.readouterr().out
    assert "截至 2027-01-01" in out and "2026-12-31" not in out, out


def test_new_years_eve_package_stays_in_the_old_year(
        world: dict[str, Path], shanghai: None) -> None:  # noqa: F811
    eve = dt.datetime(2026, 12, 31, 15, 50, tzinfo=dt.UTC)  # 23:50 in Beijing
    pkg = _export(world, eve)
    assert pkg.name.endswith("_20261231.qcpkg.zip")
    assert json.loads(zipfile.ZipFile(pkg).read("manifest.json"))["period_to"] == "2026-12-31"
    assert _notes(pkg, world["tmp"])["生成时间"] == "2026-12-31 23:50:00（UTC+08:00）"
