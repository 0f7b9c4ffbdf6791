"""Comparing two models' confusion matrices, whatever the number of test images each counted."""

import numpy as np

from digitpad import model_compare


def test_matrices_of_different_sizes_compare_as_shares():
    current = np.eye(10, dtype=int) * 1000  # perfect, on 10,000 images
    new = np.eye(10, dtype=int) * 100  # on 1,000 images...
    new[4, 4], new[4, 9] = 80, 20  # ...but 4s are read as 9s a fifth of the time
    new[7, 7], new[7, 1] = 95, 5
    np.testing.assert_allclose(model_compare.per_digit(new)[[4, 7, 0]], [0.8, 0.95, 1.0])
    worse = model_compare.worse_mistakes(current, new)
    assert [(true, read) for true, read, _ in worse] == [(4, 9), (7, 1)]  # only those that grew
    assert abs(worse[0][2] - 0.2) < 1e-9
    assert model_compare.worse_mistakes(new, current) == []
