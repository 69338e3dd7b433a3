"""Every form's labels end in a colon: "："" in Chinese, ":" in English (review: the draw and
import dialogs wrote 随机种子 / 导入到数据库 bare beside their fields, where every other form
writes 名称： …), so that a label reads as the name of the field beside it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from qcdesk.models.store import Store
from qcdesk.paths import AppPaths

sys.path.insert(0, str(Path(__file__).parent))
from test_dialog_screen_fit import DIALOGS  # noqa: E402
from test_list_model import fill_store  # noqa: E402


def _tool(key: str):  # noqa: ANN202 - an opener like DIALOGS'
    def opener(store: Store, paths: AppPaths, settings, parent: QWidget) -> QWidget:  # noqa: ANN001
        from qcdesk.ui import shell_tools

        tool = next(t for t in shell_tools.TOOLS if t.key == key)
        module = __import__(f"qcdesk.ui.{tool.module}", fromlist=[tool.name])
        cls = getattr(module, tool.name)
        if key == "export":
            return cls(store.path, parent, store=store, photos_dir=paths.photos_dir, keys_dir=paths.keys_dir)
        if key == "import":
            return cls(store.path, parent, photos_dir=paths.photos_dir)
        if key == "trust":
            return cls(store, parent)
        return cls(store, paths, parent)
    return opener


OPENERS = {**{k: v[0] for k, v in DIALOGS.items()},
           **{k: _tool(k) for k in ("export", "import", "keys", "trust", "report")}}


def _bare_labels(widget: QWidget, colon: str) -> list[str]:
    bare = []
    for form in widget.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item else None
            if isinstance(label, QLabel) and not isinstance(label, QCheckBox) and label.text().strip() \
                    and not label.text().rstrip().endswith(colon):
                bare.append(label.text())
    return bare


@pytest.mark.parametrize("colon", ["：", ":"])
@pytest.mark.parametrize("name", sorted(OPENERS))
def test_form_labels_end_in_a_colon(qtbot: QtBot, request: pytest.FixtureRequest, store: Store,
                                    paths: AppPaths, settings, name: str, colon: str) -> None:  # noqa: ANN001
    if colon == "：":
        request.getfixturevalue("chinese")
    fill_store(store, 2, 2)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = OPENERS[name](store, paths, settings, parent)  # goes with its parent
    assert _bare_labels(dialog, colon) == []
