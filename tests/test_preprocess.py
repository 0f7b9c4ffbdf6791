import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from digitpad.preprocess import ink_map, stroke_width, to_mnist
from tests.helpers import draw


def ink_box(digit):
    rows = np.flatnonzero((digit > 0.1).any(axis=1))
    cols = np.flatnonzero((digit > 0.1).any(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def centre_of_mass(digit):
    ys, xs = np.indices(digit.shape)
    return (ys * digit).sum() / digit.sum(), (xs * digit).sum() / digit.sum()


def similarity(a, b):
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


def mnist_stroke_widths(images):
    return np.array([stroke_width(x / 255, 0.5) for x in images])


def assert_mnist_like(digit):
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert digit.min() >= 0 and digit.max() == pytest.approx(1.0)
    assert max(ink_box(digit)) in (19, 20, 21)
    cy, cx = centre_of_mass(digit)
    assert abs(cy - 13.5) <= 1 and abs(cx - 13.5) <= 1


def test_mnist_digits_stay_much_as_they_are(mnist_slice):
    similarities = []
    for raw in mnist_slice.x_test[:50]:
        digit = to_mnist(raw)
        assert_mnist_like(digit)
        similarities.append(similarity(digit, raw / 255))
    # Thin digits get thicker and some move by a pixel, but on the whole they are unchanged.
    assert np.median(similarities) > 0.75 and min(similarities) > 0.3


def test_a_drawing_becomes_white_on_black_in_a_20px_box():
    digit = to_mnist(draw(7))
    assert_mnist_like(digit)
    assert digit[0].max() == 0 and digit[:, 0].max() == 0  # black frame around the digit


def test_polarity_does_not_matter():
    drawing = draw(3)
    np.testing.assert_allclose(to_mnist(drawing), to_mnist(255 - drawing), atol=1 / 255)


def test_tiny_digit_in_a_corner_looks_like_a_big_centred_one():
    big = to_mnist(draw(2, size=280, box=(0.15, 0.05, 0.9), width=22))
    tiny = to_mnist(draw(2, size=560, box=(0.0, 0.0, 0.06), width=3))
    assert_mnist_like(tiny)
    assert similarity(big, tiny) > 0.85


@pytest.mark.parametrize("width", [1, 2])
def test_a_one_drawn_one_or_two_pixels_wide(width):
    image = np.zeros((28, 28), np.uint8)
    image[4:24, 13:13 + width] = 255
    assert_mnist_like(to_mnist(image))


def test_huge_digit_touching_every_border():
    digit = to_mnist(draw(0, size=200, box=(0.0, 0.0, 1.0), width=16)[:, 12:-12])
    assert_mnist_like(digit)
    assert similarity(digit, to_mnist(draw(0))) > 0.85


@pytest.mark.parametrize("pen", [1, 2, 45, 70])
def test_thin_and_very_thick_strokes_get_mnist_stroke_widths(pen, mnist_slice):
    low, high = np.percentile(mnist_stroke_widths(mnist_slice.x_test[:500]), [1, 99])
    digit = to_mnist(draw(4, size=280, box=(0.15, 0.1, 0.75), width=pen))
    assert_mnist_like(digit)
    assert low <= stroke_width(digit, 0.5) <= high
    assert similarity(digit, to_mnist(draw(4))) > 0.6  # the same 4, only the stroke width differs


def test_faint_pencil_is_stretched_to_full_ink():
    faint = 255 - (255 - draw(5).astype(np.int32)) // 4  # ink only 25% darker than the paper
    digit = to_mnist(faint.astype(np.uint8))
    assert_mnist_like(digit)
    assert similarity(digit, to_mnist(draw(5))) > 0.95


@pytest.mark.parametrize("blank", [
    np.zeros((280, 280), np.uint8),
    np.full((280, 280), 255, np.uint8),
    np.full((50, 70), 0.5, np.float32),
    np.zeros((0, 0)),
    np.zeros((1, 50)),
    np.zeros((50, 1)),
])
def test_nothing_to_recognise(blank):
    assert to_mnist(blank) is None


def test_paper_texture_is_not_a_digit():
    noise = np.random.default_rng(0).normal(200, 6, (280, 280)).clip(0, 255).astype(np.uint8)
    assert to_mnist(noise) is None


@pytest.mark.parametrize("convert", [
    lambda a: a < 128,  # bool ink mask
    lambda a: a.astype(np.uint16) * 257,  # 16-bit
    lambda a: a.astype(np.float32) / 255,  # float in 0-1
    lambda a: a.astype(np.float64),  # float in 0-255
    lambda a: a.astype(np.int64),
])
def test_any_numeric_dtype(convert):
    reference = to_mnist(draw(6))
    digit = to_mnist(convert(draw(6)))
    assert_mnist_like(digit)
    assert similarity(digit, reference) > 0.95


def test_a_single_dot_in_a_small_image():
    image = np.zeros((3, 3), np.uint8)
    image[1, 1] = 255
    digit = to_mnist(image)
    assert digit is not None and digit.shape == (28, 28)


def test_rejects_colour_arrays():
    with pytest.raises(ValueError, match="2-D"):
        to_mnist(np.zeros((10, 10, 3)))


@settings(max_examples=60, deadline=None)
@given(arrays(np.uint8, st.tuples(st.integers(2, 60), st.integers(2, 60))))
def test_any_gray_image_gives_a_valid_mnist_frame_or_none(image):
    digit = to_mnist(image)
    if digit is not None:
        assert digit.shape == (28, 28) and digit.dtype == np.float32
        assert np.isfinite(digit).all() and 0 <= digit.min() and digit.max() <= 1


def test_ink_map_measures_from_the_background_either_way_whatever_its_number_type():
    """Ink is how far a pixel lies from the background towards the ink, saturating at 0 beyond
    it; a background given as a numpy integer works as a Python one does."""
    gray = np.array([[0, 100, 199, 200, 255]], np.uint8)
    for background in (200, np.uint8(200), np.int64(200)):
        assert ink_map(gray, background).tolist() == [[200, 100, 1, 0, 0]]  # dark ink on light paper
    assert ink_map(gray, np.int64(100)).tolist() == [[0, 0, 99, 100, 155]]  # light ink on dark
