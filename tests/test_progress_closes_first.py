"""A slow job's progress window is gone before the message that reports its outcome (review,
first day: "已导出 1 条记录" sat over a window still reading 正在导出列表… 100% 取消)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QProgressDialog, QWidget

from qcdesk.ui.workers import attach_progress, start_job


def test_the_progress_window_is_closed_when_the_outcome_is_reported(qtbot) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def slow(_store, progress):  # noqa: ANN001, ANN202 - slower than the progress window's wait
        time.sleep(0.6)
        progress(1, 1)
        return "done"

    job = start_job(slow, db_path=None, parent=parent)
    dialog = attach_progress(job, parent, "导出列表", "正在导出列表…", minimum_ms=100)
    seen: list[bool] = []
    job.succeeded.connect(lambda _r: seen.append(dialog.isVisible()))  # where the message box opens
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=3000)
    assert isinstance(dialog, QProgressDialog)
    qtbot.waitUntil(lambda: job.done, timeout=5000)
    assert seen == [False]
