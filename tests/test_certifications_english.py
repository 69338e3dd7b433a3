"""The enterprise file's certifications in the English interface: 卓越绩效 and 标准化良好行为 were
shown in Chinese among ISO 9001 and 3C. They are shown translated and stored as the file's words,
so a file saved in English reads the same in Chinese, in a package and on a printed form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.persistence import fetch_record
from qcdesk.models.records import Enterprise
from qcdesk.ui.enterprise_editor import EnterpriseEditor


@pytest.mark.parametrize("lang", ["en"])  # the `lang` fixture installs it and restores the app's
def test_certifications_read_in_english_and_are_stored_as_the_files_words(qtbot, store, paths,  # noqa: ANN001
                                                                          settings, lang) -> None:  # noqa: ANN001
    firm = save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                             jurisdiction_code="421281",
                                             certifications="卓越绩效；某省名牌产品"))
    editor = EnterpriseEditor(store, paths, firm.id, settings=settings)
    qtbot.addWidget(editor)
    listed = [editor.cert_list.item(i) for i in range(editor.cert_list.count())]
    items = {item.text(): item for item in listed}
    assert "Performance excellence" in items and "Good standardisation practice" in items
    assert "卓越绩效" not in items and "标准化良好行为" not in items
    assert items["Performance excellence"].checkState() == Qt.CheckState.Checked
    assert items["某省名牌产品"].checkState() == Qt.CheckState.Checked  # the file's own, kept
    items["ISO 9001"].setCheckState(Qt.CheckState.Checked)
    editor.save_button.click()
    stored = fetch_record(store, Enterprise, firm.id).certifications
    assert stored.split("；") == ["ISO 9001", "卓越绩效", "某省名牌产品"]
