"""The layout of a document: which lines are one paragraph broken at a fixed width.

Text taken from a PDF or a fixed-width layout keeps the line breaks of the page: a paragraph of
300 characters stands on ten lines of about 30, and a quotation or a title opened on one line
is closed on the next. Such a document is recognised by its line widths: many of its lines are
within a few columns of one width, the width of the page. A line of that width that does not end
a sentence runs on into the next line.

A document whose lines are paragraphs (the usual case, and every document with varied line
lengths) has no wrapped lines at all.

The thresholds are here, at the top: widths are display widths (a Chinese character or a
full-width mark counts 2, other characters 1).
"""
from __future__ import annotations

import unicodedata

import regex

from speechlint import patterns
from typing import List, Sequence, Tuple

MIN_WIDTH = 24  # a page narrower than 12 Chinese characters is not recognised
BAND = 5  # the lines of the page's width are at most this many columns short of it
SLACK = 1 / 6  # a line that runs on is at most this share of the width short of it (digits, spaces)
MIN_SHARE = 0.25  # that many of the non-blank lines must be of the page's width
MIN_LINES = 4  # and at least this many
MAX_CHARS = 150  # a line of more characters than this is wider than any page
HAN = patterns.compiled(r"\p{Han}")
ENDS_SENTENCE = "。！？!?…"
CLOSERS = "”’）)》〉】」』"
OPENS_LINE = CLOSERS + "，、。；：！？"  # a line starting with these continues the one before
# a page's number standing between two lines of a paragraph broken across pages (— 7 —, - 7 -,
# 第7页, 第 7 页 共 20 页): the paragraph runs on through it
PAGE_NUMBER = patterns.compiled(r"[\s　]*(?:[-—–－]+[\s　]*\d{1,4}[\s　]*[-—–－]+|第[\s　]*\d{1,4}[\s　]*页"
                            r"(?:[\s　]*[,，/]?[\s　]*共[\s　]*\d{1,4}[\s　]*页)?)[\s　]*")


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence (。 ！ ？ …, also inside closing quotes and brackets)."""
    text = text.rstrip().rstrip(CLOSERS)
    return not text or text[-1] in ENDS_SENTENCE


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def page_width(lines: Sequence[str]) -> int:
    """The width at which the document's lines were broken, or 0 if they were not."""
    texts = [t for t in (l.strip() for l in lines) if t and len(HAN.findall(t[:MAX_CHARS])) * 3 >= len(t[:MAX_CHARS])]
    # a line far wider than any page is no line of one (and is not measured character by character)
    widths = [width(t) if len(t) <= MAX_CHARS else 2 * MAX_CHARS for t in texts]
    long = [w for w in widths if MIN_WIDTH <= w < 2 * MAX_CHARS]
    if len(long) < MIN_LINES:
        return 0
    counts = {}
    for w in long:
        counts[w] = counts.get(w, 0) + 1
    # the page's width: the width w whose band [w - BAND, w] holds the most lines, the widest
    # of equals (lines of paragraphs of all lengths spread over every width)
    best, best_count = 0, 0
    for w in sorted(counts):
        n = sum(c for v, c in counts.items() if w - BAND <= v <= w)
        if n >= best_count:
            best, best_count = w, n
    if best_count < max(MIN_LINES, MIN_SHARE * len(widths)):
        return 0
    # broken at a width, most of those lines stop in the middle of a sentence; sentences or
    # headings that happen to be of one length (a list of examples) end where they end
    band = [t for t, w in zip(texts, widths) if best - BAND <= w <= best]
    if sum(ends_sentence(t) or t[-1] in "；;" for t in band) * 2 > len(band):
        return 0
    return best


def runs_on(lines: Sequence[str]) -> Tuple[bool, ...]:
    """For each line, whether its paragraph goes on in the next line."""
    page = page_width(lines)
    if not page:
        return (False,) * len(lines)
    out: List[bool] = [False] * len(lines)
    shortest = page - max(BAND, int(page * SLACK))
    for i, line in enumerate(lines):
        text = line.rstrip()
        nxt = i + 1
        if nxt + 1 < len(lines) and PAGE_NUMBER.fullmatch(lines[nxt]):
            nxt += 1  # the paragraph goes on after the page's number
        following = lines[nxt].strip() if nxt < len(lines) else ""
        if (text and following and width(text.strip()) >= shortest
                and (not ends_sentence(text) or following[0] in OPENS_LINE)):
            out[i:nxt] = [True] * (nxt - i)
    return tuple(out)


_LAST: list = [None, None]  # the lines last asked about and their paragraphs (rules ask in turn)


def paragraphs(lines: Sequence[str]) -> List[Tuple[int, int]]:
    """(first, last) line numbers (0-based, inclusive) of each paragraph. The answer for the
    document last asked about is kept: every rule that needs it asks for the same lines."""
    if isinstance(lines, tuple) and _LAST[0] is lines:
        return list(_LAST[1])
    out = _paragraphs(lines)
    if isinstance(lines, tuple):
        _LAST[:] = [lines, tuple(out)]
    return out


def _paragraphs(lines: Sequence[str]) -> List[Tuple[int, int]]:
    on = runs_on(lines)
    out, start = [], 0
    for i in range(len(lines)):
        if not on[i]:
            out.append((start, i))
            start = i + 1
    return out
