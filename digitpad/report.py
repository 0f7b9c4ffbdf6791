"""What was read, written out: the number, and each digit's probabilities as JSON or CSV."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from digitpad.recognizer import Recognition


def number(results: list[Recognition]) -> str:
    """The digits read, in reading order, as one string ("" for none)."""
    return "".join(str(result.digit) for result in results if result.digit is not None)


def as_dict(result: Recognition) -> dict:
    """One digit as plain data: digit, confidence, the ten probabilities and its box."""
    return {
        "digit": result.digit,
        "confidence": round(result.confidence, 4),
        "probabilities": [round(float(p), 4) for p in result.probabilities],
        **({"box": list(result.box)} if result.box else {}),
    }


def save(results: list[Recognition], path: str | os.PathLike) -> None:
    """Write the digits to ``path``: CSV (a row per digit) if it ends in .csv, else JSON.
    Raises OSError if the file cannot be written."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(["position", "digit", "confidence", *(f"p{d}" for d in range(10)),
                             "left", "top", "right", "bottom"])
            for position, result in enumerate(results, 1):
                row = as_dict(result)
                writer.writerow([position, row["digit"], row["confidence"], *row["probabilities"],
                                 *(row.get("box") or [""] * 4)])
    else:
        path.write_text(json.dumps({"number": number(results), "digits": [as_dict(r) for r in results]},
                                   indent=2) + "\n", encoding="utf-8")
