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
