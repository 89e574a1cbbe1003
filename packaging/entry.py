"""Frozen entry point: the same main as `python -m complaints_desktop`."""

import sys

from complaints_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
