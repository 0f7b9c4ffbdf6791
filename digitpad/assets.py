"""Where the bundled model lives: ``digitpad/assets`` in an installed package, ``assets/`` in the repo."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries the repo's top-level assets/ inside the package; a source checkout has it beside.
ASSETS = next((p for p in (_PACKAGE / "assets", _PACKAGE.parent / "assets") if p.is_dir()), _PACKAGE.parent / "assets")
BUNDLED_MODEL = ASSETS / "digitpad.keras"
BUNDLED_TFLITE = BUNDLED_MODEL.with_suffix(".tflite")
BUNDLED_CARD = BUNDLED_MODEL.with_suffix(".json")

