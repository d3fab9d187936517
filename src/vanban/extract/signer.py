"""The signature block: authority chain, on whose behalf, position, name.

A block is read from its lines as the document prints them, in any of the
shapes the corpus shows::

    KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Tôn Thị Ngọc Hạnh          one part a line
    TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà   flattened on one line
    TM. CHÍNH PHỦ KT. / THỦ TƯỚNG PHÓ THỦ TƯỚNG Trần Hồng Hà split in odd places
    CHỦ TỊCH QUỐC HỘI / (Đã ký) / Trần Thanh Mẫn             no authority prefix
    XÁC THỰC VĂN BẢN HỢP NHẤT CHỦ NHIỆM Bùi Văn Cường        a heading over the title
    BỘ TRƯỞNG / Đại tướng Lương Tam Quang                   a rank before the name

The block ends at the name; what a flattened copy runs on with ("Phụ lục …",
"DANH MỤC …", footnotes, a form) is left out. Joint documents (thông tư liên
tịch) print one block per agency: :func:`extract_signers` reads all of them.
Every word list (titles, prefixes, headings, ranks) is in ``data/lexicon.toml``.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from vanban.extract.person_name import find_name, is_name
from vanban.models import Issue, Signer
from vanban.text.layout import Region, Span
from vanban.text.lexicon import alternation, lexicon

__all__ = [
    "Block",
    "extract_signer",
    "extract_signers",
    "lead_signer",
    "read_blocks",
    "signer_issues",
]

MAX_BLOCKS = 12
MAX_LINES_PER_BLOCK = 10
MAX_STRAY_LINES = 2

_CANONICAL = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "TM": "TM.", "KT": "KT.", "TL": "TL."}
_CANONICAL.update({"TUQ": "TUQ.", "Q": "Q."})
_WORD_RE = regex.compile(r"\S+")
_FRAGMENT_RE = regex.compile(r"^\p{Ll}{1,2}$")
_JOINT_SEP_RE = regex.compile(r"\s+[-–—]\s+")
_DOUBLED_RE = regex.compile(r"(?<!\S)(\S+)(?:\s+\1)+(?!\S)")


def _prefix_alternation() -> str:
    """The prefixes as a regex: "KT." may touch the next word ("KT.BỘ TRƯỞNG"), "KT" may not."""
    prefixes = lexicon().signer.authority_prefixes
    glued = [p for p in prefixes if p.endswith(".")]
    spaced = [p for p in prefixes if not p.endswith(".")]
    return (
        rf"(?:{alternation(glued)})(?=\s*\p{{Lu}}|\s*$)"
        rf"|(?:{alternation(spaced)})(?=\s+\p{{Lu}}|\s*$)"
    )


@cache
def _prefix_re() -> regex.Pattern[str]:
    return regex.compile(rf"({_prefix_alternation()})\s*")


@cache
def _inner_prefix_re() -> regex.Pattern[str]:
    """A prefix inside a flattened chain: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH …"."""
    return regex.compile(rf"(?<=\s)(?:{_prefix_alternation()})")


def fold_marks(text: str) -> str:
    """``text`` without its diacritics, one character for one ("PHÓ CHU TỊCH" → "PHO CHU TICH").

    OCR drops and swaps marks ("QUÓC", "CHU TỊCH", "ÐỐC"): titles are matched on the
    folded text, and the printed text is kept. The input is NFC (normalised text).
    """
    return text.translate(_FOLD_TABLE)


def _fold_table() -> list[str]:
    """Latin letters with marks (U+0080 to U+1FFF) → their base letter; Đ/Ð → D.

    A list indexed by code point (``str.translate`` reads it twice as fast as a
    dict); a character past its end is an ``IndexError``, which leaves it as it is.
    """
    table = [chr(code) for code in range(0x2000)]
    for letter in "ĐđÐ":
        table[ord(letter)] = "d" if letter.islower() else "D"
    for code in range(0x80, 0x2000):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if chr(code) not in "ĐđÐ" and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD_TABLE = _fold_table()


