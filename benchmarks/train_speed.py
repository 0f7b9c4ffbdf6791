"""How fast ``training.train`` runs an epoch, against a plain Keras ``fit`` of the same model on
the same augmented images, side by side.

    python -m benchmarks.train_speed ../shared/mnist [IMAGES] [ROUNDS]

Each round trains a fresh network of the default architecture (``TrainConfig().architecture``,
what the app trains) for three epochs each way on the first IMAGES training images
(default 12,000; a tenth held out for validation), the two ways taking turns; the faster of the
second and third epochs counts (the first includes building the graph, and a slow spell of this
shared machine can fall on any epoch). ``train()`` also reports progress (as the window
asks for it) and validates after each epoch, which the plain fit does not. Neither adds
real-world variants or pairs: both fit the same images, with the same loss on the same targets.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from digitpad import model as models  # noqa: E402
from digitpad import training  # noqa: E402
from digitpad.data import load_mnist  # noqa: E402
from digitpad.train_config import Hooks, TrainConfig  # noqa: E402

EPOCHS = 3


class EpochTimes(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.seconds: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self.started)


def plain_fit(images: np.ndarray, labels: np.ndarray, held: int) -> float:
    keras.utils.set_random_seed(0)
    model = models.build(TrainConfig().architecture)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    timer = EpochTimes()
    targets = training._one_hot(labels[held:])
    model.fit(training._dataset(images[held:], targets, TrainConfig()), epochs=EPOCHS, verbose=0,
              callbacks=[timer])
    return min(timer.seconds[1:])


def with_train(data, count: int, held: int) -> float:
    ends = []
    hooks = Hooks(on_batch=lambda progress: None, on_epoch=lambda progress: ends.append(time.perf_counter()))
    training.train(data, TrainConfig(epochs=EPOCHS, limit=count, validation_size=held, real_world=0.0,
                                            pairs=0.0), hooks)
    return min(np.diff(ends))


def main() -> None:
    data = load_mnist(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 12_000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    held = count // 10
    images = training.to_model_input(data.x_train[:count])
    labels = data.y_train[:count].astype(np.int32)
    for round_ in range(1, rounds + 1):
        plain = plain_fit(images, labels, held)
        ours = with_train(data, count, held)
        fitted = count - held
        print(f"round {round_}: plain fit {plain:.2f} s an epoch ({fitted / plain:,.0f} images/s), "
              f"train() {ours:.2f} s ({fitted / ours:,.0f} images/s, validation included): {ours / plain:.2f}x")


if __name__ == "__main__":
    main()
