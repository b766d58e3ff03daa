"""near-miss: a stretch that is one slip away from a known word or idiom of jieba's
dictionary, where the known form reads far better in context.

A slip is one character replaced by a homophone (same toneless reading, from pypinyin's
table), by a near-homophone (zh/z, ch/c, sh/s, l/n, en/eng, in/ing, an/ang), by a
look-alike (speechlint.shapes: 絮 for 紊; looked for only in a stretch that holds a character
the segmentation of the run leaves alone and that is no word of grammar, with LOOK_EXTRA more
gain, never between two numerals), or two neighbouring characters swapped. The stretch is reported only when it is not itself a word,
and when the best segmentation of its context (jieba's dictionary, maximum probability)
gains at least `min-gain` (natural log) from the correction: the known form must make the
text much likelier, not merely possible. That keeps parallel variants (扬长避短、扬长补短,
both words) and ordinary phrases quiet.
"""
from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.i18n import _, language
from speechlint.traditional import in_traditional
from speechlint.kinds.charslip import (LONGEST_RUN, RUN, UNSURE, Excuses, char_counts, contrasted, framed_swap,
                                       organisation, pun, rare_on_purpose, segmented, segments_memo)
from speechlint.lexicon import cached_bloom, fingerprint, native_module
from speechlint.patterns import any_of, covered
from speechlint.readings import table_path

OPTIONS = {"tags": "list of strings", "min-freq": "int", "variant-freq": "int", "variant-ratio": "number", "parallel-span": "int", "fluent-freq": "int", "min-length": "int", "max-length": "int",
           "slips": "list of strings", "min-gain": "number", "context": "int",
           "exceptions": "list of strings"}
FIELDS = ("match", "replacement", "detail")
SLIPS = ("homophone", "near-homophone", "look-alike", "swap")
HAN = patterns.compiled(r"\p{Han}+")
# numerals look alike (二/七, 十/一) and stand in set phrases of every value (一百七十, 第十七次): no look-alike
# slip is read into one
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
LOOK_EXTRA = 4.0  # the gain a look-alike slip needs beyond min-gain (an eye's slip is rarer than an ear's)
# a character left alone that jieba counts this often as a word of its own (的 和 要 是 在) is
# grammar, not a slip of the eye: look-alikes are not looked for there (a tenth of the lookups)
GRAMMAR_FREQ = 30000


@dataclass(frozen=True)
class Options:
    tags: Tuple[str, ...]
    min_freq: int
    variant_freq: int
    variant_ratio: float
    parallel_span: int
    fluent_freq: int
    lengths: Tuple[int, ...]
    slips: FrozenSet[str]
    min_gain: float
    context: int
    exceptions: "regex.Pattern | None"


def prepare(options) -> Options:
    slips = options.get("slips", list(SLIPS))
    for s in slips:
        if s not in SLIPS:
            raise ValueError(_("unknown slip {slip} (known: {known})").format(slip=repr(s), known=", ".join(SLIPS)))
    lo, hi = options.get("min-length", 4), options.get("max-length", 4)
    if not 2 <= lo <= hi <= 8:
        raise ValueError(_("lengths must satisfy 2 <= min-length <= max-length <= 8"))
    exc = options.get("exceptions", [])
    return Options(tuple(sorted(options.get("tags", ["i"]))), options.get("min-freq", 10 ** 9),
                   options.get("variant-freq", 0), float(options.get("variant-ratio", 10)),
                   options.get("parallel-span", 12),
                   options.get("fluent-freq", 1000),
                   tuple(range(lo, hi + 1)), frozenset(slips), float(options.get("min-gain", 8.0)),
                   options.get("context", 4),
                   any_of(exc))


# The names of companies (an organisation's or another name in jieba's tags, nt or nz, ending as a
# firm's does: 华源集团, 联想集团, 华为公司): a stretch one slip away from one whose trade name the text
# writes again (华远集团 … 华远房地产) is another firm's, not a slip for it (海而集团, written once, is
# one for 海尔集团). Not the names of public bodies, which are set phrases (人民法院, 中国科协); and not
# by a person's tag, which jieba gives idioms too (融会贯通, 墨守成规: nr).
FIRM_TAGS = ("nt", "nz")
FIRM_ENDS = ("集团", "公司")


def firm_names(lexicon, targets) -> List[str]:
    """The targets that are a company's name (see FIRM_TAGS), sorted."""
    tags = lexicon.tags()
    return sorted(w for w in targets if tags.get(w, "") in FIRM_TAGS and w.endswith(FIRM_ENDS))


