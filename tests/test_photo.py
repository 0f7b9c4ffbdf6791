"""Photos: lighting, polarity, ruled and squared paper, several digits, reading order."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

import digitpad
from benchmarks.photos import HERE, label_of
from digitpad.photo import remove_lines, remove_rules
from digitpad.segment import find_digits
from tests.helpers import digits_of, paper, photograph, write, written


def test_a_number_is_read_left_to_right():
    photo = written([[4, 0, 7, 1, 3]])
    results = digitpad.read_digits(photo)
    assert digits_of(results) == [4, 0, 7, 1, 3]
    lefts = [r.box[0] for r in results]
    assert lefts == sorted(lefts)


def test_two_lines_are_read_top_line_first():
    results = digitpad.read_digits(written([[2, 5, 8], [6, 9]], lines=2, page="ruled"))
    assert digits_of(results) == [2, 5, 8, 6, 9]
    assert max(r.box[3] for r in results[:3]) < min(r.box[1] for r in results[3:]) + 10


def test_grid_lines_are_removed_and_the_strokes_they_cross_kept():
    digit = np.zeros((200, 200), bool)
    digit[50:170, 88:96] = True  # a 1 across 60% of the picture ...
    digit[160:167, 60:130] = True  # ... with a base
    grid = np.zeros_like(digit)
    grid[::25] = grid[:, ::25] = True
    grid[1::25] = grid[:, 1::25] = True  # lines 2 px wide
    cleaned = remove_lines(digit | grid)
    assert (cleaned & digit).sum() / digit.sum() > 0.97  # the strokes survive, mended where lines crossed
    assert (cleaned & grid & ~digit).sum() / (grid & ~digit).sum() < 0.02


def test_a_dark_grid_does_not_disturb_reading():
    plain = np.asarray(written([[1, 4]], seed=3).convert("L"))
    photo = plain.copy()
    photo[::30] = photo[:, ::30] = 130  # a dark grid: squares 30 px apart
    assert digits_of(digitpad.read_digits(photo)) == [1, 4]
    assert digits_of(digitpad.read_digits(plain)) == [1, 4]


def test_rules_photographed_at_a_slant_are_removed_and_the_strokes_they_cross_kept():
    """Rules as dark as the pen, tilted so that no few rows hold one (a notebook photographed at
    a slant): found as thin runs across the page in one piece."""
    digit = np.zeros((200, 600), bool)
    digit[40:150, 300:307] = True  # a 1 standing on the middle rule and reaching the top one
    rules = np.zeros_like(digit)
    for top in (40, 100, 150):
        for x in range(600):
            y = top + x * 12 // 600  # 12 rows of drift across the page
            rules[y:y + 2, x] = True
    cleaned = remove_rules(digit | rules)
    assert (cleaned & digit).sum() / digit.sum() > 0.97
    assert (cleaned & rules & ~digit).sum() / (rules & ~digit).sum() < 0.02


def test_a_loop_that_just_misses_its_stem_stays_part_of_the_digit():
    """A thin pen's 9: its loop, too small to be a digit alone, a pixel short of its stem."""
    page = Image.new("L", (800, 300), 220)
    pen = ImageDraw.Draw(page)
    pen.line([(200, 120), (200, 162)], fill=60, width=3)  # a 1
    pen.line([(300, 120), (330, 120), (312, 162)], fill=60, width=3)  # a 7
    pen.ellipse((398, 120, 412, 137), outline=60, width=3)  # a 9's loop...
    pen.line([(418, 119), (411, 162)], fill=60, width=3)  # ...just short of its slanted stem
    noisy = np.asarray(page, np.float32) + np.random.default_rng(0).normal(0, 4, (300, 800))
    assert digits_of(digitpad.read_digits(np.clip(noisy, 0, 255).astype(np.uint8))) == [1, 7, 9]


def test_light_ink_on_a_dark_board():
    rng = np.random.default_rng(5)
    mask = Image.new("L", (300, 300), 0)
    write(ImageDraw.Draw(mask), 7, (90, 60, 170), 16, ink=255)
    board = photograph(Image.new("RGB", (300, 300), (40, 60, 50)), mask, rng, (225, 225, 215))
    assert digitpad.recognize(board).digit == 7
    assert digits_of(digitpad.read_digits(board)) == [7]


def test_parts_of_one_digit_stay_together():
    image = Image.new("L", (300, 300), 255)
    pen = ImageDraw.Draw(image)
    write(pen, 4, (80, 50, 200), 14)  # the 4 is two separate strokes
    pen.line([(120, 30), (200, 30)], fill=0, width=10)  # and a detached bar above it
    results = digitpad.read_digits(np.asarray(image))
    assert len(results) == 1


