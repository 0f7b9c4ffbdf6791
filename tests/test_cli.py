import json
import subprocess
import sys

from PIL import Image

from digitpad.cli import main
from tests.helpers import draw


def saved(tmp_path, name, digit):
    path = tmp_path / name
    Image.fromarray(draw(digit)).save(path)
    return str(path)


def test_predict_prints_one_line_per_file(tmp_path, capsys):
    paths = [saved(tmp_path, "a.png", 7), saved(tmp_path, "b.png", 0)]
    assert main(["predict", *paths]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in lines] == paths
    assert lines[0].split(": ")[1].startswith("7 (") and lines[0].endswith("%)")
    assert lines[1].split(": ")[1].startswith("0 (")


def test_predict_json(tmp_path, capsys):
    path = saved(tmp_path, "a.png", 5)
    assert main(["predict", "--json", path]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["path"] == path and result["digit"] == 5
    assert abs(sum(result["probabilities"]) - 1) < 1e-3


def test_bad_files_are_reported_and_the_rest_answered(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("not an image")
    good = saved(tmp_path, "good.png", 1)
    blank = tmp_path / "blank.png"
    Image.new("L", (100, 100), 255).save(blank)
    code = main(["predict", str(tmp_path / "notes.txt"), good, str(tmp_path / "gone.png"), str(blank)])
    captured = capsys.readouterr()
    assert code == 1
    answered = captured.out.splitlines()
    assert len(answered) == 2
    assert answered[0].startswith(f"{good}: 1 (") and answered[1] == f"{blank}: no digit found"
    errors = captured.err.splitlines()
    assert len(errors) == 2 and "notes.txt" in errors[0] and "gone.png: no such file" in errors[1]


def test_a_broken_model_is_one_line_not_a_traceback(tmp_path, capsys):
    broken = tmp_path / "broken.tflite"
    broken.write_bytes(b"garbage")
    assert main(["predict", "--model", str(broken), saved(tmp_path, "a.png", 3)]) == 2
    err = capsys.readouterr().err
    assert "broken.tflite" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_python_dash_m_runs_the_same_command(tmp_path):
    path = saved(tmp_path, "a.png", 8)
    out = subprocess.run([sys.executable, "-m", "digitpad", "predict", path],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith(f"{path}: 8 (")
    out = subprocess.run([sys.executable, "-m", "digitpad", "predict", str(tmp_path / "x.png")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1 and "Traceback" not in out.stderr and "x.png" in out.stderr


def test_a_picture_of_a_number_reads_the_number(tmp_path, capsys):
    from tests.helpers import written

    path = tmp_path / "number.jpg"
    written([[3, 0, 5]]).save(path)
    assert main(["predict", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"{path}: 305 (3 digits, least sure ")
    assert main(["predict", "--json", str(path)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["number"] == "305" and [len(d["box"]) for d in result["digits"]] == [4, 4, 4]
    assert "digit" not in result  # a number has no one digit
    assert main(["predict", "--one", str(path)]) == 0
    assert capsys.readouterr().out.count("digits") == 0


def test_photo_problems_exit_non_zero(tmp_path, capsys):
    bomb = tmp_path / "bomb.png"
    Image.new("1", (12000, 12000)).save(bomb)
    truncated = tmp_path / "cut.jpg"
    Image.fromarray(draw(2)).save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:300])
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert main(["predict", str(bomb), str(truncated), str(empty)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 3 and "too large" in errors[0] and "cut.jpg" in errors[1]
    assert "empty.png: the file is empty" in errors[2]  # not "not an image file"


def test_many_files_read_as_one_digit_each_in_batches_a_bad_one_among_them(tmp_path, capsys):
    from digitpad.cli import ONE_BATCH

    digits = [i % 10 for i in range(ONE_BATCH + 5)]  # more than one batch
    paths = [saved(tmp_path, f"{i:03d}.png", digit) for i, digit in enumerate(digits)]
    (tmp_path / "bad.png").write_bytes(b"not a picture")
    paths.insert(3, str(tmp_path / "bad.png"))
    assert main(["predict", "--one", "--json", *paths]) == 1  # one file failed, the rest were read
    results = json.loads(capsys.readouterr().out)
    assert [result["path"] for result in results] == paths
    assert "error" in results[3] and "bad.png" in results[3]["error"]
    assert [result["digit"] for result in results if "error" not in result] == digits
