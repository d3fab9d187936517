"""Old Word .doc: our pure-Python reader against antiword, on every .doc of a folder.

Prints:

1. read rate (files read / .doc files; a .doc that is really DOCX is counted
   under the format its bytes have), documents per second of our loader, of a
   bare olefile open + stream read (the floor for any OLE reader) and of
   antiword, as ratios measured in the same run;
2. the cross-check: each file parsed once from our reader and once from
   antiword's text (its ``|cell|cell|`` rows put back into cells as the old
   loader did), and the share of Document fields (number, doc_type,
   issued_date, place, issuer, subject, recipients, signer.*, distribution
   count) with the same value on both sides, over the fields where either side
   has a value; the fields that differ are listed.

Run: ``python benchmarks/msdoc.py [FOLDER]`` (default ``../shared/corpus/lamdong``;
needs antiword on PATH for part 2). ``tests/loaders/test_msdoc_antiword.py``
holds the 98 % agreement.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any

import regex

import vanban
from vanban.errors import VanbanError
from vanban.loaders.base import RawDocument
from vanban.loaders.dispatch import sniff_format
from vanban.loaders.msdoc import load_bytes as load_doc
from vanban.pipeline import run
from vanban.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT / ".." / "shared"))
LAMDONG = SHARED / "corpus" / "lamdong"
TARGET = 0.98

_QUOC_HIEU = regex.compile(r"^(?:CỘNG\s+H[OÒ]|ĐẢNG\s+CỘNG)", regex.IGNORECASE)
_SO = regex.compile(r"^S[ốô]\b|^Số", regex.IGNORECASE)
_NOI_NHAN = regex.compile(r"^Nơi\s*nhận", regex.IGNORECASE)
_WS = regex.compile(r"\s+")


def doc_files(root: Path) -> list[Path]:
    """Every ``*.doc`` under ``root`` (any case), sorted."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() == ".doc")


# --------------------------------------------------------------------------- antiword


