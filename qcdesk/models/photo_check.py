"""The photo files live findings name, checked for `audit verify`: missing, or not the content
their SHA-256 name promises.

Why: the audit chain proves the 照片 rows, but a photo itself is a file in the photo folder, and
one deleted or left half written (an import killed while copying it) was seen only by whoever
opened that finding in the editor. A city or county office verifying a database learns of it
too. Read only: nothing is repaired here. A photo of a deleted finding (or visit) is not
required; a file named by several rows is read once.

A photo row received in packages none of which carried its file (made without 包含照片文件, the
CLI default) never had a file here: that is a note, with the advice the import gave (ask the
sender for a package with photo files), not a failure. A file that came (in any received
package, or added here) and is gone or damaged now is a failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qcdesk.models.inspections import photo_path
from qcdesk.models.photo_files import photo_fault
from qcdesk.models.records import Photo
from qcdesk.models.store import Store

_LIVE_PHOTOS = """
SELECT p.sha256, p.file_name, f.description, v.visit_date, coalesce(e.name, ''), p.origin
FROM photo p JOIN finding f ON f.id = p.finding_id JOIN visit v ON v.id = f.visit_id
LEFT JOIN enterprise e ON e.id = v.enterprise_id
WHERE p.deleted_at IS NULL AND f.deleted_at IS NULL AND v.deleted_at IS NULL AND p.sha256 != ''
ORDER BY p.id
"""
_SHORT = 30  # a finding is named by the start of its description
# The photo files the received packages carried, by SHA-256 (their signed manifests' members)
_CARRIED = """
SELECT DISTINCT substr(m.key, 8, 64) FROM received_package r, json_each(
    CASE WHEN json_valid(r.manifest_json) THEN r.manifest_json ELSE '{}' END, '$.members') m
WHERE m.key LIKE 'photos/%'
"""

_ONE_PHOTO = """
SELECT p.file_name, f.description, v.visit_date, coalesce(e.name, '')
FROM photo p JOIN finding f ON f.id = p.finding_id JOIN visit v ON v.id = f.visit_id
LEFT JOIN enterprise e ON e.id = v.enterprise_id
WHERE p.sha256 = ? ORDER BY p.deleted_at IS NOT NULL, p.id LIMIT 1
"""
FAULT_TEXT = {"missing": ("文件缺失", "photo file missing"),
              "damaged": ("文件已损坏（SHA-256 与文件名不符）", "photo file damaged: its SHA-256 differs"),
              "not_received": ("收到时未附照片文件", "received without its photo file")}
ADVICE = ("如照片来自数据包，请再次导入该数据包，缺失或损坏的照片会补齐；"
          "否则请在检查记录中删除该照片后重新添加",
          "if the photo came in a package, import that package again: its missing or damaged "
          "photos are restored; otherwise remove the photo from the finding and add it again")
NOT_RECEIVED_ADVICE = (
    "这些照片记录随数据包收到时没有随附照片文件，本机从未收到这些文件，并非本机丢失：可能是发件方导出时"
    "没有勾选“包含照片文件”，也可能是照片文件超出了一个数据包的上限，留待发件方的下一个数据包送达。"
    "请发件方导出时勾选“包含照片文件”（命令行加 --attachments）再导出一次，直到导出时不再提示"
    "“另有…张尚未发出的照片文件”；缺少的照片文件会随那些数据包送达",
    "these photo records came in packages without their photo files, so this computer never had "
    "the files; nothing was lost here. Either the sender exported without “Include photo files”, "
    "or the files did not fit in one package and come in the sender's next one. Ask the sender to "
    "export again with “Include photo files” (--attachments on the command line) until the export "
    "no longer says more photo files were left for the next package: the missing files come with "
    "those packages")


@dataclass(frozen=True)
class PhotoProblem:
    """A live finding's photo whose file is missing or damaged."""

    enterprise: str
    visit_date: str
    finding: str
    file_name: str
    stored: str  # `<sha[:2]>/<sha256>.<ext>` in the photo folder
    fault: str  # "missing" | "damaged" | "not_received"

    def text(self) -> str:
        """One line in Chinese with the English in brackets, as the CLI prints it."""
        zh, en = FAULT_TEXT[self.fault]
        what = self.finding if len(self.finding) <= _SHORT else self.finding[:_SHORT] + "…"
        return (f"{self.enterprise} {self.visit_date} 检查发现“{what}”的照片 {self.file_name}"
                f"（{self.stored}）：{zh} ({en})")


@dataclass
class PhotoCheck:
    problems: list[PhotoProblem] = field(default_factory=list)  # lost or damaged here
    notes: list[PhotoProblem] = field(default_factory=list)  # received without their file
    files: int = 0  # distinct photo files checked
    intact: int = 0  # of those, files present that match their SHA-256

    @property
    def ok(self) -> bool:
        """Notes do not fail a verify: a photo that never came was not lost here."""
        return not self.problems


def check_photos(store: Store, photos_dir: Path) -> PhotoCheck:
    """Every live finding's photo file in `photos_dir`, each distinct file hashed once."""
    check = PhotoCheck()
    faults: dict[str, tuple[str, str | None]] = {}
    carried: set[str] | None = None  # read once, and only when a received photo has no file
    rows = store.db.execute(_LIVE_PHOTOS).fetchall()
    for sha, file_name, finding, visit_date, enterprise, origin in rows:
        if sha not in faults:
            path = photo_path(Path(photos_dir), Photo(sha256=sha))
            fault = photo_fault(path, sha)
            if fault == "missing":  # named as it would be stored: with its extension
                path = path.with_name(f"{sha}{Path(file_name or '').suffix.lower() or '.jpg'}")
                if origin not in (None, "", "local"):
                    if carried is None:
                        carried = {r[0] for r in store.db.execute(_CARRIED)}
                    fault = fault if sha in carried else "not_received"
            faults[sha] = (f"{sha[:2]}/{path.name}", fault)
        stored, fault = faults[sha]
        if fault is not None:
            found = PhotoProblem(enterprise, visit_date or "", finding or "", file_name or "",
                                 stored, fault)
            (check.notes if fault == "not_received" else check.problems).append(found)
    check.files = len(faults)
    check.intact = sum(fault is None for _, fault in faults.values())
    return check


def photo_described(store: Store, sha256: str) -> tuple[str, str]:
    """A photo file as the user knows it, (Chinese, English): the enterprise, visit date, the
    finding and the file name it was added from; why: a message naming a SHA-256 names nothing
    the user can find. The file's hash when no row names it."""
    row = store.db.execute(_ONE_PHOTO, (sha256,)).fetchone()
    if row is None:
        return f"照片文件 {sha256}", f"the photo file {sha256}"
    file_name, finding, visit_date, enterprise = (v or "" for v in row)
    what = finding if len(finding) <= _SHORT else finding[:_SHORT] + "…"
    return (f"{enterprise} {visit_date} 检查发现“{what}”的照片 {file_name}",
            f"the photo {file_name} of the finding “{what}” ({enterprise}, visit of {visit_date})")
