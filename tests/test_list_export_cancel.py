"""A cancelled 导出列表 says what became of the file (review RB 5).

Before: the export's `cancelled` outcome was not connected: Cancel brought the button back with
no word, and a Cancel landing as the workbook was saved over the one the user chose to replace
said nothing either, so the user believed the old file intact. Now: "nothing was written" (the
old workbook kept byte for byte), or "the Cancel came too late: already saved"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

import qcdesk.ui.export_list as export_ui
import qcdesk.ui.file_dialogs as file_dialogs
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.listing import ENTERPRISES
from qcdesk.models.records import Enterprise
from qcdesk.models.store import Store
from qcdesk.ui.list_pages import ListPage

OLD = b"last month's workbook"


@pytest.fixture
def page(qtbot, qapp, store: Store, settings: QSettings, tmp_path: Path,  # noqa: ANN001
         monkeypatch: pytest.MonkeyPatch) -> tuple[ListPage, dict]:
    monkeypatch.setattr(qapp, "settings", settings, raising=False)
    save_enterprise(store, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁砖茶一厂",
                                      jurisdiction_code="421281"), [])
    seen: dict = {"info": [], "warning": [], "answer": str(tmp_path / "清单.xlsx")}
    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName",
                        lambda *_a: (seen["answer"], ""))
    monkeypatch.setattr(export_ui.QMessageBox, "information",
                        lambda _p, _t, text: seen["info"].append(text))
    monkeypatch.setattr(export_ui.QMessageBox, "warning",
                        lambda _p, _t, text: seen["warning"].append(text))
    widget = ListPage(store, ENTERPRISES)
    qtbot.addWidget(widget)
    return widget, seen


def _cancel(monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    """Press Cancel (`Job.cancel`, what the progress dialog's button does) before any row is
    read, or just after the workbook took its name."""
    real = export_ui.export_list

    def export(source, path, **kw):  # noqa: ANN001, ANN003, ANN202
        job = kw["progress"]._job
        if when == "now":
            job.cancel()
            return real(source, path, **kw)
        result = real(source, path, **kw)
        job.cancel()
        return result

    monkeypatch.setattr(export_ui, "export_list", export)


def _export(qtbot, widget: ListPage) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.export_button.job is not None and widget.export_button.job.done,
                    timeout=10_000)


def test_cancel_over_an_old_workbook_says_nothing_was_written_and_keeps_it(
        qtbot, page, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    widget, seen = page
    target = Path(seen["answer"])
    target.write_bytes(OLD)
    _cancel(monkeypatch, "now")
    _export(qtbot, widget)
    assert target.read_bytes() == OLD
    assert len(seen["info"]) == 1 and "nothing was written" in seen["info"][0], seen
    assert "kept as it was" in seen["info"][0] and str(target) in seen["info"][0]
    assert [p.name for p in target.parent.iterdir() if "清单" in p.name] == [target.name]  # no side file


def test_cancel_with_no_file_there_says_nothing_was_written(
        qtbot, page, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    widget, seen = page
    _cancel(monkeypatch, "now")
    _export(qtbot, widget)
    assert not Path(seen["answer"]).exists()
    assert seen["info"] == ["Cancelled; nothing was written."], seen


def test_a_cancel_landing_after_the_save_says_the_old_workbook_was_replaced(
        qtbot, page, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    widget, seen = page
    target = Path(seen["answer"])
    target.write_bytes(OLD)
    _cancel(monkeypatch, "end")
    _export(qtbot, widget)
    assert target.read_bytes() != OLD and target.read_bytes()[:2] == b"PK"  # the new workbook
    assert len(seen["info"]) == 1 and "too late" in seen["info"][0] and "already saved" in seen["info"][0]
    assert str(target) in seen["info"][0]
