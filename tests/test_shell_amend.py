"""记录 ▸ 更正… in the main window: enabled only for a sent (locked) visit selected on the visit
list, with a tooltip saying why otherwise; it opens that visit's editor already in amend mode."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from qcdesk.models.amendments import lock_visits
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.listing import ENTERPRISES, VISITS
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store
from qcdesk.paths import AppPaths


@pytest.fixture
def db_path(tmp_path: Path) -> tuple[Path, int, int]:
    """A database with one visit sent in a package and one draft: (path, sent id, draft id)."""
    path = tmp_path / "amend.db"
    s = Store.open(path, author="test")
    e = save_enterprise(s, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁市羊楼洞茶业有限公司",
                                      jurisdiction_code="421281"), [])
    team = [save_inspector(s, Inspector(name=n, jurisdiction_code="421281")).uuid
            for n in ("王磊", "李娜")]
    sent = save_visit(s, VisitBundle(
        Visit(enterprise_id=e.id, visit_date="2026-09-01", kind="spot_check", inspectors=team, status="done"),
        samples=[Sample(product_name="青砖茶", samplers=["王磊", "李娜"],
                        seal_state="已封样（检验样品、备用样品）")]))
    lock_visits(s, [sent.visit.id], "421281_王磊_000001_20260902.qcpkg.zip")
    draft = save_visit(s, VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-09-05", kind="assistance",
                                            inspectors=team, status="draft")))
    s.close()
    return path, sent.visit.id, draft.visit.id


@pytest.fixture
def shell(qtbot, paths: AppPaths, db_path: tuple[Path, int, int], monkeypatch):  # noqa: ANN001, ANN201
    from qcdesk.ui import app as app_module

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    args = argparse.Namespace(demo=False, db=db_path[0], lang="zh_CN")
    shell = app_module.start_shell(args, paths, ask_inspector=False)
    qtbot.addWidget(shell.window)
    yield shell
    shell.window.close()
    shell.shutdown()


def test_amend_from_the_record_menu(shell, qtbot, db_path) -> None:  # noqa: ANN001
    from qcdesk.ui.visit_editor import VisitEditor

    _path, sent_id, draft_id = db_path
    w = shell.window
    action = w.tools.actions["amend"]
    assert action in w.record_menu.actions() and action.text() == "更正(&A)…"

    w.show_page(ENTERPRISES)
    assert not action.isEnabled() and "只有检查记录可以更正" in action.toolTip()
    w.show_page(VISITS)
    page = w.current_list()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.view.clearSelection()
    assert not action.isEnabled() and "请先在列表中选择" in action.toolTip()
    assert page.select_id(draft_id)
    # a draft is just edited, sent as a draft or not (drafts travel unlocked)
    assert not action.isEnabled() and "未锁定（尚未报送，或作为草稿报送）" in action.toolTip()
    assert page.select_id(sent_id)
    assert action.isEnabled() and "更正所选的已报送检查记录" in action.toolTip()

    action.trigger()
    editor = next(e for e in w.findChildren(VisitEditor) if e.isVisible())
    assert editor.bundle.visit.id == sent_id
    assert editor.amend is not None and editor.amend.active  # already amending, no extra click
    assert not editor.read_only and editor.save_button.isVisible()
    assert editor.samples_tab.result_combo.isEnabled()  # the lab result can be entered at once
    assert not editor.enterprise_combo.isEnabled()  # what an amendment may not change stays locked
    assert editor.banner.text().startswith("正在更正")
    editor.close()
