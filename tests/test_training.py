"""Training, saving and exporting, on the committed slice (one short epoch)."""

import json
import queue
import subprocess
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.slow
training = pytest.importorskip("digitpad.training")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

from digitpad import export, jobs  # noqa: E402
from digitpad import model as models  # noqa: E402
from digitpad.atomic import write_atomically  # noqa: E402
from digitpad.model_card import merge_cards, model_card, plot_history, read_card, write_card  # noqa: E402
from digitpad.runtime import ModelError, Predictor  # noqa: E402
from digitpad.train_config import Cancelled, Hooks, TrainConfig  # noqa: E402
from tests.helpers import ROOT, SLICE, boxed_four, draw  # noqa: E402

QUICK = TrainConfig(architecture="cnn", epochs=1, batch_size=64, seed=1)


@pytest.fixture(scope="module")
def trained(mnist_slice, tmp_path_factory):
    batches = []
    result = training.train(mnist_slice, QUICK, Hooks(on_batch=batches.append, batch_every=0))
    path = tmp_path_factory.mktemp("model") / "quick.keras"
    saved = export.save(result.model, path)
    assert saved.runtime == export.RUNTIME
    return result, saved.keras, saved.tflite, batches


def test_one_epoch_on_the_slice_learns_digits(trained, mnist_slice):
    result, _, tflite_path, batches = trained
    evaluation = training.evaluate(Predictor(tflite_path), mnist_slice.x_test, mnist_slice.y_test)
    # One epoch on 2,700 augmented images: 0.81-0.90 over seeds 0-5 (chance is 0.10).
    assert evaluation.accuracy > 0.75
    assert np.sum(evaluation.confusion) == len(mnist_slice.x_test)
    assert np.trace(evaluation.confusion) == round(evaluation.accuracy * len(mnist_slice.x_test))
    assert len(result.history["val_accuracy"]) == 1


def test_progress_reaches_every_batch_in_order(trained):
    """Batch ends are handled on Keras' worker threads; one that ends after a later one is not
    reported, so nearly every batch is, in order, and always the last."""
    *_, batches = trained
    reported = [p.batch for p in batches]
    assert reported == sorted(set(reported))
    assert reported[-1] == batches[0].batches and len(reported) >= 0.9 * batches[0].batches
    assert "accuracy" in batches[-1].logs


def test_progress_comes_at_most_as_often_as_asked_and_always_at_the_end(mnist_slice):
    """Reading every batch's figures made TensorFlow wait for each batch: 1.5x slower epochs."""
    seen = []
    training.train(mnist_slice, TrainConfig(architecture="mlp", epochs=1, batch_size=16, augment=False),
                   Hooks(on_batch=seen.append, batch_every=3600))
    assert [p.batch for p in seen] == [1, seen[0].batches]  # the first batch, then the epoch's last


def test_keras_round_trip_gives_the_same_predictions(trained, mnist_slice):
    result, keras_path, *_ = trained
    images = training.to_model_input(mnist_slice.x_test[:200])
    loaded = models.load(keras_path)
    np.testing.assert_allclose(loaded.predict(images, verbose=0), result.model.predict(images, verbose=0),
                               rtol=1e-5, atol=1e-6)


def test_the_export_agrees_with_keras_on_real_digits_at_a_quarter_of_the_size(trained, mnist_slice):
    result, _, tflite_path, _ = trained
    images = training.to_model_input(mnist_slice.x_test[:300])
    exported = Predictor(tflite_path).predict(images)
    keras_out = result.model.predict(images, verbose=0)
    assert (exported.argmax(1) == keras_out.argmax(1)).mean() >= 0.98  # 8-bit weights, float activations
    assert np.abs(exported - keras_out).mean() < 0.01
    np.testing.assert_allclose(exported.sum(1), 1, atol=1e-4)  # probabilities as fine as float's
    assert tflite_path.stat().st_size < 0.4 * 4 * result.model.count_params()  # float32 weights: 4 bytes each