def build_index(lexicon, opts: Options) -> Tuple[Dict[str, str], FrozenSet[str]]:
    """Known forms by their shape with one character masked (joined by "|", which loads
    faster from the cache than lists), and the set of known forms."""
    tags = lexicon.tags()
    targets = [w for w, f in lexicon.freq.items()
               if len(w) in opts.lengths and HAN.fullmatch(w)
               and (f >= opts.min_freq or tags.get(w) in opts.tags)]
    index: Dict[str, List[str]] = {}
    for w in targets:
        for p in range(len(w)):
            index.setdefault(w[:p] + "?" + w[p + 1:], []).append(w)
            if p + 1 < len(w) and w[p] == w[p + 1]:  # 兢兢 written 竞竞: one slip, typed twice
                index.setdefault(w[:p] + "??" + w[p + 2:], []).append(w)
    return {k: "|".join(v) for k, v in index.items()}, frozenset(targets)


def packed_index(lexicon, opts: Options, key: str):
    """build_index's index and known forms as the cache folder keeps them: the index as a trie
    (Lexicon.packed: it loads in a millisecond, and is asked only of the few stretches the sieve
    passes), the known forms as a set (asked of every swapped pair of a run, where a trie's lookup
    took ten times as long; named so that the cleaning of earlier versions' near-miss-* copies
    never removes it)."""
    built: list = []

    def once():
        if not built:
            built.append(build_index(lexicon, opts))
        return built[0]

    return lexicon.packed(key, lambda: once()[0]), lexicon.derived(f"targets-{key}", lambda: once()[1])


# Sound classes are written as characters of Unicode's last private-use plane, which no run of
# Han characters holds, chosen by a checksum of the reading: a stretch and a known form that
# differ only in homophones read the same (two readings that share a class only let a few more
# stretches through to proposals(), which tells them apart).
SOUND_BASE, SOUND_SPAN = 0xF0000, 0xFFFE


def sound_class(reading: str) -> str:
    return chr(SOUND_BASE + zlib.crc32(reading.encode("utf-8")) % SOUND_SPAN)


@dataclass(frozen=True)
class Sieve:
    """What a stretch must have to be one slip from a known form, to find the few such stretches
    of a run before proposals() looks at each (almost no stretch of text is one slip from an
    idiom). One per run (a rule's memo); `sounds` grows with the characters seen.

    - heard: the known forms with each character written as its sound class (its common
      reading): a homophone slip, or a doubled pair written as homophones (竞竞 for 兢兢), reads
      as its known form;
    - swapped: the pairs of neighbours in known forms, for swaps.
    (Both empty where native is given: C reads them from Bloom filters.)
    Near-homophones (no class of sounds: blurred readings overlap) are looked up in the index."""
    readings: object
    targets: FrozenSet[str]
    index: Dict[str, str]
    heard: FrozenSet[str]
    swapped: FrozenSet[str]
    sounds: Dict[int, str] = field(default_factory=dict)  # a character's code -> its sound class
    heard_chars: Set[str] = field(default_factory=set)  # the characters in sounds
    # (_segcore.places over heard, swapped, targets and the index's keys as Bloom filters; or None)
    native: Optional[Callable] = None

    def hear(self, text: str) -> str:
        """text with each character that has a common reading written as its sound class."""
        sounds = self.sounds
        for ch in set(text).difference(self.heard_chars):
            common = self.readings.common(ch)
            sounds[ord(ch)] = sound_class(common) if common else ch
            self.heard_chars.add(ch)
        return text.translate(sounds)

    def places(self, text: str, L: int, slips, lone: Sequence[int] = ()) -> List[int]:
        """The starts of the stretches of L characters of text for which proposals() can propose
        anything (and a few more), in order; look-alikes only at the positions `lone` (the
        characters that the segmentation of text leaves standing alone)."""
        last = len(text) - L + 1
        if last <= 0:
            return []
        heard = self.hear(text)
        if self.native is not None:  # (the same starts, found in C)
            return self.native(text, heard, L, "swap" in slips, "near-homophone" in slips, "look-alike" in slips, lone)
        known = self.heard
        found = {i for i in range(last) if heard[i:i + L] in known}
        if "swap" in slips:
            targets, n = self.targets, len(text)
            backwards = text[::-1]  # text[k + 1] + text[k] is backwards[n - 2 - k:n - k]
            for k in [k for k in range(n - 1) if backwards[n - 2 - k:n - k] in self.swapped]:
                for i in range(max(0, k + 2 - L), min(k, last - 1) + 1):
                    if text[i:k] + text[k + 1] + text[k] + text[k + 2:i + L] in targets:
                        found.add(i)
        if "near-homophone" in slips:
            index = self.index
            found.update(i for p in range(L) for i in range(last)
                         if text[i:i + p] + "?" + text[i + p + 1:i + L] in index)
        elif "look-alike" in slips and lone:
            # (no class of shapes: look-alikes are looked up in the index, only over the characters
            # that the segmentation leaves alone, as a slip of the eye leaves its character)
            index = self.index
            found.update(q - p for q in lone for p in range(L)
                         if 0 <= q - p < last and text[q - p:q] + "?" + text[q + 1:q - p + L] in index)
        return sorted(found)


