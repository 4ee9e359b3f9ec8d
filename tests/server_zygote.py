"""Starts ``salescenter serve`` processes for the tests without paying Python's start-up each time.

The zygote imports the command once, then forks one child per request; each child runs
``salescenter.cli.main(["serve", ...])`` exactly as the installed command does, in its own
process with its own stdout and log. Only the interpreter start and the imports are shared,
which is most of a server's start-up on a busy machine.
"""

from __future__ import annotations

import json
import os
import signal
import sys


def main() -> None:
    import salescenter.cli
    import salescenter.server.app
    import salescenter.server.serve  # noqa: F401 - imported before forking, once for every child

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request, salescenter.cli.main)
        print(pid, flush=True)


def _child(request: dict[str, object], run: object) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setpgrp()
    _end_with(os.getppid())
    null = os.open(os.devnull, os.O_RDONLY)
    out = os.open(str(request["out"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    log = os.open(str(request["log"]), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    for source, target in ((null, 0), (out, 1), (log, 2)):
        os.dup2(source, target)
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - the process's own descriptors
    sys.stdout = open(1, "w", closefd=False, buffering=1)  # noqa: SIM115
    sys.stderr = open(2, "w", closefd=False, buffering=1)  # noqa: SIM115
    code = 1
    try:
        code = int(run(list(request["argv"])) or 0)  # type: ignore[operator, call-overload]
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _end_with(zygote: int) -> None:
    """A test run that is killed never tears its servers down: each ends once the zygote has gone
    (the zygote itself ends when the test process does, at the end of its input)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == zygote:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="zygote-watch", daemon=True).start()


if __name__ == "__main__":
    main()
