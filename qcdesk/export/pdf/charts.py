"""Report charts drawn with reportlab graphics (vector, text stays extractable).

Value labels are drawn by us, after the dashed target line and on a white box, so that the line
never strikes a figure through (a rate just under 95 % sits right on it). On the trend line each
figure goes where its box covers neither the line nor a point (`label_places`).  A category without
results is still shown, marked 无数据, so that the chart lists what its table lists.
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from qcdesk.models.rate_text import meets_target, rate_figure
from qcdesk.models.report_queries import QUARTER_NAMES, RateRow

BAR_FILL = colors.HexColor("#3b6ea5")
BELOW_FILL = colors.HexColor("#c0504d")
TARGET_COLOUR = colors.HexColor("#d62728")
NO_DATA_COLOUR = colors.HexColor("#666666")
NO_DATA = "无数据"
LABEL_SIZE = 7


def _drawing(width: float, height: float, font: str) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = font  # else the renderer references a non-embedded Helvetica
    return d


def _axis_floor(values: list[float], target: float) -> float:
    """A bar chart's value axis starts at 0: a bar's length is its rate, so 85.7 % looks like
    85.7 % of a full bar, not a stub (an axis from 80 % drew it a third as tall as a 95 % one).
    The figures above the bars and the target line carry the differences near 95 %."""
    return 0.0


def _line_floor(values: list[float], target: float) -> float:
    """A line chart's axis may start a little below its lowest point (a line's height is not read
    as an amount, its movement is), so a quarter's dip of a few points stays visible."""
    lo = min([*values, target * 100])
    return max(0.0, math.floor((lo - 3) / 5) * 5)


def _step(lo: float) -> float:
    return 5 if lo >= 70 else 20 if lo == 0 else 10


def _target_line(d: Drawing, x: float, w: float, y: float, target: float, font: str) -> None:
    d.add(Line(x, y, x + w, y, strokeColor=TARGET_COLOUR, strokeWidth=1.2, strokeDashArray=[4, 2]))
    d.add(String(x + w + 3, y - 3, f"目标{target * 100:.0f}%", fontName=font, fontSize=8,
                 fillColor=TARGET_COLOUR))


def _value_label(d: Drawing, x: float, y: float, text: str, font: str,
                 colour: colors.Color = colors.black, floor: float | None = None) -> None:
    """`text` centred on x with its baseline at y, on an opaque box that hides what lies behind;
    the box reaches down to `floor` (just above the bar or point) so that a target line between
    the figure and its bar is hidden too, not left as an underline."""
    w = stringWidth(text, font, LABEL_SIZE)
    bottom = y - 0.3 * LABEL_SIZE if floor is None else min(floor, y - 0.3 * LABEL_SIZE)
    d.add(Rect(x - w / 2 - 1, bottom, w + 2, y + 1.05 * LABEL_SIZE - bottom,
               fillColor=colors.white, strokeColor=None))
    d.add(String(x, y, text, fontName=font, fontSize=LABEL_SIZE, textAnchor="middle", fillColor=colour))


def _label_points(chart: VerticalBarChart | HorizontalLineChart, values: list[float | None],
                  lo: float) -> list[tuple[float, float | None]]:
    """(x of the category's centre, y of its value or None) in drawing coordinates.

    One series: bars and points sit in the middle of their category's slot."""
    slot = chart.width / max(1, len(values))
    return [(chart.x + (i + 0.5) * slot,
             None if v is None else chart.y + chart.height * (v - lo) / (100 - lo))
            for i, v in enumerate(values)]


def _labels(d: Drawing, chart: VerticalBarChart | HorizontalLineChart, values: list[float | None],
            texts: list[str], lo: float, font: str, nudge: float, to_bar: bool) -> None:
    """Each figure (`texts`, rate_text's rule) `nudge` above its bar or point; `to_bar`: the box
    reaches down to the bar's top (a line chart's box stops short of the point, so its marker
    stays whole)."""
    for (x, y), text in zip(_label_points(chart, values, lo), texts, strict=True):
        if y is None:
            _value_label(d, x, chart.y + 4, NO_DATA, font, NO_DATA_COLOUR)
        else:
            _value_label(d, x, y + nudge, text, font, floor=y + 0.5 if to_bar else None)


