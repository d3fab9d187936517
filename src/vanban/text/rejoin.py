"""Words that HTML spans or a PDF's text layer broke across lines: "Hà N" / "ội, ngày".

A portal that wraps every few letters in a ``<span>`` (and a PDF whose glyphs were laid
out one by one) leaves syllables cut in two on consecutive lines: "C" / "ỘNG H" / "ÒA XÃ
H" / "ỘI CHỦ NGHĨA VIỆT NAM", "Hạnh ph" / "úc", "TH" / "Ủ TƯỚNG".
A cut is certain when the line ends in a syllable's onset alone (a Vietnamese consonant
or consonant cluster: no syllable ends that way) and the next line goes on with the
syllable's vowel in the same case ("ội" after "N", "ỘNG" after "C"). Everything else is
left as it is; a year cut into digits is the ``date_breaks`` step's.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache, lru_cache

import regex

__all__ = ["collapse_stutter", "is_syllable", "rejoin_split_words", "split_glued_syllables"]

# Onsets of Vietnamese syllables (Đoàn Thiện Thuật, Ngữ âm tiếng Việt): a syllable never
# ends in these letters alone, so a line that ends in one was cut inside a word.
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x"
_VOWELS = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# The line break is what is matched (the onset before it and the rest after it are
# looked at around it): the search then runs from one "\n" to the next.
_CUT_RE = regex.compile(
    rf"(?<=(?:^|(?<=[\s(\"“]))(?P<onset>(?i:{_ONSETS})))\n(?=(?P<rest>(?i:[{_VOWELS}])\w*))",
    regex.MULTILINE,
)


def _same_case(onset: str, rest: str) -> bool:
    """ "N" + "ội", "C" + "ỘNG", "ph" + "úc"; not "X" + "Ủy" (a new word)."""
    if rest[0].islower():
        return True
    return onset.isupper() and rest.isupper()


def rejoin_split_words(text: str) -> str:
    """Join syllables and years cut across lines (see the module).

    >>> rejoin_split_words("Hà N\\nội, ngày 25 tháng 12 năm 2025")
    'Hà Nội, ngày 25 tháng 12 năm 2025'
    >>> rejoin_split_words("C\\nỘNG H\\nÒA XÃ H\\nỘI CHỦ NGHĨA")
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA'
    >>> rejoin_split_words("giao cho Sở X\\nỦy ban nhân dân")
    'giao cho Sở X\\nỦy ban nhân dân'
    """
    if "\n" not in text:
        return text
    text = _CUT_RE.sub(
        lambda m: "" if _same_case(m.group("onset"), m.group("rest")) else "\n", text
    )
    if _LONE_START_RE.match(text) or _LONE_RE.search(text):
        lone_vowel, lone_coda, comma_start = _lone_res()
        text = lone_vowel.sub(_join_lone_vowel, text)
        text = lone_coda.sub("", text)
        text = comma_start.sub("", text)
    return text


# A toned vowel alone on its line, between the two halves of a syllable: "phát tri" / "ể" /
# "n năng lư" / "ợ" / "ng". It joins a vowel before it when the two make a vowel pair of
# Vietnamese ("iê", "ươ", "oa"), and the final consonant after it ("n", "ng") joins too.
_TONED = "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# A line that is one toned vowel: the first line, or one after a "\n" (searched from
# the "\n", which is faster than from every line start).
_LONE_START_RE = regex.compile(rf"[{_TONED}](?:\n|$)")
_LONE_RE = regex.compile(rf"\n[{_TONED}](?=\n|$)")
_PLAIN_VOWELS = "aăâeêioôơuưy"
_PAIRS = frozenset(
    [
        "ai",
        "ao",
        "au",
        "ay",
        "âu",
        "ây",
        "eo",
        "êu",
        "ia",
        "iê",
        "iu",
        "oa",
        "oă",
        "oe",
        "oi",
        "ôi",
        "ơi",
        "ua",
        "uâ",
        "uê",
        "uô",
        "uơ",
        "ưa",
        "ưi",
        "ươ",
        "ưu",
        "uy",
        "yê",
    ]
)


# Compiled on first use: few texts have a lone vowel line.
@cache
def _lone_res() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    """The lone vowel after its pair's first half; the final consonant left at the start
    of the next line ("n năng", "ng", "c gia"); a comma that starts a line, cut off the
    word before it."""
    return (
        regex.compile(rf"(?m)(?<=\w)(?P<before>[{_PLAIN_VOWELS}])\n(?P<vowel>[{_TONED}])$"),
        regex.compile(rf"(?m)(?<=[{_TONED}])\n(?=(?:ch|ng|nh|c|m|n|p|t)(?:[ ,.;:]|$))"),
        regex.compile(r"(?<=\w)\n(?=[,;] )"),
    )


def _base(vowel: str) -> str:
    """The vowel without its tone mark ("ể" → "ê")."""
    decomposed = unicodedata.normalize("NFD", vowel)
    kept = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", kept)


def _join_lone_vowel(m: regex.Match[str]) -> str:
    pair = m.group("before") + _base(m.group("vowel"))
    if pair in _PAIRS:
        return m.group("before") + m.group("vowel")
    return m.group(0)


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


@cache
def _syllable_re() -> regex.Pattern[str]:
    """A syllable: onset, one to three vowels (one tone mark at most), a final consonant."""
    return regex.compile(rf"(?:{_ONSETS})?(?P<v>[{_VOWELS}]{{1,3}})(?P<c>ch|ng|nh|c|m|n|p|t)?")


@cache
def _upper_word_re() -> regex.Pattern[str]:
    """An upper-case word of five letters or more."""
    return regex.compile(r"(?<![\w])\p{Lu}{5,}(?![\w])")


def is_syllable(text: str) -> bool:
    """Whether ``text`` (lower case) can be one Vietnamese syllable.

    >>> is_syllable("hội"), is_syllable("qh")
    (True, False)
    """
    m = _syllable_re().fullmatch(text)
    if m is None:
        return False
    vowels = m.group("v")
    tones = sum(c in _TONES for c in unicodedata.normalize("NFD", vowels))
    if tones > 1:
        return False
    # "ôi", "ai", "ao" end a syllable: no final consonant follows such a glide ("uy" may).
    return not (m.group("c") and len(vowels) >= 2 and vowels[-1] in "iouy" and vowels != "uy")


MAX_GLUED_SYLLABLES = 4  # a token glued from more syllables than this is left alone
MAX_SYLLABLE_LETTERS = 7  # "nghiêng": no Vietnamese syllable is longer


@lru_cache(maxsize=4096)
def _split_points(word: str) -> tuple[int, ...] | None:
    """Where a word glued from two to four syllables splits, when exactly one way is
    possible ("TỈNHLÂMĐÒNG" -> 5, 8)."""
    low = word.lower()
    if not word.isupper() or low.isascii() or is_syllable(low):
        return None
    for parts in range(2, MAX_GLUED_SYLLABLES + 1):  # the fewest syllables that make it
        ways = _segmentations(low, parts)
        if ways:
            return ways[0] if len(ways) == 1 else None
    return None


def _segmentations(text: str, parts: int) -> list[tuple[int, ...]]:
    """The cut points of ``text`` into exactly ``parts`` syllables (two ways at most: more
    are not needed to tell one from several)."""
    if parts == 1:
        return [()] if is_syllable(text) else []
    out: list[tuple[int, ...]] = []
    for k in range(1, min(len(text), MAX_SYLLABLE_LETTERS + 1)):
        if not is_syllable(text[:k]):
            continue
        for rest in _segmentations(text[k:], parts - 1):
            out.append((k, *(k + r for r in rest)))
            if len(out) > 1:
                return out
    return out


def split_glued_syllables(text: str) -> str:
    """Put back the space a PDF's text layer lost between two upper-case syllables.

    A Vietnamese word is one syllable: an upper-case token that cannot be one but splits
    into two to four syllables in exactly one way ("MÔITRƯỜNG", "TỈNHLÂMĐÒNG") lost its
    spaces. Tokens without a
    diacritic (acronyms, foreign words) and ambiguous ones are left alone.

    >>> split_glued_syllables("SỞ NÔNG NGHIỆP VÀ MÔITRƯỜNG")
    'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG'
    >>> split_glued_syllables("UBND TỈNHLÂMĐÒNG")
    'UBND TỈNH LÂM ĐÒNG'
    >>> split_glued_syllables("UBND TỈNH LÂM ĐỒNG, NGUYỄN, KHUYẾN, NGHIỆP, HOÀNG")
    'UBND TỈNH LÂM ĐỒNG, NGUYỄN, KHUYẾN, NGHIỆP, HOÀNG'
    """

    def fix(m: regex.Match[str]) -> str:
        word = m.group(0)
        cuts = _split_points(word)
        if cuts is None:
            return word
        bounds = (0, *cuts, len(word))
        return " ".join(word[a:b] for a, b in itertools.pairwise(bounds))

    return _upper_word_re().sub(fix, text)


_STUTTER_RE = regex.compile(r"(?<![\p{L}\p{N}])(\p{Lu}\p{L}*)[ ]\1(?![\p{L}\p{N}])")


def collapse_stutter(name: str) -> str:
    """A name with a word that OCR read twice in a row read once ("BỘ BỘ Y TẾ").

    Only for a name the registry then knows: Vietnamese repeats words on purpose
    ("hành vi vi phạm", "BỘ TÊ TÊ"), so text is never changed this way.

    >>> collapse_stutter("PHỦ THỦ THỦ TƯỚNG")
    'PHỦ THỦ TƯỚNG'
    """
    return _STUTTER_RE.sub(r"\1", name)
