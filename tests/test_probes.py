"""Hostile and odd input: files that are not files, models that cannot answer, pixels no camera
makes, inputs that would take for ever. Each case once made digitpad hang, crash or lie."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings

import numpy as np
import pytest
from PIL import Image

import digitpad
from digitpad import assets, imaging
from digitpad.imaging import ImageError
from digitpad.model_card import read_card
from digitpad.preprocess import to_uint8_gray
from digitpad.recognizer import Recognizer
from digitpad.runtime import ModelError, Predictor
from digitpad.samples import SampleStore

TINY = {  # a small digit model's last layers, and what makes it unusable
    "good": "softmax", "logits": "no softmax", "NaN": "0/0", "5 classes": "five", "uint8 input": "uint8",
    "32x32x3 input": "colour", "batch of one": "fixed batch",
}


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """Small LiteRT digit models (one dense layer), one per kind in TINY, exported as the app's are."""
    keras = pytest.importorskip("keras")
    from digitpad import export

    folder = tmp_path_factory.mktemp("tiny")
    made = {}
    for kind, how in TINY.items():
        shape = (32, 32, 3) if how == "colour" else (28, 28, 1)
        inputs = keras.Input(shape, batch_size=1 if how == "fixed batch" else None,
                             dtype="uint8" if how == "uint8" else "float32")
        x = keras.layers.Flatten()(keras.layers.Rescaling(1.0)(inputs))
        x = keras.layers.Dense(5 if how == "five" else 10,
                               activation=None if how in ("no softmax", "0/0") else "softmax")(x)
        if how == "0/0":
            x = keras.layers.Lambda(lambda v: (v - v) / (v - v))(x)
        path = folder / f"{kind.replace(' ', '-')}.tflite"
        path.write_bytes(export.to_litert(keras.Model(inputs, x)))
        made[kind] = path
    return made


@pytest.mark.slow
def test_a_working_tiny_model_is_accepted(tiny_models):
    """The probe below refuses only bad models: the same model, made right, answers; one made
    for batches of one answers batches too, each digit as alone."""
    assert Predictor(tiny_models["good"]).predict(np.zeros((3, 28, 28))).shape == (3, 10)
    digits = np.random.default_rng(0).random((3, 28, 28)).astype(np.float32)
    fixed = Predictor(tiny_models["batch of one"])
    np.testing.assert_allclose(fixed.predict(digits), np.concatenate([fixed.predict(d) for d in digits]), atol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("kind", [kind for kind in TINY if kind not in ("good", "batch of one")])
def test_a_model_that_cannot_answer_is_refused_on_loading(tiny_models, kind):
    with pytest.raises(ModelError):
        Recognizer(tiny_models[kind])


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["logits", "NaN"])
def test_the_cli_refuses_a_bad_model_with_a_message(tmp_path, tiny_models, kind):
    picture = tmp_path / "seven.png"
    Image.new("L", (100, 100), 255).save(picture)
    run = subprocess.run([sys.executable, "-m", "digitpad", "predict", "--json", "--model",
                          str(tiny_models[kind]), str(picture)],
                         capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr and "model" in run.stderr.lower()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("as_model", [False, True], ids=["image", "model"])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path, as_model):
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    picture = tmp_path / "blank.png"
    Image.new("L", (60, 60), 255).save(picture)
    arguments = ["--model", str(pipe), str(picture)] if as_model else [str(pipe)]
    run = subprocess.run([sys.executable, "-m", "digitpad", "predict", *arguments],
                         capture_output=True, text=True, check=False, timeout=60)  # a hang fails here
    assert run.returncode != 0 and "not a regular file" in run.stderr


