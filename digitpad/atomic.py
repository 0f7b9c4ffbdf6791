"""Files written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: str | os.PathLike, write: Callable[[str], object]) -> None:
    """``write(temporary_path)`` in ``path``'s folder, then rename it to ``path``: a reader sees
    the old file or the new one, never half of one."""
    path = Path(path)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix)
    os.close(handle)
    try:
        write(tmp)
        with open(tmp, "rb+") as written:  # on the disk before the name points to it
            os.fsync(written.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes files only their owner may read
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
