import gzip
import shutil

import numpy as np
import pytest

from digitpad.data import DataError, load_mnist
from tests.helpers import FULL, SLICE


def copy_slice(tmp_path, unzip=False):
    for source in SLICE.glob("*.gz"):
        if unzip:
            (tmp_path / source.stem).write_bytes(gzip.decompress(source.read_bytes()))
        else:
            shutil.copy(source, tmp_path)
    return tmp_path


def test_loads_the_gzipped_slice(mnist_slice):
    assert mnist_slice.x_train.shape == (3000, 28, 28)
    assert mnist_slice.x_test.shape == (1000, 28, 28)
    assert mnist_slice.x_train.dtype == np.uint8
    assert set(np.unique(mnist_slice.y_train)) == set(range(10))
    assert mnist_slice.checksum.startswith("sha256:")
    # The first MNIST training digit is a 5, the first test digit a 7.
    assert (mnist_slice.y_train[0], mnist_slice.y_test[0]) == (5, 7)


def test_uncompressed_files_load_the_same(tmp_path, mnist_slice):
    data = load_mnist(copy_slice(tmp_path, unzip=True))
    np.testing.assert_array_equal(data.x_train, mnist_slice.x_train)
    np.testing.assert_array_equal(data.y_test, mnist_slice.y_test)


def test_keras_style_npz(tmp_path, mnist_slice):
    np.savez(tmp_path / "mnist.npz", x_train=mnist_slice.x_train, y_train=mnist_slice.y_train,
             x_test=mnist_slice.x_test, y_test=mnist_slice.y_test)
    data = load_mnist(tmp_path)
    np.testing.assert_array_equal(data.x_test, mnist_slice.x_test)


def test_directory_from_environment(monkeypatch, mnist_slice):
    monkeypatch.setenv("DIGITPAD_MNIST", str(SLICE))
    assert load_mnist().y_train[:10].tolist() == mnist_slice.y_train[:10].tolist()


def test_no_directory_and_no_download_is_a_clear_error(no_data_env):
    with pytest.raises(DataError, match="DIGITPAD_MNIST"):
        load_mnist()


def test_missing_folder(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_mnist(tmp_path / "nowhere")


def test_missing_file_is_named(tmp_path):
    copy_slice(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte"):
        load_mnist(tmp_path)


def test_bad_magic_number_names_the_file(tmp_path):
    copy_slice(tmp_path, unzip=True)
    path = tmp_path / "train-images-idx3-ubyte"
    raw = bytearray(path.read_bytes())
    raw[3] = 0x99
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match="train-images-idx3-ubyte.*magic"):
        load_mnist(tmp_path)


def test_truncated_file(tmp_path):
    copy_slice(tmp_path, unzip=True)
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(DataError, match="train-images-idx3-ubyte.*bytes"):
        load_mnist(tmp_path)


def test_corrupt_gzip(tmp_path):
    copy_slice(tmp_path)
    path = tmp_path / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(DataError, match="t10k-images-idx3-ubyte.gz"):
        load_mnist(tmp_path)


def test_label_out_of_range(tmp_path):
    copy_slice(tmp_path, unzip=True)
    path = tmp_path / "train-labels-idx1-ubyte"
    raw = bytearray(path.read_bytes())
    raw[8] = 12
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match="label 12"):
        load_mnist(tmp_path)


def test_image_and_label_counts_must_match(tmp_path):
    copy_slice(tmp_path, unzip=True)
    path = tmp_path / "t10k-labels-idx1-ubyte"
    raw = path.read_bytes()
    path.write_bytes((999).to_bytes(4, "big").join([raw[:4], raw[8:-1]]))
    with pytest.raises(DataError, match="1000 test images but 999 test labels"):
        load_mnist(tmp_path)


def test_npz_with_wrong_shapes(tmp_path):
    np.savez(tmp_path / "mnist.npz", x_train=np.zeros((5, 10, 10)), y_train=np.zeros(5),
             x_test=np.zeros((2, 28, 28)), y_test=np.zeros(2))
    with pytest.raises(DataError, match="x_train has shape"):
        load_mnist(tmp_path)


@pytest.mark.skipif(not FULL.is_dir(), reason="full MNIST is not beside this checkout")
def test_full_data_set_matches_its_published_checksums():
    data = load_mnist(FULL)
    assert (len(data.x_train), len(data.x_test)) == (60000, 10000)
    sums = dict(line.split()[::-1] for line in (FULL / "SHA256SUMS").read_text().splitlines())
    import hashlib

    for name, digest in sums.items():
        assert hashlib.sha256((FULL / name).read_bytes()).hexdigest() == digest