def sieve(index, targets, readings, lexicon=None, key: str = "") -> Sieve:
    """The Sieve of a rule's index and known forms (see Sieve), its sets cached on disk with the
    index (under `key`) when a lexicon is given, and (where the dictionary has its C table, see
    Lexicon.native) in Bloom filters (cached too), which Sieve.places reads in C."""
    def build():
        hear = Sieve(readings, targets, index, frozenset(), frozenset()).hear
        return (frozenset(hear(t) for t in targets),
                frozenset(t[p:p + 2] for t in targets for p in range(len(t) - 1)))

    @functools.lru_cache(maxsize=None)
    def sets() -> Tuple[FrozenSet[str], FrozenSet[str]]:  # heard and swapped
        return build() if lexicon is None else lexicon.derived(f"sieve-{key}-{fingerprint(table_path())}", build)

    if lexicon is not None and lexicon.native() is not None:
        # (the sets are read only to make a Bloom filter that is not kept yet: Python's loop, which
        # reads them, is not run where C's is)
        tag = getattr(lexicon, "_cache_tag", None)
        name = None if tag is None else f"{key}-{tag}-{fingerprint(table_path())}"
        parts = {"heard": lambda: sets()[0], "swapped": lambda: sets()[1], "targets": lambda: targets,
                 "shapes": lambda: index}
        tables = tuple(cached_bloom(name and f"sieve{part}-{name}", lexicon.source, lambda words=words: list(words()),
                                   older=f"sieve{part}-{key}-*.marshal")
                       for part, words in parts.items())
        if None not in tables:
            return Sieve(readings, targets, index, frozenset(), frozenset(),
                         native=functools.partial(native_module().places, *tables))
    heard, swapped = sets()
    return Sieve(readings, targets, index, heard, swapped)


def _sounds_alike(readings, a: str, b: str) -> bool:
    """Homophones by a common reading: one character's usual reading is a reading of the other
    (a reading that both have only rarely, 失 yì beside 以, is no ground for a slip)."""
    return readings.relation(a, b) == "homophone" or readings.relation(b, a) == "homophone"


def proposals(w: str, index, targets, readings, slips,
              shapes=None) -> Iterator[Tuple[str, str, Tuple[int, int], float]]:
    """(correction, description, (first, last) changed position, extra gain needed) for each slip
    that leads from w to a known form (look-alikes from shapes, when given: LOOK_EXTRA more)."""
    for p in range(len(w)):
        if p + 1 < len(w) and w[p] == w[p + 1]:
            for cand in index.get(w[:p] + "??" + w[p + 2:], "").split("|"):
                if cand and cand[p] != w[p] and _sounds_alike(readings, w[p], cand[p]):
                    yield cand, _("{written} for its homophone {right}").format(written=w[p:p + 2], right=cand[p:p + 2]), (p, p + 1), 0.0
        for cand in index.get(w[:p] + "?" + w[p + 1:], "").split("|"):
            if not cand:
                continue
            a, b = w[p], cand[p]
            if "homophone" in slips and _sounds_alike(readings, a, b):
                yield cand, _("{written} for its homophone {right}").format(written=a, right=b), (p, p), 0.0
            elif "near-homophone" in slips and readings.near_homophones(a, b):
                yield cand, _("{written} for the near-homophone {right}").format(written=a, right=b), (p, p), 0.0
            elif "look-alike" in slips and shapes is not None and shapes.look_alike(a, b) and not (
                    a in NUMERALS and b in NUMERALS):
                yield cand, _("{written} for its look-alike {right}").format(written=a, right=b), (p, p), LOOK_EXTRA
    if "swap" in slips:
        for p in range(len(w) - 1):
            s = w[:p] + w[p + 1] + w[p] + w[p + 2:]
            if s != w and s in targets:
                yield s, _("{written} swapped").format(written=w[p:p + 2]), (p, p + 1), 0.0


