"""A package made with the clock gone back is noticed (review R1, R1): by the export that makes
it, and in `qcdesk received` at the office it goes to. Before: the export said only 数据包共含 …
条记录 and `received` listed periods going 2026-12-02, 2019-06-02 with an empty 注意 column.
Real keys, packages and SQLite files through `qcdesk.cli.main`; the clock is the export module's.
"""

from __future__ import annotations

import datetime as real_dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.cli import main
from qcdesk.exchange import export as export_module
from qcdesk.exchange.minisign import PublicKey
from qcdesk.models import trust_store
from qcdesk.models.store import Store

PASS = "长口令 long passphrase"
CLOCK_WORDS = "本机时钟早于上一个数据包的时间（"


class _BackIn2019(real_dt.datetime):
    @classmethod
    def now(cls, tz: real_dt.tzinfo | None = None) -> real_dt.datetime:  # noqa: ARG003
        return real_dt.datetime(2019, 6, 2, 1, 30, tzinfo=real_dt.UTC)


@pytest.fixture
def laptop(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "pw.txt").write_text(PASS + "\n", encoding="utf-8")
    keys = tmp_path / "keys"
    assert main(["keygen", "--name", "王五", "--jurisdiction", "421221", "--out", str(keys),
                 "--light", "--passphrase-file", str(tmp_path / "pw.txt")]) == 0
    store = Store.open(tmp_path / "ins.db")
    populate(store, 1, 1)
    store.close()
    return {"tmp": tmp_path, "key": keys / "421221_王五.key", "pub": keys / "421221_王五.pub",
            "db": tmp_path / "ins.db", "out": tmp_path / "usb"}


def _export(laptop: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    laptop["out"].mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["export", "--db", str(laptop["db"]), "--key", str(laptop["key"]), "--out",
                 str(laptop["out"]), "--passphrase-file", str(laptop["tmp"] / "pw.txt"),
                 "--full"]) == 0
    got = capsys.readouterr()
    return Path(got.out.strip()), got.err


def test_an_export_with_the_clock_before_the_last_package_says_so_and_received_marks_it(
        laptop: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, said = _export(laptop, capsys)
    assert CLOCK_WORDS not in said
    monkeypatch.setattr(export_module, "dt", SimpleNamespace(
        datetime=_BackIn2019, UTC=real_dt.UTC, timedelta=real_dt.timedelta, date=real_dt.date))
    second, said = _export(laptop, capsys)
    assert second.is_file() and second.name.endswith("_000002_20190602.qcpkg.zip")  # not refused
    warned = [line for line in said.splitlines() if CLOCK_WORDS in line]
    assert len(warned) == 1 and warned[0].endswith("），请检查系统日期")
    monkeypatch.undo()

    county = laptop["tmp"] / "county.db"
    store = Store.open(county)
    trust_store.add_key(store, PublicKey.load(laptop["pub"]), name="王五", role="inspector")
    store.close()
    for package in (first, second):
        assert main(["import", str(package), "--db", str(county)]) == 0
    capsys.readouterr()
    assert main(["received", "--db", str(county)]) == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in capsys.readouterr().out.splitlines()
            if "\t" in line}
    assert rows["1"][-1] == "-"
    assert rows["2"][-1] == "签名时间早于上一个包"
    assert main(["received", "--db", str(county), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["packages"]
    assert [p["signed_before_previous"] for p in listed] == [False, True]


def test_the_received_list_marks_a_package_signed_before_the_previous_one(
        qtbot: QtBot, store: Store, lang: str) -> None:
    from qcdesk.exchange.minisign import generate_secret_key
    from qcdesk.ui.received_view import ReceivedPackagesDialog

    key = trust_store.add_key(store, generate_secret_key().public_key, name="王五",
                              jurisdiction="421221", role="inspector")
    for seq, created in ((1, "2026-11-30T01:00:00Z"), (2, "2019-06-01T01:30:00Z"),
                         (3, "2026-12-02T01:30:00Z")):
        trust_store.record_received(store, key.key_id, seq, f"{seq:02d}" * 32,
                                    manifest={"created_at": created, "sequence": seq})
    dialog = ReceivedPackagesDialog(store, key)
    qtbot.addWidget(dialog)
    view = dialog.table
    headers = [view.horizontalHeaderItem(c).text() for c in range(view.columnCount())]
    notes = [view.item(r, headers.index({"en": "Note", "zh_CN": "注意"}[lang])).text()
             for r in range(view.rowCount())]
    assert notes == ["", {"en": "Signed before the previous package",
                          "zh_CN": "签名时间早于上一个包"}[lang], ""]
