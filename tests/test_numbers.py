"""Numbers as people write them: touching digits, digits on the frame, separators, two rows, and
boxes in the pixels of the image given."""

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

import digitpad
from digitpad.recognizer import Recognition, is_mark
from digitpad.segment import find_digits
from tests.helpers import digits_of, draw, write, written


def strip(digits, height=60, gap=0.75, margin=0.0, marks=(), gaps=None):
    """A scanned strip of writing cut tight around ``digits`` (``margin`` in digit heights), each
    ``gap`` heights after the one before (or ``gaps[i]`` after digit i), with ``marks`` ((kind,
    after which digit)) between them: what a cheque's amount box holds."""
    rng = np.random.default_rng(sum(digits))
    gaps = gaps or [gap] * len(digits)
    lefts = margin * height + height * np.concatenate([[0], np.cumsum(gaps[:-1])])
    width = int(lefts[-1] + 0.85 * height + margin * height)
    page = Image.new("L", (width, int(height * (1 + 2 * margin)) + 2), 0)
    pen = ImageDraw.Draw(page)
    top = margin * height
    for left, digit in zip(lefts, digits, strict=True):
        write(pen, digit, (left, top, height), height * 0.09, ink=255)
    for kind, after in marks:
        x = lefts[after] + gaps[after] * height - 0.12 * height
        if kind == "dot":
            pen.ellipse((x - 3, top + height - 7, x + 3, top + height - 1), fill=255)
        elif kind == "dash":
            pen.line([(x - 8, top + height * 0.55), (x + 8, top + height * 0.55)], fill=255, width=4)
        elif kind == "equals":  # written tall, as after a cheque's amount
            for level in (0.32, 0.75):
                pen.line([(x - 4, top + height * level), (x + 26, top + height * level)], fill=255, width=7)
    ink = np.asarray(page, np.float32) / 255
    scan = 230 - 190 * ink + rng.normal(0, 5, ink.shape)
    return np.clip(scan, 0, 255).astype(np.uint8)


def read(image) -> str:
    return "".join(str(r.digit) for r in digitpad.read_digits(image))


@pytest.mark.parametrize("pair", [[3, 8], [5, 0], [2, 7], [6, 4]])
def test_touching_pairs_are_cut_apart(pair):
    """Two digits run into each other inside a number."""
    digits = [1, *pair, 9]
    assert read(strip(digits, margin=0.2, gaps=[0.9, 0.55, 0.9, 0.9])) == "".join(map(str, digits))


def test_a_lone_wide_pair_is_cut_apart():
    assert read(strip([0, 0], gap=0.8, margin=0.2)) == "00"


def test_digits_on_the_frame_are_kept():
    """Cut tight: the first and last digits touch the left and right edges, all touch top and bottom."""
    assert read(strip([1, 0, 3, 5, 9])) == "10359"


def scan_of(page: Image.Image, seed: int = 1) -> np.ndarray:
    """``page`` (white ink on black) as a grey scan: dark ink on light paper, with noise."""
    ink = np.asarray(page, np.float32) / 255
    return np.clip(230 - 190 * ink + np.random.default_rng(seed).normal(0, 5, ink.shape), 0, 255).astype(np.uint8)


def test_a_first_digit_written_tall_on_the_frame_is_kept_and_the_box_rule_is_not():
    """A cheque's first digit is often written taller than the rest, here reaching from near the
    top of the box to its bottom at the left edge (1.6 times as tall as the others): a digit,
    though a box under twice as wide as tall may have a page edge there. The amount box's rule
    in its place, from the top edge to the bottom, is not."""
    page = Image.new("L", (185, 100), 0)
    pen = ImageDraw.Draw(page)
    write(pen, 7, (-4, 4, 88), 6, ink=255)
    for k, digit in enumerate([0, 8]):
        write(pen, digit, (70 + k * 55, 36, 56), 5, ink=255)
    assert read(scan_of(page)) == "708"
    pen.rectangle((0, 0, 66, 100), fill=0)  # the tall 4 rubbed out...
    rule = [(4 + 4 * np.sin(y / 9), y) for y in range(0, 101, 4)]  # ...and the box's rule at the left edge,
    pen.line(rule, fill=255, width=3)  # wavy as a scanned one (a straight one goes as a ruled line)
    assert read(scan_of(page)) == "08"


def test_separators_are_not_digits():
    assert read(strip([5, 0, 0, 0, 0], margin=0.15, marks=[("dot", 1), ("dash", 4)])) == "50000"


