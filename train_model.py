"""Train a digit model on MNIST, export it for the app and write its model card.

    python train_model.py --data ../shared/mnist            # the bundled model (assets/): --preset full
    python train_model.py --data ../shared/mnist --preset quick --out /tmp/quick.keras   # the menu's quick one
    python train_model.py --data ../shared/mnist --limit 3000 --epochs 1 --out /tmp/quick.keras
    python train_model.py --data ../shared/mnist --export-only   # the bundled .keras exported again
    python train_model.py --data ../shared/mnist --average A.keras B.keras --out /tmp/ab.keras  # their mean
"""

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from digitpad import assets
from digitpad.data import DataError, load_mnist
from digitpad.model_card import average_cards, measured, merge_cards, model_card, plot_history, read_card, write_card
from digitpad.train_config import ARCHITECTURES, PRESETS, Hooks, Progress

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--data", help="MNIST folder (default: $DIGITPAD_MNIST, else Keras' download)")
parser.add_argument("--preset", choices=tuple(PRESETS), default="full",
                    help="the recipe (default: full, the bundled model's); the options below change it")
parser.add_argument("--architecture", choices=ARCHITECTURES)
parser.add_argument("--epochs", type=int)
parser.add_argument("--batch-size", type=int)
parser.add_argument("--limit", type=int, help="train on the first N images only (quick runs)")
parser.add_argument("--seed", type=int)
parser.add_argument("--no-augment", action="store_false", dest="augment", default=None,
                    help="train on the images as they are")
parser.add_argument("--augment-scale", type=float, help="strength of the augmentation")
parser.add_argument("--real-world", type=float,
                    help="add real-world variants (tight, tiny, 1-bit, blurred...) of this share of images")
parser.add_argument("--pairs", type=float,
                    help="add this share of pairs of digits side by side, taught as no one digit")
parser.add_argument("--pieces", type=float,
                    help="add this share of pieces cut from digits written in one go (a digit, or no digit)")
parser.add_argument("--learning-rate", type=float)
parser.add_argument("--lr-decay", type=float, help="learning rate multiplier per epoch")
parser.add_argument("--initial", help="continue training this .keras model instead of a fresh one")
parser.add_argument("--out", type=Path, default=assets.BUNDLED_MODEL, help="where the .keras model goes")
parser.add_argument("--export-only", action="store_true",
                    help="no training: export the --out model for the app again, and measure it anew")
parser.add_argument("--average", nargs="+", metavar="MODEL",
                    help="no training: save as --out the weight-by-weight mean of these .keras models "
                         "(of one architecture, best fine-tuned from one ancestor), exported and measured")
args = parser.parse_args()

try:
    data = load_mnist(args.data, allow_download=True)
except DataError as error:
    sys.exit(f"train_model.py: {error}")

# Heavy imports after the arguments are checked: TensorFlow takes seconds to load.
from digitpad import export, training  # noqa: E402
from digitpad.runtime import Predictor  # noqa: E402

if args.export_only:  # the card keeps how the model was trained; what it says of the export is new
    from digitpad import model as models  # noqa: E402

    exported = export.write_litert(models.load(args.out), args.out.with_suffix(".tflite"))
    evaluation = training.evaluate(Predictor(exported), data.x_test, data.y_test)
    write_card({**read_card(args.out), **measured(evaluation, export.RUNTIME)}, args.out.with_suffix(".json"))
    print(f"Exported {exported}: {evaluation.accuracy:.4%} on the MNIST test set through recognize()'s path")
    sys.exit(0)

if args.average:  # a "model soup": no training; the card says what was averaged
    from digitpad import model as models  # noqa: E402

    try:
        averaged = models.average([models.load(path) for path in args.average])
    except ValueError as error:
        sys.exit(f"train_model.py: {error}")
    saved = export.save(averaged, args.out)
    evaluation = training.evaluate(Predictor(saved.tflite), data.x_test, data.y_test)
    card = {**average_cards([read_card(path) for path in args.average]), **measured(evaluation, saved.runtime)}
    write_card(card, saved.keras.with_suffix(".json"))
    print(f"Saved {saved.keras} (the mean of {len(args.average)} models), {saved.tflite.name}:"
          f" {evaluation.accuracy:.4%} on the MNIST test set through recognize()'s path")
    sys.exit(0)

RECIPE = ("architecture", "epochs", "batch_size", "limit", "seed", "augment", "augment_scale", "real_world",
          "pairs", "pieces", "learning_rate", "lr_decay", "initial")
config = replace(PRESETS[args.preset], **{key: getattr(args, key) for key in RECIPE if getattr(args, key) is not None})
print(f"Training {config.architecture} on {min(len(data.x_train), args.limit or 10**9)} images from {data.source}")


def show_batch(progress: Progress) -> None:  # (at most 10 times a second: Hooks.batch_every)
    accuracy = progress.logs.get("accuracy", 0.0)
    print(f"\r  epoch {progress.epoch + 1}/{progress.epochs}  batch {progress.batch}/{progress.batches}"
          f"  accuracy {accuracy:.4f}", end="", flush=True)


def show_epoch(progress: Progress) -> None:
    logs = progress.logs
    print(f"\r  epoch {progress.epoch + 1}/{progress.epochs}  loss {logs['loss']:.4f}"
          f"  accuracy {logs['accuracy']:.4f}  val_accuracy {logs['val_accuracy']:.4f}", flush=True)


result = training.train(data, config, Hooks(on_batch=show_batch, on_epoch=show_epoch))
saved = export.save(result.model, args.out)
keras_path, tflite_path = saved.keras, saved.tflite
evaluation = training.evaluate(Predictor(tflite_path), data.x_test, data.y_test)
card = model_card(result.model.count_params(), config, result, evaluation, data, saved.runtime)
if args.initial and read_card(args.initial):  # a second stage: the card tells the whole story
    card = merge_cards(read_card(args.initial), card)
write_card(card, keras_path.with_suffix(".json"))
plot_history(card["history"], keras_path.with_name(keras_path.stem + "-curves.png"))

print(f"Test accuracy through recognize()'s path: {evaluation.accuracy:.4%}"
      f" ({result.seconds / 60:.1f} min of training)")
print(f"Saved {keras_path}, {tflite_path.name}, {keras_path.stem}.json, {keras_path.stem}-curves.png")
print(json.dumps({"per_class_accuracy": evaluation.per_class}))
