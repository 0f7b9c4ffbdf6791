"""Review the samples of the user's handwriting: relabel the ones given the wrong digit, delete others."""

from __future__ import annotations

from collections import Counter

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from digitpad.samples import SampleStore
from digitpad.ui.qimage import gray_to_qimage

THUMBNAIL = 84  # px: three times the 28x28 sample, so a stroke can be judged


class SamplesDialog(QDialog):
    def __init__(self, parent, store: SampleStore):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("My samples"))
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.label_choice = QComboBox()
        self.label_choice.addItems([str(digit) for digit in range(10)])
        self.relabel_button = QPushButton(self.tr("Relabel as"))
        self.relabel_button.setAutoDefault(False)
        self.relabel_button.clicked.connect(lambda: self.relabel_selected(self.label_choice.currentIndex()))
        self.delete_button = QPushButton(self.tr("Delete selected..."))
        self.delete_button.setAutoDefault(False)  # Enter closes the dialog; it never deletes
        self.delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.delete_selected)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.relabel_button)
        buttons.addWidget(self.label_choice)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(640, 480)
        self.refresh()

    def refresh(self) -> None:
        """The samples grouped by digit, oldest first within each, and how many of each."""
        self.list.clear()
        samples = sorted(self.store.samples(), key=lambda sample: sample.label)  # (a stable sort)
        for sample in samples:
            image = gray_to_qimage((sample.image * 255).astype(np.uint8))
            large = QPixmap.fromImage(image).scaled(THUMBNAIL, THUMBNAIL)  # (Qt never enlarges icons itself)
            item = QListWidgetItem(QIcon(large), str(sample.label))
            item.setData(Qt.ItemDataRole.UserRole, sample)
            self.list.addItem(item)
        counts = Counter(sample.label for sample in samples)
        each = "   ".join(f"{digit}: {counts[digit]}" for digit in range(10))
        total = self.tr("%1 samples").replace("%1", str(len(samples)))
        self.count.setText(f"{total}   ({each})" if samples else total)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = bool(self.list.selectedItems())
        self.relabel_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def relabel_selected(self, label: int) -> None:
        """Give the selected samples the digit ``label``."""
        try:
            for item in self.list.selectedItems():
                self.store.relabel(item.data(Qt.ItemDataRole.UserRole), label)
        except OSError as error:  # gone meanwhile, or a read-only folder
            QMessageBox.warning(self, self.tr("My samples"), str(error))
        self.refresh()

    def delete_selected(self) -> None:
        """Delete the selected samples, once the user has said yes."""
        chosen = self.list.selectedItems()
        if not chosen:
            return
        question = self.tr("Delete %1 selected samples?").replace("%1", str(len(chosen)))
        answer = QMessageBox.question(self, self.tr("Delete samples"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        for item in chosen:
            self.store.remove(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()
