"""The user's own models: the one in use and the one before it, in the user's data folder.

A new model is written beside the old one under temporary names and renamed into place, so an
interrupted save leaves the model in use intact. With no user model, the bundled one is used.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from digitpad import assets

PARTS = (".onnx", ".keras", ".json")


class ModelStore:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.current = self.folder / "current"
        self.previous = self.folder / "previous"

    def active_onnx(self) -> Path:
        """The model to predict with: the user's if there is one, else the bundled one."""
        path = self.current.with_suffix(".onnx")
        return path if path.is_file() else assets.BUNDLED_ONNX

    def active_keras(self) -> Path:
        path = self.current.with_suffix(".keras")
        return path if path.is_file() else assets.BUNDLED_MODEL

    def has_user_model(self) -> bool:
        return self.current.with_suffix(".onnx").is_file()

    def install(self, staged: Path) -> Path:
        """Make the model saved at ``staged`` (.onnx, .keras and .json beside it) the one in use.

        The model in use so far becomes ``previous``. Raises OSError (disk full, no permission)
        with the current model untouched.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        incoming = self.folder / "incoming"
        for suffix in PARTS:  # copy first: a failure here leaves everything as it was
            source = staged.with_suffix(suffix)
            if source.is_file():
                shutil.copyfile(source, incoming.with_suffix(suffix + ".tmp"))
        if self.has_user_model():
            for suffix in PARTS:
                if self.current.with_suffix(suffix).is_file():
                    os.replace(self.current.with_suffix(suffix), self.previous.with_suffix(suffix))
        for suffix in (".keras", ".json", ".onnx"):  # the .onnx last: it marks the model as present
            tmp = incoming.with_suffix(suffix + ".tmp")
            if tmp.is_file():
                os.replace(tmp, self.current.with_suffix(suffix))
        return self.current.with_suffix(".onnx")

    def reset(self) -> None:
        """Go back to the bundled model; the user's model is kept as ``previous``."""
        for suffix in PARTS:
            if self.current.with_suffix(suffix).is_file():
                os.replace(self.current.with_suffix(suffix), self.previous.with_suffix(suffix))

    def card(self) -> dict:
        """The model card of the model in use."""
        return assets.read_card(self.active_onnx())
