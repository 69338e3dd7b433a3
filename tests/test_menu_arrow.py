"""One arrow for menu paths (review regress-ui B5): the window's texts wrote 设置 ▸ 签名密钥… and,
in the newer ones, 设置 › 签名密钥 (the export dialog said ›, Preferences said ▸).

The window's texts (and the core messages it shows) use ▸. ▸ and › are not in GBK, and the CLI's
output redirected on Chinese Windows is GBK: the CLI's own advice (a wrong passphrase) names the
menu with >, and a shared message's ▸ is written there as > too, never as \\u25b8 or \\u203a.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from exchange_fixtures import populate
from pytestqt.qtbot import QtBot

from qcdesk.exchange.key_files import create_key
from qcdesk.models.store import Store

ROOT = Path(__file__).resolve().parents[1]
PASS = "correct horse 1"


def test_the_window_names_menus_with_one_arrow() -> None:
    other = [f"{path.relative_to(ROOT)}:{n}" for path in [*sorted((ROOT / "qcdesk").rglob("*.py")),
                                                        *sorted((ROOT / "resources").rglob("*.ts"))]
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "\u203a" in line]
    assert other == []


def test_the_export_dialog_names_the_menu_as_preferences_do(qtbot: QtBot, chinese: None,
                                                            tmp_path: Path) -> None:
    from qcdesk.ui.exchange_dialogs import ExportDialog

    create_key(tmp_path / "keys", "张三", "421221", "inspector", PASS, light=True)
    db = tmp_path / "i.db"
    store = Store.open(db, author="insp-uuid")
    populate(store, 1, 1)
    store.close()
    (tmp_path / "out").mkdir()
    dialog = ExportDialog(db, keys_dir=tmp_path / "keys")
    qtbot.addWidget(dialog)
    dialog.out_edit.setText(str(tmp_path / "out"))
    dialog.passphrase_edit.setText("wrong-passphrase")
    assert dialog.start_export() is None
    assert "“设置 ▸ 签名密钥”" in dialog.status.text(), dialog.status.text()


def _gbk_run(tmp_path: Path, code: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "gbk:strict",
           "XDG_CONFIG_HOME": str(tmp_path / "c"), "XDG_DATA_HOME": str(tmp_path / "d")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env,
                          cwd=ROOT, timeout=300)


def test_the_cli_names_menus_in_gbk(tmp_path: Path) -> None:
    key = create_key(tmp_path / "keys", "张三", "421221", "inspector", PASS, light=True)
    db = tmp_path / "i.db"
    store = Store.open(db, author="insp-uuid")
    populate(store, 1, 1)
    store.close()
    (tmp_path / "wrong.txt").write_text("wrong-passphrase\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    run = _gbk_run(tmp_path, "import sys; from qcdesk.cli import main; sys.exit(main(sys.argv[1:]))",
                   "export", "--db", str(db), "--key", str(key.secret), "--out",
                   str(tmp_path / "out"), "--passphrase-file", str(tmp_path / "wrong.txt"))
    assert run.returncode != 0
    err = run.stderr.decode("gbk")  # strict: every byte GBK
    assert "设置 > 签名密钥 > 生成新密钥" in err and "\\u" not in err, err

    # a message shared with the window (the report's 组织单位 advice) keeps ▸ there, > here
    shared = _gbk_run(tmp_path, "from qcdesk import cli; cli._tolerate_unencodable_output(); "
                      "from qcdesk.models.messages import message; "
                      "print(message('report.org_name_default', org='咸宁市市场监督管理局', "
                      "scope='嘉鱼县'), '䶮')")
    out = shared.stdout.decode("gbk")
    assert shared.returncode == 0 and "“设置 > 首选项… > 组织单位”" in out and "\\u4dae" in out, out
