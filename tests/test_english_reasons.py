"""English a quality official reads right (review, English UI): the risk reasons read
"1 rectification re-checks failed (+50); The same kind of problem…" (number, and a capital after
a semicolon), and the rule set "re-check in 75" stopped before its unit."""

from __future__ import annotations

from qcdesk.models.risk import REASON_TEXTS
from qcdesk.ui.rectification_texts import rule_set_text


def test_the_reasons_and_the_rule_set_read_whole() -> None:
    assert REASON_TEXTS["recheck_failed"][1].format(count=1, points=50) == \
        "rectification orders whose re-check failed: 1 (+50)"
    assert REASON_TEXTS["repeated"][1].startswith("the same kind of problem")  # after a "; "
    assert rule_set_text("samr18") == "SAMR order No. 18 (2019): correct in 60 days, re-check in 75 days"
