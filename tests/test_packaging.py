"""A non-editable install carries the bundled model and works from any folder."""

import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    [path] = out.glob("digitpad-*.whl")
    return path


def test_wheel_carries_the_bundled_model(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for asset in ("digitpad.tflite", "digitpad.keras", "digitpad.json"):
        assert f"digitpad/assets/{asset}" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_package_recognises_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import numpy as np, digitpad, digitpad.assets as a; from PIL import Image, ImageDraw;"
        "im = Image.new('L', (200, 200), 255); ImageDraw.Draw(im).line([(100, 20), (100, 180)], 0, 16);"
        "print(digitpad.recognize(np.asarray(im)).digit, a.ASSETS.relative_to(a._PACKAGE))"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["1", "assets"]
