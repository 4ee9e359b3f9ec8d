"""Sub-commands of the ``salescenter`` command line, one module each."""
