"""What the tests (and the benchmarks) draw and photograph: digits made here, not taken from MNIST.

Drawn digits are a few strokes in a unit box (x right, y down); ``draw`` renders one at any size,
place, pen width, slant and wobble onto a white canvas with black ink, as the app's canvas does.
``photograph`` puts ink on paper and then through a camera: uneven light, perspective, blur, noise.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SLICE = ROOT / "tests" / "data" / "mnist-slice"  # the committed MNIST slice
FULL = ROOT.parent / "shared" / "mnist"  # the whole data set, where it lies beside the repository

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
        xy = list(zip(x, y, strict=True))
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


FONT_FILES = [
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf",
    "/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf",
    "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf",
    "/usr/share/fonts/truetype/tlwg/Purisa.ttf",
    "/usr/share/fonts/truetype/tlwg/Purisa-Bold.ttf",
]
INKS = {"black": (25, 25, 35), "blue": (30, 55, 160), "pencil": (95, 95, 100)}


def fonts() -> list[str]:
    return [path for path in FONT_FILES if Path(path).is_file()]


def paper(width: int, height: int, kind: str, rng: np.random.Generator) -> Image.Image:
    tone = tuple(int(v) for v in rng.integers([232, 228, 212], [252, 248, 240]))
    page = Image.new("RGB", (width, height), tone)
    pen = ImageDraw.Draw(page)
    colour = tuple(int(v) for v in rng.integers([150, 170, 200], [200, 210, 240]))
    step = int(rng.integers(28, 48))
    if kind in ("ruled", "grid"):
        for y in range(int(rng.integers(0, step)), height, step):
            pen.line([(0, y), (width, y)], fill=colour, width=int(rng.integers(1, 3)))
    if kind == "grid":
        for x in range(int(rng.integers(0, step)), width, step):
            pen.line([(x, 0), (x, height)], fill=colour, width=int(rng.integers(1, 3)))
    return page


def write_digit(mask: ImageDraw.ImageDraw, digit: int, box: tuple[float, float, float],
                rng: np.random.Generator, font_files: list[str]) -> None:
    """Write one digit into an ink mask (255 = ink), by strokes or in a handwriting-like font."""
    left, top, height = box
    if font_files and rng.random() < 0.5:
        font = ImageFont.truetype(str(rng.choice(font_files)), int(height * 1.25))
        x0, y0, x1, y1 = mask.textbbox((0, 0), str(digit), font=font)
        mask.text((left - x0, top - y0 + (height - (y1 - y0)) / 2), str(digit), fill=255, font=font)
        return
    write(mask, digit, (left, top, height), width=height * rng.uniform(0.07, 0.14),
          slant=rng.uniform(-0.1, 0.25), wobble=rng.uniform(0, 0.04), rng=rng, ink=255)


def photograph(page: Image.Image, ink: Image.Image, rng: np.random.Generator, colour,
               shadow: bool = True) -> Image.Image:
    """Ink on paper, then the camera: uneven light, a shadow, perspective, blur, noise."""
    width, height = page.size
    alpha = np.asarray(ink.filter(ImageFilter.GaussianBlur(0.6)), np.float32)[..., None] / 255
    pixels = np.asarray(page, np.float32) * (1 - alpha) + np.array(colour, np.float32) * alpha
    ys, xs = np.mgrid[0:height, 0:width] / max(width, height)
    light = 1 + rng.uniform(-0.35, 0.1) * xs + rng.uniform(-0.35, 0.1) * ys
    light = light / light.max() * rng.uniform(0.8, 1.05)
    if shadow and rng.random() < 0.5:
        edge = Image.new("L", (width, height), 0)
        corner = rng.uniform(0.2, 0.8, 4) * [width, height, width, height]
        ImageDraw.Draw(edge).polygon([(0, 0), (corner[0], 0), (corner[2], corner[3]), (0, corner[1])], fill=255)
        soft = np.asarray(edge.filter(ImageFilter.GaussianBlur(width / 25)), np.float32) / 255
        light = light * (1 - rng.uniform(0.25, 0.45) * soft)
    pixels = pixels * light[..., None]
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    jitter = rng.uniform(-0.05, 0.05, 8) * np.tile([width, height], 4)
    corners = np.array([0, 0, 0, height, width, height, width, 0], float) + jitter
    image = image.transform((width, height), Image.Transform.QUAD, tuple(corners),
                            Image.Resampling.BILINEAR, fillcolor=tuple(int(v) for v in pixels[0, 0]))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0, 1.2)))
    noisy = np.asarray(image, np.float32) + rng.normal(0, rng.uniform(1, 5), (height, width, 1))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def written(digits, height=70, lines=1, page="plain", seed=0, gap=0.95, ink=(25, 25, 35)) -> Image.Image:
    """A photo of ``digits`` (a list per line) on paper, with uneven light and a little blur."""
    rng = np.random.default_rng(seed)
    width = int(max(map(len, digits)) * height * gap + 2 * height)
    page_height = int(lines * height * 1.9 + height)
    mask = Image.new("L", (width, page_height), 0)
    pen = ImageDraw.Draw(mask)
    for line, row in enumerate(digits):
        for i, digit in enumerate(row):
            write(pen, digit, (height + i * height * gap, height * (0.5 + 1.9 * line), height), height * 0.1, ink=255)
    return photograph(paper(width, page_height, page, rng), mask, rng, ink, shadow=False)


def digits_of(results) -> list:
    """The digits of a list of Recognition."""
    return [r.digit for r in results]
