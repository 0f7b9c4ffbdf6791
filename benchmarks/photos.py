"""Photographed-looking digits, made here, and how well digitpad reads them.

    python -m benchmarks.photos generate     # (re)writes benchmarks/photos/{single,multi,hard}/
    python -m benchmarks.photos              # accuracy and time per set, digitpad vs the tutorials' pipeline
    python -m benchmarks.photos generate 7 /tmp/fresh && python -m benchmarks.photos /tmp/fresh
                                             # the same on photos made with another seed

Digits are written with the strokes of ``tests/helpers.py`` or with handwriting-like fonts (Comic
Neue, Humor Sans, Purisa, where installed), in black, blue or pencil ink, on plain, ruled or
squared paper; then lit unevenly, shadowed, seen in perspective, blurred, noised and saved as
JPEG, some with an EXIF rotation. File names hold the answer: ``0012_4071.jpg`` shows 4071.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from tests.helpers import INKS, fonts, paper, photograph, write_digit

HERE = Path(__file__).resolve().parent / "photos"
SETS = {"single": 150, "multi": 60, "hard": 40}
def single(rng: np.random.Generator, font_files: list[str]) -> tuple[Image.Image, str]:
    size = int(rng.integers(300, 420))
    digit = int(rng.integers(0, 10))
    mask = Image.new("L", (size, size), 0)
    height = size * rng.uniform(0.35, 0.65)
    left = rng.uniform(0.1, 0.9 - 0.75 * height / size) * size
    top = rng.uniform(0.08, 0.92 - height / size) * size
    write_digit(ImageDraw.Draw(mask), digit, (left, top, height), rng, font_files)
    kind = str(rng.choice(["plain", "ruled", "grid"]))
    ink = INKS[str(rng.choice(list(INKS)))]
    return photograph(paper(size, size, kind, rng), mask, rng, ink), str(digit)


def number(rng: np.random.Generator, font_files: list[str], lines: int = 1) -> tuple[Image.Image, str]:
    """A strip of 2-6 digits per line, on one or two lines."""
    counts = [int(rng.integers(2, 7)) for _ in range(lines)]
    height = float(rng.integers(50, 80))
    width = int(max(counts) * height * 0.95 + 2 * height)
    page_height = int(lines * height * 1.9 + height)
    mask = Image.new("L", (width, page_height), 0)
    pen = ImageDraw.Draw(mask)
    text = ""
    for line, count in enumerate(counts):
        x = height * rng.uniform(0.5, 1.0)
        top = height * (0.6 + line * 1.9)
        for _ in range(count):
            digit = int(rng.integers(0, 10))
            write_digit(pen, digit, (x, top + rng.uniform(-0.08, 0.08) * height, height * rng.uniform(0.85, 1.05)),
                        rng, font_files)
            x += height * rng.uniform(0.8, 1.0)
            text += str(digit)
    kind = str(rng.choice(["plain", "ruled", "grid"]))
    ink = INKS[str(rng.choice(list(INKS)))]
    return photograph(paper(width, page_height, kind, rng), mask, rng, ink, shadow=False), text


def hard(rng: np.random.Generator, font_files: list[str]) -> tuple[Image.Image, str, int]:
    """The cases most apps fail: tiny digits, dark shadows, chalkboards, EXIF rotation, faint pencil."""
    kind = int(rng.integers(0, 5))
    digit = int(rng.integers(0, 10))
    size = 600 if kind == 0 else 360
    mask = Image.new("L", (size, size), 0)
    height = size * (rng.uniform(0.06, 0.1) if kind == 0 else rng.uniform(0.4, 0.6))
    left, top = rng.uniform(0.1, 0.8) * size * (1 - height / size), rng.uniform(0.1, 0.8) * size * (1 - height / size)
    write_digit(ImageDraw.Draw(mask), digit, (left, top, height), rng, font_files)
    page = paper(size, size, str(rng.choice(["plain", "grid"])), rng)
    ink = INKS["pencil"] if kind == 4 else INKS["blue"]
    if kind == 2:  # chalk on a board: light ink on a dark ground
        page, ink = Image.new("RGB", (size, size), (40, 60, 50)), (225, 225, 215)
    image = photograph(page, mask, rng, ink)
    if kind == 4:  # faint pencil: squash the contrast
        image = Image.fromarray((128 + (np.asarray(image, np.float32) - 128) * 0.45).astype(np.uint8))
    orientation = 6 if kind == 3 else 1
    if kind == 3:  # a phone that stored a portrait shot sideways
        image = image.transpose(Image.Transpose.ROTATE_90)
    return image, str(digit), orientation


def generate(seed: int = 2026, root: Path = HERE) -> None:
    rng = np.random.default_rng(seed)
    font_files = fonts()
    for name, count in SETS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.jpg"):
            old.unlink()
        for i in range(count):
            orientation = 1
            if name == "single":
                image, label = single(rng, font_files)
            elif name == "multi":
                image, label = number(rng, font_files, lines=1 if i % 3 else 2)
            else:
                image, label, orientation = hard(rng, font_files)
            exif = Image.Exif()
            exif[0x0112] = orientation
            image.save(folder / f"{i:04d}_{label}.jpg", quality=int(rng.integers(55, 90)), exif=exif)
    print(f"wrote {sum(SETS.values())} photos to {root} using {len(font_files)} fonts")


def label_of(path: Path) -> str:
    return path.stem.split("_")[1]


def naive_read(path: Path, predictor) -> str:
    """The tutorials' pipeline: whole image to 28x28 gray, inverted, fixed threshold."""
    small = np.asarray(Image.open(path).convert("L").resize((28, 28)), np.float32) / 255
    return str(int(predictor.predict(((1 - small) > 0.5).astype(np.float32)[None]).argmax()))


def timed(read, paths: list[Path]) -> tuple[list[str], float]:
    """What ``read`` makes of each photo, and the median milliseconds it took (file reading included)."""
    answers, times = [], []
    for path in paths:
        start = time.perf_counter()
        answers.append(read(path))
        times.append(time.perf_counter() - start)
    return answers, float(np.median(times)) * 1000


def evaluate(root: Path = HERE) -> None:
    import digitpad  # noqa: PLC0415
    from digitpad.recognizer import default_recognizer  # noqa: PLC0415

    recognizer = default_recognizer()
    for name in SETS:
        paths = sorted((root / name).glob("*.jpg"))
        if name == "multi":
            read, ms = timed(lambda p: "".join(str(r.digit) for r in digitpad.read_digits(p)), paths)
            naive = None
        else:
            read, ms = timed(lambda p: str(recognizer.recognize(p).digit), paths)
            naive = np.mean([naive_read(p, recognizer.predictor) == label_of(p) for p in paths])
        ours = np.mean([r == label_of(p) for r, p in zip(read, paths, strict=True)])
        misses = [f"{p.name}->{r}" for r, p in zip(read, paths, strict=True) if r != label_of(p)]
        extra = f", tutorials' pipeline {naive:.1%}" if naive is not None else ""
        print(f"{name:7s} {len(paths):4d} photos: digitpad {ours:.1%} ({ms:.0f} ms a photo){extra}")
        if misses:
            print("        misread:", " ".join(misses[:12]), "..." if len(misses) > 12 else "")


if __name__ == "__main__":
    if sys.argv[1:2] == ["generate"]:
        generate(*([int(sys.argv[2]), Path(sys.argv[3])] if len(sys.argv) > 3 else []))
    else:
        evaluate(*([Path(sys.argv[1])] if len(sys.argv) > 1 else []))
