"""``python -m digitpad``: the same as the ``digitpad`` command."""

import sys

from digitpad.cli import main

sys.exit(main())