@cache
def _title_re() -> regex.Pattern[str]:
    titles = [fold_marks(t) for t in lexicon().signer.titles]
    return regex.compile(rf"(?<![\w])(?:{alternation(titles)})(?![\w])")


@cache
def _heading_re() -> regex.Pattern[str]:
    headings = [fold_marks(h) for h in lexicon().signer.headings]
    return regex.compile(rf"^(?:{alternation(headings)})(?![\w])\s*")


@cache
def _placeholder_res() -> tuple[regex.Pattern[str], ...]:
    return tuple(regex.compile(p) for p in lexicon().signer.signature_placeholders)


@cache
def _inline_placeholder_re() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in lexicon().signer.inline_placeholders))


@cache
def _ranks() -> frozenset[str]:
    return frozenset(lexicon().signer.ranks)


@cache
def _title_words() -> frozenset[str]:
    lex = lexicon().signer
    words = {fold_marks(w.strip(",")) for t in lex.titles + lex.headings for w in t.split()}
    return frozenset(words)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _is_noise(text: str) -> bool:
    """A line of specks a seal or a scan leaves ("|—;' .ˆ~", "i ,ỷ |ị . ~ ` '"): no word."""
    return not any(sum(c.isalpha() for c in w) >= 3 for w in text.split())


def _is_placeholder(text: str) -> bool:
    return any(p.match(text) for p in _placeholder_res())


@dataclass(slots=True)
class _Piece:
    """A line (or what is left of one) still to read; ``line``/``offset`` locate it."""

    text: str
    line: int
    last: int  # the last input line it covers (lines joined by the repairs)
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Block:
    """One signature block and the input lines it was read from.

    ``first``/``last`` are indexes into the lines given to :func:`read_blocks`;
    ``start`` is where the block starts in line ``first``, ``end`` where it ends in
    line ``last`` (``None``: at the end of that line).
    """

    signer: Signer
    first: int
    last: int
    start: int = 0
    end: int | None = None


@dataclass(slots=True)
class _Part:
    text: str
    prefixed: bool


@dataclass(slots=True)
class _Draft:
    authority: list[str] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)
    name: str | None = None


def _repair(lines: Sequence[str]) -> list[_Piece]:
    """Rejoin words that an extraction broke across lines inside the block.

    "KT. TH" / "Ủ TƯỚNG" is "KT. THỦ TƯỚNG" (the joined word is a title word and the
    broken one is not); "Võ Minh Lươn" / "g" is "Võ Minh Lương".
    """
    out: list[_Piece] = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        if out and text:
            prev = out[-1]
            tail = prev.text.rsplit(" ", 1)[-1]
            head = text.split(" ", 1)[0]
            words = _title_words()
            if (
                _is_upper(tail)
                and _is_upper(head)
                and fold_marks(tail) not in words
                and fold_marks(tail + head).strip(",") in words
            ):
                prev.text += text
                prev.last = i
                continue
            if _FRAGMENT_RE.match(text) and regex.search(r"\p{Lu}\p{Ll}+$", prev.text):
                prev.text += text
                prev.last = i
                continue
        out.append(_Piece(text, i, i))
    return out


def _split_inner(piece: _Piece) -> list[_Piece]:
    """Split a flattened chain before each prefix that is not at its start."""
    cuts = [m.start() for m in _inner_prefix_re().finditer(piece.text)]
    if not cuts:
        return [piece]
    out: list[_Piece] = []
    bounds = [0, *cuts, len(piece.text)]
    for a, b in itertools.pairwise(bounds):
        chunk = piece.text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append(_Piece(chunk.strip(), piece.line, piece.last, piece.offset + a + lead))
    return out


def _upper_run(text: str) -> int:
    """Where the leading run of upper-case words of ``text`` ends."""
    end = 0
    words = list(_WORD_RE.finditer(text))
    for k, w in enumerate(words):
        word = w.group()
        if not _is_upper(word) and word not in (",", "-", "–"):
            break
        if len(word) == 1 and k + 1 < len(words) and find_name(text, w.start()):
            break  # "Y Thông": a one-letter syllable opens the name
        end = w.end()
    return end


