"""Help > How it works: each step from the drawing to what the model sees, for the digit shown."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QLayout, QVBoxLayout, QWidget

from digitpad.preprocess import steps
from digitpad.ui.qimage import gray_to_qimage

SHOWN = 132  # px: each step enlarged to this, without smoothing, so the pixels can be counted


def _captions() -> dict[str, str]:
    return {
        "ink": QCoreApplication.translate(
            "Steps", "1. The ink, white on black, whatever colour the paper was"),
        "cropped": QCoreApplication.translate(
            "Steps", "2. Cut to the ink, longest side 40 px: strokes %1 px wide"),
        "stroke": QCoreApplication.translate(
            "Steps", "3. Strokes brought to MNIST's width: %1 px"),
        "box": QCoreApplication.translate(
            "Steps", "4. Shrunk to fit 20 x 20 px"),
        "centred": QCoreApplication.translate(
            "Steps", "5. Placed in 28 x 28 by its centre of mass: what the model sees"),
    }


def show_steps(parent: QWidget, pixels: np.ndarray) -> QDialog:
    """A dialog with the preprocessing steps of the digit in ``pixels`` (gray, either polarity)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Steps", "How it works"))
    grid = QGridLayout()
    captions = _captions()
    found = steps(pixels)
    for column, (step, image, figure) in enumerate(found):
        picture = QLabel()
        scaled = QPixmap.fromImage(gray_to_qimage((np.clip(image, 0, 1) * 255).round()))
        picture.setPixmap(scaled.scaled(SHOWN, SHOWN, Qt.AspectRatioMode.KeepAspectRatio))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setFixedSize(SHOWN + 8, SHOWN + 8)
        caption = QLabel(captions[step].replace("%1", f"{figure:.1f}"))
        caption.setWordWrap(True)
        caption.setFixedWidth(SHOWN + 8)
        caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(picture, 0, column)
        grid.addWidget(caption, 1, column)
    if not found:
        empty = QCoreApplication.translate("Steps", "Draw a digit first: there is no ink.")
        grid.addWidget(QLabel(empty), 0, 0)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # room for every caption
    layout.addLayout(grid)
    layout.addWidget(close)
    dialog.show()
    return dialog