def test_cancel_stops_training_at_once(mnist_slice):
    seen = []
    hooks = Hooks(on_batch=seen.append, should_stop=lambda: len(seen) >= 3)
    with pytest.raises(Cancelled):
        training.train(mnist_slice, QUICK, hooks)
    assert len(seen) == 3


def test_model_card_describes_the_model(trained, mnist_slice, tmp_path):
    result, _, tflite_path, _ = trained
    evaluation = training.evaluate(Predictor(tflite_path), mnist_slice.x_test, mnist_slice.y_test)
    card = model_card(result.model.count_params(), QUICK, result, evaluation, mnist_slice, export.RUNTIME)
    write_card(card, tmp_path / "card.json")
    saved = json.loads((tmp_path / "card.json").read_text())
    assert saved["architecture"] == "cnn"
    assert saved["parameters"] == result.model.count_params()
    assert saved["test_accuracy"] == round(evaluation.accuracy, 5)
    assert len(saved["confusion_matrix"]) == 10 and len(saved["per_class_accuracy"]) == 10
    assert saved["data"]["checksum"] == mnist_slice.checksum
    assert {"tensorflow", "keras", "ai-edge-litert"} <= set(saved["versions"])
    assert saved["runtime"].startswith("LiteRT, int8 weights")
    plot_history(result.history, tmp_path / "curves.png")
    assert (tmp_path / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("architecture", ["allconv", "mlp", "small_cnn"])
def test_other_architectures_train_too(architecture, mnist_slice):
    config = TrainConfig(architecture=architecture, epochs=1, batch_size=32, augment=False)
    result = training.train(mnist_slice, config)
    assert result.history["val_accuracy"][0] > 0.5


def _no_digit(kind: str, mnist_slice) -> np.ndarray:
    """Unseen pieces of the ``kind`` taught as no one digit: pairs, or fragments of joined digits."""
    from digitpad import augment

    if kind == "pairs":
        return augment.pairs(mnist_slice.x_test, 200, seed=99)[..., None]
    pieces, targets = augment.cut_pieces(mnist_slice.x_test, mnist_slice.y_test, 400, seed=99)
    return pieces[targets.max(axis=1) < 0.5][..., None]


@pytest.mark.parametrize("kind", ["pairs", "pieces"])
def test_pairs_and_fragments_of_digits_are_taught_as_no_one_digit(kind, mnist_slice):
    """Trained with pairs side by side (or with pieces cut from joined digits, fragments among
    them) as uniform guesses, the model is much less sure of such pieces it has not seen than
    the same model trained without them, and still reads digits."""
    unseen = _no_digit(kind, mnist_slice)
    sure = {}
    for share in (0.0, 0.3):
        shares = {"pairs": 0.0, kind: share}  # (the other kind left out)
        config = TrainConfig(architecture="small_cnn", epochs=2, batch_size=64, augment=False, real_world=0,
                             **shares)
        result = training.train(mnist_slice, config)
        sure[share] = float(result.model.predict(unseen, verbose=0).max(axis=1).mean())
        assert result.history["val_accuracy"][-1] > 0.85
    assert sure[0.3] < sure[0.0] - 0.1


def test_fine_tuning_adapts_the_layers_after_the_last_that_shrinks_the_image():
    import keras

    def head(architecture_or_model):
        model = models.build(architecture_or_model) if isinstance(architecture_or_model, str) else architecture_or_model
        return [type(layer).__name__ for layer in model.layers[training._head_start(model):]]

    assert head("cnn") == ["Dropout", "Flatten", "Dense", "BatchNormalization", "ReLU", "Dropout", "Dense"]
    assert head("allconv") == ["BatchNormalization", "ReLU", "Dropout", "Conv2D", "BatchNormalization", "ReLU",
                               "Flatten", "Dropout", "Dense"]
    assert head("mlp") == ["Flatten", "Dense", "Dense", "Dense"]  # nothing shrinks: all of it
    pooled = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3),
                               keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(10)])
    assert head(pooled) == ["Conv2D", "GlobalAveragePooling2D", "Dense"]  # no Flatten needed


