"""Report charts drawn with reportlab graphics (vector, text stays extractable)."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors

from qcdesk.models.report_queries import RateRow

BAR_FILL = colors.HexColor("#3b6ea5")
BELOW_FILL = colors.HexColor("#c0504d")
TARGET_COLOUR = colors.HexColor("#d62728")


def _drawing(width: float, height: float, font: str) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer references a non-embedded Helvetica
    return d


def _axis_floor(values: list[float], target: float) -> float:
    """Start the value axis a little below the lowest figure so differences near 95 % show."""
    lo = min([*values, target * 100])
    return max(0.0, math.floor((lo - 3) / 5) * 5)


def _step(lo: float) -> float:
    return 5 if lo >= 70 else 10


def _target_line(d: Drawing, x: float, w: float, y: float, target: float, font: str) -> None:
    d.add(Line(x, y, x + w, y, strokeColor=TARGET_COLOUR, strokeWidth=1.2, strokeDashArray=[4, 2]))
    d.add(String(x + w + 3, y - 3, f"目标{target * 100:.0f}%", fontName=font, fontSize=8,
                 fillColor=TARGET_COLOUR))


def pass_rate_bars(rows: list[RateRow], target: float, font: str, width: float,
                   height: float = 190) -> Drawing:
    """Pass rate per jurisdiction/industry; bars under the target are drawn in red."""
    d = _drawing(width, height, font)
    shown = [r for r in rows if r.rate is not None]
    if not shown:
        d.add(String(width / 2, height / 2, "本期无有检验结论的样品", fontName=font, fontSize=10,
                     textAnchor="middle"))
        return d
    values = [round(r.rate * 100, 1) for r in shown]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 45, width - 100, height - 60
    chart.data = [values]
    lo = _axis_floor(values, target)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = lo, 100
    chart.valueAxis.valueStep = _step(lo)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [r.label[:8] for r in shown]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.angle = 30 if len(shown) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(shown) > 6 else "n"
    chart.bars[0].fillColor = BAR_FILL
    chart.bars.strokeColor = None
    for i, v in enumerate(values):
        if v < target * 100:
            chart.bars[(0, i)].fillColor = BELOW_FILL
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    d.add(chart)
    y = chart.y + chart.height * (target * 100 - lo) / (100 - lo)
    _target_line(d, chart.x, chart.width, y, target, font)
    return d


def trend_chart(rows: list[RateRow], target: float, font: str, width: float,
                height: float = 170) -> Drawing:
    """Pass rate of the last eight quarters; quarters without results leave a gap."""
    d = _drawing(width, height, font)
    values = [round(r.rate * 100, 1) if r.rate is not None else None for r in rows]
    known = [v for v in values if v is not None]
    if not known:
        d.add(String(width / 2, height / 2, "近八个季度均无有检验结论的样品", fontName=font, fontSize=10,
                     textAnchor="middle"))
        return d
    chart = HorizontalLineChart()
    chart.joinedLines = len(known) >= 2  # a lone quarter is a dot, not a one-point line
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 100, height - 45
    chart.data = [values]
    lo = _axis_floor(known or [target * 100], target)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = lo, 100
    chart.valueAxis.valueStep = _step(lo)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [r.key for r in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.lines[0].strokeColor = BAR_FILL
    chart.lines[0].strokeWidth = 1.5
    chart.lines[0].symbol = makeMarker("FilledCircle")
    chart.lines[0].symbol.size = 4
    chart.lines[0].symbol.fillColor = BAR_FILL
    chart.lineLabelFormat = lambda v: "" if v is None else f"{v:.1f}"
    chart.lineLabels.fontName = font
    chart.lineLabels.fontSize = 7
    d.add(chart)
    y = chart.y + chart.height * (target * 100 - lo) / (100 - lo)
    _target_line(d, chart.x, chart.width, y, target, font)
    return d
