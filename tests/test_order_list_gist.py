"""The order list tells orders apart (review, small laptop): most orders on a finding begin
with the default 对检查发现的以下问题进行整改：, and the column showed that on nearly every row.
It shows what follows; the tooltip keeps the whole requirement."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from qcdesk.models.listing import RECTIFICATIONS
from qcdesk.models.rectification_texts import finding_requirement, requirement_gist
from qcdesk.models.store import Store
from tests.test_list_widths import lists, shown_page  # noqa: F401 - the fixture


def test_the_lead_in_is_left_out_and_kept_in_the_tooltip(qtbot: QtBot, lists: Store) -> None:  # noqa: F811
    from PySide6.QtCore import Qt

    whole = finding_requirement("未建立原材料进货查验记录，无法追溯供应商")
    with lists.transaction():
        lists.db.execute("UPDATE rectification SET requirement = ?", [whole])
    page = shown_page(qtbot, lists, RECTIFICATIONS)
    col = page.model.column_of("requirement")
    index = page.model.index(0, col)
    assert index.data() == "未建立原材料进货查验记录，无法追溯供应商"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == whole
    assert requirement_gist("针对产品“砖茶”的不合格项目（水分）逐项整改。") == (
        "针对产品“砖茶”的不合格项目（水分）逐项整改。")  # no lead-in: as written
    assert requirement_gist(finding_requirement("")) == "对检查发现的以下问题进行整改："
