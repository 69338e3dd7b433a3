"""An order's requirement says in Chinese what the enterprise must do (review, small laptop):
a stray Alt+J typed "j" into 整改要求 and Alt+I issued a formal order on it."""

from __future__ import annotations

import pytest

from qcdesk.models.messages import ValidationFailed
from qcdesk.models.store import Store
from tests.test_recheck_finding_basis import check, order  # noqa: F401 - the fixture


@pytest.mark.parametrize("typed", ["j", "  1. ", "TBD"])
def test_a_requirement_without_words_is_refused(store: Store, check, typed: str) -> None:  # noqa: ANN001, F811
    from qcdesk.models.rectifications import order_rectification

    with pytest.raises(ValidationFailed) as refused:
        order_rectification(store, visit=check.visit, requirement=typed, ordered_on="2026-06-03",
                            sample=check.samples[0])
    [issue] = refused.value.issues
    assert issue.field == "requirement" and "没有写明要企业做什么" in issue.text("zh")
    assert store.db.execute("SELECT count(*) FROM rectification").fetchone()[0] == 0


def test_a_requirement_in_chinese_is_taken(store: Store, check) -> None:  # noqa: ANN001, F811
    assert order(store, check, "sample").requirement == "建立进货查验记录"
