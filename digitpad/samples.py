"""The user's own handwriting: labelled 28x28 samples kept in a folder, one PNG each.

One file per sample, written to a temporary name and renamed into place, so a crash in the
middle of a write never damages what was stored before; an unreadable file is skipped, not fatal.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from digitpad.atomic import write_atomically


@dataclass(frozen=True)
class Sample:
    path: Path
    label: int
    image: np.ndarray  # 28x28 float32 in [0, 1], MNIST format


class SampleStore:
    """Labelled samples in ``folder`` (created when the first sample is added)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)

    def add(self, image: np.ndarray, label: int) -> Sample:
        """Store a 28x28 MNIST-format image as an example of ``label``. Raises OSError if it cannot."""
        if image.shape != (28, 28) or not 0 <= int(label) <= 9:
            raise ValueError("a sample is a 28x28 image labelled 0-9")
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{int(label)}_{uuid.uuid4().hex[:12]}.png"
        pixels = (np.clip(image, 0, 1) * 255).round().astype(np.uint8)
        write_atomically(path, lambda tmp: Image.fromarray(pixels).save(tmp, format="PNG"))
        return Sample(path, int(label), pixels.astype(np.float32) / 255)

    def samples(self) -> list[Sample]:
        """Every readable sample, oldest first; damaged or foreign files are skipped."""
        found = []
        for path in self._oldest_first():
            try:
                with Image.open(path) as image:
                    pixels = np.asarray(image.convert("L"), np.float32) / 255
            except (OSError, UnidentifiedImageError, ValueError):
                continue
            if pixels.shape == (28, 28):
                found.append(Sample(path, int(path.name[0]), pixels))
        return found

    def _oldest_first(self) -> list[Path]:
        """The sample files, oldest first; one that vanishes meanwhile (another window deleted it,
        a dangling link) is left out."""
        dated = []
        for path in self.folder.glob("[0-9]_*.png"):
            try:
                dated.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue
        return [path for _, path in sorted(dated)]

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """All samples as (N, 28, 28) float32 images and (N,) int labels."""
        samples = self.samples()
        if not samples:
            return np.zeros((0, 28, 28), np.float32), np.zeros(0, np.int64)
        return np.stack([s.image for s in samples]), np.array([s.label for s in samples])

    def remove(self, sample: Sample) -> None:
        sample.path.unlink(missing_ok=True)

    def relabel(self, sample: Sample, label: int) -> Sample:
        """``sample`` as an example of ``label`` instead (its age, and so its place, kept).
        Raises OSError if it cannot be renamed (gone, or the folder read-only)."""
        if not 0 <= int(label) <= 9:
            raise ValueError("a sample is labelled 0-9")
        path = sample.path.with_name(f"{int(label)}{sample.path.name[1:]}")
        os.replace(sample.path, path)
        return Sample(path, int(label), sample.image)

    def __len__(self) -> int:
        return len(self.samples())
