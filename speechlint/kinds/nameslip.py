"""name-slip: a listed name written with a slip (才政部 for 财政部, 银呆监会 for 银保监会).

The rule lists names (`names`, usually from a file: `names-file`). A stretch of the text with
the length of a listed name and its last character (部, 委, 局 ...) that differs from the name
in one character, which sounds or looks like the name's (a homophone, near-homophone or
rare-reading homophone from pypinyin's readings, a look-alike from speechlint.shapes), or in
two neighbouring characters that both sound like the name's (罚站改革委 for 发展改革委), is
reported with the name as the correction, if the name makes the line likelier (jieba's word
frequencies, `context` characters each side) by e^`min-gain`, and if no common word (frequency
of at least `fluent-freq`) runs across the name's ends in the corrected text or across the
stretch's end in the text as written: 补交部分 is no slip for 外交部. A stretch that is itself a listed name, or
a word of jieba's dictionary, is left alone. The confidence grows with that gain.
"""
from __future__ import annotations

import math

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterator, Tuple

import regex

from speechlint import patterns

from speechlint.diagnostics import Finding
from speechlint.kinds.charslip import slip_detail
from speechlint.patterns import any_of, covered
from speechlint.i18n import _

OPTIONS = {"names": "list of strings", "min-length": "int", "relations": "list of strings",
           "min-gain": "number", "context": "int", "fluent-freq": "int", "exceptions": "list of strings"}
FIELDS = ("match", "replacement", "detail")
RELATIONS = ("homophone", "near-homophone", "rare-reading", "look-alike")
SOUNDS = frozenset(RELATIONS[:2])  # two changed characters must both sound alike by common readings
HAN = patterns.compiled(r"\p{Han}+")


@dataclass(frozen=True)
class Options:
    names: FrozenSet[str]
    by_end: Dict[str, Tuple[int, ...]]  # last character -> lengths of the names that end in it
    relations: FrozenSet[str]
    min_gain: float
    context: int
    fluent_freq: int
    exceptions: "regex.Pattern | None"


def prepare(options) -> Options:
    names = options.get("names", [])
    low = options.get("min-length", 3)
    bad = [n for n in names if not HAN.fullmatch(n)]
    if bad:
        raise ValueError(_("'names' must be Chinese characters only, not {name}").format(name=repr(bad[0])))
    if low < 2:
        raise ValueError(_("'min-length' is at least 2"))
    relations = options.get("relations", list(RELATIONS))
    for r in relations:
        if r not in RELATIONS:
            raise ValueError(_("unknown relation {relation} (known: {known})").format(relation=repr(r), known=", ".join(RELATIONS)))
    kept = frozenset(n for n in names if len(n) >= low)
    by_end: Dict[str, set] = {}
    for n in kept:
        by_end.setdefault(n[-1], set()).add(len(n))
    gain = options.get("min-gain", 6.0)
    if not math.isfinite(gain):
        raise ValueError(_("'min-gain' takes a finite number"))
    return Options(kept, {k: tuple(sorted(v)) for k, v in by_end.items()}, frozenset(relations),
                   float(gain), options.get("context", 4), options.get("fluent-freq", 1000),
                   any_of(options.get("exceptions", [])))


def _index(names) -> Dict[str, Tuple[str, ...]]:
    """Each name under its shapes with one character, or two neighbouring ones, masked."""
    out: Dict[str, set] = {}
    for n in names:
        for p in range(len(n) - 1):  # the last character is where a look-up starts: never masked
            out.setdefault(n[:p] + "?" + n[p + 1:], set()).add(n)
            if p + 2 < len(n):
                out.setdefault(n[:p] + "??" + n[p + 2:], set()).add(n)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _sieve(names) -> Dict[int, Tuple[FrozenSet[str], FrozenSet[str]]]:
    """By length: the names' last two characters, and their beginnings without the last two or
    three. A stretch one slip from a name (see _index: one character changed, before the last,
    or two neighbouring ones in a name of five or more) keeps the name's last two characters,
    or, when the slip touches the one before the last, its beginning up to the slip: a stretch
    with neither is no slip of any name, and its masks need not be made."""
    ends: Dict[int, set] = {}
    heads: Dict[int, set] = {}
    for n in names:
        ends.setdefault(len(n), set()).add(n[-2:])
        heads.setdefault(len(n), set()).update((n[:-2], n[:-3]) if len(n) >= 5 else (n[:-2],))
    return {L: (frozenset(ends[L]), frozenset(heads[L])) for L in ends}