def antiword_text(data: bytes, timeout: float = 60.0) -> str | None:
    """antiword's text of a .doc, tables back into cells; None if it fails or is absent."""
    if not shutil.which("antiword"):
        return None
    fd, path = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        done = subprocess.run(
            ["antiword", "-m", "UTF-8.txt", "-w", "0", path],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    finally:
        os.unlink(path)
    if done.returncode != 0:
        return None
    return tidy(done.stdout.decode("utf-8", errors="replace"))


def tidy(text: str) -> str:
    """antiword's ``|a|b|`` table rows back into cells on their own lines.

    antiword prints each line of a table as a row, so a two-column header or
    signature table is read column by column (the previous .doc loader's rule).
    """
    out: list[str] = []
    block: list[list[str]] = []
    for line in text.splitlines():
        row = line.strip()
        if row.startswith("|") and row.endswith("|") and len(row) > 1:
            block.append([c.strip() for c in row[1:-1].split("|")])
            continue
        if block:
            out.extend(_table(block))
            block = []
        out.append(line.strip())
    out.extend(_table(block))
    return "\n".join(line for line in out if line)


def _table(rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    two = all(len(r) == 2 for r in rows)
    header = two and any(_QUOC_HIEU.match(r[1]) for r in rows)
    signature = two and _NOI_NHAN.match(rows[0][0] or "")
    if signature:
        return [r[0] for r in rows] + [r[1] for r in rows]
    if header:
        so = next((i for i, r in enumerate(rows) if _SO.match(r[0])), len(rows))
        top, bottom = rows[:so], rows[so:]
        return (
            [r[0] for r in top]
            + [r[1] for r in top]
            + [r[0] for r in bottom]
            + [r[1] for r in bottom]
        )
    return [cell for row in rows for cell in row]


# --------------------------------------------------------------------------- fields


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = _WS.sub(" ", unicodedata.normalize("NFC", value)).strip()
    return value or None


def fields(doc: vanban.Document) -> dict[str, Any]:
    """The compared fields of a Document, as plain comparable values (None = no value)."""
    signer = doc.signer
    return {
        "number": _norm(doc.number.raw if doc.number else None),
        "doc_type": _norm(doc.doc_type.name if doc.doc_type else None),
        "issued_date": str(doc.issued_date) if doc.issued_date else None,
        "place": _norm(doc.place),
        "issuer": _norm(doc.issuer.name if doc.issuer else None),
        "subject": _norm(doc.subject),
        "recipients": tuple(_norm(r.raw) for r in doc.recipients) or None,
        "signer.authority": tuple(signer.authority) if signer and signer.authority else None,
        "signer.on_behalf_of": _norm(signer.on_behalf_of) if signer else None,
        "signer.position": _norm(signer.position) if signer else None,
        "signer.name": _norm(signer.name) if signer else None,
        "distribution_count": len(doc.distribution) or None,
    }


def parse_raw(raw: RawDocument, data: bytes) -> vanban.Document:
    """The pipeline on an already loaded text, as ``vanban.parse`` runs it."""
    return run(raw, path=None, sha256=hashlib.sha256(data).hexdigest(), rules=load_rules(()))


def cross_check(paths: list[Path]) -> dict[str, Any]:
    """Fields from our reader vs from antiword's text, per file and field."""
    same = compared = 0
    diffs: list[tuple[str, str, Any, Any]] = []
    files = 0
    for path in paths:
        data = path.read_bytes()
        if not data.startswith(b"\xd0\xcf\x11\xe0"):
            continue  # a DOCX/RTF under a .doc name: antiword does not read it
        ref = antiword_text(data)
        if ref is None:
            continue
        try:
            ours = fields(parse_raw(load_doc(data), data))
        except VanbanError:
            ours = dict.fromkeys(fields(parse_raw(RawDocument("", "doc"), b"")))
        theirs = fields(parse_raw(RawDocument(text=ref, format="doc"), data))
        files += 1
        for key, value in ours.items():
            other = theirs[key]
            if value is None and other is None:
                continue
            compared += 1
            if value == other:
                same += 1
            else:
                diffs.append((path.name, key, value, other))
    return {
        "files": files,
        "compared": compared,
        "same": same,
        "rate": same / compared if compared else 1.0,
        "diffs": diffs,
    }


# --------------------------------------------------------------------------- speed


def speed(paths: list[Path]) -> dict[str, Any]:
    """Read rate and documents per second: our loader, bare olefile, antiword."""
    import olefile  # type: ignore[import-untyped]

    datas = [p.read_bytes() for p in paths]
    outcome: dict[str, int] = {}
    for data, path in zip(datas, paths, strict=True):
        try:
            fmt = sniff_format(data, path.name)
            vanban.parse(data) if fmt != "doc" else load_doc(data)
            key = "read" if fmt == "doc" else f"read as {fmt}"
        except VanbanError as exc:
            key = type(exc).__name__
        outcome[key] = outcome.get(key, 0) + 1
    ole = [d for d in datas if d.startswith(b"\xd0\xcf\x11\xe0")]

    def ours() -> None:
        for d in ole:
            load_doc(d)

    def bare() -> None:
        for d in ole:
            with olefile.OleFileIO(io.BytesIO(d)) as f:
                f.openstream("WordDocument").read()
                for name in ("1Table", "0Table"):
                    if f.exists(name):
                        f.openstream(name).read()

    def anti() -> None:
        for d in ole:
            antiword_text(d)

    times = {"ours": _best(ours), "bare olefile": _best(bare)}
    if shutil.which("antiword"):
        times["antiword"] = _best(anti, repeat=1)
    return {"outcome": outcome, "files": len(paths), "ole": len(ole), "times": times}


def _best(fn: Any, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else LAMDONG
    paths = doc_files(root) if root.is_dir() else []
    if not paths:
        print(f"no .doc files under {root} (set VANBAN_SHARED): nothing measured")
        return 0
    s = speed(paths)
    print(f"## .doc files under {root}: {s['files']}\n")
    print("| outcome | files |\n|---|---|")
    for key, count in sorted(s["outcome"].items()):
        print(f"| {key} | {count} |")
    read = sum(v for k, v in s["outcome"].items() if k.startswith("read"))
    print(f"\nread rate: {read}/{s['files']} = {read / s['files']:.1%}\n")
    base = s["times"]["bare olefile"]
    print(
        "| reader | OLE .doc files | seconds | docs/s | time / bare olefile |\n"
        "|---|---|---|---|---|"
    )
    for name, secs in s["times"].items():
        rate = s["ole"] / secs if secs else float("inf")
        print(f"| {name} | {s['ole']} | {secs:.3f} | {rate:.0f} | {secs / base:.2f} |")
    if not shutil.which("antiword"):
        print("\nantiword not installed: no cross-check")
        return 0
    c = cross_check(paths)
    print(
        f"\n## Cross-check against antiword: {c['files']} files, {c['compared']} fields "
        f"with a value on either side, {c['same']} the same = {c['rate']:.1%} "
        f"(target {TARGET:.0%})\n"
    )
    if c["diffs"]:
        print("| file | field | ours | antiword |\n|---|---|---|---|")
        for name, key, ours, theirs in c["diffs"]:
            print(f"| {name[:50]} | {key} | {str(ours)[:80]} | {str(theirs)[:80]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
