"""pairs: quotation marks and brackets that must come in pairs, per paragraph (line).

Problems found (a rule reports one of them, chosen by its `report` option):
- unclosed: an opener never closed in its paragraph. A quotation that runs over several
  paragraphs the GB/T 15834 way (each paragraph opens with “, only the last one closes) is
  correct: an unclosed “ is not reported when the next paragraph starts with “.
- unopened: a closer with no opener. List markers such as 1） a) are not closers (一） is: 公文 writes （一）).
- reversed: a quotation mark turned the wrong way (“…“ or ”…”).
- mismatched: a closer of another kind than the innermost open one (wrong nesting).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, List, Tuple

import regex

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
    if opts.straight:
        straight = [i for i, ch in enumerate(line) if ch == '"']
        if len(straight) % 2:
            found.append(("unclosed", straight[-1], '"', '" has no partner'))
    return found, stack


def _next_paragraph(lines, no: int) -> str:
    for j in range(no + 1, len(lines)):
        if lines[j].strip(" \t　>"):
            return lines[j].lstrip(" \t　>")  # > for a Markdown blockquote
    return ""


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    for no, line in enumerate(lines):
        if not any(ch in opts.opens or ch in opts.closes or ch == '"' for ch in line):
            continue
        found, open_at_end = problems(line, opts)
        if opts.report == "unclosed":
            following = _next_paragraph(lines, no) if any(op in QUOTES for _, op in open_at_end) else ""
            for pos, op in open_at_end:
                if op in QUOTES and following.startswith(op):
                    continue  # a quotation continued in the next paragraph (GB/T 15834)
                found.append(("unclosed", pos, op, f"{op} is never closed"))
        for report, pos, ch, detail, *right in found:
            if report == opts.report:
                yield Finding(no, pos, pos + 1, ch, right[0] if right else None, detail)
