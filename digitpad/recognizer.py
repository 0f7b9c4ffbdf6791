"""Images in, digits out: preprocessing plus the exported model, loaded once and reused."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np

from digitpad import assets, touching
from digitpad.imaging import ImageSource, load_gray_scaled
from digitpad.preprocess import INK_LEVEL, ink_to_mnist, is_clean, to_mnist
from digitpad.runtime import Predictor
from digitpad.segment import Box, Region, find_digits, region_to_mnist
from digitpad.single import readings

SURE = 0.80  # below this confidence the app says it is not sure
MARK_HEIGHT = 0.5  # a mark is shorter than this share of its line's digits...
MARK_SURE = 0.9  # ...and the model is less sure than this that it is a digit...
MARK_FLAT = 1.3  # ...or it is this many times wider than tall too, and one stroke deep
MARK_TINY = 0.3  # shorter than this share of its line's digits, a mark however it is read
FLOATS = 0.2  # a piece whose bottom is this share of its line's height above the line's bottom...
FLOAT_SHORT = 0.6  # ...and which is shorter than this share floats: a dash or an "=" at mid-height
HANGS_FROM = 0.4  # a comma starts this share of the line's height below the line's top...
HANGS_BELOW = 0.0  # ...reaches at least this share below its bottom (its bottom or lower)...
COMMA_WIDE = 0.6  # ...and is no wider than this share of its own height
FLAT_STROKE = 3  # a stroke this many times wider than tall is flat: a piece of ink all such strokes is a mark
SPECK_PIXELS = 4  # (of the 28x28 image the model sees: fewer pixels than this are a speck, no stroke)
JOIN_GAP = 0.25  # parts of one digit lie at most this share of its line's height apart
AS_SURE = 0.02  # two readings of one digit this close in confidence: the likelier way is kept
BATCH = 256  # digits per model call in recognize_many: larger batches gain little more


@dataclass(frozen=True)
class Recognition:
    """What the model made of one digit.

    ``digit`` is None when there was nothing to recognise; ``probabilities`` then is uniform.
    ``image`` is the 28x28 float32 picture the model saw (None with no ink); ``box`` is where
    the digit was found (left, top, right, bottom), for ``read_digits``.
    """

    digit: int | None
    probabilities: np.ndarray
    image: np.ndarray | None = field(default=None, repr=False)
    box: Box | None = None

    @property
    def confidence(self) -> float:
        return float(self.probabilities[self.digit]) if self.digit is not None else 0.0

    @property
    def is_sure(self) -> bool:
        return self.confidence >= SURE

    @property
    def candidates(self) -> list[int]:
        """The digit, then the runner-up: what a 'not sure: 4 or 9?' message names."""
        return [int(i) for i in np.argsort(self.probabilities)[::-1][:2]] if self.digit is not None else []


NOTHING = Recognition(None, np.full(10, 0.1, np.float32))


class Recognizer:
    """A loaded model and the one path from any image to a ``Recognition``."""

    def __init__(self, model_path: str | os.PathLike | None = None):
        self.predictor = Predictor(model_path or assets.BUNDLED_TFLITE)

    @property
    def model_path(self) -> Path:
        return self.predictor.path

    def recognize(self, image: ImageSource) -> Recognition:
        """The one digit in ``image`` (a path, a PIL image or a numpy array).

        A clean drawing goes straight to preprocessing; a cropped digit or a close-up is read
        whole; on a photo of a page the digit is looked for first (``single.readings``).
        """
        gray, scale = load_gray_scaled(image)
        return _rescaled(self._one_digit(gray), scale)

    def recognize_many(self, images: Iterable[ImageSource]) -> list[Recognition]:
        """``recognize()`` of each of ``images``, the digits going through the model in batches
        of up to BATCH: several times faster than one call each for many small images. Raises
        ImageError for an image that cannot be read, as ``recognize()`` does."""
        pending = []  # per image: its readings as (MNIST image, box), and its scale
        for image in images:
            gray, scale = load_gray_scaled(image)
            pending.append((_candidates(gray), scale))
        digits = [digit for found, _ in pending for digit, _, _ in found]
        batches = [self.predictor.predict(np.stack(digits[at:at + BATCH]))
                   for at in range(0, len(digits), BATCH)]
        probabilities = np.concatenate(batches) if batches else np.zeros((0, 10), np.float32)
        results, start = [], 0
        for found, scale in pending:
            ways = [Recognition(int(p.argmax()), p, digit, box)
                    for (digit, box, _), p in zip(found, probabilities[start:start + len(found)], strict=True)]
            results.append(_rescaled(_surest(ways, [at for _, _, at in found]), scale))
            start += len(found)
        return results

    def _one_digit(self, gray: np.ndarray, regions: list[Region] | None = None,
                   clean: bool | None = None) -> Recognition:
        """The surest of the ways to read ``gray`` as one digit, with its box."""
        found = _candidates(gray, regions, clean)
        ways = self._classify([digit for digit, _, _ in found], [box for _, box, _ in found])
        return _surest(ways, [at for _, _, at in found])

    def read_digits(self, image: ImageSource, pen: tuple[float, float] | None = None) -> list[Recognition]:
        """Every digit in ``image``, line by line and left to right, each with its ``box``.

        ``pen`` (x, y in the image's pixels) is where a digit is being drawn: the digit there is
        read even while it is no more than a dash or a dot, which would otherwise be left out as
        a mark."""
        gray, scale = load_gray_scaled(image)
        pen = None if pen is None else (pen[0] * scale, pen[1] * scale)
        return [_rescaled(result, scale) for result in self._read_gray(gray, pen)]

    def _read_gray(self, gray: np.ndarray, pen: tuple[float, float] | None = None) -> list[Recognition]:
        clean = is_clean(gray)  # decided once, for finding the digits and for reading one
        regions = find_digits(gray, clean)
        alone = len(regions) == 1 and regions[0].ink.shape[1] <= touching.ONE_WIDE * regions[0].ink.shape[0]
        if not regions or alone:
            one = self._one_digit(gray, regions, clean)  # one digit: exactly what recognize() sees
            return [] if one.digit is None else [one]
        found = [(piece, region) for region in regions for piece in self._split(region)]
        results = self._classify([digit for (digit, _, _), _ in found], [box for (_, box, _), _ in found])
        kept = [(result, (height, region.line)) for result, ((_, _, height), region) in zip(results, found, strict=True)
                if not region.small or is_small_digit(result) or _holds(result.box, pen)]
        results, places = self._join_parts(gray, [result for result, _ in kept], [place for _, place in kept])
        return [result for result, (height, line) in zip(results, places, strict=True)
                if not is_mark(result, height, line) or _holds(result.box, pen)]

    def _join_parts(self, gray: np.ndarray, results: list[Recognition], places: list[tuple]):
        """Neighbours that are parts of one digit (an open 4's two strokes) read as one: close
        together, narrow together, and read surely together, more surely than the less sure part.
        ``places``: each result's (line height, line), returned with the results kept."""
        joined, kept_places = [], []
        for result, place in zip(results, places, strict=True):
            height = place[0]
            before = joined[-1] if joined else None
            if before and _may_join(before.box, result.box, height):
                box = _around(before.box, result.box)
                [together] = self._classify([to_mnist(gray[box[1]:box[3], box[0]:box[2]])], [box])
                if together.confidence >= max(MARK_SURE, min(before.confidence, result.confidence) + AS_SURE):
                    joined[-1] = together
                    continue
            joined.append(result)
            kept_places.append(place)
        return joined, kept_places

    def _split(self, region: Region) -> list[tuple[np.ndarray, Box, float]]:
        """The digits of one region (touching digits cut apart), each as (MNIST image, box in the
        picture's pixels, height of its line's digits there)."""
        left, top, right, bottom = region.box
        scale = (right - left) / max(1, region.ink.shape[1])  # the ink is at the analysed scale

        def confidence(pieces: list[np.ndarray]) -> np.ndarray:
            digits = [region_to_mnist(piece) for piece in pieces]
            sure = np.zeros(len(pieces), np.float32)
            inked = [i for i, digit in enumerate(digits) if digit is not None]
            if inked:
                sure[inked] = self.predictor.predict(np.stack([digits[i] for i in inked])).max(axis=1)
            return sure

        found = []
        height = region.line_height or region.ink.shape[0]
        for start, piece in touching.split(region.ink, max(height, region.ink.shape[0]), confidence):
            digit = region_to_mnist(piece)
            if digit is not None:
                rows = np.flatnonzero(piece.any(axis=1))
                x0, x1 = left + round(start * scale), left + round((start + piece.shape[1]) * scale)
                box = (x0, top + round(rows[0] * scale), x1, top + round((rows[-1] + 1) * scale))
                found.append((digit, box, height * scale))
        return found

    def _classify(self, digits: list[np.ndarray | None], boxes: list | None = None) -> list[Recognition]:
        """One batch through the model; None (no ink) gives NOTHING."""
        boxes = boxes or [None] * len(digits)
        inked = [i for i, digit in enumerate(digits) if digit is not None]
        results = [NOTHING] * len(digits)
        if inked:
            probabilities = self.predictor.predict(np.stack([digits[i] for i in inked]))
            for i, p in zip(inked, probabilities, strict=True):
                results[i] = Recognition(int(p.argmax()), p, digits[i], boxes[i])
        return results


def _candidates(gray: np.ndarray, regions: list[Region] | None = None,
                clean: bool | None = None) -> list[tuple[np.ndarray, Box | None, float | None]]:
    """The ways to read ``gray`` as one digit (``single.readings``) as (MNIST image, box, the
    confidence at which that reading is kept outright)."""
    found = [(ink_to_mnist(region.ink), region.box, region.kept_at) for region in readings(gray, regions, clean)]
    return [way for way in found if way[0] is not None]


def _surest(results: list[Recognition], kept_at: list[float | None]) -> Recognition:
    """The first reading at least as sure as its ``kept_at``, else the one the model is surest
    of; the first of those about as sure (the likelier way)."""
    kept = (result for result, at in zip(results, kept_at, strict=True) if at is not None and result.confidence >= at)
    if (first := next(kept, None)) is not None:
        return first
    surest = max((result.confidence for result in results), default=0.0)
    return next((result for result in results if result.confidence >= surest - AS_SURE), NOTHING)


def _holds(box: Box, point: tuple[float, float] | None, reach: int = 2) -> bool:
    """``point`` lies in ``box`` or within ``reach`` pixels of it (the pen's end on a stroke's edge)."""
    return point is not None and box[0] - reach <= point[0] <= box[2] + reach \
        and box[1] - reach <= point[1] <= box[3] + reach


def _around(first: Box, second: Box) -> Box:
    """The box around two boxes."""
    return (min(first[0], second[0]), min(first[1], second[1]),
            max(first[2], second[2]), max(first[3], second[3]))


def _may_join(first: Box, second: Box, height: float) -> bool:
    """Side by side on one line, nearly touching, and no wider together than a digit."""
    gap = second[0] - first[2]
    overlap = min(first[3], second[3]) - max(first[1], second[1])
    level = overlap >= 0.5 * min(first[3] - first[1], second[3] - second[1])
    return level and -0.1 * height <= gap <= JOIN_GAP * height and second[2] - first[0] <= height


def is_small_digit(result: Recognition) -> bool:
    """A piece written far smaller than the digits beside it (``Region.small``) is a digit only
    when the model reads it surely and it is a loop: the small "000" after a cheque's thousands
    point is; a tick, a comma or a dash, which the model may read surely as a 1, is one stroke."""
    return result.confidence >= MARK_SURE and result.image is not None and _crossed_both_ways(result.image)


def is_mark(result: Recognition, line_height: float, line: tuple[float, float] | None = None) -> bool:
    """A dot, dash, comma or "=" beside the digits: much shorter than the digits of its line and
    not read surely; or short and flat, however it is read, unless strokes cross it both ways as
    they cross a small 0 (a dash, an "=" or a dot is one stroke deep one way). A flat piece as
    tall as the digits is kept: likelier two digits touching, or a wide one, than a mark. Nor is
    a piece a digit, however tall, whose every stroke lies flat (a tall "=" after a cheque's amount).
    Where the ``line`` lies (its digits' top and bottom) is known, a piece that is no loop is a
    mark if it ends above the line's middle or, short, floats well above its bottom (an "=" or a
    dash, written high or at mid-height: digits stand on the line), or if it is a narrow stroke
    in the line's lower part that reaches its bottom or hangs below (a comma)."""
    left, top, right, bottom = result.box
    height, width = bottom - top, right - left
    short, flat = height < MARK_HEIGHT * line_height, width > MARK_FLAT * height
    tiny = height < MARK_TINY * line_height
    loop = result.image is not None and _crossed_both_ways(result.image)
    stroke = short and flat and not loop
    placed = line is not None and not loop and _off_the_line(result.box, line_height, line)
    return tiny or stroke or placed or (short and result.confidence < MARK_SURE) or _flat_strokes(result.image)


def _off_the_line(box: Box, line_height: float, line: tuple[float, float]) -> bool:
    """``box`` ends above the middle of its ``line`` (top, bottom) or, short, well above its
    bottom; or it starts in the line's lower part, reaches its bottom and is narrow: where marks
    are written, not digits."""
    left, top, right, bottom = box
    line_top, line_bottom = line
    high = bottom <= (line_top + line_bottom) / 2 or (
        bottom <= line_bottom - FLOATS * line_height and bottom - top < FLOAT_SHORT * line_height)
    hanging = top >= line_top + HANGS_FROM * line_height and bottom >= line_bottom + HANGS_BELOW * line_height
    return high or (hanging and right - left <= COMMA_WIDE * (bottom - top))


def _flat_strokes(image: np.ndarray | None) -> bool:
    """Every stroke of ``image`` (each piece of its ink, specks aside) lies flat: no digit is
    drawn so, a dash or an "=" is."""
    if image is None:
        return False
    inked = (image > INK_LEVEL * image.max()).astype(np.uint8)
    _, _, stats, _ = cv2.connectedComponentsWithStats(inked, connectivity=8)
    strokes = stats[1:][stats[1:, cv2.CC_STAT_AREA] >= SPECK_PIXELS]
    widths, heights = strokes[:, cv2.CC_STAT_WIDTH], strokes[:, cv2.CC_STAT_HEIGHT]
    return len(strokes) > 0 and bool(np.all(widths >= FLAT_STROKE * heights))


def _crossed_both_ways(image: np.ndarray) -> bool:
    """Most of the middle rows of ``image`` cross two strokes and so do most of its middle
    columns: a loop (a thin pen's loop may merge into one stroke for a row or two)."""
    middle = slice(11, 17)  # the central 6 of the 28 rows (columns)
    return bool(np.median(touching.crossings(image)[middle]) >= 2
                and np.median(touching.crossings(image.T)[middle]) >= 2)


def _rescaled(result: Recognition, scale: float) -> Recognition:
    """``result`` with its box in the pixels of an image that was shrunk by ``scale`` to read."""
    if scale == 1 or result.box is None:
        return result
    return replace(result, box=tuple(round(v / scale) for v in result.box))


_shared: list[Recognizer] = []  # the bundled model's recognizer, once loaded
_lock = threading.Lock()


def default_recognizer() -> Recognizer:
    """The bundled model, loaded on first use and shared afterwards."""
    with _lock:
        if not _shared:
            _shared.append(Recognizer())
        return _shared[0]


def recognize(image: ImageSource) -> Recognition:
    """Recognise the one digit in ``image`` with the bundled model."""
    return default_recognizer().recognize(image)


def recognize_many(images: Iterable[ImageSource]) -> list[Recognition]:
    """Recognise the one digit in each of ``images`` with the bundled model, in batches."""
    return default_recognizer().recognize_many(images)


def read_digits(image: ImageSource, pen: tuple[float, float] | None = None) -> list[Recognition]:
    """Read every digit in ``image`` (a number, several lines) with the bundled model; ``pen``:
    where a digit is being drawn (see ``Recognizer.read_digits``)."""
    return default_recognizer().read_digits(image, pen)
