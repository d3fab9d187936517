"""How much field accuracy drops on OCR-damaged text: labelled texts with Tesseract-style noise.

Each labelled document of the text datasets (``vbpl_hand``, ``tvpl``, ``lamdong`` DOCX/PDF
with a text layer) is read as text, damaged with a fixed seed at two rates, and parsed with
``vanban.parse_text``; the labels stay as they are. The damage copies what Tesseract's
Vietnamese model does to administrative documents:

* letters: a diacritic dropped or swapped (ố→ó/ô/o, ư→u, ơ→o, ă/â→a, ệ→ê/e, ĩ→i), Đ→Ð/D,
  a tone doubled ("QUYẾT"→"QUYÉT"), 1/I/l/| and 0/O swapped;
* words: two merged ("10 năm"→"10năm"), one split, one doubled;
* lines: a seal's noise line ("|—;' .ˆ~ ”) inside the signature block, and at the high
  rate a handwritten day on the date line read as "|]" (the right answer is then a null
  date with an Issue, never a wrong date).

The rate is the chance that one word is damaged. Noise inside a value (a letter of the
signer's name) cannot be undone by any parser, so the report scores each field twice: as
``accuracy.py`` does (strict), and OCR-fair: the value found is right when it equals the
label once both are folded by :func:`ocr_fold` (accents, case, spaces and the look-alike
letters above ignored; for texts a ``difflib`` ratio ≥ 0.9 of the folded strings). The
fair drop is the parser's own loss: anchors, lines and blocks it no longer finds (target:
no field drops more than 3 points at the low rate).

Usage::

    python benchmarks/ocr_noise.py                     # rates 0.02 and 0.06
    python benchmarks/ocr_noise.py --rates 0.01 0.03 --dataset tvpl
    python benchmarks/ocr_noise.py --show FIELD --rate 0.02   # misses caused by the noise

Exits 0 with a note when the corpus is absent.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import regex
from accuracy import DatasetResult, Outcome, evaluate, load_cases, shared_dir
from accuracy_fields import FIELDS, strip_accents

DATASETS = ("vbpl_hand", "tvpl", "lamdong")
DEFAULT_RATES = (0.02, 0.06)
SEED = 20261202

# Tesseract confusions, from the letter as printed to what it may read.
_LETTERS: dict[str, tuple[str, ...]] = {
    "ố": ("ó", "ô", "o"),
    "ồ": ("ò", "ô"),
    "ộ": ("ô", "ọ"),
    "ơ": ("o",),
    "ờ": ("ò",),
    "ư": ("u",),
    "ứ": ("ú", "u"),
    "ừ": ("ù",),
    "ă": ("a",),
    "â": ("a",),
    "ấ": ("á", "â"),
    "ậ": ("â", "ạ"),
    "ệ": ("ê", "e"),
    "ế": ("é", "ê"),
    "ể": ("ê",),
    "ĩ": ("i",),
    "ỉ": ("i",),
    "Đ": ("Ð", "D"),
    "đ": ("d",),
    "Ố": ("Ó", "Ô"),
    "Ế": ("É",),
    "Ệ": ("Ê",),
    "Ư": ("U",),
    "Ơ": ("O",),
    "1": ("I", "l", "|"),
    "0": ("O", "o"),
    "O": ("0",),
    "l": ("1", "I"),
    "I": ("1", "l"),
}
_SEAL_LINES = ("|—;' .ˆ~", "i ,ỷ |ị . ~ ` '", "ˆ”_ .: ¬ ,,|", "/ ` ' ~ . ·")
# The header's date line ("Hà Nội, ngày 12 tháng …"), not a cited document's date.
_DAY_RE = regex.compile(r"(,\s*ngày\s+)(\d{1,2})(\s+tháng)")
_NAME_LINE_RE = regex.compile(r"^(?:\p{Lu}\p{Ll}*\s){1,4}\p{Lu}\p{Ll}+$")
_WORD_RE = regex.compile(r"\S+")


def _damage_word(word: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c in _LETTERS]
    if spots and rng.random() < 0.8:
        i = rng.choice(spots)
        return word[:i] + rng.choice(_LETTERS[word[i]]) + word[i + 1 :]
    if len(word) > 3:
        i = rng.randrange(1, len(word) - 1)
        base = unicodedata.normalize("NFD", word[i])
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        return word[:i] + unicodedata.normalize("NFC", stripped) + word[i + 1 :]
    return word


def _damage_line(line: str, rate: float, rng: random.Random) -> str:
    out: list[str] = []
    pos = 0
    for m in _WORD_RE.finditer(line):
        out.append(line[pos : m.start()])
        word = m.group(0)
        roll = rng.random()
        if roll < rate * 0.7:
            word = _damage_word(word, rng)
        elif roll < rate * 0.8 and out and out[-1] == " ":
            out[-1] = ""  # merged with the word before
        elif roll < rate * 0.9 and len(word) > 4:
            cut = rng.randrange(2, len(word) - 1)
            word = word[:cut] + " " + word[cut:]
        elif roll < rate:
            word = word + " " + word
        out.append(word)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out)


def add_noise(text: str, rate: float, seed: int) -> tuple[str, bool]:
    """Damage ``text`` at ``rate``; return the text and whether the day was made unreadable.

    >>> noisy, lost = add_noise("Hà Nội, ngày 12 tháng 3 năm 2025", 0.0, 1)
    >>> noisy, lost
    ('Hà Nội, ngày 12 tháng 3 năm 2025', False)
    """
    rng = random.Random(seed)
    lines = text.split("\n")
    day_lost = False
    if rate >= 0.05:
        for k, line in enumerate(lines[:60]):
            m = _DAY_RE.search(line)
            if m:
                if rng.random() < 0.5:
                    lines[k] = line[: m.start(2)] + "|]" + line[m.end(2) :]
                    day_lost = True
                break
    damaged = [_damage_line(line, rate, rng) if line.strip() else line for line in lines]
    if rate > 0:
        # A seal's noise between a signing title and the name under it.
        names = [k for k, line in enumerate(damaged) if _NAME_LINE_RE.match(line.strip())]
        if names and rng.random() < 0.7:
            k = names[-1]
            damaged.insert(k, rng.choice(_SEAL_LINES))
    return "\n".join(damaged), day_lost


_LOOKALIKE = str.maketrans({"1": "l", "i": "l", "|": "l", "0": "o", "ð": "d"})


def ocr_fold(value: str) -> str:
    """A value as OCR may have printed it: no accents, case, spaces or look-alike letters.

    >>> ocr_fold("Số: 1O/QĐ-UBND") == ocr_fold("Só: 10/QÐ-UBND")
    True
    """
    return regex.sub(r"\s+", "", strip_accents(value)).translate(_LOOKALIKE)


def _fair_eq(expected: str, got: str, text: bool) -> bool:
    a, b = ocr_fold(expected), ocr_fold(got)
    return a == b or (text and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9)


def fair(o: Outcome) -> bool:
    """Whether the parser found the labelled value, forgiving the noise inside the value."""
    if o.strict:
        return True
    if o.got is None or o.expected is None:
        return False
    if o.field in ("issued_date", "distribution_count", "doc_type"):
        return o.lenient
    if o.field == "signer.authority":
        return [ocr_fold(a) for a in o.expected] == [ocr_fold(a) for a in o.got]
    if o.field == "recipients":
        return len(o.expected) == len(o.got) and all(
            any(_fair_eq(e, n, True) for n in g) for e, g in zip(o.expected, o.got, strict=True)
        )
    candidates = o.got if isinstance(o.got, list) else [o.got]
    return any(_fair_eq(o.expected, c, o.field != "number") for c in candidates)


def _fair_accuracy(result: DatasetResult, name: str) -> float | None:
    rows = [o for o in result.outcomes if o.field == name and o.expected is not None]
    return sum(fair(o) for o in rows) / len(rows) if rows else None


def _texts(corpus: Path, dataset: str) -> Iterator[Any]:
    from vanban import VanbanError
    from vanban.loaders import load

    for case in load_cases(corpus, dataset):
        if case.text is None:
            try:
                case = replace(case, text=load(case.path or "").text, path=None)
            except VanbanError:
                continue
        yield case


def run(corpus: Path, dataset: str, rates: tuple[float, ...]) -> dict[float, DatasetResult]:
    """Evaluate one dataset clean (rate 0) and at each rate."""
    cases = list(_texts(corpus, dataset))
    results: dict[float, DatasetResult] = {}
    for rate in (0.0, *rates):
        result = DatasetResult(dataset)
        for case in cases:
            seed = SEED ^ zlib.crc32(case.ident.encode())
            noisy, day_lost = add_noise(case.text or "", rate, seed)
            labels = dict(case.labels)
            if day_lost and "issued_date" in labels:
                labels["issued_date"] = None  # unreadable: null is right, a date is spurious
            evaluate(replace(case, text=noisy, labels=labels), result)
        results[rate] = result
    return results


def table(dataset: str, results: dict[float, DatasetResult]) -> str:
    """Per field: clean strict accuracy; at each rate, strict and OCR-fair, and the fair drop."""
    rates = [r for r in results if r > 0]
    stats = {r: res.stats() for r, res in results.items()}
    head = "| field | clean | " + " | ".join(
        f"{r:g} strict | {r:g} fair | fair drop" for r in rates
    )
    lines = [f"## {dataset} ({results[0.0].docs} docs)", "", head + " |"]
    lines.append("|---|---:|" + "---:|---:|---:|" * len(rates))
    for name in FIELDS:
        clean = stats[0.0].get(name, {}).get("accuracy")
        if clean is None:
            continue
        clean_fair = _fair_accuracy(results[0.0], name) or 0.0
        cells = [f"{clean:.3f}"]
        for r in rates:
            got = stats[r].get(name, {}).get("accuracy") or 0.0
            got_fair = _fair_accuracy(results[r], name) or 0.0
            cells += [f"{got:.3f}", f"{got_fair:.3f}", f"{(clean_fair - got_fair) * 100:+.1f}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    spurious_dates = [
        sum(
            o.got is not None
            for o in res.outcomes
            if o.field == "issued_date" and o.expected is None
        )
        for r, res in results.items()
        if r > 0
    ]
    lines += [
        "",
        "issued_date given where no day is readable (label null or day destroyed), "
        f"per rate: {spurious_dates}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; see the module docstring."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--dataset", action="append", choices=DATASETS)
    p.add_argument("--rates", type=float, nargs="+", default=list(DEFAULT_RATES))
    p.add_argument("--show", metavar="FIELD", choices=FIELDS, help="misses at --rate")
    p.add_argument("--rate", type=float, default=DEFAULT_RATES[0])
    p.add_argument("--limit", type=int, default=15)
    args = p.parse_args(argv)
    corpus = shared_dir() / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus} (set VANBAN_SHARED): nothing to measure")
        return 0
    for name in args.dataset or DATASETS:
        print(f"{name}: parsing…", file=sys.stderr, flush=True)
        rates = (args.rate,) if args.show else tuple(args.rates)
        results = run(corpus, name, rates)
        if args.show:
            clean = {(o.case.ident, o.field): o.strict for o in results[0.0].outcomes}
            lost = [
                o
                for o in results[args.rate].outcomes
                if o.field == args.show and not fair(o) and clean.get((o.case.ident, o.field))
            ]
            print(f"# {name} {args.show}: {len(lost)} right on clean text, wrong at {args.rate}")
            for o in lost[: args.limit]:
                print(f"- {o.case.ident}: expected {o.expected!r}, got {o.got!r}")
            continue
        print(table(name, results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
