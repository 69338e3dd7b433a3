"""The conflict dialog with English selected: fields by their English names (the history's,
`history_dialog.field_name`), coded values by the app's English labels, the record kinds, reasons,
groups and version summary in English, on conflicts of each kind and reason. Only what users
typed (names, addresses, descriptions) stays Chinese. In Chinese the dialog keeps the sheet's
headers and words (test_conflict_words and the other conflict tests)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conflict_fixtures import enterprise, order, two_sides, visit
from exchange_fixtures import export_to, merge
from PySide6.QtWidgets import QApplication

from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.jurisdictions import JURISDICTIONS
from qcdesk.models.persistence import fetch_record, insert_record, update_record
from qcdesk.models.records import SEAL_STATES, Enterprise, Finding, Sample, Visit
from qcdesk.models.removal import delete_enterprise, delete_visit
from qcdesk.models.store import Store
from qcdesk.ui.app import Translators

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
CODED = {"kind", "status", "result", "retest_result", "severity", "sampling_place", "seal_state",
         "enterprise_size", "rule_set", "escalation", "size_class"}
TABLES = ("inspector", "enterprise", "visit", "sample", "finding", "rectification")


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The interface in English as `qcdesk --lang en` sets it up; then as it was."""
    before = qapp.property("lang")
    translators = Translators(qapp)
    translators.apply("en")
    yield
    translators.remove_all()
    qapp.setProperty("lang", before)


def sample_of(store: Store) -> Sample:
    return Sample.from_row(next(store.db.query("SELECT * FROM sample")))


def finding_of(store: Store) -> Finding:
    return Finding.from_row(next(store.db.query("SELECT * FROM finding")))


def _edit_all(address: str, kind: str, result: str, severity: str, status: str, day: str):  # noqa: ANN202
    def edit(store: Store) -> None:
        e = enterprise(store)
        e.address, e.above_scale, e.contact_phone = address, int(kind == "special"), "0715" + day[-2:] * 4
        update_record(store, e)
        v = visit(store)
        v.kind, v.summary = kind, f"{address}检查"
        update_record(store, v)
        s = sample_of(store)
        s.result, s.batch_no = result, f"B{day}"
        s.seal_state = SEAL_STATES[0] if result == "pass" else SEAL_STATES[1]
        update_record(store, s)
        f = finding_of(store)
        f.severity, f.basis = severity, f"依据{day}"
        update_record(store, f)
        r = order(store)
        r.status = status
        if status == "closed":
            r.closed_on = day
        else:
            r.report_submitted_on = day
        update_record(store, r)
    return edit


def divergent_of_every_kind(tmp_path: Path) -> Store:
    """张三 and 李四 edited the same enterprise, visit, sample, finding and order apart."""
    return two_sides(tmp_path,
                     _edit_all("咸安区工业园1号", "special", "pass", "major", "closed", "2024-04-01"),
                     _edit_all("咸安区永安大道2号", "recheck", "pending", "critical", "report_submitted",
                               "2024-03-01"))


def held_deletions(tmp_path: Path) -> Store:
    """deleted_in_use (the visit), deleted_with_visit (its finding), divergent (its sample)."""
    insp, county = Store.memory("I"), Store.memory("C")
    firm = save_enterprise(insp, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                            jurisdiction_code="421281"))
    v = insert_record(insp, Visit(enterprise_id=firm.id, visit_date="2026-03-02", status="done",
                                  kind="spot_check", summary="抽样"))
    s = insert_record(insp, Sample(visit_id=v.id, product_name="砖茶", result="pass"))
    insert_record(insp, Finding(visit_id=v.id, description="标签不规范"))
    export_to(insp, tmp_path / "1.xlsx", "A" * 16)
    merge(county, tmp_path / "1.xlsx", "A" * 16)
    cs = fetch_record(county, Sample, s.uuid)
    cs.batch_no = "B20260301"
    update_record(county, cs)
    delete_visit(insp, v.id)
    export_to(insp, tmp_path / "2.xlsx", "A" * 16, full=False)
    merge(county, tmp_path / "2.xlsx", "A" * 16)
    return county


def code_clash(tmp_path: Path, taken: bool) -> Store:
    """uscc_taken (嘉鱼 moved its code onto 赤壁's) or duplicate_uscc (赤壁's arrives under it)."""
    a, b = Store.memory("A"), Store.memory("B")
    x, y = "91421281MA4KL5FE07", "91421221MA4E3XHX15"
    save_enterprise(a, Enterprise(uscc=x, name="赤壁羊楼洞茶业", jurisdiction_code="421281",
                                  in_improvement=1))
    eb = save_enterprise(b, Enterprise(uscc=y, name="嘉鱼羊楼洞茶业有限公司",
                                       jurisdiction_code="421221", in_improvement=1))
    export_to(a, tmp_path / "a.xlsx", "A" * 16)
    export_to(b, tmp_path / "b.xlsx", "B" * 16)
    eb = fetch_record(b, Enterprise, eb.id)
    eb.uscc = x
    save_enterprise(b, eb)
    export_to(b, tmp_path / "b2.xlsx", "B" * 16)
    city = Store.memory("C")
    order_ = (("a", "A"), ("b", "B"), ("b2", "B")) if taken else (("b", "B"), ("b2", "B"), ("a", "A"))
    for name, key in order_:
        merge(city, tmp_path / f"{name}.xlsx", key * 16)
    return city


