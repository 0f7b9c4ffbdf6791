"""Live recognition: the recogniser's thread, seen from the window.

While a stroke goes on, the drawing is read at most every LIVE_INTERVAL_MS, and never more than
one drawing at a time: when the reader is busy, only the newest drawing goes next. An answer for
a drawing that has changed since is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from digitpad.recognizer import Recognition
from digitpad.ui.threads import WorkerThread
from digitpad.ui.worker import RecognitionWorker

LIVE_INTERVAL_MS = 30  # at most ~33 predictions a second while a stroke goes on


class LiveRecognition(QObject):
    """Reads ``drawing()`` (gray pixels) when told it changed, with ``pen()`` (where a stroke
    is going on, or None), and photos when asked."""

    model_ready = Signal(str)  # the model's path, once it is ready to predict
    model_failed = Signal(str)  # why it could not be loaded
    read = Signal(object)  # list of Recognition: the newest drawing's digits ([] for none)
    image_opened = Signal(str, object, object)  # name, RGB pixels to show, list of Recognition
    image_failed = Signal(str)  # a message for the user
    _load = Signal(str)
    _recognize = Signal(int, object, object)
    _open = Signal(str, object)

    def __init__(self, drawing: Callable[[], np.ndarray], pen: Callable[[], tuple[float, float] | None],
                 parent: QObject):
        super().__init__(parent)
        self.drawing, self.pen = drawing, pen
        self.ready = False  # a model is loaded
        self._request = 0  # number of the newest drawing sent
        self._busy = False  # a drawing is with the worker
        self._dirty = False  # the drawing changed since it was last sent
        self._timer = QTimer(self, singleShot=True, interval=LIVE_INTERVAL_MS)
        self._timer.timeout.connect(self.submit)
        self.thread = WorkerThread(RecognitionWorker(), self)
        worker = self.thread.worker
        self._load.connect(worker.load_model)
        self._recognize.connect(worker.recognize)
        self._open.connect(worker.open_image)
        worker.model_ready.connect(self._on_ready)
        worker.model_failed.connect(self._on_failed)
        worker.recognized.connect(self._on_recognized)
        worker.image_opened.connect(self.image_opened)
        worker.image_failed.connect(self.image_failed)
        self.thread.start()

    def load_model(self, path: str) -> None:
        """Load the exported (.tflite) model at ``path`` (empty: the bundled one); predictions pause meanwhile."""
        self.ready = False
        self._load.emit(path)

    def changed(self, empty: bool) -> None:
        """The drawing changed: read it soon (at once, if nothing is drawn)."""
        if empty:
            self._request += 1  # anything still on its way is out of date
            self._dirty = False
            self.read.emit([])
            return
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self, empty: bool) -> None:
        """Read the drawing again now (after a new model, or back from a photo)."""
        self._dirty = not empty
        self.submit()

    @Slot()
    def submit(self) -> None:
        """Send the drawing, unless the worker is busy: then the newest drawing goes next."""
        if not self._dirty or self._busy or not self.ready:
            return
        self._dirty = False
        self._busy = True
        self._request += 1
        self._recognize.emit(self._request, self.drawing(), self.pen())

    def open_image(self, name: str, source: object) -> None:
        """Read a photo (a file's path, or gray pixels) and every digit in it."""
        self._open.emit(name, source)

    def stop(self) -> None:
        self.thread.stop()

    @Slot(str)
    def _on_ready(self, path: str) -> None:
        self.ready = True
        self.model_ready.emit(path)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.ready = False
        self.model_failed.emit(message)

    @Slot(int, object)
    def _on_recognized(self, request: int, results: list[Recognition]) -> None:
        self._busy = False
        if request == self._request:
            self.read.emit(results)
        if self._dirty and not self._timer.isActive():
            self._timer.start()  # the drawing changed meanwhile: the next one after the interval