@cache
def _stop_re() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{alternation(lexicon().signer.name_stops)})(?!\w)")


@cache
def _appendix_re() -> regex.Pattern[str]:
    """An attached document's heading in capitals ("PHỤ LỤC", "MẪU SỐ 01"): no title."""
    return regex.compile(rf"(?:{alternation(lexicon().duties.appendix_headings)})(?!\w)")


def _read_block(pieces: list[_Piece]) -> tuple[_Draft, int, int | None] | None:
    """Read one block from the front of ``pieces`` (consumed in place).

    Returns the draft, the last line it used and where it ended in that line.
    """
    draft = _Draft()
    pending = False
    stray = 0
    used = 0
    last_line = pieces[0].line if pieces else 0
    while pieces and used < MAX_LINES_PER_BLOCK:
        piece = pieces[0]
        text = _inline_placeholder_re().sub(lambda m: " " * len(m.group()), piece.text)
        if _is_placeholder(text.strip()) or not text.strip():
            pieces.pop(0)
            last_line = piece.last
            continue
        if text.strip() in _ranks():
            pieces.pop(0)
            continue
        pos = 0
        had_prefix = False
        while m := _prefix_re().match(text, pos):
            prefix = _CANONICAL.get(m.group(1), m.group(1))
            if not draft.authority or draft.authority[-1] != prefix:  # "KT. KT." is one
                draft.authority.append(prefix)
            pos = m.end()
            had_prefix = True
        run_end = _upper_run(text[pos:]) + pos
        upper = _DOUBLED_RE.sub(r"\1", text[pos:run_end].strip(" ,-–"))  # OCR's "PHÓ PHÓ"
        if upper.endswith(":") or sum(c.isalpha() for c in upper) < 2:
            run_end, upper = pos, ""  # "TS: Giá trị …", "I." : a label, not a title
        if upper and not had_prefix and _appendix_re().match(upper):
            break  # "CHỦ TỊCH" / "PHỤ LỤC" / "PHÂN CÔNG …": an unsigned draft's appendix
        name = find_name(text, run_end)
        if not had_prefix and not upper and name is None:
            if _stop_re().match(text.strip()):
                break  # "Phụ lục", "Danh mục": what follows the block, not a seal's noise
            short = len(text.split()) <= 2 and len(text.strip()) <= 12
            started = bool(draft.parts) or (bool(draft.authority) and _is_noise(text))
            if started and (short or _is_noise(text)) and stray < MAX_STRAY_LINES:
                stray += 1  # a seal's noise or a stray keystroke between title and name
                pieces.pop(0)
                continue
            break
        bare = name is not None and not upper and not draft.parts and not draft.authority
        if bare and text == piece.text:
            return None  # a bare name is no block; "Nguyễn Văn An (Đã ký)" is
        pieces.pop(0)
        used += 1
        last_line = piece.last
        if upper:
            draft.parts.append(_Part(upper, had_prefix or pending))
            pending = False
        elif had_prefix:
            pending = True  # "KT." alone: the next line is whom it signs for
        if name is not None:
            draft.name = name.name
            rest = text[name.end :]
            if rest.strip() and piece.line == piece.last:
                lead = len(rest) - len(rest.lstrip())
                pieces.insert(
                    0,
                    _Piece(rest.strip(), piece.line, piece.last, piece.offset + name.end + lead),
                )
                return draft, piece.line, piece.offset + name.end
            return draft, piece.last, None
        if run_end < len(text.rstrip()) and text[run_end:].strip():
            break  # the upper-case run goes on into a sentence: not a block line
    if not draft.parts:
        return None  # a prefix alone ("TL" in a formula) is no block
    return draft, last_line, None


def _titles_in(text: str) -> list[regex.Match[str]]:
    """The titles in ``text`` (matched without diacritics; positions are ``text``'s)."""
    return list(_title_re().finditer(fold_marks(text)))


def _starts_with_title(text: str) -> bool:
    m = _title_re().match(fold_marks(text))
    return m is not None


