"""Files in and out of the window: photos opened, pasted or dropped; the drawing and the reading
saved; the number copied. Every failure is a message; nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from digitpad import report
from digitpad.recognizer import Recognition
from digitpad.ui.canvas import Canvas
from digitpad.ui.live import LiveRecognition
from digitpad.ui.qimage import qimage_to_gray

MESSAGE_MS = 15000  # an error stays this long in the status bar (its dialog says it too)
NOTE_MS = 5000  # a note that something was done, or could not be


class FileActions(QObject):
    """Opens photos through ``live``; saves the ``canvas`` and the digits ``results()`` returns."""

    def __init__(self, window: QMainWindow, settings: QSettings, live: LiveRecognition, canvas: Canvas,
                 results: Callable[[], list[Recognition]]):
        super().__init__(window)
        self.window, self.settings, self.live, self.canvas, self.results = window, settings, live, canvas, results

    def open_image_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open image"), self._folder(),
            self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff)"))
        if path:
            self.open_image(path)

    def open_image(self, path: str) -> None:
        """Read an image file and every digit in it, in the background."""
        self.settings.setValue("last_folder", str(Path(path).parent))
        self._note(self.tr("Opening %1...").replace("%1", Path(path).name), 0)
        self.live.open_image(Path(path).name, path)

    def paste(self) -> None:
        """Read the image (or image file) on the clipboard."""
        if not self.open_mime(QGuiApplication.clipboard().mimeData(), self.tr("pasted image")):
            self._note(self.tr("The clipboard holds no image."), NOTE_MS)

    def open_mime(self, data: QMimeData | None, name: str) -> bool:
        """Open the first local image file, or the image itself, that ``data`` carries."""
        if data is None:
            return False
        files = [url.toLocalFile() for url in data.urls() if url.isLocalFile()] if data.hasUrls() else []
        if files:
            self.open_image(files[0])
            return True
        if data.hasImage():
            image = data.imageData()
            if image is not None and not image.isNull():
                self.live.open_image(name, qimage_to_gray(image))
                return True
        return False

    def save_drawing_dialog(self) -> None:
        if self.canvas.is_empty():
            self._note(self.tr("Nothing to save: the canvas is empty."), NOTE_MS)
            return
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save drawing"),
                                              str(Path(self._folder()) / "digit.png"), self.tr("PNG image (*.png)"))
        if path:
            self.save_drawing(path)

    def save_drawing(self, path: str) -> bool:
        if not path.lower().endswith(".png"):
            path += ".png"
        if self.canvas.save(path):
            self.settings.setValue("last_folder", str(Path(path).parent))
            self._note(self.tr("Saved %1").replace("%1", path), NOTE_MS)
            return True
        self._fail(self.tr("Save drawing"),
                   self.tr("Could not save %1: check the folder exists and is writable.").replace("%1", path))
        return False

    def copy_number(self) -> None:
        """The number read (or the one digit) onto the clipboard."""
        if not self.results():
            self._note(self.tr("Nothing to copy: no digit read yet."), NOTE_MS)
            return
        text = report.number(self.results())
        QGuiApplication.clipboard().setText(text)
        self._note(self.tr("Copied %1").replace("%1", text), NOTE_MS)

    def save_results_dialog(self) -> None:
        if not self.results():
            self._note(self.tr("Nothing to save: no digit read yet."), NOTE_MS)
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the reading"), str(Path(self._folder()) / "reading.json"),
            self.tr("JSON (*.json);;CSV, a row per digit (*.csv)"))
        if path:
            self.save_results(path)

    def save_results(self, path: str) -> bool:
        """The digits read and their probabilities, as JSON or CSV (by the name's ending)."""
        try:
            report.save(self.results(), path)
        except OSError as error:
            reason = error.strerror or str(error)
            self._fail(self.tr("Save the reading"),
                       self.tr("Could not save %1: %2").replace("%1", path).replace("%2", reason))
            return False
        self._note(self.tr("Saved %1").replace("%1", path), NOTE_MS)
        return True

    def _folder(self) -> str:
        return str(self.settings.value("last_folder", str(Path.home())))

    def _note(self, message: str, milliseconds: int) -> None:
        self.window.statusBar().showMessage(message, milliseconds)

    def _fail(self, title: str, message: str) -> None:
        self._note(message, MESSAGE_MS)
        QMessageBox.warning(self.window, title, message)
