"""Pattern helpers shared by the check kinds, and the bound on the work of patterns that come
from rule data.

A rule's regular expressions may come from a repository under review, so every pattern compiled
from rule data is `Bounded`: each search on a line may take at most LIMIT seconds (the `regex`
module's timeout), and one that takes longer raises TimeoutError, which the engine reports as
that rule being too slow (its findings on that file are missing; the run goes on). The time lost
to such searches is bounded too (see limit): a hundred slow rules were a hundred seconds a file."""
from __future__ import annotations

import bisect
import contextlib
import contextvars
import copyreg
import functools
import hashlib
import marshal
import math
import sys
import time
import unicodedata
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Sequence, Set, Tuple, Union

import regex

from speechlint import cachefile
from speechlint.i18n import _

LIMIT = 1.0  # seconds one pattern from rule data may take on one line
LOST = 5.0  # seconds that searches of a repository's own rules which ran out of time may cost one run
FLOOR = 0.02  # seconds one such search may take once a run has lost that much (see limit)
KEPT_PATTERNS = 4000  # compiled patterns kept between runs; beyond, only those of the last run
KEPT_LENGTH = 20000  # a longer pattern (from a user's rule) is compiled anew each time


class CompiledPatterns:
    """The compiled forms of the rules' patterns, kept between runs in one file of the cache
    folder. The regex module parses a pattern in Python each time it compiles one: the rules'
    few hundred patterns took a third of a run on one speech. What it compiles it can give back
    for pickling (the copyreg function it registers), and rebuild from that without parsing;
    that data is plain (strings, numbers, lists) and is stored with marshal, which runs no code
    on reading. The file is named by the versions of regex and Python and carries a SHA-256 of
    its contents: a file damaged on disk is not read (regex would rebuild a damaged pattern
    without checking it). Like the result cache (speechlint.batch), it trusts the cache folder:
    that folder must not be one that the files under review can write. A pattern whose stored
    form does not rebuild into the same pattern is compiled again."""

    def __init__(self, path: Optional[Path], stored: Optional[Dict[Tuple[str, int], tuple]] = None):
        self.path = path
        self._stored = stored  # read on the first compile (speechlint rules compiles nothing)
        self.added = 0
        self.used: set = set()  # the patterns of this run: kept when the file is full

    @classmethod
    def load(cls, folder: Path) -> "CompiledPatterns":
        version = getattr(regex, "__version__", "0")
        return cls(folder / f"patterns-{version}-{sys.version_info[0]}.{sys.version_info[1]}.marshal")

    @property
    def stored(self) -> Dict[Tuple[str, int], tuple]:
        if self._stored is None:
            stored = None if self.path is None else cachefile.read_checked(self.path)
            self._stored = stored if isinstance(stored, dict) else {}
        return self._stored

    def compile(self, source: str, flags: int) -> "regex.Pattern":
        key = (source, int(flags))
        self.used.add(key)
        data = self.stored.get(key)
        if data is not None:
            try:
                compiled = _rebuild()(*data)
                if compiled.pattern == source:
                    return compiled
            except Exception:  # a stored form this regex cannot rebuild: compiled anew below
                pass
        compiled = regex.compile(source, flags)
        if len(source) <= KEPT_LENGTH:
            try:
                _, data = copyreg.dispatch_table[regex.Pattern](compiled)
                marshal.dumps(data)
            except Exception:  # not plain data: this pattern is not kept
                return compiled
            self.stored[key] = data
            self.added += 1
        return compiled

    def save(self) -> None:
        """Write the file again if patterns were added (atomically; an unwritable cache only
        costs time)."""
        if not self.added or self.path is None:
            return
        if len(self.stored) > KEPT_PATTERNS:  # full: this run's patterns are kept, the others go
            self._stored = {key: data for key, data in self.stored.items() if key in self.used}
        py = self.path.name.rsplit("-", 1)[1]  # the other versions of regex, for this Python
        cachefile.write_checked(self.path, self.stored, f"patterns-*-{py}")
        self.added = 0


def _rebuild():
    """The function that the regex module registers to rebuild a pattern from what it gives to
    pickle (copyreg: the same for every pattern)."""
    return copyreg.dispatch_table[regex.Pattern](_EMPTY)[0]


_EMPTY = regex.compile("")
_KEPT: "contextvars.ContextVar[Optional[CompiledPatterns]]" = contextvars.ContextVar("speechlint_patterns", default=None)


@contextlib.contextmanager
def kept_between_runs(folder: Path) -> Iterator[CompiledPatterns]:
    """Within it, compile() takes the patterns it compiled in earlier runs from the cache folder
    (see CompiledPatterns), and keeps the new ones there when it ends."""
    kept = CompiledPatterns.load(folder)
    token = _KEPT.set(kept)
    try:
        yield kept
    finally:
        _KEPT.reset(token)
        kept.save()


