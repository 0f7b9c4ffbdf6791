"""What to train and how, and how training reports back. The configs here are the only source
of training defaults: ``train_model.py``, the jobs and the retrain dialog all read them. Imports
neither Qt nor TensorFlow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

ARCHITECTURES = ("allconv", "cnn", "small_cnn", "mlp")  # the networks ``model.build`` makes, the default first


@dataclass
class TrainConfig:
    """What to train and how (the defaults: the bundled model's recipe); saved in the model card."""

    architecture: str = ARCHITECTURES[0]
    epochs: int = 40
    batch_size: int = 128
    learning_rate: float = 2e-3
    lr_decay: float = 0.89  # learning rate multiplier per epoch
    validation_size: int = 5000
    augment: bool = True
    augment_scale: float = 0.75  # 0.5: half the rotation, zoom, shift and thickness change
    real_world: float = 0.25  # add a real-world variant (augment.py) of this share of the training images
    pairs: float = 0.1  # and this share of pairs of digits side by side, taught as no one digit
    pieces: float = 0.0  # and this share of pieces cut from digits written in one go (augment.cut_pieces)
    initial: str | None = None  # continue from this saved model instead of a fresh one
    seed: int = 4
    limit: int | None = None  # use only the first N training images (quick runs, tests)


@dataclass(frozen=True)
class Measured:
    """What a preset took and reached on the 2-core machine it was made on, from the menu
    (``benchmarks.presets``: TensorFlow's import, training, the test and the export counted):
    the slowest of ``runs`` runs and the lowest MNIST test accuracy through the app's runtime."""

    minutes: float
    accuracy: float
    runs: int


# The retrain dialog's recipes and train_model.py's --preset. "quick": the quick-to-run network,
# few epochs at a high rate that halves each epoch, half the augmentation, pairs taught as no
# digit (the cuts of touching digits rely on it). "full": the bundled model's recipe.
PRESETS = {
    "quick": TrainConfig(architecture="allconv", epochs=5, lr_decay=0.5, augment_scale=0.5, real_world=0.0,
                         pairs=0.1, seed=0),
    "full": TrainConfig(),
}
MEASURED: dict[str, Measured] = {  # per preset, once measured
    # the bundled model itself: train_model.py --preset full, 2026-12-02 (37.1 min of training)
    "full": Measured(minutes=38.0, accuracy=0.9950, runs=1),
    # benchmarks.presets --runs 3, 2026-12-02: 276 s / 99.47% (seed 0), 209 s / 99.43% (seed 1),
    # 208 s / 99.49% (seed 2). With cnn and no pairs before: 299 s / 99.47%, 316 s / 99.42%.
    "quick": Measured(minutes=276 / 60, accuracy=0.9943, runs=3),
}
RETRAIN = PRESETS["quick"]  # what the retrain dialog offers first


@dataclass
class FineTuneConfig:
    """How the head of the model is adapted to the user's own samples in seconds."""

    epochs: int = 3
    batch_size: int = 64
    learning_rate: float = 5e-4  # half the training rate: the head is nudged, not relearnt
    user_images: int = 600  # the user's samples are repeated to about this many images
    mnist_images: int = 1500  # MNIST training images mixed in, so that other writers are not forgotten
    test_images: int = 2000  # MNIST test images that measure the forgetting (the first ones)
    held_out: float = 0.2  # this share of the samples is held back to measure the gain
    seed: int = 0


@dataclass
class Progress:
    """One training step or epoch, as the callbacks see it."""

    epoch: int  # 0-based
    epochs: int
    batch: int  # batches done in this epoch
    batches: int
    logs: dict[str, float] = field(default_factory=dict)


@dataclass
class Hooks:
    """Plain callbacks: the CLI prints them, the jobs send them to the window."""

    on_batch: Callable[[Progress], None] | None = None
    on_epoch: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] = lambda: False
    # ``on_batch`` is called at most this often (and at each epoch's last batch): reading a
    # batch's figures makes TensorFlow wait for it, which made every epoch 1.5x slower.
    batch_every: float = 0.1


class Cancelled(Exception):
    """Training stopped because ``Hooks.should_stop`` said so."""
