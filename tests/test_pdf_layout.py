"""Grid maths and Chinese line breaking of the GB/T 9704 layout."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from qcdesk.export.pdf.layout import (
    CELL,
    CHARS_PER_LINE,
    LINE_PITCH,
    MARGIN_BOTTOM,
    NO_START,
    TEXT_WIDTH,
    body_style,
    break_lines,
)


@pytest.fixture(scope="module")
def style():
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return body_style("STSong-Light")


def test_grid_constants():
    assert pytest.approx(28.99, abs=0.01) == LINE_PITCH
    assert pytest.approx(TEXT_WIDTH) == CELL * CHARS_PER_LINE
    assert pytest.approx(35, abs=0.1) == MARGIN_BOTTOM / 72 * 25.4


def test_28_characters_per_line(style):
    lines = break_lines("质" * 60, style, TEXT_WIDTH)
    assert [len(s) for s in lines] == [28, 28, 4]
    lines = break_lines("质" * 60, style, TEXT_WIDTH, first_indent=2 * CELL)
    assert [len(s) for s in lines] == [26, 28, 6]


def test_no_line_starts_with_closing_punctuation(style):
    text = "质" * 28 + "。" + "量" * 10
    lines = break_lines(text, style, TEXT_WIDTH)
    assert all(line[0] not in NO_START for line in lines if line)
    assert "".join(lines) == text


def test_numbers_are_not_split(style):
    text = "质" * 27 + "2026年"
    lines = break_lines(text, style, TEXT_WIDTH)
    assert lines[1].startswith("2026")


def test_overlong_latin_run_is_broken(style):
    text = "批号" + "A1" * 60
    lines = break_lines(text, style, TEXT_WIDTH)
    assert len(lines) > 1 and "".join(lines) == text
    assert all(len(line) <= 60 for line in lines)
