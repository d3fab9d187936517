"""Fuzz ``vanban.parse`` on arbitrary bytes with atheris (coverage-guided).

Only :class:`vanban.VanbanError` may come out of ``parse``; anything else is a
crash and stops the fuzzer with the input that caused it.

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=60            # about a minute
    python fuzz/fuzz_parse.py -runs=100000 fuzz/corpus      # keep what it finds

The seed corpus is built from fixtures/ on the first run (``--seed-only`` just
writes it). Without atheris installed, the same command runs a plain
random-mutation loop over the seeds for the given ``-max_total_time``.
"""

from __future__ import annotations

import contextlib
import importlib
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus"

# Small limits keep each input cheap, as in a batch over untrusted files.
LIMITS_KW = {"max_input_bytes": 2_000_000, "max_pdf_pages": 5, "max_seconds": 5.0}


_MODULES = (
    "vanban.api",
    "vanban.pipeline",
    "vanban.loaders.dispatch",
    "vanban.loaders.text",
    "vanban.loaders.encodings",
    "vanban.loaders.docx",
    "vanban.loaders.pdf",
    "vanban.loaders.html",
    "vanban.loaders.rtf",
    "vanban.loaders.legacy",
)


def seed_corpus() -> list[Path]:
    """Write the seed inputs (fixtures of every format) into fuzz/corpus/."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "fixtures").rglob("*"))
    written: list[Path] = []
    for src in sources:
        if src.is_file() and src.stat().st_size < 300_000 and not src.name.endswith(".json"):
            dst = CORPUS / f"seed-{src.name}"
            if not dst.exists():
                dst.write_bytes(src.read_bytes())
            written.append(dst)
    return written


def one_input(data: bytes) -> None:
    """The fuzz target."""
    import dataclasses

    import vanban
    from vanban.limits import DEFAULT_LIMITS

    limits = dataclasses.replace(DEFAULT_LIMITS, **LIMITS_KW)  # type: ignore[arg-type]
    with contextlib.suppress(vanban.VanbanError):
        vanban.parse(data, limits=limits)


def _plain_loop(seconds: float) -> int:
    """Random byte mutations of the seeds, for machines without atheris."""
    seeds = [p.read_bytes() for p in seed_corpus()] or [b""]
    rng = random.Random(0)
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 16)):
            op = rng.random()
            pos = rng.randrange(len(data) + 1)
            if op < 0.4 and data:
                data[min(pos, len(data) - 1)] = rng.randrange(256)
            elif op < 0.7:
                data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
            else:
                del data[pos : pos + rng.randint(1, 64)]
        one_input(bytes(data))
        runs += 1
    print(f"plain fuzz loop: {runs} inputs in {seconds:g} s, no crash")
    return 0


def main() -> int:
    if "--seed-only" in sys.argv:
        print(f"{len(seed_corpus())} seed inputs in {CORPUS}")
        return 0
    seed_corpus()
    try:
        import atheris
    except ImportError:
        seconds = next(
            (float(a.split("=", 1)[1]) for a in sys.argv if a.startswith("-max_total_time=")), 60.0
        )
        return _plain_loop(seconds)
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):
        args.append(str(CORPUS))
    with atheris.instrument_imports(include=["vanban"]):
        # vanban imports its parts lazily: load them here so they are instrumented.
        for module in _MODULES:
            importlib.import_module(module)
    atheris.Setup(args, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