def pass_rate_bars(rows: list[RateRow], target: float, font: str, width: float,
                   height: float = 190) -> Drawing:
    """Pass rate per jurisdiction/industry; bars under the target are drawn in red."""
    d = _drawing(width, height, font)
    if all(r.rate is None for r in rows):
        d.add(String(width / 2, height / 2, "本期无有检验结论的样品", fontName=font, fontSize=10,
                     textAnchor="middle"))
        return d
    values = [None if r.rate is None else round(r.rate * 100, 1) for r in rows]
    known = [v for v in values if v is not None]
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 45, width - 100, height - 60
    chart.data = [values]
    lo = _axis_floor(known, target)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = lo, 100
    chart.valueAxis.valueStep = _step(lo)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [r.label[:8] for r in rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.angle = 30 if len(rows) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(rows) > 6 else "n"
    chart.bars[0].fillColor = BAR_FILL
    chart.bars.strokeColor = None
    for i, r in enumerate(rows):  # on the rate, not its rounded height: 94.97 % is below 95 %
        if r.rate is not None and not meets_target(r.rate, target):
            chart.bars[(0, i)].fillColor = BELOW_FILL
    chart.barLabelFormat = None  # drawn by _labels, above the target line
    d.add(chart)
    y = chart.y + chart.height * (target * 100 - lo) / (100 - lo)
    _target_line(d, chart.x, chart.width, y, target, font)
    _labels(d, chart, values, [rate_figure(r.rate, target) for r in rows], lo, font, nudge=3, to_bar=True)
    return d


def trend_chart(rows: list[RateRow], target: float, font: str, width: float,
                height: float = 170) -> Drawing:
    """Pass rate of the last eight quarters; quarters without results leave a gap, marked 无数据."""
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
    lo = _line_floor(known or [target * 100], target)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = lo, 100
    chart.valueAxis.valueStep = _step(lo)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [quarter_label(r.key) for r in rows]
    chart.categoryAxis.labels.textAnchor = "middle"  # both lines centred under the point
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.lines[0].strokeColor = BAR_FILL
    chart.lines[0].strokeWidth = 1.5
    chart.lines[0].symbol = makeMarker("FilledCircle")
    chart.lines[0].symbol.size = 4
    chart.lines[0].symbol.fillColor = BAR_FILL
    chart.lineLabelFormat = None  # drawn by _line_labels, above the target line
    d.add(chart)
    y = chart.y + chart.height * (target * 100 - lo) / (100 - lo)
    _target_line(d, chart.x, chart.width, y, target, font)
    _line_labels(d, chart, values, [rate_figure(r.rate, target) for r in rows], lo, font, y,
                 [r.rate is not None and meets_target(r.rate, target) for r in rows])
    return d


Box = tuple[float, float, float, float]  # x0, y0, x1, y1
LINE_GAP = 3.0  # between a point's marker (radius 2) and its figure's box


def _label_box(x: float, y: float, text: str, font: str) -> Box:
    """The opaque box `_value_label` draws for `text` centred on x with its baseline at y."""
    w = stringWidth(text, font, LABEL_SIZE)
    return x - w / 2 - 1, y - 0.3 * LABEL_SIZE, x + w / 2 + 1, y + 1.05 * LABEL_SIZE


def _crosses(box: Box, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether the segment a–b passes through the box (Liang–Barsky clipping)."""
    (x0, y0, x1, y1), (ax, ay), (dx, dy) = box, a, (b[0] - a[0], b[1] - a[1])
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            lo = max(lo, q / p)
        else:
            hi = min(hi, q / p)
    return lo < hi


def label_places(points: list[tuple[float, float] | None], texts: list[str], font: str,
                 bottom: float, top: float, joined: bool = True, line: float | None = None,
                 meets: list[bool] | None = None) -> list[tuple[float, float] | None]:
    """(x centre, baseline) of each point's figure, placed where its box hides neither the line
    nor a marker: above the point, else below, else beside above or below (a steep rise leaves
    the upper left free), else a line further off — an opaque box on the line cut it into pieces
    at every point. Boxes stay between `bottom` and `top` (the axis and the drawing's top).

    With the target line's height `line` and whether each point meets the target (`meets`, on
    the rate, not its rounded height: 94.97 % does not), a figure always sits on its point's side
    of the target line: 95.2 drawn under the dashed 95 % line was read as under the target."""
    known = [p for p in points if p is not None]
    segments = list(zip(known, known[1:], strict=False)) if joined else []
    places: list[tuple[float, float] | None] = []
    for i, (point, text) in enumerate(zip(points, texts, strict=True)):
        if point is None:
            places.append(None)
            continue
        x, y = point
        w = stringWidth(text, font, LABEL_SIZE) + 2
        up, down = y + LINE_GAP + 0.3 * LABEL_SIZE, y - LINE_GAP - 1.05 * LABEL_SIZE
        side = w / 2 + LINE_GAP
        far = 1.4 * LABEL_SIZE
        candidates = [(x, up), (x, down), (x - side, up), (x + side, up), (x - side, down),
                      (x + side, down), (x, up + far), (x, down - far), (x - side, up + far),
                      (x + side, up + far), (x - side, down - far), (x + side, down - far)]
        every = candidates
        if line is not None and meets is not None:
            above = meets[i]
            candidates = [c for c in candidates if (_label_box(*c, text, font)[1] >= line if above
                                                    else _label_box(*c, text, font)[3] <= line)]
        fits = [(cx, cy) for cx, cy in candidates
                if bottom <= _label_box(cx, cy, text, font)[1]
                and _label_box(cx, cy, text, font)[3] <= top]
        clear = [c for c in fits if not any(_crosses(_label_box(*c, text, font), a, b)
                                            for a, b in segments)]
        places.append((clear or fits or candidates or every)[0])
    return places


def _line_labels(d: Drawing, chart: HorizontalLineChart, values: list[float | None], texts: list[str],
                 lo: float, font: str, line: float, meets: list[bool]) -> None:
    """Each figure (`texts`, rate_text's rule) beside its point, off the line and on its point's
    side of the target line at height `line` (`label_places`); a gap says 无数据."""
    points = [None if y is None else (x, y) for x, y in _label_points(chart, values, lo)]
    texts = ["" if v is None else t for v, t in zip(values, texts, strict=True)]
    places = label_places(points, texts, font, chart.y, d.height, bool(chart.joinedLines), line, meets)
    for (x, _y), place, text in zip(_label_points(chart, values, lo), places, texts, strict=True):
        if place is None:
            _value_label(d, x, chart.y + 4, NO_DATA, font, NO_DATA_COLOUR)
        else:
            _value_label(d, place[0], place[1], text, font)


def quarter_label(key: str) -> str:
    """``2025Q3`` as a Chinese report names it, on two lines to fit eight under the axis:
    2025年 / 第三季度. Anything else as written."""
    year, _, quarter = key.partition("Q")
    if year.isdigit() and quarter.isdigit() and int(quarter) in QUARTER_NAMES:
        return f"{year}年\n{QUARTER_NAMES[int(quarter)]}"
    return key
