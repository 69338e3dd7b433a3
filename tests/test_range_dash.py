"""Chinese text writes a range of numbers with ～ (5～10个, 第一季度（1～3月）), not with the
English en dash; English keeps the en dash. Checked where users read it: every Chinese UI
translation, the core's Chinese messages, the quarterly report's sentence on the zones target,
and the PDF line breaking, which keeps such a range on one line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from qcdesk.export.pdf.linebreak import tokens
from qcdesk.models import messages

TS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"
EN_DASH_RANGE = re.compile(r"(\d|%\d)\s*–\s*(\d|%\d)")


def test_no_en_dash_range_in_chinese_translations() -> None:
    found = []
    for ts in sorted(TS_DIR.glob("*_zh_CN.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.findtext("translation") or ""
            if EN_DASH_RANGE.search(translation):
                found.append((ts.name, translation))
            elif EN_DASH_RANGE.search(source):  # the English source keeps its en dash
                assert "～" in translation or "至" in translation, (ts.name, translation)
    assert found == []


def test_no_en_dash_range_in_chinese_core_messages() -> None:
    zh = [pair[0] for pair in messages._MESSAGES.values()]
    assert [t for t in zh if EN_DASH_RANGE.search(t)] == []
    assert "第3～8位" in messages.message("uscc.region")
    assert "Positions 3–8" in messages.message("uscc.region", "en")


def test_a_range_stays_on_one_line_in_the_pdf() -> None:
    assert "5～10个" in tokens("距全市5～10个的目标尚差4个")
    assert "1～3月" in tokens("第一季度（1～3月）")
