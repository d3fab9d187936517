"""``vanban schema``: print the JSON Schema of Document."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``schema`` subcommand."""
    p = sub.add_parser("schema", help="print the JSON Schema of the output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    from vanban.schema import document_schema

    json.dump(document_schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