def _is_deputy(head: str, deputy: str) -> bool:
    """Whether ``deputy`` signs for ``head`` ("THỐNG ĐỐC" / "PHÓ THỐNG ĐỐC")."""
    head, deputy = fold_marks(head), fold_marks(deputy)
    for h, ds in lexicon().signer.deputies.items():
        if fold_marks(h) == head and deputy in {fold_marks(d) for d in ds}:
            return True
    if not deputy.startswith("PHO "):
        return False
    core = deputy[4:].removesuffix(" THUONG TRUC")
    return core == head or head.startswith(core + " ") or head.endswith(" " + core)


def _cut(text: str, matches: list[regex.Match[str]], k: int) -> str:
    """``text`` from title match ``k`` to the next one (or the end)."""
    end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
    return text[matches[k].start() : end].strip(" ,")


def _position_of(parts: list[str]) -> str | None:
    """The position among upper-case lines that no prefix introduced.

    The first title and its continuation lines ("CỤC TRƯỞNG" / "CỤC BỔ TRỢ TƯ PHÁP");
    a later title is concurrent ("PHÓ CHỦ TỊCH" / "GIÁM ĐỐC SỞ NỘI VỤ") unless it is
    the deputy of the first (a "KT." left out: "THỐNG ĐỐC" / "PHÓ THỐNG ĐỐC").
    """
    titled = [k for k, p in enumerate(parts) if _starts_with_title(p)]
    if not titled:
        single = parts[0] if parts else None
        matches = _titles_in(single) if single else []
        return single[matches[0].start() :].strip() if single and matches else single
    k = titled[0]
    head = parts[k]
    matches = _titles_in(head)
    if len(matches) >= 2:
        if _is_deputy(matches[0].group(), _cut(head, matches, 1)):
            return _cut(head, matches, 1)
        return _cut(head, matches, 0)
    if len(titled) >= 2 and titled[1] == k + 1 and _is_deputy(head, parts[k + 1]):
        k = k + 1
        head = parts[k]
    position = [head]
    for p in parts[k + 1 :]:
        if _starts_with_title(p):
            break
        position.append(p)
    return " ".join(position)


def _assemble(draft: _Draft) -> Signer:
    parts: list[_Part] = []
    for p in draft.parts:
        heading = _heading_re().match(fold_marks(p.text))
        text = p.text[heading.end() :].strip() if heading else p.text
        if text:
            parts.append(_Part(text, p.prefixed))
    last = max((k for k, p in enumerate(parts) if p.prefixed), default=None)
    if last is None:
        return Signer(
            authority=draft.authority,
            position=_position_of([p.text for p in parts]),
            name=draft.name,
        )
    after = [p.text for p in parts[last + 1 :]]
    titled = next((k for k, t in enumerate(after) if _starts_with_title(t)), None)
    if titled is not None:
        on_behalf = " ".join([parts[last].text, *after[:titled]])
        return Signer(
            authority=draft.authority,
            on_behalf_of=on_behalf,
            position=_position_of(after[titled:]),
            name=draft.name,
        )
    text = " ".join([parts[last].text, *after])
    matches = _titles_in(text)
    on_behalf_of: str | None = text
    position: str | None = None
    if matches and matches[0].start() > 0:
        on_behalf_of, position = text[: matches[0].start()].strip(" ,"), _cut(text, matches, 0)
    elif len(matches) >= 2:
        on_behalf_of, position = text[: matches[1].start()].strip(" ,"), _cut(text, matches, 1)
    elif matches:
        # "Q. GIÁM ĐỐC" / name, "KT. BỘ TRƯỞNG" / name: the title is the position.
        on_behalf_of, position = None, text
    return Signer(
        authority=draft.authority, on_behalf_of=on_behalf_of, position=position, name=draft.name
    )


def read_blocks(lines: Sequence[str], *, start: int = 0) -> list[Block]:
    """Read the signature blocks at the start of ``lines`` (``start``: offset in line 0).

    Reading stops after the first block that has no name, or when what follows
    the last name does not open another block.
    """
    # Segmentation and extraction read the same lines up to four times (finding the
    # block, its extent, whether it has a name, the signers): the last reads are kept.
    return list(_read_blocks(tuple(lines), start))


