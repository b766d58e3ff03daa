"""pairs: quotation marks and brackets that must come in pairs, per paragraph.

A paragraph is a line, or the lines of one paragraph broken at a page's width (speechlint.layout:
text copied from a PDF); a line that stops mid-sentence with an opener that the next line closes
is one sentence broken in two, not two defects. A straight " that closes a “ closes it (its width
is SL601's to report).

Problems found (a rule reports one of them, chosen by its `report` option):
- unclosed: an opener never closed in its paragraph. A quotation that runs over several
  paragraphs the GB/T 15834 way (each paragraph opens with “, only the last one closes) is
  correct: an unclosed “ is not reported when the next paragraph starts with “.
- unopened: a closer with no opener. List markers such as 1） a) are not closers (一） is: 公文 writes （一）).
- reversed: a quotation mark turned the wrong way (“…“ or ”…”).
- mismatched: a closer of another kind than the innermost open one (wrong nesting).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Dict, Iterator, List, Tuple

import regex

from speechlint import layout
from speechlint.diagnostics import Finding
from speechlint.i18n import _, language

OPTIONS = {"report": "string", "pairs": "list of strings", "straight-quotes": "bool"}
FIELDS = ("match", "detail")
REPORTS = ("unclosed", "unopened", "reversed", "mismatched")
DEFAULT_PAIRS = ["“”", "‘’", "《》", "〈〉", "（）", "【】", "〔〕", "()", "[]", "［］", "｛｝", "{}", "「」", "『』"]
# ASCII cousins close their full-width forms: （…) is a pair, only of mixed widths.
COUSINS = {"(": "（", ")": "）", "［": "[", "］": "]"}
QUOTES = {"“": "”", "‘": "’"}
LIST_MARKER_AFTER = " \t\u3000，,；;。：:、>"
LIST_MARKER = regex.compile(r"(?:^|(?<=[\s，,；;。：:、>]))[\s　]*[0-9０-９a-zA-Zａ-ｚⅰ-ⅻⅠ-Ⅻ]{1,3}$")


@dataclass(frozen=True)
class Options:
    report: str
    opens: Dict[str, str]  # opener -> canonical closer
    closes: Dict[str, str]  # closer -> canonical opener
    straight: bool


def prepare(options) -> Options:
    report = options.get("report", "")
    if report not in REPORTS:
        raise ValueError(f"'report' must be one of {', '.join(REPORTS)}")
    opens, closes = {}, {}
    for pair in options.get("pairs", DEFAULT_PAIRS):
        if len(pair) != 2 or pair[0] == pair[1]:
            raise ValueError(f"pair {pair!r} is not two different characters")
        o, c = COUSINS.get(pair[0], pair[0]), COUSINS.get(pair[1], pair[1])
        opens[pair[0]] = c
        closes[pair[1]] = o
    return Options(report, opens, closes, options.get("straight-quotes", True))


Problem = Tuple  # (report, column, character, detail[, the right character])


def _next_of(line: str, chars: str) -> Dict[str, List[int]]:
    """For each of chars, the index of its next occurrence at or after every position
    (len(line) where there is none): one pass, so that look-ahead costs nothing per character."""
    n = len(line)
    out = {}
    for ch in chars:
        nxt, at = [n] * (n + 1), n
        for k in range(n - 1, -1, -1):
            if line[k] == ch:
                at = k
            nxt[k] = at
        out[ch] = nxt
    return out


def _list_marker_before(line: str, i: int) -> bool:
    """Whether a list marker (1） a) ⅲ）) ends just before i; only the last characters are read."""
    start = max(0, i - 40)
    m = LIST_MARKER.search(line[start:i])
    return bool(m) and (start == 0 or m.start() > 0 or line[start - 1] in LIST_MARKER_AFTER)


def problems(line: str, opts: Options) -> Tuple[List[Problem], List[Tuple[int, str]]]:
    """Problems of one line, and the openers left open at its end (for multi-paragraph quotes).
    Linear in the line's length: look-ahead comes from tables, the stack is searched only for
    an opener it holds."""
    found: List[Problem] = []
    stack: List[Tuple[int, str]] = []
    held: Dict[str, int] = {}  # canonical opener -> how many the stack holds
    cousins = set()
    nxt = _next_of(line, "“”‘’") if any(q in line for q in "“”‘’") else {}

    def push(pos, op):
        stack.append((pos, op))
        key = COUSINS.get(op, op)
        held[key] = held.get(key, 0) + 1

    def pop(depth=-1):
        for _, op in stack[depth:]:
            held[COUSINS.get(op, op)] -= 1
        del stack[depth:]

    for i, ch in enumerate(line):
        if ch in opts.opens:
            if ch in QUOTES and stack and stack[-1][1] == ch and not nxt[QUOTES[ch]][i + 1] < nxt[ch][i + 1]:
                found.append(("reversed", i, ch, _("{mark} where {right} closes the quotation").format(mark=ch, right=QUOTES[ch]), QUOTES[ch]))
                pop()
                continue
            push(i, ch)
        elif ch in opts.closes:
            if ch == "’" and (regex.match(r"[0-9]{2}(?![0-9])", line[i + 1:i + 4])
                              or (i and line[i - 1].isascii() and line[i - 1].isalpha()
                                  and line[i + 1:i + 2].isascii() and line[i + 1:i + 2].isalpha())):
                continue  # an apostrophe, not a closing quotation mark: ’99, China’s
            want = opts.closes[ch]
            if stack and COUSINS.get(stack[-1][1], stack[-1][1]) == want:
                pop()
                continue
            if held.get(COUSINS.get(want, want)):
                depth = next(k for k in range(len(stack) - 1, -1, -1)
                             if COUSINS.get(stack[k][1], stack[k][1]) == COUSINS.get(want, want))
                for pos, op in stack[depth + 1:]:
                    found.append(("mismatched", pos, op, _("{opener} is still open when {closer} closes {other}").format(
                        opener=op, closer=ch, other=stack[depth][1])))
                pop(depth)
                continue
            opener = next((o for o, c in QUOTES.items() if c == ch), None)
            if opener and stack and stack[-1][1] in QUOTES and not held.get(opener):
                top = stack[-1][1]
                pop()
                found.append(("mismatched", i, ch, f"{top} is closed by {ch} (write {QUOTES[top]})"))
                continue
            if opener and nxt[ch][i + 1] < len(line) and nxt[opener][i + 1] > nxt[ch][i + 1]:
                found.append(("reversed", i, ch, _("{mark} where {right} opens the quotation").format(mark=ch, right=opener), opener))
                push(i, opener)
                continue
            if ch in "）)" and _list_marker_before(line, i):
                continue
            found.append(("unopened", i, ch, _("{mark} closes nothing").format(mark=ch)))
        elif ch == '"' and stack and stack[-1][1] == "“":
            pop()  # “…" is closed, with the half-width form of ” (SL601 reports the width)
            cousins.add(i)
    if opts.straight:
        straight = [i for i, ch in enumerate(line) if ch == '"' and i not in cousins]
        if len(straight) % 2:
            found.append(("unclosed", straight[-1], '"', '" has no partner'))
    return found, stack


def _paragraph_texts(lines) -> List[Tuple[str, List[int], List[int]]]:
    """(text, line numbers, start offsets) of each paragraph: a paragraph broken over several
    lines at a page's width (speechlint.layout) is checked as one."""
    out = []
    for first, last in layout.paragraphs(lines):
        starts, at = [], 0
        for no in range(first, last + 1):
            starts.append(at)
            at += len(lines[no])
        out.append(("".join(lines[first:last + 1]), list(range(first, last + 1)), starts))
    return out


