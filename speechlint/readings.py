"""Readings of characters, from the pinyin table that the pypinyin package ships
(pypinyin/pinyin_dict.json). The table is read directly, without importing pypinyin (whose
import loads its phrase dictionary too), reduced to toneless readings and cached like the
lexicon."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, Optional

from speechlint.lexicon import ByGet, package_file

# Initials and finals that speakers of many dialects merge; a near-homophone differs by one.
NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
NEAR_FINALS = (("eng", "en"), ("ing", "in"), ("ang", "an"))


def table_path() -> Path:
    return package_file("pypinyin", "pypinyin", "pinyin_dict.json")


def phrases_path() -> Path:
    return package_file("pypinyin", "pypinyin", "phrases_dict.json")


def _attested(path: Path) -> Dict[str, str]:
    """char -> the toneless readings that pypinyin's dictionary of phrases gives it in a word
    (长 cháng in 长城, zhǎng in 成长): the readings a writer meets, not those only a character
    table lists (市 fú)."""
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    out: Dict[str, set] = {}
    for word, readings in raw.items():
        if not isinstance(word, str) or not isinstance(readings, list) or len(readings) != len(word):
            continue
        for ch, got in zip(word, readings):
            if isinstance(got, list):
                out.setdefault(ch, set()).update(toneless(r) for r in got if isinstance(r, str))
    if not out:
        raise ValueError("no phrase with its readings (a list of lists of syllables per word)")
    return {ch: ",".join(sorted(rs)) for ch, rs in out.items()}


def toneless(syllable: str) -> str:
    plain = unicodedata.normalize("NFD", syllable)
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).replace("ü", "v")


def blur(syllable: str) -> str:
    for a, b in NEAR_INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a):]
            break
    for a, b in NEAR_FINALS:
        if syllable.endswith(a):
            syllable = syllable[: -len(a)] + b
            break
    return syllable


def _build(path: Path) -> Dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    out = {}
    for code, readings in raw.items():
        ch = chr(int(code))
        plain = [toneless(s) for s in readings.split(",") if s]
        if plain:  # the table lists a character's common reading first; keep it first
            out[ch] = ",".join([plain[0]] + sorted(set(plain[1:]) - {plain[0]}))
    return out


def _sounds(table: Dict[str, str]):
    """Characters by common reading, by blurred common reading and by any blurred reading
    (each a string of characters), to find a character's homophones at once."""
    common: Dict[str, str] = {}
    near: Dict[str, str] = {}
    any_: Dict[str, str] = {}
    for c, readings in table.items():
        all_ = readings.split(",")
        common[all_[0]] = common.get(all_[0], "") + c
        near[blur(all_[0])] = near.get(blur(all_[0]), "") + c
        for s in {blur(r) for r in all_}:
            any_[s] = any_.get(s, "") + c
    return common, near, any_


