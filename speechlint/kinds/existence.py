"""existence: report every occurrence of listed phrases or patterns (Vale's `existence`).
With `replacement`, every match has that suggested replacement (e.g. "" to delete it); with
`line-pattern`, only lines that this pattern matches are searched."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from speechlint import patterns
from speechlint.diagnostics import Finding
from speechlint.patterns import alternation, any_of, covered

OPTIONS = {"tokens": "list of strings", "patterns": "list of strings", "ignore-case": "bool",
           "exceptions": "list of strings", "replacement": "string", "line-pattern": "string"}
FIELDS = ("match",)


@dataclass(frozen=True)
class Options:
    pattern: "regex.Pattern"
    exceptions: Optional["regex.Pattern"]
    replacement: Optional[str]
    line_pattern: Optional["regex.Pattern"]


def prepare(options) -> Options:
    source = alternation(options.get("tokens", []), options.get("patterns", []))
    if not source:
        raise ValueError("give 'tokens' or 'patterns'")
    flags = regex.V1 | (regex.IGNORECASE if options.get("ignore-case") else 0)
    pattern = patterns.compile(source, flags)
    if pattern.search(""):
        raise ValueError("a pattern matches the empty string")
    exceptions = options.get("exceptions", [])
    exc = any_of(exceptions, flags)
    line = options.get("line-pattern")
    return Options(pattern, exc, options.get("replacement"), patterns.compile(line, flags) if line else None)


def zero_width(opts: Options, texts) -> Optional[str]:
    """A pattern of the rule that matches with zero width in one of its examples (a lone
    lookbehind reports nothing): the loader refuses the rule."""
    return patterns.zero_width([opts.pattern], texts)


def check(opts: Options, ctx) -> Iterator[Finding]:
    for no, line in enumerate(ctx.lines):
        if opts.line_pattern is not None and not opts.line_pattern.search(line):
            continue
        for m in opts.pattern.finditer(line):
            if not covered(opts.exceptions, line, m.start(), m.end()):
                yield Finding(no, m.start(), m.end(), m.group(), opts.replacement)
