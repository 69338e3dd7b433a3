"""A package whose enterprises lie outside its signer's jurisdiction is imported (nothing is
lost) but the receiving office is told, with the codes and counts, in the GUI and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_fixtures import populate

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.exchange.trust import StaticTrust
from qcdesk.models.jurisdictions import within
from qcdesk.models.store import Store


def test_within_follows_the_parents() -> None:
    assert within("421202-HTZ", "421202") and within("421202-HTZ", "421200")
    assert within("421281", "421281") and not within("421281", "421202")
    assert not within("", "421202") and not within("999999", "421200")


@pytest.mark.parametrize(("signer_area", "warned"), [("421281", True), ("421202", False),
                                                     ("421200", False)])
def test_enterprises_outside_the_signers_area_are_imported_with_a_warning(
        tmp_path: Path, signer_area: str, warned: bool) -> None:
    key = generate_secret_key()
    source = Store.open(tmp_path / "laptop.db")
    populate(source, 3, 1)  # enterprises of 咸安区 (421202)
    (tmp_path / "out").mkdir()
    package = export_package(source, tmp_path / "out", key, signer_name="张三",
                             jurisdiction=signer_area, role="inspector", full=True)
    source.close()
    store = Store.open(tmp_path / "county.db")
    result = import_package(store, package, trust=StaticTrust.of([key.public_key]))
    assert result.counts["enterprise"]["new"] == 3
    outside = [w for w in result.warnings if "不属于签名人辖区" in w]
    outside_en = [w for w in result.warnings_en if "outside the signer's" in w]
    if warned:
        assert outside == ["数据包中有 3 家企业不属于签名人辖区 421281（421202 3 家），"
                           "请与签名人核实数据来源"]
        assert outside_en == ["3 enterprise(s) in the package lie outside the signer's "
                              "jurisdiction 421281 (421202: 3); check the source with the signer"]
    else:
        assert outside == [] and outside_en == []
    store.close()
