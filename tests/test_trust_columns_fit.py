"""The trust dialog and its received-packages list show every column at their default width
(review regress-ui A4, A5), measured in the CJK face on the 1093 px laptop: the trust list's new
密钥编号 column (16 hex) pushed 接收时间 and 缺少序号 — the column that says a package is missing —
off the right edge in Chinese."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import cjk_font, screen_of  # noqa: E402

DEFAULT_WIDTH = 900  # the trust dialog's


@pytest.fixture(autouse=True)
def _cjk(qapp):  # noqa: ANN001, ANN202 - yields the family
    yield from cjk_font()


@pytest.fixture
def trusted(store: Store) -> str:
    """One inspector's key, packages 1 and 3 received (2 missing); returns its key id."""
    key = trust_store.add_key(store, generate_secret_key().public_key, name="李明",
                              jurisdiction="421221", role="inspector")
    for seq in (1, 3):
        trust_store.record_received(store, key.key_id, seq, f"{seq:02d}" * 32)
    return key.key_id


def columns_fit(view: QTableView) -> bool:
    """All sections within the viewport, the last one whole, no sideways scroll bar."""
    header = view.horizontalHeader()
    sections = sum(header.sectionSize(c) for c in range(header.count()))
    return (sections <= view.viewport().width() and not view.horizontalScrollBar().isVisible()
            and header.sectionSize(header.count() - 1) >= header.sectionSizeHint(header.count() - 1))


def test_trust_dialog_shows_every_column(qtbot: QtBot, store: Store, trusted: str, lang: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from qcdesk.ui.keys_dialog import TrustDialog

    screen_of(monkeypatch)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.table
    assert columns_fit(view), [view.columnWidth(c) for c in range(view.columnCount())]
    if lang == "zh_CN":  # at the default width; the English headers may widen it on the laptop
        assert dialog.width() == DEFAULT_WIDTH
    assert dialog.width() <= 1093 - 16
    last = view.horizontalHeaderItem(view.columnCount() - 1).text()
    assert last == {"en": "Missing sequences", "zh_CN": "缺少序号"}[lang]
    assert view.item(0, view.columnCount() - 1).text() == "2"
    key_id = view.item(0, 6)
    assert (key_id.text(), key_id.toolTip()) == (trusted[:8].upper(), trusted)



SIGNERS = [("咸宁市市场监督管理局质量发展科", "421200", "city"), ("欧阳晓明", "421221", "inspector"),
           ("通城县市场监督管理局", "421222", "county"), ("司马相如", "421281", "inspector")]
MISSING = {"zh_CN": ("2、4…共 21 个", "2、4、5、7、8、10、11、13、14、16、17、19、20、22～29"),
           "en": ("2, 4… 21 in all", "2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 20, 22-29")}


def test_trust_dialog_fits_an_office_name_and_many_missing_numbers(
        qtbot: QtBot, store: Store, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Realistic data (review "late" 1): an office signing as 咸宁市市场监督管理局质量发展科 and
    signers with 20 packages missing pushed 缺少序号 off the right edge even at the screen's
    width. The name elides (whole in its tooltip), 缺少序号 is short (all of it in its tooltip)."""
    from qcdesk.ui.keys_dialog import TrustDialog

    screen_of(monkeypatch)
    for name, jurisdiction, role in SIGNERS:
        key = trust_store.add_key(store, generate_secret_key().public_key, name=name,
                                  jurisdiction=jurisdiction, role=role)
        for seq in (1, 3, 6, 9, 12, 15, 18, 21, 30):
            trust_store.record_received(store, key.key_id, seq, f"{seq:02d}" * 32)
    dialog = TrustDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.table
    assert columns_fit(view), [view.columnWidth(c) for c in range(view.columnCount())]
    if lang == "zh_CN":
        assert dialog.width() == DEFAULT_WIDTH
    assert dialog.width() <= 1093 - 16
    last = view.columnCount() - 1
    short, whole = MISSING[lang]
    for row in range(view.rowCount()):
        missing = view.item(row, last)
        assert missing.text() == short
        assert whole in missing.toolTip()
        received = view.item(row, last - 1)  # the day; to the minute in the tooltip
        assert received.toolTip().startswith(received.text()) and len(received.toolTip()) == 16
    names = {view.item(row, 0).toolTip() for row in range(view.rowCount())}
    assert names == {name for name, _j, _r in SIGNERS}


COUNTS = {"inspector": 62, "industry": 12, "enterprise": 20, "licence": 7, "certification": 16,
          "contact": 33, "visit": 60, "sample": 29, "finding": 19, "rectification": 10,
          "demonstration_zone": 7, "photo": 0}
WORDS = {"zh_CN": "检查人员 62 名、行业 12 个、企业 20 家、许可证 7 张、认证 16 项、联系人 33 名、"
                  "检查记录 60 条、抽样 29 条、发现问题 19 条、整改 10 条、示范区项目 7 个",
         "en": "Inspectors 62, Industries 12, Enterprises 20, Licences 7, Certifications 16, "
               "Contacts 33, Visits 60, Samples 29, Findings 19, Rectification orders 10, "
               "Demonstration zones 7"}


def test_received_list_shows_the_note_and_counts_records_in_words(
        qtbot: QtBot, store: Store, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """注意 (吊销后收到: maybe a thief's package) in view at the default width, before the long
    记录数, which is worded as `qcdesk received` words it (not certification 16, contact 33)."""
    from datetime import UTC, datetime, timedelta

    from qcdesk.cli_exchange import record_count_words
    from qcdesk.ui.received_view import ReceivedPackagesDialog

    screen_of(monkeypatch)
    key = trust_store.add_key(store, generate_secret_key().public_key, name="李明",
                              jurisdiction="421221", role="inspector")
    manifest = {"full": True, "period_to": "2026-11-30", "record_counts": COUNTS}
    trust_store.record_received(store, key.key_id, 1, "ab" * 32, manifest=manifest)
    trust_store.revoke_key(store, key.key_id, at=datetime.now(UTC) - timedelta(days=1))
    [key] = trust_store.list_keys(store)
    dialog = ReceivedPackagesDialog(store, key)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.table
    headers = [view.horizontalHeaderItem(c).text() for c in range(view.columnCount())]
    note, records = {"en": ("Note", "Records"), "zh_CN": ("注意", "记录数")}[lang]
    assert headers.index(note) < headers.index(records) == len(headers) - 1
    assert view.item(0, headers.index(note)).text() == {"en": "Received after revocation",
                                                         "zh_CN": "吊销后收到"}[lang]
    counted = view.item(0, headers.index(records))
    assert counted.text() == counted.toolTip() == WORDS[lang]
    if lang == "zh_CN":
        assert counted.text() == record_count_words(COUNTS)  # the CLI's words
    assert columns_fit(view), [view.columnWidth(c) for c in range(view.columnCount())]
    header = view.horizontalHeader()
    column = headers.index(note)
    assert header.sectionViewportPosition(column) + header.sectionSize(column) <= view.viewport().width()
    assert header.sectionSize(column) >= view.sizeHintForColumn(column)  # 吊销后收到 whole