def test_thousands_written_small_after_the_point_are_digits_and_a_tick_is_not():
    """"40.000" with the thousands a third as tall as the 4 (as many cheques have them): small
    loops read surely are digits; a tick as small, which may read as a 1, is a mark."""
    page = Image.new("L", (250, 70), 0)
    pen = ImageDraw.Draw(page)
    write(pen, 4, (4, 4, 60), 5.5, ink=255)
    write(pen, 0, (52, 4, 60), 5.5, ink=255)
    pen.ellipse((100, 58, 105, 63), fill=255)  # the thousands point
    for k in range(3):
        write(pen, 0, (112 + k * 20, 42, 21), 3, ink=255)
    pen.line([(190, 44), (190, 63)], fill=255, width=3)  # the tick
    scan = 230 - 190 * np.asarray(page, np.float32) / 255 + np.random.default_rng(1).normal(0, 5, (70, 250))
    assert read(np.clip(scan, 0, 255).astype(np.uint8)) == "40000"


def test_a_tall_equals_sign_after_the_number_is_no_digit():
    assert read(strip([4, 0, 7], margin=0.5, gaps=[0.75, 0.75, 0.95], marks=[("equals", 2)])) == "407"


def test_what_counts_as_a_mark_beside_the_digits():
    """Marks: a piece a quarter as tall as its line's digits however surely it reads (a fragment
    cut off a joined pair, a small loop); short or flat pieces read unsurely; dashes. Small
    digits read surely (cents written half as tall) stay."""
    def piece(width, height, sure, image=None):
        probabilities = np.full(10, (1 - sure) / 9, np.float32)
        probabilities[0] = sure
        return Recognition(0, probabilities, image, box=(0, 0, width, height))

    ring, bars = np.zeros((28, 28), np.float32), np.zeros((28, 28), np.float32)
    cv2.ellipse(ring, (14, 14), (10, 6), 0, 0, 360, 1.0, 2)  # a small 0, written flat
    bars[9:12, 4:24] = bars[16:19, 4:24] = 1.0  # an "="

    line = 60
    assert is_mark(piece(14, 15, 1.0), line)  # a quarter as tall: a mark, though read surely
    assert is_mark(piece(20, 27, 0.6), line) and not is_mark(piece(20, 27, 0.99), line)  # small 0s
    assert is_mark(piece(40, 8, 1.0), line)  # a dash
    assert not is_mark(piece(36, 24, 1.0, ring), line)  # short and flat, but a loop: a small 0
    assert is_mark(piece(36, 24, 1.0, bars), line)  # as short and flat, and one stroke deep each way
    assert is_mark(piece(30, 36, 0.97, bars), line)  # taller, read surely, but each of its strokes flat
    assert not is_mark(piece(40, 58, 0.6), line)  # a digit the model is unsure of is still a digit
    assert not is_mark(piece(80, 50, 0.6), line)  # flat but as tall as digits: two touching, read unsurely


def test_marks_written_above_the_line_or_hanging_below_it_are_not_digits():
    """Where its line lies is known, a piece read surely that ends above the line's middle (an
    "=" written high) or a narrow stroke in its lower part that reaches its bottom (a comma) is a
    mark; a loop up there (cents written high) and digits on the line, or a little below it, are not."""
    def piece(box, image=None):
        probabilities = np.full(10, 0.001, np.float32)
        probabilities[5] = 0.991
        return Recognition(5, probabilities, image, box=box)

    ring = np.zeros((28, 28), np.float32)
    cv2.ellipse(ring, (14, 14), (7, 9), 0, 0, 360, 1.0, 2)
    line, height = (100.0, 160.0), 60
    high, comma, on_line = piece((0, 100, 30, 128)), piece((0, 130, 10, 172)), piece((0, 128, 14, 160))
    assert not any(is_mark(mark, height) for mark in (high, comma, on_line))  # without the line, digits
    assert all(is_mark(mark, height, line) for mark in (high, comma, on_line))
    floating = piece((0, 115, 30, 144))  # short, at mid-height: a dash or an "=" written in one go
    assert not is_mark(floating, height) and is_mark(floating, height, line)
    assert not is_mark(piece((0, 124, 30, 158)), height, line)  # as short, standing on the line
    assert not is_mark(piece((0, 100, 30, 128), ring), height, line)  # a loop written high
    assert not is_mark(piece((0, 100, 30, 160)), height, line)  # a digit on the line
    assert not is_mark(piece((0, 112, 12, 172)), height, line)  # a 1 written a little low
    assert not is_mark(piece((0, 135, 20, 160), ring), height, line)  # a small 0 after the point


