"""A visit's status reads the same in the list and in its editor (review, English: the list said
"Done" and the editor's status box "Completed" for the same visit)."""

from __future__ import annotations

import pytest

from qcdesk.ui import labels
from qcdesk.ui.forms import visit_status_texts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_list_and_the_editor_name_a_status_alike(request: pytest.FixtureRequest, qapp, lang: str) -> None:  # noqa: ANN001
    if lang == "zh":
        request.getfixturevalue("chinese")
    labels.visit_statuses.cache_clear()
    try:
        assert labels.visit_statuses() == visit_status_texts()
        assert labels.visit_statuses()["done"] == {"en": "Completed", "zh": "已完成"}[lang]
    finally:
        labels.visit_statuses.cache_clear()
