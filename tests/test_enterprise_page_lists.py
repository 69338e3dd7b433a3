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
    from PySide6.QtWidgets import QFormLayout

    from qcdesk.ui.enterprise_page import EnterprisePage

    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281", legal_representative="韩静",
                                             contact_name="马平云", contact_phone="138-0000-0500"), [])
    page = EnterprisePage(store, paths, firm.id)
    qtbot.addWidget(page)
    form = page.facts["legal"].parentWidget().findChild(QFormLayout)
    rows = {form.labelForField(page.facts[k]).text(): page.facts[k].text() for k in ("legal", "contact")}
    assert rows == {"法定代表人：": "韩静", "联系人：": "马平云  138-0000-0500"}
