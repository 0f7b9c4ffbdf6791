"""Command line: no arguments opens the window; ``predict`` reads image files."""

from __future__ import annotations

import argparse
import json
import sys

from digitpad import __version__
from digitpad.imaging import ImageError
from digitpad.runtime import ModelError

ONE_BATCH = 64  # files read together with --one: batched through the model, still printed soon


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="digitpad", description="Recognise handwritten digits.")
    parser.add_argument("--version", action="version", version=f"digitpad {__version__}")
    commands = parser.add_subparsers(dest="command")
    predict = commands.add_parser("predict", help="read the digit, or the number, in each image file")
    predict.add_argument("paths", nargs="+", metavar="PATH", help="image files")
    predict.add_argument("--json", action="store_true", help="print JSON instead of lines")
    predict.add_argument("--one", action="store_true",
                         help="read each image as one digit, whatever else it holds")
    predict.add_argument("--model", help="an exported .tflite model (default: the bundled one)")
    args = parser.parse_args(argv)
    if args.command == "predict":
        return _predict(args.paths, args.json, args.model, args.one)
    from digitpad.ui.app import run  # noqa: PLC0415 - Qt only for the window

    return run()


def _predict(paths: list[str], as_json: bool, model: str | None, one: bool = False) -> int:
    from digitpad.recognizer import Recognizer, default_recognizer  # noqa: PLC0415

    try:
        recognizer = Recognizer(model) if model else default_recognizer()
    except ModelError as error:
        print(f"digitpad: {error}", file=sys.stderr)
        return 2
    failed = False
    results = []
    try:
        for path, found in _readings(recognizer, paths, one):
            if isinstance(found, ImageError):
                failed = True
                print(f"digitpad: {found}", file=sys.stderr)
                results.append({"path": path, "error": str(found)})
                continue
            results.append(_result(path, found, as_json))
    except ModelError as error:  # the model loaded but fails on an image
        print(f"digitpad: {error}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def _readings(recognizer, paths: list[str], one: bool):
    """(path, its digits or the ImageError that stopped it) for each path, in order. With
    ``one``, files are read as one digit each, ONE_BATCH at a time through ``recognize_many``."""
    if not one:
        for path in paths:
            yield path, _attempt(lambda path=path: recognizer.read_digits(path))
        return
    for start in range(0, len(paths), ONE_BATCH):
        chunk = paths[start:start + ONE_BATCH]
        try:
            found = recognizer.recognize_many(chunk)
        except ImageError:  # a bad file among them: each alone, so that the others are read
            yield from ((path, _attempt(lambda path=path: [recognizer.recognize(path)])) for path in chunk)
            continue
        yield from ((path, [result]) for path, result in zip(chunk, found, strict=True))


def _attempt(read):
    try:
        return read()
    except ImageError as error:
        return error


def _result(path: str, found: list, as_json: bool) -> dict:
    """What one file held, as the JSON gives it; printed at once as a line unless ``as_json``."""
    from digitpad.report import as_dict, number  # noqa: PLC0415

    found = [result for result in found if result.digit is not None]
    if not as_json:
        print(f"{path}: {_describe(found)}", flush=True)
    return {"path": path, "number": number(found), **(as_dict(found[0]) if len(found) == 1 else {}),
            "digits": [as_dict(r) for r in found]}


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
