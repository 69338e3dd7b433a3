"""The enterprise page's facts list their items in the page's language: an English page read
"above designated size , in the … programme , demonstration enterprise" (a Chinese comma between
English words) and its certifications in Chinese (卓越绩效)."""

from __future__ import annotations

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.records import Enterprise

SHOWN = {"en": ("above designated size, demonstration enterprise", "ISO 9001, Performance excellence"),
         "zh_CN": ("规上企业、示范企业", "ISO 9001、卓越绩效")}


def test_the_pages_lists_are_in_its_language(qtbot, store, paths, lang: str) -> None:  # noqa: ANN001
    from qcdesk.ui.enterprise_page import EnterprisePage

    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281", above_scale=1, demonstration=1,
                                             certifications="ISO 9001；卓越绩效"), [])
    page = EnterprisePage(store, paths, firm.id)
    qtbot.addWidget(page)
    assert (page.facts["flags"].text(), page.facts["certifications"].text()) == SHOWN[lang]


def test_the_legal_representative_and_the_contact_are_named_apart(qtbot, store, paths, chinese) -> None:  # noqa: ANN001
    """Review (first day): 联系人：韩静  马平云  138-… put the legal representative and the contact
    person side by side under one label; which of them to phone was left to guess."""
    from PySide6.QtWidgets import QLabel

    from qcdesk.ui.enterprise_page import EnterprisePage

    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281", legal_representative="韩静",
                                             contact_name="马平云", contact_phone="138-0000-0500"), [])
    page = EnterprisePage(store, paths, firm.id)
    qtbot.addWidget(page)
    def label(field: QLabel) -> str:  # the name beside a fact (its buddy)
        return next(w.text() for w in page.findChildren(QLabel) if w.buddy() is field)

    rows = {label(page.facts[k]): page.facts[k].text() for k in ("legal", "contact")}
    assert rows == {"法定代表人：": "韩静", "联系人：": "马平云  138-0000-0500"}


def test_the_visits_and_orders_keep_their_rows_on_a_laptop_screen(qtbot, store, paths,  # noqa: ANN001
                                                                   chinese) -> None:  # noqa: ANN001
    """Review (small laptop): at 574 px the ten facts, one a row, left the visits and the open
    orders about one row each; two a row, the lists keep several."""
    from qcdesk.ui.enterprise_page import EnterprisePage

    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281", address="赤壁市赵李桥镇茶马古道8号",
                                             certifications="ISO 9001；卓越绩效"), [])
    page = EnterprisePage(store, paths, firm.id)
    qtbot.addWidget(page)
    page.resize(1077, 574)  # the main window on a 1366×768 screen at 125 %
    page.show()
    qtbot.wait(50)
    row = page.visits.verticalHeader().defaultSectionSize()
    assert page.visits.viewport().height() >= 4 * row, page.visits.viewport().height()
    assert page.rects.viewport().height() >= 2 * row, page.rects.viewport().height()

