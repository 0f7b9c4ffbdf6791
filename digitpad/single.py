"""The one digit of an image, wherever it came from: a drawing, a cropped scan, a close-up, a photo.

A drawing on a flat canvas is taken as it is. A tiny picture (8x8 to 63x63) is a digit crop,
never a page: its ink reaches the frame, so its border is no guide to the paper; it is framed in
its paper's tone first, and read both ways round when its tones do not say which is paper. Any
other picture may be a page with a digit on it, or a digit cut tight or seen close up, whose
strokes the photo path takes for page edges and drops. So it is read both ways: the photo path's
best region, and the whole ink (specks, faint smudges and stains left out). The model's surer
reading is kept; on a near tie the whole ink wins when the region holds only a piece of it, and
so it does whenever the model reads it at least half surely if that ink reaches the frame (a
digit cut tight, whose strokes at the edges the photo path dropped: a stroke alone reads as a
sure 1).
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from digitpad.photo import HALF, MIN_INK, otsu_threshold
from digitpad.preprocess import SIZE, background_level, edges, flat_background, ink_map, is_clean, stroke_width
from digitpad.segment import SPECK, WORK_SIDE, Box, Region, find_digits, with_margin

SMALLEST_SIDE = 64  # smaller pictures (8x8, 16x16, 28x28 digits) are digit crops, enlarged first
CONTRAST = 0.3  # ink must differ from the background by this share of its tone (shadows differ less)
PART = 0.6  # a region holding less than this share of the whole ink is a piece of it, or the page's
SOLID = 0.45  # ink thicker than this share of its box's longest side is a shadow or a stain
SLIVER = 3  # a picture this narrow (a 1 cut tight) is all stroke
LIGHT_STROKE = 200  # a sliver this light on average is likelier a light stroke than a dark one
CUT_SURE = 0.5  # a digit cut tight, read whole this surely, is not read by a piece of it instead
INKED = 0.5  # a pixel this share of the way from a picture's commonest tone to black (or white) is ink
CLEAR_PAPER = 0.25  # a crop's border this much more light than dark (or dark than light) shows its paper


def workable(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """``gray`` at a size the pipeline handles well (tiny images enlarged, huge ones shrunk),
    and the scale applied."""
    side = max(gray.shape)
    if SMALLEST_SIDE <= side <= WORK_SIDE:
        return gray, 1.0
    scale = (SMALLEST_SIDE * 2 if side < SMALLEST_SIDE else WORK_SIDE) / side
    size = (max(2, round(gray.shape[1] * scale)), max(2, round(gray.shape[0] * scale)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_LANCZOS4 if scale > 1 else cv2.INTER_AREA), scale


def readings(gray: np.ndarray, regions: list[Region] | None = None, clean: bool | None = None) -> list[Region]:
    """Ways to read the one digit in ``gray``: regions whose ink goes to ``ink_to_mnist``, boxed
    in ``gray``'s pixels; empty if there is no ink. Two readings when the picture is ambiguous
    (see the module's docstring), the likelier first: the caller keeps the one the model is
    surer of, and the first when it is about as sure of both, or when it reads that one at least
    as surely as its ``kept_at``.

    ``regions`` are ``find_digits(gray)``, and ``clean`` is ``is_clean(gray)``, when the caller
    has them already.
    """
    if gray.size == 0 or _flat(gray):
        return []
    if max(gray.shape) < SMALLEST_SIDE:
        return crop_readings(gray)
    framed, background = _sliver_framed(gray), None
    if framed is not gray or clean is None:
        gray, background = framed, flat_background(framed)
        clean = background is not None
    if clean:  # a drawing: ink_to_mnist finds its digit; its box only if the caller has it
        return [Region(regions[0].box if regions else None, ink_map(gray, background))]
    small, scale = workable(gray)
    if regions is None or scale != 1:
        regions = find_digits(small)
    whole = whole_ink(small)
    whole_box = None if whole is None else ink_box(whole > 0)
    found = [] if whole is None else [Region(_scaled(whole_box, scale), with_margin(whole))]
    if not regions:
        return found or (_as_drawn(small, scale) if _inked_edges(small) >= 2 else [])
    best = digit_of(regions)
    framed = with_margin(best.ink)
    if found and float(best.ink.sum()) < PART * float(whole.sum()):  # the region is a piece of the whole
        if _reaches_frame(whole_box, small.shape):  # a digit cut tight: a stroke of it reads surely as a 1
            found = [replace(found[0], kept_at=CUT_SURE)]
        return [*found, Region(_scaled(best.box, scale), framed)]
    return [Region(_scaled(best.box, scale), framed), *found]


def _as_drawn(gray: np.ndarray, scale: float) -> list[Region]:
    """A picture in which nothing was found, two of whose edges or more are inked (not shaded by a
    vignette), holds a stroke along them or a desk around a blank page, and nothing tells them
    apart: it is read, as all that differs from the picture's commonest tone, so that a stroke
    drawn along the frame gets an answer (a desk, an unsure one)."""
    ink = ink_map(gray, int(np.median(gray)))
    box = ink_box(ink > 0)
    return [] if box is None else [Region(_scaled(box, scale), with_margin(ink))]


def _reaches_frame(box: Box, shape: tuple[int, ...]) -> bool:
    """``box`` reaches (within a pixel) an edge of a picture of ``shape``."""
    return box[0] <= 1 or box[1] <= 1 or box[2] >= shape[1] - 1 or box[3] >= shape[0] - 1


def _flat(gray: np.ndarray) -> bool:
    """One tone all over: nothing drawn (OpenCV's one pass over the pixels, numpy's two)."""
    low, high, _, _ = cv2.minMaxLoc(gray)
    return low == high


def crop_readings(gray: np.ndarray) -> list[Region]:
    """A digit crop, enlarged, once for each tone that may be its paper: the one most of its
    border holds first, and the other too when the border is about as much ink as paper (a small
    digit cut tight, whose strokes cross every edge; a sliver, which is all stroke). Where ink
    reaches the border, the crop is framed in its paper's tone first, so that the background is
    measured on paper. A clean digit as large as MNIST's, on a clear background (an MNIST image),
    is taken as it is."""
    middle = (int(gray.max()) + int(gray.min())) / 2
    border = np.concatenate(edges(gray))
    light = float(np.count_nonzero(border > middle)) / border.size
    sliver = min(gray.shape) <= SLIVER
    clear_border = light in (0.0, 1.0) and not sliver
    if clear_border and min(gray.shape) >= SIZE and is_clean(gray):
        ink = ink_map(gray)
        return [Region(ink_box(ink > 0), ink)]
    lighter = light >= HALF  # most of the border is light: the paper is light
    sides = [lighter] if abs(light - HALF) > CLEAR_PAPER else [lighter, not lighter]
    if sliver:  # all stroke, likelier dark than light: framed in white first, then in black
        sides = [bool(np.mean(gray) < LIGHT_STROKE), bool(np.mean(gray) >= LIGHT_STROKE)]
    pad = max(2, max(gray.shape) // 4)
    found = []
    for on_light in sides:
        ink = gray <= middle if on_light else gray > middle
        framed = gray  # no ink on a clear border: it is the paper
        if not clear_border:
            paper = 255 * on_light if sliver else int(np.median(gray[~ink]))
            framed = cv2.copyMakeBorder(gray, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=paper)
        found.append(Region(ink_box(ink) or (0, 0, gray.shape[1], gray.shape[0]), ink_map(workable(framed)[0])))
    return found


def _sliver_framed(gray: np.ndarray) -> np.ndarray:
    """A picture at most 3 px across (a 1 cut tight) is all stroke: framed in paper's white (in
    black if the stroke itself is nearly white), so that it has a background to be told from."""
    if min(gray.shape) > SLIVER or gray.size == 0 or int(gray.max()) - int(gray.min()) < 8:
        return gray  # wide enough for a background, or one flat tone: nothing to frame
    pad = max(gray.shape) // 4 + 1
    backdrop = 255 if np.mean(gray) < 200 else 0
    return cv2.copyMakeBorder(gray, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=backdrop)


def ink_box(mask: np.ndarray) -> Box | None:
    """The box (left, top, right, bottom) around the True pixels of ``mask``, or None."""
    left, top, width, height = cv2.boundingRect(mask.astype(np.uint8))
    return (left, top, left + width, top + height) if width else None


def _scaled(box: Box, scale: float) -> Box:
    return box if scale == 1 else tuple(round(v / scale) for v in box)


def digit_of(regions: list[Region]) -> Region:
    """The regions that belong to one digit: the largest and every region nearly as tall
    (the two strokes of an open 4, a 5's detached hat), as one region."""
    largest = max(regions, key=lambda region: float(region.ink.sum()))
    tallest = largest.box[3] - largest.box[1]
    parts = [r for r in regions if r is largest or (r.box[3] - r.box[1] >= 0.5 * tallest
                                                    and _gap(r.box, largest.box) <= 0.3 * tallest)]
    if len(parts) == 1:
        return largest
    left, top = min(r.box[0] for r in parts), min(r.box[1] for r in parts)
    right, bottom = max(r.box[2] for r in parts), max(r.box[3] for r in parts)
    ink = np.zeros((bottom - top, right - left), np.float32)
    for r in parts:
        x0, y0 = r.box[0] - left, r.box[1] - top
        view = ink[y0:y0 + r.ink.shape[0], x0:x0 + r.ink.shape[1]]
        np.maximum(view, r.ink[:view.shape[0], :view.shape[1]], out=view)
    return Region((left, top, right, bottom), ink)


def _gap(first: Box, second: Box) -> int:
    """Pixels between two boxes side by side (0 if they overlap)."""
    return max(0, max(first[0], second[0]) - min(first[2], second[2]))


def whole_ink(gray: np.ndarray) -> np.ndarray | None:
    """All the ink of a picture that is one digit, white on black in [0, 1]; None if it has none.

    Ink is measured against the background's tone (what the border mostly holds; what the
    picture mostly holds when ink runs along an edge) as a share of it, so a grey scan and a white
    page weigh alike. Two or more mostly dark edges around a mostly light picture are a desk
    around a page: no digit is read whole. Otsu's method separates ink from background noise,
    and specks, faint smudges and solid stains are left out; the faint edge of the strokes kept
    (up to a stroke's width from them: an enlarged or blurred digit's edge is wide) stays.
    """
    background = background_level(gray)
    typical = int(np.median(gray[::4, ::4]))
    if background < 128 <= typical:
        if _desk_around(gray):
            return None  # a page lying on a desk
        background = typical  # dark ink along an edge of a light picture: the paper is what most of it is
    room = max(background if background >= 128 else 255 - background, 1)
    strength = ink_map(gray, background).astype(np.float32) / room
    candidates = strength[strength > MIN_INK / 2]
    if candidates.size == 0:
        return None
    mask = (strength > max(otsu_threshold(np.clip(candidates, 0, 1)), MIN_INK)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count == 1:
        return None
    areas = stats[1:, cv2.CC_STAT_AREA]
    sums = np.bincount(labels.ravel(), weights=strength.ravel(), minlength=count)[1:]
    keep = (areas >= max(4, SPECK * areas.max())) & (sums / areas >= CONTRAST)
    if not keep.any():
        return None
    inked = np.isin(labels, np.flatnonzero(keep) + 1).view(np.uint8)
    width = stroke_width(inked, 0)
    _, _, box_width, box_height = cv2.boundingRect(inked)
    if width > SOLID * max(box_width, box_height):
        return None  # a blob rather than strokes: a shadow, a dark corner
    # A stroke's soft edge, as wide as the stroke, is its ink too. (A distance transform costs the
    # same at any width, where dilating by a disc that wide took 4x the rest on a 1 MP photo.)
    near = cv2.distanceTransform(1 - inked, cv2.DIST_L2, 3) <= max(1.0, round(width))
    return np.where(near, np.clip(strength, 0, 1), 0).astype(np.float32)


def _desk_around(gray: np.ndarray) -> bool:
    """Two edges of the picture or more mostly dark: a desk around a page (a digit touching the
    frame may run along one edge, and darkens the others only in places)."""
    return _edges_mostly(gray, lambda edge: edge < 128) >= 2


def _inked_edges(gray: np.ndarray) -> int:
    """How many edges of the picture mostly lie as far from its commonest tone as ink does (more
    than INKED of the way from it to black or white, whichever is further): a vignette's shade
    or a shadow does not."""
    typical = float(np.median(gray[::4, ::4]))
    room = max(typical, 255 - typical)
    return _edges_mostly(gray, lambda edge: np.abs(edge.astype(np.float32) - typical) > INKED * room)


def _edges_mostly(gray: np.ndarray, holds) -> int:
    """How many of the picture's edges ``holds`` (a test of each pixel) is true for, mostly."""
    return sum(np.count_nonzero(holds(edge)) >= edge.size // 2 for edge in edges(gray))
