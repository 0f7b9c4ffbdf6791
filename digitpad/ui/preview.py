"""What the model sees: the 28x28 input, enlarged without smoothing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.ui.qimage import gray_to_qimage


class ModelView(QWidget):
    """A square showing the last image the model received (an empty frame when there is none)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(QSize(112, 112))
        self._image = None

    def set_image(self, digit: np.ndarray | None) -> None:
        self._image = None if digit is None else gray_to_qimage((np.asarray(digit) * 255).round())
        self.update()

    def has_image(self) -> bool:
        return self._image is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        target = QRect(0, 0, self.width(), self.height())
        if self._image is not None:
            painter.fillRect(target, QColor(Qt.GlobalColor.black))
            painter.drawImage(target, self._image)  # no smoothing: the pixels stay visible
        else:
            painter.fillRect(target, self.palette().color(QPalette.ColorRole.Base))
        painter.setPen(QColor(128, 128, 128))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
