"""Readings of characters, from the pinyin table that the pypinyin package ships
(pypinyin/pinyin_dict.json). The table is read directly, without importing pypinyin (whose
import loads its phrase dictionary too), reduced to toneless readings and cached like the
lexicon."""
from __future__ import annotations

import importlib.util
import json
import unicodedata
from pathlib import Path
from typing import Dict, FrozenSet

# Initials and finals that speakers of many dialects merge; a near-homophone differs by one.
NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
NEAR_FINALS = (("eng", "en"), ("ing", "in"), ("ang", "an"))


def table_path() -> Path:
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pypinyin is not installed (pip install pypinyin)")
    return Path(list(spec.submodule_search_locations)[0]) / "pinyin_dict.json"


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
        out[ch] = ",".join(sorted({toneless(s) for s in readings.split(",") if s}))
    return out


class Readings:
    """Toneless readings per character, loaded on first use and memoised for one run."""

    def __init__(self):
        from speechlint.lexicon import _cached

        from speechlint.lexicon import _fingerprint

        path = table_path()
        self.fingerprint = _fingerprint(path)  # derived data that uses readings keys on it
        self._table: Dict[str, str] = _cached("readings", path, lambda: _build(path))
        self._memo: Dict[str, FrozenSet[str]] = {}
        self._blurred: Dict[str, FrozenSet[str]] = {}

    def of(self, ch: str) -> FrozenSet[str]:
        got = self._memo.get(ch)
        if got is None:
            got = frozenset(s for s in self._table.get(ch, "").split(",") if s)
            self._memo[ch] = got
        return got

    def homophones(self, a: str, b: str) -> bool:
        return bool(self.of(a) & self.of(b))

    def blurred(self, ch: str) -> FrozenSet[str]:
        got = self._blurred.get(ch)
        if got is None:
            got = self._blurred[ch] = frozenset(blur(s) for s in self.of(ch))
        return got

    def near_homophones(self, a: str, b: str) -> bool:
        return not self.blurred(a).isdisjoint(self.blurred(b))
