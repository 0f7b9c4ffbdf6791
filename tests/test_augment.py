"""Real-world training variants: each is a valid MNIST frame of the same digit, made reproducibly."""

import cv2
import numpy as np
import pytest

from digitpad import augment
from digitpad.preprocess import to_mnist


@pytest.mark.parametrize("kind", sorted(augment.VARIANTS))
def test_every_variant_stays_a_readable_digit(kind, mnist_slice):
    """Each variant goes through to_mnist to a full frame that still overlaps the digit it came from."""
    rng = np.random.default_rng(0)
    overlaps = []
    for image in mnist_slice.x_train[:30]:
        variant = to_mnist(augment.VARIANTS[kind](image, rng))
        original = to_mnist(image)
        assert variant is not None and variant.shape == (28, 28) and variant.max() == pytest.approx(1.0)
        overlaps.append(float((variant * original).sum() / np.sqrt((variant**2).sum() * (original**2).sum())))
    assert np.median(overlaps) > 0.4


def test_variants_differ_from_the_plain_digit(mnist_slice):
    images, labels = mnist_slice.x_train[:200], mnist_slice.y_train[:200]
    plain = np.stack([to_mnist(image) for image in images])
    varied = augment.real_world(images, labels, seed=3)
    assert varied.shape == (200, 28, 28) and varied.dtype == np.float32
    assert (np.abs(varied - plain).mean(axis=(1, 2)) > 0.01).mean() > 0.9


def test_variants_are_reproducible(mnist_slice):
    images, labels = mnist_slice.x_train[:50], mnist_slice.y_train[:50]
    first = augment.real_world(images, labels, seed=1)
    np.testing.assert_array_equal(first, augment.real_world(images, labels, seed=1))
    assert not np.array_equal(first, augment.real_world(images, labels, seed=2))


def test_a_crossed_seven_has_a_bar_across_its_stem(mnist_slice):
    seven = next(image for image, label in zip(mnist_slice.x_train, mnist_slice.y_train, strict=True) if label == 7)
    plain = augment.scaled(seven, 112)
    crossed = augment.styled(seven, 7, np.random.default_rng(0))
    assert crossed.shape == plain.shape
    added = (crossed > 100) & ~(plain > 100)
    rows = np.flatnonzero(added.any(axis=1))
    assert rows.size and 0.3 * 112 < rows.mean() < 0.8 * 112  # a bar about half-way down


def test_a_flagged_one_gains_ink_left_of_its_top(mnist_slice):
    one = next(image for image, label in zip(mnist_slice.x_train, mnist_slice.y_train, strict=True) if label == 1)
    plain = augment.scaled(one, 112)
    flagged = augment.styled(one, 1, np.random.default_rng(0))
    added = (flagged > 100) & ~(plain > 100)
    ys, xs = np.nonzero(added)
    rows, cols = np.nonzero(plain > 100)
    top_x = cols[rows <= rows.min() + 2].mean()
    assert xs.size and xs.mean() < top_x and ys.mean() < 0.6 * 112


def test_a_cursive_zero_gains_a_tail_leaving_its_top_to_the_right():
    zero = np.zeros((28, 28), np.uint8)
    cv2.ellipse(zero, (13, 14), (6, 9), 0, 0, 360, 255, 2)
    plain = augment.scaled(zero, 112, cv2.INTER_LINEAR)
    tailed = augment.styled(zero, 0, np.random.default_rng(0))
    assert tailed.shape[0] == plain.shape[0] and tailed.shape[1] >= plain.shape[1]
    added = (tailed > 100) & ~(np.pad(plain, ((0, 0), (0, tailed.shape[1] - plain.shape[1]))) > 100)
    ys, xs = np.nonzero(added)
    rows, cols = np.nonzero(plain > 100)
    assert xs.size and xs.min() >= cols.mean() and xs.max() > cols.max()  # to the right, beyond the ring
    assert ys.mean() < rows.min() + 0.4 * (rows.max() - rows.min())  # from its top


def test_a_nine_looped_like_p_has_its_stem_on_the_loops_other_side_leaning_as_it_did():
    nine = np.zeros((28, 28), np.uint8)
    cv2.circle(nine, (12, 9), 5, 255, 2)
    cv2.line(nine, (17, 9), (14, 25), 255, 2)  # the stem, on the loop's right, leaning right
    plain, looped = augment.scaled(nine, 112, cv2.INTER_LINEAR), augment.styled(nine, 9, np.random.default_rng(0))

    def stem_right_of_loop(image: np.ndarray) -> float:
        ys, xs = np.nonzero(image > 100)
        middle = (ys.min() + ys.max()) / 2
        return xs[ys > ys.max() - 10].mean() - xs[ys < middle].mean()

    def stem_slant(image: np.ndarray) -> float:  # of the lowest rows, the stem's
        moments = cv2.moments(image[70:])
        return moments["mu11"] / moments["mu02"]

    assert stem_right_of_loop(plain) > 5 and stem_right_of_loop(looped) < -5
    assert stem_slant(looped) == pytest.approx(stem_slant(plain), abs=0.03) and stem_slant(plain) < -0.1


