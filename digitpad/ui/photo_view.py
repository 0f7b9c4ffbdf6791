"""An opened photo, scaled to fit, with a box around each digit found; click a box to pick it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.segment import Box
from digitpad.ui.chart import ACCENT


class PhotoView(QWidget):
    """Shows an image as large as fits, keeping its aspect ratio, with digit boxes on top."""

    box_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image = QImage()
        self._boxes: list[Box] = []
        self._selected = -1

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def image(self) -> QImage:
        return self._image

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._boxes, self._selected = [], -1
        self.update()

    def boxes(self) -> list[Box]:
        """The digits' boxes, in image pixels."""
        return list(self._boxes)

    def set_boxes(self, boxes: list[Box], selected: int) -> None:
        self._boxes, self._selected = list(boxes), selected
        self.update()

    def image_rect(self) -> QRectF:
        """Where the image is drawn inside the widget."""
        if self._image.isNull():
            return QRectF()
        size = QSize(self._image.size()).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left, top = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
        return QRectF(left, top, size.width(), size.height())

    def box_rect(self, box: Box) -> QRectF:
        """A box in image pixels, in widget coordinates."""
        shown = self.image_rect()
        scale = shown.width() / max(1, self._image.width())
        left, top, right, bottom = box
        return QRectF(shown.left() + left * scale, shown.top() + top * scale,
                      (right - left) * scale, (bottom - top) * scale)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for index, box in enumerate(self._boxes):
            if self.box_rect(box).adjusted(-4, -4, 4, 4).contains(event.position()):
                self.box_clicked.emit(index)
                return

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(60, 60, 60))
        if self._image.isNull():
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.image_rect(), self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, box in enumerate(self._boxes):
            chosen = index == self._selected
            painter.setPen(QPen(ACCENT if chosen else QColor(230, 140, 40), 3 if chosen else 2))
            painter.drawRect(self.box_rect(box).adjusted(-3, -3, 3, 3))
