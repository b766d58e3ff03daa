"""existence: report every occurrence of listed phrases or patterns (Vale's `existence`).
With `replacement`, every match has that suggested replacement (e.g. "" to delete it); with
`line-pattern`, only lines that this pattern matches are searched."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from speechlint.diagnostics import Finding

OPTIONS = {"tokens": "list of strings", "patterns": "list of strings", "ignore-case": "bool",
           "exceptions": "list of strings", "replacement": "string", "line-pattern": "string"}
FIELDS = ("match",)


@dataclass(frozen=True)
class Options:
    pattern: "regex.Pattern"
    exceptions: Optional["regex.Pattern"]
    replacement: Optional[str]
    line_pattern: Optional["regex.Pattern"]


def any_of(patterns, flags=regex.V1) -> Optional["regex.Pattern"]:
    """One compiled pattern matching any of patterns (None for none): the kinds' `exceptions`."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


def alternation(tokens, patterns=()) -> str:
    parts = [regex.escape(t) for t in sorted(set(tokens), key=len, reverse=True)]
    parts += [f"(?:{p})" for p in patterns]
    return "|".join(parts)


def prepare(options) -> Options:
    source = alternation(options.get("tokens", []), options.get("patterns", []))
    if not source:
        raise ValueError("give 'tokens' or 'patterns'")
    flags = regex.V1 | (regex.IGNORECASE if options.get("ignore-case") else 0)
    pattern = regex.compile(source, flags)
    if pattern.search(""):
        raise ValueError("a pattern matches the empty string")
    exceptions = options.get("exceptions", [])
    exc = any_of(exceptions, flags)
    line = options.get("line-pattern")
    return Options(pattern, exc, options.get("replacement"), regex.compile(line, flags) if line else None)


def zero_width(opts: Options, texts) -> Optional[str]:
    """A pattern of the rule that matches with zero width in one of its examples (a lone
    lookbehind reports nothing): the loader refuses the rule."""
    return _zero_width([opts.pattern], texts)


def _zero_width(patterns, texts) -> Optional[str]:
    for pattern in patterns:
        if any(m.end() == m.start() for text in texts for m in pattern.finditer(text)):
            return pattern.pattern
    return None


def covered(exc, line: str, start: int, end: int) -> bool:
    return exc is not None and any(m.start() <= start and end <= m.end() for m in exc.finditer(line))


def check(opts: Options, ctx) -> Iterator[Finding]:
    for no, line in enumerate(ctx.lines):
        if opts.line_pattern is not None and not opts.line_pattern.search(line):
            continue
        for m in opts.pattern.finditer(line):
            if not covered(opts.exceptions, line, m.start(), m.end()):
                yield Finding(no, m.start(), m.end(), m.group(), opts.replacement)