def test_touching_digits_are_split():
    photo = written([[3, 8]], gap=0.62)  # the digits overlap
    assert digits_of(digitpad.read_digits(photo)) == [3, 8]


@pytest.mark.parametrize("seed, kind", [(0, "ruled"), (1, "grid"), (2, "plain"), (3, "ruled")])
def test_blank_paper_has_no_digit(seed, kind):
    rng = np.random.default_rng(seed)
    blank = photograph(paper(400, 300, kind, rng), Image.new("L", (400, 300), 0), rng, (0, 0, 0))
    assert find_digits(np.asarray(blank.convert("L"))) == []
    assert digitpad.recognize(blank).digit is None


def test_specks_are_ignored():
    image = np.asarray(written([[6]], seed=2).convert("L")).copy()
    rng = np.random.default_rng(0)
    for y, x in rng.integers(5, image.shape[0] - 5, (12, 2)):
        image[y:y + 2, x:x + 2] = 40
    assert digits_of(digitpad.read_digits(image)) == [6]


@pytest.mark.parametrize("name, least", [("single", 0.9), ("hard", 0.8), ("multi", 0.8)])
def test_committed_photo_sets(name, least):
    paths = sorted((HERE / name).glob("*.jpg"))[:40]
    if name == "multi":
        right = ["".join(str(d) for d in digits_of(digitpad.read_digits(p))) == label_of(p) for p in paths]
    else:
        right = [str(digitpad.recognize(p).digit) == label_of(p) for p in paths]
    assert np.mean(right) >= least


def test_exif_rotated_photo_reads_upright():
    rotated = [p for p in sorted(Path(HERE / "hard").glob("*.jpg")) if Image.open(p).getexif().get(0x0112) == 6]
    assert rotated
    right = [str(digitpad.recognize(p).digit) == label_of(p) for p in rotated]
    assert np.mean(right) >= 0.75


def test_a_drawn_digit_running_off_the_canvas_edge_still_counts():
    image = Image.new("L", (600, 300), 255)
    pen = ImageDraw.Draw(image)
    write(pen, 1, (40, 40, 200), 14)
    write(pen, 7, (450, 40, 260), 14)  # runs past the right and bottom edges
    assert digits_of(digitpad.read_digits(np.asarray(image))) == [1, 7]


def test_a_big_ones_stem_is_not_taken_for_a_ruled_line():
    mask = np.zeros((300, 300), bool)
    mask[40:250, 140:160] = True  # a 1's stem: long and straight, but as thick as a marker
    strength = np.where(mask, 0.6, 0.0)
    strength[:, 140:160] = np.maximum(strength[:, 140:160], 0.1)  # a faint shadow runs on from it
    assert (remove_lines(mask, strength) == mask).all()


def test_thin_ruled_lines_go_and_a_thick_stem_among_them_stays():
    stem = np.zeros((300, 300), bool)
    stem[40:250, 140:160] = True  # a marker-thick 1 ...
    ruled = np.zeros_like(stem)
    for y in range(15, 300, 30):
        ruled[y:y + 2] = True  # ... on ruled lines printed nearly as dark as the ink
    strength = np.where(stem, 0.6, np.where(ruled, 0.55, 0.0))
    strength[:, 140:160] = np.maximum(strength[:, 140:160], 0.1)
    cleaned = remove_lines(stem | ruled, strength)
    assert (cleaned & stem).sum() / stem.sum() > 0.99
    assert (cleaned & ruled & ~stem).sum() / (ruled & ~stem).sum() < 0.02


def noisy(page: np.ndarray, seed: int = 0) -> np.ndarray:
    """``page`` with a camera's grain, so that it is taken for a photo and not a drawing."""
    grain = np.random.default_rng(seed).normal(0, 4, page.shape)
    return np.clip(page + grain, 0, 255).astype(np.uint8)


def test_a_small_digit_beside_a_large_desk_band_is_no_speck():
    page = Image.new("L", (600, 600), 225)
    write(ImageDraw.Draw(page), 0, (280, 250, 44), 4, ink=30)
    photo = np.asarray(page).copy()
    photo[574:] = 60  # the desk below the page: far more "ink" than the digit
    found = find_digits(noisy(photo))
    assert len(found) == 1
    assert 270 <= found[0].box[0] and found[0].box[2] <= 330
    assert digitpad.recognize(noisy(photo)).digit == 0


def test_a_short_flat_strip_on_the_edge_is_no_digit():
    page = np.full((300, 400), 225, np.uint8)
    page[287:, :90] = 90  # a corner of the desk, under the page edge
    assert find_digits(noisy(page)) == []