@lru_cache(maxsize=16)
def _read_blocks(lines: tuple[str, ...], start: int) -> tuple[Block, ...]:
    pieces = _repair(lines)
    if pieces and start:
        first = pieces[0]
        rest = first.text[start:]
        lead = len(rest) - len(rest.lstrip())
        pieces[0] = _Piece(rest.strip(), first.line, first.last, start + lead)
    pieces = [q for p in pieces for q in _split_inner(p)]
    blocks: list[Block] = []
    while pieces and len(blocks) < MAX_BLOCKS:
        first_line, first_at = pieces[0].line, pieces[0].offset
        read = _read_block(pieces)
        if read is None:
            break
        draft, last_line, end = read
        signer = _assemble(draft)
        if blocks and (signer.name is None or not (signer.authority or signer.position)):
            break  # what follows the last name is not another block
        blocks.append(Block(signer, first_line, last_line, first_at, end))
        if signer.name is None:
            break
    return tuple(blocks)


def extract_signers(lines: Sequence[str]) -> list[Signer]:
    """Every signature block at the start of ``lines``, in the order printed."""
    return [b.signer for b in read_blocks(lines)]


def extract_signer(lines: Sequence[str]) -> Signer | None:
    """The first signature block of ``lines`` (``None`` when there is none)."""
    signers = extract_signers(lines)
    return signers[0] if signers else None


def lead_signer(signers: Sequence[Signer], issuers: Sequence[str]) -> Signer | None:
    """The block that signs for the issuing (lead) agency of a joint document.

    A thông tư liên tịch prints one block per agency; the lead is the one the header
    and the number name first ("KT. BỘ TRƯỞNG BỘ TÀI CHÍNH" for "…/TTLT-BTC-BCT").
    Without a match, the first block printed.
    """
    if not signers:
        return None
    if len(signers) > 1:
        for issuer in issuers:
            # A joint header prints the agencies in one line, the lead first:
            # "BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG".
            lead = _JOINT_SEP_RE.split(issuer.strip())[0]
            key = " ".join(lead.upper().split())
            for s in signers:
                if key and s.on_behalf_of and s.on_behalf_of.endswith(key):
                    return s
    return signers[0]


def is_signed_name_line(text: str) -> bool:
    """Whether ``text`` is a name with its "(Đã ký)" mark: a block without a title."""
    marked = _inline_placeholder_re().search(text)
    if marked is None or text[marked.end() :].strip():
        return False
    return is_name(text[: marked.start()].strip())


def signer_issues(signers: Sequence[Signer], *, found: bool) -> list[Issue]:
    """Why the signer is empty or incomplete (nothing when every block is whole).

    ``found``: whether segmentation saw a region where the signature should be.
    """
    if not signers:
        why = (
            "The lines after the body hold no signature block (no authority, title or name)."
            if found
            else "No signature block was found."
        )
        return [Issue(code="signer.missing", message=why, field="signer")]
    issues: list[Issue] = []
    if any(s.name is None for s in signers):
        issues.append(
            Issue(
                code="signer.name_missing",
                message="A signature block prints no name (unsigned, or the name is an image).",
                field="signer.name",
            )
        )
    if any(s.position is None and s.on_behalf_of is None for s in signers):
        issues.append(
            Issue(
                code="signer.position_missing",
                message="A signature block prints no title.",
                field="signer.position",
            )
        )
    return issues


@dataclass(frozen=True, slots=True)
class SignedBlock:
    """A signature block and its span in the normalised text."""

    signer: Signer
    span: Span


def read_signers(region: Region) -> list[SignedBlock]:
    """Every signature block of the region (see :func:`read_blocks`), with its span."""
    lines = region.lines
    out: list[SignedBlock] = []
    for b in read_blocks(region.texts):
        first, last = lines[b.first], lines[b.last]
        start = first.start + b.start
        end = last.end if b.end is None else last.start + b.end
        out.append(SignedBlock(b.signer, (start, max(start, end))))
    return out
