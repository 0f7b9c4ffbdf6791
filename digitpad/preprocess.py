"""One digit's pixels -> the MNIST format the model was trained on.

MNIST digits are white on black, fit in a 20x20 box (aspect ratio kept, antialiased) and are
placed in a 28x28 frame so that their centre of mass sits at the centre. Strokes are roughly
2-3 px wide there, so strokes far thinner or thicker than that are brought into range first.
OpenCV does the pixel work: each of its calls costs a few microseconds, where the same steps in
numpy and Pillow took several times as long, and the app predicts on every stroke.
"""

from __future__ import annotations

import cv2
import numpy as np

SIZE = 28
BOX = 20
WORK = 2 * BOX  # stroke width is judged and adjusted at this resolution, then halved
INK_LEVEL = 0.25  # a pixel with this share of the strongest ink counts as ink
MIN_CONTRAST = 0.15  # weaker ink than this over the whole image is "nothing to recognise"
STROKE_RANGE = (3.5, 8.0)  # stroke width in WORK pixels that nearly all MNIST digits show
_SQUARE = np.ones((3, 3), np.uint8)  # the step by which strokes are thickened or thinned
_HALVING = np.array([1, 3, 3, 1], np.float32) / 8  # bilinear weights for halving an image


def to_uint8_gray(pixels: np.ndarray) -> np.ndarray:
    """A 2-D array of any real numeric dtype as uint8 gray: floats are taken as 0-1 (or 0-255 if
    larger), integers as 0-255 (or 16-bit, or scaled to their largest value beyond that). NaN is
    0 and infinities are the extreme finite values, so one bad pixel never erases the rest."""
    pixels = np.asarray(pixels)
    if pixels.ndim != 2:
        raise ValueError(f"expected a 2-D gray image, got shape {pixels.shape}")
    if pixels.dtype == np.uint8:
        return pixels
    if pixels.dtype == bool:
        return pixels.astype(np.uint8) * 255
    if not (np.issubdtype(pixels.dtype, np.integer) or np.issubdtype(pixels.dtype, np.floating)):
        raise ValueError(f"pixels must be real numbers, not {pixels.dtype}")
    if np.issubdtype(pixels.dtype, np.integer):
        top = int(pixels.max(initial=0))
        scale = 1.0 if top <= 255 else 255 / 65535 if top <= 65535 else 255 / top
        return np.clip(pixels * scale, 0, 255).astype(np.uint8)
    gray = pixels.astype(np.float32)
    finite = np.isfinite(gray)
    if not finite.all():
        low, high = (float(gray[finite].min()), float(gray[finite].max())) if finite.any() else (0.0, 0.0)
        gray = np.nan_to_num(gray, nan=0.0, posinf=high, neginf=low)
    if gray.size and gray.max() > 1.0:
        gray /= 255.0
    return (np.clip(gray, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)


def edges(gray: np.ndarray) -> tuple[np.ndarray, ...]:
    """The picture's four edges: top and bottom rows, left and right columns."""
    return gray[0], gray[-1], gray[:, 0], gray[:, -1]


def background_level(gray: np.ndarray) -> int:
    """The background's gray level: the median of the border pixels."""
    border = np.concatenate(edges(gray))
    middle = border.size // 2
    return int(np.partition(border, middle)[middle])  # the median, without np.median's overhead


def flat_background(gray: np.ndarray) -> int | None:
    """The background level of a drawing on a flat background (the canvas, MNIST: more than half
    its pixels are exactly that level), None for anything else."""
    background = background_level(gray)
    return background if np.count_nonzero(gray == background) > gray.size // 2 else None


def is_clean(gray: np.ndarray) -> bool:
    """True for a drawing on a flat background (the canvas, MNIST): no photo cleanup needed."""
    return flat_background(gray) is not None


def ink_map(gray: np.ndarray, background: int | None = None) -> np.ndarray:
    """Ink strength (uint8) whatever the polarity: how far each pixel lies from the background
    (what the border mostly holds, unless given) towards the ink; pixels beyond it hold none."""
    background = background_level(gray) if background is None else int(background)  # OpenCV: a Python scalar
    if background < 128:
        return cv2.subtract(gray, background)  # saturating: never below 0
    return cv2.subtract(background, gray)  # (255 - gray) - (255 - background), in one pass


def to_mnist(pixels: np.ndarray) -> np.ndarray | None:
    """A 28x28 float32 MNIST-style image of the one digit in ``pixels``, or None if it holds no ink.

    ``pixels`` is a 2-D gray image of any numeric dtype and either polarity: its ink is measured
    against its background (``ink_map``), then goes through ``ink_to_mnist``.
    """
    gray = to_uint8_gray(pixels)
    return ink_to_mnist(ink_map(gray)) if min(gray.shape) >= 2 else None


def steps(pixels: np.ndarray) -> list[tuple[str, np.ndarray, float]]:
    """What ``to_mnist`` does to ``pixels``, step by step, to be shown: (step, image in [0, 1],
    figure) for "ink" (white on black, whatever the polarity), "cropped" (to the ink, longest side
    at 40 px; figure: the stroke width there), "stroke" (thickened or thinned into MNIST's range;
    figure: the new width), "box" (20 px) and "centred" (28x28, by centre of mass: what the model
    sees). Empty if there is no ink."""
    gray = to_uint8_gray(pixels)
    if min(gray.shape) < 2:
        return []
    ink = ink_map(gray)
    record: list[tuple[str, np.ndarray, float]] = [("ink", ink / 255.0, 0.0)]
    return record if ink_to_mnist(ink, record) is not None else []


def ink_to_mnist(ink: np.ndarray, record: list | None = None) -> np.ndarray | None:
    """The MNIST image of the one digit in an ink map (white on black, nothing but ink above 0:
    uint8, or float in [0, 1]), or None if its ink is too faint. Each step is appended to
    ``record`` as well when it is a list (see ``steps``)."""
    ink = to_uint8_gray(ink)
    peak = int(ink.max(initial=0))
    if peak < MIN_CONTRAST * 255:
        return None
    work = _resize_longest(_crop(ink, peak * INK_LEVEL), WORK)
    level = work.max() / 2
    width = stroke_width(work, level)
    if record is not None:
        record.append(("cropped", work / max(float(work.max()), 1.0), float(width)))
    if not STROKE_RANGE[0] <= width <= STROKE_RANGE[1]:
        work = _normalise_stroke(work, level, width)
        work = _resize_longest(_crop(work, work.max() * INK_LEVEL), WORK)  # its outline has moved
    digit = _halve(work)
    centred = _centre_by_mass(digit * (1.0 / digit.max()))
    if record is not None:
        record += [("stroke", work / max(float(work.max()), 1.0), float(stroke_width(work, work.max() / 2))),
                   ("box", digit / digit.max(), 0.0), ("centred", centred, 0.0)]
    return centred


def _crop(ink: np.ndarray, level: float) -> np.ndarray:
    """The smallest box holding every pixel of ``ink`` above ``level``."""
    left, top, width, height = cv2.boundingRect(cv2.threshold(ink, level, 255, cv2.THRESH_BINARY)[1])
    return ink[top:top + height, left:left + width]


def _resize_longest(image: np.ndarray, longest: int) -> np.ndarray:
    """Scale so the longest side is ``longest`` px, keeping the aspect ratio (at least 1 px).

    Shrinking averages the pixels each new one covers (antialiased), first by a whole factor
    (OpenCV's fast case; the image is padded with background to a multiple of it). Enlarging is
    bilinear.
    """
    factor = max(image.shape) // longest
    if factor >= 2:
        height, width = image.shape
        image = cv2.copyMakeBorder(image, 0, -height % factor, 0, -width % factor, cv2.BORDER_CONSTANT, value=0)
        image = cv2.resize(image, (image.shape[1] // factor, image.shape[0] // factor), interpolation=cv2.INTER_AREA)
    height, width = image.shape
    scale = longest / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)


def stroke_width(ink: np.ndarray, level: float) -> float:
    """Mean stroke width in pixels of the ink above ``level``: twice its area over its outline."""
    if ink.dtype == bool:
        ink = ink.view(np.uint8)
    mask = cv2.threshold(ink, level, 1, cv2.THRESH_BINARY)[1]
    area = cv2.countNonZero(mask)
    if area == 0:
        return 0.0
    framed = cv2.copyMakeBorder(mask, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)  # closes outlines at the edges
    outline = cv2.countNonZero(cv2.absdiff(framed[1:], framed[:-1])) + \
        cv2.countNonZero(cv2.absdiff(framed[:, 1:], framed[:, :-1]))
    # Axis-aligned edge counting overstates slanted outlines by about 4/pi on average.
    return 2.0 * area / (outline * np.pi / 4)


def _halve(image: np.ndarray) -> np.ndarray:
    """Half the size (WORK -> BOX), antialiased as Pillow's bilinear shrinking is: each new pixel
    weighs the 4x4 old ones around it 1-3-3-1. Beyond the edges lies background. Float32 out."""
    blurred = cv2.sepFilter2D(image, cv2.CV_32F, _HALVING, _HALVING, anchor=(1, 1), borderType=cv2.BORDER_CONSTANT)
    return blurred[::2, ::2]


def _normalise_stroke(ink: np.ndarray, level: float, width: float, max_steps: int = 12) -> np.ndarray:
    """Thicken hairlines or thin heavy strokes of ``width`` px, one 3x3 step at a time, into
    MNIST's range (``level`` is where ink starts). Thickening grows the image a pixel a side."""
    low, high = STROKE_RANGE
    thicken = width < low
    for _ in range(max_steps):
        if low <= width <= high:
            break
        if thicken:
            changed = cv2.dilate(cv2.copyMakeBorder(ink, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0), _SQUARE)
        else:
            changed = cv2.erode(ink, _SQUARE)
        if changed.max() <= level:
            break  # never erode a digit away
        ink, width = changed, stroke_width(changed, level)
    return ink


def _centre_by_mass(digit: np.ndarray) -> np.ndarray:
    """Place ``digit`` in a SIZE x SIZE frame with its centre of mass at the centre."""
    height, width = digit.shape
    row_mass, col_mass = digit.sum(axis=1), digit.sum(axis=0)
    total = float(row_mass.sum())
    cy = float(row_mass @ np.arange(height)) / total
    cx = float(col_mass @ np.arange(width)) / total
    top = min(max(round(SIZE / 2 - 0.5 - cy), 0), SIZE - height)
    left = min(max(round(SIZE / 2 - 0.5 - cx), 0), SIZE - width)
    return cv2.copyMakeBorder(digit, top, SIZE - height - top, left, SIZE - width - left,
                              cv2.BORDER_CONSTANT, value=0)
