"""A mistyped command is told in Chinese what is wrong, as every other refusal is: argparse said
it in English (`the following arguments are required: --jurisdiction, --out`), and named a
missing sub-command by its internal name (`roster_command`)."""

from __future__ import annotations

import pytest

from qcdesk.cli import main


@pytest.mark.parametrize(("args", "words"), [
    (["keygen", "--name", "张三"], "缺少必须给出的参数：--jurisdiction、--out"),
    (["doc", "memo", "1"], "的值“memo”无效，应为以下之一：visit、sample、notice、recheck"),
    (["roster"], "缺少必须给出的参数：子命令（template、import）"),
    (["report", "--period", "2026Q3", "--out", "r.pdf"], "report_kind（quarterly 之一）"),
    (["find", "通", "--limit", "abc"], "--limit 应为整数：abc"),
    (["risk", "--date"], "--date 后面缺少取值"),
    (["backup", "--bogus"], "无法识别的参数：--bogus"),
])
def test_usage_errors_are_one_chinese_line(capsys: pytest.CaptureFixture[str], args: list[str],
                                           words: str) -> None:
    with pytest.raises(SystemExit) as ended:
        main(args)
    assert ended.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "参数有误：" in err[0] and words in err[0], err
    assert "the following" not in err[0] and "invalid choice" not in err[0] and "_command" not in err[0]


ORG = ["--org-name", "通城县市场监督管理局"]


@pytest.mark.parametrize("args", [["--db", "a.db", "settings", "--db", "b.db", *ORG],
                                  ["settings", "--db", "a.db", "--db=b.db", *ORG]])
def test_two_databases_are_refused_not_the_last_one_taken(tmp_path, monkeypatch, capsys,  # noqa: ANN001
                                                          args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as ended:
        main(args)
    assert ended.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--db 给出了不止一次" in err[0], err
    assert list(tmp_path.iterdir()) == []
