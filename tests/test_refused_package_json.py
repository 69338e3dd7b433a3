"""A refused package, read by a script or checked again by a clerk (review, city office):
`import --json` printed nothing on stdout for any refusal but "imported before", and `verify`
of the very package imported before said 验证失败, read from a stick as damaged."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from test_exchange_cli import _export, _trust, world  # noqa: F401 - the fixture

from qcdesk.cli import main


def test_each_refusal_is_json_for_a_script(world: dict[str, Path],  # noqa: F811
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from qcdesk.models.store import Store

    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    Store.open(world["cdb"]).close()  # the county's database, the sender's key not on its list
    assert main(["import", str(pkg), "--db", str(world["cdb"]), "--json"]) == 2
    out = capsys.readouterr()
    assert out.out, out.err
    shown = json.loads(out.out)
    assert shown["refused"] == "untrusted_key" and shown["reason"] in out.err
    assert shown["dry_run"] is False and "photo_files_put_back" not in shown
    bad = world["tmp"] / "bad.qcpkg.zip"
    bad.write_bytes(pkg.read_bytes()[:-200])  # cut short on the way
    assert main(["import", str(bad), "--db", str(world["cdb"]), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["refused"]


def test_verifying_the_package_imported_before_passes_and_says_so(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    pkg = _export(capsys, world["tmp"], world["idb"], world["ik"], "张三", "421221")
    _trust(world["cdb"], world["ipub"], "inspector", "张三")
    assert main(["import", str(pkg), "--db", str(world["cdb"])]) == 0
    capsys.readouterr()
    assert main(["verify", str(pkg), "--db", str(world["cdb"])]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"验证通过：{pkg.name} 与当时核验并导入的数据包逐字节相同；") and "已导入过" in out
    changed = world["tmp"] / "changed.qcpkg.zip"  # another package under the same number fails
    with zipfile.ZipFile(pkg) as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data + b" " if item.filename.endswith(".json") else data)
    assert main(["verify", str(changed), "--db", str(world["cdb"])]) == 2
    assert "验证失败" in capsys.readouterr().err


def test_verify_of_a_missing_package_says_so_first(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Review: without --db it spoke of the default database not existing, not of the package."""
    assert main(["verify", str(tmp_path / "nonexist.qcpkg.zip")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"qcdesk: 找不到数据包：{tmp_path / 'nonexist.qcpkg.zip'}", err
    assert main(["verify", str(tmp_path)]) == 2
    assert "是文件夹" in capsys.readouterr().err
