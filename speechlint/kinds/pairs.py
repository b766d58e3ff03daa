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

OPTIONS = {"report": "string", "pairs": "list of strings", "straight-quotes": "bool"}
FIELDS = ("match", "detail")
REPORTS = ("unclosed", "unopened", "reversed", "mismatched")
DEFAULT_PAIRS = ["“”", "‘’", "《》", "〈〉", "（）", "【】", "〔〕", "()", "[]", "［］", "｛｝", "{}", "「」", "『』"]
# ASCII cousins close their full-width forms: （…) is a pair, only of mixed widths.
COUSINS = {"(": "（", ")": "）", "［": "[", "］": "]"}
QUOTES = {"“": "”", "‘": "’"}
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


def problems(line: str, opts: Options) -> Tuple[List[Problem], List[Tuple[int, str]]]:
    """Problems of one line, and the openers left open at its end (for multi-paragraph quotes)."""
    found: List[Problem] = []
    stack: List[Tuple[int, str]] = []
    cousins = set()
    for i, ch in enumerate(line):
        if ch in opts.opens:
            closer_later = QUOTES.get(ch, "") in line[i + 1:(line.find(ch, i + 1) + 1 or len(line) + 1) - 1]
            if ch in QUOTES and stack and stack[-1][1] == ch and not closer_later:
                found.append(("reversed", i, ch, f"{ch} where {QUOTES[ch]} closes the quotation", QUOTES[ch]))
                stack.pop()
                continue
            stack.append((i, ch))
        elif ch in opts.closes:
            if ch == "’" and (regex.match(r"[0-9]{2}(?![0-9])", line[i + 1:])
                              or (i and line[i - 1].isascii() and line[i - 1].isalpha()
                                  and line[i + 1:i + 2].isascii() and line[i + 1:i + 2].isalpha())):
                continue  # an apostrophe, not a closing quotation mark: ’99, China’s
            want = opts.closes[ch]
            if stack and COUSINS.get(stack[-1][1], stack[-1][1]) == want:
                stack.pop()
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1)
                          if COUSINS.get(stack[k][1], stack[k][1]) == want), None)
            if depth is not None:
                for pos, op in stack[depth + 1:]:
                    found.append(("mismatched", pos, op, f"{op} is still open when {ch} closes {stack[depth][1]}"))
                del stack[depth:]
                continue
            opener = next((o for o, c in QUOTES.items() if c == ch), None)
            if opener and stack and stack[-1][1] in QUOTES and opener not in [op for _, op in stack]:
                top = stack.pop()[1]
                found.append(("mismatched", i, ch, f"{top} is closed by {ch} (write {QUOTES[top]})"))
                continue
            if opener and ch in line[i + 1:] and opener not in line[i + 1:line.index(ch, i + 1)]:
                found.append(("reversed", i, ch, f"{ch} where {opener} opens the quotation", opener))
                stack.append((i, opener))
                continue
            if ch in "）)" and LIST_MARKER.search(line[:i]):
                continue
            found.append(("unopened", i, ch, f"{ch} closes nothing"))
        elif ch == '"' and stack and stack[-1][1] == "“":
            stack.pop()  # “…" is closed, with the half-width form of ” (SL601 reports the width)
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


def check(opts: Options, ctx) -> Iterator[Finding]:
    paras = _paragraph_texts(ctx.lines)
    results = [problems(text, opts) if any(ch in opts.opens or ch in opts.closes or ch == '"' for ch in text)
               else ([], []) for text, _, _ in paras]
    _broken_pairs(opts, paras, results)
    for k, (text, nos, starts) in enumerate(paras):
        found, open_at_end = results[k]
        if opts.report == "unclosed":
            following = _next_paragraph(paras, k) if any(op in QUOTES for _, op in open_at_end) else ""
            for pos, op in open_at_end:
                if op in QUOTES and following.startswith(op):
                    continue  # a quotation continued in the next paragraph (GB/T 15834)
                found.append(("unclosed", pos, op, f"{op} is never closed"))
        for report, pos, ch, detail, *right in found:
            if report == opts.report:
                j = bisect.bisect_right(starts, pos) - 1
                col = pos - starts[j]
                yield Finding(nos[j], col, col + 1, ch, right[0] if right else None, detail)
