"""Train, fine-tune and evaluate digit models; plain callbacks report progress. Imports TensorFlow."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from digitpad import augment
from digitpad.data import Mnist
from digitpad.preprocess import to_mnist
from digitpad.runtime import CLASSES, Predictor
from digitpad.train_config import Cancelled, FineTuneConfig, Hooks, Progress, TrainConfig

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

from digitpad import model as models  # noqa: E402


@dataclass
class Evaluation:
    """How well a model reads the MNIST test set, through the app's own preprocessing."""

    accuracy: float
    per_class: list[float]
    confusion: list[list[int]]


def to_model_input(images: np.ndarray) -> np.ndarray:
    """Raw images (N, H, W) through the app's own preprocessing -> float32 (N, 28, 28, 1)."""
    out = np.zeros((len(images), 28, 28, 1), np.float32)
    for i, image in enumerate(images):
        digit = to_mnist(image)
        if digit is not None:
            out[i, :, :, 0] = digit
    return out


def augmenter(seed: int, scale: float = 1.0) -> Callable[[tf.Tensor], tf.Tensor]:
    """Random rotation (±12°), scaling (±12%), shift (±2 px) and stroke thickness, as people vary
    when they draw; ``scale`` shrinks all four."""
    geometry = keras.Sequential(
        [
            keras.layers.RandomRotation(0.035 * scale, fill_mode="constant", seed=seed),
            keras.layers.RandomZoom(0.12 * scale, fill_mode="constant", seed=seed + 1),
            keras.layers.RandomTranslation(0.08 * scale, 0.08 * scale, fill_mode="constant", seed=seed + 2),
        ]
    )
    generator = tf.random.Generator.from_seed(seed + 3)

    def augment(images: tf.Tensor) -> tf.Tensor:
        images = geometry(images, training=True)
        thicker = tf.nn.max_pool2d(images, 3, 1, "SAME")
        thinner = -tf.nn.max_pool2d(-images, 3, 1, "SAME")
        amount = generator.uniform((tf.shape(images)[0], 1, 1, 1), -0.6 * scale, 0.6 * scale)
        changed = tf.where(amount > 0, thicker, thinner)
        return images + tf.abs(amount) * (changed - images)

    return augment


class _Reporter(keras.callbacks.Callback):
    """Turns Keras callbacks into ``Hooks`` calls, and stops training when asked.

    Keras waits for each batch's figures before the next batch while a callback handles batch
    ends, unless the callback is ``async_safe``: then its batch ends run on a worker thread,
    and a ``Cancelled`` raised there reaches ``fit`` at the next batch. The hooks only read a
    flag and post progress (the window's are thread-safe signals), so this one is; a lock keeps
    the progress in order (a batch that ends after a later one is not reported)."""

    async_safe = True

    def __init__(self, hooks: Hooks, epochs: int, batches: int):
        super().__init__()
        self.hooks, self.epochs, self.batches = hooks, epochs, batches
        self.epoch = 0
        self.reported = (-float("inf"), -1)  # when on_batch was last called, and for which batch
        self.lock = threading.Lock()

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
        self.reported = (self.reported[0], -1)

    def on_train_batch_end(self, batch, logs=None):
        if self.hooks.should_stop():
            self.model.stop_training = True
            raise Cancelled
        with self.lock:
            now, (last, last_batch) = time.monotonic(), self.reported
            due = now - last >= self.hooks.batch_every or batch + 1 == self.batches
            if self.hooks.on_batch and due and batch > last_batch:
                self.reported = (now, batch)
                self.hooks.on_batch(Progress(self.epoch, self.epochs, batch + 1, self.batches, _floats(logs)))

    def on_epoch_end(self, epoch, logs=None):
        if self.hooks.on_epoch:
            self.hooks.on_epoch(Progress(epoch, self.epochs, self.batches, self.batches, _floats(logs)))


def _floats(logs) -> dict[str, float]:
    return {key: float(value) for key, value in (logs or {}).items()}


@dataclass
class TrainResult:
    model: keras.Model
    history: dict[str, list[float]]
    seconds: float


