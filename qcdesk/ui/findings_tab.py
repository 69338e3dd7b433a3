"""The findings tab of the visit editor: category, description, severity, basis and photo thumbnails.

Photos are copied into the data folder when added (named by their SHA-256) and recorded with the
visit when it is saved; a saved photo taken off is soft-deleted with that save (kept for merging
and audit), and a visit that went out in a package cannot lose any.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QHideEvent, QIcon, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qcdesk.models.inspections import PhotoFileError, import_photo_file
from qcdesk.models.os_errors import os_error_reason
from qcdesk.models.records import Finding, Photo, Record
from qcdesk.models.store import Store
from qcdesk.ui import colours
from qcdesk.ui.file_dialogs import open_files
from qcdesk.ui.photo_thumbs import THUMB, PhotoThumbs, Thumb, placeholder
from qcdesk.ui.visit_tabs import RecordListTab
from qcdesk.ui.workers import Job, Progress, attach_progress, start_job

FINDING_CATEGORIES = ("质量管理制度", "原材料进货查验", "生产过程控制", "出厂检验", "标签标识",
                      "计量器具", "生产许可条件", "其他")

class FindingsTab(RecordListTab):
    """Findings with category, description, severity, legal basis and photos (thumbnails)."""

    def __init__(self, lang: str, photos_dir: Path, parent: QWidget | None = None):
        super().__init__(lang, parent)
        self.photos_dir = photos_dir
        self.photos: list[list[Photo]] = []
        self.removed_photos: list[Photo] = []  # saved photos taken off; removed when the visit is saved
        self.thumbs = PhotoThumbs(photos_dir, self)  # made once per photo for the editor's lifetime
        self.thumbs.landed.connect(self._thumb_landed)
        self._waiting = placeholder()
        self.adding: Job | None = None  # photos being copied into the data folder
        self.setObjectName("findingsTab")
        self.list.setObjectName("findingList")
        self.add_button.setText(self.tr("&Add finding"))
        self.add_button.setObjectName("addFindingButton")
        self.remove_button.setText(self.tr("Remove finding"))
        self.remove_button.setObjectName("removeFindingButton")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        self.category_combo.setEditable(True)
        # offered in the UI's language, stored in the official words (like the seal states):
        # an item's label stands for its value when read back (visit_tabs.read_widget)
        labels = (self.tr("Quality management system"), self.tr("Incoming material checks"),
                  self.tr("Production process control"), self.tr("Factory inspection"),
                  self.tr("Labelling and marking"), self.tr("Measuring instruments"),
                  self.tr("Production licence conditions"), self.tr("Other"))
        for label, stored in zip(labels, FINDING_CATEGORIES, strict=True):
            self.category_combo.addItem(label, stored)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setTabChangesFocus(True)
        self.severity_combo = QComboBox()
        self.severity_combo.setObjectName("severityCombo")
        for code, text in (("minor", self.tr("Minor")), ("major", self.tr("Major")),
                           ("critical", self.tr("Critical"))):
            self.severity_combo.addItem(text, code)
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("basisEdit")
        self.basis_edit.setPlaceholderText(self.tr("e.g. 《产品质量法》第十三条"))
        form = QFormLayout()
        self.bind(form, self.tr("Cate&gory:"), "category", self.category_combo)
        self.bind(form, self.tr("&Description:"), "description", self.description_edit)
        self.bind(form, self.tr("Severit&y:"), "severity", self.severity_combo)
        self.bind(form, self.tr("&Basis:"), "basis", self.basis_edit)
        self.photo_list = QListWidget()
        self.photo_list.setObjectName("photoList")
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setIconSize(THUMB)
        self.photo_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.photo_list.setMinimumHeight(THUMB.height() + 40)
        self.photo_list.itemActivated.connect(self._open_photo)
        self.add_photo_button = QPushButton(self.tr("Add &photos…"))
        self.add_photo_button.setObjectName("addPhotoButton")
        self.add_photo_button.clicked.connect(self.add_photos)
        # Kept byte for byte as evidence, EXIF (time, GPS) included: the user must know it travels.
        evidence = self.tr("Photos are kept exactly as they are and sent with the data packages, "
                           "including when and where they were taken (time and GPS position); "
                           "do not add photos unrelated to the inspection.")
        self.add_photo_button.setToolTip(evidence)
        self.photo_note = QLabel(evidence)
        self.photo_note.setObjectName("photoNote")
        self.photo_note.setWordWrap(True)
        self.remove_photo_button = QPushButton(self.tr("Remove photo"))
        self.remove_photo_button.setObjectName("removePhotoButton")
        self.remove_photo_button.setToolTip(
            self.tr("Removes the selected photo (a saved photo is removed when the visit is saved)"))
        self.remove_photo_button.clicked.connect(self.remove_photo)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(self.add_photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_buttons.addStretch(1)
        box = QGroupBox(self.tr("Finding"))
        box.setLayout(form)
        photo_box = QGroupBox(self.tr("Photos"))
        photo_layout = QVBoxLayout(photo_box)
        photo_layout.addWidget(self.photo_list)
        photo_layout.addLayout(photo_buttons)
        # every file of the last 添加照片 not added, and why (not under a field: no field is wrong)
        self.photo_problems = QLabel()
        self.photo_problems.setObjectName("photoProblems")
        self.photo_problems.setWordWrap(True)
        self.photo_problems.setTextFormat(Qt.TextFormat.PlainText)
        self.photo_problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photo_problems.setStyleSheet(colours.text_css(colours.ERROR))
        self.photo_problems.hide()
        photo_layout.addWidget(self.photo_problems)
        photo_layout.addWidget(self.photo_note)
        self.form_layout.addWidget(box)
        self.form_layout.addWidget(photo_box)
        self.form_layout.addStretch(1)

    def first_field(self) -> QWidget:
        return self.category_combo

    def new_record(self) -> Finding:
        return Finding()

    def title(self, record: Record) -> str:
        assert isinstance(record, Finding)
        text = record.description.splitlines()[0] if record.description else self.tr("(new finding)")
        return (f"[{record.category}] " if record.category else "") + text[:40]

    def load_with_photos(self, findings: list[Finding], photos: dict[int, list[Photo]]) -> None:
        self.photos = [list(photos.get(i, [])) for i in range(len(findings))]
        self.removed_photos = []
        self.load(findings)

    def add(self) -> None:
        self.photos.append([])
        super().add()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.photos):
            self.photos.pop(row)
        super().remove_current()

    def show_record(self, record: Record) -> None:
        super().show_record(record)
        self._say_problems([])  # they were about the finding shown before
        self._show_photos()

    def _clear_form(self) -> None:
        super()._clear_form()
        self.photo_list.clear()

    def _show_photos(self) -> None:
        """The finding's photos at once, each with its thumbnail when made before, else a
        placeholder until the background thread lands it (`PhotoThumbs`)."""
        self.photo_list.clear()
        if not 0 <= self._row < len(self.photos):
            return
        for photo in self.photos[self._row]:
            path = self.thumbs.path(photo)
            item = QListWidgetItem(photo.file_name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.photo_list.addItem(item)
            thumb = self.thumbs.get(photo.sha256)
            if thumb is None and photo.sha256 and not path.is_file():
                thumb = Thumb(None, "missing")
            if thumb is None:
                item.setIcon(QIcon(QPixmap.fromImage(self._waiting)))
            else:
                self._show_thumb(item, photo, thumb)
        self._want_thumbs()

    def _want_thumbs(self) -> None:
        """Thumbnails are made for the finding shown while the tab is seen (not for a closed
        editor, or while another tab is in front)."""
        group = self.photos[self._row] if 0 <= self._row < len(self.photos) and self.isVisible() else []
        self.thumbs.want([p for p in group if self.thumbs.get(p.sha256) is None
                          and (not p.sha256 or self.thumbs.path(p).is_file())])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._want_thumbs()

    def hideEvent(self, event: QHideEvent) -> None:
        self.thumbs.want([])  # the editor closed or another tab in front: stop
        super().hideEvent(event)

    def _thumb_landed(self, sha256: str) -> None:
        thumb = self.thumbs.get(sha256)
        if thumb is None or not 0 <= self._row < len(self.photos):
            return
        group = self.photos[self._row]
        for k in range(min(self.photo_list.count(), len(group))):
            if group[k].sha256 == sha256:
                self._show_thumb(self.photo_list.item(k), group[k], thumb)

    def _show_thumb(self, item: QListWidgetItem, photo: Photo, thumb: Thumb) -> None:
        if thumb.image is not None:
            item.setIcon(QIcon(QPixmap.fromImage(thumb.image)))
        elif thumb.no_preview:  # intact, but more pixels than Qt decodes (a large scan)
            item.setIcon(QIcon(QPixmap.fromImage(placeholder(self.tr("No preview")))))
            item.setToolTip(self.tr("%1\nThis photo is too large to preview here. Double-click it "
                                    "to open it in the image viewer.").replace("%1", item.toolTip()))
        elif thumb.undecoded:  # a HEIC that cannot be decoded: said, and the photo is kept
            item.setIcon(QIcon(QPixmap.fromImage(placeholder(
                self.tr("%1\nno preview").replace("%1", thumb.undecoded)))))
            item.setToolTip(self.tr(
                "%1\nThis %2 photo cannot be shown here: its file may be damaged or cut off. The "
                "photo is kept as it came. Double-click it to open it in the image viewer; if it "
                "does not open there either, ask the sender for the photo again.")
                .replace("%1", item.toolTip()).replace("%2", thumb.undecoded))
        else:
            item.setIcon(QIcon())
        if thumb.fault is not None:
            self._mark_unusable(item, Path(item.data(Qt.ItemDataRole.UserRole)), photo, thumb.fault)

    def _mark_unusable(self, item: QListWidgetItem, path: Path, photo: Photo, fault: str) -> None:
        """A photo whose file is missing or damaged (an import killed while copying it) says
        so and what to do, instead of a bare name or a half-grey thumbnail."""
        state = self.tr("file missing") if fault == "missing" else self.tr("file damaged")
        item.setText(f"{photo.file_name} ({state})")
        item.setForeground(QColor(colours.readable(colours.ERROR)))  # pure red was 4 : 1 on white
        item.setToolTip(self.tr(
            "The photo file %1 is missing or damaged in the photo folder. If the photo came in a "
            "package, import that package again: its missing or damaged photos are restored. "
            "Otherwise remove the photo and add it again.").replace("%1", str(path)))

    def _open_photo(self, item: QListWidgetItem) -> None:
        """Full size in the system's image viewer."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(item.data(Qt.ItemDataRole.UserRole)))

    def add_photos(self) -> None:
        """Copy the chosen files into the data folder in the background (a progress dialog with
        Cancel shows when it takes a while), then add them; every file not added is listed."""
        if not 0 <= self._row < len(self.items) or self.adding is not None:
            return
        # An iPhone's .heic (and .webp) are listed too: picking one says why it is not taken and
        # what to do, where the folder looked empty; "All files" for any other name.
        files = open_files(self, "photos", self.tr("Add photos"),
                           self.tr("Images (*.jpg *.jpeg *.png *.heic *.heif *.webp);;All files (*)"))
        if not files:
            return
        row, photos_dir, lang = self._row, self.photos_dir, self.lang

        def copy_in(_store: Store | None, progress: Progress) -> list[Photo | str]:
            """Each file in the order chosen: its photo, or why it was not taken."""
            outcome: list[Photo | str] = []
            for done, source in enumerate(files):
                progress.check()
                progress(done, len(files), _copying(done + 1, len(files), source.name))
                try:
                    outcome.append(import_photo_file(photos_dir, source))
                except PhotoFileError as exc:  # unreadable, no picture, or a full disk: said in words
                    outcome.append(exc.text(lang))
                except OSError as exc:
                    outcome.append(QCoreApplication.translate("FindingsTab", "Cannot read %1: %2")
                                   .replace("%1", str(source)).replace("%2", os_error_reason(exc, lang)))
            return outcome

        self._say_problems([])
        self.adding = job = start_job(copy_in, db_path=None, parent=self)
        attach_progress(job, self, self.tr("Add photos"), _copying(0, len(files), ""))
        job.succeeded.connect(lambda outcome: self._photos_added(row, outcome))
        job.failed.connect(lambda text: self._say_problems([text]))
        job.cancelled.connect(lambda: self._say_problems(
            [self.tr("Adding photos was cancelled: no photo was added.")]))
        job.finished.connect(self._adding_ended)

    def _adding_ended(self) -> None:
        self.adding = None

    def _photos_added(self, row: int, outcome: list[Photo | str]) -> None:
        """Add the copied photos to finding `row`, skipping one it already holds (same content);
        every file not added is listed, in the order chosen."""
        if not 0 <= row < len(self.photos):
            return
        held = {p.sha256: p.file_name for p in self.photos[row]}
        problems: list[str] = []
        for photo in outcome:
            if isinstance(photo, str):
                problems.append(photo)
            elif photo.sha256 in held:
                problems.append(self.tr("%1 is the same photo as %2, already in this finding: not "
                                        "added again.").replace("%1", photo.file_name)
                                .replace("%2", held[photo.sha256]))
            else:
                held[photo.sha256] = photo.file_name
                self.photos[row].append(photo)
        self._say_problems(problems)
        if row == self._row:
            self._show_photos()
        if len(problems) < len(outcome):
            self.changed.emit()

    def _say_problems(self, problems: list[str]) -> None:
        """Each file of the last 添加照片 not added, one a line, under the photos."""
        if not problems:
            self.photo_problems.clear()
            self.photo_problems.hide()
            return
        head = self.tr("%n file(s) not added:", "", len(problems))
        self.photo_problems.setText("\n".join([head] + [f"• {p}" for p in problems]))
        self.photo_problems.show()

    def remove_photo(self) -> None:
        """A new photo goes at once; a saved one (after a question) when the visit is saved."""
        index = self.photo_list.currentRow()
        if not (0 <= self._row < len(self.photos) and 0 <= index < len(self.photos[self._row])):
            QMessageBox.information(self, self.tr("Remove photo"), self.tr("Select a photo first."))
            return
        photo = self.photos[self._row][index]
        if photo.id is not None:
            answer = QMessageBox.question(
                self, self.tr("Remove photo"),
                self.tr("Remove the saved photo “%1” from this finding? It is removed when the visit is "
                        "saved.").replace("%1", photo.file_name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.removed_photos.append(photo)
        self.photos[self._row].pop(index)
        self._show_photos()
        self.changed.emit()

    def collect_photos(self) -> dict[int, list[Photo]]:
        return {i: [copy.deepcopy(p) for p in group] for i, group in enumerate(self.photos) if group}

    def snapshot(self) -> object:
        return super().snapshot(), [[p.sha256 for p in group] for group in self.photos]


def _copying(done: int, total: int, name: str) -> str:
    """The progress line while photos are copied (made in the background thread too)."""
    text = QCoreApplication.translate("FindingsTab", "Copying photo %1 of %2 into the data folder…")
    text = text.replace("%1", str(done)).replace("%2", str(total))
    return f"{text}\n{name}" if name else text