def odd(spans, lo: int, i: int, first: int, last: int) -> bool:
    """Does the original segmentation treat the changed characters as odd: a lone character,
    or (for two) characters that no single word of the dictionary joins?"""
    a, b = i + first - lo, i + last - lo
    for s, e in spans:
        if s <= a < e:
            if first == last:
                return e - s == 1
            return e <= b  # a swapped pair that a word spans is a word, not a slip
    return False


def parallel(text: str, i: int, w: str, span: int) -> bool:
    """Is w one item of a parallel series (守土有责、守土知责、守土尽责): another stretch nearby
    differs from it in exactly one character?"""
    L = len(w)
    for j in range(max(0, i - span), min(len(text) - L, i + span) + 1):
        if abs(j - i) >= L:
            other = text[j:j + L]
            if sum(a != b for a, b in zip(w, other)) == 1:
                return True
    return False


def framed(line: str, i: int, w: str, p: int, span: int) -> bool:
    """Is w (at i in line) an item of a series framed by marks (人尽其才，地尽其利，物尽其用): a
    stretch of the same length between marks nearby differs from it at p, where the slip would
    be, and in at most one other place? Such a series varies two characters of a frame (?尽其?)."""
    L = len(w)
    marks = "，、；,;"
    for j in (i - L - 1, i + L + 1):  # the items just before and after, across one mark
        if j < 0 or j + L > len(line) or line[min(i, j) + L] not in marks:
            continue
        other = line[j:j + L]
        if HAN.fullmatch(other) and other[p] != w[p] and sum(a != b for a, b in zip(w, other)) <= 2:
            return True
    return False


def fluent(spans, text: str, lo: int, i: int, L: int, first: int, last: int, lexicon, floor: int) -> bool:
    """Does the original segmentation read the stretch as whole words of two or more
    characters, the changed ones inside common words (循序|前进)? Then it is ordinary text,
    not a slip (循序|渐近 is a slip: 渐近 is rare)."""
    a, b = i - lo, i + L - lo
    inside = [(s, e) for s, e in spans if s < b and e > a]
    if not all(a <= s and e <= b and e - s >= 2 for s, e in inside):
        return False
    changed = [(s, e) for s, e in inside if s <= a + last and e > a + first]
    return all(lexicon.freq.get(text[s + lo:e + lo], 0) >= floor for s, e in changed)


def words_as_written(w: str, lexicon, floor: int) -> bool:
    """Can w be cut into words of two characters or more, each at least floor frequent
    (分时|复用)? Then its order is the writer's, not a swap."""
    ok = [True] + [False] * len(w)
    for e in range(2, len(w) + 1):
        ok[e] = any(ok[s] and lexicon.freq.get(w[s:e], 0) >= floor for s in range(0, e - 1)
                    if w[s:e] != w)
    return ok[len(w)]


