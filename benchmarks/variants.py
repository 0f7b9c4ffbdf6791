"""Accuracy on MNIST test digits turned into each kind of real-world variant (``augment.py``):
what the real-world training bought, kind by kind, when run for two models.

    python -m benchmarks.variants ../shared/mnist [MODEL.tflite ...]

Each test digit gets one variant of each kind (seeded), goes through ``to_mnist`` as a user's
image would, and is read by each model (default: the bundled one).
"""

from __future__ import annotations

import sys

import numpy as np

from digitpad import assets, augment
from digitpad.data import load_mnist
from digitpad.preprocess import to_mnist
from digitpad.runtime import Predictor

COUNT = 2000  # test digits per kind


def variant_sets(data, count: int = COUNT) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    images, labels = data.x_test[:count], data.y_test[:count]
    sets = {}
    for kind, make in augment.VARIANTS.items():
        rng = np.random.default_rng(7)
        digits = [to_mnist(make(image, rng)) for image in images]
        blank = np.zeros((28, 28), np.float32)  # a variant with no ink left counts as wrong
        sets[kind] = (np.stack([blank if d is None else d for d in digits]), labels)
    for label in augment.STYLED:
        rng = np.random.default_rng(7)
        chosen = images[labels == label]
        styled = np.stack([to_mnist(augment.styled(image, label, rng)) for image in chosen])
        sets[f"styled {label}s"] = (styled, np.full(len(chosen), label))
    sets["plain"] = (np.stack([to_mnist(image) for image in images]), labels)
    return sets


def main() -> None:
    data = load_mnist(sys.argv[1] if len(sys.argv) > 1 else None)
    models = sys.argv[2:] or [str(assets.BUNDLED_TFLITE)]
    predictors = [Predictor(path) for path in models]
    print(f"{'kind':16s}" + "".join(f"{path[-28:]:>30s}" for path in models))
    for kind, (digits, labels) in variant_sets(data).items():
        scores = [(p.predict(digits).argmax(1) == labels).mean() for p in predictors]
        print(f"{kind:16s}" + "".join(f"{score:30.2%}" for score in scores))


if __name__ == "__main__":
    main()
