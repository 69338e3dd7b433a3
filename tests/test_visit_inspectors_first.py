"""A visit's own inspectors open at the top of its list. The editor listed the whole roster (62
in the demo) in pinyin order with the visit's two ticked somewhere inside (rows 34 and 37), so the
seven rows one saw were all unticked: who made the check could not be read without scrolling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_editors import open_visit

from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Inspector, Visit
from tests.test_domain import make_enterprise


def test_the_visits_inspectors_are_listed_first_and_ticked(qtbot, store, paths, settings) -> None:  # noqa: ANN001
    names = ("安然", "白雪", "陈晨", "邓林", "方圆", "高山", "黄河", "周正", "朱红")
    roster = [save_inspector(store, Inspector(name=name, cert_no=f"4212{n:04d}", jurisdiction_code="421281"))
              for n, name in enumerate(names)]
    made_by = [roster[-1].uuid, roster[-2].uuid]  # 朱红 and 周正: last in pinyin order
    e = make_enterprise(store)
    bundle = save_visit(store, VisitBundle(Visit(enterprise_id=e.id, visit_date="2026-03-02",
                                                 kind="assistance", inspectors=made_by)))
    editor = open_visit(qtbot, store, paths, settings, visit_id=bundle.visit.id)
    items = [editor.inspector_list.item(i) for i in range(editor.inspector_list.count())]
    assert len(items) == len(roster)
    ticked = [i.checkState() == Qt.CheckState.Checked for i in items]
    assert ticked == [True, True] + [False] * (len(roster) - 2)
    assert {i.data(Qt.ItemDataRole.UserRole) for i in items[:2]} == set(made_by)
    assert [i.text().split()[0] for i in items[2:4]] == ["安然", "白雪"]  # the rest in roster order
