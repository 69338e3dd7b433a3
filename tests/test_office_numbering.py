"""A county office's documents carry its own bureau's numbering, not the city's.

A county office that named itself 嘉鱼县市场监督管理局 in Preferences still printed notices
numbered 咸市监质改〔2026〕＿＿号: the prefixes are separate settings with the city's defaults.
Preferences now proposes the named bureau's prefixes, warns while they differ, and the 开始使用
checklist does not tick the office's name until they agree (or were kept on purpose).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from qcdesk.export.pdf.documents import render_record
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.jurisdictions import BUREAUS
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.rectifications import order_rectification
from qcdesk.models.setup_queries import setup_state
from qcdesk.models.store import Store
from tests.test_pdf_documents import text_of

JIAYU = "嘉鱼县市场监督管理局"


def _page(store: Store, tmp_path: Path, qtbot):  # noqa: ANN001, ANN202 - a SettingsPage
    from qcdesk.ui.settings_page import SettingsPage

    page = SettingsPage(store, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat), "zh_CN")
    qtbot.addWidget(page)
    page.show()
    return page


def _prefixes(page) -> tuple[str, str]:  # noqa: ANN001
    return page.edits["doc.notice_prefix"].text(), page.edits["doc.recheck_prefix"].text()


def _notice(store: Store, tmp_path: Path) -> str:
    """A notice of a 嘉鱼 case checked by inspectors of the default (city) unit, as printed."""
    firm = save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="嘉鱼县测试管业有限公司",
                                             jurisdiction_code="421221"))
    a, b = (save_inspector(store, Inspector(name=n, cert_no=c, jurisdiction_code="421200"))
            for n, c in (("张明", "42120020160001"), ("李华", "42120020160002")))
    saved = save_visit(store, VisitBundle(
        Visit(enterprise_id=firm.id, visit_date="2025-05-14", kind="spot_check", inspectors=[a.uuid, b.uuid]),
        [Sample(product_name="PVC-U给水管", sampled_on="2025-05-14", result="fail",
                failed_items="纵向回缩率")], []))
    rect = order_rectification(store, visit=saved.visit, requirement="停止销售同批次产品并整改",
                               ordered_on="2025-05-16", rule_set="samr18", sample=saved.samples[0])
    pdf = tmp_path / "notice.pdf"
    render_record(store.db, "notice", rect.id, pdf)
    return text_of(pdf)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_typing_a_county_bureau_proposes_its_prefixes_and_the_notice_carries_them(
        store: Store, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    assert (BUREAUS["421221"].notice_prefix, BUREAUS["421221"].recheck_prefix) == ("嘉市监质改", "嘉市监质复")
    page = _page(store, tmp_path, qtbot)
    assert page.prefix_box.isHidden()  # nothing named yet: nothing to warn of
    page.edits["doc.org_name"].insert(JIAYU)  # as an input method commits it (QTest types ASCII only)
    assert _prefixes(page) == ("嘉市监质改", "嘉市监质复")
    assert page.jurisdiction.currentData() == "421221" and page.prefix_box.isHidden()
    page.edits["doc.notice_prefix"].setText("嘉鱼市监改")  # the user may still override
    assert not page.prefix_box.isHidden() and "嘉市监质改" in page.prefix_warning.text()
    page.edits["doc.notice_prefix"].setText("嘉市监质改")
    page.save()
    assert setup_state(store).org_done
    text = _notice(store, tmp_path)
    assert JIAYU in text and "嘉市监质改〔2025〕" in text and "咸市监质改" not in text


def test_choosing_the_jurisdiction_fills_in_the_bureau(store: Store, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    page = _page(store, tmp_path, qtbot)
    page.jurisdiction.activated.emit(page.jurisdiction.findData("421281"))
    assert page.edits["doc.org_name"].text() == "赤壁市市场监督管理局"
    assert _prefixes(page) == (BUREAUS["421281"].notice_prefix, BUREAUS["421281"].recheck_prefix)


def test_a_county_name_over_the_city_prefixes_is_warned_and_not_ticked(
        store: Store, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    """The database of an office that named itself before: name saved, prefixes left empty."""
    from qcdesk.ui.getting_started import GettingStarted

    store.set_setting("doc.org_name", JIAYU)
    assert not setup_state(store).org_done
    checklist = GettingStarted(store, None)
    qtbot.addWidget(checklist)
    assert checklist.marks["org"].text() == "○" and "嘉市监质改" in checklist.texts["org"].text()
    page = _page(store, tmp_path, qtbot)
    assert not page.prefix_box.isHidden()
    warning = page.prefix_warning.text()
    assert JIAYU in warning and "嘉市监质改" in warning and "咸市监质改" in warning
    qtbot.mouseClick(page.use_bureau_prefixes, qtbot_button())
    assert _prefixes(page) == ("嘉市监质改", "嘉市监质复") and page.prefix_box.isHidden()
    page.save()
    checklist.refresh()
    assert checklist.marks["org"].text() == "✓"


def test_custom_prefixes_kept_on_purpose_tick_the_step(store: Store, tmp_path: Path, qtbot) -> None:  # noqa: ANN001
    store.set_setting("doc.org_name", JIAYU)
    store.set_setting("doc.notice_prefix", "嘉鱼市监改")
    page = _page(store, tmp_path, qtbot)
    assert not page.prefix_box.isHidden() and not page.keep_prefixes.isChecked()
    page.edits["doc.org_name"].insert(" ")  # typing keeps prefixes of the office's own making
    assert page.edits["doc.notice_prefix"].text() == "嘉鱼市监改"
    page.keep_prefixes.setChecked(True)
    page.save()
    assert setup_state(store).org_done
    page = _page(store, tmp_path, qtbot)  # shown as kept when Preferences opens again
    assert page.keep_prefixes.isChecked()
    store.set_setting("doc.recheck_prefix", "嘉鱼市监复")  # another change asks again
    assert not setup_state(store).org_done


def qtbot_button():  # noqa: ANN201
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton
