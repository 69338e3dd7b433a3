"""One package made while the laptop's clock ran 200 days ahead no longer keeps the clock
banner for 200 days once the clock is right (review R5 #5). Before: the banner took
max(created_at) of the packages made, which nothing clears, and its only advice was about
backups. Now only the last package counts, and only until a change is saved after it; the
advice says so. The first export runs in its own process under faketime, as on the laptop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.cli import main
from qcdesk.models.clock_check import behind_doubt
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Inspector
from qcdesk.models.store import Store

pytestmark = pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime missing")

PASS = "长口令 long passphrase"
CLOCK_WORDS = "本机时钟早于上一个数据包的时间（"


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    """A laptop database with records, a key, and one full package made 200 days ahead."""
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "张三", "--jurisdiction", "421221", "--out", str(keys),
                 "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    store = Store.open(tmp_path / "ins.db")
    populate(store, 1, 1)
    store.close()
    paths = {"tmp": tmp_path, "key": keys / "421221_张三.key", "db": tmp_path / "ins.db",
             "out": tmp_path / "usb"}
    paths["out"].mkdir()
    ahead = subprocess.run(
        ["faketime", "-f", "+200d", sys.executable, "-c", "import sys; from qcdesk.cli import main;"
         " sys.exit(main(sys.argv[1:]))", *_export_args(paths)],
        capture_output=True, text=True, env={**os.environ, "TZ": "Asia/Shanghai"})
    assert ahead.returncode == 0, ahead.stderr
    capsys.readouterr()
    return paths


def _export_args(laptop: dict[str, Path]) -> list[str]:
    return ["export", "--db", str(laptop["db"]), "--key", str(laptop["key"]), "--out",
            str(laptop["out"]), "--passphrase-file", str(laptop["tmp"] / "pw.txt")]


def _doubt(laptop: dict[str, Path]) -> str:
    store = Store.open(laptop["db"])
    try:
        doubt = behind_doubt(store, laptop["tmp"] / "no-backups")
        return doubt.zh if doubt else ""
    finally:
        store.close()


def test_the_package_made_ahead_is_named_with_advice_that_applies_and_a_save_clears_it(
        laptop: dict[str, Path]) -> None:
    said = _doubt(laptop)
    assert "最近导出的数据包" in said, said
    assert "那个数据包无需删除，也不必重做" in said and "本机再保存一次修改后" in said
    assert "备份文件夹中删除" not in said  # no backup named later than now: not its advice
    store = Store.open(laptop["db"], author="tester")
    save_inspector(store, Inspector(name="王磊", jurisdiction_code="421281"))  # at the right time
    store.close()
    assert _doubt(laptop) == ""


def test_the_next_package_clears_it_and_only_that_export_says_the_clock_went_back(
        laptop: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert _doubt(laptop)
    assert main(_export_args(laptop)) == 0  # nothing changed since: an empty package, recorded
    assert CLOCK_WORDS in capsys.readouterr().err  # once: the periods do go backwards
    assert "最近导出的数据包" not in _doubt(laptop)  # (its locking may leave the last change ahead)
    assert main(_export_args(laptop)) == 0
    assert CLOCK_WORDS not in capsys.readouterr().err