def may_slip(sieve, w: str) -> bool:
    """May w be one slip from a listed name of its length (sieve: _sieve(names))?"""
    ends, heads = sieve[len(w)]
    return w[-2:] in ends or w[:-2] in heads or (len(w) >= 5 and w[:-3] in heads)


def _relation(readings, shapes, a: str, b: str) -> str:
    return readings.kin(a).get(b) or ("look-alike" if shapes.look_alike(a, b) else "")


def _crossed(lexicon, text: str, spans, places, fluent_freq: int) -> bool:
    """Does a common word (at least fluent_freq) of text's segmentation run across a place?"""
    return any(a < k < b and lexicon.freq.get(text[a:b], 0) >= fluent_freq for a, b in spans for k in places)


def name_slips(line: str, opts: Options, index, lexicon, readings, shapes, sieve=None
               ) -> Iterator[Tuple[int, int, str, str, str, float]]:
    """(start, end, stretch, name, detail, gain) for the stretches of line one slip away from a
    listed name, where the name makes the line's segmentation likelier by at least min-gain
    (sieve: _sieve(names), to pass by the stretches that cannot be one)."""
    for e, last in enumerate(line):
        for L in opts.by_end.get(last, ()):
            s = e + 1 - L
            if s < 0:
                continue
            w = line[s:e + 1]
            if sieve is not None and not may_slip(sieve, w):
                continue
            if w in opts.names or not HAN.fullmatch(w) or w in lexicon:
                continue
            best = None
            lo, hi = max(0, s - opts.context), min(len(line), e + 1 + opts.context)
            written = written_spans = None  # the context as written, segmented once a name is near
            for p in range(L - 1):
                for width in (1, 2):
                    if p + width >= L or (width == 2 and L < 5):
                        continue
                    for name in index.get(w[:p] + "?" * width + w[p + width:], ()):
                        hows = [_relation(readings, shapes, w[q], name[q]) for q in range(p, p + width)
                                if w[q] != name[q]]
                        if not hows or len(hows) != width or not all(h in opts.relations for h in hows):
                            continue
                        if width == 2 and not all(h in SOUNDS for h in hows):
                            continue
                        # the name must read better where it stands: 补交部分 is no slip for 外交部
                        if written is None:
                            written = line[lo:hi]
                            written_spans = lexicon.segment(written)
                        fixed = line[lo:s] + name + line[e + 1:hi]
                        fixed_spans = lexicon.segment(fixed)
                        start, end = s - lo, s - lo + L
                        if _crossed(lexicon, fixed, fixed_spans, (start, end), opts.fluent_freq) or _crossed(
                                lexicon, written, written_spans, (end,), opts.fluent_freq):
                            continue  # the name would not stand as words of its own there, or the
                            # stretch's last character begins a common word (补交|部分)
                        gain = (lexicon.score(fixed, spans=fixed_spans)
                                - lexicon.score(written, spans=written_spans))
                        if gain >= opts.min_gain and (best is None or gain > best[5]):
                            how = hows[0] if width == 1 else "homophones"
                            best = (s, e + 1, w, name, slip_detail(w[p:p + width], name[p:p + width], how), gain)
            if best:
                yield best


def check(opts: Options, ctx) -> Iterator[Finding]:
    if not opts.names:
        return
    res = ctx.resources
    index = res.memo(("name-slip", opts.names), lambda: _index(opts.names))
    sieve = res.memo(("name-slip-sieve", opts.names), lambda: _sieve(opts.names))
    lexicon = readings = shapes = None
    for no, line in enumerate(ctx.lines):
        if not any(ch in opts.by_end for ch in line):
            continue
        if lexicon is None:
            lexicon, readings, shapes = res.lexicon(), res.readings(), res.shapes()
        kept = []  # the longest name wins where two overlap (国家发展改革委 over 发展改革委)
        for a, b, w, name, detail, gain in sorted(name_slips(line, opts, index, lexicon, readings, shapes, sieve),
                                                  key=lambda f: (f[0] - f[1], f[0])):
            if any(a < e and s < b for s, e in kept) or covered(opts.exceptions, line, a, b):
                continue
            kept.append((a, b))
            yield Finding(no, a, b, w, name, detail, confidence=min(1.0, gain / (2 * opts.min_gain)))
