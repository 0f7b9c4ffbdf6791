"""Digits a second: ``recognize()`` one image at a time against ``recognize_many()`` (batched),
on the MNIST test set, in alternating rounds.

    python -m benchmarks.throughput ../shared/mnist     # or no folder: the committed slice
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

import digitpad
from digitpad.data import load_mnist

SLICE = Path(__file__).resolve().parent.parent / "tests" / "data" / "mnist-slice"
ROUNDS = 3


def main() -> None:
    data = load_mnist(sys.argv[1] if len(sys.argv) > 1 else SLICE)
    images, labels = list(data.x_test), data.y_test
    digitpad.recognize(images[0])  # the model loaded: not what is timed
    rates: dict[str, list[float]] = {"recognize() each": [], "recognize_many()": []}
    for _ in range(ROUNDS):
        start = time.perf_counter()
        each = [digitpad.recognize(image) for image in images]
        rates["recognize() each"].append(len(images) / (time.perf_counter() - start))
        start = time.perf_counter()
        many = digitpad.recognize_many(images)
        rates["recognize_many()"].append(len(images) / (time.perf_counter() - start))
    for name, found in (("recognize() each", each), ("recognize_many()", many)):
        accuracy = np.mean([result.digit == label for result, label in zip(found, labels, strict=True)])
        figures = ", ".join(f"{rate:,.0f}" for rate in rates[name])
        print(f"{name:<18} {figures} digits/s over {ROUNDS} rounds ({len(images):,} images, {accuracy:.2%} right)")


if __name__ == "__main__":
    main()
