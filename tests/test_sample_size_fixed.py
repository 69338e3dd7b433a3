"""企业规模 on the 抽样单 is one of the four the app stores (大型/中型/小型/微型, the form's
boxes and the enterprise file's list), picked, never typed: the combo was editable and took digits
meant for the next field ("20261001"). A size stored otherwise before (or by an import) still shows
as it is and is saved unchanged, and is offered for that sample only."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from qcdesk.models.records import ENTERPRISE_SIZES, Sample
from qcdesk.ui.visit_tabs import SamplesTab

pytestmark = pytest.mark.usefixtures("chinese")


def tab_with(qtbot: QtBot, *samples: Sample) -> SamplesTab:
    tab = SamplesTab("zh", lambda: {})
    qtbot.addWidget(tab)
    tab.show()
    tab.load(list(samples))
    return tab


def test_typed_text_is_not_taken(qtbot: QtBot) -> None:
    tab = tab_with(qtbot, Sample(product_name="青砖茶", enterprise_size="小型"))
    combo = tab.size_combo
    assert not combo.isEditable() and combo.lineEdit() is None
    combo.setFocus()
    QTest.keyClicks(combo, "20261001")
    tab.store_form()
    assert tab.items[0].enterprise_size in ("小型", *ENTERPRISE_SIZES)
    assert "20261001" not in [combo.itemText(i) for i in range(combo.count())]
    assert [combo.itemText(i) for i in range(combo.count())] == ["", *ENTERPRISE_SIZES]


def test_a_stored_free_text_still_shows_and_stays_with_its_sample(qtbot: QtBot) -> None:
    tab = tab_with(qtbot, Sample(product_name="青砖茶", enterprise_size="20261001"),
                   Sample(product_name="米砖茶", enterprise_size="中型"))
    combo = tab.size_combo
    assert combo.currentText() == "20261001"
    tab.store_form()
    assert tab.items[0].enterprise_size == "20261001"  # an untouched sample saves unchanged
    tab.list.setCurrentRow(1)
    assert combo.currentText() == "中型"
    assert [combo.itemText(i) for i in range(combo.count())] == ["", *ENTERPRISE_SIZES]
    assert tab.items[0].enterprise_size == "20261001" and tab.items[1].enterprise_size == "中型"
    tab.list.setCurrentRow(0)
    combo.setCurrentIndex(combo.findData("小型"))  # corrected by picking one of the four
    tab.list.setCurrentRow(1)
    assert tab.items[0].enterprise_size == "小型" and tab.items[1].enterprise_size == "中型"
