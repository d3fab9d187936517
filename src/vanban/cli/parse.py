"""``vanban parse FILE…``: print each document as JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    """Add the ``parse`` subcommand."""
    p = sub.add_parser("parse", help="parse files and print their JSON")
    p.add_argument("files", nargs="+", metavar="FILE", help="files to parse ('-' reads stdin)")
    p.add_argument("--jsonl", action="store_true", help="one JSON object per line")
    p.add_argument("--format", default=None, help="force the input format")
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="user rule file")
    p.add_argument(
        "--no-text", action="store_true", help="leave out the normalised text (Document.text)"
    )
    add_ocr_argument(p)
    p.set_defaults(func=run)


def add_ocr_argument(p: Any) -> None:
    """``--ocr auto|always|never`` (for ``parse`` and ``convert``)."""
    p.add_argument(
        "--ocr",
        choices=("auto", "always", "never"),
        default=None,
        help="OCR with Tesseract: 'auto' (default) reads scans, images and pages whose text "
        "layer is unusable; 'always' every PDF page; 'never' none (a scan is then reported "
        "with text.no_text_layer)",
    )


def error_message(name: str, exc: Exception) -> str:
    """``name: message``, naming the file once even when the message already does.

    >>> error_message("nope.docx", OSError("nope.docx: cannot be read"))
    'nope.docx: cannot be read'
    >>> error_message("-", OSError("not a known format"))
    '-: not a known format'
    """
    message = str(exc)
    named = name != "-" and any(form in message for form in (name, str(Path(name))))
    return message if named else f"{name}: {message}"


def run(args: argparse.Namespace) -> int:
    """Parse each file; report unreadable ones on stderr and go on."""
    from vanban.api import parse
    from vanban.errors import VanbanError

    status = 0
    for name in args.files:
        try:
            source = sys.stdin.buffer.read() if name == "-" else name
            doc = parse(
                source,
                format=args.format,
                rules=args.rules,
                keep_text=not args.no_text,
                ocr=args.ocr or "auto",
            )
        except VanbanError as exc:
            print(f"vanban: {error_message(name, exc)}", file=sys.stderr)
            status = 1
            continue
        if args.jsonl:
            sys.stdout.write(doc.model_dump_json() + "\n")
        else:
            sys.stdout.write(doc.model_dump_json(indent=2) + "\n")
    return status
