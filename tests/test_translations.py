"""Every translation file is complete and compiled: a Chinese user never meets an English string
because someone forgot to translate or to run lrelease."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS_FILES = sorted((ROOT / "resources" / "translations").glob("*.ts"))


def load_script():
    spec = importlib.util.spec_from_file_location("qc_translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_translations() -> None:
    assert any(p.name == "shell_zh_CN.ts" for p in TS_FILES)


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translation_complete_and_compiled(ts: Path) -> None:
    script = load_script()
    area = ts.name.removesuffix("_zh_CN.ts")
    assert ts.name.endswith("_zh_CN.ts"), "translation files are named <area>_zh_CN.ts"
    assert script.problems(area) == []


def test_shell_loads_chinese(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from qcdesk.models.rules import Clock
    from qcdesk.ui import labels
    from qcdesk.ui.app import Translators

    translators = Translators(qapp)
    before = qapp.property("lang")
    try:
        translators.apply("zh_CN")
        assert "shell_zh_CN" in translators.loaded_files
        assert labels.visit_kinds()["spot_check"] == "监督抽查"
        assert QCoreApplication.translate("ListPage", "Total: %1") == "共 %1 条"
        assert labels.clock_text(Clock("correct", -3)) == "已逾期 3 天"
        translators.apply("en")
        assert labels.visit_kinds()["spot_check"] == "Supervision spot check"
    finally:  # as the other tests expect it: no translator, core messages in the default
        translators.remove_all()
        qapp.setProperty("lang", before)
