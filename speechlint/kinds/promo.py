"""promo-block: lines left behind by document-sharing sites.

A line is promotional when it holds one of the rule's keywords or patterns, or two of its
`weak-keywords` (words that official prose uses too: 客服, 付费, 文库), and is short, as such
lines are (a keyword deep inside a long paragraph of prose is not an advert). Lines of
this kind that cluster at the top or the bottom of a document form a header or footer block;
with `report = "block"` the rule reports the other non-blank lines of such a block, which
carry no keyword (a site's name, a slogan), line by line. Such lines are short: a line longer
than `max-block-line-length` is prose and ends the block.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, List, Optional

import regex

from speechlint.diagnostics import Finding
from speechlint.kinds.existence import _zero_width, alternation, any_of

OPTIONS = {"keywords": "list of strings", "weak-keywords": "list of strings", "patterns": "list of strings",
           "report": "string",
           "max-line-length": "int", "max-gap": "int", "edge-lines": "int",
           "max-block-line-length": "int", "exceptions": "list of strings"}
FIELDS = ("match",)
BLANK = " \t\u3000\u00a0"
PROSE = regex.compile(r"[。？！；]")  # a sentence: a site's name or slogan has none
STATEMENT = regex.compile(r"[。；]")


@dataclass(frozen=True)
class Options:
    pattern: "regex.Pattern"
    weak: Optional["regex.Pattern"]
    exceptions: Optional["regex.Pattern"]
    report: str
    max_len: int
    max_gap: int
    edge: int
    max_block_len: int


def prepare(options) -> Options:
    source = alternation(options.get("keywords", []), options.get("patterns", []))
    if not source:
        raise ValueError("give 'keywords' or 'patterns'")
    report = options.get("report", "keyword")
    if report not in ("keyword", "block"):
        raise ValueError("'report' must be 'keyword' or 'block'")
    exceptions = options.get("exceptions", [])
    exc = any_of(exceptions)
    weak = options.get("weak-keywords", [])
    weak_pattern = regex.compile(alternation(weak), regex.V1 | regex.IGNORECASE) if weak else None
    return Options(regex.compile(source, regex.V1 | regex.IGNORECASE), weak_pattern, exc, report,
                   options.get("max-line-length", 80), options.get("max-gap", 3),
                   options.get("edge-lines", 4), options.get("max-block-line-length", 30))


def zero_width(opts: Options, texts) -> Optional[str]:
    return _zero_width([opts.pattern], texts)


def hit(opts: Options, line: str):
    """The first advert phrase of a short line: a keyword, or a weak keyword (客服, 付费) when
    the line holds two phrases of either kind."""
    text = line.strip(BLANK)
    if not text or len(text) > opts.max_len:
        return None
    if opts.exceptions is not None and opts.exceptions.search(text):
        return None
    strong = opts.pattern.search(line)
    if opts.weak is None:
        return strong
    weak = list(opts.weak.finditer(line))
    if strong:
        return strong if not weak or strong.start() <= weak[0].start() else weak[0]
    if STATEMENT.search(text):
        return None  # weak phrases in a statement of prose (规范付费服务。) are no advert; an advert exclaims
    return weak[0] if len({m.group().lower() for m in weak}) >= 2 else None


def _block(order: List[int], hits: set, lines, opts: Options) -> List[int]:
    """The non-blank lines, in `order`, of a block of promotional lines starting at the edge."""
    block: List[int] = []
    pending: List[int] = []
    seen = 0
    for no in order:
        seen += 1
        if no in hits:
            block += pending + [no]
            pending = []
        elif not block and seen > opts.edge:
            return []
        elif len(lines[no].strip(BLANK)) > opts.max_block_len or PROSE.search(lines[no]):
            break  # prose, not a site's name or slogan: the block ends here
        else:
            pending.append(no)
            if len(pending) > opts.max_gap:
                break
    return block


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    matches = {no: m for no, line in enumerate(lines) if (m := hit(opts, line))}
    if opts.report == "keyword":
        for no, m in sorted(matches.items()):
            yield Finding(no, m.start(), m.end(), m.group(), whole_line=True)
        return
    if not matches:
        return
    nonblank = [no for no, line in enumerate(lines) if line.strip(BLANK)]
    hits = set(matches)
    block = set(_block(nonblank, hits, lines, opts)) | set(_block(nonblank[::-1], hits, lines, opts))
    for no in sorted(block - hits):
        text = lines[no]
        start = len(text) - len(text.lstrip(BLANK))
        end = len(text.rstrip(BLANK))
        yield Finding(no, start, end, text[start:end], whole_line=True)
