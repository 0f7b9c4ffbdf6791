"""Digits as real sources give them: cut tight, touching the frame, tiny, 1-bit, either polarity,
scanned with a little noise. Made here from the committed MNIST slice."""

from __future__ import annotations

import io
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

import digitpad

COUNT = 40  # test digits per case: enough that one odd digit does not decide a case


def read_right(mnist_slice, count: int) -> list[tuple[np.ndarray, int]]:
    """The first ``count`` test digits the bundled model reads right as MNIST gives them, cut to
    their ink."""
    chosen = []
    for image, label in zip(mnist_slice.x_test, mnist_slice.y_test, strict=True):
        if digitpad.recognize(image).digit == label:
            rows, cols = np.flatnonzero(image.max(1) > 40), np.flatnonzero(image.max(0) > 40)
            chosen.append((image[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1], int(label)))
        if len(chosen) == count:
            break
    return chosen


@pytest.fixture(scope="module")
def digits(mnist_slice):
    return read_right(mnist_slice, COUNT)


def scanned(ink: np.ndarray, seed: int, dark_on_light: bool = True) -> np.ndarray:
    """White-on-black ``ink`` as a scanner gives it: paper tone, sensor noise, JPEG."""
    rng = np.random.default_rng(seed)
    pixels = 255.0 - ink * 0.85 if dark_on_light else 20 + ink * 0.85
    pixels = np.clip(pixels + rng.normal(0, 4, ink.shape), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=70)
    return np.asarray(Image.open(buffer))


def resized(ink: np.ndarray, longest: int) -> np.ndarray:
    scale = longest / max(ink.shape)
    size = (max(1, round(ink.shape[1] * scale)), max(1, round(ink.shape[0] * scale)))
    method = Image.BILINEAR if scale > 1 else Image.BOX
    return np.asarray(Image.fromarray(ink).resize(size, method))


