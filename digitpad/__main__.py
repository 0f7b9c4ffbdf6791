"""``python -m digitpad``: the same as the ``digitpad`` command."""

import sys

from digitpad.cli import main

if __name__ == "__main__":  # not when a training child process starts from this module
    sys.exit(main())
