"""One digit's pixels -> the MNIST format the model was trained on.

MNIST digits are white on black, fit in a 20x20 box (aspect ratio kept, antialiased) and are
placed in a 28x28 frame so that their centre of mass sits at the centre. Strokes are roughly
2-3 px wide there, so strokes far thinner or thicker than that are brought into range first.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

SIZE = 28
BOX = 20
WORK = 2 * BOX  # stroke width is judged and adjusted at this resolution
INK_LEVEL = 0.25  # a pixel with this share of the strongest ink counts as ink
MIN_CONTRAST = 0.15  # weaker ink than this over the whole image is "nothing to recognise"
STROKE_RANGE = (3.5, 8.0)  # stroke width in WORK pixels that nearly all MNIST digits show
REDUCING_GAP = 1.5  # big drawings are first shrunk by a whole factor to within 1.5x of WORK


def to_uint8_gray(pixels: np.ndarray) -> np.ndarray:
    """A 2-D array of any numeric dtype as uint8 gray (floats are taken as 0-1, or 0-255 if larger)."""
    pixels = np.asarray(pixels)
    if pixels.ndim != 2:
        raise ValueError(f"expected a 2-D gray image, got shape {pixels.shape}")
    if pixels.dtype == np.uint8:
        return pixels
    if pixels.dtype == bool:
        return pixels.astype(np.uint8) * 255
    if np.issubdtype(pixels.dtype, np.integer):
        top = int(pixels.max(initial=0))
        scale = 255 / 65535 if top > 255 else 1.0
        return (np.clip(pixels, 0, None) * scale).astype(np.uint8)
    gray = np.nan_to_num(pixels.astype(np.float32))
    if gray.size and gray.max() > 1.0:
        gray /= 255.0
    return (np.clip(gray, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def background_level(gray: np.ndarray) -> int:
    """The background's gray level: the median of the border pixels."""
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    return int(np.sort(border)[border.size // 2])  # the median, without np.median's overhead


def is_clean(gray: np.ndarray) -> bool:
    """True for a drawing on a flat background (the canvas, MNIST): no photo cleanup needed."""
    return np.count_nonzero(gray == background_level(gray)) > gray.size // 2


def ink_map(gray: np.ndarray) -> np.ndarray:
    """Ink strength (uint8) whatever the polarity: the background is what the border mostly holds."""
    background = np.uint8(background_level(gray))
    dark = background < 128
    ink = gray - background if dark else background - gray
    if 0 < background < 255:  # pixels beyond the background wrapped round: they hold no ink
        ink[gray < background if dark else gray > background] = 0
    return ink


def to_mnist(pixels: np.ndarray) -> np.ndarray | None:
    """A 28x28 float32 MNIST-style image of the one digit in ``pixels``, or None if it holds no ink.

    ``pixels`` is a 2-D gray image of any numeric dtype and either polarity.
    """
    gray = to_uint8_gray(pixels)
    if min(gray.shape) < 2:
        return None
    ink = ink_map(gray)
    col_peaks = ink.max(axis=0)
    peak = int(col_peaks.max())
    if peak < MIN_CONTRAST * 255:
        return None
    work = _resize_longest(_crop(ink, col_peaks, peak * INK_LEVEL), WORK, REDUCING_GAP)
    level = work.max() / 2
    width = stroke_width(work, level)
    if not STROKE_RANGE[0] <= width <= STROKE_RANGE[1]:
        work = _normalise_stroke(work, level, width)
        work = _crop(work, work.max(axis=0), work.max() * INK_LEVEL)  # its outline has moved
    digit = _resize_longest(work, BOX).astype(np.float32)
    return _centre_by_mass(digit * (1.0 / digit.max()))


def _crop(ink: np.ndarray, col_peaks: np.ndarray, level: float) -> np.ndarray:
    """The smallest box holding every pixel of ``ink`` above ``level`` (``col_peaks``: its column maxima)."""
    cols = np.flatnonzero(col_peaks > level)
    ink = ink[:, cols[0]:cols[-1] + 1]
    rows = np.flatnonzero(ink.max(axis=1) > level)
    return ink[rows[0]:rows[-1] + 1]


def _resize_longest(image: np.ndarray, longest: int, reducing_gap: float | None = None) -> np.ndarray:
    """Scale so the longest side is ``longest`` px, keeping the aspect ratio (at least 1 px).

    Pillow widens its bilinear filter when shrinking, so downscaling is antialiased; with a
    ``reducing_gap`` it first shrinks large images by a whole factor with a fast box filter.
    """
    height, width = image.shape
    scale = longest / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(image).resize(size, Image.Resampling.BILINEAR, reducing_gap=reducing_gap))


def stroke_width(ink: np.ndarray, level: float) -> float:
    """Mean stroke width in pixels of the ink above ``level``: twice its area over its outline."""
    height, width = ink.shape
    mask = np.zeros((height + 2, width + 2), bool)  # a blank margin closes outlines at the edges
    mask[1:-1, 1:-1] = ink > level
    area = np.count_nonzero(mask)
    if area == 0:
        return 0.0
    outline = np.count_nonzero(mask[1:] != mask[:-1]) + np.count_nonzero(mask[:, 1:] != mask[:, :-1])
    # Axis-aligned edge counting overstates slanted outlines by about 4/pi on average.
    return 2.0 * area / (outline * np.pi / 4)


def _normalise_stroke(ink: np.ndarray, level: float, width: float, max_steps: int = 12) -> np.ndarray:
    """Thicken hairlines or thin heavy strokes of ``width`` px, one 3x3 step at a time, into
    MNIST's range (``level`` is where ink starts)."""
    low, high = STROKE_RANGE
    operation = np.maximum if width < low else np.minimum
    for _ in range(max_steps):
        if low <= width <= high:
            break
        changed = _filter3x3(ink, operation)
        if changed.max() <= level:
            break  # never erode a digit away
        ink, width = changed, stroke_width(changed, level)
    return ink


def _filter3x3(image: np.ndarray, operation: np.ufunc) -> np.ndarray:
    """Grey dilation (np.maximum) or erosion (np.minimum) with a 3x3 square, done separably.

    Dilation grows the image by a pixel on every side, so that no stroke is cut off.
    """
    dilate = operation is np.maximum
    margin, fill = (2, 0) if dilate else (1, 255)  # padding that never wins
    height, width = image.shape
    padded = np.full((height + 2 * margin, width + 2 * margin), fill, image.dtype)
    padded[margin:-margin, margin:-margin] = image
    rows = operation(operation(padded[:-2], padded[1:-1]), padded[2:])
    return operation(operation(rows[:, :-2], rows[:, 1:-1]), rows[:, 2:])


def _centre_by_mass(digit: np.ndarray) -> np.ndarray:
    """Place ``digit`` in a SIZE x SIZE frame with its centre of mass at the centre."""
    height, width = digit.shape
    row_mass, col_mass = digit.sum(axis=1), digit.sum(axis=0)
    total = float(row_mass.sum())
    cy = float(row_mass @ np.arange(height)) / total
    cx = float(col_mass @ np.arange(width)) / total
    top = min(max(round(SIZE / 2 - 0.5 - cy), 0), SIZE - height)
    left = min(max(round(SIZE / 2 - 0.5 - cx), 0), SIZE - width)
    frame = np.zeros((SIZE, SIZE), np.float32)
    frame[top:top + height, left:left + width] = digit
    return frame
