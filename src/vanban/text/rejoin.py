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

import regex

__all__ = ["rejoin_split_words"]

# Onsets of Vietnamese syllables (Đoàn Thiện Thuật, Ngữ âm tiếng Việt): a syllable never
# ends in these letters alone, so a line that ends in one was cut inside a word.
_ONSETS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x"
_VOWELS = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_CUT_RE = regex.compile(
    rf"(?:^|(?<=[\s(\"“]))(?P<onset>(?i:{_ONSETS}))\n(?P<rest>(?i:[{_VOWELS}])\w*)",
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
        lambda m: (
            m.group("onset") + m.group("rest")
            if _same_case(m.group("onset"), m.group("rest"))
            else m.group(0)
        ),
        text,
    )
    return text
