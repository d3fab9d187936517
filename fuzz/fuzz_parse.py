"""Fuzz ``vanban.parse`` on arbitrary bytes with atheris (coverage-guided).

Only :class:`vanban.VanbanError` may come out of ``parse``; anything else is a
crash and stops the fuzzer with the input that caused it.

    pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=60            # about a minute
    python fuzz/fuzz_parse.py -runs=100000 fuzz/corpus      # keep what it finds

    python fuzz/fuzz_parse.py --bench 20                     # execs/s per format

The seed corpus is built from fixtures/ on the first run (``--seed-only`` just
writes it), plus generated seeds: a compact DOCX with numbering and styles
parts and an RTF of the same công văn. DOCX and RTF inputs are mutated by the
structure-aware mutators of ``fuzz/mutators.py`` (XML parts inside a valid
zip; RTF tokens), other formats byte by byte. Without atheris installed, the
same command runs a plain loop with the same mutators for the given
``-max_total_time``.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import random
import sys
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fuzz" / "corpus"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutators  # noqa: E402

# Small limits keep each input cheap, as in a batch over untrusted files.
LIMITS_KW = {"max_input_bytes": 2_000_000, "max_pdf_pages": 5, "max_seconds": 5.0}


_MODULES = (
    "vanban.api",
    "vanban.pipeline",
    "vanban.loaders.dispatch",
    "vanban.loaders.text",
    "vanban.loaders.encodings",
    "vanban.loaders.docx",
    "vanban.loaders.docx_numbering",
    "vanban.loaders.zipread",
    "vanban.loaders.pdf",
    "vanban.loaders.html",
    "vanban.loaders.rtf",
    "vanban.loaders.legacy",
)


def seed_corpus() -> list[Path]:
    """Write the seed inputs (fixtures of every format, and generated ones) into fuzz/corpus/."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "fixtures").rglob("*"))
    written: list[Path] = []
    for src in sources:
        if src.is_file() and src.stat().st_size < 300_000 and not src.name.endswith(".json"):
            dst = CORPUS / f"seed-{src.name}"
            if not dst.exists():
                dst.write_bytes(src.read_bytes())
            written.append(dst)
    for name, data in generated_seeds().items():
        dst = CORPUS / f"seed-gen-{name}"
        if not dst.exists():
            dst.write_bytes(data)
        written.append(dst)
    return written


def generated_seeds() -> dict[str, bytes]:
    """A compact DOCX (the fixture's body, with numbering and styles) and an RTF of it."""
    seeds: dict[str, bytes] = {}
    source = ROOT / "fixtures" / "formats" / "cv001.docx"
    if source.is_file():
        with zipfile.ZipFile(source) as zf:
            keep = ("[Content_Types].xml", "word/document.xml", "word/numbering.xml")
            parts = {n: zf.read(n) for n in keep if n in zf.namelist()}
        parts["word/styles.xml"] = mutators.small_styles().encode()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in parts.items():
                out.writestr(name, data)
        seeds["cv001-compact.docx"] = buf.getvalue()
    body = ROOT / "fixtures" / "formats" / "cv001_body.txt"
    if body.is_file():
        seeds["cv001.rtf"] = _rtf(body.read_text("utf-8"))
    return seeds


def _rtf(text: str) -> bytes:
    """RTF as Word writes Vietnamese: \\uN escapes with a ? fallback, a table, a font table."""

    def escape(line: str) -> str:
        out = []
        for c in line:
            code = ord(c)
            plain = code < 128 and c not in "\\{}"
            out.append(c if plain else f"\\u{code - 65536 if code > 32767 else code}?")
        return "".join(out)

    lines = [escape(line) + "\\par" for line in text.splitlines()[:40]]
    header = (
        "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\fcharset163 Times New Roman;}}"
        "{\\colortbl;\\red0\\green0\\blue0;}{\\*\\generator vanban;}"
        "\\trowd\\cellx4000\\cellx9000 \\intbl \\u7910?Y BAN NH\\'c2N D\\'c2N\\cell "
        "C\\u7896?NG H\\u210?A\\cell\\row "
    )
    return (header + "\n".join(lines) + "}").encode("ascii")


_LIMITS: list[object] = []


def one_input(data: bytes) -> None:
    """The fuzz target: one input in four goes through the whole ``parse``, the others
    through the loaders only (the same contract, about twice the inputs per second).

    The choice is a hash of the bytes, so an input always takes the same path.
    """
    import dataclasses

    import vanban
    from vanban.limits import DEFAULT_LIMITS, Limits, deadline
    from vanban.loaders import load_bytes

    if not _LIMITS:
        _LIMITS.append(dataclasses.replace(DEFAULT_LIMITS, **LIMITS_KW))  # type: ignore[arg-type]
    limits = _LIMITS[0]
    assert isinstance(limits, Limits)
    with contextlib.suppress(vanban.VanbanError):
        if zlib.crc32(data) % 4 == 0:
            vanban.parse(data, limits=limits)
        else:
            with deadline(limits):
                load_bytes(data, limits=limits)


def _plain_loop(seconds: float) -> int:
    """The same mutators with a plain random byte mutator, for machines without atheris."""
    seeds = [p.read_bytes() for p in seed_corpus()] or [b""]
    rng = random.Random(0)
    byte_mutate = mutators.random_bytes_mutator(rng)
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        data = mutators.mutate(rng.choice(seeds), 2_000_000, rng.randrange(2**32), byte_mutate)
        one_input(data)
        runs += 1
    print(f"plain fuzz loop: {runs} inputs in {seconds:g} s, no crash")
    return 0


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    return {"htm": "html", "md": "text", "txt": "text"}.get(suffix, suffix)


def bench(seconds: float) -> int:
    """Execs/s per format: each format's seeds, mutated, for ``seconds`` each."""
    rng = random.Random(0)
    byte_mutate = mutators.random_bytes_mutator(rng)
    by_format: dict[str, list[bytes]] = {}
    for path in seed_corpus():
        by_format.setdefault(_format_of(path), []).append(path.read_bytes())
    print(f"{'format':8} {'seeds':>5} {'execs':>7} {'execs/s':>8}")
    for fmt in ("docx", "rtf", "pdf", "html", "text"):
        seeds = by_format.get(fmt)
        if not seeds:
            continue
        one_input(seeds[0])  # imports
        runs, start = 0, time.monotonic()
        while time.monotonic() - start < seconds:
            seed = rng.choice(seeds)
            one_input(mutators.mutate(seed, 2_000_000, rng.randrange(2**32), byte_mutate))
            runs += 1
        rate = runs / (time.monotonic() - start)
        print(f"{fmt:8} {len(seeds):5} {runs:7} {rate:8.0f}")
    return 0


def _custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    import atheris

    return mutators.mutate(data, max_size, seed, atheris.Mutate)


def main() -> int:
    if "--seed-only" in sys.argv:
        print(f"{len(seed_corpus())} seed inputs in {CORPUS}")
        return 0
    if "--bench" in sys.argv:
        at = sys.argv.index("--bench")
        return bench(float(sys.argv[at + 1]) if len(sys.argv) > at + 1 else 10.0)
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
    atheris.Setup(args, one_input, custom_mutator=_custom_mutator)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
