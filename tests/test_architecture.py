"""The layering, read from the source: Qt only in ``digitpad.ui``; TensorFlow only where models
are trained, never on the way from an image (or the window) to a prediction."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "digitpad"
QT = {"PySide6", "shiboken6"}
TENSORFLOW = {"tensorflow", "keras"}
# Where predicting starts: the package's API, the command line and the window.
ENTRY_POINTS = ("digitpad", "digitpad.cli", "digitpad.ui.app")
# What these modules import inside functions is never imported while predicting:
BOUNDARIES = {
    "digitpad.jobs": "its functions run in the training process (run_in_child), not in the window's",
    "digitpad.data": "Keras' MNIST download, only for train_model.py (allow_download)",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> tuple[set[str], set[str]]:
    """The modules ``path`` imports at its top level, and those it imports inside functions
    (what it imports only for type checkers is left out: that never runs)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, inner = set(), set()
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    in_functions = {id(node) for function in functions for node in ast.walk(function)}
    typing_only = [node for node in ast.walk(tree) if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"]
    never_run = {id(node) for block in typing_only for node in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in never_run:
            continue
        if isinstance(node, ast.Import):
            names = {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        else:
            continue
        (inner if id(node) in in_functions else top).update(names)
    return top, inner


MODULES = {module_name(path): imports(path) for path in PACKAGE.rglob("*.py")}


def reachable(starts, follow_inner=lambda module: True) -> set[str]:
    """Every module, ours or not, that importing ``starts`` may import (function-level imports of
    a module are followed where ``follow_inner(module)``)."""
    seen, todo = set(), list(starts)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        top, inner = MODULES.get(module, (set(), set()))
        todo += [name for name in top | (inner if follow_inner(module) else set())]
    return seen


def roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_only_the_ui_package_imports_qt():
    outside = {name: top | inner for name, (top, inner) in MODULES.items() if not name.startswith("digitpad.ui")}
    assert {name for name, used in outside.items() if roots(used) & QT} == set()
    assert any(roots(top | inner) & QT for name, (top, inner) in MODULES.items() if name.startswith("digitpad.ui"))


def test_nothing_on_the_prediction_path_imports_tensorflow():
    path = reachable(ENTRY_POINTS, follow_inner=lambda module: module not in BOUNDARIES)
    assert "digitpad.recognizer" in path and "digitpad.ui.main_window" in path  # the walk got there
    assert roots(path) & TENSORFLOW == set(), sorted(m for m in path if roots({m}) & TENSORFLOW)
    assert not {"digitpad.training", "digitpad.model", "digitpad.export"} & path


def test_tensorflow_is_imported_only_where_models_are_trained():
    users = {name for name, (top, inner) in MODULES.items() if roots(top | inner) & TENSORFLOW}
    assert users == {"digitpad.model", "digitpad.training", "digitpad.export", "digitpad.data"}
    top_level = {name for name, (top, _) in MODULES.items() if roots(top) & TENSORFLOW}
    assert top_level == {"digitpad.model", "digitpad.training", "digitpad.export"}  # data: in a function


def test_the_core_never_imports_the_ui():
    core = {name: top | inner for name, (top, inner) in MODULES.items()
            if not name.startswith("digitpad.ui") and name != "digitpad.cli"}  # (the CLI opens the window)
    assert {name for name, used in core.items() if any(m.startswith("digitpad.ui") for m in used)} == set()
