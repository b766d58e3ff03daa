"""speechlint.numerals: one reader for every numeral form the rules meet; None for the rest."""
import pytest

from speechlint.numerals import value


@pytest.mark.parametrize("text, expected", [
    ("12", 12), ("１２", 12), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两千", 2000),
    ("三万五千", 35000), ("二〇二五", 2025), ("〇", 0), ("①", 1), ("⑳", 20), ("㉑", 21), ("⑿", 12),
    ("⒓", 12), ("❸", 3), ("Ⅻ", 12), ("ⅻ", 12), ("XII", 12), ("iv", 4),
])
def test_every_form_is_read(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize("text", ["", "²", "二三十", "abc", "十二点", "1.5", "两两"])
def test_what_is_no_numeral_gives_none(text):
    assert value(text) is None
