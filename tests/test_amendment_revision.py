"""更正记录.更正前版本 names the revision the correction was made on, the one the recipient
holds, not the revision the correction itself made (which it said before, one too high)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models.amendments import amend_visit
from qcdesk.models.inspections import save_visit
from qcdesk.models.store import Store
from tests.test_audit import make_visit


def _sheet(package: Path, name: str) -> list[dict[str, object]]:
    """Rows of one sheet of the package's data.xlsx as header → value."""
    with zipfile.ZipFile(package) as zf:
        book = openpyxl.load_workbook(io.BytesIO(zf.read("data.xlsx")), read_only=True)
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_amending_a_visit_at_revision_2_says_2(tmp_path: Path) -> None:
    key = generate_secret_key()
    out = tmp_path / "out"
    out.mkdir()
    store = Store.open(tmp_path / "i.db", author="张三")
    bundle = make_visit(store)
    bundle.visit.summary = "原料仓库及成品仓库检查"
    save_visit(store, bundle)  # edited once before it was sent
    visit_id, uuid, revision = store.db.execute(
        "SELECT id, uuid, revision FROM visit").fetchone()
    assert revision == 2
    sent = export_package(store, out, key, signer_name="张三", jurisdiction="421221",
                          role="inspector")
    assert [r["版本"] for r in _sheet(sent, "检查记录")] == [2]  # what the city received

    amendment = amend_visit(store, visit_id, {"summary": "更正后的检查摘要"}, "笔误更正")
    assert amendment.visit_revision == 2
    assert store.db.execute("SELECT visit_revision FROM amendment WHERE uuid = ?",
                            [amendment.uuid]).fetchone()[0] == 2
    assert store.db.execute("SELECT revision FROM visit WHERE id = ?",
                            [visit_id]).fetchone()[0] == 3
    correction = export_package(store, out, key, signer_name="张三", jurisdiction="421221",
                                role="inspector")
    rows = _sheet(correction, "更正记录")
    assert [(r["更正的检查记录"], r["更正前版本"]) for r in rows] == [(uuid, 2)]
    assert [r["版本"] for r in _sheet(correction, "检查记录")] == [3]

    again = amend_visit(store, visit_id, {"conclusion": "基本符合要求"}, "结论补记")
    assert again.visit_revision == 3  # a second correction is made on the first one's result
    store.close()

    city = Store.open(tmp_path / "city.db", author="市质强办")
    trust = StaticTrust.of([key.public_key])
    for package in (sent, correction):
        import_package(city, package, trust=trust)
    assert city.db.execute("SELECT visit_revision FROM amendment").fetchall() == [(2,)]
    city.close()
