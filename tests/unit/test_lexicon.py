"""The layout lexicon (data/lexicon.toml) is well formed where code relies on its shape."""

from __future__ import annotations

from vanban.extract.duty_lead import strip_officials
from vanban.text.lexicon import lexicon


def test_official_titles_give_way_to_their_own_last_words() -> None:
    # strip_officials keeps the body's words as written, so each replacement must be
    # the end of its title ("Chánh Văn phòng" → "Văn phòng"), or nothing.
    for title, body in lexicon().duties.official_titles:
        assert title.casefold().endswith(body.casefold()), (title, body)
        assert title.strip() == title and title


def test_a_title_before_a_body_gives_the_body() -> None:
    text = "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Tư pháp và Thủ trưởng các cơ quan có liên quan"
    assert strip_officials(text) == "Văn phòng UBND tỉnh, Sở Tư pháp và các cơ quan có liên quan"
    # a title before a person stays
    assert strip_officials("Giám đốc: ông Nguyễn Văn A") == "Giám đốc: ông Nguyễn Văn A"
