"""jieba's dictionary as speechlint uses it: word frequencies, part-of-speech tags and a
maximum-probability segmentation over them (jieba's own algorithm, without its HMM for
unknown words, which speechlint wants to see as odd single characters).

The dictionary is the dict.txt that the jieba package ships. Parsing it takes about half a
second, so a compact copy is cached (marshal) in the user's cache folder; importing jieba
itself is never needed. Nothing here is loaded until a check asks for it.
"""
from __future__ import annotations

import hashlib
import importlib.util
import math
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Mapping, Optional, Set, Tuple
from speechlint import cachefile
from speechlint.i18n import _

CACHE_VERSION = "9"


class DataError(Exception):
    """Language data that a check needs (a dependency's data file) cannot be loaded."""


def package_file(package: str, requirement: str, *parts: str) -> Path:
    """A data file that an installed package ships, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DataError(_("{package} is not installed (pip install {requirement})").format(
            package=package, requirement=requirement))
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)


def jieba_dict_path() -> Path:
    return package_file("jieba", "jieba", "dict.txt")


def cache_dir() -> Path:
    """SPEECHLINT_CACHE_DIR, else $XDG_CACHE_HOME/speechlint, else ~/.cache/speechlint."""
    if os.environ.get("SPEECHLINT_CACHE_DIR"):
        return Path(os.environ["SPEECHLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "speechlint"


def _fingerprint(source: Path) -> str:
    """A key for the cached copy of a data file: its size and a hash of its first and last
    64 KiB, so that every installation of the same jieba or pypinyin shares one cache entry
    (a path or a modification time would make one per virtual environment)."""
    size = source.stat().st_size
    digest = hashlib.sha1(f"{CACHE_VERSION}|{size}".encode())
    with open(source, "rb") as fh:
        digest.update(fh.read(65536))
        fh.seek(max(0, size - 65536))
        digest.update(fh.read(65536))
    return digest.hexdigest()[:16]


fingerprint = _fingerprint  # the key of another data file a derived table is built from


def _cached(name: str, source: Path, build):
    """build() once per version of the source file; keep the result in the cache folder.
    A source that cannot be read or parsed is a DataError naming it."""
    try:
        key = _fingerprint(source)
    except OSError as exc:
        raise DataError(_("{file}: cannot read: {error}").format(file=source, error=exc.strerror or exc)) from None
    folder = cache_dir()
    path = folder / f"{name}-{key}.marshal"
    try:
        with open(path, "rb") as fh:
            return marshal.loads(fh.read())  # much faster than marshal.load(fh)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    try:
        value = build()
    except DataError:
        raise
    except Exception as exc:  # a damaged data file fails in many ways (pickle, JSON, UTF-8)
        raise DataError(_("{file}: cannot load: {error}").format(
            file=source, error=f"{type(exc).__name__}: {exc}")) from None
    cachefile.write(path, marshal.dumps(value), f"{name}-*.marshal")  # (replacing earlier versions)
    return value


def _parse(source: Path):
    freq: Dict[str, int] = {}
    tags: Dict[str, str] = {}
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
                if len(parts) >= 3:
                    tags[parts[0]] = parts[2]
    return freq, tags


def _tokens(end: List[int], n: int) -> List[Tuple[int, int]]:
    """The spans of a segmentation from the end of the best first token at each position."""
    spans = []
    i = 0
    while i < n:
        j = end[i]
        spans.append((i, j))
        i = j
    return spans


@dataclass(frozen=True)
class Lexicon:
    freq: Mapping[str, int]
    total: int
    max_len: int
    source: Path
    _stems: Set[int] = field(default_factory=set, init=False, repr=False, compare=False)

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def logp(self, word: str) -> float:
        return math.log(self.freq.get(word) or 1) - math.log(self.total)

    def tags(self) -> Mapping[str, str]:
        """Part-of-speech tags (only needed to build derived indexes, which are cached)."""
        return _cached("tags", self.source, lambda: _parse(self.source)[1])

    def stems(self) -> Set[int]:
        """The hashes of the beginnings (of 2 characters or more) of longer words that are no
        words themselves: segment() stops looking from a position where text stops being one
        (`hash(piece) in stems`). The strings are cached like the dictionary; in memory only their
        hashes are kept (a third of the memory), and a collision of two hashes would only make
        segment() look one piece further: the same segmentation."""
        if not self._stems:
            def build():
                freq = self.freq
                return frozenset(w[:k] for w in freq if len(w) > 2 for k in range(2, min(len(w), self.max_len))
                                 if not freq.get(w[:k]))
            self._stems.update(map(hash, build() if self.source is None
                                   else _cached(f"stems-{self.max_len}", self.source, build)))
        return self._stems

    def segment(self, text: str, exclude: str = "") -> List[Tuple[int, int]]:
        """Maximum-probability segmentation: a list of (start, end) spans covering text.
        `exclude` is a word not to be used as one token (to score text as if it were unknown)."""
        n = len(text)
        freq, log = self.freq, math.log
        logtotal = log(self.total)
        stems = self._stems or self.stems()
        max_len = self.max_len
        score = [0.0] * (n + 1)  # best score of text[i:], and the end of its first token
        end = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            s, e = log(freq.get(text[i]) or 1) - logtotal + score[i + 1], i + 1
            for j in range(i + 2, min(n, i + max_len) + 1):
                piece = text[i:j]
                f = freq.get(piece)
                if f:
                    if not (exclude and piece == exclude):
                        t = log(f) - logtotal + score[j]
                        if t > s:
                            s, e = t, j
                elif hash(piece) not in stems:
                    break  # no word begins with text[i:j]
            score[i] = s
            end[i] = e
        return _tokens(end, n)

    def score(self, text: str, exclude: str = "", spans: Optional[List[Tuple[int, int]]] = None) -> float:
        """Log probability of the best segmentation of text (of `spans`, if already segmented)."""
        freq, log = self.freq, math.log
        logtotal = log(self.total)
        return sum(log(freq.get(text[a:b]) or 1) - logtotal
                   for a, b in (self.segment(text, exclude) if spans is None else spans))

    def lattice(self, text: str) -> "Lattice":
        """What segment() looks up in text, looked up once: the words from each position, so that
        the windows of a long text can be segmented (window()) without looking them up again."""
        n = len(text)
        freq, log = self.freq, math.log
        logtotal = log(self.total)
        stems = self._stems or self.stems()
        max_len = self.max_len
        singles, words, reach = [], [], []
        for i in range(n):
            singles.append(log(freq.get(text[i]) or 1) - logtotal)
            found = []
            last = min(n, i + max_len)
            for j in range(i + 2, last + 1):
                piece = text[i:j]
                f = freq.get(piece)
                if f:
                    found.append((j, log(f) - logtotal))
                elif hash(piece) not in stems:
                    last = j - 1  # no word begins with text[i:j]
                    break
            words.append(tuple(found))
            reach.append(last)
        return Lattice(text, tuple(singles), tuple(words), tuple(reach))

    def window(self, lattice: "Lattice", lo: int, hi: int, exclude: str = "", at: int = -1,
               put: str = "") -> Tuple[List[Tuple[int, int]], float]:
        """segment() and score() of text[lo:hi] (text: the lattice's), or of that window with
        text[at:at + len(put)] replaced by put (a stretch inside the window, of put's length),
        from the lattice: the same spans and the same score, to the last bit (the same sums in
        the same order). Only the pieces that hold put are looked up."""
        text = lattice.text
        singles, words, reach = lattice.singles, lattice.words, lattice.reach
        freq, log = self.freq, math.log
        logtotal = log(self.total)
        stems = self._stems or self.stems()
        max_len = self.max_len
        until = at + len(put) if put else -1
        new = text[lo:at] + put + text[until:hi] if put else ""
        n = hi - lo
        xl = len(exclude)
        score = [0.0] * (n + 1)  # as in segment(), in the window's positions
        end = [n] * (n + 1)
        value = [0.0] * (n + 1)  # the log probability of the first token
        for k in range(hi - 1, lo - 1, -1):
            kk = k - lo
            if put and at <= k < until:
                v = log(freq.get(new[kk]) or 1) - logtotal
                fresh = kk + 2  # every piece holds put: looked up
            else:
                v = singles[k]
                fresh = -1
            s, e, best = v + score[kk + 1], kk + 1, v
            if fresh < 0:
                limit = at if put and k < at else hi  # the pieces of text as written
                for j, v in words[k]:
                    if j > limit:
                        break
                    if xl and j - k == xl and text[k:j] == exclude:
                        continue
                    t = v + score[j - lo]
                    if t > s:
                        s, e, best = t, j - lo, v
                if put and k < at and (at < k + 2 or reach[k] >= at):
                    fresh = max(kk + 2, at - lo + 1)  # the pieces that reach into put
            if fresh >= 0:
                for jj in range(fresh, min(n, kk + max_len) + 1):
                    piece = new[kk:jj]
                    f = freq.get(piece)
                    if f:
                        if not (exclude and piece == exclude):
                            v = log(f) - logtotal
                            t = v + score[jj]
                            if t > s:
                                s, e, best = t, jj, v
                    elif hash(piece) not in stems:
                        break
            score[kk] = s
            end[kk] = e
            value[kk] = best
        spans = _tokens(end, n)
        return spans, sum(value[a] for a, _ in spans)

    def derived(self, name: str, build):
        """Data computed from the dictionary, cached on disk like the dictionary itself."""
        return _cached(name, self.source, build)

    def words(self, text: str) -> List[str]:
        return [text[a:b] for a, b in self.segment(text)]


@dataclass(frozen=True)
class Lattice:
    """Lexicon.lattice(text): for each position of text, the log probability of its character
    as a word, the words of two characters or more that begin there (end, log probability), and
    how far segment() looks from there (the end of the last piece that is a word or begins one)."""
    text: str
    singles: Tuple[float, ...]
    words: Tuple[Tuple[Tuple[int, float], ...], ...]
    reach: Tuple[int, ...]


def load_lexicon() -> Lexicon:
    source = jieba_dict_path()

    def build():
        freq, _ = _parse(source)
        return freq

    freq = _cached("freq", source, build)
    return Lexicon(freq, sum(freq.values()), 8, source)
