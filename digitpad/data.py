"""MNIST loading: the four IDX files (gzipped or not) or a Keras-style ``mnist.npz``."""

from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ENV_VAR = "DIGITPAD_MNIST"
IMAGE_MAGIC = 2051
LABEL_MAGIC = 2049
FILES = {
    "x_train": "train-images-idx3-ubyte",
    "y_train": "train-labels-idx1-ubyte",
    "x_test": "t10k-images-idx3-ubyte",
    "y_test": "t10k-labels-idx1-ubyte",
}


class DataError(Exception):
    """The data set is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Mnist:
    """Raw MNIST: uint8 images (N, 28, 28), white ink on black, and uint8 labels (N,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    source: str
    checksum: str


def find_directory(directory: str | os.PathLike | None = None) -> Path | None:
    """The data directory: the argument, else ``$DIGITPAD_MNIST``, else None."""
    chosen = directory or os.environ.get(ENV_VAR)
    return Path(chosen).expanduser() if chosen else None


def load_mnist(directory: str | os.PathLike | None = None, allow_download: bool = False) -> Mnist:
    """Load MNIST from ``directory`` (or ``$DIGITPAD_MNIST``).

    With no directory given, ``allow_download`` lets Keras fetch (or reuse its cached copy of)
    the data set: meant for online users, never for tests.
    """
    path = find_directory(directory)
    if path is None:
        if not allow_download:
            raise DataError(f"No MNIST folder given: pass one or set {ENV_VAR}.")
        return _load_from_keras()
    if not path.is_dir():
        raise DataError(f"MNIST folder not found: {path}")
    if (path / "mnist.npz").is_file():
        return _load_npz(path / "mnist.npz")
    arrays = {key: _read_idx(_find_file(path, stem)) for key, stem in FILES.items()}
    for part in ("train", "test"):
        images, labels = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if len(images) != len(labels):
            raise DataError(
                f"{path}: {len(images)} {part} images but {len(labels)} {part} labels."
            )
    return Mnist(**arrays, source=str(path), checksum=_checksum(
        _find_file(path, stem) for stem in FILES.values()))


def _find_file(directory: Path, stem: str) -> Path:
    for name in (stem + ".gz", stem, stem.replace("-idx", ".idx") + ".gz", stem.replace("-idx", ".idx")):
        if (directory / name).is_file():
            return directory / name
    raise DataError(f"Missing MNIST file {stem}(.gz) in {directory}")


def _read_idx(path: Path) -> np.ndarray:
    """Read one IDX file and check its magic number, sizes and values."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            raw = f.read()
    except (OSError, EOFError) as error:
        raise DataError(f"Cannot read {path}: {error}") from None
    if len(raw) < 8:
        raise DataError(f"{path} is too short to be an IDX file.")
    magic = int.from_bytes(raw[:4], "big")
    count = int.from_bytes(raw[4:8], "big")
    if magic == IMAGE_MAGIC:
        if len(raw) < 16:
            raise DataError(f"{path} is too short to be an IDX image file.")
        rows, cols = int.from_bytes(raw[8:12], "big"), int.from_bytes(raw[12:16], "big")
        if (rows, cols) != (28, 28):
            raise DataError(f"{path}: images are {rows}x{cols}, expected 28x28.")
        shape, offset = (count, rows, cols), 16
    elif magic == LABEL_MAGIC:
        shape, offset = (count,), 8
    else:
        raise DataError(f"{path}: bad magic number {magic:#x}, not an MNIST IDX file.")
    expected = int(np.prod(shape))
    if len(raw) - offset != expected:
        raise DataError(
            f"{path}: header promises {count} items ({expected} bytes) "
            f"but the file holds {len(raw) - offset} bytes."
        )
    data = np.frombuffer(raw, np.uint8, offset=offset).reshape(shape)
    if magic == LABEL_MAGIC and data.size and data.max() > 9:
        raise DataError(f"{path}: label {data.max()} is outside 0-9.")
    return data


def _load_npz(path: Path) -> Mnist:
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in FILES}
    except (OSError, ValueError, KeyError) as error:
        raise DataError(f"Cannot read {path}: {error}") from None
    return _validated(arrays, str(path), _checksum([path]))


def _load_from_keras() -> Mnist:
    import keras  # noqa: PLC0415 - heavy, and only for online users

    try:
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:  # network errors come in many kinds
        raise DataError(f"Could not download MNIST through Keras: {error}") from None
    arrays = dict(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    return _validated(arrays, "keras.datasets.mnist", "")


def _validated(arrays: dict[str, np.ndarray], source: str, checksum: str) -> Mnist:
    for part in ("train", "test"):
        images, labels = arrays[f"x_{part}"], arrays[f"y_{part}"]
        if images.ndim != 3 or images.shape[1:] != (28, 28):
            raise DataError(f"{source}: x_{part} has shape {images.shape}, expected (N, 28, 28).")
        if labels.shape != (len(images),):
            raise DataError(f"{source}: y_{part} has shape {labels.shape}, expected ({len(images)},).")
        if labels.size and (labels.min() < 0 or labels.max() > 9):
            raise DataError(f"{source}: y_{part} holds labels outside 0-9.")
    arrays = {key: np.asarray(value, np.uint8) for key, value in arrays.items()}
    return Mnist(**arrays, source=source, checksum=checksum)


def _checksum(paths) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return "sha256:" + digest.hexdigest()
