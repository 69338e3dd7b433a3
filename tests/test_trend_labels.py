"""The trend chart (图3) as a reader sees it: every quarter's figure sits clear of the line and
its point, and the line is drawn whole — a figure's white box used to sit on the line at every
point and cut it into pieces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, PolyLine, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from test_report_layout import DPI, drawing_pdf, pixels

from qcdesk.export.pdf.charts import _crosses, trend_chart
from qcdesk.export.pdf.fonts import font_roles
from qcdesk.models.report_queries import RateRow

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils missing")


def rows(*rates: float) -> list[RateRow]:
    quarters = ["2023Q4", "2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3"]
    return [RateRow(q, q, round(r * 10), 1000 - round(r * 10)) for q, r in zip(quarters, rates, strict=False)]


ZIGZAG = rows(100, 93.8, 100, 94.7, 93.8, 100, 94.1, 100)  # the demo's 2025Q3 report
CLIMB = rows(62.0, 71.5, 80.2, 88.9, 97.0, 99.0, 96.0, 100)  # steep: neither above nor below is free


@pytest.fixture(scope="module")
def font() -> str:
    return font_roles()["body"].rl_name


def geometry(d: Drawing) -> tuple[list[tuple[float, float]], list[tuple[float, float, float, float, str]]]:
    """(the line's points as reportlab draws them, each figure's box and text)."""
    chart = next(c for c in d.contents if isinstance(c, HorizontalLineChart))
    line = [e for g in chart.draw().contents for e in getattr(g, "contents", []) if isinstance(e, PolyLine)]
    flat = line[0].points
    points = list(zip(flat[::2], flat[1::2], strict=True))
    figures = []
    for s in d.contents:
        if isinstance(s, String) and s.text.replace(".", "").isdigit():
            w = stringWidth(s.text, s.fontName, s.fontSize)
            size = s.fontSize
            figures.append((s.x - w / 2, s.y - 0.3 * size, s.x + w / 2, s.y + 1.05 * size, s.text))
    return points, figures


@pytest.mark.parametrize("trend", [ZIGZAG, CLIMB], ids=["zigzag", "climb"])
def test_figures_are_off_the_line_and_their_points(font: str, trend: list[RateRow]) -> None:
    d = trend_chart(trend, 0.95, font, 442)
    points, figures = geometry(d)
    assert len(figures) == len(points) == 8
    for i, (x0, y0, x1, y1, text) in enumerate(figures):
        px, py = points[i]
        assert text == f"{trend[i].rate * 100:.1f}"
        assert abs((x0 + x1) / 2 - px) < 30, text  # beside its own point
        assert y0 > py + 2 or y1 < py - 2 or x0 > px + 2 or x1 < px - 2, (text, py, y0, y1)
        for a, b in zip(points, points[1:], strict=False):
            assert not _crosses((x0, y0, x1, y1), a, b), (text, a, b)


def test_the_line_is_drawn_whole(tmp_path: Path, font: str) -> None:
    """Along every segment of the rendered chart the line's blue shows (no white box on it)."""
    d = trend_chart(ZIGZAG, 0.95, font, 442)
    points, _ = geometry(d)
    width, data = pixels(drawing_pdf(d, tmp_path / "trend.pdf"))
    k = DPI / 72

    def blue_near(x: float, y: float) -> bool:
        cx, cy = round(x * k), round((d.height - y) * k)
        for yy in range(cy - 1, cy + 2):
            for xx in range(cx - 1, cx + 2):
                r, g, b = data[3 * (yy * width + xx):3 * (yy * width + xx) + 3]
                if b > 120 and r < 120 and b - r > 60:
                    return True
        return False

    gaps = [(a, b, t / 40) for a, b in zip(points, points[1:], strict=False) for t in range(2, 39)
            if not blue_near(a[0] + (b[0] - a[0]) * t / 40, a[1] + (b[1] - a[1]) * t / 40)]
    assert not gaps, gaps[:5]
