"""How long fine-tuning on 50 samples of one person's handwriting takes, and what it gains.

    python -m benchmarks.fine_tune [MNIST_DIR]

The person writes 4 with a closed top (a quirk MNIST models read as 9): 40 of those and 10
ordinary digits. A fifth is held out; MNIST is mixed in when MNIST_DIR (or $DIGITPAD_MNIST) is given.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from digitpad.preprocess import to_mnist
from tests.helpers import boxed_four, draw


def main() -> None:
    rng = np.random.default_rng(3)
    quirks = [to_mnist(boxed_four(rng)) for _ in range(40)]
    others = [to_mnist(draw(d, wobble=0.03, rng=rng)) for d in (0, 1, 2, 3, 5, 6, 7, 8, 9, 1)]
    images, labels = np.stack(quirks + others), np.array([4] * 40 + [0, 1, 2, 3, 5, 6, 7, 8, 9, 1])
    started = time.perf_counter()
    from digitpad import assets, training  # noqa: PLC0415 - TensorFlow's import is part of the wait
    from digitpad import model as models  # noqa: PLC0415
    from digitpad.data import load_mnist  # noqa: PLC0415

    imported = time.perf_counter() - started
    data = load_mnist(sys.argv[1]) if len(sys.argv) > 1 else None
    result = training.fine_tune(models.load(assets.BUNDLED_MODEL), images, labels, data)
    print(f"TensorFlow import: {imported:.1f} s (once per session)")
    print(f"fine-tune on 50 samples: {result.seconds:.1f} s")
    print(f"held-out samples ({result.held_out}): {result.user_before:.0%} -> {result.user_after:.0%}")
    print(f"MNIST test (2,000 images): {result.mnist_before:.2%} -> {result.mnist_after:.2%}")


if __name__ == "__main__":
    main()
