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
    predict = commands.add_parser("predict", help="read the digit, or the number, in each image file")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="image files")
    predict.add_argument("--json", action="store_true", help="print JSON instead of lines")
    predict.add_argument("--one", action="store_true",
                         help="read each image as one digit, whatever else it holds")
    predict.add_argument("--model", help="an exported .onnx model (default: the bundled one)")
    args = parser.parse_args(argv)
    if args.command == "predict":
        return _predict(args.paths, args.json, args.model, args.one)
    from digitpad.ui.app import run  # noqa: PLC0415 - Qt only for the window

    return run()


def _predict(paths: list[str], as_json: bool, model: str | None, one: bool = False) -> int:
    from digitpad.recognizer import Recognizer, default_recognizer  # noqa: PLC0415
    from digitpad.report import as_dict, number  # noqa: PLC0415

    try:
        recognizer = Recognizer(model) if model else default_recognizer()
    except ModelError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return 2
    failed = False
    results = []
    for path in paths:
        try:
            found = [recognizer.recognize(path)] if one else recognizer.read_digits(path)
        except ModelError as error:  # the model loaded but fails on this image
            print(f"digitpad: {error}", file=sys.stderr)
            return 2
        except ImageError as error:
            failed = True
            print(f"digitpad: {error}", file=sys.stderr)
            results.append({"path": path, "error": str(error)})
            continue
        found = [result for result in found if result.digit is not None]
        results.append({"path": path, "number": number(found),
                        **(as_dict(found[0]) if len(found) == 1 else {}),
                        "digits": [as_dict(r) for r in found]})
        if not as_json:
            print(f"{path}: {_describe(found)}", flush=True)
    if as_json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def _describe(found) -> str:
    """'7 (98.2%)' for one digit, '4071 (4 digits, least sure 97.0%)' for a number."""
    if not found:
        return "no digit found"
    if len(found) == 1:
        return f"{found[0].digit} ({found[0].confidence:.1%})"
    least = min(r.confidence for r in found)
    return f"{''.join(str(r.digit) for r in found)} ({len(found)} digits, least sure {least:.1%})"


if __name__ == "__main__":
    sys.exit(main())