def _next_paragraph(paras, k: int) -> str:
    for j in range(k + 1, len(paras)):
        if paras[j][0].strip(" \t　>"):
            return paras[j][0].lstrip(" \t　>")  # > for a Markdown blockquote
    return ""


def _broken_pairs(opts: Options, paras, results) -> None:
    """A line broken in the middle of a sentence (a document copied from a page or a table)
    leaves an opener open at its end that the next line closes: pair them. The line must stop
    mid-sentence and the closer be the next line's first unopened one."""
    for k in range(len(paras) - 1):
        text, nos, _ = paras[k]
        open_at_end = results[k][1]
        if not open_at_end or paras[k + 1][1][0] != nos[-1] + 1 or layout.ends_sentence(text):
            continue
        later = results[k + 1][0]
        while open_at_end:
            n = next((n for n, p in enumerate(later) if p[0] == "unopened"), None)
            if n is None or COUSINS.get(later[n][2], later[n][2]) != opts.opens[open_at_end[-1][1]]:
                break
            del later[n]
            open_at_end.pop()


_LAST: list = []  # [(key, results)] of the last document: its four rules share one pass


def _problems_of(paras, lines, opts: Options):
    """problems() of each paragraph, computed once per document for the rules (SL201-SL204)
    that share pairs and language, each given its own copy to change (a line of a million
    （ took 4 passes of several seconds each: issue 15)."""
    key = (lines, tuple(opts.opens.items()), tuple(opts.closes.items()), opts.straight, language())
    if not (_LAST and _LAST[0][0] == key):
        _LAST[:] = [(key, [problems(text, opts) if any(ch in opts.opens or ch in opts.closes or ch == '"' for ch in text)
                           else ([], []) for text, _, _ in paras])]
    return [(list(found), list(stack)) for found, stack in _LAST[0][1]]


def check(opts: Options, ctx) -> Iterator[Finding]:
    paras = _paragraph_texts(ctx.lines)
    results = _problems_of(paras, ctx.lines, opts)
    _broken_pairs(opts, paras, results)
    for k, (text, nos, starts) in enumerate(paras):
        found, open_at_end = results[k]
        if opts.report == "unclosed":
            following = _next_paragraph(paras, k) if any(op in QUOTES for _, op in open_at_end) else ""
            for pos, op in open_at_end:
                if op in QUOTES and following.startswith(op):
                    continue  # a quotation continued in the next paragraph (GB/T 15834)
                found.append(("unclosed", pos, op, _("{mark} is never closed").format(mark=op)))
        for report, pos, ch, detail, *right in found:
            if report == opts.report:
                j = bisect.bisect_right(starts, pos) - 1
                col = pos - starts[j]
                yield Finding(nos[j], col, col + 1, ch, right[0] if right else None, detail)
