"""One reader for the numerals that rules meet: Arabic (12), full-width (１２), Chinese (十二,
二〇二五, 两百), circled (⑫), parenthesised (⑿), with a full stop (⒓), Roman (Ⅻ, ⅻ, XII).

`value(text)` is the number the whole text writes, or None when it is no numeral this reader
knows: checks never call int() on text they have only looked at with str.isdigit(), which is
true of ① and ² as well."""
from __future__ import annotations

import unicodedata
from typing import Optional

CHINESE_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
                  "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CHINESE_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CHINESE_LARGE = {"万": 10_000, "亿": 100_000_000}
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# single characters that stand for a whole number: ①-⑳ ㉑-㊿ ⑴-⒇ ⒈-⒛ ❶-❿ Ⅰ-Ⅻ ⅰ-ⅻ
SINGLE = {}
for _first, _count, _start in ((0x2460, 20, 1), (0x3251, 15, 21), (0x32B1, 15, 36), (0x2474, 20, 1),
                              (0x2488, 20, 1), (0x2776, 10, 1), (0x24F5, 10, 1), (0x2780, 10, 1),
                              (0x278A, 10, 1), (0x2160, 12, 1), (0x2170, 12, 1)):
    for _k in range(_count):
        SINGLE[chr(_first + _k)] = _start + _k
SINGLE["⓪"] = 0


def value(text: str) -> Optional[int]:
    """The number text writes, or None."""
    text = text.strip()
    if not text:
        return None
    if len(text) == 1 and text in SINGLE:
        return SINGLE[text]
    if all(unicodedata.category(ch) == "Nd" for ch in text):
        return int("".join(str(unicodedata.digit(ch)) for ch in text))  # ASCII, full-width, other scripts
    if all(ch in CHINESE_DIGITS or ch in CHINESE_UNITS or ch in CHINESE_LARGE for ch in text):
        return chinese(text)
    if all(ch.upper() in ROMAN for ch in text) and len(text) <= 15:
        return roman(text.upper())
    return None


def chinese(text: str) -> Optional[int]:
    """十二 12, 二十 20, 一百零五 105, 两千 2000, 三万五千 35000; a run of digits is read digit by
    digit (二〇二五 2025). None for what is not a well-formed numeral."""
    if not text:
        return None
    if all(ch in CHINESE_DIGITS for ch in text):
        if len(text) > 1 and any(ch in "两" for ch in text):
            return None
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            if digit is not None and digit != 0 and CHINESE_DIGITS[ch] != 0:
                return None  # 二三十: two digits without a unit between them
            digit = CHINESE_DIGITS[ch]
        elif ch in CHINESE_UNITS:
            unit = CHINESE_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
        elif ch in CHINESE_LARGE:
            section += digit or 0
            if section == 0:
                return None
            total += section * CHINESE_LARGE[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def roman(text: str) -> Optional[int]:
    total = 0
    for k, ch in enumerate(text):
        v = ROMAN[ch]
        if k + 1 < len(text) and ROMAN[text[k + 1]] > v:
            total -= v
        else:
            total += v
    return total if total > 0 else None