def scan(text: str, lexicon, index, targets, readings, opts: Options, counts=None, sift: Optional[Sieve] = None,
         shapes=None, segments: Optional[dict] = None, seen: Optional[dict] = None):
    """(start, end, stretch, correction, detail, gain) for each slip found in a run of Han text,
    the best correction of each stretch, stretches not overlapping. `sift` is sieve(index,
    targets, readings), built here if not given; `seen`: the proposals of each stretch (for the
    same index, targets, readings, shapes and slips), kept between runs when given."""
    sift = sieve(index, targets, readings) if sift is None else sift
    freq = lexicon.freq
    variant_freq = opts.variant_freq
    taken = -1
    lone: List[int] = []  # the characters where a look-alike may stand (see Sieve.places)
    if "look-alike" in opts.slips and shapes is not None:
        lone = [s for s, e in segmented(lexicon, text, segments) if e - s == 1 and freq.get(text[s], 0) < GRAMMAR_FREQ]
    if seen is None:
        seen = {}  # w -> its proposals: a line of one word repeated (落实落实…) has few distinct w
    for L in opts.lengths:
        # only the places where a stretch is one slip from a known form: the others hold no
        # proposal, and the loop below would pass them by
        for i in sift.places(text, L, opts.slips, lone):
            if i < taken:
                continue
            w = text[i:i + L]
            known = freq.get(w, 0)
            if known > variant_freq:
                continue
            best = None
            lo, hi = max(0, i - opts.context), min(len(text), i + L + opts.context)
            spans = None
            offered = seen.get(w)
            if offered is None:
                if len(seen) > 100_000:
                    seen.clear()
                offered = seen[w] = tuple(proposals(w, index, targets, readings, opts.slips, shapes))
            for cand, detail, (first, last), extra in offered:
                if known and lexicon.freq.get(cand, 0) < opts.variant_ratio * known:
                    continue  # a rare variant form is only a slip next to a far commoner form
                if first != last and cand[first] == w[last] and cand[last] == w[first] and (
                        framed_swap(text, i + first, lexicon) or words_as_written(w, lexicon, opts.min_freq)):
                    continue  # a swap whose written order is words too (分时|复用, 各行业|各领域)
                if first == last and counts is not None and rare_on_purpose(counts, w[first], cand[first]):
                    continue  # a rare character written on purpose (勠力同心)
                if parallel(text, i, w, opts.parallel_span):
                    break
                if spans is None:
                    spans = lexicon.segment(text[lo:hi], exclude=w)
                if ((first != last or not known and lexicon.freq.get(cand, 0) < opts.min_freq)
                        and not odd(spans, lo, i, first, last)):
                    continue  # a rare set phrase needs the text to be odd where it differs
                if not known and fluent(spans, text, lo, i, L, first, last, lexicon, opts.fluent_freq):
                    continue
                gain = (lexicon.score(text[lo:i] + cand + text[i + L:hi])
                        - lexicon.score(text[lo:hi], exclude=w)) - extra
                if best is None or gain > best[0]:
                    best = (gain, cand, detail)
            if best is not None:
                yield i, i + L, w, best[1], best[2], best[0]
                if best[0] >= opts.min_gain:
                    taken = i + L


def check(opts: Options, ctx) -> Iterator[Finding]:
    res = ctx.resources
    lexicon = excuses = firms = whole = None
    for no, line in enumerate(ctx.lines):
        if in_traditional(line):
            continue  # a line in traditional script (see charslip)
        for run in RUN.finditer(line):  # (the runs charslip searches: a lone stroke 丨 is a mark)
            if not min(opts.lengths) <= len(run.group()) <= LONGEST_RUN:
                continue  # (a run longer than LONGEST_RUN is no sentence: see charslip)
            if lexicon is None:  # loaded only for text long enough to hold a known form
                lexicon = res.lexicon()
                key = f"near-miss-{'.'.join(opts.tags)}-{opts.min_freq}-{min(opts.lengths)}-{max(opts.lengths)}"
                index, targets = res.memo(key, lambda: packed_index(lexicon, opts, key))
                readings = res.readings()
                counts = res.memo("char-counts", lambda: lexicon.derived("char-counts", lambda: char_counts(lexicon)))
                sift = res.memo(("near-miss-sieve", key), lambda: sieve(index, targets, readings, lexicon, key))
                shapes = res.shapes() if "look-alike" in opts.slips else None
                segments = segments_memo(res)
                # (their details are in the language in use: a process may lint in both)
                seen = res.memo(("near-miss-proposals", key, tuple(opts.slips), language()), dict)
            base = run.start()
            for a, b, w, cand, detail, gain in scan(run.group(), lexicon, index, targets, readings, opts, counts, sift,
                                                         shapes, segments, seen):
                if gain >= opts.min_gain and not covered(opts.exceptions, line, base + a, base + b):
                    if whole is None:
                        whole = "\n".join(ctx.lines)
                        firms = res.memo(("near-miss-firms", key), lambda: frozenset(lexicon.derived(
                            f"{key}-firms", lambda: firm_names(lexicon, targets))))
                    if cand in firms and whole.count(w[:-2]) > 1:
                        continue  # another firm's, which the text names again: 华远集团 (华远房地产) is no slip for 华源集团
                    if excuses is None:
                        excuses = Excuses(res, lexicon, whole, ctx.lines)
                    changed = [base + a + k for k, (x, y) in enumerate(zip(w, cand)) if x != y]
                    if (excuses.people(no, base + a, base + b) or pun(line, base + a, base + b, changed)
                            or contrasted(line, base + a, base + b, cand)) or (
                            len(changed) == 1 and framed(line, base + a, w, changed[0] - base - a, opts.parallel_span)):
                        continue
                    confidence = min(1.0, gain / (2 * opts.min_gain))
                    if organisation(line, base + a, base + b):
                        confidence = min(confidence, UNSURE)  # a company's own name may be anything
                    yield Finding(no, base + a, base + b, w, cand, detail, confidence=confidence)
