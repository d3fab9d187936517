"""``vanban convert SRC -o OUT``: convert an archive folder, resumably."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    """Add the ``convert`` subcommand."""
    from vanban.cli.parse import add_ocr_argument

    p = sub.add_parser(
        "convert",
        help="convert a folder of documents to JSON, with a manifest (resumable)",
        description=(
            "Convert every file under SRC into OUT (mirroring SRC) and write OUT/manifest.jsonl "
            "with one row per file. Running the same command again after an interruption "
            "finishes the job without redoing finished files. See docs/batch.md."
        ),
    )
    p.add_argument("src", metavar="SRC", help="the folder (or file, or fsspec URL) to convert")
    p.add_argument("-o", "--out", required=True, metavar="OUT", help="the output folder")
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes (default: the machine's cores)",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="write one OUT/documents.jsonl instead of one JSON file per input",
    )
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="user rule file")
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="only convert paths matching GLOB (repeatable; case-insensitive)",
    )
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="do not convert paths matching GLOB (repeatable; case-insensitive)",
    )
    p.add_argument("--force", action="store_true", help="convert every file again")
    p.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="time limit per file; its worker is killed after it (default: 120)",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://HOST:8786 (needs vanban[dask])",
    )
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")
    add_ocr_argument(p)
    p.set_defaults(func=run)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    """Run the batch; print the summary on stderr; return the exit status."""
    from vanban.batch.errors import BatchUsageError
    from vanban.batch.runner import convert

    options: dict[str, Any] = {
        "jsonl": args.jsonl,
        "rules": args.rules,
        "include": args.include,
        "exclude": args.exclude,
        "force": args.force,
        "timeout": args.timeout or None,
        "progress": False if args.no_progress else None,
    }
    try:
        if args.scheduler:
            try:
                from vanban.batch.dask_backend import convert_on_dask
            except ImportError:
                print("vanban: --scheduler needs Dask: pip install 'vanban[dask]'", file=sys.stderr)
                return 2
            summary = convert_on_dask(args.src, args.out, scheduler=args.scheduler, **options)
        else:
            summary = convert(args.src, args.out, workers=args.workers, **options)
    except BatchUsageError as exc:
        print(f"vanban convert: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("vanban convert: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    print(summary.render(), file=sys.stderr)
    return summary.exit_status
