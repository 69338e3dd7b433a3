"""Launcher so that `python main.py` works from a source checkout."""

import sys

from qcdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
