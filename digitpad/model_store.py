"""The user's own models: the one in use and the one before it, in the user's data folder.

Each installed model gets a folder of its own (``versions/<unique name>/model.tflite``, ``.keras``
and ``.json`` beside it), written in full before anything points to it. Which one is in use, and
which came before, are one-line pointer files, each replaced in a single atomic step
(``os.replace``). So model and card always belong together, an interrupted or failed install
leaves the model in use as it was, and two windows installing at once each leave a whole model
in use. With no user model, the bundled one is used.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from digitpad import assets
from digitpad.atomic import write_atomically
from digitpad.model_card import read_card

PARTS = (".tflite", ".keras", ".json")
EARLIER = ".onnx"  # what digitpad ran before 2026-12-02: kept with the model, no longer run
KEEP_SECONDS = 3600  # versions that no pointer names are removed once this old (another window
# may be installing one that it has not pointed to yet)


class ModelStore:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.versions = self.folder / "versions"
        self._adopt_old_layout()

    def active_tflite(self) -> Path:
        """The model to predict with: the user's if there is one, else the bundled one."""
        return self.current_tflite() or assets.BUNDLED_TFLITE

    def active_keras(self) -> Path:
        """The .keras model of the model in use, to train on."""
        return self.keras_beside(self.active_tflite())

    @staticmethod
    def keras_beside(tflite_path: str | os.PathLike) -> Path:
        """The .keras model that ``tflite_path`` was exported from, to train on; the bundled one
        if there is none (a model loaded as .tflite alone)."""
        keras_path = Path(tflite_path).with_suffix(".keras")
        return keras_path if keras_path.is_file() else assets.BUNDLED_MODEL

    def recover(self, failed: str | os.PathLike) -> bool:
        """The model at ``failed`` could not be loaded: if it is the user's model in use, go back
        to the bundled one (the damaged one is kept as the previous model) and say True."""
        if self.current_tflite() is None or Path(failed) != self.current_tflite():
            return False
        self.reset()
        return True

    def has_user_model(self) -> bool:
        return self.current_tflite() is not None

    def current_tflite(self) -> Path | None:
        """The user's model in use, or None."""
        return self._pointed("current")

    def previous_tflite(self) -> Path | None:
        """The user's model before it (kept after a reset or a newer install), or None."""
        return self._pointed("previous")

    def unexported_keras(self) -> Path | None:
        """The .keras of the user's model in use when an earlier digitpad saved it without the
        .tflite this one runs (it is to be exported again, by an import), or None."""
        name = self._read_pointer("current")
        folder = self.versions / name if name else None
        if folder is None or (folder / "model.tflite").is_file() or not (folder / "model.keras").is_file():
            return None
        return folder / "model.keras"

    def install(self, staged: Path, exported: bool = True) -> Path:
        """Make the model saved at ``staged`` (.tflite, .keras and .json beside it) the one in use;
        ``exported=False`` keeps one that has no .tflite (an earlier digitpad's).

        The model in use so far becomes the previous one. Raises OSError (disk full, no
        permission) with the model in use untouched.
        """
        self.versions.mkdir(parents=True, exist_ok=True)
        version = Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=self.versions))
        try:
            for suffix in (*PARTS, EARLIER):
                source = staged.with_suffix(suffix)
                if source.is_file():
                    shutil.copyfile(source, version / f"model{suffix}")
            if exported and not (version / "model.tflite").is_file():
                raise OSError(f"{staged.with_suffix('.tflite')}: no exported model to install")
        except OSError:
            shutil.rmtree(version, ignore_errors=True)
            raise
        before = self._read_pointer("current")
        if before:
            self._write_pointer("previous", before)
        self._write_pointer("current", version.name)
        self._tidy()
        return version / "model.tflite"

    def reset(self) -> None:
        """Go back to the bundled model; the user's model is kept as the previous one."""
        before = self._read_pointer("current")
        if before:
            self._write_pointer("previous", before)
            (self.folder / "current").unlink(missing_ok=True)

    def card(self) -> dict:
        """The model card of the model in use."""
        return read_card(self.active_tflite())

    def _pointed(self, pointer: str) -> Path | None:
        name = self._read_pointer(pointer)
        path = self.versions / name / "model.tflite" if name else None
        return path if path and path.is_file() else None

    def _read_pointer(self, pointer: str) -> str:
        try:
            name = (self.folder / pointer).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return name if name and Path(name).name == name else ""  # a bare folder name, nothing else

    def _write_pointer(self, pointer: str, name: str) -> None:
        write_atomically(self.folder / pointer, lambda tmp: Path(tmp).write_text(name + "\n", encoding="utf-8"))

    def _tidy(self) -> None:
        """Remove old versions that neither pointer names."""
        named = {self._read_pointer("current"), self._read_pointer("previous")}
        for version in self.versions.iterdir():
            try:
                if version.name not in named and time.time() - version.stat().st_mtime > KEEP_SECONDS:
                    shutil.rmtree(version, ignore_errors=True)
            except OSError:
                continue  # another window removed it first

    def _adopt_old_layout(self) -> None:
        """Models saved by earlier versions (``current.onnx`` and its parts in the folder itself)
        become versions, once."""
        for pointer in ("previous", "current"):
            old = self.folder / f"{pointer}{EARLIER}"
            if not old.is_file():
                continue
            try:
                installed = self.install(old, exported=False)
                for suffix in (*PARTS, EARLIER):
                    old.with_suffix(suffix).unlink(missing_ok=True)
            except OSError:
                continue
            if pointer == "previous":  # installed as current: it was the previous one
                self._write_pointer("previous", installed.parent.name)
                (self.folder / "current").unlink(missing_ok=True)
