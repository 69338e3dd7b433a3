"""The built wheel is a complete QCDesk: its Chinese interface, and a launcher without a console.

Review "windows" 1: the wheel held no `.qm` file and the app looked for them next to the checkout
(`site-packages/resources/translations`), so an installed QCDesk came up in English with a note
saying 请重新安装 QCDesk (reinstalling did not help). Review "windows" 10: the only launcher was a
console program, so a Windows shortcut opened a black console next to the window.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qcdesk.ui.translation_check import needed_files

ROOT = Path(__file__).resolve().parents[1]
UV = os.environ.get("UV") or shutil.which("uv")

# Started from outside the checkout, on the unpacked wheel only (as site-packages holds it).
START_IN_CHINESE = """
import argparse, json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMessageBox
import qcdesk
from qcdesk.paths import AppPaths
from qcdesk.ui import app as app_module
home = Path(sys.argv[1])
shell = app_module.start_shell(argparse.Namespace(demo=False, db=home / "w.db", lang="zh_CN"),
                               AppPaths(home / "data", home / "config"), ask_inspector=False)
app = QApplication.instance()
for _ in range(50):
    app.processEvents()
notes = [w.text() for w in app.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
print(json.dumps({"package": qcdesk.__file__, "loaded": shell.translators.loaded_files, "notes": notes,
                  "menus": [a.text() for a in shell.window.menuBar().actions()]}))
shell.shutdown()
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if UV is None:
        pytest.skip("uv is not on PATH")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([UV, "build", "--wheel", "--quiet", "-o", str(out)], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    (built,) = out.glob("qcdesk-*.whl")
    return built


def test_the_wheel_carries_every_translation_the_app_loads(wheel):
    members = set(zipfile.ZipFile(wheel).namelist())
    checkout = ROOT / "resources" / "translations"
    expected = {f"qcdesk/translations/{name}.qm" for name in needed_files(checkout)}
    assert expected <= members, sorted(expected - members)


def test_an_installed_qcdesk_starts_in_chinese(wheel, tmp_path):
    site = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", START_IN_CHINESE, str(outside)], cwd=outside, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(seen["package"]).is_relative_to(site)  # the wheel's copy, not the checkout's
    assert not seen["notes"], seen["notes"]  # no 界面翻译文件缺失 note
    assert seen["menus"][0].startswith("文件"), seen["menus"]
    assert set(seen["loaded"]) >= {f"{area}_zh_CN" for area in ("editors", "shell", "supervision")}


def test_the_wheel_has_a_launcher_without_a_console(wheel):
    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert "[gui_scripts]\nqcdesk-gui = qcdesk.cli:main" in archive.read(name).decode()
