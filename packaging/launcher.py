"""Entry point of the packaged application: the same command as `salescenter`."""

import multiprocessing
import sys

from salescenter.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