def compiled(source: str, flags: int = 0) -> "regex.Pattern":
    """regex.compile(source, flags), taken from the patterns kept between runs where they are
    (see kept_between_runs): for the kinds' own patterns, compiled as their modules load. A
    pattern whose repeats would make a program too large to compile (see oversized) is a
    regex.error."""
    if oversized(source):
        raise regex.error(_("pattern {pattern}: its repeats are too large (more than {n:,} characters' worth "
                            "of program)").format(pattern=repr(source if len(source) <= 60 else source[:60] + "…"),
                                                  n=MAX_PROGRAM), source)
    kept = _KEPT.get()
    return regex.compile(source, flags) if kept is None else kept.compile(source, flags)


MAX_PROGRAM = 200_000  # what a pattern's repeats may make of it (see oversized)
_BOUNDS = regex.compile(r"\{([0-9]*),?([0-9]*)\}")


def oversized(source: str) -> bool:
    """Would the regex module's program for source be larger than MAX_PROGRAM: its repeats' least
    counts multiplied through their nesting (x{1000} is a thousand x, (?:x{1000,}){1000} a million;
    x{0,1000} is one x in a loop)? The module unrolls the least count of a repeat as it compiles,
    in memory and time: x{50000000} took gigabytes before a search could time out, in a rule of a
    repository under review. Read from the pattern's text alone, whatever its syntax (re's parser
    refuses the regex module's own: \\m, (?|…), and a count hidden behind them was not read)."""
    bounds = [int(low or 0) for low, _high in _BOUNDS.findall(source)]
    if math.prod(max(1, min(b, MAX_PROGRAM + 1)) for b in bounds) <= MAX_PROGRAM:
        return False  # (nearly every pattern: no reading)
    return _unrolled(source) > MAX_PROGRAM


_COUNT = regex.compile(r"\{([0-9]*)(?:,([0-9]*))?\}")


def _unrolled(source: str) -> int:
    """What source's repeats make of it (see oversized), read from its text: a group is what stands
    between ( and ) (its ?: and flags counted as characters, and its branches added: more, never
    less), an atom a character, an escape (\\p{…} whole) or a class; a count {n}, {n,}, {n,m}
    multiplies the atom or group before it by n."""
    stack = [0]  # the size of each group open, the pattern's own first
    last, i, n = 0, 0, len(source)
    cap = MAX_PROGRAM + 1
    while i < n:
        ch = source[i]
        if ch == "\\":
            j = i + 2
            if j < n and source[i + 1] in "pPNxuUg" and source[j] in "{<":
                close = source.find("}" if source[j] == "{" else ">", j)
                j = n if close < 0 else close + 1
            i, last = j, 1
            stack[-1] += 1
        elif ch == "[":  # a class, nested ones within (V1: [[a-z]--[aeiou]])
            j, depth = i + 1, 1
            if j < n and source[j] == "^":
                j += 1
            if j < n and source[j] == "]":
                j += 1
            while j < n and depth:
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    depth += 1
                elif source[j] == "]":
                    depth -= 1
                j += 1
            i, last = j, 1
            stack[-1] += 1
        elif ch == "(":
            stack.append(0)
            i += 1
        elif ch == ")":
            last = max(1, stack.pop()) if len(stack) > 1 else 1
            stack[-1] = min(cap, stack[-1] + last)
            i += 1
        elif ch == "{" and (m := _COUNT.match(source, i)) is not None and (m.group(1) or m.group(2)):
            times = max(1, min(int(m.group(1) or 0), cap))
            stack[-1] = min(cap, stack[-1] + last * (times - 1))  # (the atom is counted once already)
            last = min(cap, last * times)
            i = m.end()
        else:
            stack[-1] += 1
            last = 1
            i += 1
    return min(cap, sum(stack))


_LOST: "contextvars.ContextVar[Optional[Lost]]" = contextvars.ContextVar("speechlint_lost", default=None)


class Lost:
    """The time a run's searches lost by running out of it, and the rules that did (the engine
    counts them): a repository's rules are many, and each may run out of time on each file.
    `guarded`: whether the rule being run is one of a repository's own (not built in)."""

    __slots__ = ("seconds", "rules", "guarded")

    def __init__(self):
        self.seconds = 0.0
        self.rules: set = set()
        self.guarded = False

    def spent(self) -> bool:
        """Has the run lost LOST seconds? Then a repository's rule may search for FLOOR, and one
        that ran out of time before is not run again."""
        return self.seconds >= LOST