def test_a_grid_of_thousands_of_dots_is_read_in_bounded_time():
    """9,801 dots: grouping them pair by pair again after each merge took minutes."""
    code = ("import numpy as np, digitpad\n"
            "grid = np.full((792, 792), 255, np.uint8)\n"
            "for dy in range(4):\n"
            "    for dx in range(4):\n"
            "        grid[dy::8, dx::8] = 0\n"
            "digitpad.read_digits(grid)\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_integers_beyond_16_bits_keep_their_order():
    gray = to_uint8_gray(np.array([[65793, 0, 200_000]], np.int32))  # 65793 wrapped round to 0
    assert gray[0, 1] == 0 and gray[0, 2] == 255 and abs(int(gray[0, 0]) - 65793 * 255 // 200_000) <= 1


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_one_bad_float_pixel_does_not_erase_the_digit(bad):
    picture = np.ones((120, 120), np.float32)
    picture[15:105, 55:65] = 0.0  # a dark 1 on white, in 0-1 floats
    picture[0, 0] = bad
    assert digitpad.recognize(picture).digit == 1


@pytest.mark.parametrize("pixels", [np.array([["a", "b"], ["c", "d"]]), np.zeros((40, 40), complex),
                                    np.zeros((40, 40), object)], ids=["strings", "complex", "objects"])
def test_pixels_that_are_not_numbers_are_an_image_error(pixels):
    with pytest.raises(ImageError):
        digitpad.recognize(pixels)


def test_premultiplied_alpha_is_read():
    picture = Image.new("LA", (120, 120), (255, 0))
    picture.paste((0, 255), (55, 15, 65, 105))
    assert digitpad.recognize(picture.convert("La")).digit == 1


@pytest.mark.parametrize("card", ['[1, 2]', '{"test_accuracy": "high", "architecture": 5, "parameters": "x"}',
                                  '{"test_accuracy": true}', 'not json'])
def test_a_malformed_model_card_is_read_as_far_as_it_makes_sense(tmp_path, card):
    model = tmp_path / "model.tflite"
    shutil.copyfile(assets.BUNDLED_TFLITE, model)
    model.with_suffix(".json").write_text(card)
    read = read_card(model)
    assert isinstance(read, dict) and not {"test_accuracy", "architecture", "parameters"} & set(read)


def test_the_window_shows_a_model_with_a_malformed_card(make_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    model = tmp_path / "model.tflite"
    shutil.copyfile(assets.BUNDLED_TFLITE, model)
    model.with_suffix(".json").write_text('{"test_accuracy": "high", "architecture": 5}')
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window = make_window(str(model))
    qtbot.waitUntil(lambda: window.live.ready, timeout=10000)  # raised here before
    window.menus.about.trigger()
    assert shown and "digitpad" in shown[0]


def test_listing_samples_survives_a_vanished_file(tmp_path):
    store = SampleStore(tmp_path / "samples")
    kept = store.add(np.zeros((28, 28), np.float32), 3)
    (store.folder / "4_dangling.png").symlink_to(tmp_path / "gone.png")
    assert [sample.path for sample in store.samples()] == [kept.path]


def test_a_huge_array_is_shrunk_as_files_are_and_boxed_in_its_own_pixels():
    pixels = np.full((6000, 6000), 255, np.uint8)
    pixels[1000:5000, 2800:3200] = 0  # a 1
    found = digitpad.read_digits(pixels)
    assert [result.digit for result in found] == [1]
    left, top, right, bottom = found[0].box
    assert np.abs(np.array([left, top, right, bottom]) - [2800, 1000, 3200, 5000]).max() < 30


@pytest.mark.parametrize("mode", ["P", "PA", "1", "I;16", "RGBA", "LA", "CMYK"])
def test_large_images_of_every_mode_are_shrunk_and_read(tmp_path, mode):
    """Shrunk a strip at a time (Pillow's own reduce copies the whole image and cannot average
    palette, 1-bit or 16-bit images)."""
    picture = Image.new("L", (4400, 3000), 255)
    picture.paste(0, (2000, 500, 2300, 2500))  # a 1
    if mode == "I;16":
        picture = Image.fromarray(np.asarray(picture).astype(np.uint16) * 257)
    elif mode == "PA":
        picture = picture.convert("P").convert("PA")
    else:
        picture = picture.convert(mode)
    path = tmp_path / ("large.tif" if mode == "CMYK" else "large.png")
    if mode != "PA":  # (no file format holds it: given as an image)
        picture.save(path)
    assert [result.digit for result in digitpad.read_digits(picture if mode == "PA" else path)] == [1]


def test_a_webp_too_large_to_decode_safely_is_refused(tmp_path, monkeypatch):
    """Pillow decodes a WebP only in full, at ~15 bytes a pixel (a 60 MP one took 2.5 s, 1 GB)."""
    path = tmp_path / "wide.webp"
    Image.new("RGB", (400, 300), "white").save(path)
    monkeypatch.setattr(imaging, "WEBP_MAX_PIXELS", 100_000)
    with pytest.raises(ImageError, match=r"^wide.webp: a WebP image this large .* Save it as PNG or JPEG"):
        digitpad.recognize(path)
    monkeypatch.setattr(imaging, "WEBP_MAX_PIXELS", 120_000)
    assert digitpad.recognize(path).digit is None


def test_a_corrupt_exif_block_reads_without_warnings(tmp_path):
    """Pillow's warnings printed on the CLI's stderr, beside the answer."""
    path = tmp_path / "exif.jpg"
    truncated = b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x05\x00\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00"
    Image.new("L", (100, 100), 255).save(path, exif=truncated)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert digitpad.recognize(path).digit is None
    assert not caught
