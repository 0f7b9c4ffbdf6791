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


# What the window reads from a card, and the types it needs; a field of another type is left out.
CARD_FIELDS = {"architecture": str, "test_accuracy": (int, float), "parameters": int, "runtime": str}


def read_card(model_path: str | Path) -> dict:
    """The model card (JSON) saved beside a model, or {} if there is none or it is unreadable.
    Fields the window shows are there only with the right type (a hand-edited card cannot break it)."""
    try:
        card = json.loads(Path(model_path).with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(card, dict):
        return {}
    return {key: value for key, value in card.items() if key not in CARD_FIELDS
            or (isinstance(value, CARD_FIELDS[key]) and not isinstance(value, bool))}
