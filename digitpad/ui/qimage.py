"""The one conversion between Qt images and numpy arrays."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def qimage_to_gray(image: QImage) -> np.ndarray:
    """An H x W uint8 copy of ``image`` in gray, whatever its format and row padding."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    height, width, stride = gray.height(), gray.width(), gray.bytesPerLine()
    if width == 0 or height == 0:
        return np.zeros((height, width), np.uint8)
    rows = np.frombuffer(gray.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    return rows[:, :width].copy()  # rows are padded to 32-bit boundaries: drop the padding


def gray_to_qimage(pixels: np.ndarray) -> QImage:
    """A Grayscale8 QImage owning a copy of the 2-D uint8 array ``pixels``."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape
    return QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def rgb_to_qimage(pixels: np.ndarray) -> QImage:
    """An RGB888 QImage owning a copy of the H x W x 3 uint8 array ``pixels``."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width, _ = pixels.shape
    return QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
