"""Review the samples of the user's handwriting, and delete the ones that are wrong."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from digitpad.samples import SampleStore
from digitpad.ui.qimage import gray_to_qimage


class SamplesDialog(QDialog):
    def __init__(self, parent, store: SampleStore):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("My samples"))
        self.count = QLabel()
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(56, 56))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.clicked.connect(self.delete_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.resize(560, 420)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        samples = self.store.samples()
        for sample in samples:
            image = gray_to_qimage((sample.image * 255).astype(np.uint8))
            item = QListWidgetItem(QIcon(QPixmap.fromImage(image)), str(sample.label))
            item.setData(Qt.ItemDataRole.UserRole, sample)
            self.list.addItem(item)
        self.count.setText(self.tr("%1 samples").replace("%1", str(len(samples))))

    def delete_selected(self) -> None:
        for item in self.list.selectedItems():
            self.store.remove(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()
