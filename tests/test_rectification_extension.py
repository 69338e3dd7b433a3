"""An extension under the 2010 rules moves the re-check with the deadline (domain.md: the
re-check follows the end of the correction period; SAMR order 18 allows no extension)."""

from __future__ import annotations

from qcdesk.models.inspections import VisitBundle, save_visit
from qcdesk.models.records import Visit
from qcdesk.models.rectifications import extend_deadline, order_rectification
from qcdesk.models.store import Store
from tests.test_domain import make_enterprise, make_inspectors


def test_an_extended_deadline_moves_the_recheck_30_days_after_it(store: Store) -> None:
    e = make_enterprise(store)
    a, b = make_inspectors(store)
    v = save_visit(store, VisitBundle(Visit(enterprise_id=e.id, visit_date="2016-08-01",
                                            kind="assistance", inspectors=[a.uuid, b.uuid]))).visit
    rect = order_rectification(store, visit=v, requirement="完善检验记录", ordered_on="2016-08-01",
                               rule_set="aqsiq133")
    assert (rect.deadline, rect.recheck_due) == ("2016-08-31", "2016-09-30")
    extend_deadline(store, rect, "2016-09-25", "设备到货延迟", "2016-08-20")
    stored = store.db.execute("SELECT extended_to, recheck_due FROM rectification WHERE id = ?",
                              [rect.id]).fetchone()
    assert tuple(stored) == ("2016-09-25", "2016-10-25")
