"""The import window stays on a 1366 × 768 laptop at 125 % (review, county office): it grew
after 核验 and 导入 to show every kind's row and reached 655–673 px from y = 77 on a 614 px
screen, its 核验 / 导入 / 关闭 under the task bar. It now moves up when it grows."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from exchange_fixtures import populate
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QPushButton, QWidget

from qcdesk.exchange.export import export_package
from qcdesk.exchange.minisign import generate_secret_key
from qcdesk.models import trust_store
from qcdesk.models.store import Store
from qcdesk.ui.import_dialog import ImportDialog

sys.path.insert(0, str(Path(__file__).parent))
from small_screen import LAPTOP, screen_of  # noqa: E402


def test_buttons_stay_on_the_screen_after_the_check(qtbot, chinese: None, tmp_path: Path,  # noqa: ANN001
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    key = generate_secret_key()
    src = Store.open(tmp_path / "src.db")
    populate(src, 3, 4)  # every kind of record: a row each in the dialog's table
    out = tmp_path / "out"
    out.mkdir()
    package = export_package(src, out, key, signer_name="王芳", jurisdiction="421222", role="inspector",
                             full=True)
    src.close()
    county = Store.open(tmp_path / "county.db")
    trust_store.add_key(county, key.public_key, name="王芳", role="inspector")
    county.close()
    screen_of(monkeypatch, LAPTOP)
    window = QWidget()
    qtbot.addWidget(window)
    window.setGeometry(QRect(0, 0, 1093, 614))
    window.show()
    dialog = ImportDialog(tmp_path / "county.db", window, package=package)
    dialog.show()
    dialog.move(dialog.x(), 200)  # low enough that the grown window reaches under the task bar
    job = dialog.run(dry_run=True)
    qtbot.waitUntil(lambda: job.done, timeout=30000)
    frame = dialog.frameGeometry()
    assert frame.top() >= LAPTOP.top() and frame.bottom() <= LAPTOP.bottom(), frame
    for button in [b for b in dialog.findChildren(QPushButton) if b.isVisible()]:
        place = QRect(button.mapToGlobal(QPoint()), button.size())
        assert LAPTOP.contains(place), (button.text(), place)
