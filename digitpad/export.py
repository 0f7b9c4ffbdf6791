"""A trained Keras model saved for training on (.keras) and exported for the app (LiteRT,
.tflite, with 8-bit weights). Imports TensorFlow."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from digitpad import model as models
from digitpad.atomic import write_atomically

# Weights stored and multiplied as int8, activations kept in float: 2x faster than the float
# model here at the same accuracy, a quarter of its size, and probabilities as fine as float's
# (a fully int8 model gives them in steps of 1/256: 99.6% at most, ties where there are none).
RUNTIME = "LiteRT, int8 weights (dynamic range), float32 activations"


@dataclass(frozen=True)
class Saved:
    """Where a model was saved, and the format of its export for the app (for the model card)."""

    keras: Path
    tflite: Path  # what the app runs
    runtime: str


def save(model: keras.Model, path: str | os.PathLike) -> Saved:
    """Save ``model`` as ``path`` (.keras) and its LiteRT export beside it (.tflite), each
    atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, _without_optimizer(model).save)
    return Saved(path, write_litert(model, path.with_suffix(".tflite")), RUNTIME)


def write_litert(model: keras.Model, path: str | os.PathLike) -> Path:
    """``model``'s LiteRT export written atomically at ``path`` (.tflite)."""
    litert = to_litert(model)
    write_atomically(path, lambda tmp: Path(tmp).write_bytes(litert))
    return Path(path)


def to_litert(model: keras.Model) -> bytes:
    """``model`` as a LiteRT flatbuffer, its weights quantized to int8."""
    given = model.inputs[0]
    model(np.zeros((1, *given.shape[1:]), given.dtype))  # export needs a built, called model
    with tempfile.TemporaryDirectory() as work:
        saved = str(Path(work) / "saved")
        model.export(saved, format="tf_saved_model", verbose=False)
        converter = tf.lite.TFLiteConverter.from_saved_model(saved)
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        return converter.convert()


def _without_optimizer(model: keras.Model) -> keras.Model:
    """The same layers in an uncompiled model, saved without optimizer state (a third of the size)."""
    if isinstance(model, keras.Sequential):
        return keras.Sequential([keras.Input(models.INPUT_SHAPE), *model.layers], name=model.name)
    return model
