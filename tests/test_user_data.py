"""The user's samples and models survive crashes, damage and full disks."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from digitpad import assets
from digitpad.model_store import ModelStore
from digitpad.preprocess import to_mnist
from digitpad.samples import SampleStore
from tests.helpers import draw


@pytest.fixture()
def store(tmp_path):
    return SampleStore(tmp_path / "samples")


def test_samples_round_trip(store):
    seven, one = to_mnist(draw(7)), to_mnist(draw(1))
    store.add(seven, 7)
    store.add(one, 1)
    images, labels = store.arrays()
    assert labels.tolist() == [7, 1]
    np.testing.assert_allclose(images[0], seven, atol=1 / 255)
    assert len(SampleStore(store.folder)) == 2  # a new store on the same folder, as after a restart


def test_a_damaged_sample_file_is_skipped(store):
    store.add(to_mnist(draw(3)), 3)
    (store.folder / "5_damaged.png").write_bytes(b"\x89PNG half a file")
    Image.new("L", (40, 40)).save(store.folder / "4_wrongsize.png")
    assert [s.label for s in store.samples()] == [3]


def test_a_crash_while_writing_leaves_earlier_samples_and_no_debris(store, monkeypatch):
    store.add(to_mnist(draw(2)), 2)

    def crash(self, fp, format=None, **kwargs):  # half a file written, then the disk is full
        with open(fp, "wb") as file:
            file.write(b"\x89PNG\r\n")
        raise OSError("No space left on device")

    monkeypatch.setattr(Image.Image, "save", crash)
    with pytest.raises(OSError, match="No space"):
        store.add(to_mnist(draw(9)), 9)
    monkeypatch.undo()
    assert [s.label for s in store.samples()] == [2]
    assert [p.name[0] for p in store.folder.iterdir()] == ["2"]


def test_remove_and_invalid_samples(store):
    sample = store.add(to_mnist(draw(0)), 0)
    store.remove(sample)
    assert len(store) == 0 and store.arrays()[0].shape == (0, 28, 28)
    with pytest.raises(ValueError):
        store.add(np.zeros((10, 10)), 3)
    with pytest.raises(ValueError):
        store.add(np.zeros((28, 28)), 12)


def staged_model(folder, content=b"model"):
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in (".tflite", ".keras", ".json"):
        (folder / f"candidate{suffix}").write_bytes(content + suffix.encode())
    return folder / "candidate.keras"


def test_install_keeps_the_previous_model_and_reset_goes_back(tmp_path):
    models = ModelStore(tmp_path / "models")
    assert models.active_tflite() == assets.BUNDLED_TFLITE and not models.has_user_model()
    models.install(staged_model(tmp_path / "a", b"first"))
    models.install(staged_model(tmp_path / "b", b"second"))
    assert models.active_tflite().read_bytes() == b"second.tflite"
    assert models.previous_tflite().read_bytes() == b"first.tflite"
    models.reset()
    assert models.active_tflite() == assets.BUNDLED_TFLITE
    assert models.previous_tflite().read_bytes() == b"second.tflite"


def test_an_interrupted_install_leaves_the_current_model_intact(tmp_path, monkeypatch):
    models = ModelStore(tmp_path / "models")
    models.install(staged_model(tmp_path / "a", b"good"))
    import shutil

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(OSError):
        models.install(staged_model(tmp_path / "b", b"new"))
    assert models.active_tflite().read_bytes() == b"good.tflite"
    assert models.active_keras().read_bytes() == b"good.keras"


INSTALLER = """
import json, sys
from pathlib import Path
from digitpad.model_store import ModelStore
store, staging, tag = ModelStore(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
staging.mkdir(parents=True, exist_ok=True)
for i in range(int(sys.argv[4])):
    name = f"{tag}-{i}"
    (staging / "m.tflite").write_text(name)
    (staging / "m.keras").write_text(name)
    (staging / "m.json").write_text(json.dumps({"name": name}))
    store.install(staging / "m.tflite")
"""


def test_two_windows_installing_at_once_always_leave_a_whole_model(tmp_path):
    """Model and card are switched together: whatever is read at any moment belongs together."""
    folder = tmp_path / "models"
    runs = [subprocess.Popen([sys.executable, "-c", INSTALLER, str(folder), str(tmp_path / tag), tag, "300"])
            for tag in ("a", "b")]
    store, seen = ModelStore(folder), 0
    while any(run.poll() is None for run in runs):
        current = store.current_tflite()
        if current is None:
            continue
        try:
            model, card = current.read_text(), json.loads(current.with_suffix(".json").read_text())
        except FileNotFoundError:
            continue  # tidied away between the two reads: a later read sees the new model
        assert card["name"] == model == current.with_suffix(".keras").read_text()
        seen += 1
    assert [run.wait() for run in runs] == [0, 0] and seen
    final = store.current_tflite()
    assert final.read_text() in ("a-299", "b-299")
    assert json.loads(final.with_suffix(".json").read_text())["name"] == final.read_text()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_models_saved_by_an_earlier_version_are_kept_for_exporting_again(tmp_path):
    """Earlier versions saved ONNX models (first in the folder itself): kept, whole, and their
    .keras offered to be exported for this version; until then the bundled model is used."""
    folder = tmp_path / "models"
    folder.mkdir()
    for pointer in ("current", "previous"):
        for suffix in (".onnx", ".keras", ".json"):
            (folder / f"{pointer}{suffix}").write_text(f"{pointer}{suffix}")
    models = ModelStore(folder)
    assert not (folder / "current.onnx").exists()
    assert models.current_tflite() is None and models.active_tflite() == assets.BUNDLED_TFLITE
    assert models.unexported_keras().read_text() == "current.keras"
    kept = models.unexported_keras().parent
    assert {p.name for p in kept.iterdir()} == {"model.onnx", "model.keras", "model.json"}
    models.install(staged_model(tmp_path / "again", b"exported"))
    assert models.unexported_keras() is None and models.active_tflite().read_bytes() == b"exported.tflite"


def test_relabel_keeps_the_sample_and_its_place(tmp_path):
    from digitpad.samples import SampleStore

    store = SampleStore(tmp_path / "samples")
    first = store.add(np.full((28, 28), 0.5, np.float32), 7)
    store.add(np.zeros((28, 28), np.float32), 3)
    moved = store.relabel(first, 1)
    assert [sample.label for sample in store.samples()] == [1, 3]  # still the oldest
    np.testing.assert_allclose(store.samples()[0].image, first.image)
    with pytest.raises(OSError):
        store.relabel(first, 2)  # gone: renamed already
    assert moved.label == 1
