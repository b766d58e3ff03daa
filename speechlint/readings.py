"""Readings of characters, from the pinyin table that the pypinyin package ships."""
from __future__ import annotations

import unicodedata
from typing import Dict, FrozenSet

# Initials and finals that speakers of many dialects merge; a near-homophone differs by one.
NEAR = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("eng", "en"), ("ing", "in"), ("ang", "an"))


def _toneless(syllable: str) -> str:
    plain = unicodedata.normalize("NFD", syllable)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return plain.replace("ü", "v")


def _blur(syllable: str) -> str:
    for a, b in NEAR[:4]:
        if syllable.startswith(a):
            syllable = b + syllable[len(a):]
            break
    for a, b in NEAR[4:]:
        if syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
            break
    return syllable


class Readings:
    """Toneless readings per character, loaded on first use and memoised for one run."""

    def __init__(self):
        from pypinyin.pinyin_dict import pinyin_dict

        self._table = pinyin_dict
        self._memo: Dict[str, FrozenSet[str]] = {}

    def of(self, ch: str) -> FrozenSet[str]:
        got = self._memo.get(ch)
        if got is None:
            raw = self._table.get(ord(ch), "")
            got = frozenset(_toneless(s) for s in raw.split(",") if s)
            self._memo[ch] = got
        return got

    def homophones(self, a: str, b: str) -> bool:
        return bool(self.of(a) & self.of(b))

    def near_homophones(self, a: str, b: str) -> bool:
        return bool({_blur(s) for s in self.of(a)} & {_blur(s) for s in self.of(b)})
