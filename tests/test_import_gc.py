"""The merge pauses Python's cycle collector (speed) and always turns it back on."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from exchange_fixtures import export_to, populate

from qcdesk.exchange import importer
from qcdesk.exchange.importer import gc_paused, merge_workbook
from qcdesk.exchange.workbook import SheetFormatError
from qcdesk.models.store import Store

SIGNER = "A1A1A1A1A1A1A1A1"


def test_collector_is_off_during_a_merge_and_on_after_it(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    a = Store.memory("作者A")
    populate(a, n_enterprises=1, visits_each=2)
    path = tmp_path / "x.xlsx"
    export_to(a, path, SIGNER)
    seen: list[bool] = []
    real = importer._merge

    def spy(*args: object) -> None:
        seen.append(gc.isenabled())
        real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "_merge", spy)
    b = Store.memory("作者B")
    result = merge_workbook(b, path, signer=SIGNER)
    assert result.counts["visit"]["new"] == 2
    assert seen == [False]
    assert gc.isenabled()


def test_collector_comes_back_after_a_failed_merge(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    with pytest.raises(Exception):  # noqa: B017 - any refusal; the point is what follows
        merge_workbook(Store.memory(), bad, signer=SIGNER)
    assert gc.isenabled()


def test_a_paused_collector_is_left_as_the_caller_had_it() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(SheetFormatError), gc_paused():
        raise SheetFormatError("x")
    assert gc.isenabled()
