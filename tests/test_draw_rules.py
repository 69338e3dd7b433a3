"""Draw pool rule 2 (product makers, 咸安区 with 咸宁高新区), refusal of empty draws, and the
draw's words (names, not uuids); old committed draws keep verifying under their own rule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from qcdesk.cli import main
from qcdesk.models.draw import (
    DrawError,
    DrawParameters,
    Recusal,
    build_pool,
    commit_draw,
    find_draw,
    make_draw,
    save_recusal,
    verify_draw,
)
from qcdesk.models.enterprises import save_enterprise
from qcdesk.models.inspections import VisitBundle, save_inspector, save_visit
from qcdesk.models.records import Enterprise, Inspector, Sample, Visit
from qcdesk.models.store import Store

pytestmark = pytest.mark.usefixtures("draw_today_fixed")  # its draws are dated 2026 (conftest)

DAY = date(2026, 11, 30)
ALL = dict.fromkeys("ABCD", "1")
WITNESSED = {"operator": "王科长", "witnesses": ["李四"]}
FIRMS = [  # name, jurisdiction, industry, main products, code
    ("赤壁青砖茶厂", "421281", "砖茶", "青砖茶", "91421281MA4KL5FE07"),
    ("赤壁米砖茶厂", "421281", "", "米砖茶、青砖茶", "92421281MA4C3FYL02"),
    ("赤壁电机厂", "421281", "机电", "三相异步电动机", "93421281MA4NECRW8W"),
    ("赤壁茶叶合作社", "421281", "农产品", "", "91421224MA4CJGYT6P"),
    ("赤壁开关厂", "421281", "机电", "低压开关柜", "91421223MA4059AK31"),
    ("咸安苎麻厂", "421202", "苎麻纺织", "苎麻布", "91421202MA4AEDKU8T"),
    ("高新区光电厂", "421202-HTZ", "军民结合", "光学镜头", "91421221MA4E3XHX15"),
]


def spot_check(store: Store, name: str, day: str, product: str) -> None:
    eid = store.db.execute("SELECT id FROM enterprise WHERE name = ?", [name]).fetchone()[0]
    insp = [r[0] for r in store.db.execute("SELECT uuid FROM inspector LIMIT 2")]
    save_visit(store, VisitBundle(Visit(enterprise_id=eid, visit_date=day, status="done", inspectors=insp),
                                  [Sample(product_name=product, result="pass")]))


@pytest.fixture
def city(store: Store) -> Store:
    for name, code, industry, products, uscc in FIRMS:
        save_enterprise(store, Enterprise(uscc=uscc, name=name, jurisdiction_code=code, industry=industry,
                                          main_products=products))
    for name, code in (("王磊", "421281"), ("李娜", "421281"), ("张伟", "421281"), ("刘洋", "421281"),
                       ("咸安甲", "421202"), ("咸安乙", "421202"), ("高新甲", "421202-HTZ"),
                       ("高新乙", "421202-HTZ")):
        save_inspector(store, Inspector(name=name, jurisdiction_code=code))
    spot_check(store, "赤壁青砖茶厂", "2026-09-01", "青砖茶")  # within six months: checked for 砖茶
    spot_check(store, "赤壁茶叶合作社", "2025-01-10", "青砖茶（特级）")  # older: makes it, stays in
    spot_check(store, "赤壁开关厂", "2026-10-01", "低压开关柜")  # recent, but another product
    return store


def names(store: Store, uuids: list[str]) -> set[str]:
    return {r[0] for r in store.db.execute(
        "SELECT name FROM enterprise WHERE uuid IN (SELECT value FROM json_each(?))", [json.dumps(uuids)])}


def test_a_product_draws_from_its_makers_and_excludes_any_sample_named_with_it(
        city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(city.path)
    args = ["draw", "--db", db, "--seed", "5", "--jurisdiction", "赤壁市", "--product", "砖茶",
            "--date", "2026-11-30"]
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {p["name"] for p in out["selection"]} <= {"赤壁米砖茶厂", "赤壁茶叶合作社"}
    assert out["pool_size"] == 2 and out["excluded"] == 1 and out["parameters"]["pool_rule"] == 8
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "6个月内抽查过名称含“砖茶”的产品的 1 家不参加" in captured.out
    assert "生产“砖茶”的企业" in captured.err  # the rule in words
    # without a product, any spot check in the window excludes, and the command says so
    assert main(["draw", "--db", db, "--seed", "5", "--jurisdiction", "赤壁市", "--date", "2026-11-30"]) == 0
    captured = capsys.readouterr()
    assert "抽取池 3 家" in captured.out and "不论抽查的是什么产品" in captured.err
    params = DrawParameters(jurisdiction="421281", product="砖茶", ratios=ALL)
    record = commit_draw(city, make_draw(city, seed="5", params=params, as_of=DAY, **WITNESSED))
    assert verify_draw(city, find_draw(city, record.uuid)) == []


def test_xianan_takes_in_the_high_tech_zone(city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    result = make_draw(city, seed="s", params=DrawParameters(jurisdiction="421202", ratios=ALL), as_of=DAY)
    assert names(city, [u for u, _ in result.pool.enterprises]) == {"咸安苎麻厂", "高新区光电厂"}
    assert len(result.pool.inspectors) == 4  # 咸安区's and 高新区's
    assert main(["draw", "--db", str(city.path), "--seed", "s", "--jurisdiction", "咸安区",
                 "--date", "2026-11-30"]) == 0
    captured = capsys.readouterr()
    assert "抽取池 2 家" in captured.out and "咸安区（含咸宁高新区）" in captured.err


@pytest.mark.parametrize(("scope", "rule_1_names"), [
    ({"jurisdiction": "421281", "product": "砖茶"},
     {"赤壁青砖茶厂", "赤壁米砖茶厂", "赤壁电机厂", "赤壁茶叶合作社", "赤壁开关厂"}),
    ({"jurisdiction": "421202"}, {"咸安苎麻厂"}),
])
def test_a_draw_committed_under_rule_1_verifies_with_its_own_rule(
        city: Store, scope: dict, rule_1_names: set[str]) -> None:
    rule_1 = DrawParameters(ratios=ALL, pool_rule=1, **scope)
    old = commit_draw(city, make_draw(city, seed="旧", params=rule_1, as_of=DAY, **WITNESSED))
    params = find_draw(city, old.uuid).parameters
    del params["pool_rule"]  # as records made before rule 2 stored them
    city.db.execute("UPDATE draw_record SET parameters = ? WHERE uuid = ?",
                    [json.dumps(params, ensure_ascii=False), old.uuid])
    stored = find_draw(city, old.uuid)
    assert names(city, [p["enterprise"] for p in stored.selection]) == rule_1_names
    assert verify_draw(city, stored) == []
    rule_2 = build_pool(city, DrawParameters(ratios=ALL, **scope), DAY, stored.drawn_at)
    assert rule_2.sha256() != stored.pool_hash  # rule 2 would have drawn from another pool


def test_unknown_industry_and_empty_pools_are_refused(city: Store,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = str(city.path)
    base = ["draw", "--db", db, "--seed", "1", "--date", "2026-11-30", "--operator", "a", "--witness", "b"]
    cases = [(["--industry", "不存在"], "未知的行业“不存在”；现有行业：苎麻纺织、"),
             (["--jurisdiction", "通山县"], "抽取池为空：通山县没有企业"),
             (["--jurisdiction", "赤壁市", "--product", "钒电池"], "没有生产“钒电池”的企业"),
             (["--jurisdiction", "赤壁市", "--industry", "砖茶"], "1 家企业都不参加")]
    for extra, words in cases:
        assert main([*base, *extra, "--commit"]) == 2
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
    assert city.db.execute("SELECT count(*) FROM draw_record").fetchone()[0] == 0
    assert city.db.execute("SELECT count(*) FROM visit WHERE status = 'planned'").fetchone()[0] == 0


def test_an_empty_database_is_not_drawn_from(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draw", "--db", str(store.path), "--seed", "1", "--commit", "--operator", "a",
                 "--witness", "b"]) == 2
    err = capsys.readouterr().err
    assert "抽取池为空：数据库中还没有企业" in err and err.count("\n") == 1
    assert store.db.execute("SELECT count(*) FROM draw_record").fetchone()[0] == 0


def test_dialog_refuses_an_empty_pool(qtbot, chinese: None, city: Store, paths) -> None:  # noqa: ANN001
    from qcdesk.ui.draw_dialog import DrawDialog

    dialog = DrawDialog(city, paths, today=DAY)
    qtbot.addWidget(dialog)
    dialog.jurisdiction.setCurrentIndex(dialog.jurisdiction.findData("421224"))  # 通山县: nobody
    dialog.seed.setText("s")
    assert not dialog.preview()
    assert "抽取池为空：通山县没有企业" in dialog.summary.text()
    assert not dialog.commit_button.isEnabled() and dialog.commit() is None
    assert city.db.execute("SELECT count(*) FROM draw_record").fetchone()[0] == 0


def test_too_few_inspectors_says_why_by_name(city: Store) -> None:
    params = DrawParameters(jurisdiction="421202", ratios=ALL)
    ids = dict(city.db.execute("SELECT name, id FROM inspector").fetchall())
    firm = city.db.execute("SELECT id FROM enterprise WHERE name = '咸安苎麻厂'").fetchone()[0]
    for who in ("咸安甲", "咸安乙", "高新甲"):
        save_recusal(city, Recusal(inspector_id=ids[who], enterprise_id=firm, reason="亲属"))
    with pytest.raises(DrawError, match="企业“咸安苎麻厂”回避后可派执法人员不足2名"
                                        "（在岗 4 名，回避 3 名，剩 1 名）"):
        make_draw(city, seed="s", params=params, as_of=DAY)
    city.db.execute("UPDATE recusal SET deleted_at = 'x'")
    city.db.execute("UPDATE inspector SET active = 0 WHERE name != '咸安甲'")
    with pytest.raises(DrawError, match="在岗执法人员只有 1 名") as caught:
        make_draw(city, seed="s", params=params, as_of=DAY)
    assert "回避" not in str(caught.value)


def test_verify_names_enterprises_in_team_differences(city: Store) -> None:
    params = DrawParameters(jurisdiction="421281", ratios=ALL)
    record = commit_draw(city, make_draw(city, seed="s1", params=params, as_of=DAY, **WITNESSED))
    tampered = find_draw(city, record.uuid)  # one team swapped for another inspector's
    tampered.selection = [dict(p) for p in tampered.selection]  # (another seed could pair alike)
    tampered.selection[0]["inspectors"] = [*tampered.selection[0]["inspectors"][:1],
                                           "00000000-0000-4000-8000-000000000000"]
    problems = "；".join(verify_draw(city, tampered))
    assert "执法人员配对不同：" in problems
    assert any(name in problems for name, *_ in FIRMS)
    assert not any(p["enterprise"] in problems for p in record.selection)  # no uuids


def test_draw_verify_takes_a_4_character_prefix_and_lists_an_ambiguous_one(
        city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(city.path)
    xianan = DrawParameters(jurisdiction="421202", ratios=ALL)
    first = commit_draw(city, make_draw(city, seed="a", params=xianan, as_of=DAY, **WITNESSED))
    assert main(["draw", "verify", first.uuid[:4], "--db", db]) == 0
    assert first.uuid in capsys.readouterr().out
    second = commit_draw(city, make_draw(city, seed="b", params=DrawParameters(jurisdiction="421281",
                                                                                ratios=ALL),
                                         as_of=DAY, **WITNESSED))
    city.db.execute("UPDATE draw_record SET uuid = ? || substr(uuid, 5) WHERE uuid = ?",
                    [first.uuid[:4], second.uuid])
    assert main(["draw", "verify", first.uuid[:4], "--db", db]) == 2
    err = capsys.readouterr().err
    assert f"有多条抽取记录以 {first.uuid[:4]} 开头" in err and first.uuid in err and err.count("\n") == 1
    assert main(["draw", "verify", "ab", "--db", db]) == 2
    assert "至少 4 位" in capsys.readouterr().err


@pytest.mark.parametrize(("inspector", "enterprise", "words"), [
    ("9999", "1", "未找到执法人员 9999"),
    ("1", "91421281MA4P8UHM07", "统一社会信用代码校验位不正确"),
    ("1", "9999", "未找到企业 9999"),
    ("1", "91110000600037341L", "未找到统一社会信用代码为 91110000600037341L 的企业"),
])
def test_recusal_says_which_party_is_wrong(city: Store, capsys: pytest.CaptureFixture[str],
                                           inspector: str, enterprise: str, words: str) -> None:
    assert main(["recusal", "--db", str(city.path), "--inspector", inspector, "--enterprise", enterprise,
                 "--reason", "x"]) == 2
    err = capsys.readouterr().err
    assert words in err and "请用 --inspector 和 --enterprise" not in err and err.count("\n") == 1


@pytest.mark.parametrize(("kind", "ident", "words"), [
    ("visit", "999999", "未找到检查记录 999999"), ("notice", "abc", "未找到整改记录 abc"),
    ("sample", "999999", "未找到抽样记录 999999")])
def test_doc_names_the_missing_record_in_chinese(store: Store, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 kind: str, ident: str, words: str) -> None:
    assert main(["doc", kind, ident, "--db", str(store.path), "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_audit_verify_names_the_record_in_words(city: Store, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    conn = sqlite3.connect(city.path)
    with conn:
        conn.execute("UPDATE sample SET trademark = '外改' WHERE product_name = '青砖茶'")
        conn.execute("DELETE FROM sample WHERE product_name = '低压开关柜'")
    conn.close()
    assert main(["audit", "verify", "--db", str(city.path)]) == 1
    out = capsys.readouterr().out
    assert "抽样记录 " in out and "（赤壁青砖茶厂 青砖茶）" in out and "在 QCDesk 之外被修改" in out
    assert "sampling record" in out and "was updated outside QCDesk" in out
    assert "was deleted outside QCDesk" in out and "sample 记录" not in out and "was update " not in out


@pytest.mark.parametrize(("day", "words"), [("2026-02-30", "日期 2026-02-30 不存在，请按 YYYY-MM-DD 填写"),
                                            ("1/1/2026", "日期格式不正确：1/1/2026")])  # 2026/1/1 is one
def test_demo_today_is_refused_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          day: str, words: str) -> None:
    target = tmp_path / "demo.db"
    assert main(["demo", "--db", str(target), "--today", day]) == 2
    err = capsys.readouterr().err
    assert words in err and "fromisoformat" not in err and err.count("\n") == 1
    assert not target.exists()
