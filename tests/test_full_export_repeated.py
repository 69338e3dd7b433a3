"""`qcdesk export --full` twice with nothing changed between uses a new number for the same
records: the second says so, and what the receiver sees should it be thrown away as a copy; the
receiver's gap warning says a new full package from the signer fills the gap too, which it does
(review r2, B5: No. 2 thrown away, the county saw 缺少序号 2 on every import)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate
from test_exchange_cli import PASS, _import_json, _keygen, _trust
from test_exchange_cli_clerk import _edit_and_export

from qcdesk.cli import main
from qcdesk.models.store import Store

FILLS = "签名人新导出一个全部数据的数据包也可补齐（收到后之前的序号不再缺少）"


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    key, pub = _keygen(tmp_path, "张三", "421221")
    idb, cdb = tmp_path / "i.db", tmp_path / "c.db"
    s = Store.open(idb, author="insp-uuid")
    populate(s, 2, 2)
    s.close()
    _trust(cdb, pub, "inspector", "张三")
    return {"tmp": tmp_path, "ik": key, "ipub": pub, "idb": idb, "cdb": cdb}


def _export_full(capsys: pytest.CaptureFixture[str], world: dict[str, Path]) -> tuple[Path, str]:
    out = world["tmp"] / "out"
    out.mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(world["idb"]), "--key", str(world["ik"]), "--out", str(out),
                 "--passphrase-file", str(world["tmp"] / "pw.txt"), "--full"]) == 0
    captured = capsys.readouterr()
    return Path(captured.out.strip()), captured.err


def test_a_second_full_export_with_no_change_says_it_repeats_the_first(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _first, said = _export_full(capsys, world)
    assert "内容相同" not in said
    _second, said = _export_full(capsys, world)
    [line] = [x for x in said.splitlines() if "内容相同" in x]
    assert "上一个（序号 1，也是全部数据）内容相同" in line and "新的序号 2" in line
    assert "接收方会一直显示缺少序号 2" in line, line
    _edit_and_export(capsys, world, "改过")  # a change in between: a full one repeats nothing
    _third, said = _export_full(capsys, world)
    assert "内容相同" not in said


def test_the_gap_advice_names_a_new_full_package_and_one_fills_the_gap(
        world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    first, _ = _export_full(capsys, world)
    _export_full(capsys, world)  # No. 2, thrown away as a copy
    third = _edit_and_export(capsys, world, "三")
    _import_json(capsys, first, world["cdb"])
    res = _import_json(capsys, third, world["cdb"])
    gaps = [w for w in res["warnings"] if "缺少" in w]
    assert gaps == [f"缺少此签名人之前的数据包（序号 2），请向签名人索取；{FILLS}"]
    fourth, _ = _export_full(capsys, world)
    res = _import_json(capsys, fourth, world["cdb"])
    assert not [w for w in res["warnings"] if "缺少" in w]
    assert main(["received", "--db", str(world["cdb"])]) == 0
    assert "缺少序号 -" in capsys.readouterr().out
