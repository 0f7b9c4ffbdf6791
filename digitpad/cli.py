"""Command line: no arguments opens the window; ``predict`` reads image files."""

from __future__ import annotations

import argparse
import json
import sys

from digitpad import __version__
from digitpad.imaging import ImageError
from digitpad.runtime import ModelError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digitpad", description="Recognise handwritten digits.")
    parser.add_argument("--version", action="version", version=f"digitpad {__version__}")
    commands = parser.add_subparsers(dest="command")
    predict = commands.add_parser("predict", help="recognise the digit in each image file")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="image files")
    predict.add_argument("--json", action="store_true", help="print JSON instead of lines")
    predict.add_argument("--model", help="an exported .onnx model (default: the bundled one)")
    args = parser.parse_args(argv)
    if args.command == "predict":
        return _predict(args.paths, args.json, args.model)
    from digitpad.ui.app import run  # noqa: PLC0415 - Qt only for the window

    return run()


def _predict(paths: list[str], as_json: bool, model: str | None) -> int:
    from digitpad.recognizer import Recognizer, default_recognizer  # noqa: PLC0415

    try:
        recognizer = Recognizer(model) if model else default_recognizer()
    except ModelError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return 2
    failed = False
    results = []
    for path in paths:
        try:
            recognition = recognizer.recognize(path)
        except ImageError as error:
            failed = True
            print(f"digitpad: {error}", file=sys.stderr)
            results.append({"path": path, "error": str(error)})
            continue
        results.append({
            "path": path,
            "digit": recognition.digit,
            "confidence": round(recognition.confidence, 4),
            "probabilities": [round(float(p), 4) for p in recognition.probabilities],
        })
        if not as_json:
            print(f"{path}: {_describe(recognition)}", flush=True)
    if as_json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def _describe(recognition) -> str:
    if recognition.digit is None:
        return "no digit found"
    return f"{recognition.digit} ({recognition.confidence:.1%})"


if __name__ == "__main__":
    sys.exit(main())
