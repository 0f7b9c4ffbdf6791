"""Any image source (path, Pillow image, numpy array) -> a 2-D uint8 gray array, safely."""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from digitpad.preprocess import to_uint8_gray

MAX_PIXELS = 60_000_000  # refuse larger images before decoding them (decompression bombs)
WEBP_MAX_PIXELS = 16_000_000  # Pillow decodes WebP only in full (~15 bytes a pixel): larger are refused
MAX_SIDE = 2000  # larger photos are downscaled first: digits need no more detail than this

ORIENTATION = 0x0112  # the EXIF tag that says how the camera was held
ImageSource = str | os.PathLike | Image.Image | np.ndarray
_NUMERIC = ("I", "I;16", "I;16B", "I;16L", "F")  # modes of one number a pixel, not colours
_AVERAGED = {"L", "RGB", "I", "F"}  # modes Pillow averages without a copy of the image
_DECODED_SCALE = "digitpad.decoded_scale"  # image.info key: the size decoded against the file's


class ImageError(ValueError):
    """The image cannot be used; the message says why in words a user understands."""


def load_gray(source: ImageSource) -> np.ndarray:
    """A 2-D uint8 gray array of ``source``: EXIF orientation applied, transparency flattened."""
    return load_gray_scaled(source)[0]


def load_gray_scaled(source: ImageSource) -> tuple[np.ndarray, float]:
    """``load_gray``, and the scale of the array against the upright source (below 1 when a
    large photo was shrunk): what maps positions in the array back to the source's pixels."""
    if isinstance(source, np.ndarray):
        return _within_side(array_to_gray(source))
    if not isinstance(source, (Image.Image, str, os.PathLike)):
        raise TypeError(f"expected a path, a PIL image or a numpy array, not {type(source).__name__}")
    with warnings.catch_warnings():  # Pillow's notes on odd EXIF or chunks are not the user's concern
        warnings.simplefilter("ignore", UserWarning)
        pixels, scale = _pixels(source if isinstance(source, Image.Image) else open_image(source))
    return array_to_gray(pixels), scale


def open_image(path: str | os.PathLike) -> Image.Image:
    """Open and decode the first frame of an image file, turning every failure into ImageError."""
    path = Path(path)
    name = path.name or str(path)
    if path.exists() and not path.is_dir() and not path.is_file():
        raise ImageError(f"{name}: not a regular file (a pipe or a device), so not an image.")
    if path.is_file() and path.stat().st_size == 0:
        raise ImageError(f"{name}: the file is empty (0 bytes), so it holds no image.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(path)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageError(f"{name}: the image is too large ({width}x{height} pixels).")
            if image.format == "WEBP" and width * height > WEBP_MAX_PIXELS:
                raise ImageError(f"{name}: a WebP image this large ({width}x{height} pixels) cannot be "
                                 f"opened safely. Save it as PNG or JPEG, or at most 16 megapixels.")
            image.seek(0)  # animations: the first frame
            if max(width, height) > MAX_SIDE:
                image.draft(image.mode, (MAX_SIDE, MAX_SIDE))  # JPEG decodes at reduced size
            image.load()
            image.info[_DECODED_SCALE] = image.size[0] / width
    except ImageError:
        raise
    except FileNotFoundError:
        raise ImageError(f"{name}: no such file.") from None
    except IsADirectoryError:
        raise ImageError(f"{name}: is a folder, not an image.") from None
    except PermissionError:
        raise ImageError(f"{name}: permission denied.") from None
    except UnidentifiedImageError:
        raise ImageError(f"{name}: not an image file, or a format that cannot be read.") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"{name}: the image is too large to open safely.") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageError(f"{name}: the file is damaged or truncated ({error}).") from None
    return image


def _pixels(image: Image.Image) -> tuple[np.ndarray, float]:
    """Pixels as an array (H x W gray, or H x W x 4 with alpha), upright and at most MAX_SIDE,
    and their scale against the upright image."""
    image, scale = _prepared(image)
    return _array(image), scale


def _array(image: Image.Image) -> np.ndarray:
    """A prepared image's pixels: H x W gray (any numeric dtype), or H x W x 4 with alpha."""
    if image.mode in _NUMERIC:
        return np.asarray(image)
    if image.mode == "La":  # premultiplied alpha: Pillow converts it only to LA
        image = image.convert("LA")
    try:
        return np.asarray(image.convert("RGBA" if _has_alpha(image) else "L"))
    except (ValueError, OSError) as error:  # a mode Pillow cannot convert (e.g. "La")
        raise ImageError(f"Unsupported kind of image ({image.mode}): {error}.") from None