def typed_values(store: Store) -> list[str]:
    """What users typed (any text column but the coded ones), and place names (proper nouns the
    app has no English for, as firms' names), longest first."""
    values = {j.name for j in JURISDICTIONS}
    for table in TABLES:
        cursor = store.db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            values |= {str(v) for n, v in zip(names, row, strict=True)
                       if isinstance(v, str) and n not in CODED}
    for (row_json,) in store.db.execute("SELECT row_json FROM exchange_conflict"):
        values |= {str(v) for n, v in json.loads(row_json).items()
                   if isinstance(v, str) and n not in CODED}
    return sorted(values, key=len, reverse=True)


def shown_texts(dlg) -> list[str]:  # noqa: ANN001
    """Every text the dialog shows for each conflict in turn: list, summary, fields, notes, buttons."""
    texts = [dlg.windowTitle(), dlg.empty_label.text()]
    for c in range(dlg.list.columnCount()):
        texts.append(str(dlg.model.headerData(c, dlg.list.horizontalHeader().orientation())))
    for r in range(dlg.list.rowCount()):
        dlg.list.selectRow(r)
        texts += [dlg.list.item(r, c).text() for c in range(dlg.list.columnCount())]
        texts += [dlg.list.item(r, c).toolTip() for c in range(dlg.list.columnCount())]
        texts += [dlg.versions_label.text(), dlg.group_note.text(), dlg.keep_button.text(),
                  dlg.take_button.text(), dlg.combine_button.text()]
        texts += [dlg.fields.horizontalHeaderItem(c).text() for c in range(3)]
        for row in range(dlg.fields.rowCount()):
            for col in range(3):
                item = dlg.fields.item(row, col)
                texts += [item.text(), item.toolTip()]
    return texts


def chinese_left(store: Store, dlg) -> list[str]:  # noqa: ANN001
    typed = typed_values(store)
    left = []
    for text in shown_texts(dlg):
        for value in typed:
            text = text.replace(value, "")
        if CJK.search(text):
            left.append(text)
    return sorted(set(left))


@pytest.mark.parametrize("make", [divergent_of_every_kind, held_deletions,
                                  lambda p: code_clash(p, True), lambda p: code_clash(p, False)],
                         ids=["divergent", "held", "uscc_taken", "duplicate_uscc"])
def test_the_conflict_dialog_shows_no_chinese_but_typed_data_in_english(
        qtbot, english, tmp_path: Path, make) -> None:  # noqa: ANN001
    from qcdesk.ui.conflict_dialog import ConflictDialog

    store = make(tmp_path)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    assert dlg.list.rowCount() >= 1
    assert chinese_left(store, dlg) == []


def test_fields_have_the_history_s_english_names(qtbot, english, tmp_path: Path) -> None:  # noqa: ANN001
    """One English name per field across the app: the conflict dialog's is the history's."""
    from qcdesk.ui.conflict_dialog import ConflictDialog
    from qcdesk.ui.history_dialog import field_name

    store = divergent_of_every_kind(tmp_path)
    dlg = ConflictDialog(store)
    qtbot.addWidget(dlg)
    rows = {dlg.conflicts[r]["kind"]: r for r in range(dlg.list.rowCount())}
    assert set(rows) == {"enterprise", "visit", "sample", "finding", "rectification"}
    dlg.list.selectRow(rows["enterprise"])
    shown = {dlg.fields.item(r, 0).text(): (dlg.fields.item(r, 1).text(), dlg.fields.item(r, 2).text())
             for r in range(dlg.fields.rowCount())}
    assert shown[field_name("enterprise", "address")] == ("咸安区永安大道2号", "咸安区工业园1号")
    assert shown[field_name("enterprise", "above_scale")] == ("No", "Yes")
    assert shown[field_name("enterprise", "contact_phone")] == ("071501010101", "071501010101")
    assert dlg.list.item(rows["enterprise"], 2).text() == "Address, Above scale"
    dlg.list.selectRow(rows["visit"])
    assert [dlg.fields.item(0, c).text() for c in range(3)] == ["Kind", "Re-check", "Special inspection"]


def test_a_refused_held_deletion_is_titled_by_what_was_refused(qtbot, english, tmp_path: Path,  # noqa: ANN001
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Using a package's deletion of a firm a visit here rests on is refused: the box says the
    other version cannot be used (it said "Cannot combine", though nothing was combined)."""
    from PySide6.QtWidgets import QMessageBox

    from qcdesk.ui.conflict_dialog import ConflictDialog

    insp, county = Store.memory("I"), Store.memory("C")
    firm = save_enterprise(insp, Enterprise(uscc="91421281MA4KL5FE07", name="赤壁羊楼洞茶业",
                                            jurisdiction_code="421281"))
    export_to(insp, tmp_path / "1.xlsx", "A" * 16)
    merge(county, tmp_path / "1.xlsx", "A" * 16)
    here = fetch_record(county, Enterprise, firm.uuid)
    insert_record(county, Visit(enterprise_id=here.id, visit_date="2026-03-05", status="done"))
    delete_enterprise(insp, firm.id)
    export_to(insp, tmp_path / "2.xlsx", "A" * 16, full=False)
    merge(county, tmp_path / "2.xlsx", "A" * 16)
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: boxes.append((title, text)))
    dlg = ConflictDialog(county)
    qtbot.addWidget(dlg)
    dlg.list.selectRow(0)
    dlg.take_button.click()
    [(title, text)] = boxes
    assert title == "Cannot use the other version"
    assert "赤壁羊楼洞茶业" in text and dlg.list.rowCount() == 1  # nothing resolved