class Readings:
    """Toneless readings per character, loaded on first use and memoised for one run."""

    def __init__(self):
        from speechlint.lexicon import _cached

        path = table_path()
        self._path = path
        self._table: Dict[str, str] = _cached("readings", path, lambda: _build(path))
        self._memo: Dict[str, FrozenSet[str]] = {}
        self._kin: Dict[str, Kin] = {}
        self._by_sound = None
        self._blurred: Dict[str, FrozenSet[str]] = {}
        self._blurs: Dict[str, str] = {}  # a syllable -> blur(syllable)
        self._attested: Optional[Dict[str, str]] = None  # see _attested, loaded on first need
        self._sounds: Dict[str, object] = {}  # a character -> Readings.sound(character)

    def of(self, ch: str) -> FrozenSet[str]:
        got = self._memo.get(ch)
        if got is None:
            got = frozenset(s for s in self._table.get(ch, "").split(",") if s)
            self._memo[ch] = got
        return got

    def common(self, ch: str) -> str:
        """The character's common reading (the first that pypinyin lists), '' if unknown."""
        return self._table.get(ch, "").split(",", 1)[0]

    def relation(self, a: str, b: str) -> str:
        """How b sounds beside a: 'homophone' (same common reading), 'near-homophone' (common
        readings differ only in a merged initial or final), 'rare-reading' (they share only a
        reading that one of them rarely has, the same syllable: a rare reading that is only near
        the other's, 感 read hàn beside 行 háng, is two steps away), or ''."""
        return self.kin(a).get(b, "") if a != b else ""

    def kin(self, ch: str) -> "Kin":
        """Every character that sounds like ch, with its relation() to ch: a mapping that
        answers for one character at a time (memoised per character: a check asks this for the
        same characters again and again)."""
        got = self._kin.get(ch)
        if got is None:
            got = self._kin[ch] = Kin(self, ch)
        return got

    def sound(self, ch: str):
        """(common reading, its blurred form, every reading) of ch, or None if unknown:
        what Kin compares, asked once per character (a run asks it a million times)."""
        got = self._sounds.get(ch, False)
        if got is False:
            first = self.common(ch)
            got = self._sounds[ch] = (first, self._blur(first), self.of(ch)) if first else None
        return got

    def _blur(self, syllable: str) -> str:
        got = self._blurs.get(syllable)
        if got is None:
            got = self._blurs[syllable] = blur(syllable)
        return got

    def _tables(self):
        """The characters by sound (see _sounds), loaded on first need."""
        if self._by_sound is None:
            from speechlint.lexicon import _cached

            self._by_sound = _cached("sounds", self._path, lambda: _sounds(self._table))
        return self._by_sound

    def sharing(self, syllable: str) -> str:
        """The characters that have this blurred reading among theirs. Every character that
        kin(ch) relates to ch is in sharing(s) for one of ch's blurred readings s (a homophone's
        and a near-homophone's common reading blurs to ch's): the few of them among many
        characters are found at once (a set's intersection) instead of asking kin(ch) of each."""
        return self._tables()[2].get(syllable, "")

    def _kin_dict(self, ch: str) -> Dict[str, str]:
        """kin(ch) as a dict of every character (built from the characters by sound)."""
        common, near, any_ = self._tables()
        got: Dict[str, str] = {}
        exact = self.of(ch)
        for s in self.blurred(ch):
            got.update(dict.fromkeys((c for c in any_.get(s, "") if not exact.isdisjoint(self.of(c))),
                                     "rare-reading"))
        first = self.common(ch)
        if first:
            got.update(dict.fromkeys(near.get(blur(first), ""), "near-homophone"))
            got.update(dict.fromkeys(common.get(first, ""), "homophone"))
        got.pop(ch, None)
        return got

    def read_alike(self, a: str, b: str) -> bool:
        """Do a and b share a reading that each of them is read by in words (its common one, or
        one that pypinyin's phrases give it: 常/长 chang, 长城), not only in a table of characters
        (茯/市 fu: 市 is read fú in no word)?"""
        if self._attested is None:
            from speechlint.lexicon import _cached

            path = phrases_path()
            self._attested = _cached("attested", path, lambda: _attested(path))
        attested = self._attested

        def real(ch: str, syllable: str) -> bool:
            return syllable == self.common(ch) or syllable in attested.get(ch, "").split(",")
        return any(real(a, s) and real(b, s) for s in self.of(a) & self.of(b))

    def homophones(self, a: str, b: str) -> bool:
        return bool(self.of(a) & self.of(b))

    def blurred(self, ch: str) -> FrozenSet[str]:
        got = self._blurred.get(ch)
        if got is None:
            got = self._blurred[ch] = frozenset(blur(s) for s in self.of(ch))
        return got

    def near_homophones(self, a: str, b: str) -> bool:
        return not self.blurred(a).isdisjoint(self.blurred(b))


class Kin(ByGet):
    """The characters that sound like one character, each with its relation to it (see
    Readings.relation), told one character at a time from the two characters' readings: the
    same answers as a dict of all of them (Readings._kin_dict), which holds some 400 characters
    for a common reading, 15 KiB: a run over a corpus asked for thousands of characters and
    kept 70 MiB of them. A character is a homophone when its common reading is ch's, a
    near-homophone when the two differ only in a merged initial or final, a rare-reading
    homophone when they share any of their readings (the same syllable); ch itself is none."""

    __slots__ = ("_readings", "_ch", "_first", "_near", "_all")

    def __init__(self, readings: Readings, ch: str):
        self._readings, self._ch = readings, ch
        self._first, self._near, self._all = readings.sound(ch) or ("", "", readings.of(ch))

    def get(self, other, default=None):
        if other == self._ch or not self._first:
            return default
        sound = self._readings.sound(other)
        if sound is None:
            return default
        first, near, all_ = sound
        if first == self._first:
            return "homophone"
        if near == self._near:
            return "near-homophone"
        if not self._all.isdisjoint(all_):
            return "rare-reading"
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._readings._kin_dict(self._ch))

    def __len__(self) -> int:
        return len(self._readings._kin_dict(self._ch))
