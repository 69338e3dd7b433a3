"""received/ beside the database holds the packages that were imported, and only those."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from exchange_fixtures import populate

from qcdesk.exchange import importer
from qcdesk.exchange.workbook import SheetFormatError
from qcdesk.models.store import Store


def _signed_package(tmp_path: Path) -> tuple[Path, Any]:
    from qcdesk.exchange.export import export_package
    from qcdesk.exchange.minisign import generate_secret_key

    key = generate_secret_key()
    source = Store.open(tmp_path / "laptop.db")
    populate(source, 2, 2)
    (tmp_path / "usb").mkdir()
    package = export_package(source, tmp_path / "usb", key, signer_name="张三",
                             jurisdiction="421202", role="inspector", full=True)
    source.close()
    return package, key.public_key


def _visits(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM visit").fetchone()[0]


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"),
                                     SheetFormatError("refused after verification")])
def test_a_failed_import_leaves_no_package_in_received(tmp_path: Path, monkeypatch, failure) -> None:
    from qcdesk.exchange.trust import StaticTrust

    package, public_key = _signed_package(tmp_path)
    original = package.read_bytes()
    store = Store.open(tmp_path / "county.db")
    real_merge = importer._merge

    def failing_merge(*args: Any) -> None:
        real_merge(*args)  # rows written inside the transaction, then the failure
        raise failure

    monkeypatch.setattr(importer, "_merge", failing_merge)
    with pytest.raises(type(failure)):
        importer.import_package(store, package, trust=StaticTrust.of([public_key]))
    received = tmp_path / "received"
    assert _visits(store) == 0
    assert sorted(p.name for p in received.iterdir()) == []  # not imported: not kept as imported
    assert package.read_bytes() == original  # the file the user chose is untouched

    monkeypatch.setattr(importer, "_merge", real_merge)  # the same package again, disk freed
    importer.import_package(store, package, trust=StaticTrust.of([public_key]))
    sha = hashlib.sha256(original).hexdigest()
    kept = list(received.iterdir())
    assert _visits(store) == 4 and len(kept) == 1
    assert kept[0].name.startswith(sha[:16]) and kept[0].read_bytes() == original
    store.close()


def test_a_package_imported_before_stays_in_received_when_a_later_import_of_it_fails(
        tmp_path: Path, monkeypatch) -> None:
    """A failed import removes only the copy it made itself."""
    from qcdesk.exchange.trust import StaticTrust

    package, public_key = _signed_package(tmp_path)
    store = Store.open(tmp_path / "county.db")
    importer.import_package(store, package, trust=StaticTrust.of([public_key]))
    kept = list((tmp_path / "received").iterdir())
    other = Store.open(tmp_path / "other.db")  # beside the same received/ folder

    def failing_merge(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "_merge", failing_merge)
    with pytest.raises(OSError):
        importer.import_package(other, package, trust=StaticTrust.of([public_key]))
    assert list((tmp_path / "received").iterdir()) == kept and kept[0].read_bytes() == package.read_bytes()
    store.close()
    other.close()
