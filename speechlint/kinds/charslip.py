"""char-slip: a wrong character that still reads as Chinese (服务质凉 for 服务质量).

Where the best segmentation of a stretch of text (jieba's dictionary, maximum probability)
leaves a character standing alone, the detector tries the words of 2 to 4 characters that
would contain it, replacing it by a homophone or near-homophone (pypinyin's readings): if a
frequent word of the dictionary comes out and the segmentation of the context gains at least
the rule's threshold for that word length (natural log of probability), the character is
reported with the word as the suggested correction. Only lone characters are tried, so text
that segments into words is never touched; stretches with the rule's `skip-chars` (numerals,
的) are left alone, and so are characters of a parallel series (严以修身、严以用权) and a
stretch that the document repeats (a term of its own, such as
抗疫, that the dictionary does not know). The thresholds are set high: the detector is built
for precision.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterator, Optional, Tuple

import regex

from speechlint.diagnostics import Finding
from speechlint.kinds.existence import any_of, covered

OPTIONS = {"min-freq": "int", "min-gain": "list of numbers", "variant-freq": "int", "context": "int",
           "skip-chars": "string", "exceptions": "list of strings"}
FIELDS = ("match", "replacement", "detail")
HAN = regex.compile(r"\p{Han}+")
LENGTHS = (2, 3, 4)


@dataclass(frozen=True)
class Options:
    min_freq: int
    gains: Dict[int, float]
    variant_freq: int
    context: int
    skip: FrozenSet[str]
    exceptions: Optional["regex.Pattern"]


def prepare(options) -> Options:
    gains = options.get("min-gain", [11.0, 8.0, 8.0])
    if len(gains) != 3:
        raise ValueError("'min-gain' lists three thresholds: for words of 2, 3 and 4 characters")
    exc = options.get("exceptions", [])
    return Options(options.get("min-freq", 50), dict(zip(LENGTHS, map(float, gains))),
                   options.get("variant-freq", 10), options.get("context", 4),
                   frozenset(options.get("skip-chars", "")),
                   any_of(exc))


def build_index(lexicon, readings, min_freq: int) -> Dict[str, str]:
    """Frequent words of 2 to 4 Han characters by their shape with one character masked and
    the blurred reading of that character (体?|xi), so that a look-up finds only the words a
    homophone or near-homophone would make."""
    index: Dict[str, list] = {}
    for w, f in lexicon.freq.items():
        if f >= min_freq and len(w) in LENGTHS and HAN.fullmatch(w):
            for p in range(len(w)):
                for sound in readings.blurred(w[p]):
                    index.setdefault(f"{w[:p]}?{w[p + 1:]}|{sound}", []).append(w)
    return {k: "|".join(sorted(set(v))) for k, v in index.items()}


def _parallel(text: str, a: int, span: int = 15) -> bool:
    """Is the character at a part of a parallel series (严以修身、严以用权、严以律己): does a pair
    of characters that holds it stand again close by?"""
    lo, hi = max(0, a - span), a + span
    for pair_start in (a - 1, a):
        pair = text[pair_start:pair_start + 2]
        if len(pair) == 2 and pair_start >= 0:
            if text.find(pair, lo, pair_start) >= 0 or text.find(pair, pair_start + 1, hi + 2) >= 0:
                return True
    return False


def slips(text: str, lexicon, index, readings, opts: Options, line: str = "", base: int = 0
          ) -> Iterator[Tuple[int, int, str, str, str, float]]:
    """(start, end, stretch, correction, detail, gain) for each lone character of text that a
    homophone turns into a frequent word, the best correction per character."""
    n = len(text)
    freq = lexicon.freq
    for a, b in lexicon.segment(text):
        if b - a != 1 or text[a] in opts.skip or _parallel(line or text, base + a):
            continue
        best = None
        for L in LENGTHS:
            for i in range(max(0, a - L + 1), min(a, n - L) + 1):
                w = text[i:i + L]
                if freq.get(w, 0) > opts.variant_freq or any(ch in opts.skip for ch in w):
                    continue
                p = a - i
                shape = w[:p] + "?" + w[p + 1:]
                cands = {c for sound in readings.blurred(w[p]) for c in index.get(f"{shape}|{sound}", "").split("|") if c}
                if not cands:
                    continue
                lo, hi = max(0, i - opts.context), min(n, i + L + opts.context)
                before = lexicon.score(text[lo:hi], exclude=w)
                for cand in sorted(cands):
                    gain = lexicon.score(text[lo:i] + cand + text[i + L:hi]) - before
                    if gain >= opts.gains[L] and (best is None or gain > best[5]):
                        how = "homophone" if readings.homophones(w[p], cand[p]) else "near-homophone"
                        best = (i, i + L, w, cand, f"{w[p]} for its {how} {cand[p]}", gain)
        if best:
            yield best


def check(opts: Options, ctx) -> Iterator[Finding]:
    res = ctx.resources
    lexicon = None
    whole = None
    for no, line in enumerate(ctx.lines):
        for run in HAN.finditer(line):
            if len(run.group()) < 2:
                continue
            if lexicon is None:  # loaded only for text that has Chinese to check
                lexicon = res.lexicon()
                readings = res.readings()
                key = f"char-slip-{opts.min_freq}-{readings.fingerprint}"
                index = res.memo(key, lambda: lexicon.derived(
                    key, lambda: build_index(lexicon, readings, opts.min_freq)))
            base = run.start()
            for a, b, w, cand, detail, gain in slips(run.group(), lexicon, index, readings, opts, line, base):
                if whole is None:
                    whole = "\n".join(ctx.lines)
                if whole.count(w) > 1:
                    continue  # a stretch the document repeats is a term of its own (抗疫), not a slip
                if not covered(opts.exceptions, line, base + a, base + b):
                    yield Finding(no, base + a, base + b, w, cand, detail,
                                  confidence=min(1.0, gain / (2 * opts.gains[b - a])))