def test_an_open_four_has_no_stem_above_its_bar(mnist_slice):
    four = next(image for image, label in zip(mnist_slice.x_train, mnist_slice.y_train, strict=True) if label == 4)
    plain = augment.scaled(four, 112, cv2.INTER_LINEAR)
    opened = augment._opened(plain.copy(), np.random.default_rng(0), augment.OPEN)
    ys, xs = np.nonzero(plain > 100)
    top, middle = ys.min(), int(xs.mean())
    assert plain[top:top + 15, middle:].max() > 100 and opened[top:top + 15, middle:].max() == 0
    np.testing.assert_array_equal(opened[64:], plain[64:])  # below the bar, the 4 as it was


def test_a_four_with_its_bar_lowered_has_a_short_tail_and_keeps_its_top(mnist_slice):
    four = next(image for image, label in zip(mnist_slice.x_train, mnist_slice.y_train, strict=True) if label == 4)
    plain = augment.scaled(four, 112, cv2.INTER_LINEAR)
    rows = np.flatnonzero(plain.max(axis=1) > 100)
    lowered = augment._bar_lowered(plain.copy(), np.random.default_rng(0))
    low_rows = np.flatnonzero(lowered.max(axis=1) > 100)
    assert (augment.bar_row(plain) - rows[0]) / (rows[-1] - rows[0]) < 0.7
    assert 0.72 <= (augment.bar_row(lowered) - low_rows[0]) / (low_rows[-1] - low_rows[0]) <= 0.9
    assert abs(low_rows[0] - rows[0]) <= 1 and abs(low_rows[-1] - rows[-1]) <= 1  # as tall as it was


def test_a_pair_holds_both_digits_side_by_side_touching_or_overlapping(mnist_slice):
    first, second = mnist_slice.x_train[0], mnist_slice.x_train[1]
    rng = np.random.default_rng(0)
    for _ in range(10):
        joined = augment.pair(first, second, rng)
        left, right = (cv2.resize(tight, (round(tight.shape[1] * 56 / tight.shape[0]), 56))
                       for tight in (augment._tight(first), augment._tight(second)))
        assert joined.shape[0] == 56
        widths = left.shape[1] + right.shape[1]
        assert widths - min(left.shape[1], right.shape[1]) // 4 <= joined.shape[1] <= widths
        np.testing.assert_array_equal(joined[:, :5], left[:, :5])  # the first digit's left edge...
        np.testing.assert_array_equal(joined[:, -5:], right[:, -5:])  # ...and the second's right edge


def test_digits_joined_in_one_go_keep_track_of_whose_ink_is_whose(mnist_slice):
    rng = np.random.default_rng(0)
    for _ in range(10):
        ink, owner = augment.joined(list(mnist_slice.x_train[:3]), rng)
        assert ink.shape == owner.shape and ink.shape[0] == 56
        assert set(np.unique(owner[ink > 0])) <= {-1, 0, 1, 2} and {0, 1, 2} <= set(np.unique(owner))
        columns = [np.flatnonzero((owner == k).any(axis=0)) for k in range(3)]
        assert columns[0][0] <= columns[1][0] <= columns[2][0]  # in reading order
        assert columns[0][-1] < columns[2][0]  # the first and the last never meet
        assert np.all(owner[ink == 0] == -1)  # no ink, no owner


def test_cut_pieces_are_taught_as_whole_digits_or_as_no_digit_reproducibly(mnist_slice):
    images, labels = mnist_slice.x_train[:200], mnist_slice.y_train[:200]
    made, targets = augment.cut_pieces(images, labels, 80, seed=2)
    assert made.shape == (80, 28, 28) and made.dtype == np.float32 and targets.shape == (80, 10)
    assert all(image.max() == pytest.approx(1.0) for image in made)  # every piece has ink
    whole = targets.max(axis=1) == 1
    np.testing.assert_allclose(targets[~whole], 0.1)  # the rest: no digit
    assert 0.25 <= whole.mean() <= 0.85
    np.testing.assert_allclose(targets.sum(axis=1), 1)
    again = augment.cut_pieces(images, labels, 80, seed=2)
    np.testing.assert_array_equal(made, again[0])
    np.testing.assert_array_equal(targets, again[1])


def test_pairs_come_as_the_model_sees_pieces_reproducibly(mnist_slice):
    made = augment.pairs(mnist_slice.x_train[:100], 20, seed=1)
    assert made.shape == (20, 28, 28) and made.dtype == np.float32 and made.max() == pytest.approx(1.0)
    wide = [np.flatnonzero(image.any(axis=0)) for image in made]
    assert np.median([cols[-1] - cols[0] + 1 for cols in wide]) >= 18  # two digits fill the 20 px box across
    np.testing.assert_array_equal(made, augment.pairs(mnist_slice.x_train[:100], 20, seed=1))
