"""A Ctrl-C in a command's first second is one line and a non-zero exit (review RB 6).

Before: `qcdesk backup`, `restore` or `export` interrupted in its first 1-2 s (sqlite-utils
importing pandas and numpy, before the command's own handler ran) printed a 20-line
KeyboardInterrupt traceback through numpy. Now the whole command answers a Ctrl-C with
`qcdesk: 已取消 (cancelled)`, exit 130, and the command line no longer imports pandas or numpy
(sqlite-utils works without them; the GUI already skipped them), so that second is gone too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from qcdesk.models.store import Store

# the command as its console script runs it (main() reads sys.argv); a Ctrl-C is made to land
# while sqlite-utils is imported, where the reviewer's landed
SCRIPT = """
import sys
import qcdesk.cli

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["qcdesk", "backup", "--db", {db!r}]
code = qcdesk.cli.main()
print("PANDAS", sys.modules.get("pandas") is not None, "NUMPY", sys.modules.get("numpy") is not None)
sys.exit(code)
"""


def _run(tmp_path: Path, module: str) -> subprocess.CompletedProcess[str]:
    db = tmp_path / "qcdesk.db"
    Store.open(db).close()
    return subprocess.run([sys.executable, "-c", SCRIPT.format(module=module, db=str(db))],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          cwd=tmp_path)


def test_ctrl_c_while_the_command_starts_is_one_line(tmp_path: Path) -> None:
    done = _run(tmp_path, "sqlite_utils")
    assert done.stderr == "qcdesk: 已取消 (cancelled)\n", done.stderr
    assert done.returncode == 130
    assert not list((tmp_path / "backups").glob("*.db"))  # nothing was written


def test_the_command_line_does_without_pandas_and_numpy(tmp_path: Path) -> None:
    done = _run(tmp_path, "no-such-module")
    assert done.returncode == 0, done.stderr
    assert "PANDAS False NUMPY False" in done.stdout
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1
