"""`salescenter bench`: not yet available."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("bench", parents=common, help="(not yet available)")
    parser.set_defaults(handler=lambda args: print("not yet available") or 1)