def train(data: Mnist, config: TrainConfig, hooks: Hooks | None = None,
          initial: keras.Model | None = None) -> TrainResult:
    """Train on ``data``'s training set, keeping the weights with the best validation accuracy.

    Starts from ``initial`` (fine-tuning) when given. Raises ``Cancelled`` if the hooks stop it.
    """
    hooks = hooks or Hooks()
    keras.utils.set_random_seed(config.seed)
    images = to_model_input(data.x_train[: config.limit])
    labels = data.y_train[: config.limit].astype(np.int32)
    # The same held-out images whatever the seed, so that a second stage (``initial``) never
    # validates on images the first stage trained on.
    order = np.random.default_rng(0).permutation(len(images))
    held = min(config.validation_size, len(images) // 10)
    val, fit = order[:held], order[held:]
    fit_x, fit_y = images[fit], labels[fit]
    if config.real_world > 0:
        chosen = np.random.default_rng(config.seed).permutation(fit)[: round(config.real_world * len(fit))]
        variants = augment.real_world(data.x_train[chosen], labels[chosen], config.seed)
        fit_x = np.concatenate([fit_x, variants[..., None]])
        fit_y = np.concatenate([fit_y, labels[chosen]])
    targets = _one_hot(fit_y)
    if config.pairs > 0:  # no one digit: taught as a uniform guess
        joined = augment.pairs(data.x_train[fit], round(config.pairs * len(fit)), config.seed)
        fit_x = np.concatenate([fit_x, joined[..., None]])
        targets = np.concatenate([targets, np.full((len(joined), CLASSES), 1 / CLASSES, np.float32)])
    if config.pieces > 0:  # pieces of joined digits: a digit with stubs, or no digit
        cut, cut_targets = augment.cut_pieces(data.x_train[fit], labels[fit], round(config.pieces * len(fit)),
                                              config.seed)
        fit_x = np.concatenate([fit_x, cut[..., None]])
        targets = np.concatenate([targets, cut_targets])
    if initial is None and config.initial:
        initial = models.load(config.initial)
    model = initial if initial is not None else models.build(config.architecture)
    model.compile(
        optimizer=keras.optimizers.Adam(config.learning_rate),
        loss="categorical_crossentropy",  # targets as probabilities: a pair's is uniform
        metrics=[keras.metrics.CategoricalAccuracy(name="accuracy")],
    )
    batches = int(np.ceil(len(fit_x) / config.batch_size))
    best = _BestWeights()
    callbacks = [
        keras.callbacks.LearningRateScheduler(lambda epoch: config.learning_rate * config.lr_decay**epoch),
        best,
        _Reporter(hooks, config.epochs, batches),
    ]
    started = time.perf_counter()
    history = model.fit(
        _dataset(fit_x, targets, config),
        validation_data=(images[val], _one_hot(labels[val])),
        epochs=config.epochs,
        callbacks=callbacks,
        shuffle=False,  # the dataset shuffles itself
        verbose=0,
    )
    best.restore(model)
    return TrainResult(model, _floats_lists(history.history), time.perf_counter() - started)


def _one_hot(labels: np.ndarray) -> np.ndarray:
    """Labels as target probabilities (N, 10): the loss takes probabilities, as a pair's are uniform."""
    return np.eye(CLASSES, dtype=np.float32)[labels]


class _BestWeights(keras.callbacks.Callback):
    """Keeps, in memory, the weights of the epoch with the best validation accuracy."""

    def __init__(self):
        super().__init__()
        self.score, self.weights = -1.0, None

    def on_epoch_end(self, epoch, logs=None):
        score = (logs or {}).get("val_accuracy", -1.0)
        if score > self.score:
            self.score, self.weights = score, self.model.get_weights()

    def restore(self, model: keras.Model) -> None:
        if self.weights is not None:
            model.set_weights(self.weights)


def _floats_lists(history: dict) -> dict[str, list[float]]:
    return {key: [float(v) for v in values] for key, values in history.items() if key != "learning_rate"}


def _dataset(images: np.ndarray, labels: np.ndarray, config: TrainConfig) -> tf.data.Dataset:
    dataset = (
        tf.data.Dataset.from_tensor_slices((images, labels))
        .shuffle(len(images), seed=config.seed, reshuffle_each_iteration=True)
        .batch(config.batch_size)
    )
    if config.augment:
        augment = augmenter(config.seed, config.augment_scale)
        # One batch at a time: parallel calls would draw from the random generators in whatever
        # order the threads run, and the same seed would no longer give the same model.
        dataset = dataset.map(lambda x, y: (augment(x), y))
    return dataset.prefetch(tf.data.AUTOTUNE)


@dataclass
class FineTuneResult:
    model: keras.Model
    user_before: float  # accuracy on the held-out user samples, before and after
    user_after: float
    mnist_before: float  # accuracy on MNIST test images, before and after (nan without MNIST)
    mnist_after: float
    held_out: int
    test_images: int  # how many MNIST test images measured it (0 without MNIST)
    seconds: float


def fine_tune(model: keras.Model, images: np.ndarray, labels: np.ndarray, data: Mnist | None = None,
              hooks: Hooks | None = None, config: FineTuneConfig | None = None) -> FineTuneResult:
    """Adapt ``model`` to the user's samples (N, 28, 28) in seconds; ``model`` itself is not changed.

    Only the head learns (``_head_start``); the user's samples are repeated and mixed with MNIST (when
    ``data`` is given) so that the rest is not forgotten. A share of the samples is held out to
    measure the gain.
    """
    hooks, config = hooks or Hooks(), config or FineTuneConfig()
    started = time.perf_counter()
    keras.utils.set_random_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    order = rng.permutation(len(images))
    held = order[: int(len(images) * config.held_out)] if len(images) >= 1 / config.held_out else order[:0]
    fit = order[len(held):]
    user_x, user_y = images[..., None].astype(np.float32), labels.astype(np.int32)
    mnist_x = mnist_y = test_x = test_y = None
    if data is not None:
        pick = rng.choice(len(data.x_train), min(config.mnist_images, len(data.x_train)), replace=False)
        mnist_x, mnist_y = to_model_input(data.x_train[pick]), data.y_train[pick].astype(np.int32)
        test_x, test_y = to_model_input(data.x_test[:config.test_images]), data.y_test[:config.test_images]
    tuned = keras.models.clone_model(model)
    tuned.set_weights(model.get_weights())
    for layer in tuned.layers[: _head_start(tuned)]:
        layer.trainable = False
    repeat = max(1, config.user_images // max(1, len(fit)))
    x = np.concatenate([np.repeat(user_x[fit], repeat, axis=0)] + ([mnist_x] if mnist_x is not None else []))
    y = np.concatenate([np.repeat(user_y[fit], repeat)] + ([mnist_y] if mnist_y is not None else []))
    tuned.compile(optimizer=keras.optimizers.Adam(config.learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    batches = int(np.ceil(len(x) / config.batch_size))
    tuned.fit(_dataset(x, y, TrainConfig(batch_size=config.batch_size, seed=config.seed)), epochs=config.epochs,
              shuffle=False, verbose=0, callbacks=[_Reporter(hooks, config.epochs, batches)])
    for layer in tuned.layers:  # saved as a whole model again, ready for the next training
        layer.trainable = True

    def accuracy(net: keras.Model, xs, ys) -> float:
        if xs is None or len(xs) == 0:
            return float("nan")
        return float((net.predict(xs, verbose=0, batch_size=256).argmax(1) == ys).mean())

    return FineTuneResult(
        tuned,
        accuracy(model, user_x[held], user_y[held]), accuracy(tuned, user_x[held], user_y[held]),
        accuracy(model, test_x, test_y), accuracy(tuned, test_x, test_y),
        len(held), 0 if test_x is None else len(test_x), time.perf_counter() - started,
    )


def _head_start(model: keras.Model) -> int:
    """Where the head of ``model`` begins: after the last layer that shrinks the image (a pooling
    or a strided convolution), so that it sees whole digits; 0 (all of it) if none does."""
    shrinking = [i for i, layer in enumerate(model.layers)
                 if isinstance(layer, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D))
                 or (isinstance(layer, keras.layers.Conv2D) and max(layer.strides) > 1)]
    return shrinking[-1] + 1 if shrinking else 0


def evaluate(predictor: Predictor, images: np.ndarray, labels: np.ndarray) -> Evaluation:
    """Accuracy of ``predictor`` on raw images, each through ``to_mnist`` as ``recognize()`` does."""
    predicted = predictor.predict(to_model_input(images)).argmax(axis=1)
    confusion = np.zeros((10, 10), np.int64)
    np.add.at(confusion, (labels.astype(np.int64), predicted), 1)
    totals = confusion.sum(axis=1)
    per_class = np.divide(np.diag(confusion), totals, out=np.zeros(10), where=totals > 0)
    return Evaluation(float((predicted == labels).mean()), per_class.round(5).tolist(), confusion.tolist())
