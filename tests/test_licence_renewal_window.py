"""An XK licence is warned AHEAD of its renewal-by date (6 months before expiry), by
`warn_licence_lead_months` (default 3, a rule one can change), and every place that lists it names
that date: warnings (CLI and reason in both languages), the enterprise file's note, the quarterly
report's list. Before, the window was 6 months before expiry, so a firm had nothing until its
application was already late (review r1, F3: expiring 2027-06-15 -> nothing on 2026-11-30)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from qcdesk.cli import main
from qcdesk.models.dashboard_queries import dashboard_figures, records_behind
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.licence_rules import renewal_by, renewal_note
from qcdesk.models.records import Enterprise, Licence
from qcdesk.models.report_queries import quarterly_data
from qcdesk.models.risk import SupervisionRules
from qcdesk.models.store import Store
from qcdesk.models.warnings import early_warnings

TODAY = date(2026, 11, 30)


@pytest.fixture
def firms(store: Store) -> Store:
    for uscc, name, code, expires in (("91421221MA4E3XHX15", "甲管业有限公司", "421221", "2027-06-15"),
                                      ("91421222MA4PJ5BUX4", "乙砂布有限公司", "421222", "2027-05-25"),
                                      ("91421224MA4CJGYT6P", "丙石材有限公司", "421224", "2027-09-30")):
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code, industry="管材"),
                        [Licence(number=f"(鄂)XK13-006-{expires[-2:]}{expires[5:7]}1", product="管材",
                                 expires_on=expires)])
    return store


def test_warned_ahead_of_the_renewal_date_which_is_named(firms: Store,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["warnings", "--db", str(firms.path), "--date", "2026-11-30"]) == 0
    lines = {line.split("\t")[1]: line for line in capsys.readouterr().out.splitlines() if "\t" in line}
    assert set(lines) == {"甲管业有限公司", "乙砂布有限公司"}  # 丙: renewal due 2027-03-30, not yet
    assert "将于2027年6月15日到期（剩197天），应于2026年12月15日前申请延续（有效期届满6个月前申请延续），" \
           "还剩15天" in lines["甲管业有限公司"]
    assert "应于2026年11月25日前申请延续（有效期届满6个月前申请延续），已过5天，请督促企业立即申请" \
        in lines["乙砂布有限公司"]
    found = {w.enterprise_name: w for w in early_warnings(firms, TODAY, kinds=("licence_expiring",))}
    english = found["甲管业有限公司"].reason_text("en")
    assert "by 2026-12-15 (6 months before expiry), 15 days from now" in english
    assert dashboard_figures(firms, TODAY, with_risk=False).licences_expiring == 2
    data = quarterly_data(firms.db, 2026, 4, as_of=TODAY)
    assert {x.enterprise: x.renew_by for x in data.expiring} == {"甲管业有限公司": "2026-12-15",
                                                                 "乙砂布有限公司": "2026-11-25"}


def test_the_lead_is_a_rule(firms: Store, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(firms.path)
    assert main(["risk", "--db", db, "--set", "warn_licence_lead_months=0"]) == 0
    capsys.readouterr()
    assert main(["warnings", "--db", db, "--date", "2026-11-30"]) == 0
    assert "甲管业有限公司" not in capsys.readouterr().out  # warned only from its renewal date
    assert main(["risk", "--db", db, "--set", "warn_licence_lead_months=6"]) == 0
    capsys.readouterr()
    assert main(["warnings", "--db", db, "--date", "2026-11-30"]) == 0
    assert "丙石材有限公司" in capsys.readouterr().out


def test_the_enterprise_file_names_the_date() -> None:
    rules = SupervisionRules()
    note = renewal_note("(鄂)XK13-006-00123", "XK", date(2027, 6, 15), TODAY, rules)
    assert "应于2026年12月15日前申请延续" in note
    assert "by 2026-12-15" in renewal_note("(鄂)XK13-006-00123", "XK", date(2027, 6, 15), TODAY, rules, "en")
    assert renewal_note("(鄂)XK13-006-00123", "XK", date(2027, 9, 30), TODAY, rules) == ""


@pytest.mark.parametrize(("expires", "kind", "note"), [
    (TODAY + timedelta(days=1), "licence_expiring", "将于2026-12-01到期"),
    (TODAY, "licence_expiring", "将于2026-11-30到期"),  # its last valid day: most urgent, not silent
    (TODAY - timedelta(days=1), "licence_expired", "已于2026-11-29过期"),
])
def test_a_licence_is_in_exactly_one_list_around_its_last_day(store: Store, expires: date, kind: str,
                                                               note: str) -> None:
    """On the expiry day the licence is still valid, so it is 即将到期; it used to fall out of both
    the expiring list and the expired one (which starts the day after)."""
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="甲管业有限公司",
                                      jurisdiction_code="421221", industry="管材"),
                    [Licence(number="(鄂)XK13-006-00123", product="管材", expires_on=expires.isoformat())])
    found = early_warnings(store, TODAY, kinds=("licence_expiring", "licence_expired"))
    assert [w.kind for w in found] == [kind]
    assert renewal_note("(鄂)XK13-006-00123", "XK", expires, TODAY, SupervisionRules()).startswith(note)


def test_on_its_last_valid_day_the_dashboard_and_the_report_call_it_expiring_not_expired(
        store: Store) -> None:
    """The dashboard's tiles (and the list 许可证已过期 opens) and the report's lists use their own
    SQL: on the expiry day the licence must be under 即将到期 alone there too, as in the warnings."""
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="甲管业有限公司",
                                      jurisdiction_code="421221", industry="管材"),
                    [Licence(number="(鄂)XK13-006-00123", product="管材", expires_on=TODAY.isoformat())])
    figures = dashboard_figures(store, TODAY, with_risk=False)
    assert (figures.licences_expiring, figures.licences_expired) == (1, 0)
    assert records_behind(store, "licences", {"state": "expired"}, TODAY) == []
    data = quarterly_data(store.db, 2026, 4, as_of=TODAY)
    assert ([x.number for x in data.expiring], data.expired) == (["(鄂)XK13-006-00123"], [])
    next_day = TODAY + timedelta(days=1)
    assert len(records_behind(store, "licences", {"state": "expired"}, next_day)) == 1
    assert [x.number for x in quarterly_data(store.db, 2026, 4, as_of=next_day).expired] == [
        "(鄂)XK13-006-00123"]


def test_the_renewal_date_of_a_31st_expiry_is_the_30th() -> None:
    """Expiring 2027-12-31: apply by 2027-06-30 (June has no 31st), not a day early."""
    assert renewal_by("XK", date(2027, 12, 31), SupervisionRules()) == date(2027, 6, 30)


def test_the_last_day_to_apply_for_renewal_is_not_yet_late(store: Store) -> None:
    """On 应于…前申请延续 day itself the firm can still apply in time: telling it the renewal is
    already late would be wrong."""
    expires = date(2027, 5, 31)
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="甲管业有限公司",
                                      jurisdiction_code="421221", industry="管材"),
                    [Licence(number="(鄂)XK13-006-00123", product="管材", expires_on=expires.isoformat())])
    last_day = renewal_by("XK", expires, SupervisionRules())
    (warning,) = early_warnings(store, last_day, kinds=("licence_expiring",))
    assert warning.reason_rule == "warning.licence_expiring", warning.reason
    (late,) = early_warnings(store, last_day + timedelta(days=1), kinds=("licence_expiring",))
    assert late.reason_rule == "warning.licence_renewal_late", late.reason


def test_an_old_qs_licence_replaced_by_sc_for_the_product_is_not_expired(store: Store) -> None:
    """A food firm keeps its pre-2015 QS licence on file beside the SC licence that replaced it:
    it is not 许可证已过期 for ever; a QS licence with no SC since still is."""
    save_enterprise(store, Enterprise(uscc="91421202MA4AEDKU8T", name="咸安区桂花食品有限公司",
                                      jurisdiction_code="421202", industry="食品"),
                    [Licence(kind="QS", number="QS421202010001", product="月饼", expires_on="2015-06-30"),
                     Licence(kind="SC", number="SC12442120200076", product="月饼", expires_on="2030-01-01")])
    save_enterprise(store, Enterprise(uscc="91421222MA4PJ5BUX4", name="通城县米香食品有限公司",
                                      jurisdiction_code="421222", industry="食品"),
                    [Licence(kind="QS", number="QS421222010002", product="月饼", expires_on="2015-06-30")])
    expired = early_warnings(store, TODAY, kinds=("licence_expired",))
    assert [w.subject for w in expired] == ["QS421222010002"]


@pytest.mark.parametrize(("expires", "renew_by", "first_day"), [
    ("2027-08-31", "2027-02-28", date(2026, 11, 28)),  # renewal-by clamped to February's end
    ("2027-08-29", "2027-02-28", date(2026, 11, 28)),
    ("2028-08-31", "2028-02-29", date(2027, 11, 29)),  # a leap year's February
    ("2027-09-01", "2027-03-01", date(2026, 12, 1)),
])
def test_a_month_end_expiry_is_warned_from_three_months_before_its_renewal_date(
        store: Store, capsys: pytest.CaptureFixture[str], expires: str, renew_by: str,
        first_day: date) -> None:
    """Review (dates): a licence expiring 2027-08-31 must apply by 2027-02-28, so its warning
    starts on 2026-11-28; it started on 12-01 (today + 9 months first reached 08-31 then)."""
    save_enterprise(store, Enterprise(uscc="91421221MA4E3XHX15", name="甲管业有限公司",
                                      jurisdiction_code="421221", industry="管材"),
                    [Licence(number="(鄂)XK13-006-00123", product="管材", expires_on=expires)])
    assert renewal_by("XK", date.fromisoformat(expires), SupervisionRules()).isoformat() == renew_by
    for day, warned in ((first_day - timedelta(days=1), False), (first_day, True)):
        assert main(["warnings", "--db", str(store.path), "--date", day.isoformat()]) == 0
        assert ("甲管业有限公司" in capsys.readouterr().out) is warned, day
        assert (dashboard_figures(store, day, with_risk=False).licences_expiring == 1) is warned, day
        note = renewal_note("(鄂)XK13-006-00123", "XK", date.fromisoformat(expires), day, SupervisionRules())
        assert (note != "") is warned, (day, note)
