"""The recogniser on a background thread: loading the model and predicting never block the UI."""

from __future__ import annotations

import traceback

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from digitpad.imaging import ImageError, load_gray_and_colour
from digitpad.recognizer import Recognizer
from digitpad.runtime import ModelError


class RecognitionWorker(QObject):
    """Lives on a QThread; speaks only through signals. Results are lists of Recognition,
    one per digit found, in reading order."""

    model_ready = Signal(str)  # the model file's path
    model_failed = Signal(str)  # why it could not be loaded
    recognized = Signal(int, object)  # request number, list of Recognition
    image_opened = Signal(str, object, object)  # name, RGB pixels to show, list of Recognition
    image_failed = Signal(str)  # a message for the user

    def __init__(self, recognizer: Recognizer | None = None):
        """``recognizer`` reads until ``load_model`` loads another (none: no readings)."""
        super().__init__()
        self._recognizer = recognizer

    @Slot(str)
    def load_model(self, path: str) -> None:
        """Load the exported (.tflite) model at ``path`` (empty: the bundled one)."""
        try:
            self._recognizer = Recognizer(path or None)
        except ModelError as error:
            self._recognizer = None
            self.model_failed.emit(str(error))
            return
        except Exception:  # a broken install must not kill the thread silently
            self._recognizer = None
            self.model_failed.emit(traceback.format_exc(limit=1).strip().splitlines()[-1])
            return
        self.model_ready.emit(str(self._recognizer.model_path))

    @Slot(int, object, object)
    def recognize(self, request: int, pixels: np.ndarray, pen: tuple[float, float] | None = None) -> None:
        """Every digit in the canvas pixels (``pen``: where a stroke is going on, if one is).
        Always answers: the window waits for each answer before it sends the next drawing."""
        results = []
        if self._recognizer is not None:
            try:
                results = self._recognizer.read_digits(pixels, pen)
            except Exception:  # no bars this time; the next stroke tries again
                traceback.print_exc()
        self.recognized.emit(request, results)

    @Slot(str, object)
    def open_image(self, name: str, source: object) -> None:
        """Read an image (a file's path, or gray pixels) and every digit in it.

        Failures come back as a message, never as a crash.
        """
        try:
            pixels, shown = load_gray_and_colour(source)  # decoded once; the boxes fit both
            results = self._recognizer.read_digits(pixels) if self._recognizer else []
        except ImageError as error:
            self.image_failed.emit(str(error))
            return
        except Exception as error:  # a decoder bug must not take the app down
            self.image_failed.emit(f"{name}: {error}")
            return
        self.image_opened.emit(name, shown, results)