def _prepared(image: Image.Image) -> tuple[Image.Image, float]:
    """``image`` upright and at most MAX_SIDE, and its scale against the upright image."""
    try:
        if image.getexif().get(ORIENTATION, 1) != 1:  # (unturned, it would copy the whole image)
            image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError, TypeError):
        pass  # a broken EXIF block: keep the image as stored
    width, decoded = image.size[0], image.info.get(_DECODED_SCALE, 1.0)
    if max(image.size) > MAX_SIDE:
        image = _reduced(image, math.ceil(max(image.size) / MAX_SIDE))
    return image, decoded * image.size[0] / width


def load_gray_and_colour(source: ImageSource) -> tuple[np.ndarray, np.ndarray]:
    """``load_gray(source)``, and the same pixels as H x W x 3 uint8 RGB to be shown (turned and
    shrunk alike, so boxes fit both; transparency on white), from one decoding. Arrays are shown
    in the gray they are read in."""
    if isinstance(source, np.ndarray) or not isinstance(source, (Image.Image, str, os.PathLike)):
        gray = load_gray(source)  # (which also refuses what is no image source)
        return gray, np.repeat(gray[:, :, None], 3, axis=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        image, _ = _prepared(source if isinstance(source, Image.Image) else open_image(source))
        gray = array_to_gray(_array(image))
        if image.mode in _NUMERIC:  # no colour: its gray, as it is read
            return gray, np.repeat(gray[:, :, None], 3, axis=2)
        rgba = (image.convert("LA") if image.mode == "La" else image).convert("RGBA")
    shown = Image.new("RGBA", rgba.size, "white")
    shown.alpha_composite(rgba)
    return gray, np.asarray(shown.convert("RGB"))


def _reduced(image: Image.Image, factor: int) -> Image.Image:
    """``image`` averaged over ``factor`` x ``factor`` blocks. Pillow does it in place for plain
    modes; with transparency it copies the whole image twice, and some modes it cannot average:
    those go a strip at a time."""
    if image.mode in _AVERAGED:
        return image.reduce(factor)
    mode = "I" if image.mode.startswith("I") else "RGBA" if _has_alpha(image) else \
        "RGB" if len(image.getbands()) >= 3 else "L"
    width, height = image.size
    strip = factor * max(1, 500_000 // (width * factor))  # about half a megapixel at a time
    pieces = []
    for top in range(0, height, strip):
        piece = image.crop((0, top, width, min(top + strip, height)))
        pieces.append(np.asarray((piece if piece.mode == mode else piece.convert(mode)).reduce(factor)))
    return Image.fromarray(np.concatenate(pieces))


def _has_alpha(image: Image.Image) -> bool:
    return bool({"A", "a"} & set(image.getbands())) or "transparency" in image.info


def _within_side(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """``gray`` shrunk to at most MAX_SIDE, as files are, and the scale applied."""
    if max(gray.shape) <= MAX_SIDE:
        return gray, 1.0
    scale = MAX_SIDE / max(gray.shape)
    size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
    return cv2.resize(gray, size, interpolation=cv2.INTER_AREA), size[0] / gray.shape[1]


def array_to_gray(pixels: np.ndarray) -> np.ndarray:
    """H x W, H x W x 1, H x W x 3 or H x W x 4 of any numeric dtype -> H x W uint8 gray.

    Transparent pixels are laid on the opposite of the visible ink's tone, so an opaque
    digit on a transparent background stands out whichever colour it is.
    """
    pixels = np.asarray(pixels)
    if pixels.dtype != bool and not np.issubdtype(pixels.dtype, np.number) or np.iscomplexobj(pixels):
        raise ImageError(f"Pixels must be numbers, not {pixels.dtype}.")
    if pixels.ndim == 3 and pixels.shape[2] == 1:
        pixels = pixels[:, :, 0]
    if pixels.ndim == 2:
        if pixels.size == 0:
            raise ImageError("The image is empty.")
        return to_uint8_gray(pixels)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or pixels.size == 0:
        raise ImageError(f"Unsupported image shape {pixels.shape}: expected H x W, or H x W x 3/4.")
    height, width, depth = pixels.shape
    channels = to_uint8_gray(pixels.reshape(height, width * depth)).reshape(height, width, depth)
    if depth == 3 or channels[:, :, 3].min() == 255:  # opaque: OpenCV's conversion, 10x numpy's
        return cv2.cvtColor(np.ascontiguousarray(channels[:, :, :3]), cv2.COLOR_RGB2GRAY)
    gray = channels[:, :, :3].astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    alpha = channels[:, :, 3].astype(np.float32) / 255
    visible = float((gray * alpha).sum() / max(alpha.sum(), 1e-6))
    backdrop = 255.0 if visible < 128 else 0.0
    return np.clip(gray * alpha + backdrop * (1 - alpha) + 0.5, 0, 255).astype(np.uint8)
