"""Images in, digits out: preprocessing plus the ONNX model, loaded once and reused."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from digitpad import assets
from digitpad.imaging import ImageSource, load_gray
from digitpad.preprocess import to_mnist
from digitpad.runtime import Predictor

SURE = 0.80  # below this confidence the app says it is not sure


@dataclass(frozen=True)
class Recognition:
    """What the model made of one digit.

    ``digit`` is None when there was nothing to recognise; ``probabilities`` then is uniform.
    ``image`` is the 28x28 float32 picture the model saw (None with no ink).
    """

    digit: int | None
    probabilities: np.ndarray
    image: np.ndarray | None = field(default=None, repr=False)

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.digit]) if self.digit is not None else 0.0

    @property
    def is_sure(self) -> bool:
        return self.confidence >= SURE

    @property
    def candidates(self) -> list[int]:
        """The digit, then the runner-up: what a 'not sure: 4 or 9?' message names."""
        return [int(i) for i in np.argsort(self.probabilities)[::-1][:2]] if self.digit is not None else []


NOTHING = Recognition(None, np.full(10, 0.1, np.float32))


class Recognizer:
    """A loaded model and the one path from any image to a ``Recognition``."""

    def __init__(self, model_path: str | os.PathLike | None = None):
        self.predictor = Predictor(model_path or assets.BUNDLED_ONNX)

    @property
    def model_path(self) -> Path:
        return self.predictor.path

    def recognize(self, image: ImageSource) -> Recognition:
        """The one digit in ``image`` (a path, a PIL image or a numpy array)."""
        return self.recognize_mnist(to_mnist(load_gray(image)))

    def recognize_mnist(self, digit: np.ndarray | None) -> Recognition:
        """Classify an image already in MNIST format (None: nothing to recognise)."""
        if digit is None:
            return NOTHING
        probabilities = self.predictor.predict(digit[None])[0]
        return Recognition(int(probabilities.argmax()), probabilities, digit)


_default: Recognizer | None = None
_lock = threading.Lock()


def default_recognizer() -> Recognizer:
    """The bundled model, loaded on first use and shared afterwards."""
    global _default
    with _lock:
        if _default is None:
            _default = Recognizer()
        return _default


def recognize(image: ImageSource) -> Recognition:
    """Recognise the one digit in ``image`` with the bundled model."""
    return default_recognizer().recognize(image)
