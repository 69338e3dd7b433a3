"""Every script in bench/ runs to the end on a small database and prints its figures.

Why: the figures in a closing note come from these scripts, and nothing else runs them. One
broke unseen when the export's private `_lineage` moved to twin_lineage.sent_lineage (671fc2a):
bench_exchange stopped with an AttributeError before its first ratio, and bench_gui stopped on
a search that matched no row. Real processes, as a maintainer runs them; sizes tiny, so this
checks that they run and what they print, not how fast anything is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, script: str, *args: str) -> str:
    env = {**os.environ, "TMPDIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{script}: {done.stderr[-2000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 visits of 300 firms, as bench_supervision generates them (bench_gui reads it)."""
    folder = tmp_path_factory.mktemp("bench")
    _run(folder, "bench_supervision.py", "--db", str(folder / "small.db"), "--visits", "3000",
         "--enterprises", "300", "--repeat", "1")
    return folder / "small.db"


def test_bench_exchange_prints_each_ratio_against_its_baseline(tmp_path: Path) -> None:
    out = _run(tmp_path, "bench_exchange.py", "--visits", "1000", "--memory-visits", "0",
               "--import-runs", "1", "--floor")
    for words in ("ours/openpyxl = ", "pandas/ours = ", "import/reference = ", "floor: "):
        assert words in out, out


def test_bench_core_prints_its_ratio(tmp_path: Path) -> None:
    out = _run(tmp_path, "bench_core.py", "--visits", "2000", "--enterprises", "100",
               "--dir", str(tmp_path))
    assert "ratio" in out, out


def test_bench_report_runs(tmp_path: Path) -> None:
    out = _run(tmp_path, "bench_report.py", "--visits", "2000", "--runs", "1")
    assert "rectifications" in out, out


def test_bench_supervision_and_gui_run_on_one_database(small_db: Path, tmp_path: Path) -> None:
    assert small_db.exists()
    out = _run(tmp_path, "bench_gui.py", "--db", str(small_db), "--runs", "1", "--queries", "3",
               "--scroll-rows", "300")
    for words in ("startup warm:", "baseline bare QApplication", "first page", "scroll visit search"):
        assert words in out, out
