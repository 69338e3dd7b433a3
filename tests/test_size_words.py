"""One size reads the same wherever QCDesk shows it (read-through: four hand-written formatters).

Before, the backup list wrote a 1.5 GB copy as 1536.0 MB and a 1.5 KB one as 1 KB while the
line under it wrote 1.5 GB; the photo-copy line rounded KB to whole numbers; the package limit
read 2 GB where the disk warnings read 2.0 GB.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from qcdesk.exchange.package_rules import PackageLimits
from qcdesk.exchange.photo_budget import limit_text
from qcdesk.models import backup
from qcdesk.models.backup_photos import PhotoCopy
from qcdesk.models.store import Store

SIZES = [(1536, "1.5 KB"), (1536 * 1024**2, "1.5 GB"), (300, "300 B")]


@pytest.mark.parametrize(("size", "shown"), SIZES)
def test_the_backup_list_writes_a_copy_size_as_the_disk_line_does(
        qtbot, store: Store, monkeypatch: pytest.MonkeyPatch, size: int, shown: str) -> None:
    from qcdesk.ui.backup_dialog import BackupDialog

    folder = store.path.parent / "backups"
    backup.snapshot(store, folder, "manual")
    real = backup.list_backups

    def sized(*args: object, **kwargs: object) -> list:
        return [replace(info, size=size) for info in real(*args, **kwargs)]

    monkeypatch.setattr(backup, "list_backups", sized)
    dialog = BackupDialog(store, folder)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == shown


@pytest.mark.parametrize(("size", "shown"), SIZES)
def test_the_photo_copy_line_writes_sizes_as_the_disk_warnings_do(size: int, shown: str) -> None:
    copy = PhotoCopy(Path("QCDesk照片"), copied=1, copied_bytes=size)
    assert f"已复制 1 个（{shown}）" in copy.backup_text()
    assert f"1 copied ({shown})" in copy.backup_text("en")


def test_the_package_limit_reads_as_other_sizes_do() -> None:
    assert limit_text(PackageLimits()) == f"2.0 GB、{PackageLimits().max_members} 个文件"
    assert limit_text(PackageLimits(max_package_bytes=1536), "en").startswith("1.5 KB, ")