def limit() -> float:
    """The seconds a search may take now: LIMIT; FLOOR for a repository's own rule once the run has
    lost LOST seconds to its rules' searches that ran out of time (see losing). The built-in rules
    keep LIMIT: a long line of real text may need more than FLOOR, and they are not under review."""
    lost = _LOST.get()
    return FLOOR if lost is not None and lost.guarded and lost.spent() else LIMIT


@contextlib.contextmanager
def losing(lost: Lost) -> Iterator[Lost]:
    """Within it, limit() reads what the run has lost so far."""
    token = _LOST.set(lost)
    try:
        yield lost
    finally:
        _LOST.reset(token)


class Bounded:
    """A compiled pattern whose searches stop after LIMIT seconds; search() and finditer() of a
    whole text (no positions given) that lacks the characters its every match holds (needs, see
    required_chars) do not search it at all: such a text finds nothing, and takes no time, however
    slow the pattern would be there."""

    __slots__ = ("compiled", "needs")

    def __init__(self, compiled: "regex.Pattern", needs: Optional[Needs] = None):
        self.compiled = compiled
        self.needs = needs

    def finditer(self, string, *args, **kw):
        if self.needs is not None and not args and not kw and lacks(self.needs, string):
            return iter(())
        return self.compiled.finditer(string, *args, timeout=limit(), **kw)

    def search(self, string, *args, **kw):
        if self.needs is not None and not args and not kw and lacks(self.needs, string):
            return None
        return self.compiled.search(string, *args, timeout=limit(), **kw)

    def match(self, string, *args, **kw):
        return self.compiled.match(string, *args, timeout=limit(), **kw)

    def fullmatch(self, string, *args, **kw):
        return self.compiled.fullmatch(string, *args, timeout=limit(), **kw)

    def findall(self, string, *args, **kw):
        return self.compiled.findall(string, *args, timeout=limit(), **kw)

    def sub(self, repl, string, *args, **kw):
        return self.compiled.sub(repl, string, *args, timeout=limit(), **kw)

    def __getattr__(self, name):  # pattern, groups, groupindex, flags
        return getattr(self.compiled, name)

    # equal when their source and flags are: a pattern rebuilt from the cache folder (see
    # CompiledPatterns) is no regex.Pattern equal to another of the same source, and two rules of
    # one kind compiled from the same data must compare equal (SL501 and SL502 share their
    # verdicts when their options do)
    def __eq__(self, other):
        return (type(other) is type(self) and self.compiled.pattern == other.compiled.pattern
                and self.compiled.flags == other.compiled.flags)

    def __hash__(self):
        return hash((self.compiled.pattern, self.compiled.flags))

    def __repr__(self):
        return f"Bounded({self.compiled.pattern!r})"


def compile(source: str, flags: int = regex.V1) -> Bounded:  # noqa: A001 - the module's verb
    """A pattern from rule data, bounded in time, with the characters its matches need (read
    once, then kept between runs with the compiled pattern). Raises regex.error."""
    pattern = compiled(source, flags)
    return Bounded(pattern, required_chars(source, bool(pattern.flags & regex.IGNORECASE)))


# --- the characters a pattern's every match holds one of -------------------------------------
# A search that cannot match is skipped when the text lacks every character that its pattern's
# matches must hold one of (required_chars): 站 for 本站, one of 以下/下面 for (?:以下|下面)…范文.
# The promo rules ask some 130 patterns of every line, and almost none of them can match there.
# The set is read off the pattern's syntax, conservatively: whatever the analysis cannot be sure
# of (a class of categories, \p{Han}, a part that may be absent, a lookaround) gives no character,
# and a pattern for which no part gives one is always searched.
_CLASS_RANGE = 64  # a range in a class of at most this many characters counts as its characters
_KEY_SETS = 2  # the sets asked of a text, the smallest first (each asked costs as much as it saves)
_STRINGS = 48  # the most strings of an alternation asked of a text (see _strings)


Needs = Tuple[Union[FrozenSet[str], Tuple[str, ...]], ...]


def required_chars(source: str, ignore_case: bool = False) -> Optional[Needs]:
    """Sets of characters such that every match of the pattern `source` holds one character of
    each (本站: 本 and 站), and a tuple of strings it holds one of (see _strings), or None when the
    pattern's syntax does not tell (see above). Kept
    between runs with the compiled patterns (see kept_between_runs): reading a few hundred
    patterns' syntax took a tenth of an empty file's run."""
    kept = _KEPT.get()
    if kept is None:
        return _required_chars(source, ignore_case)
    # (no compiled pattern's flags are negative; the analysis's own code names its entries, so that
    # a later version of it does not read an earlier one's sets)
    key = (f"{_ANALYSIS}\x00{source}", -2 if ignore_case else -1)
    kept.used.add(key)
    stored = kept.stored
    if key in stored:
        got = stored[key]
        if got is None or isinstance(got, tuple) and all(
                isinstance(k, frozenset) or isinstance(k, tuple) and all(isinstance(x, str) for x in k) for k in got):
            return got
    got = _required_chars(source, ignore_case)
    stored[key] = got
    kept.added += 1
    return got


