"""Pattern helpers shared by the check kinds, and the bound on the work of patterns that come
from rule data.

A rule's regular expressions may come from a repository under review, so every pattern compiled
from rule data is `Bounded`: each search on a line may take at most LIMIT seconds (the `regex`
module's timeout), and one that takes longer raises TimeoutError, which the engine reports as
that rule being too slow (its findings on that file are missing; the run goes on)."""
from __future__ import annotations

import functools
from typing import Iterable, Optional, Sequence, Tuple

import regex

LIMIT = 1.0  # seconds one pattern from rule data may take on one line


class Bounded:
    """A compiled pattern whose searches stop after LIMIT seconds."""

    __slots__ = ("compiled",)

    def __init__(self, compiled: "regex.Pattern"):
        self.compiled = compiled

    def finditer(self, string, *args, **kw):
        return self.compiled.finditer(string, *args, timeout=LIMIT, **kw)

    def search(self, string, *args, **kw):
        return self.compiled.search(string, *args, timeout=LIMIT, **kw)

    def match(self, string, *args, **kw):
        return self.compiled.match(string, *args, timeout=LIMIT, **kw)

    def fullmatch(self, string, *args, **kw):
        return self.compiled.fullmatch(string, *args, timeout=LIMIT, **kw)

    def findall(self, string, *args, **kw):
        return self.compiled.findall(string, *args, timeout=LIMIT, **kw)

    def sub(self, repl, string, *args, **kw):
        return self.compiled.sub(repl, string, *args, timeout=LIMIT, **kw)

    def __getattr__(self, name):  # pattern, groups, groupindex, flags
        return getattr(self.compiled, name)

    def __eq__(self, other):
        return isinstance(other, Bounded) and self.compiled == other.compiled

    def __hash__(self):
        return hash(self.compiled)

    def __repr__(self):
        return f"Bounded({self.compiled.pattern!r})"


def compile(source: str, flags: int = regex.V1) -> Bounded:  # noqa: A001 - the module's verb
    """A pattern from rule data, bounded in time. Raises regex.error."""
    return Bounded(regex.compile(source, flags))


class Alternatives(Bounded):
    """The alternation of several patterns from rule data, searched (finditer, search) only in a
    text that one of them alone matches: the regex module tries an alternation alternative by
    alternative at every position, while it scans for one pattern alone fast (SL302's six
    patterns on a line of a million characters: 0.02 s each alone, 0.7 s together). Same
    matches: where the alternation matches, one of its alternatives does."""

    __slots__ = ("parts",)

    def __init__(self, compiled: "regex.Pattern", parts: Sequence[Bounded]):
        super().__init__(compiled)
        self.parts = tuple(parts)

    def _none(self, string) -> bool:
        return not any(part.search(string) for part in self.parts)

    def finditer(self, string, *args, **kw):
        return iter(()) if self._none(string) else super().finditer(string, *args, **kw)

    def search(self, string, *args, **kw):
        return None if self._none(string) else super().search(string, *args, **kw)


def alternatives(tokens: Iterable[str], sources: Iterable[str], flags: int = regex.V1) -> Bounded:
    """The pattern matching any of the literal tokens or the patterns (see alternation()),
    searched as Alternatives when there are several."""
    tokens, sources = list(tokens), list(sources)
    whole = compile(alternation(tokens, sources), flags)
    parts = ([alternation(tokens)] if tokens else []) + sources
    return Alternatives(whole.compiled, [compile(part, flags) for part in parts]) if len(parts) > 1 else whole


def alternation(tokens: Iterable[str], patterns: Iterable[str] = ()) -> str:
    """One source matching any of the literal tokens (longest first) or the patterns."""
    parts = [regex.escape(t) for t in sorted(set(tokens), key=len, reverse=True)]
    parts += [f"(?:{p})" for p in patterns]
    return "|".join(parts)


def any_of(patterns: Sequence[str], flags: int = regex.V1) -> Optional[Bounded]:
    """One pattern matching any of patterns (None for none): the kinds' `exceptions`."""
    return compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


def zero_width(patterns, texts) -> Optional[str]:
    """The first of patterns that matches with zero width in one of texts (a lone lookbehind
    reports nothing): the loader refuses such a rule."""
    for pattern in patterns:
        if any(m.end() == m.start() for text in texts for m in pattern.finditer(text)):
            return pattern.pattern
    return None


def covered(exc, line: str, start: int, end: int) -> bool:
    """Whether an exception pattern's match covers line[start:end]. The matches of a line are
    found once (exception_spans), however many findings the line has: asked anew for each, a
    line of 20,000 findings was searched 20,000 times."""
    return exc is not None and any(a <= start and end <= b for a, b in exception_spans(exc, line))


@functools.lru_cache(maxsize=16)
def exception_spans(exc, line: str) -> Tuple[Tuple[int, int], ...]:
    """The spans of an exception pattern's matches in a line (the last few lines remembered)."""
    return tuple(m.span() for m in exc.finditer(line))


def grouped(spans: Sequence[Tuple[int, int]], gap: int) -> list:
    """Spans (in order) as groups of those at most gap characters apart: one finding each (a
    line spaced out character by character, the readings wedged into a sentence)."""
    out: list = []
    for a, b in spans:
        if out and a - out[-1][-1][1] <= gap:
            out[-1].append((a, b))
        else:
            out.append([(a, b)])
    return out


def replaced_within(line: str, group: Sequence[Tuple[int, int]], replacement: str) -> str:
    """The text from a group's first span to its last, each span replaced by replacement and
    the text between them kept."""
    parts, at = [], group[0][0]
    for a, b in group:
        parts += [line[at:a], replacement]
        at = b
    return "".join(parts)
