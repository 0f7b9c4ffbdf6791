"""Reading images of every kind, and failing clearly on what cannot be read."""

import numpy as np
import pytest
from PIL import Image

from digitpad.imaging import ImageError, array_to_gray, load_gray, load_gray_and_colour
from digitpad.preprocess import to_mnist
from tests.helpers import draw


@pytest.fixture()
def seven():
    return Image.fromarray(draw(7, size=120, width=9))


def same_digit(gray, reference):
    a, b = to_mnist(gray), to_mnist(np.asarray(reference))
    return a is not None and np.corrcoef(a.ravel(), b.ravel())[0, 1] > 0.95


@pytest.mark.parametrize("mode", ["L", "RGB", "CMYK", "P", "1", "I;16", "I", "F", "LA", "RGBA"])
def test_every_mode_reads_as_the_same_digit(mode, seven, tmp_path):
    image = seven.convert(mode) if mode not in ("I;16", "I", "F") else _scaled(seven, mode)
    gray = load_gray(image)
    assert gray.dtype == np.uint8 and gray.shape == (120, 120)
    assert same_digit(gray, seven)


def _scaled(image, mode):
    scale = {"I;16": 257, "I": 257, "F": 1 / 255}[mode]
    pixels = np.asarray(image).astype(np.float32) * scale
    return Image.fromarray(pixels.astype({"I;16": np.uint16, "I": np.int32, "F": np.float32}[mode]))


@pytest.mark.parametrize("ink", [0, 255])
def test_opaque_digit_on_transparent_background(ink, seven):
    alpha = 255 - np.asarray(seven)  # opaque where the ink is
    rgba = np.zeros((120, 120, 4), np.uint8)
    rgba[..., :3] = ink
    rgba[..., 3] = alpha
    assert same_digit(load_gray(Image.fromarray(rgba)), seven)


def test_fully_transparent_image_has_no_digit():
    gray = load_gray(Image.new("RGBA", (50, 50), (0, 0, 0, 0)))
    assert to_mnist(gray) is None


def test_exif_orientation_is_honoured(seven, tmp_path):
    path = tmp_path / "rotated.jpg"
    stored = seven.convert("RGB").rotate(90, expand=True)  # as a phone stores a portrait shot
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    stored.save(path, exif=exif, quality=95)
    assert same_digit(load_gray(path), seven)
    assert not same_digit(np.asarray(stored.convert("L")), seven)


def test_animated_gif_uses_the_first_frame(seven, tmp_path):
    path = tmp_path / "animated.gif"
    blank = Image.new("L", seven.size, 255)
    seven.save(path, save_all=True, append_images=[blank, blank], duration=100)
    assert same_digit(load_gray(path), seven)


def test_huge_photo_is_downscaled(tmp_path):
    path = tmp_path / "huge.png"
    Image.fromarray(draw(3, size=4000, width=250)).save(path)
    gray = load_gray(path)
    assert max(gray.shape) <= 2000
    assert same_digit(gray, draw(3, size=400, width=25))


def test_decompression_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (12000, 12000)).save(path)  # 144 megapixels in a few kilobytes
    with pytest.raises(ImageError, match="too large"):
        load_gray(path)


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"hello, I am a text file\n", "not an image"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not an image|damaged"),
])
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(ImageError, match=message):
        load_gray(path)


def test_truncated_file(seven, tmp_path):
    path = tmp_path / "cut.png"
    seven.save(path)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ImageError, match="cut.png: the file is damaged or truncated"):
        load_gray(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImageError, match="no such file"):
        load_gray(tmp_path / "nothing.png")
    with pytest.raises(ImageError, match="folder"):
        load_gray(tmp_path)


@pytest.mark.parametrize("shape", [(20, 20, 2), (20, 20, 5), (20,), (2, 2, 2, 2), (0, 0, 3)])
def test_unsupported_array_shapes(shape):
    with pytest.raises(ImageError):
        array_to_gray(np.zeros(shape))


def test_array_channels_and_dtypes(seven):
    rgb = np.repeat(np.asarray(seven)[:, :, None], 3, axis=2)
    assert same_digit(array_to_gray(rgb), seven)
    assert same_digit(array_to_gray(rgb.astype(np.float32) / 255), seven)
    assert same_digit(array_to_gray(rgb.astype(np.uint16) * 257), seven)
    assert same_digit(array_to_gray(np.asarray(seven)[:, :, None]), seven)


def test_not_an_image_source():
    with pytest.raises(TypeError):
        load_gray(42)


def test_colour_for_showing_has_the_pixels_that_are_read(tmp_path):
    """Blue ink stays blue on screen; the picture is turned and shrunk as the gray one, so boxes fit."""
    picture = Image.new("RGB", (4400, 3000), "white")
    picture.paste((30, 60, 200), (2000, 500, 2300, 2500))
    path = tmp_path / "blue.jpg"
    picture.save(path, exif=_turned_exif())
    gray, colour = load_gray_and_colour(path)
    np.testing.assert_array_equal(gray, load_gray(path))  # one decoding, the same pixels as read
    assert colour.shape == (*gray.shape, 3) and gray.shape == (1467, 1000)  # upright: taller than wide
    ink = gray < 128
    assert ink.any() and (colour[ink][:, 2] > colour[ink][:, 0] + 80).all()  # blue, not gray
    transparent = np.zeros((20, 20, 4), np.uint8)
    assert (load_gray_and_colour(Image.fromarray(transparent))[1] == 255).all()  # shown on white


def _turned_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held turned: the picture is shown rotated
    return exif.tobytes()
