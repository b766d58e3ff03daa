"""jieba's dictionary as speechlint uses it: word frequencies, part-of-speech tags and a
maximum-probability segmentation over them (jieba's own algorithm, without its HMM for
unknown words, which speechlint wants to see as odd single characters).

The dictionary is the dict.txt that the jieba package ships. Parsing it takes about half a
second, so a compact copy is cached in the user's cache folder: its words in a trie (marisa),
their counts and log probabilities in arrays by the trie's ids, a few MiB that load in
milliseconds (a dict of the 350,000 words took a quarter of a second to load and 40 MiB to
hold). Importing jieba itself is never needed. Nothing here is loaded until a check asks for it.

Segmentation runs in C where speechlint._segcore was built (Lexicon.native): the words and their
beginnings in a hash table of its own, kept in the cache folder as an image (cached_table), with
the same spans and scores as the Python below (segment_python, window_python). The typo rules'
sieves read sets of strings from Bloom filters kept there too (cached_bloom).
"""
from __future__ import annotations

import array
import hashlib
import importlib.util
import math
import marshal
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Tuple
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


def _cached(name: str, source: Path, build, checked: bool = False, older: Tuple[str, ...] = ()):
    """build() once per version of the source file; keep the result in the cache folder.
    A source that cannot be read or parsed is a DataError naming it. `checked`: the file is
    kept behind its hash and read only when the hash holds (for data that a native library
    reads: a damaged file must never reach it); `older`: globs of files of the cache folder that
    this one replaces, removed when it is written."""
    try:
        key = _fingerprint(source)
    except OSError as exc:
        raise DataError(_("{file}: cannot read: {error}").format(file=source, error=exc.strerror or exc)) from None
    folder = cache_dir()
    path = folder / f"{name}-{key}.marshal"
    if checked:
        value = cachefile.read_checked(path)
        if value is not None:
            return value
    else:
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
    if checked:
        cachefile.write_checked(path, value, f"{name}-*.marshal")
    else:
        cachefile.write(path, marshal.dumps(value), f"{name}-*.marshal")  # (replacing earlier versions)
    for pattern in older:
        for old in folder.glob(pattern):
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
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


NO_WORD = float("-inf")  # the log probability kept for a word of count 0: never the best piece


class ByGet(Mapping):
    """A Mapping that answers through its get() (None: no such key): [] and `in` ask it."""

    __slots__ = ()

    def __getitem__(self, key):
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and self.get(key) is not None


class Freq(ByGet):
    """Word -> count, read from a trie of the words (marisa_trie.Trie) and an array of their
    counts by the trie's ids: the dictionary as a Mapping (get, in, [], iteration) for every
    use but segmentation's, which reads the trie itself (see Words)."""

    __slots__ = ("trie", "counts", "_id")

    def __init__(self, trie, counts):
        self.trie, self.counts = trie, counts
        self._id = trie.get

    @classmethod
    def of(cls, mapping: Mapping[str, int]) -> "Freq":
        import marisa_trie

        trie = marisa_trie.Trie(list(mapping))
        counts = array.array("q", bytes(8 * len(trie)))
        for word, count in mapping.items():
            counts[trie[word]] = count
        return cls(trie, counts)

    def get(self, word, default=None):
        try:
            i = self._id(word)
        except UnicodeEncodeError:  # (a lone surrogate is no word)
            return default
        return default if i is None else self.counts[i]

    def __iter__(self):
        return self.trie.iterkeys()

    def __len__(self) -> int:
        return len(self.trie)


