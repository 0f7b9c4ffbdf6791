"""The public API with the bundled model: recognize() on MNIST and on drawings made here."""

import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

import digitpad
from digitpad.recognizer import Recognizer, default_recognizer
from tests.helpers import draw, drawn_set


def test_bundled_model_reads_mnist_test_digits(mnist_slice):
    right = sum(digitpad.recognize(x).digit == y for x, y in zip(mnist_slice.x_test, mnist_slice.y_test, strict=True))
    assert right / len(mnist_slice.x_test) >= 0.985


def test_bundled_model_reads_drawn_digits():
    images, labels = drawn_set(8, seed=7)
    right = sum(digitpad.recognize(x).digit == y for x, y in zip(images, labels, strict=True))
    assert right / len(labels) >= 0.9


def test_recognition_holds_probabilities_and_the_models_view():
    result = digitpad.recognize(draw(3))
    assert result.digit == 3
    assert result.probabilities.shape == (10,)
    assert result.probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert result.confidence == pytest.approx(result.probabilities.max())
    assert result.image.shape == (28, 28)
    assert result.candidates[0] == 3


@pytest.mark.parametrize("as_source", [
    lambda a, tmp: a,
    lambda a, tmp: Image.fromarray(a),
    lambda a, tmp: np.repeat(a[:, :, None], 3, axis=2),
    lambda a, tmp: np.dstack([a, a, a, np.full_like(a, 255)]),
    lambda a, tmp: _saved(a, tmp / "digit.png"),
    lambda a, tmp: str(_saved(a, tmp / "digit.jpg")),
])
def test_any_image_source(as_source, tmp_path):
    assert digitpad.recognize(as_source(draw(4), tmp_path)).digit == 4


def _saved(array, path):
    Image.fromarray(array).save(path)
    return path


def test_nothing_to_recognise_is_not_a_guess():
    result = digitpad.recognize(np.full((280, 280), 255, np.uint8))
    assert result.digit is None and result.confidence == 0.0 and result.image is None
    assert result.probabilities.sum() == pytest.approx(1.0)
    assert not result.is_sure and result.candidates == []


def test_recognize_many_answers_as_recognize_does(tmp_path, mnist_slice):
    """Batched across images (more than one batch here), each answer as recognize() gives it:
    drawings, MNIST digits, a tiny crop read both ways round, a blank picture, a file."""
    crop = 255 - mnist_slice.x_test[0][4:24, 6:22]  # dark on light, cut tight: two readings
    images = [draw(3), np.full((280, 280), 255, np.uint8), crop, _saved(draw(8), tmp_path / "8.png"),
              *mnist_slice.x_test[:300]]
    many = digitpad.recognize_many(images)
    assert len(many) == len(images) and many[1].digit is None
    for one, batched in zip(map(digitpad.recognize, images), many, strict=True):
        assert one.digit == batched.digit and one.box == batched.box
        np.testing.assert_allclose(one.probabilities, batched.probabilities, atol=1e-5)
    assert digitpad.recognize_many([]) == []
    with pytest.raises(digitpad.ImageError, match="no such file"):
        digitpad.recognize_many([draw(1), tmp_path / "missing.png"])


def test_the_model_is_loaded_once():
    assert default_recognizer() is default_recognizer()


def test_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(digitpad.ModelError):
        Recognizer(tmp_path / "gone.onnx")


def test_predicting_never_imports_tensorflow_or_qt(tmp_path):
    path = _saved(draw(2), tmp_path / "two.png")
    code = (
        "import sys, digitpad; r = digitpad.recognize(sys.argv[1]);"
        "heavy = [m for m in ('tensorflow', 'keras', 'PySide6') if m in sys.modules];"
        "print(r.digit, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2 []"


def test_the_bundled_export_agrees_with_the_bundled_keras_model(mnist_slice):
    training = pytest.importorskip("digitpad.training")
    from digitpad import assets
    from digitpad import model as models

    images = training.to_model_input(mnist_slice.x_test)
    keras_out = models.load(assets.BUNDLED_MODEL).predict(images, verbose=0)
    exported = default_recognizer().predictor.predict(images)  # the 8-bit export
    assert (exported.argmax(1) == keras_out.argmax(1)).mean() >= 0.995
    assert np.abs(exported - keras_out).mean() < 0.002
