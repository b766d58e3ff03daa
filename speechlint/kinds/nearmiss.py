"""near-miss: a stretch that is one slip away from a known word or idiom of jieba's
dictionary, where the known form reads far better in context.

A slip is one character replaced by a homophone (same toneless reading, from pypinyin's
table), by a near-homophone (zh/z, ch/c, sh/s, l/n, en/eng, in/ing, an/ang), or two
neighbouring characters swapped. The stretch is reported only when it is not itself a word,
and when the best segmentation of its context (jieba's dictionary, maximum probability)
gains at least `min-gain` (natural log) from the correction: the known form must make the
text much likelier, not merely possible. That keeps parallel variants (扬长避短、扬长补短,
both words) and ordinary phrases quiet.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterator, List, Tuple

import regex

from speechlint.diagnostics import Finding
from speechlint.kinds.existence import covered

OPTIONS = {"tags": "list of strings", "min-freq": "int", "min-length": "int", "max-length": "int",
           "slips": "list of strings", "min-gain": "number", "context": "int",
           "exceptions": "list of strings"}
FIELDS = ("match", "replacement", "detail")
SLIPS = ("homophone", "near-homophone", "swap")
HAN = regex.compile(r"\p{Han}+")


@dataclass(frozen=True)
class Options:
    tags: Tuple[str, ...]
    min_freq: int
    lengths: Tuple[int, ...]
    slips: FrozenSet[str]
    min_gain: float
    context: int
    exceptions: "regex.Pattern | None"


def prepare(options) -> Options:
    slips = options.get("slips", list(SLIPS))
    for s in slips:
        if s not in SLIPS:
            raise ValueError(f"unknown slip {s!r} (known: {', '.join(SLIPS)})")
    lo, hi = options.get("min-length", 4), options.get("max-length", 4)
    if not 2 <= lo <= hi <= 8:
        raise ValueError("lengths must satisfy 2 <= min-length <= max-length <= 8")
    exc = options.get("exceptions", [])
    return Options(tuple(sorted(options.get("tags", ["i"]))), options.get("min-freq", 10 ** 9),
                   tuple(range(lo, hi + 1)), frozenset(slips), float(options.get("min-gain", 8.0)),
                   options.get("context", 4),
                   regex.compile("|".join(f"(?:{p})" for p in exc), regex.V1) if exc else None)


def build_index(lexicon, opts: Options) -> Tuple[Dict[str, List[str]], FrozenSet[str]]:
    """Known forms by their shape with one character masked, and the set of known forms."""
    tags = lexicon.tags()
    targets = [w for w, f in lexicon.freq.items()
               if len(w) in opts.lengths and HAN.fullmatch(w)
               and (f >= opts.min_freq or tags.get(w) in opts.tags)]
    index: Dict[str, List[str]] = {}
    for w in targets:
        for p in range(len(w)):
            index.setdefault(w[:p] + "?" + w[p + 1:], []).append(w)
    return index, frozenset(targets)


def proposals(w: str, index, targets, readings, slips) -> Iterator[Tuple[str, str]]:
    for p in range(len(w)):
        for cand in index.get(w[:p] + "?" + w[p + 1:], ()):
            a, b = w[p], cand[p]
            if "homophone" in slips and readings.homophones(a, b):
                yield cand, f"{a} for its homophone {b}"
            elif "near-homophone" in slips and readings.near_homophones(a, b):
                yield cand, f"{a} for the near-homophone {b}"
    if "swap" in slips:
        for p in range(len(w) - 1):
            s = w[:p] + w[p + 1] + w[p] + w[p + 2:]
            if s != w and s in targets:
                yield s, f"{w[p:p + 2]} swapped"


def check(opts: Options, ctx) -> Iterator[Finding]:
    res = ctx.resources
    lexicon = res.lexicon()
    key = ("near-miss", opts.tags, opts.min_freq, opts.lengths)
    index, targets = res.memo(key, lambda: build_index(lexicon, opts))
    readings = res.readings()
    for no, line in enumerate(ctx.lines):
        taken = -1
        for run in HAN.finditer(line):
            text, base = run.group(), run.start()
            for L in opts.lengths:
                for i in range(len(text) - L + 1):
                    if base + i < taken:
                        continue
                    w = text[i:i + L]
                    if w in lexicon:
                        continue
                    best = None
                    for cand, detail in proposals(w, index, targets, readings, opts.slips):
                        lo, hi = max(0, i - opts.context), min(len(text), i + L + opts.context)
                        before = lexicon.score(text[lo:hi])
                        after = lexicon.score(text[lo:i] + cand + text[i + L:hi])
                        gain = after - before
                        if gain >= opts.min_gain and (best is None or gain > best[0]):
                            best = (gain, cand, detail)
                    if best and not covered(opts.exceptions, line, base + i, base + i + L):
                        taken = base + i + L
                        yield Finding(no, base + i, base + i + L, w, best[1], best[2],
                                      confidence=min(1.0, best[0] / (2 * opts.min_gain)))
