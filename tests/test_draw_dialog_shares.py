"""The draw dialog says each class's share as a planner says it: the rules hold decimals (0.05),
and beside each box the dialog reads "= 5%", so 0.5 typed for 5% is seen before a draw of half
the class is committed."""

from __future__ import annotations

from qcdesk.models.draw import ratio_percent
from qcdesk.models.risk import load_rules
from qcdesk.models.store import Store
from qcdesk.ui.draw_dialog import DrawDialog


def test_shares_read_as_percentages() -> None:
    assert ratio_percent("0.05") == "5%"
    assert ratio_percent(" 0.125 ") == "12.5%"
    assert ratio_percent("1/3") == "33.33%"
    assert ratio_percent("1") == "100%"
    assert ratio_percent("0") == "0%"
    assert ratio_percent("1.5") is None
    assert ratio_percent("-0.1") is None
    assert ratio_percent("五") is None


def test_each_box_shows_its_share_as_typed(qtbot, chinese: None, store: Store, paths) -> None:  # noqa: ANN001
    dialog = DrawDialog(store, paths)
    qtbot.addWidget(dialog)
    rules = load_rules(store)
    for cls, label in dialog.ratio_shares.items():
        assert label.text() == f"= {ratio_percent(rules.draw_ratios[cls])}"
    box = dialog.ratios["A"]
    box.clear()
    qtbot.keyClicks(box, "0.5")
    assert dialog.ratio_shares["A"].text() == "= 50%"
    box.clear()
    qtbot.keyClicks(box, "5%")  # not a decimal: the draw would refuse it, the label says so now
    assert dialog.ratio_shares["A"].text() == "= ?"