def test_unknown_architecture():
    with pytest.raises(ValueError, match="Unknown architecture"):
        models.build("transformer")


def test_load_refuses_a_model_of_the_wrong_shape(tmp_path):
    import keras

    wrong = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    wrong.save(tmp_path / "wrong.keras")
    with pytest.raises(ValueError, match="28x28x1"):
        models.load(tmp_path / "wrong.keras")
    classes = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(5)])
    classes.save(tmp_path / "classes.keras")
    with pytest.raises(ValueError, match="10 digit classes"):
        models.load(tmp_path / "classes.keras")


def test_load_says_plainly_why_a_keras_file_is_refused(tmp_path):
    import zipfile

    (tmp_path / "broken.keras").write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(ValueError, match="damaged"):  # it said "File not found"
        models.load(tmp_path / "broken.keras")
    with zipfile.ZipFile(tmp_path / "code.keras", "w") as archive:  # a config naming os.system
        archive.writestr("config.json", json.dumps({"module": "os", "class_name": "system", "config": {}}))
        archive.writestr("metadata.json", json.dumps({"keras_version": "3.0.0"}))
    with pytest.raises(ValueError, match="cannot be loaded"):  # it was a raw TypeError
        models.load(tmp_path / "code.keras")
    with pytest.raises(ValueError, match="no such file"):
        models.load(tmp_path / "gone.keras")


def test_runtime_refuses_a_file_that_is_not_a_model(tmp_path):
    (tmp_path / "junk.tflite").write_bytes(b"not a model at all")
    with pytest.raises(ModelError, match="junk.tflite"):
        Predictor(tmp_path / "junk.tflite")
    with pytest.raises(ModelError, match="missing.tflite"):
        Predictor(tmp_path / "missing.tflite")


def test_save_is_atomic_when_writing_fails(trained, tmp_path):
    result, keras_path, *_ = trained
    target = tmp_path / "model.keras"
    target.write_bytes(b"the previous model")

    def broken(path):
        with open(path, "wb") as f:
            f.write(b"half a mod")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, broken)
    assert target.read_bytes() == b"the previous model"
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_fine_tuning_learns_a_users_quirk_without_forgetting_mnist(tmp_path):
    from digitpad import assets
    from digitpad.preprocess import to_mnist

    rng = np.random.default_rng(3)
    quirks = [to_mnist(boxed_four(rng)) for _ in range(40)]
    others = [to_mnist(draw(d, wobble=0.03, rng=rng)) for d in (0, 1, 2, 3, 5, 6, 7, 8, 9, 1)]
    images, labels = np.stack(quirks + others), np.array([4] * 40 + [0, 1, 2, 3, 5, 6, 7, 8, 9, 1])
    staged = jobs.fine_tune(jobs.FineTune(assets.BUNDLED_MODEL, (images, labels), str(SLICE)), tmp_path)
    tuned = staged.tuned
    assert tuned.held_out == 10 and tuned.test_images == 1000  # the slice has 1,000 test images
    assert tuned.user_before <= 0.5 and tuned.user_after >= 0.9
    assert tuned.mnist_after >= tuned.mnist_before - 0.02
    card = read_card(staged.tflite)  # says what was written and measured, not the bundled model's figures
    assert card["runtime"] == export.RUNTIME and card["test_images"] == 1000
    assert card["test_accuracy"] == round(tuned.mnist_after, 5) and card["fine_tuned_on_samples"] == 50
    fresh = np.stack([to_mnist(boxed_four(np.random.default_rng(100 + i))) for i in range(20)])
    assert (Predictor(assets.BUNDLED_TFLITE).predict(fresh).argmax(1) == 4).mean() <= 0.5
    assert (Predictor(staged.tflite).predict(fresh).argmax(1) == 4).mean() >= 0.9


