"""Real-world variants of training digits, made through the app's own preprocessing.

MNIST digits are clean, mid-width and centred with a margin; real ones come from scanners,
cameras and other apps: cut tight to the ink (even clipped by the frame), at 8-16 px, in 1-bit,
blurred, in hairline or marker strokes, stretched, slanted, bent, written with a crossed 7, a
flagged 1, a 9 looped like "P", an open 4 or one like "h" (a short stem at a low bar). Each
variant is drawn as such an input would look, dark on light or light on dark, and then goes the
way the user's image would (``single.readings``, then ``to_mnist``: a tiny crop is framed in its
paper's tone and enlarged first), so the model learns what the pipeline really hands it. Pure
numpy and OpenCV: no TensorFlow, so the variants are tested and timed without it.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from digitpad import touching
from digitpad.preprocess import ink_to_mnist, to_mnist
from digitpad.single import readings

Variant = Callable[[np.ndarray, np.random.Generator], np.ndarray]


def _tight(image: np.ndarray) -> np.ndarray:
    """The digit cut to its ink box."""
    left, top, width, height = cv2.boundingRect(cv2.threshold(image, 40, 255, cv2.THRESH_BINARY)[1])
    return image[top:top + height, left:left + width] if width and height else image


def scaled(image: np.ndarray, longest: int, interpolation: int = cv2.INTER_AREA) -> np.ndarray:
    """``image`` resized so that its longest side is ``longest`` pixels, its aspect kept."""
    scale = longest / max(image.shape)
    size = (max(1, round(image.shape[1] * scale)), max(1, round(image.shape[0] * scale)))
    return cv2.resize(image, size, interpolation=interpolation)


def low_resolution(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A 8-16 px scan of the digit, cut tight (a dataset's tiny digits), now and then clipped by a
    pixel at one edge."""
    small = scaled(_tight(image), int(rng.integers(8, 17)))
    if rng.random() < 1 / 3 and min(small.shape) > 4:
        side = int(rng.integers(4))
        small = np.ascontiguousarray(np.rot90(np.rot90(small, side)[1:], -side))
    return small


