"""The findings tab of the visit editor: category, description, severity, basis and photo thumbnails.

Photos are copied into the data folder when added (named by their SHA-256) and recorded with the
visit when it is saved; a saved photo taken off is soft-deleted with that save (kept for merging
and audit), and a visit that went out in a package cannot lose any.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QImageReader, QPixmap
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

from qcdesk.models.inspections import PhotoFileError, import_photo_file, photo_path
from qcdesk.models.os_errors import os_error_reason
from qcdesk.models.photo_files import photo_fault
from qcdesk.models.records import Finding, Photo, Record
from qcdesk.ui import colours
from qcdesk.ui.file_dialogs import open_files
from qcdesk.ui.visit_tabs import RecordListTab

FINDING_CATEGORIES = ("质量管理制度", "原材料进货查验", "生产过程控制", "出厂检验", "标签标识",
                      "计量器具", "生产许可条件", "其他")
THUMB = QSize(96, 96)


def thumbnail(path: Path) -> QIcon:
    """A small icon decoded at thumbnail size (phone photos are large) and turned upright (EXIF)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon()


class FindingsTab(RecordListTab):
    """Findings with category, description, severity, legal basis and photos (thumbnails)."""

    def __init__(self, lang: str, photos_dir: Path, parent: QWidget | None = None):
        super().__init__(lang, parent)
        self.photos_dir = photos_dir
        self.photos: list[list[Photo]] = []
        self.removed_photos: list[Photo] = []  # saved photos taken off; removed when the visit is saved
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
        self._show_photos()

    def _clear_form(self) -> None:
        super()._clear_form()
        self.photo_list.clear()

    def _show_photos(self) -> None:
        self.photo_list.clear()
        if not 0 <= self._row < len(self.photos):
            return
        for photo in self.photos[self._row]:
            path = photo_path(self.photos_dir, photo)
            item = QListWidgetItem(thumbnail(path), photo.file_name)
            item.setToolTip(str(path))
            self._mark_unusable(item, path, photo)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.photo_list.addItem(item)

    def _mark_unusable(self, item: QListWidgetItem, path: Path, photo: Photo) -> None:
        """A photo whose file is missing or damaged (an import killed while copying it) says
        so and what to do, instead of a bare name or a half-grey thumbnail."""
        fault = photo_fault(path, photo.sha256) if photo.sha256 else None  # as `audit verify`
        if fault is None:
            return
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
        if not 0 <= self._row < len(self.items):
            return
        files = [str(f) for f in open_files(self, "photos", self.tr("Add photos"),
                                            self.tr("Images (*.jpg *.jpeg *.png)"))]
        for name in files:
            try:
                self.photos[self._row].append(import_photo_file(self.photos_dir, Path(name)))
            except PhotoFileError as exc:  # unreadable, no picture, or a full disk: said in words
                self.errors.set("description", exc.text(self.lang))
            except OSError as exc:
                self.errors.set("description", self.tr("Cannot read %1: %2")
                                .replace("%1", name).replace("%2", os_error_reason(exc, self.lang)))
        self._show_photos()
        if files:
            self.changed.emit()

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
