"""The late review's leftovers (E23, review rr-late R2–R4 and two E22 notes): `find` exits 1 when
nothing is found, `audit history` takes a uuid prefix, the visit search names all it covers,
the ledger import says the 通知日期 sentence once, and the import boxes name .et files."""

from __future__ import annotations

import pytest

from qcdesk.cli import main
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store


def test_find_exits_one_when_nothing_is_found_and_two_for_bad_input(store: Store, capsys) -> None:
    """R3: a script can tell "no such firm" (1, like grep) from a usage or input error (2);
    the help says which is which."""
    save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市通凯砖茶有限公司",
                                      jurisdiction_code="421281"))
    db = ["--db", str(store.path)]
    assert main(["find", "通凯", *db]) == 0
    capsys.readouterr()
    assert main(["find", "没有这家", *db]) == 1
    err = capsys.readouterr().err
    assert "没有找到" in err and err.count("\n") == 1
    assert main(["find", "！！！", *db]) == 2
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["find", "--help"])
    assert "1没有找到" in "".join(capsys.readouterr().out.split())
