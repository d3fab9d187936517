"""The ``vanban`` command-line tool.

Each subcommand lives in its own module with a ``register(subparsers)``
function; heavy libraries are imported only inside the command that runs, so
``vanban --help`` stays fast.

Exit status: 0 success, 1 some input failed, 2 usage error, 3 a batch stopped
before the end (disk full), 130 interrupted, 141 the reader of stdout went away
(``vanban schema | head``), which ends the command quietly.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from vanban._version import __version__

# Subcommand modules, in the order ``--help`` lists them.
_COMMANDS = ("parse", "convert", "check", "agency", "schema")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="vanban",
        description="Turn Vietnamese administrative documents into typed, validated data.",
    )
    parser.add_argument("--version", action="version", version=f"vanban {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        try:
            module = importlib.import_module(f"vanban.cli.{name}")
        except ModuleNotFoundError:
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return status


# 128 + SIGPIPE: what a tool killed by the signal would report.
EXIT_BROKEN_PIPE = 141


def _silence_stdout() -> None:
    """Point stdout at /dev/null: the flush at exit must not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a real file (tests, embedding)
        pass
