"""The visit editor's sample and finding lists have names for screen readers (review rr-ui 12):
they were the last nameless focusable widgets in the editor, read by NVDA as just 列表. The names
follow a language switch."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget
from test_ui_editors import open_visit, saved_spot_check

from qcdesk.models.store import Store


def test_the_sample_and_finding_lists_are_named_in_the_language_in_use(
        qtbot, qapp, store: Store, paths, settings) -> None:  # noqa: ANN001
    from qcdesk.ui.app import Translators

    translators, before = Translators(qapp), qapp.property("lang")
    try:
        translators.apply("zh_CN")
        editor = open_visit(qtbot, store, paths, settings, visit_id=saved_spot_check(store).visit.id)
        samples = editor.findChild(QListWidget, "sampleList")
        findings = editor.findChild(QListWidget, "findingList")
        assert (samples.accessibleName(), findings.accessibleName()) == ("样品", "检查发现")
        translators.apply("en")
        qtbot.waitUntil(lambda: samples.accessibleName() == "Samples")
        assert findings.accessibleName() == "Findings"
    finally:
        translators.apply("en")
        qapp.setProperty("lang", before)