def clipped(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cut tight and clipped by the frame at one edge, as a careless crop is."""
    tight = scaled(_tight(image), int(rng.integers(24, 80)), cv2.INTER_LINEAR)
    side = int(rng.integers(4))
    turned = np.rot90(tight, side)
    cut = int(rng.integers(1, max(2, turned.shape[0] // 8)))
    return np.ascontiguousarray(np.rot90(turned[cut:], -side))


def binary(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """1-bit at a random level and a small size: blocky edges, as fax-like scans have."""
    small = scaled(_tight(image), int(rng.integers(12, 29)), cv2.INTER_LINEAR)
    return np.where(small > rng.integers(60, 190), 255, 0).astype(np.uint8)


def stroke(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Marker-thick strokes whose holes nearly close, or hairlines, at 4x size."""
    big = scaled(image, 112, cv2.INTER_LINEAR)
    steps = int(rng.integers(2, 8))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    if rng.random() < THICK_SHARE:
        return cv2.dilate(big, kernel, iterations=steps)
    thin = cv2.erode(big, kernel, iterations=min(steps, 4))
    return thin if thin.max() > 0 else big


def blurred(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Out of focus or smeared by a low-resolution camera."""
    big = scaled(image, int(rng.integers(40, 100)), cv2.INTER_LINEAR)
    sigma = float(rng.uniform(0.8, 2.5)) * big.shape[0] / 40
    return cv2.GaussianBlur(big, (0, 0), sigma)


def stretched(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Narrower or wider and slanted either way, as writers differ."""
    big = scaled(image, 56, cv2.INTER_LINEAR)
    sx, shear = float(rng.uniform(0.6, 1.4)), float(rng.uniform(-0.35, 0.35))
    height, width = big.shape
    matrix = np.array([[sx, shear, (1 - sx) * width / 2 - shear * height / 2], [0, 1, 0]], np.float32)
    return cv2.warpAffine(big, matrix, (2 * width, height), borderValue=0)


def elastic(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Bent strokes: a smooth random displacement of every pixel (elastic distortion)."""
    big = scaled(image, 56, cv2.INTER_LINEAR)
    height, width = big.shape
    field = rng.uniform(-1, 1, (2, height, width)).astype(np.float32)
    strength, smooth = float(rng.uniform(20, 45)), float(rng.uniform(5, 7))
    dx, dy = (cv2.GaussianBlur(f, (0, 0), smooth) * strength for f in field)
    grid_x, grid_y = np.meshgrid(np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32))
    return cv2.remap(big, grid_x + dx, grid_y + dy, cv2.INTER_LINEAR, borderValue=0)


def styled(image: np.ndarray, label: int, rng: np.random.Generator) -> np.ndarray:
    """How many people write 7, 1, 9, 4 and 0: a bar across the 7's stem, a long flag on the 1,
    the 9's loop closed on the stem's other side (like "P"), the 4's stem starting at its bar or
    its bar low, with a short tail below it (like "h"), the 0 with the start of a cursive tie."""
    big = scaled(image, 112, cv2.INTER_LINEAR).copy()
    ys, xs = np.nonzero(big > 100)
    if xs.size == 0:
        return big
    pen = max(3, round(np.count_nonzero(big > 100) / max(1, len(np.unique(ys))) / 2))
    top, bottom = int(ys.min()), int(ys.max())
    if label == 7:
        y = int(top + (bottom - top) * rng.uniform(0.45, 0.6))
        row = np.flatnonzero(big[y] > 100)
        centre = int(row.mean()) if row.size else int(xs.mean())
        half = int((bottom - top) * rng.uniform(*CROSS_HALF))
        cv2.line(big, (centre - half, y), (centre + half, y), 255, pen)
    elif label == 1:
        x = int(xs[ys <= top + 2].mean())
        length = (bottom - top) * rng.uniform(*FLAG_LONG)
        angle = rng.uniform(*FLAG_ANGLE)  # radians below the horizontal, to the left
        end = (int(x - length * np.cos(angle)), int(top + length * np.sin(angle)))
        cv2.line(big, (x, top), end, 255, pen)
    elif label == 9:
        return _mirrored_upright(big)
    elif label == 0:
        return _tailed(big, rng, pen)
    elif label == 4:
        if rng.random() < LOW_BAR_SHARE:  # like "h": the stem short, from the middle to a low bar
            return _opened(_bar_lowered(big, rng), rng, LOW_OPEN)
        return _opened(big, rng, OPEN)
    return big


def _tailed(image: np.ndarray, rng: np.random.Generator, pen: int) -> np.ndarray:
    """A cursive 0: the stroke that would tie it to the next digit leaving its top on the right,
    about level, and cut off short."""
    ys, xs = np.nonzero(image > 100)
    top, bottom = int(ys.min()), int(ys.max())
    upper = ys <= top + 0.25 * (bottom - top)
    right = int(np.argmax(np.where(upper, xs, -1)))
    start = (int(xs[right]), int(ys[right]))
    length = (bottom - top) * rng.uniform(*TAIL_LONG)
    angle = rng.uniform(-TAIL_ANGLE, TAIL_ANGLE)  # radians from the horizontal
    end = (int(start[0] + length * np.cos(angle)), int(start[1] - length * np.sin(angle)))
    wide = np.pad(image, ((0, 0), (0, max(0, end[0] + pen - image.shape[1] + 1))))
    cv2.line(wide, start, end, 255, pen)
    return wide


def _opened(image: np.ndarray, rng: np.random.Generator, levels: tuple[float, float]) -> np.ndarray:
    """A 4 whose stem starts lower than its arm: its ink right of the middle rubbed out above a
    level drawn from ``levels`` (shares of its height)."""
    ys, xs = np.nonzero(image > 100)
    bar = int(ys.min() + (ys.max() - ys.min()) * rng.uniform(*levels))
    image[:bar, int(xs.mean()):] = 0
    return image


def _mirrored_upright(image: np.ndarray) -> np.ndarray:
    """``image`` mirrored left to right, then sheared so that its lowest part (a 9's stem) leans
    as it did."""
    rows = np.flatnonzero(image.max(axis=1) > 100)
    if rows.size < 2:
        return image
    low = int(rows[0] + 0.6 * (rows[-1] - rows[0]))
    moments = cv2.moments(image[low:])
    if moments["mu02"] == 0:
        return image
    lean = float(np.clip(moments["mu11"] / moments["mu02"], -MOST_LEAN, MOST_LEAN))  # (a curled tail leans more)
    shear = 2 * lean  # mirrored, the stem leans the other way
    height, width = image.shape
    matrix = np.array([[1, shear, width / 2 - shear * low], [0, 1, 0]], np.float32)
    return cv2.warpAffine(np.ascontiguousarray(image[:, ::-1]), matrix, (2 * width, height), borderValue=0)


def bar_row(image: np.ndarray) -> int:
    """The row of a 4's bar: the most inked row between 0.3 and 0.8 of its height."""
    rows = np.flatnonzero(image.max(axis=1) > 100)
    inked = np.count_nonzero(image > 100, axis=1)
    low, high = int(rows[0] + 0.3 * (rows[-1] - rows[0])), int(rows[0] + 0.8 * (rows[-1] - rows[0])) + 1
    return low + int(np.argmax(inked[low:high]))


def _bar_lowered(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A 4 stretched above its bar and squashed below it, so that the bar lies at 0.75-0.88 of
    its height: the stem's tail short."""
    rows = np.flatnonzero(image.max(axis=1) > 100)
    top, bottom, bar = int(rows[0]), int(rows[-1]), bar_row(image)
    lowered = top + (bottom - top) * rng.uniform(0.75, 0.88)
    if lowered <= bar:
        return image
    height, width = image.shape
    source = np.interp(np.arange(height), [0, top, lowered, bottom, height - 1], [0, top, bar, bottom, height - 1])
    map_y = np.repeat(source.astype(np.float32)[:, None], width, axis=1)
    map_x = np.repeat(np.arange(width, dtype=np.float32)[None], height, axis=0)
    return cv2.remap(image, map_x, map_y, cv2.INTER_LINEAR)


STYLED = (0, 1, 4, 7, 9)  # the digits ``styled`` writes in another style
CROSS_HALF = (0.15, 0.35)  # a crossed 7's bar reaches this share of its height to either side of the stem
FLAG_LONG = (0.25, 0.7)  # a 1's flag is this share of its height long...
FLAG_ANGLE = (0.4, 1.1)  # ...and leans this far below the horizontal (radians: 23-63 degrees)
TAIL_LONG = (0.15, 0.4)  # a cursive 0's tail is this share of its height long...
TAIL_ANGLE = 0.35  # ...and at most this far from level (radians, up or down: 20 degrees)
MOST_LEAN = 0.4  # a mirrored 9's stem is leant back by at most this (x per row, about 22 degrees)


VARIANTS: dict[str, Variant] = {
    "low_resolution": low_resolution, "clipped": clipped, "binary": binary, "stroke": stroke,
    "blurred": blurred, "stretched": stretched, "elastic": elastic,
}
THICK_SHARE = 0.6  # of the stroke variants, this share is marker-thick, the rest hairlines
LOW_BAR_SHARE = 0.5  # of the 4s written in another style, this share has its bar low, the rest are open
OPEN = (0.2, 0.45)  # an open 4's stem starts this far down its height (a share)...
LOW_OPEN = (0.35, 0.6)  # ...and one with its bar low, this far
STYLE_SHARE = 0.5  # of the 1s, 4s, 7s and 9s chosen for a variant, this share is written in the other style
TIED = 0.5  # of digits written in one go, this share is tied to the next by a cursive stroke
PIECES_PER_NUMBER = 4  # pieces taken from each number written in one go
WHOLE = 0.85  # a piece holding this share of one digit's ink...
STUB = 0.12  # ...and at most this share of any other's is that digit
PART = 0.6  # one holding less than this share of any digit, or more of two, is no digit...
NOT_ONE = 0.3  # ...if at least this share of its height wide
FRAGMENTS = 0.35  # of the pieces that are no digit, this share is taught (about as many as digits)
DARK_ON_LIGHT = 0.5  # this share of the variants is handed over as ink on paper, the rest as MNIST is


def _at_height(image: np.ndarray, height: int) -> np.ndarray:
    """The digit cut to its ink and scaled to ``height`` rows, its aspect kept."""
    tight = _tight(image)
    width = max(1, round(tight.shape[1] * height / tight.shape[0]))
    return cv2.resize(tight, (width, height), interpolation=cv2.INTER_LINEAR)


def pair(first: np.ndarray, second: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Two digits side by side at one height, touching or overlapping a little: what a region of
    two joined digits looks like before it is cut (white on black, uint8)."""
    height = 56
    left, right = _at_height(first, height), _at_height(second, height)
    overlap = int(rng.integers(0, max(1, min(left.shape[1], right.shape[1]) // 4)))
    out = np.zeros((height, left.shape[1] + right.shape[1] - overlap), np.uint8)
    out[:, :left.shape[1]] = left
    view = out[:, left.shape[1] - overlap:]
    np.maximum(view, right, out=view)
    return out


def pairs(images: np.ndarray, count: int, seed: int = 0) -> np.ndarray:
    """``count`` pairs of random MNIST images (N, 28, 28) side by side (``pair``), each read as a
    piece of a number is (``ink_to_mnist``): float32 (count, 28, 28). No one digit: the model is
    taught to be unsure of them, so that a joined pair is cut rather than read as one digit."""
    rng = np.random.default_rng(seed)
    out = np.zeros((count, 28, 28), np.float32)
    for i in range(count):
        first, second = rng.integers(len(images), size=2)
        digit = ink_to_mnist(pair(images[first], images[second], rng))
        if digit is not None:
            out[i] = digit
    return out


def joined(images: list[np.ndarray], rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Digits written in one go, as on a cheque: side by side at one height, some touching or
    overlapping a little, some tied by a stroke from low on one to low on the next, as cursive
    writing ties them. Returns the ink (white on black, uint8) and which digit (0, 1, ...; -1 for
    a tie or no ink) each pixel's ink belongs to."""
    height = 56
    parts = [_at_height(image, height) for image in images]
    gaps = [int(rng.integers(-part.shape[1] // 4, max(1, part.shape[1] // 4))) for part in parts[1:]]
    starts = np.cumsum([0, *(part.shape[1] + gap for part, gap in zip(parts[:-1], gaps, strict=True))])
    starts -= min(0, int(starts.min()))
    ink = np.zeros((height, int(max(s + p.shape[1] for s, p in zip(starts, parts, strict=True)))), np.uint8)
    owner = np.full(ink.shape, -1, np.int64)
    for k, (start, part) in enumerate(zip(starts, parts, strict=True)):
        view = ink[:, start:start + part.shape[1]]
        owner[:, start:start + part.shape[1]][part > view] = k
        np.maximum(view, part, out=view)
    inked = ink > 100  # a stroke's width, about: the ink of a column over the three strokes most cross
    pen = max(2, round(np.count_nonzero(inked) / max(1, np.count_nonzero(inked.any(axis=0))) / 3))
    for k in range(len(parts) - 1):
        if rng.random() < TIED:
            _tie(ink, owner == k, owner == k + 1, pen, rng)
    return ink, owner


def _tie(ink: np.ndarray, first: np.ndarray, second: np.ndarray, pen: int, rng: np.random.Generator) -> None:
    """A cursive stroke from the lower part of ``first`` (a mask of its ink) to the lower part of
    ``second``, sagging a little, drawn into ``ink``."""
    height = ink.shape[0]
    ends = []
    for mask, side in ((first, -1), (second, 0)):
        rows = slice(round(height * rng.uniform(0.45, 0.65)), round(height * 0.95))
        ys, xs = np.nonzero(mask[rows] & (ink[rows] > 100))
        if xs.size == 0:
            return
        pick = np.argsort(xs)[side]
        ends.append((int(xs[pick]), int(ys[pick]) + rows.start))
    (x0, y0), (x1, y1) = ends
    sag = rng.uniform(0, 0.15) * height
    steps = np.linspace(0, 1, 12)
    curve = np.stack([x0 + (x1 - x0) * steps, y0 + (y1 - y0) * steps + sag * 4 * steps * (1 - steps)], axis=1)
    curve[:, 1] = np.clip(curve[:, 1], 0, height - 1)
    cv2.polylines(ink, [np.round(curve).astype(np.int32)], False, 255, pen, cv2.LINE_AA)


def cut_pieces(images: np.ndarray, labels: np.ndarray, count: int,
               seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Pieces of joined digits (``joined``) as ``touching.split`` weighs them: between two of the
    cuts it tries, read as a piece of a number is. A piece holding nearly all of one digit and
    little of the others is that digit (tie stubs and a neighbour's edge included); one holding
    part of a digit only, or much of two, is no digit (a uniform target), so that the model
    reads a half 0 or an 8's loop unsurely and the cuts keep digits whole. Returns float32
    (count, 28, 28) images and (count, 10) targets."""
    rng = np.random.default_rng(seed)
    out, targets = np.zeros((count, 28, 28), np.float32), np.zeros((count, 10), np.float32)
    made = 0
    while made < count:
        chosen = rng.integers(len(images), size=int(rng.integers(2, 4)))
        ink, owner = joined([images[i] for i in chosen], rng)
        height = float(ink.shape[0])
        strength = ink.astype(np.float32) / 255
        ways = (touching.seams(strength, height), touching.straight(strength))
        cuts = touching.candidate_cuts_of(strength, height, ways, evenly=True)
        options = touching.spans(cuts, height)
        totals = np.array([strength[owner == k].sum() for k in range(len(chosen))])
        for i in rng.permutation(len(options))[:PIECES_PER_NUMBER]:
            a, b = options[i]
            start, piece = touching.piece(strength, cuts[a], cuts[b])
            inside = owner[:, start:start + piece.shape[1]]
            shares = np.array([piece[inside == k].sum() for k in range(len(chosen))]) / np.maximum(totals, 1e-6)
            best = int(shares.argmax())
            others = np.delete(shares, best).max(initial=0.0)
            columns = np.flatnonzero(piece.max(axis=0) > touching.STROKE)
            if shares[best] >= WHOLE and others <= STUB:
                target = np.eye(10, dtype=np.float32)[labels[chosen[best]]]
            elif (shares[best] < PART or others > PART) and columns.size and \
                    columns[-1] - columns[0] >= NOT_ONE * height and rng.random() < FRAGMENTS:
                target = np.full(10, 0.1, np.float32)  # (a narrower fragment may well look like a 1)
            else:
                continue
            digit = ink_to_mnist(piece)
            if digit is not None and made < count:
                out[made], targets[made] = digit, target
                made += 1
    return out, targets


def real_world(images: np.ndarray, labels: np.ndarray, seed: int = 0,
               kinds: tuple[str, ...] = tuple(VARIANTS)) -> np.ndarray:
    """One variant of each raw MNIST image (N, 28, 28), of a random kind, read as the app reads
    a picture of one digit (its likelier reading): float32 (N, 28, 28)."""
    rng = np.random.default_rng(seed)
    out = np.zeros((len(images), 28, 28), np.float32)
    for i, (image, label) in enumerate(zip(images, labels, strict=True)):
        if label in STYLED and rng.random() < STYLE_SHARE:
            variant = styled(image, int(label), rng)
        else:
            variant = VARIANTS[kinds[int(rng.integers(len(kinds)))]](image, rng)
        if rng.random() < DARK_ON_LIGHT:
            variant = 255 - variant
        found = readings(variant)
        digit = ink_to_mnist(found[0].ink) if found else None
        out[i] = digit if digit is not None else to_mnist(image)
    return out
