"""Which translation files the Chinese interface needs, and the note when one will not load.

Why: `QTranslator.load` fails quietly, so a missing or damaged `.qm` gave an English interface
(or half of one) with no reason given. The note is written in both languages and never through
`tr()`: it is shown precisely when the translation is missing.
"""

from __future__ import annotations

import contextlib
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

# One per UI area (resources/translations/<area>_zh_CN.ts); tests/test_translation_files.py
# holds this list to the .ts files, so a new area cannot be forgotten here.
AREAS = ("editors", "exchange", "keys", "pdf", "roster", "safety", "shell", "supervision")

NOTE = ("界面翻译文件缺失或已损坏（{files}），界面（或其中一部分）暂以英文显示；请重新安装 QCDesk。\n"
        "The interface translation ({files}) is missing or damaged, so the interface (or part "
        "of it) is shown in English for now; please reinstall QCDesk.")


def translations_dir() -> Path:
    """Where the `.qm` files are: inside the installed package (the wheel maps the checkout's
    resources/translations to qcdesk/translations), else in the source checkout itself. Only
    looking in the checkout left an installed QCDesk in English."""
    installed = resources.files("qcdesk") / "translations"
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2] / "resources" / "translations"


def needed_files(folder: Path) -> list[str]:
    """Every area's `<area>_zh_CN` plus any other such file found in `folder` (a file that is
    missing is only noticed when it is expected)."""
    found = {qm.stem for qm in folder.glob("*_zh_CN.qm")}
    return sorted(found | {f"{area}_zh_CN" for area in AREAS})


def tell_unloaded(folder: Path, names: list[str], parent: QWidget | None) -> QMessageBox:
    """One line on stderr and a note (not modal: the app goes on in English) naming the files."""
    text = NOTE.format(files="、".join(str(folder / f"{name}.qm") for name in names))
    with contextlib.suppress(OSError, UnicodeError):  # no console, or one that cannot print it
        print("QCDesk: " + text.replace("\n", " / "), file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Warning, "QCDesk", text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("translationMissingNote")
    box.show()
    return box
