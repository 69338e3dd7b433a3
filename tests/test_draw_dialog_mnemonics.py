"""The draw dialog's Alt letters (review rr-ui 11): 预览(&P) and 导出公示表(&P)… (&Preview and Export
for &publication…) shared P, so Alt+P only moved between the two buttons and never exported."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel

from qcdesk.models.store import Store
from qcdesk.ui.draw_dialog import DrawDialog


def test_every_alt_letter_in_the_draw_dialog_is_its_own(qtbot, lang: str, store: Store,  # noqa: ANN001
                                                        paths) -> None:  # noqa: ANN001
    dialog = DrawDialog(store, paths)
    qtbot.addWidget(dialog)
    texts = [w.text() for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)]
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&\s])", t))]
    assert letters and len(letters) == len(set(letters)), (lang, texts)
    wanted = "导出公示表(&E)…" if lang == "zh_CN" else "&Export for publication…"
    assert dialog.publish_button.text() == wanted
