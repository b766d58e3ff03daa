"""promo: text that is not part of the document, left by the site it was downloaded from.

Each line is scored from kinds of evidence, each kind a list of patterns in the rule and a
weight (option `weights`, defaults in WEIGHTS below):
- `site`: wording that only a site uses of itself (仅供学习 禁止外传, 本站, 小编为大家整理,
  上传人, 文档编号, 此处隐藏…字, 开通会员, 当前位置, 相关文章, a timestamp 2022-05-11 11:04);
- `ad`: advertising wording that prose uses too (免费, 下载, 会员, 扫码, 范文, 更多);
  each different phrase of these two kinds on a line counts;
- `contact`: telephone numbers, e-mail and web addresses, QQ numbers;
- `watermark`: what a site wedges into the body text (a site's name, a hidden-text notice), and
  the random strings of symbols and letters that forum software scatters to stop copying: these
  are reported as a span wherever they stand, and the rest of the line is judged without them;
- `edge`: the line stands in the first or last `edge-lines` lines, has other evidence and makes
  no statement (。；: an advert exclaims, but seldom states);
- `prose` (subtracted): the line is a sentence of prose (sentence punctuation and more than
  `prose-length` Chinese characters), which an advert seldom is.
A line whose score reaches `threshold` is promotional. Lines that are parts of a 公文 by their
form (speechlint.structure: 附件, 署名, 成文日期, the 附注 with its contact line, 抄送, 印发) are
the document's own: their contact details count for nothing, and they are never part of a block.

With `report = "block"` the rule reports the lines that carry no evidence but stand inside a
header or footer of promotional lines at the top or bottom of the document (a site's name or
slogan), line by line: short lines, not prose, not a part of a 公文, at most `max-gap` of them
between two promotional lines.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, Iterator, List, Optional, Tuple

import regex

from speechlint import layout, structure
from speechlint.traditional import fold
from speechlint.diagnostics import Finding
from speechlint import patterns
from speechlint.kinds import pairs
from speechlint.patterns import alternation, any_of, grouped, replaced_within, zero_width as _zero_width

OPTIONS = {"site": "list of strings", "ad": "list of strings", "contact": "list of strings",
           "watermark": "list of strings", "weights": "table of numbers", "threshold": "number",
           "report": "string", "max-line-length": "int", "prose-length": "int", "max-gap": "int",
           "edge-lines": "int", "max-block-line-length": "int", "exceptions": "list of strings"}
FIELDS = ("match",)
REPORTS = ("line", "block")
COUNTED = ("site", "ad")  # kinds whose every different phrase on a line counts
WEIGHTS = {"site": 3.0, "ad": 1.0, "contact": 1.0, "watermark": 3.0, "edge": 1.0, "prose": 2.0}
DEFAULTS = {"threshold": 3.0, "report": "line", "max-line-length": 80, "prose-length": 30, "max-gap": 3,
            "edge-lines": 4, "max-block-line-length": 30}
BLANK = " \t\u3000\u00a0"
SENTENCE = regex.compile(r"[。？！；]")
STATEMENT = regex.compile(r"[。；]")  # an advert exclaims (！) but seldom states
LONG = 10  # a line longer than this many times max-line-length is searched for wedged spans only
HAN = regex.compile(r"\p{Han}")
# the strings that forum software scatters through a page to stop copying (8 b, |& N* |5 k;):
# six or more tokens of at most three ASCII characters, separated by spaces, many of them
# symbols or a letter with a digit (no word, no number of a text)
JAMMER = regex.compile(r"(?<![!-~])(?:[!-~]{1,3}[ ]{1,2}){5,}[!-~]{1,3}(?![!-~])|(?<![!-~ ])(?:[!-~]{1,3}[ ]{1,2}){6,}")
SYMBOL = regex.compile(r"[!-/:-@\[-`{-~]")
MIXED = regex.compile(r"^(?:[A-Za-z][0-9]|[0-9][A-Za-z])$")
JAMMER_SHARE = 0.5  # tokens that are or hold a symbol, or mix a letter and a digit
JAMMER_SYMBOLS = 3  # distinct symbols in one string (or fewer, with two letter-digit tokens)


@dataclass(frozen=True)
class Options:
    evidence: Tuple[Tuple[str, "regex.Pattern"], ...]  # (kind, pattern) for site, ad, contact
    watermark: Optional["regex.Pattern"]
    weights: Dict[str, float]
    threshold: float
    exceptions: Optional["regex.Pattern"]
    report: str
    max_len: int
    prose_len: int
    max_gap: int
    edge: int
    max_block_len: int


def prepare(options) -> Options:
    get = lambda key: options.get(key, DEFAULTS.get(key))  # noqa: E731
    report = get("report")
    if report not in REPORTS:
        raise ValueError(f"'report' must be one of {', '.join(REPORTS)}")
    weights = dict(WEIGHTS)
    for key, value in options.get("weights", {}).items():
        if key not in WEIGHTS:
            raise ValueError(f"unknown weight {key!r} (known: {', '.join(WEIGHTS)})")
        weights[key] = float(value)
    evidence = []
    for kind in ("site", "ad", "contact"):
        if options.get(kind):
            evidence.append((kind, patterns.compile(alternation([], options[kind]), regex.V1 | regex.IGNORECASE)))
    if not evidence:
        raise ValueError("give at least one of 'site', 'ad', 'contact'")
    marks = options.get("watermark", [])
    watermark = patterns.compile(alternation([], marks), regex.V1 | regex.IGNORECASE) if marks else None
    for key in ("max-line-length", "prose-length", "max-gap", "edge-lines", "max-block-line-length"):
        if not 0 <= get(key) <= 10_000:
            raise ValueError(f"'{key}' must be from 0 to 10000")
    return Options(tuple(evidence), watermark, weights, float(get("threshold")), any_of(options.get("exceptions", [])),
                   report, get("max-line-length"), get("prose-length"), get("max-gap"), get("edge-lines"),
                   get("max-block-line-length"))


def zero_width(opts: Options, texts) -> Optional[str]:
    return _zero_width([p for _, p in opts.evidence] + ([opts.watermark] if opts.watermark else []), texts)


def jammers(line: str) -> List[Tuple[int, int]]:
    """Spans of anti-copying strings of symbols and letters."""
    out = []
    for m in JAMMER.finditer(line):
        tokens = m.group().split()
        odd = sum(bool(SYMBOL.search(t)) or bool(MIXED.match(t)) for t in tokens)
        symbols = len(set(SYMBOL.findall(m.group())))
        mixed = sum(bool(MIXED.match(t)) for t in tokens)
        if (symbols >= JAMMER_SYMBOLS or symbols and mixed >= 2) and odd >= JAMMER_SHARE * len(tokens):
            out.append((m.start(), m.end()))
    return out


def wedged(opts: Options, line: str) -> List[Tuple[int, int]]:
    """Spans that a site wedged into the line: watermarks and anti-copying strings."""
    spans = jammers(line)
    if opts.watermark is not None:
        lead = "lead" in opts.watermark.groupindex  # a lookbehind's group: part of the span
        spans += [(m.start("lead") if lead and m.start("lead") >= 0 else m.start(), m.end())
                  for m in opts.watermark.finditer(line) if m.end() > m.start()]
    spans.sort()
    merged: List[Tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


@dataclass(frozen=True)
class Verdict:
    score: float
    first: Optional[Tuple[int, int]]  # the first piece of evidence (start, end)
    spans: Tuple[Tuple[int, int], ...]  # wedged spans, reported on their own when the rest is text


def judge(opts: Options, line: str, at_edge: bool, in_prose: bool = False) -> Verdict:
    """The score of one line; in_prose: it is part of a paragraph of prose broken over lines."""
    text = line.strip(BLANK)
    if not text or (opts.exceptions is not None and opts.exceptions.search(text)):
        return Verdict(0.0, None, ())
    line = fold(line)  # 相關文章 is 相关文章
    spans = wedged(opts, line)
    # the line without what the site wedged into it, read as one text (相關(guān)文章 is 相关文章);
    # kept[i]: where the i-th character of rest stands in the line
    kept = [i for a, b in zip([0] + [b for _, b in spans], [a for a, _ in spans] + [len(line)]) for i in range(a, b)]
    rest = "".join(line[i] for i in kept) if spans else line
    if len(rest) > LONG * max(opts.max_len, 1):
        return Verdict(0.0, None, tuple(spans))  # a line this long is no advert; only its wedged spans count
    role = structure.role(rest)
    score, first = 0.0, None
    for kind, pattern in opts.evidence:
        if kind == "contact" and role:
            continue  # a 公文's own contact line
        found = {}
        for m in pattern.finditer(rest):
            if m.end() > m.start():
                found.setdefault(m.group().lower(), (kept[m.start()], kept[m.end() - 1] + 1) if spans else m.span())
        if not found:
            continue
        score += opts.weights[kind] * (len(found) if kind in COUNTED else 1)
        first = min([*found.values(), *([first] if first else [])], key=lambda span: (span[0], -span[1]))
    han = len(HAN.findall(rest))
    if spans and han < 2:  # nothing but what the site put there
        score += opts.weights["watermark"]
        first = min([spans[0], *([first] if first else [])], key=lambda span: (span[0], -span[1]))
        spans = []
    if score > 0 and at_edge and not STATEMENT.search(rest):
        score += opts.weights["edge"]
    if in_prose or han > opts.prose_len and SENTENCE.search(rest) or len(rest.strip(BLANK)) > opts.max_len:
        score -= opts.weights["prose"]
    return Verdict(score, first, tuple(spans))


def _edge_lines(lines, edge: int) -> set:
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    return set(nonblank[:edge]) | set(nonblank[-edge:] if edge else [])


def _block(order: List[int], hits: set, lines, opts: Options) -> List[int]:
    """The lines, in `order`, of a block of promotional lines that starts at the edge."""
    block: List[int] = []
    pending: List[int] = []
    seen = 0
    for no in order:
        seen += 1
        text = lines[no].strip(BLANK)
        if no in hits:
            block += pending + [no]
            pending = []
        elif not block and seen > opts.edge:
            return []
        elif len(text) > opts.max_block_len or SENTENCE.search(text) or structure.role(lines[no]):
            break  # the document's own text: the block ends here
        else:
            pending.append(no)
            if len(pending) > opts.max_gap:
                break
    return block


# wedged spans at most this many characters apart are one finding (發(fā)言稿的體會(huì): the readings
# a conversion tool wrote after characters), whose fix deletes each span and keeps the text between
GROUP_GAP = 40
# the pairs rules' own reading of brackets and quotation marks (SL201/SL202), for _carries_on
BRACKETS = pairs.prepare({"report": "unclosed"})


def _carries_on(lines, no: int, hits) -> bool:
    """Does line no open a bracket or a quotation that the next line, a sentence of the
    document's own, closes? Then the two are one text, and the line is no advert standing on its
    own (nor may a fix delete it). Two promotional lines may share one: (未完…|收藏《…》)."""
    nxt = next((k for k in range(no + 1, len(lines)) if lines[k].strip(BLANK)), None)
    if nxt is None or nxt in hits or SENTENCE.search(lines[nxt]) is None:
        return False
    if not pairs.problems(lines[no], BRACKETS)[1]:
        return False
    # read together, the two lines leave fewer marks unpaired than apart: the next closes it
    return _unpaired(lines[no] + lines[nxt]) < _unpaired(lines[no]) + _unpaired(lines[nxt])


def _unpaired(text: str) -> int:
    """Marks left open at the end of text, and closing marks that close nothing in it."""
    found, left_open = pairs.problems(text, BRACKETS)
    return len(left_open) + sum(p[0] == "unopened" for p in found)


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    edges = _edge_lines(lines, opts.edge)
    in_prose = set()
    for first, last in layout.paragraphs(lines):
        if last > first and SENTENCE.search("".join(lines[first:last + 1])):
            in_prose.update(range(first, last + 1))  # a paragraph of prose broken at a page's width
    # SL501 and SL502 judge each line alike: the verdicts of the last document are shared
    key = replace(opts, report="", max_gap=0, max_block_len=0)
    last = ctx.resources.memo("promo-verdicts", dict)
    if last.get("lines") is lines and last.get("key") == key:
        verdicts = last["verdicts"]
    else:
        verdicts = {no: judge(opts, line, no in edges, no in in_prose) for no, line in enumerate(lines) if line.strip(BLANK)}
        last.update(lines=lines, key=key, verdicts=verdicts)
    hits = {no for no, v in verdicts.items() if v.score >= opts.threshold}
    hits -= {no for no in hits if _carries_on(lines, no, hits)}
    if opts.report == "line":
        for no in sorted(verdicts):
            v = verdicts[no]
            if no in hits:
                a, b = v.first
                yield Finding(no, a, b, lines[no][a:b], whole_line=True)
            for group in () if no in hits else grouped(v.spans, GROUP_GAP):
                # the wedged text and the blanks that joined it to the line's own text
                a, b = group[0][0], group[-1][1]
                while a > 0 and lines[no][a - 1] in BLANK:
                    a -= 1
                while b < len(lines[no]) and lines[no][b] in BLANK and a > 0:
                    b += 1
                kept = replaced_within(lines[no], group, "")
                # the message quotes what the site wedged in, not the document's text between
                shown = "…".join(lines[no][x:y].strip(BLANK) for x, y in group)
                yield Finding(no, a, b, shown, replacement=kept)
        return
    if not hits:
        return
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    block = set(_block(nonblank, hits, lines, opts)) | set(_block(nonblank[::-1], hits, lines, opts))
    for no in sorted(block - hits):
        text = lines[no]
        start = len(text) - len(text.lstrip(BLANK))
        end = len(text.rstrip(BLANK))
        yield Finding(no, start, end, text[start:end], whole_line=True)
