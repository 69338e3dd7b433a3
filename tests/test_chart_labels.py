"""The dashboard's industry chart names each bar apart from its neighbours (review, first day):
labels took the whole slot and broke anywhere, so 纺织服装 beside 军民结合 read 纺织服军民结 /
装 合. Now a gap separates two labels and a name too wide for its slot is cut into two even
lines (现代 / 森工), never one character left alone."""

from __future__ import annotations

from PySide6.QtGui import QPainter

from qcdesk.ui import dashboard_widgets
from qcdesk.ui.dashboard_widgets import Bar, PassRateChart, label_lines


def per_character(text: str) -> int:
    return 13 * len(text)


def test_a_name_too_wide_is_cut_into_two_even_lines() -> None:
    assert label_lines("机电", per_character, 40) == "机电"
    assert label_lines("现代森工", per_character, 40) == "现代\n森工"
    assert label_lines("电子信息基材", per_character, 60) == "电子信\n息基材"
    assert label_lines("苎麻纺织品", per_character, 40) == "苎麻纺\n织品"
    assert label_lines("Textiles and clothing", per_character, 40) == "Textiles and clothing"  # word wrap


def test_labels_under_neighbouring_bars_do_not_touch(qtbot, monkeypatch) -> None:  # noqa: ANN001
    chart = PassRateChart()
    qtbot.addWidget(chart)
    names = ["机电", "管材", "现代森工", "纺织服装", "军民结合", "竹木", "钒", "电子信息基材", "苎麻纺织",
             "石材"]
    chart.set_bars([Bar(n, n, 10, 1) for n in names], 0.95, "")
    chart.resize(520, 260)
    drawn: list[tuple[float, float, str]] = []
    draw = QPainter.drawText

    def record(painter: QPainter, *args) -> None:  # noqa: ANN002
        if len(args) == 3 and args[2] in {label_lines(n, painter.fontMetrics().horizontalAdvance,
                                                      args[0].width()) for n in names}:
            drawn.append((args[0].left(), args[0].right(), args[2]))
        draw(painter, *args)

    monkeypatch.setattr(dashboard_widgets.QPainter, "drawText", record)
    chart.grab()
    assert [text.replace("\n", "") for _l, _r, text in drawn] == names
    assert all(right + 4 <= left for (_l, right, _t), (left, _r, _t2) in zip(drawn, drawn[1:], strict=False))
    assert "现代\n森工" in [text for _l, _r, text in drawn]  # too wide for a 48 px slot: two even lines


def test_figures_over_narrow_bars_do_not_run_together(qtbot) -> None:  # noqa: ANN001
    """Review (small laptop): over eleven narrow bars all at 100 %, the figures read
    100.0100.0100.0; every other one now stands a line higher when they would touch."""
    chart = PassRateChart()
    qtbot.addWidget(chart)
    chart.set_bars([Bar(f"行业{i}", f"行业{i}", 10, 0) for i in range(11)], 0.95, "")
    chart.resize(420, 260)
    boxes = [chart.value_label(i)[1] for i in range(11)]
    assert all(box.width() > chart._plot().width() / 11 for box in boxes)  # too wide side by side
    for a, b in zip(boxes, boxes[1:], strict=False):
        assert not a.intersects(b), (a, b)
    assert min(box.top() for box in boxes) >= 0  # the higher ones still inside the chart
    chart.resize(1000, 260)  # room enough: all on one line, just over their bars
    assert len({chart.value_label(i)[1].top() for i in range(11)}) == 1
