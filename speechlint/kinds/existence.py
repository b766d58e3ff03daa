"""existence: report every occurrence of listed phrases or patterns (Vale's `existence`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from speechlint.diagnostics import Finding

OPTIONS = {"tokens": "list of strings", "patterns": "list of strings", "ignore-case": "bool",
           "exceptions": "list of strings"}
FIELDS = ("match",)


@dataclass(frozen=True)
class Options:
    pattern: "regex.Pattern"
    exceptions: Optional["regex.Pattern"]


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
    exc = regex.compile("|".join(f"(?:{p})" for p in exceptions), flags) if exceptions else None
    return Options(pattern, exc)


def covered(exc, line: str, start: int, end: int) -> bool:
    return exc is not None and any(m.start() <= start and end <= m.end() for m in exc.finditer(line))


def check(opts: Options, ctx) -> Iterator[Finding]:
    for no, line in enumerate(ctx.lines):
        for m in opts.pattern.finditer(line):
            if not covered(opts.exceptions, line, m.start(), m.end()):
                yield Finding(no, m.start(), m.end(), m.group())
