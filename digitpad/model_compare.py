"""Two models side by side, from their confusion matrices on the MNIST test set (Qt-free).

The matrices may count different numbers of test images (the full set for the bundled model, a
slice for a quick retrain), so everything is compared as shares of each true digit.
"""

from __future__ import annotations

import numpy as np


def shares(confusion) -> np.ndarray:
    """Each row of a 10x10 confusion matrix as shares of that true digit's images."""
    counts = np.asarray(confusion, np.float64)
    return counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)


def per_digit(confusion) -> np.ndarray:
    """The share of each digit's test images read right."""
    return np.diag(shares(confusion))


def worse_mistakes(current, new, count: int = 3) -> list[tuple[int, int, float]]:
    """The ``count`` mistakes (true digit, read as, growth in share) that grew most from the
    ``current`` model's matrix to the ``new`` one's; only those that grew."""
    growth = shares(new) - shares(current)
    np.fill_diagonal(growth, 0)
    order = np.argsort(growth, axis=None)[::-1][:count]
    return [(int(i // 10), int(i % 10), float(growth.flat[i])) for i in order if growth.flat[i] > 0]
