"""The actions' icons: line drawings on a 24x24 grid, painted in the palette's button-text colour
(and its disabled one), so that they follow the system's light or dark look.

A drawing is a string of commands, each a letter and its numbers: M x y (move), L x y (line),
Z (close), R x y w h (rectangle), E x y w h (ellipse), N x y w h angle (move onto an arc of the
ellipse in that box), A x y w h start sweep (arc; angles in degrees, anticlockwise).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

GRID = 24  # the drawings' coordinates run over 0-24
SIZES = (16, 24, 32, 48)  # pixmaps made for each icon: menus, tool buttons, high-DPI screens
STROKE = 1.8  # pen width on the grid

DRAWINGS = {
    "open": "M3 19 L3 5 L9 5 L11 7 L21 7 L21 19 Z M3 10 L21 10",  # a folder
    "save": "M4 15 L4 20 L20 20 L20 15 M12 3 L12 15 M8 11 L12 15 L16 11",  # down into a tray
    "load_model": "M4 15 L4 20 L20 20 L20 15 M12 15 L12 3 M8 7 L12 3 L16 7",  # up out of it
    "save_results": "R5 3 14 18 M8 8 L16 8 M8 12 L16 12 M8 16 L13 16",  # a page of figures
    "undo": "M19 19 L19 13 A7 7 12 12 0 90 L5 7 M9 3 L5 7 L9 11",  # a hooked arrow back
    "redo": "M5 19 L5 13 A5 7 12 12 180 -90 L19 7 M15 3 L19 7 L15 11",
    "clear": "M6 6 L18 18 M18 6 L6 18",
    "copy": "R8 8 12 13 M5 16 L4 16 L4 3 L16 3 L16 5",  # two sheets
    "paste": "R5 5 14 16 R9 3 6 4",  # a clipboard
    "retrain": "N4 4 16 16 40 A4 4 16 16 40 290 M14 16.5 L18.5 16.5 L18.5 12",  # around again
    "fine_tune": "M4 20 L5 15 L16 4 L20 8 L9 19 Z M13 7 L17 11",  # a pencil: my handwriting
    "samples": "R4 4 7 7 R13 4 7 7 R4 13 7 7 R13 13 7 7",  # a grid of pictures
    "steps": "R3 9 4 6 R10 9 4 6 R17 9 4 6 M7 12 L10 12 M14 12 L17 12",  # step after step
    "shortcuts": "R2 6 20 12 M6 10 L6.5 10 M10 10 L10.5 10 M14 10 L14.5 10 M18 10 L18.5 10 M7 14 L17 14",
    "about": "E3 3 18 18 M12 10.5 L12 17 M12 7 L12 7.5",  # an i in a circle
}
_METHODS = {"M": "moveTo", "L": "lineTo", "Z": "closeSubpath", "R": "addRect", "E": "addEllipse",
            "N": "arcMoveTo", "A": "arcTo"}


def path(drawing: str) -> QPainterPath:
    """The QPainterPath a drawing's commands describe."""
    made = QPainterPath()
    for letter, numbers in re.findall(r"([A-Z])([^A-Z]*)", drawing):
        values = [float(v) for v in numbers.split()]
        arguments = [QRectF(*values[:4]), *values[4:]] if letter in "RENA" else values
        getattr(made, _METHODS[letter])(*arguments)
    return made


def _pixmap(outline: QPainterPath, size: int, colour: QColor) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / GRID, size / GRID)
    painter.setPen(QPen(colour, STROKE, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPath(outline)
    painter.end()
    return pixmap


def icon(name: str, palette: QPalette) -> QIcon:
    """The icon of action ``name`` (a key of DRAWINGS) in ``palette``'s colours."""
    outline = path(DRAWINGS[name])
    made = QIcon()
    for mode, group in ((QIcon.Mode.Normal, QPalette.ColorGroup.Active),
                        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled)):
        colour = palette.color(group, QPalette.ColorRole.ButtonText)
        for size in SIZES:
            made.addPixmap(_pixmap(outline, size, colour), mode)
    return made
