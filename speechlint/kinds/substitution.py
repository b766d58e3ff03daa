"""substitution: a wrong form and the form to write instead (Vale's `substitution`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping, Optional

import regex

from speechlint.diagnostics import Finding
from speechlint.kinds.existence import alternation, covered

OPTIONS = {"swap": "table of strings", "exceptions": "list of strings"}
FIELDS = ("match", "replacement")


@dataclass(frozen=True)
class Options:
    pattern: "regex.Pattern"
    swap: Mapping[str, str]
    exceptions: Optional["regex.Pattern"]


def prepare(options) -> Options:
    swap = dict(options.get("swap", {}))
    if not swap:
        raise ValueError("'swap' needs at least one entry (wrong = right)")
    for wrong, right in swap.items():
        if not wrong or wrong == right:
            raise ValueError(f"entry {wrong!r} = {right!r} changes nothing")
    exceptions = options.get("exceptions", [])
    exc = regex.compile("|".join(f"(?:{p})" for p in exceptions), regex.V1) if exceptions else None
    return Options(regex.compile(alternation(swap), regex.V1), swap, exc)


def check(opts: Options, ctx) -> Iterator[Finding]:
    for no, line in enumerate(ctx.lines):
        for m in opts.pattern.finditer(line):
            if not covered(opts.exceptions, line, m.start(), m.end()):
                yield Finding(no, m.start(), m.end(), m.group(), opts.swap[m.group()])