def test_an_imported_model_is_exported_and_its_card_says_how(trained, tmp_path):
    _, keras_path, *_ = trained
    staged = jobs.run(jobs.Import(str(keras_path)), tmp_path)
    assert staged.card["runtime"] == export.RUNTIME and staged.card["imported_from"] == str(keras_path)
    assert read_card(staged.tflite) == staged.card and staged.confusion is None
    assert Predictor(staged.tflite).predict(np.zeros((1, 28, 28), np.float32)).shape == (1, 10)


def test_a_card_of_three_stages_keeps_every_stage():
    def card(epochs, seed):
        return {"epochs": epochs, "config": {"seed": seed}, "history": {"val_accuracy": [0.9 + seed / 100] * epochs},
                "training_seconds": 10.0}

    merged = merge_cards(merge_cards(card(2, 0), card(1, 1)), card(1, 2))
    assert [stage["seed"] for stage in merged["stages"]] == [0, 1, 2]
    assert merged["epochs"] == 4 and len(merged["history"]["val_accuracy"]) == 4
    assert merged["training_seconds"] == 30.0 and merged["best_validation_accuracy"] == 0.92


def test_the_same_seed_trains_the_same_model(mnist_slice):
    config = TrainConfig(architecture="small_cnn", epochs=1, batch_size=64, seed=4, limit=1500)
    first, second = (training.train(mnist_slice, config).model.get_weights() for _ in range(2))
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_a_tensorflow_failure_is_told_in_words(tmp_path, monkeypatch):
    """TensorFlow's own text ("Graph execution error: Detected at node ...") is not for users."""
    net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(10, activation="softmax")])
    net.compile("adam", "sparse_categorical_crossentropy")
    with pytest.raises(tf.errors.OpError) as caught:
        net.fit(np.zeros((8, 4)), np.full(8, 12), verbose=0)  # labels out of range

    def failing(*args):
        raise caught.value

    monkeypatch.setattr(jobs, "retrain", failing)
    messages = queue.Queue()
    jobs.run_in_child(jobs.Retrain(str(SLICE)), tmp_path, messages)
    kind, message = messages.get_nowait()
    assert kind == "failed" and "Graph execution" not in message and "node" not in message
    assert message.startswith("TensorFlow reported") and "label value of 12" in message
    out_of_memory = tf.errors.ResourceExhaustedError(None, None, "Graph execution error:\n\nOOM")
    assert jobs.tensorflow_failure(out_of_memory).startswith("the computer ran out of memory.")
    assert jobs.tensorflow_failure(ValueError("plain")) is None


def test_an_average_of_models_holds_the_mean_of_each_weight():
    keras.utils.set_random_seed(3)
    first, second = models.build("small_cnn"), models.build("small_cnn")
    means = [(a + b) / 2 for a, b in zip(first.get_weights(), second.get_weights(), strict=True)]
    averaged = models.average([first, second])
    for got, want in zip(averaged.get_weights(), means, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6)
    with pytest.raises(ValueError, match="one architecture"):
        models.average([models.build("small_cnn"), models.build("mlp")])


def test_train_model_averages_models_exports_and_measures_the_mean(trained, mnist_slice, tmp_path):
    _, keras_path, _, _ = trained
    out = tmp_path / "soup.keras"
    done = subprocess.run([sys.executable, "train_model.py", "--data", str(SLICE), "--average", str(keras_path),
                           str(keras_path), "--out", str(out)], check=False, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    card = read_card(out)
    assert len(card["averaged_from"]) == 2 and card["test_accuracy"] > 0.8
    images = training.to_model_input(mnist_slice.x_test[:100])  # a model's mean with itself is itself
    np.testing.assert_allclose(Predictor(out.with_suffix(".tflite")).predict(images),
                               Predictor(keras_path.with_suffix(".tflite")).predict(images), atol=1e-5)
