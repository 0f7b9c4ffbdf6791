"""Keras architectures for 28x28x1 digits -> 10 probabilities. Imports TensorFlow: training only."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
from keras import layers  # noqa: E402

from digitpad.runtime import CLASSES  # noqa: E402
from digitpad.train_config import ARCHITECTURES  # noqa: E402

INPUT_SHAPE = (28, 28, 1)


def cnn() -> keras.Model:
    """Two VGG-style conv blocks with batch norm, then a dense head (~0.9M params): the bundled
    network until 2026-12-02."""
    def block(filters: int) -> list[layers.Layer]:
        return [
            layers.Conv2D(filters, 3, padding="same", use_bias=False),
            layers.BatchNormalization(momentum=0.9),
            layers.ReLU(),
            layers.Conv2D(filters, 3, padding="same", use_bias=False),
            layers.BatchNormalization(momentum=0.9),
            layers.ReLU(),
            layers.MaxPooling2D(),
            layers.Dropout(0.25),
        ]

    return keras.Sequential(
        [
            keras.Input(INPUT_SHAPE),
            *block(32),
            *block(64),
            layers.Flatten(),
            layers.Dense(256, use_bias=False),
            layers.BatchNormalization(momentum=0.9),
            layers.ReLU(),
            layers.Dropout(0.4),
            layers.Dense(CLASSES, activation="softmax"),
        ],
        name="cnn",
    )


def allconv() -> keras.Model:
    """Convolutions all the way (~0.33M params): two blocks of two 3x3 convolutions and a strided
    5x5 one in place of pooling (32, then 64 filters), a 4x4 convolution to 128 features, then
    the 10 classes. The default: as quick to train here as ``cnn``, with a third of its weights,
    and quicker to run."""
    def conv(filters: int, size: int, strides: int = 1, padding: str = "valid") -> list[layers.Layer]:
        return [
            layers.Conv2D(filters, size, strides=strides, padding=padding, use_bias=False),
            layers.BatchNormalization(momentum=0.9),
            layers.ReLU(),
        ]

    def block(filters: int) -> list[layers.Layer]:
        return [*conv(filters, 3), *conv(filters, 3), *conv(filters, 5, 2, "same"), layers.Dropout(0.4)]

    return keras.Sequential(
        [
            keras.Input(INPUT_SHAPE),
            *block(32),  # 28 -> 24 -> 12
            *block(64),  # 12 -> 8 -> 4
            *conv(128, 4),  # 4 -> 1
            layers.Flatten(),
            layers.Dropout(0.4),
            layers.Dense(CLASSES, activation="softmax"),
        ],
        name="allconv",
    )


def small_cnn() -> keras.Model:
    """Seed model: the Keras tutorial's convnet (two conv/pool layers, dropout, softmax)."""
    return keras.Sequential(
        [
            keras.Input(INPUT_SHAPE),
            layers.Conv2D(32, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Conv2D(64, 3, activation="relu"),
            layers.MaxPooling2D(),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(CLASSES, activation="softmax"),
        ],
        name="small_cnn",
    )


def mlp() -> keras.Model:
    """Seed model: Flatten-256-128-10."""
    return keras.Sequential(
        [
            keras.Input(INPUT_SHAPE),
            layers.Flatten(),
            layers.Dense(256, activation="relu"),
            layers.Dense(128, activation="relu"),
            layers.Dense(CLASSES, activation="softmax"),
        ],
        name="mlp",
    )


BUILDERS = dict(zip(ARCHITECTURES, (allconv, cnn, small_cnn, mlp), strict=True))  # in ARCHITECTURES' order


def build(architecture: str) -> keras.Model:
    """A fresh, uncompiled model of the named architecture."""
    try:
        return BUILDERS[architecture]()
    except KeyError:
        raise ValueError(
            f"Unknown architecture {architecture!r}: choose from {', '.join(ARCHITECTURES)}."
        ) from None


def average(models: Sequence[keras.Model]) -> keras.Model:
    """The first of ``models`` with each weight (batch-norm statistics too) the mean of that weight
    over all of them: a "model soup". Models fine-tuned from one ancestor stay close enough for
    their mean to read about as their ensemble does, at one model's cost.

    Raises ValueError unless all the models have the same weights' shapes."""
    if not models:
        raise ValueError("No models to average.")
    shapes = [[tuple(weight.shape) for weight in model.weights] for model in models]
    if any(other != shapes[0] for other in shapes[1:]):
        raise ValueError("Only models of one architecture can be averaged: their weights differ in shape.")
    first = models[0]
    for index, weight in enumerate(first.weights):
        weight.assign(sum(model.weights[index].numpy() for model in models) / len(models))
    return first


def load(path: str | os.PathLike) -> keras.Model:
    """Load a ``.keras`` file safely (no code execution) and check it maps 28x28x1 to 10 classes.

    Raises ValueError with a plain message for a file that is missing, damaged or not a model."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path.name}: no such file." if not path.exists() else f"{path.name}: not a file.")
    if not zipfile.is_zipfile(path):
        raise ValueError(f"{path.name}: damaged, or not a Keras model (.keras files are zip archives).")
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except (TypeError, ValueError, KeyError, OSError) as error:  # Keras' own words are for developers
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ValueError(f"{path.name} cannot be loaded as a digit model: {first}") from None
    if not isinstance(model, keras.Model):
        raise ValueError(f"{path.name} holds no Keras model.")
    check_shapes(model)
    return model


def check_shapes(model: keras.Model) -> None:
    """Raise ValueError unless ``model`` takes 28x28x1 images and gives 10 classes."""
    inputs = tuple(model.input_shape[1:]) if hasattr(model, "input_shape") else None
    outputs = tuple(model.output_shape[1:]) if hasattr(model, "output_shape") else None
    if inputs != INPUT_SHAPE:
        raise ValueError(f"The model takes input {inputs}, not 28x28x1 digit images.")
    if outputs != (CLASSES,):
        raise ValueError(f"The model gives output {outputs}, not 10 digit classes.")
