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
    p.add_argument(
        "--connect-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="with --scheduler: give up when the scheduler does not answer (default: 10)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 unless every file was read in full (no needs-OCR, no-text, partly read "
        "or skipped file, apart from --include/--exclude)",
    )
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress display (default: a bar on a terminal, a line every 30 s elsewhere)",
    )
    add_ocr_argument(p)
    p.set_defaults(func=run)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    """Run the batch; print the summary on stderr; return the exit status."""
    from vanban.batch.errors import BatchUsageError, DiskFull
    from vanban.batch.runner import convert
    from vanban.errors import VanbanError

    options: dict[str, Any] = {
        "jsonl": args.jsonl,
        "rules": args.rules,
        "include": args.include,
        "exclude": args.exclude,
        "force": args.force,
        "timeout": args.timeout or None,
        "progress": False if args.no_progress else None,
        "parse_options": parse_options(args),
    }
    try:
        if args.scheduler:
            from vanban.batch.dask_backend import convert_on_dask

            summary = convert_on_dask(
                args.src,
                args.out,
                scheduler=args.scheduler,
                connect_timeout=args.connect_timeout,
                **options,
            )
        else:
            summary = convert(args.src, args.out, workers=args.workers, **options)
    except (BatchUsageError, VanbanError) as exc:
        print(f"vanban convert: {exc}", file=sys.stderr)
        return 2
    except DiskFull as exc:
        if exc.summary is not None:
            print(exc.summary.render(), file=sys.stderr)  # type: ignore[attr-defined]
        print(f"vanban convert: {exc}", file=sys.stderr)
        return EXIT_STOPPED
    except KeyboardInterrupt:
        print("vanban convert: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    print(summary.render(), file=sys.stderr)
    return summary.strict_exit_status() if args.strict else summary.exit_status


# The batch stopped before the end (disk full); the same command resumes it.
EXIT_STOPPED = 3


def parse_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options every worker passes on to ``vanban.parse`` (e.g. ``ocr``), when given."""
    names = ("ocr",)  # added to this parser by the commands that support them
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}
