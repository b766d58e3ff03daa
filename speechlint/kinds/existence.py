"""existence: report every occurrence of listed phrases or patterns (Vale's `existence`).
With `replacement`, every match has that suggested replacement (e.g. "" to delete it); with
`line-pattern`, only lines that this pattern matches are searched; with `merge-gap`, matches at
most that many characters apart are one finding (a line spaced out character by character is
one finding, not one per space), whose replacement replaces each match in it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from speechlint import patterns
from speechlint.diagnostics import Finding
from speechlint.patterns import alternation, any_of, covered, grouped, replaced_within
from speechlint.i18n import _

OPTIONS = {"tokens": "list of strings", "patterns": "list of strings", "ignore-case": "bool",
           "exceptions": "list of strings", "replacement": "string", "line-pattern": "string",
           "merge-gap": "int"}
FIELDS = ("match",)


@dataclass(frozen=True)
class Options:
    pattern: "regex.Pattern"
    exceptions: Optional["regex.Pattern"]
    replacement: Optional[str]
    line_pattern: Optional["regex.Pattern"]
    merge_gap: int = -1  # -1: every match is a finding of its own


def prepare(options) -> Options:
    source = alternation(options.get("tokens", []), options.get("patterns", []))
    if not source:
        raise ValueError(_("give 'tokens' or 'patterns'"))
    flags = regex.V1 | (regex.IGNORECASE if options.get("ignore-case") else 0)
    pattern = patterns.alternatives(options.get("tokens", []), options.get("patterns", []), flags)
    if pattern.search(""):
        raise ValueError(_("a pattern matches the empty string"))
    exceptions = options.get("exceptions", [])
    exc = any_of(exceptions, flags)
    line = options.get("line-pattern")
    gap = options.get("merge-gap", -1)
    if "merge-gap" in options and gap < 0:
        raise ValueError(_("'merge-gap' takes a number of characters, 0 or more"))
    return Options(pattern, exc, options.get("replacement"), patterns.compile(line, flags) if line else None, gap)


def zero_width(opts: Options, texts) -> Optional[str]:
    """A pattern of the rule that matches with zero width in one of its examples (a lone
    lookbehind reports nothing): the loader refuses the rule."""
    return patterns.zero_width([opts.pattern], texts)


def check(opts: Options, ctx) -> Iterator[Finding]:
    lines = ctx.lines
    for no in patterns.lines_for([opts.pattern], lines, ctx.resources.memo("lines-with", dict)):
        line = lines[no]
        if opts.line_pattern is not None and not opts.line_pattern.search(line):
            continue
        spans = [(m.start(), m.end()) for m in opts.pattern.finditer(line)
                 if not covered(opts.exceptions, line, m.start(), m.end())]
        if opts.merge_gap < 0:
            for a, b in spans:
                yield Finding(no, a, b, line[a:b], opts.replacement)
            continue
        for run in grouped(spans, opts.merge_gap):
            first, last = run[0][0], run[-1][1]
            fixed = None if opts.replacement is None else replaced_within(line, run, opts.replacement)
            yield Finding(no, first, last, line[first:last], fixed)