@functools.lru_cache(maxsize=4096)
def _required_chars(source: str, ignore_case: bool = False) -> Optional[Needs]:
    try:
        import re._parser as sre
        from re import _constants as C
    except ImportError:  # pragma: no cover - Pythons before 3.11
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as sre  # type: ignore[no-redef]
    if _unsure(source):
        return None
    # the regex module's own syntax, in forms re parses: a property (\p{Han}) as a category (\w),
    # which gives no character, in a class or out of one; \K as nothing
    text = regex.sub(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}", r"\1\\w", source)
    text = regex.sub(r"(?<!\\)((?:\\\\)*)\\[pP][A-Za-z]", r"\1\\w", text)
    text = regex.sub(r"(?<!\\)((?:\\\\)*)\\K", r"\1", text)
    try:
        tree = sre.parse(text)
    except Exception:  # noqa: BLE001 - a construct re does not know: no set
        return None

    def of_sequence(items) -> Optional[FrozenSet[str]]:
        best = None
        for op, av in items:
            got = of_item(op, av)
            if got is not None and (best is None or len(got) < len(best)):
                best = got
        return best

    def of_item(op, av) -> Optional[FrozenSet[str]]:
        if op is C.LITERAL:
            return frozenset(chr(av))
        if op is C.IN:
            chars = set()
            for o, v in av:
                if o is C.LITERAL:
                    chars.add(chr(v))
                elif o is C.RANGE and v[1] - v[0] < _CLASS_RANGE:
                    chars.update(map(chr, range(v[0], v[1] + 1)))
                else:
                    return None  # a negated class, a category, a wide range
            return frozenset(chars) or None
        if op is C.BRANCH:
            chars = set()
            for branch in av[1]:
                got = of_sequence(branch)
                if got is None:
                    return None
                chars |= got
            return frozenset(chars)
        if op is C.SUBPATTERN:
            return of_sequence(av[-1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or getattr(C, "POSSESSIVE_REPEAT", None) is op:
            low, _, inner = av
            return of_sequence(inner) if low >= 1 else None
        if getattr(C, "ATOMIC_GROUP", None) is op:
            return of_sequence(av)
        return None  # any character, a category, an anchor, a lookaround, a back-reference

    found = [got for got in (of_item(op, av) for op, av in tree) if got is not None]
    caseless = ignore_case or tree.state.flags & C.SRE_FLAG_IGNORECASE
    if caseless:
        # a letter matches others than its cases when case is ignored (ß and ss, ſ and s, the Kelvin
        # sign and k, ﬁ and fi): a set that holds a letter requires nothing
        found = [got for got in found if all(map(_caseless, got))]
    keys: list = list(sorted(set(found), key=len)[:_KEY_SETS])
    strings = _strings(tree, C, bool(caseless))
    if strings is not None:
        keys.append(strings)
    return tuple(keys) or None


def _strings(tree, C, caseless: bool) -> Optional[Tuple[str, ...]]:
    """Strings (at most _STRINGS of them) such that every match of the parsed pattern holds one of
    them: 本站 for 不代表本站|本站, one of 以下/下面 for (?:以下|下面)…范文. A text of many characters
    holds most single characters; it seldom holds a pair of them. A run of literal characters in a
    row is such a string (the longest of a sequence); so is, for an alternation, the strings of
    each of its branches (a branch of one character gives that one: ©); under ignored case, no
    string holds a letter."""
    def runs(items) -> Optional[Tuple[str, ...]]:
        best: Optional[Tuple[str, ...]] = None
        run = ""

        def better(got) -> None:
            nonlocal best
            if got is not None and (best is None or (min(map(len, got)), -len(got)) > (min(map(len, best)), -len(best))):
                best = got

        for op, av in list(items) + [(None, None)]:
            if op is C.LITERAL and not (caseless and not _caseless(chr(av))):
                run += chr(av)
                continue
            if run:
                better((run,))  # (a single character only where nothing longer is required)
            run = ""
            if op is not None:
                better(of(op, av))
        return best

    def of(op, av) -> Optional[Tuple[str, ...]]:
        if op is C.BRANCH:
            options: List[str] = []
            for branch in av[1]:
                got = runs(branch)
                if got is None:
                    return None
                options.extend(got)
            options = sorted(set(options))
            return tuple(options) if len(options) <= _STRINGS else None
        if op is C.SUBPATTERN:
            return runs(av[-1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) or getattr(C, "POSSESSIVE_REPEAT", None) is op:
            return runs(av[2]) if av[0] >= 1 else None
        if getattr(C, "ATOMIC_GROUP", None) is op:
            return runs(av)
        return None

    return runs(tree)


def _caseless(ch: str) -> bool:
    """Does ch match only itself when case is ignored? Not a letter or a mark (a letter matches its
    cases and the characters whose full case folding holds it: ß and ss, ſ and s, the Kelvin
    sign and k, ŉ and ʼn, ΐ and ΐ), nor a character that has cases of its own (ⓐ and Ⓐ)."""
    category = unicodedata.category(ch)
    return (ch.lower() == ch.upper() == ch.casefold()
            and category[0] != "M" and (category[0] != "L" or category == "Lo")  # (本, 站: Lo, no cases)
            # (and none by the regex module's own tables, which may be of a later Unicode than
            # Python's: Ɤ, U+A7CB, has cases there and none here)
            and _CASED.match(ch) is None)


_CASED = regex.compile(r"[\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Casemapped}]")


def _unsure(source: str) -> bool:
    """Whether the pattern holds syntax that re parses otherwise than the regex module: a '[' inside
    a set (a POSIX class [:digit:], a nested set), a set operation (--, &&, ||, ~~), a fuzzy
    constraint ({e<=1}), a flag scoped to a group ((?i:…)) or set after the start ((?i) later on)."""
    if any(op in source for op in ("--", "&&", "||", "~~")) or regex.search(r"\{[^}]*[<>=]|\{\s*[eisd]\b", source):
        return True
    # a comment ((?#…), or # in verbose mode) may hold what the scan below takes for syntax, and
    # verbose mode ignores whitespace that re reads as characters (a full-width space)
    if "(?#" in source or regex.search(r"\(\?[a-zA-Z]*x", source):
        return True
    escaped = in_set = False
    set_start = -1
    for at, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_set:
            if ch == "[":
                return True
            # a ']' right after '[' or '[^' is the set's own character, not its end
            if ch == "]" and at > set_start + 1 and not (at == set_start + 2 and source[set_start + 1] == "^"):
                in_set = False
        elif ch == "[":
            in_set, set_start = True, at
        elif ch == "(" and source.startswith("?", at + 1):
            flags = regex.match(r"\?[a-zA-Z]*-?[a-zA-Z]+([:)])", source[at + 1:])
            if flags and (at > 0 or flags.group(1) == ":"):
                return True
    return False


# the analysis's code, which names the sets kept between runs (see required_chars)
_ANALYSIS = hashlib.sha256(marshal.dumps((_required_chars.__wrapped__.__code__, _strings.__code__,
                                          _caseless.__code__, _CASED.pattern, _unsure.__code__))).hexdigest()[:16]


def lacks(keys: Optional[Needs], text: str) -> bool:
    """Whether text cannot hold a match (see required_chars): it holds no character of one of the
    sets, or none of the strings. (Looked up in the text itself: a set of each line's characters
    took longer to make than the lookups, and 60 MiB kept for every line of the corpus. Loops, not
    any() over a generator: asked of every pattern on every line.)"""
    if keys is not None:
        for need in keys:
            for item in need:
                if item in text:
                    break
            else:
                return True
    return False


def char_class(chars: Iterable[str]) -> "regex.Pattern":
    """The pattern of any one of chars (a character class; kept between runs like the rules')."""
    return compiled("[" + "".join(regex.escape(ch) for ch in sorted(chars)) + "]")


# A few characters are found in a text by a character class's scan (common digits and Latin
# letters: 19 characters of the contact patterns, three times faster so), more by taking the
# text's characters among them (the 287 of the site's words: three times faster so).
_SCANNED_CHARS = 48


class NeedsIndex:
    """Which of several patterns a text may match, by their needs (see required_chars): the same
    patterns as lacks() leaves, in their order, found without asking each pattern in turn and
    without keeping the set of the text's characters (asked of every line by every rule). One
    pass over the text (a character class's scan, or where the characters are many the
    intersection of the text's with them, see _SCANNED_CHARS) for the characters of the
    patterns' sets and the first characters of their strings gives what the text holds of them; a pattern is asked further only when one of its
    first set's is among them, or when it has no set, and then its sets are answered from them
    and a need's strings are looked up in the text only where their first character is there
    (asking each character of a set, and each string, of the text was most of a promo rule's
    time on clean prose)."""

    __slots__ = ("keys", "filed", "finder", "always", "strings")

    def __init__(self, keys: Iterable[Optional[Needs]]):
        self.keys = tuple(keys)
        filed: Dict[str, list] = {}
        always = []
        chars: Set[str] = set()
        for k, needs in enumerate(self.keys):
            first = next((need for need in needs or () if type(need) is frozenset), None)
            if first is None:
                always.append(k)
            else:
                for ch in first:
                    filed.setdefault(ch, []).append(k)
            for need in needs or ():
                if type(need) is frozenset:
                    chars.update(need)
        self.filed = {ch: tuple(ks) for ch, ks in filed.items()}
        self.always = tuple(always)
        # per pattern: its sets (answered from the characters found) and its strings, each need
        # of strings by their first characters (a string is looked up in the text only when its
        # first character was found there)
        split = []
        for needs in self.keys:
            if needs is None:
                split.append(None)
                continue
            sets, strings = [], []
            for need in needs:
                if type(need) is frozenset:
                    sets.append(need)
                else:
                    by_first: Dict[str, list] = {}
                    for item in need:
                        by_first.setdefault(item[:1], []).append(item)
                        chars.add(item[:1])
                    strings.append({ch: tuple(items) for ch, items in by_first.items()})
            split.append((tuple(sets), tuple(strings)))
        self.strings = tuple(split)
        chars.discard("")
        if not chars:
            self.finder = None
        elif len(chars) >= _SCANNED_CHARS:
            self.finder = frozenset(chars).intersection
        else:
            findall = char_class(chars).findall
            self.finder = lambda text: set(findall(text))

    def __eq__(self, other) -> bool:  # (two rules' options are equal where their patterns are)
        return isinstance(other, NeedsIndex) and other.keys == self.keys

    def __hash__(self) -> int:
        return hash(self.keys)

    def meeting(self, text: str) -> List[int]:
        """The places of the patterns whose needs text meets, in order."""
        found = self.finder(text) if self.finder is not None else ()
        if found:
            places = set(self.always)
            filed = self.filed
            for ch in found:
                got = filed.get(ch)
                if got is not None:
                    places.update(got)
            order: Iterable[int] = sorted(places)
        else:
            order = self.always
        out = []
        split = self.strings
        for k in order:
            parts = split[k]
            if parts is not None:
                sets, strings = parts
                if not _meets(sets, strings, found, text):
                    continue
            out.append(k)
        return out


def _meets(sets, strings, found, text: str) -> bool:
    """Does text meet these needs (NeedsIndex): a character of each set among found, one of
    each need's strings in text (by their first characters, found)?"""
    for need in sets:
        if need.isdisjoint(found):
            return False
    for by_first in strings:
        if "" in by_first:
            continue  # (an empty string: every text holds it)
        for ch, items in by_first.items():
            if ch in found:
                for item in items:
                    if item in text:
                        break
                else:
                    continue
                break
        else:
            return False
    return True


_TEXTS_KEPT = 4  # the texts of lines whose lines per set lines_with() keeps


def gate(pattern) -> Optional[FrozenSet[str]]:
    """Strings (characters, or longer) of which every match of pattern (a Bounded or Alternatives)
    holds one, for a scan of a whole document (lines_with): its strings if it has some, else its
    first set of characters; None for a pattern that may match in any line."""
    if isinstance(pattern, Alternatives):
        parts = [gate(part) for part in pattern.parts]
        return None if None in parts else frozenset().union(*parts)
    if isinstance(pattern, Bounded):
        needs = pattern.needs or ()
        return next((frozenset(need) for need in needs if type(need) is tuple),
                    next((need for need in needs if type(need) is frozenset), None))
    return None


def lines_with(chars: Optional[FrozenSet[str]], lines: Sequence[str], memo: dict) -> Sequence[int]:
    """The numbers of the lines that hold one of chars (strings: characters, found by one scan of
    the document for them all, a character class, or longer, each found where it stands; all the
    lines for None), in order, rather than asking each line: a rule
    whose patterns need characters that a document holds in few lines, or none, reads only those
    (every rule asking every line took a tenth of a corpus's run). memo: the document's (the
    kinds' per-run memo: for the last few texts of lines read, the joined text and the lines found
    per set; a document's lines and the same lines as a kind rewrote them, its folded lines)."""
    if chars is None:
        return range(len(lines))
    state = memo.get(id(lines))
    if state is None or state["lines"] is not lines:
        while len(memo) >= _TEXTS_KEPT:
            del memo[next(iter(memo))]  # the oldest
        starts, at = [], 0
        for line in lines:
            starts.append(at)
            at += len(line) + 1
        state = memo[id(lines)] = {"lines": lines, "starts": starts, "text": "\n".join(lines)}
    got = state.get(chars)
    if got is None:
        text, starts = state["text"], state["starts"]
        single = frozenset(s for s in chars if len(s) == 1)
        found = set()
        if single:  # one scan for all the characters (a class), on from each line found
            search = char_class(single).search
            at, last = 0, len(starts) - 1
            while True:
                m = search(text, at)
                if m is None:
                    break
                no = bisect.bisect_right(starts, m.start()) - 1
                found.add(no)
                if no >= last:
                    break
                at = starts[no + 1]
        for string in chars - single:  # each longer string found where it stands
            at = text.find(string)
            while at >= 0:
                no = bisect.bisect_right(starts, at) - 1
                found.add(no)
                at = text.find(string, starts[no + 1]) if no + 1 < len(starts) else -1
        got = state[chars] = sorted(found)
    return got


def lines_for(patterns_: Iterable, lines: Sequence[str], memo: dict) -> Sequence[int]:
    """lines_with() for any of several patterns (None for one with no gate: every line)."""
    chars: set = set()
    for pattern in patterns_:
        got = gate(pattern)
        if got is None:
            return range(len(lines))
        chars |= got
    return lines_with(frozenset(chars), lines, memo)


class Alternatives(Bounded):
    """The alternation of several patterns from rule data, found part by part (see _matches):
    the regex module tries an alternation alternative by alternative at every position, while
    it scans for one pattern alone fast (SL302's six patterns on a line of a million
    characters: 0.02 s each alone, 0.7 s together; a line of thousands of blanks with one slot
    in it took SL305's alternation past LIMIT). The same matches as the alternation's, and one
    LIMIT for all the searches on a line. A part that reads the search's own state (\\K, \\G,
    (?r)) or a group by its number (\\1, which counts the groups of the whole alternation) is
    searched as the alternation, only in a text that one of the parts alone matches."""

    __slots__ = ("parts", "searches", "whole", "index")

    def __init__(self, compiled: "regex.Pattern", parts: Sequence[Bounded]):
        super().__init__(compiled)
        self.parts = tuple(parts)
        # (the parts' own search methods, called directly: asked of every line of every document,
        # the calls through Bounded and any() took as long as the searches themselves), and which
        # of them a line may match by their needs (read by compile())
        self.searches = tuple(part.compiled.search for part in self.parts)
        self.whole = any(WHOLE_ONLY.search(part.pattern) for part in self.parts)
        self.index = NeedsIndex(part.needs for part in self.parts)

    def _none(self, string) -> bool:
        searches = self.searches
        for k in self.index.meeting(string):
            if searches[k](string, timeout=limit()) is not None:
                return False
        return True

    def _matches(self, string, first: bool = False) -> List["regex.Match"]:
        """The alternation's matches (the first only, if first), found part by part: at each place
        the leftmost match of any part, the first part's where two start together, the search
        going on from its end, as the alternation's own search goes (its lookbehinds see the
        whole string all the same), all the searches within one LIMIT, and all of them made
        before any match is handed on (what the caller does with a match takes none of the
        time). (A match of no width, which the loader refuses in a rule's examples, is left to
        the alternation itself.)"""
        found: List["regex.Match"] = []
        deadline = time.monotonic() + limit()

        def left() -> float:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("regex timed out")
            return remaining

        ahead = {}
        searches = self.searches
        for k in self.index.meeting(string):
            m = searches[k](string, timeout=left())
            if m is not None:
                ahead[k] = m
        while ahead:
            k = min(ahead, key=lambda j: (ahead[j].start(), j))
            m = ahead[k]
            if m.end() == m.start():
                found += self.compiled.finditer(string, m.start(), timeout=left())
                return found[:1] if first else found
            found.append(m)
            if first:
                return found
            end = m.end()
            for j in [j for j, other in ahead.items() if other.start() < end]:
                nxt = self.searches[j](string, end, timeout=left())
                if nxt is None:
                    del ahead[j]
                else:
                    ahead[j] = nxt
        return found

    def finditer(self, string, *args, **kw):
        if args or kw or self.whole:
            return iter(()) if self._none(string) else super().finditer(string, *args, **kw)
        return iter(self._matches(string))

    def search(self, string, *args, **kw):
        if args or kw or self.whole:
            return None if self._none(string) else super().search(string, *args, **kw)
        found = self._matches(string, first=True)
        return found[0] if found else None


# what makes a part's matches depend on the search around it: \K and \G, (?r), a group named by
# its number (\1, \g<1>, a condition (?(1)…) or a call (?1): the whole alternation numbers its groups
# otherwise), a group by its name ((?P=name), (?&name), (?P>name)), the whole pattern called again ((?R))
WHOLE_ONLY = regex.compile(r"\\[KG1-9]|\\g<[0-9]|\(\?[a-zA-Z]*r|\(\?P[=>]|\(\?\(|\(\?(?:[0-9R&]|[+\-][0-9])")


def alternatives(tokens: Iterable[str], sources: Iterable[str], flags: int = regex.V1) -> Bounded:
    """The pattern matching any of the literal tokens or the patterns (see alternation()),
    searched as Alternatives when there are several."""
    tokens, sources = list(tokens), list(sources)
    if not sources:
        return literal(tokens, flags)
    whole = compile(alternation(tokens, sources), flags)
    parts = ([literal(tokens, flags)] if tokens else []) + [compile(source, flags) for source in sources]
    return Alternatives(whole.compiled, parts) if len(parts) > 1 else whole


def literal(tokens: Iterable[str], flags: int = regex.V1) -> Bounded:
    """The pattern matching any of the literal tokens (alternation()), whose needs hold the tokens
    themselves as the strings its every match holds one of, however many they are (where case
    counts): a document is scanned for them once (lines_with), and the lines that hold none are
    not searched (an idiom list's hundred-odd tokens searched in every line of a corpus took a
    second)."""
    tokens = longest_first(tokens)
    pattern = compile(alternation(tokens), flags)
    if tokens and all(tokens) and not pattern.flags & regex.IGNORECASE:
        pattern = Bounded(pattern.compiled, (pattern.needs or ()) + (tuple(tokens),))
    return pattern


def longest_first(tokens: Iterable[str]) -> List[str]:
    """The distinct tokens, longest first and those of one length in their own order (not a set's,
    which changes from run to run: an alternation built from them is kept between runs under its
    source, see CompiledPatterns)."""
    return sorted(set(tokens), key=lambda t: (-len(t), t))


def alternation(tokens: Iterable[str], patterns: Iterable[str] = ()) -> str:
    """One source matching any of the literal tokens (longest first) or the patterns."""
    parts = [regex.escape(t) for t in longest_first(tokens)]
    parts += [f"(?:{p})" for p in patterns]
    return "|".join(parts)


def any_of(patterns: Sequence[str], flags: int = regex.V1) -> Optional[Bounded]:
    """One pattern matching any of patterns (None for none): the kinds' `exceptions`, searched
    part by part as Alternatives (the alternation of SL606's twenty-odd exceptions took more than
    LIMIT on a line of 440,000 characters that each of them searches in a tenth of that)."""
    return alternatives([], patterns, flags) if patterns else None


def zero_width(patterns, texts) -> Optional[str]:
    """The first of patterns that matches with zero width in one of texts (a lone lookbehind
    reports nothing): the loader refuses such a rule. (An alternation is searched whole: asking
    each of its parts first, as Alternatives does, made this check a sixth of loading the rules.)"""
    for pattern in patterns:
        search = functools.partial(Bounded.finditer, pattern) if isinstance(pattern, Bounded) else pattern.finditer
        if any(m.end() == m.start() for text in texts for m in search(text)):
            return pattern.pattern
    return None


def covered(exc, line: str, start: int, end: int) -> bool:
    """Whether an exception pattern's match covers line[start:end]. The matches of a line are
    found once (exception_spans), however many findings the line has: asked anew for each, a
    line of 20,000 findings was searched 20,000 times. The matches do not overlap and come in
    order, so the one that starts last at or before start is the only one that can cover it
    (each earlier one ends where a later one starts, at the latest): found by bisection, not by
    a walk through all the line's matches for each finding (20,000 findings and 20,000 matches
    of an exception on one line took SL611 past its limit)."""
    if exc is None:
        return False
    starts, ends = exception_spans(exc, line)
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and end <= ends[k]


@functools.lru_cache(maxsize=16)
def exception_spans(exc, line: str) -> Tuple[Tuple[int, ...], Tuple[int, ...]]:
    """The starts and the ends of an exception pattern's matches in a line, in order (the last
    few lines remembered)."""
    spans = [m.span() for m in exc.finditer(line)]
    return tuple(a for a, _ in spans), tuple(b for _, b in spans)


def grouped(spans: Sequence[Tuple[int, int]], gap: int) -> list:
    """Spans (in order) as groups of those at most gap characters apart: one finding each (a
    line spaced out character by character, the readings wedged into a sentence)."""
    out: list = []
    for a, b in spans:
        if out and a - out[-1][-1][1] <= gap:
            out[-1].append((a, b))
        else:
            out.append([(a, b)])
    return out


def replaced_within(line: str, group: Sequence[Tuple[int, int]], replacement: str) -> str:
    """The text from a group's first span to its last, each span replaced by replacement and
    the text between them kept."""
    parts, at = [], group[0][0]
    for a, b in group:
        parts += [line[at:a], replacement]
        at = b
    return "".join(parts)
