"""The city re-runs an inspector's committed draw from the imported record: `qcdesk draw verify`
on a database that got the enterprises, inspectors, recusals and the draw through one package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_exchange_cli import _export, _import_json, world  # noqa: F401 - fixture

from qcdesk.cli import main
from qcdesk.models.draw import Recusal, save_recusal
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import save_inspector
from qcdesk.models.records import Enterprise, Inspector
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

CODES = ["91421202MA4AEDKU8T", "91421221MA4E3XHX15", "91421222MA4PJ5BUX4", "91421223MA4059AK31",
         "91421224MA4CJGYT6P", "91421281MA4KL5FE07", "92421281MA4C3FYL02", "93421281MA4NECRW8W"]


def test_committed_draw_verifies_after_export_and_import(world, capsys, tmp_path: Path) -> None:  # noqa: F811
    w = world
    inspector_db, city_db = tmp_path / "draw-inspector.db", tmp_path / "draw-city.db"
    store = Store.open(inspector_db, author="insp")
    try:
        for i, code in enumerate(CODES):
            save_enterprise(store, Enterprise(uscc=code, name=f"赤壁企业{i}", jurisdiction_code="421281",
                                              industry="砖茶" if i < 6 else "纺织服装"))
        for name in ("王磊", "李娜", "张伟", "刘洋"):
            save_inspector(store, Inspector(name=name, jurisdiction_code="421281"))
        iid = store.db.execute("SELECT id FROM inspector ORDER BY id").fetchone()[0]
        eid = store.db.execute("SELECT id FROM enterprise ORDER BY id").fetchone()[0]
        save_recusal(store, Recusal(inspector_id=iid, enterprise_id=eid, reason="亲属关系"))
    finally:
        store.close()
    capsys.readouterr()
    assert main(["draw", "--db", str(inspector_db), "--seed", "2026-11 赤壁", "--jurisdiction", "421281",
                 "--date", "2026-11-29", "--operator", "王科长", "--witness", "李四", "--commit",
                 "--json"]) == 0
    record = json.loads(capsys.readouterr().out)["record"]
    assert record
    assert main(["draw", "verify", record, "--db", str(inspector_db)]) == 0

    pkg = _export(capsys, w["tmp"], inspector_db, w["ik"], "张三", "421221")
    Store.open(city_db, author="city").close()
    assert main(["trust", "add", str(w["ipub"]), "--db", str(city_db), "--yes", "--role", "inspector",
                 "--name", "张三", "--jurisdiction", "421221"]) == 0
    result = _import_json(capsys, pkg, city_db)
    assert result["counts"]["draw_record"]["new"] == 1 and result["counts"]["recusal"]["new"] == 1
    capsys.readouterr()
    code = main(["draw", "verify", record, "--db", str(city_db)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "一致" in captured.out