def test_a_mark_written_above_the_line_is_read_with_its_line():
    """A small "=" above the end of a number is not a line of its own read before the number:
    it joins the number's line, at its place, and does not change where that line lies."""
    page = strip([3, 8, 6], margin=0.6)
    digits = find_digits(page)
    mark, right = page.copy(), page.shape[1] - 14  # (right of the 6, a little above the line)
    cv2.line(mark, (right - 18, 24), (right, 24), 40, 4)
    cv2.line(mark, (right - 18, 40), (right, 40), 40, 4)
    regions = find_digits(mark)
    assert len(regions) == len(digits) + 1 and regions[-1].box[1] < digits[0].box[1]
    assert all(region.line == digits[0].line for region in regions)


def test_a_small_digit_drawn_at_mid_height_on_the_canvas_is_kept():
    """On a canvas every stroke is meant: a digit drawn small, floating above the line's bottom,
    is read, where on a photo it would be taken for a dash or an "="."""
    canvas = Image.new("L", (560, 300), 255)
    pen = ImageDraw.Draw(canvas)
    for left, digit in ((30, 4), (200, 1), (290, 4)):
        write(pen, digit, (left, 50, 200), 16)
    write(pen, 7, (460, 90, 110), 12)
    assert len(digitpad.read_digits(canvas)) == 4


def test_an_open_four_of_two_strokes_side_by_side_is_one_digit():
    page = Image.new("L", (330, 130), 235)
    pen = ImageDraw.Draw(page)
    write(pen, 1, (30, 25, 80), 7, ink=30)
    pen.line([(150, 25), (128, 80), (182, 80)], fill=30, width=7, joint="curve")  # the 4's open hook...
    pen.line([(192, 28), (192, 108)], fill=30, width=7)  # ...and its stem, apart from it
    write(pen, 7, (225, 25, 80), 7, ink=30)
    noisy = np.asarray(page) + np.random.default_rng(0).normal(0, 4, (130, 330))
    assert read(np.clip(noisy, 0, 255).astype(np.uint8)) == "147"


def test_twenty_digits_in_two_rows_read_in_order():
    rows = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 3, 7, 4, 8, 6, 9, 5, 2]]
    photo = written(rows, height=60, lines=2, gap=1.1, seed=4)
    assert digits_of(digitpad.read_digits(photo)) == rows[0] + rows[1]


@pytest.mark.parametrize("as_source", ["pil", "array", "jpeg", "png"])
def test_boxes_are_in_the_pixels_of_the_image_given(as_source, tmp_path):
    """A 4000 x 1000 picture is read shrunk; the boxes still point at the digit in the original."""
    image = Image.new("L", (4000, 1000), 250)
    write(ImageDraw.Draw(image), 7, (2850, 150, 300), 40, ink=20)
    source = {"pil": image, "array": np.asarray(image)}.get(as_source)
    if source is None:
        source = tmp_path / f"wide.{as_source}"
        image.save(source)
    (found,) = digitpad.read_digits(source)
    left, top, right, bottom = found.box
    ink_cols = np.flatnonzero((np.asarray(image) < 128).any(axis=0))
    ink_rows = np.flatnonzero((np.asarray(image) < 128).any(axis=1))
    assert abs(left - ink_cols[0]) <= 12 and abs(right - ink_cols[-1]) <= 12
    assert abs(top - ink_rows[0]) <= 12 and abs(bottom - ink_rows[-1]) <= 12
    assert found.digit == 7


def test_a_second_digit_begun_beside_a_drawing_leaves_the_first_as_it_is():
    """Mid-stroke, the start of a 7's bar beside a drawn 4 is no part of the 4: the 4 is read
    from its own ink, not squeezed together with the new stroke into one picture."""
    four = draw(4, size=420, box=(0.05, 0.2, 0.6))
    begun = four.copy()
    begun[110:128, 280:360] = 0  # the bar, pen still down
    [alone] = digitpad.read_digits(four)
    found = digitpad.read_digits(begun)
    assert [result.digit for result in found] == [4]
    np.testing.assert_allclose(found[0].image, alone.image, atol=1e-6)


def test_the_digit_under_the_pen_is_read_while_it_is_only_a_dash():
    """With the pen on it, the begun bar is the digit being drawn, not a mark: it is read, boxed
    where it is, and the 4 beside it keeps its answer."""
    four = draw(4, size=420, box=(0.05, 0.2, 0.6))
    begun = four.copy()
    begun[110:128, 280:360] = 0
    [alone] = digitpad.read_digits(four)
    found = digitpad.read_digits(begun, pen=(359, 119))
    assert len(found) == 2 and found[0].digit == 4
    np.testing.assert_allclose(found[0].image, alone.image, atol=1e-6)
    left, top, right, bottom = found[1].box
    assert 270 <= left <= 290 and 350 <= right <= 370 and 100 <= top <= bottom <= 140
    assert [r.digit for r in digitpad.read_digits(begun, pen=(30, 400))] == [4]  # the pen elsewhere
