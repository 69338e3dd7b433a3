"""The city sees who first made each record, although it trusts only the county's key: the
county's signed package names the keys on the county's trust list, and the record's history
says so (issue: "each record keeps where it came from")."""

from __future__ import annotations

from pathlib import Path

from exchange_fixtures import populate

from qcdesk.exchange.export import export_package
from qcdesk.exchange.importer import import_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.record_source import Signer, record_origin
from qcdesk.models.store import Store


def test_the_city_names_the_inspector_behind_a_county_package(tmp_path: Path, qtbot) -> None:
    from qcdesk.ui.history_dialog import HistoryDialog

    inspector_key, county_key = generate_secret_key(), generate_secret_key()
    (tmp_path / "out").mkdir()
    laptop = Store.open(tmp_path / "laptop.db", author="张三")
    populate(laptop, 1, 1)
    uuid = laptop.db.execute("SELECT uuid FROM visit").fetchone()[0]
    assert record_origin(laptop, "visit", uuid) is None  # made there
    first = export_package(laptop, tmp_path / "out", inspector_key, signer_name="张三",
                           jurisdiction="421202", role="inspector", full=True)
    laptop.close()

    county = Store.open(tmp_path / "county.db", author="县局")
    trust_store.add_key(county, inspector_key.public_key, name="张三", jurisdiction="421202",
                        role="inspector")
    import_package(county, first)
    named = Signer(inspector_key.public_key.key_id, "张三", "421202", "inspector", trusted=True)
    assert record_origin(county, "visit", uuid) == named
    second = export_package(county, tmp_path / "out", county_key, signer_name="咸安区局",
                            jurisdiction="421202", role="county", full=True)
    county.close()

    city = Store.open(tmp_path / "city.db", author="市质强办")
    trust_store.add_key(city, county_key.public_key, name="咸安区局", jurisdiction="421202",
                        role="county")
    import_package(city, second)
    origin = record_origin(city, "visit", uuid)
    assert origin == Signer(named.key_id, "张三", "421202", "inspector", vouched_by="咸安区局")
    dialog = HistoryDialog(city, "visit", uuid)
    qtbot.addWidget(dialog)
    text = dialog.source_label.text()
    assert "张三 (咸安区" in text and "咸安区局" in text and named.key_id in text
    city.close()


def test_a_key_on_the_trust_list_without_a_name_is_said_to_be_listed(tmp_path: Path, qtbot) -> None:
    from qcdesk.models.record_source import signer_info
    from qcdesk.ui.history_dialog import HistoryDialog

    store = Store.open(tmp_path / "city.db", author="市质强办")
    listed, stranger = generate_secret_key().public_key, generate_secret_key().public_key
    trust_store.add_key(store, listed)  # `trust add` without --name is allowed
    assert signer_info(store, listed.key_id) == Signer(listed.key_id, trusted=True)
    assert signer_info(store, stranger.key_id) == Signer(stranger.key_id)
    populate(store, 1, 1)
    uuid = store.db.execute("SELECT uuid FROM visit").fetchone()[0]
    dialog = HistoryDialog(store, "visit", uuid)
    qtbot.addWidget(dialog)
    assert "without a name" in dialog.source_text(signer_info(store, listed.key_id))
    assert "not on the trust list" in dialog.source_text(signer_info(store, stranger.key_id))
    store.close()
