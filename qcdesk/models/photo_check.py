"""The photo files live findings name, checked for `audit verify`: missing, or not the content
their SHA-256 name promises.

Why: the audit chain proves the 照片 rows, but a photo itself is a file in the photo folder, and
one deleted or left half written (an import killed while copying it) was seen only by whoever
opened that finding in the editor. A city or county office verifying a database learns of it
too. Read only: nothing is repaired here. A photo of a deleted finding (or visit) is not
required; a file named by several rows is read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qcdesk.models.inspections import photo_path
from qcdesk.models.photo_files import photo_fault
from qcdesk.models.records import Photo
from qcdesk.models.store import Store

_LIVE_PHOTOS = """
SELECT p.sha256, p.file_name, f.description, v.visit_date, coalesce(e.name, '')
FROM photo p JOIN finding f ON f.id = p.finding_id JOIN visit v ON v.id = f.visit_id
LEFT JOIN enterprise e ON e.id = v.enterprise_id
WHERE p.deleted_at IS NULL AND f.deleted_at IS NULL AND v.deleted_at IS NULL AND p.sha256 != ''
ORDER BY p.id
"""
_SHORT = 30  # a finding is named by the start of its description

FAULT_TEXT = {"missing": ("文件缺失", "photo file missing"),
              "damaged": ("文件已损坏（SHA-256 与文件名不符）", "photo file damaged: its SHA-256 differs")}
ADVICE = ("如照片来自数据包，请再次导入该数据包，缺失或损坏的照片会补齐；"
          "否则请在检查记录中删除该照片后重新添加",
          "if the photo came in a package, import that package again: its missing or damaged "
          "photos are restored; otherwise remove the photo from the finding and add it again")


@dataclass(frozen=True)
class PhotoProblem:
    """A live finding's photo whose file is missing or damaged."""

    enterprise: str
    visit_date: str
    finding: str
    file_name: str
    stored: str  # `<sha[:2]>/<sha256>.<ext>` in the photo folder
    fault: str  # "missing" | "damaged"

    def text(self) -> str:
        """One line in Chinese with the English in brackets, as the CLI prints it."""
        zh, en = FAULT_TEXT[self.fault]
        what = self.finding if len(self.finding) <= _SHORT else self.finding[:_SHORT] + "…"
        return (f"{self.enterprise} {self.visit_date} 检查发现“{what}”的照片 {self.file_name}"
                f"（{self.stored}）：{zh} ({en})")


@dataclass
class PhotoCheck:
    problems: list[PhotoProblem] = field(default_factory=list)
    files: int = 0  # distinct photo files checked

    @property
    def ok(self) -> bool:
        return not self.problems


def check_photos(store: Store, photos_dir: Path) -> PhotoCheck:
    """Every live finding's photo file in `photos_dir`, each distinct file hashed once."""
    check = PhotoCheck()
    faults: dict[str, tuple[str, str | None]] = {}
    for sha, file_name, finding, visit_date, enterprise in store.db.execute(_LIVE_PHOTOS).fetchall():
        if sha not in faults:
            path = photo_path(Path(photos_dir), Photo(sha256=sha))
            faults[sha] = (f"{sha[:2]}/{path.name}", photo_fault(path, sha))
        stored, fault = faults[sha]
        if fault is not None:
            check.problems.append(PhotoProblem(enterprise, visit_date or "", finding or "",
                                               file_name or "", stored, fault))
    check.files = len(faults)
    return check