def against_edge(ink: np.ndarray, edge: str, side: int = 120) -> np.ndarray:
    """The digit, 90% of the picture tall, lying flush against one ``edge`` of a square picture."""
    digit = resized(ink, int(0.9 * side))
    canvas = np.zeros((side, side), np.uint8)
    height, width = digit.shape
    top = {"top": 0, "bottom": side - height}.get(edge, (side - height) // 2)
    left = {"left": 0, "right": side - width}.get(edge, (side - width) // 2)
    canvas[top:top + height, left:left + width] = digit
    return canvas


def share_read(digits, make) -> float:
    results = [digitpad.recognize(make(ink, i)) for i, (ink, _) in enumerate(digits)]
    assert all(result.digit is not None for result in results), "an inked image got no answer"
    return float(np.mean([result.digit == label for result, (_, label) in zip(results, digits, strict=True)]))


@pytest.mark.parametrize("edge", ["left", "right", "top", "bottom"])
def test_a_digit_touching_an_edge(digits, edge):
    assert share_read(digits, lambda ink, i: scanned(against_edge(ink, edge), i)) >= 0.95


def test_a_digit_filling_the_frame(digits):
    assert share_read(digits, lambda ink, i: scanned(resized(ink, 100), i)) >= 0.95


@pytest.mark.parametrize("side", [64, 200])
def test_an_enlarged_digit_cut_tight_is_read_whole(mnist_slice, side):
    """A scan cut to its digit and enlarged: strokes with soft edges, reaching the frame, where
    the photo path keeps only a piece (a stroke alone reads as a sure 1). Of the slice's test
    digits read right as MNIST gives them, 0.96% were misread so before 2026-12-02, 0.15% after."""
    many = read_right(mnist_slice, 1000)
    assert share_read(many, lambda ink, i: 255 - resized(ink, side)) >= 0.995


@pytest.mark.parametrize("side, least", [(16, 0.9), (8, 0.75)])
def test_tiny_digits(digits, side, least):
    """16x16 as USPS scans are, 8x8 as the smallest digit datasets; at 8 px some digits are
    truly ambiguous."""
    assert share_read(digits, lambda ink, i: 255 - resized(ink, side)) >= least


TONES = {
    "dark on light": lambda ink: 255 - ink,
    "light on dark": lambda ink: ink,
    "grey on grey": lambda ink: (200 - ink.astype(np.float32) * 0.6).astype(np.uint8),
}


@pytest.mark.parametrize("tone", TONES)
def test_an_8px_digit_either_way_round(mnist_slice, tone):
    """At 8 px a tight crop's strokes cross every edge: its border is as much ink as paper, and
    no guide to which tone is paper. (Some 8 px digits are truly ambiguous: 5% may be misread.)"""
    many = read_right(mnist_slice, 200)
    assert share_read(many, lambda ink, i: TONES[tone](resized(ink, 8))) >= 0.95


def light_share(picture: np.ndarray) -> float:
    """How much of ``picture``'s border is lighter than its middle tone."""
    middle = (int(picture.max()) + int(picture.min())) / 2
    border = np.concatenate([picture[0], picture[-1], picture[:, 0], picture[:, -1]])
    return float(np.mean(border > middle))


def clipped_8px(ink: np.ndarray) -> list[np.ndarray]:
    """An 8 px crop, dark on light, whole and clipped by 1 or 2 px at each edge."""
    crop = 255 - resized(ink, 8)
    pictures = []
    for side in range(4):
        turned = np.rot90(crop, side)
        pictures += [np.rot90(turned[cut:], -side) for cut in (0, 1, 2) if turned.shape[0] - cut >= 4]
    return pictures


@pytest.mark.parametrize("dark_on_light", [True, False])
def test_a_tiny_crop_whose_border_is_mostly_ink(mnist_slice, dark_on_light):
    """An 8 px digit cut tight (or clipped), only a fifth to a third of whose border is paper:
    its border does not say which tone is paper, so both are tried. Until late 2026-12-02 such a
    crop was read only with the border's commoner tone as paper: 59% of these read right."""
    chosen = []
    for ink, label in read_right(mnist_slice, 500):
        mostly_ink = [picture for picture in clipped_8px(ink) if 0.2 <= light_share(picture) < 0.35]
        if mostly_ink:
            chosen.append((mostly_ink[0] if dark_on_light else 255 - mostly_ink[0], label))
    assert len(chosen) >= 20
    assert share_read(chosen, lambda picture, i: picture) >= 0.8


def thick_seven(width: int, height: int, pen: int) -> np.ndarray:
    """A marker 7 cut tight: its bar along the top edge, its stem down the right edge, so that
    the picture's border is mostly ink while the picture is mostly paper."""
    picture = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(picture)
    draw.line((0, pen // 2, width, pen // 2), fill=255, width=pen)
    draw.line((width - pen // 2, 0, width - pen // 2, height), fill=255, width=pen)
    return np.asarray(picture)


def test_a_digit_whose_strokes_run_along_the_edges():
    sevens = [scanned(thick_seven(width, 200, pen), seed)
              for seed in range(2) for width in (80, 90, 100, 110) for pen in (30, 34, 38)]
    results = [digitpad.recognize(seven) for seven in sevens]
    assert all(result.digit is not None for result in results)
    assert np.mean([result.digit == 7 for result in results]) >= 0.8


def test_a_one_bit_digit(digits):
    def one_bit(ink, i):
        return np.where(resized(ink, 40) > 110, 0, 255).astype(np.uint8)

    assert share_read(digits, one_bit) >= 0.95


def test_light_ink_on_dark_cut_tight(digits):
    assert share_read(digits, lambda ink, i: scanned(resized(ink, 64), i, dark_on_light=False)) >= 0.95


def test_recognize_and_read_digits_agree_on_one_digit(digits):
    for i, (ink, _) in enumerate(digits[:10]):
        image = scanned(against_edge(ink, "left"), i)
        found = digitpad.read_digits(image)
        assert len(found) == 1 and found[0].digit == digitpad.recognize(image).digit


@settings(max_examples=40, deadline=None)
@given(
    side=st.integers(8, 300),
    dark_on_light=st.booleans(),
    points=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=2, max_size=5),
    pen=st.floats(0.04, 0.2),
)
@example(side=64, dark_on_light=False, points=[(0.0, 1.0), (0.0, 0.0), (1.0, 0.0)], pen=0.125)  # along two edges
@example(side=200, dark_on_light=True, points=[(0.0, 1.0), (0.0, 0.0), (1.0, 0.0)], pen=0.125)  # (as a desk lies)
@example(side=100, dark_on_light=False, points=[(1.0, 0.0), (0.0, 0.0), (0.0, 1.0), (1.0, 1.0)], pen=0.2)  # three
def test_every_inked_image_gets_an_answer(side, dark_on_light, points, pen):
    """Any visible stroke, anywhere, at any size, is read as some digit: None is for blank images.
    A stroke along the frame too: it holds two or three of its edges, where the paper's tone is
    looked for."""
    scale = side - 1
    if max(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in pairwise(points)) * scale < 2:
        points = [(0.2, 0.2), (0.8, 0.8)]  # the stroke must be longer than a dot
    picture = Image.new("L", (side, side), 235 if dark_on_light else 30)
    ImageDraw.Draw(picture).line([(x * scale, y * scale) for x, y in points],
                                 fill=40 if dark_on_light else 220, width=max(1, round(pen * side)))
    assert digitpad.recognize(picture).digit is not None
