"""Where the bundled model lives: ``digitpad/assets`` in an installed package, ``assets/`` in the repo."""

from __future__ import annotations

import json
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries the repo's top-level assets/ inside the package; a source checkout has it beside.
ASSETS = next((p for p in (_PACKAGE / "assets", _PACKAGE.parent / "assets") if p.is_dir()), _PACKAGE.parent / "assets")
BUNDLED_MODEL = ASSETS / "digitpad.keras"
BUNDLED_ONNX = BUNDLED_MODEL.with_suffix(".onnx")
BUNDLED_CARD = BUNDLED_MODEL.with_suffix(".json")


def read_card(model_path: str | Path) -> dict:
    """The model card (JSON) saved beside a model, or {} if there is none or it is unreadable."""
    try:
        return json.loads(Path(model_path).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