@dataclass(frozen=True)
class Words:
    """What segmentation and the hottest loops read of the dictionary: the words beginning a
    text (prefixes(text): (word, id) of every word that text begins with, shortest first),
    whether any word begins with a text (begun(text): an iterator of them, empty if none), a
    word's id (ids(word), None if it is no word), and each word's count and log probability by
    id (counts; logps, NO_WORD for a count of 0): `counts[i] if (i := ids(w)) is not None`
    without a call of Python's own, where Freq.get is one."""
    prefixes: object
    begun: object
    ids: object
    counts: "array.array"
    logps: "array.array"
    trie: object = None  # (the marisa trie itself: its words by id, for the C table, see native())

    @classmethod
    def of(cls, freq: Freq, total: int, logps: Optional["array.array"] = None) -> "Words":
        logtotal = math.log(total)
        if logps is None:
            log = math.log
            logps = array.array("d", (log(c) - logtotal if c else NO_WORD for c in freq.counts))
        trie = freq.trie
        return cls(trie.iter_prefixes_with_ids, trie.iterkeys, trie.get, freq.counts, logps, trie)


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
    _words: List[Words] = field(default_factory=list, init=False, repr=False, compare=False)
    _singles: Dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _native: list = field(default_factory=list, init=False, repr=False, compare=False)
    # (for the main dictionary, the fingerprint of marisa-trie, which orders the words' ids: the
    # C tables made from it are kept in the cache folder under names that hold it, see load_lexicon)
    _cache_tag: Optional[str] = field(default=None, repr=False, compare=False)

    def __contains__(self, word: str) -> bool:
        return word in self.freq

    def logp(self, word: str) -> float:
        return math.log(self.freq.get(word) or 1) - math.log(self.total)

    def tags(self) -> Mapping[str, str]:
        """Part-of-speech tags (only needed to build derived indexes, which are cached)."""
        return _cached("tags", self.source, lambda: _parse(self.source)[1])

    def reader(self) -> Words:
        """The dictionary as segmentation reads it (a trie of a plain mapping is built here)."""
        if not self._words:
            freq = self.freq if isinstance(self.freq, Freq) else Freq.of(self.freq)
            self._words.append(Words.of(freq, self.total))
        return self._words[0]

    def single(self, ch: str) -> float:
        """The log probability of a character as a word of its own (of count 1 if unknown)."""
        got = self._singles.get(ch)
        if got is None:
            got = self._singles[ch] = math.log(self.freq.get(ch) or 1) - math.log(self.total)
        return got

    def native(self):
        """The dictionary as the C segmentation reads it (speechlint._segcore.Table), made on
        first need; None where that module was not built (no C compiler at install) or the
        environment sets SPEECHLINT_PURE_PYTHON: segment(), lattice() and window() then compute
        in Python, the same spans and the same scores to the last bit (tests/test_segcore.py)."""
        if not self._native:
            self._native.append(_native_table(self))
        return self._native[0]

    def native_windows(self, shapes, text: str, changes, min_freq: int, lengths) -> List[Tuple[int, int, int]]:
        """_segcore.windows over this dictionary's C table and its counts (see charslip.slips)."""
        from speechlint._segcore import windows  # (asked only where native() gave a table)

        return windows(self.native(), shapes, text, changes, self.reader().counts, min_freq, lengths)

    def segment(self, text: str, exclude: str = "") -> List[Tuple[int, int]]:
        """Maximum-probability segmentation: a list of (start, end) spans covering text.
        `exclude` is a word not to be used as one token (to score text as if it were unknown)."""
        native = self.native()
        if native is not None:
            return native.segment(text, exclude)
        return self.segment_python(text, exclude)

    def segment_python(self, text: str, exclude: str = "") -> List[Tuple[int, int]]:
        """segment() computed in Python (what the C table computes)."""
        n = len(text)
        words = self.reader()
        prefixes, logps = words.prefixes, words.logps
        singles, single = self._singles, self.single
        max_len = self.max_len
        score = [0.0] * (n + 1)  # best score of text[i:], and the end of its first token
        end = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            v = singles.get(text[i])
            if v is None:
                v = single(text[i])
            s, e = v + score[i + 1], i + 1
            if i + 2 <= n:
                for piece, wid in prefixes(text[i:i + max_len]):
                    j = i + len(piece)
                    if j > i + 1 and not (exclude and piece == exclude):
                        t = logps[wid] + score[j]
                        if t > s:
                            s, e = t, j
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
        the windows of a long text can be segmented (window()) without looking them up again.
        With the C table (native()) nothing is looked up ahead: each window is segmented in C."""
        if self.native() is not None:
            return Lattice(text, (), ())
        return self.lattice_python(text)

    def lattice_python(self, text: str) -> "Lattice":
        n = len(text)
        words = self.reader()
        prefixes, logps = words.prefixes, words.logps
        single, max_len = self.single, self.max_len
        singles, found_at = [], []
        for i in range(n):
            singles.append(single(text[i]))
            found = []
            if i + 2 <= n:
                for piece, wid in prefixes(text[i:i + max_len]):
                    j = i + len(piece)
                    if j > i + 1 and logps[wid] != NO_WORD:
                        found.append((j, logps[wid]))
            found_at.append(tuple(found))
        return Lattice(text, tuple(singles), tuple(found_at))

    def window(self, lattice: "Lattice", lo: int, hi: int, exclude: str = "", at: int = -1,
               put: str = "") -> Tuple[List[Tuple[int, int]], float]:
        """segment() and score() of text[lo:hi] (text: the lattice's), or of that window with
        text[at:at + len(put)] replaced by put (a stretch inside the window, of put's length),
        from the lattice: the same spans and the same score, to the last bit (the same sums in
        the same order). Only the pieces that hold put are looked up."""
        native = self.native()
        if native is not None:
            text = lattice.text
            return native.scored(text[lo:at] + put + text[at + len(put):hi] if put else text[lo:hi], exclude)
        return self.window_python(lattice, lo, hi, exclude, at, put)

    def window_python(self, lattice: "Lattice", lo: int, hi: int, exclude: str = "", at: int = -1,
                      put: str = "") -> Tuple[List[Tuple[int, int]], float]:
        """window() computed in Python, from a lattice of lattice_python()."""
        text = lattice.text
        singles, words = lattice.singles, lattice.words
        lexicon_words = self.reader()
        prefixes, begun, logps = lexicon_words.prefixes, lexicon_words.begun, lexicon_words.logps
        single, max_len = self.single, self.max_len
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
                v = single(new[kk])
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
                # the pieces that reach into put, when a word begins with the text up to put
                if put and k < at and (at < k + 2 or at - k <= max_len and next(begun(text[k:at]), None) is not None):
                    fresh = max(kk + 2, at - lo + 1)
            if fresh >= 0 and fresh <= min(n, kk + max_len):
                for piece, wid in prefixes(new[kk:min(n, kk + max_len)]):
                    jj = kk + len(piece)
                    if jj >= fresh and not (exclude and piece == exclude):
                        v = logps[wid]
                        t = v + score[jj]
                        if t > s:
                            s, e, best = t, jj, v
            score[kk] = s
            end[kk] = e
            value[kk] = best
        spans = _tokens(end, n)
        return spans, sum(value[a] for a, _ in spans)

    def derived(self, name: str, build):
        """Data computed from the dictionary, cached on disk like the dictionary itself."""
        return _cached(name, self.source, build)

    def packed(self, name: str, build) -> "Packed":
        """A derived mapping of str to str (build() gives it as a dict), kept in the cache folder
        as a trie (Packed): it loads in a millisecond, where a dict of 140,000 entries took 70 ms
        to read back, on every run that needs it. (Named trie-…, not after the dict that earlier
        versions of speechlint kept under `name`, whose cleaning would remove it: two versions
        sharing a cache folder each keep their own.)"""
        return _cached_trie(f"trie-{name}", self.source, lambda: Packed.pack(build()), Packed.unpack)

    def words(self, text: str) -> List[str]:
        return [text[a:b] for a, b in self.segment(text)]


class Packed(ByGet):
    """A mapping of str to str held in a marisa_trie.BytesTrie (the values UTF-8): what
    Lexicon.packed keeps of a derived index, read by get(), in and [] (a lone surrogate, which
    a text may hold, is no key)."""

    __slots__ = ("trie",)

    def __init__(self, trie):
        self.trie = trie

    @staticmethod
    def pack(mapping: Mapping[str, str]) -> bytes:
        import marisa_trie

        return marisa_trie.BytesTrie([(k, v.encode("utf-8")) for k, v in mapping.items()]).tobytes()

    @classmethod
    def unpack(cls, data: bytes) -> "Packed":
        import marisa_trie

        if not isinstance(data, bytes):
            raise TypeError("not a trie")
        return cls(marisa_trie.BytesTrie().frombytes(data))

    def get(self, key, default=None):
        if "\0" in key:
            return default  # (marisa's keys end at a NUL)
        try:
            found = self.trie.get(key)
        except UnicodeEncodeError:
            return default
        return found[0].decode("utf-8") if found else default

    def __contains__(self, key) -> bool:  # (the trie's own `in`, without get's decoding)
        if type(key) is not str or "\0" in key:
            return False
        try:
            return key in self.trie
        except UnicodeEncodeError:
            return False

    def __iter__(self):
        return self.trie.iterkeys()

    def __len__(self) -> int:
        return len(self.trie)


@dataclass(frozen=True)
class Lattice:
    """Lexicon.lattice(text): for each position of text, the log probability of its character
    as a word, and the words of two characters or more that begin there (end, log probability);
    both empty where the C table segments (Lexicon.native)."""
    text: str
    singles: Tuple[float, ...]
    words: Tuple[Tuple[Tuple[int, float], ...], ...]


def native_module():
    """speechlint._segcore, or None where it was not built or SPEECHLINT_PURE_PYTHON is set."""
    if os.environ.get("SPEECHLINT_PURE_PYTHON"):
        return None
    try:
        from speechlint import _segcore
    except ImportError:
        return None
    return _segcore


def _cached_native(name: Optional[str], source: Path, build, load, older: str = ""):
    """build() (a C object of _segcore, or None), kept in the cache folder under name as its image
    and read back by load(image), which loads in a few milliseconds where making it takes tens:
    _segcore checks an image's checksum and bounds, so a damaged copy is refused and made again
    (see _kept), never read outside itself. `older`: a glob of the copies of other versions,
    removed when this one is written. Without a name, made each time."""
    try:
        if name is None:
            return build()
        return _kept(name, source, lambda: (lambda made: made and made.image())(build()),
                     lambda image: None if image is None else load(image), older=(older,) if older else ())
    except (ValueError, MemoryError, DataError):  # (too many words for a table: done in Python)
        return None


def cached_table(name: Optional[str], source: Path, words: Callable[[], List[str]], logps: "array.array",
                 max_len: int, unknown: float = 0.0, older: str = ""):
    """A C table (speechlint._segcore.Table) of the strings words() gives, in the order of logps
    (their log probabilities, an array('d')), kept under name (see _cached_native); None where the
    C module is not built or a string holds a line break, which the table's format cannot hold."""
    _segcore = native_module()
    if _segcore is None or not 1 <= max_len <= 63:
        return None

    def build():
        keys = words()
        if any("\n" in key for key in keys):
            return None
        return _segcore.Table("".join(key + "\n" for key in keys), logps, max_len, unknown)

    return _cached_native(name and f"{name}-f{_segcore.FORMAT}", source, build,
                          lambda image: _segcore.load(image, logps, unknown), older)


def cached_bloom(name: Optional[str], source: Path, strings: Callable[[], List[str]], older: str = ""):
    """A set of the strings strings() gives as a Bloom filter (speechlint._segcore.Bloom), for a
    sieve that may pass a little too much and never too little, kept under name (see
    _cached_native); None where the C module is not built or a string holds a line break."""
    _segcore = native_module()
    if _segcore is None:
        return None

    def build():
        keys = strings()
        if any("\n" in key for key in keys):
            return None
        return _segcore.Bloom("".join(key + "\n" for key in keys))

    return _cached_native(name and f"{name}-b{_segcore.BLOOM_FORMAT}", source, build, _segcore.load_bloom, older)


def _native_table(lexicon: Lexicon):
    """lexicon's words in a C table (see Lexicon.native and cached_table), or None."""
    reader = lexicon.reader()
    trie = reader.trie
    if trie is None:
        return None

    def words() -> List[str]:  # (in the order of their ids)
        keys = [""] * len(trie)
        for key, i in trie.items():
            keys[i] = key
        return keys

    # (the main dictionary's is kept; the copies of other versions are removed, as the trie's are)
    name = None if lexicon._cache_tag is None else f"segtable-{lexicon._cache_tag}"
    return cached_table(name, lexicon.source, words, reader.logps, lexicon.max_len,
                        math.log(1) - math.log(lexicon.total),  # (what single() gives a character that is no word)
                        older="segtable-*.marshal")


def load_lexicon() -> Lexicon:
    try:
        import marisa_trie
    except ImportError:
        raise DataError(_("{package} is not installed (pip install {requirement})").format(
            package="marisa_trie", requirement="marisa-trie")) from None
    source = jieba_dict_path()
    try:  # (the order of the words' ids is marisa-trie's: the C tables are kept by that version's name)
        cache_tag = _fingerprint(Path(marisa_trie.__file__))
    except (OSError, TypeError):
        cache_tag = None

    def build():
        freq = Freq.of(_parse(source)[0])
        total = sum(freq.counts)
        return freq.trie.tobytes(), freq.counts.tobytes(), Words.of(freq, total).logps.tobytes(), total

    def read(value):
        trie, counts, logps, total = value
        freq = Freq(marisa_trie.Trie().frombytes(trie), array.array("q", counts))
        if len(freq.counts) != len(freq.trie) or len(logps) != 8 * len(freq.trie):
            raise ValueError("the arrays do not match the trie")
        lexicon = Lexicon(freq, total, 8, source, _cache_tag=cache_tag)
        lexicon._words.append(Words.of(freq, total, array.array("d", logps)))
        return lexicon

    # (the earlier copies of the dictionary, a dict and its stems, or a trie of another
    # marisa-trie, are removed when this one is written)
    return _cached_trie("words", source, build, read, older=("freq-*.marshal", "stems-*.marshal", "words-*.marshal"))


def _cached_trie(name: str, source: Path, build, read, older: Tuple[str, ...] = ()):
    """read(value) of what build() gives, a marisa trie's data, kept in the cache folder behind
    its hash (see _cached: a native library reads it) under a name that holds marisa-trie's
    compiled module's fingerprint, whose format the data is in; a copy that read() refuses
    (another marisa-trie's) is made again and written over (see _kept)."""
    import marisa_trie

    try:
        name = f"{name}-{_fingerprint(Path(marisa_trie.__file__))}"
    except (OSError, TypeError):
        pass
    return _kept(name, source, build, read, checked=True, older=older)


def _kept(name: str, source: Path, build, read, checked: bool = False, older: Tuple[str, ...] = ()):
    """read(value) of what build() gives, kept in the cache folder under name (see _cached); a
    kept copy that read() refuses (RuntimeError, ValueError, TypeError: damaged, or another
    version's) is made again and written over."""
    try:
        return read(_cached(name, source, build, checked=checked, older=older))
    except (RuntimeError, ValueError, TypeError):
        value = build()
        path = cache_dir() / f"{name}-{_fingerprint(source)}.marshal"
        if checked:
            cachefile.write_checked(path, value, f"{name}-*.marshal")
        else:
            cachefile.write(path, marshal.dumps(value), f"{name}-*.marshal")
        return read(value)
