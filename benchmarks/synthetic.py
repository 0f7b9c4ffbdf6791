"""Digits drawn as a person draws them with a mouse: strokes of a pen, made here, not taken from MNIST.

Each digit is a few strokes in a unit box (x right, y down). ``draw`` renders one at any size,
place, pen width, slant and wobble onto a white canvas with black ink, as the app's canvas does.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

Stroke = np.ndarray  # (N, 2) points in the unit box


def _arc(cx, cy, rx, ry, start, end, n=24) -> Stroke:
    angles = np.radians(np.linspace(start, end, n))
    return np.stack([cx + rx * np.cos(angles), cy + ry * np.sin(angles)], axis=1)


def _line(*points) -> Stroke:
    return np.array(points, dtype=float)


# Angles in degrees, measured clockwise from the right since y points down.
DIGITS: dict[int, list[Stroke]] = {
    0: [_arc(0.5, 0.5, 0.32, 0.48, -90, 275)],
    1: [_line((0.35, 0.2), (0.55, 0.02), (0.55, 1.0))],
    2: [np.vstack([_arc(0.5, 0.3, 0.32, 0.28, 200, 390), _line((0.75, 0.45), (0.15, 1.0), (0.9, 1.0))])],
    3: [np.vstack([_arc(0.48, 0.26, 0.3, 0.25, 210, 450), _arc(0.48, 0.74, 0.34, 0.26, -90, 150)])],
    4: [_line((0.6, 0.0), (0.1, 0.68), (0.9, 0.68)), _line((0.68, 0.3), (0.68, 1.0))],
    5: [np.vstack([_line((0.85, 0.0), (0.25, 0.0), (0.2, 0.45)), _arc(0.5, 0.7, 0.35, 0.3, -140, 150)])],
    6: [np.vstack([_line((0.75, 0.0)), _arc(0.75, 0.65, 0.6, 0.65, -90, -180, 12)[1:],
                   _arc(0.5, 0.72, 0.35, 0.28, 180, 540)])],
    7: [_line((0.1, 0.02), (0.9, 0.02), (0.35, 1.0))],
    8: [np.stack([0.5 + 0.55 * np.sin(np.linspace(0, 2 * np.pi, 48)) * np.cos(np.linspace(0, 2 * np.pi, 48)),
                  0.5 - 0.48 * np.cos(np.linspace(0, 2 * np.pi, 48))], axis=1)],
    9: [np.vstack([_arc(0.5, 0.3, 0.32, 0.28, 0, 360), _line((0.82, 0.3), (0.75, 1.0))])],
}


def draw(digit: int, size: int = 280, box: tuple[float, float, float] = (0.15, 0.1, 0.7),
         width: float = 18, slant: float = 0.0, wobble: float = 0.0,
         rng: np.random.Generator | None = None) -> np.ndarray:
    """A size x size uint8 canvas (white) with ``digit`` drawn in black.

    ``box`` is (left, top, height) of the digit as fractions of the canvas; ``slant`` shears it
    (0.2 leans right); ``wobble`` moves every point by up to that fraction of the height.
    """
    image = Image.new("L", (size, size), 255)
    left, top, height = (value * size for value in box)
    write(ImageDraw.Draw(image), digit, (left, top, height), width, slant, wobble, rng)
    return np.asarray(image)


def write(pen: ImageDraw.ImageDraw, digit: int, box: tuple[float, float, float], width: float,
          slant: float = 0.0, wobble: float = 0.0, rng: np.random.Generator | None = None,
          ink: int | tuple = 0) -> None:
    """Draw ``digit`` with round-capped strokes in ``box`` = (left, top, height) pixels."""
    rng = rng or np.random.default_rng(0)
    left, top, height = box
    for stroke in DIGITS[digit]:
        points = stroke + rng.uniform(-wobble, wobble, stroke.shape)
        x = left + (points[:, 0] * 0.75 + slant * (1 - points[:, 1])) * height
        y = top + points[:, 1] * height
        xy = list(zip(x, y))
        pen.line(xy, fill=ink, width=max(1, round(width)), joint="curve")
        radius = width / 2  # round caps, as the app's pen has
        for px, py in (xy[0], xy[-1]):
            pen.ellipse((px - radius, py - radius, px + radius, py + radius), fill=ink)


def drawn_set(count_per_digit: int, seed: int = 0, size: int = 280) -> tuple[np.ndarray, np.ndarray]:
    """Varied drawings of every digit: position, size, pen width, slant and wobble at random."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for digit in range(10):
        for _ in range(count_per_digit):
            height = rng.uniform(0.2, 0.95)
            left = rng.uniform(0, 1 - height)  # the slanted digit is at most `height` wide
            top = rng.uniform(0, 1 - height)
            width = rng.uniform(0.04, 0.16) * height * size
            images.append(draw(digit, size, (left, top, height), width,
                               slant=rng.uniform(-0.1, 0.25), wobble=rng.uniform(0, 0.04), rng=rng))
            labels.append(digit)
    return np.stack(images), np.array(labels)


def boxed_four(rng: np.random.Generator, size: int = 280) -> np.ndarray:
    """One person's quirk: a 4 whose top is closed into a box (MNIST models read it as a 9)."""
    image = Image.new("L", (size, size), 255)
    pen = ImageDraw.Draw(image)
    height = rng.uniform(0.55, 0.8) * size
    left, top = rng.uniform(0.1, 0.9 - 0.6 * height / size) * size, rng.uniform(0.05, 0.95 - height / size) * size
    width = max(2, round(rng.uniform(0.06, 0.1) * height))
    right, middle = left + 0.6 * height, top + rng.uniform(0.45, 0.55) * height
    jitter = lambda: rng.uniform(-0.03, 0.03) * height  # noqa: E731
    pen.line([(right + jitter(), top + jitter()), (left + jitter(), top + jitter()), (left + jitter(), middle),
              (right + 0.1 * height, middle + jitter())], fill=0, width=width, joint="curve")
    pen.line([(right + jitter(), top + jitter()), (right + jitter(), top + height)], fill=0, width=width)
    return np.asarray(image)
