"""The reading written out: the number, JSON and CSV."""

import csv
import json

import numpy as np

from digitpad import report
from digitpad.recognizer import NOTHING, Recognition


def _digit(digit, sure, box):
    probabilities = np.full(10, (1 - sure) / 9, np.float32)
    probabilities[digit] = sure
    return Recognition(digit, probabilities, box=box)


READING = [_digit(4, 0.97, (10, 5, 40, 60)), _digit(7, 0.6, (50, 5, 80, 60))]


def test_the_number_skips_what_holds_no_digit():
    assert report.number(READING) == "47" and report.number([NOTHING]) == "" and report.number([]) == ""


def test_json_holds_the_number_and_every_digit(tmp_path):
    report.save(READING, tmp_path / "reading.json")
    saved = json.loads((tmp_path / "reading.json").read_text())
    assert saved["number"] == "47" and [d["digit"] for d in saved["digits"]] == [4, 7]
    assert saved["digits"][1]["confidence"] == 0.6 and saved["digits"][0]["box"] == [10, 5, 40, 60]
    assert abs(sum(saved["digits"][0]["probabilities"]) - 1) < 1e-3


def test_csv_has_a_row_per_digit(tmp_path):
    report.save(READING, tmp_path / "reading.CSV")
    rows = list(csv.DictReader((tmp_path / "reading.CSV").open()))
    assert [row["digit"] for row in rows] == ["4", "7"] and rows[1]["p7"] == "0.6" and rows[0]["left"] == "10"
