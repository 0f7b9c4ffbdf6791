"""Accuracy of recognize() on the full MNIST test set and on digits drawn here.

    python -m benchmarks.accuracy [MNIST_DIR]

Also scores the tutorials' pipeline (whole image resized to 28x28, fixed threshold) with the
same model on the same drawings, to show what the preprocessing is worth.
"""

from __future__ import annotations

import sys

import numpy as np
from PIL import Image

from digitpad.data import load_mnist
from digitpad.recognizer import default_recognizer
from tests.helpers import drawn_set


def naive_mnist(drawing: np.ndarray) -> np.ndarray:
    """What MNIST tutorials do: resize the whole canvas to 28x28, invert, threshold at 50%."""
    small = np.asarray(Image.fromarray(drawing).resize((28, 28)), np.float32) / 255
    return ((1 - small) > 0.5).astype(np.float32)


def main() -> None:
    recognizer = default_recognizer()
    data = load_mnist(sys.argv[1] if len(sys.argv) > 1 else None)
    right = sum(recognizer.recognize(x).digit == y for x, y in zip(data.x_test, data.y_test, strict=True))
    print(f"MNIST test set ({len(data.y_test)} images) through recognize(): {right / len(data.y_test):.2%}")
    images, labels = drawn_set(100, seed=2024)
    ours = np.mean([recognizer.recognize(x).digit == y for x, y in zip(images, labels, strict=True)])
    naive = recognizer.predictor.predict(np.stack([naive_mnist(x) for x in images])).argmax(1)
    print(f"Drawn digits ({len(labels)}: varied size, place, pen, slant): "
          f"recognize() {ours:.2%}, tutorials' pipeline {np.mean(naive == labels):.2%}")


if __name__ == "__main__":
    main()
