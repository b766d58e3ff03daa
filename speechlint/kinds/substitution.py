"""substitution: a wrong form and the form to write instead (Vale's `substitution`).

`swap` maps literal wrong forms to right ones; `patterns` maps regular expressions to a
replacement template (\\1 or \\g<name> for groups). With `whole-word`, a match counts only
where jieba's dictionary segmentation has word boundaries at both its ends, so that 定单 is
not found inside 确定|单位. With `normalize = "NFKC"` the replacement is the match's NFKC
form (full-width digits and letters to ASCII) instead of the pattern's template. With
`document-pattern`, matches are reported only in a document where that pattern (the usual
form) matches more often than the rule does: a form is reported where it is the odd one
out, not in a text written consistently in it. With `register` (a pattern) and
`register-allows` (wrong forms of `swap`), those forms are not reported in a document where the
pattern matches at least `register-count` times (3 unless set): a form that one register of
writing has established (习主席 in military texts) is wrong only outside it. With `nested`, a
pattern that matches the innermost of nested pairs, ((落实)), is tried again on the line as its
replacements leave it, up to NESTING levels, and the pair that encloses others is reported once
with all of them replaced: one finding and one fix for the whole, not one level per fix round
(only for replacements as long as their match, so that positions stay put)."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from typing import Iterator, Mapping, Optional, Tuple

import regex

from speechlint.diagnostics import Finding
from speechlint import patterns as bounded
from speechlint.patterns import any_of, covered, zero_width as _zero_width
from speechlint.i18n import _

OPTIONS = {"swap": "table of strings", "patterns": "table of strings", "whole-word": "bool",
           "exceptions": "list of strings", "normalize": "string", "document-pattern": "string",
           "register": "string", "register-count": "int", "register-allows": "list of strings",
           "nested": "bool"}
FIELDS = ("match", "replacement")
WINDOW = 6
NESTING = 64  # levels of nested pairs `nested` replaces at once; deeper ones take more fix rounds


@dataclass(frozen=True)
class Options:
    pattern: Optional["regex.Pattern"]
    swap: Mapping[str, str]
    patterns: Tuple[Tuple["regex.Pattern", str], ...]
    whole_word: bool
    exceptions: Optional["regex.Pattern"]
    normalize: Optional[str]
    document_pattern: Optional["regex.Pattern"]
    register: Optional["regex.Pattern"] = None
    register_count: int = 3
    register_allows: frozenset = frozenset()
    nested: bool = False


def _check_template(compiled, source: str, template: str) -> None:
    """Expand template on an empty match of a pattern with the same groups, so that regex's
    own parser reports a missing group or a bad escape now rather than while linting."""
    names = {}
    for name, number in compiled.groupindex.items():
        names.setdefault(number, name)
    shape = "".join(f"(?P<{names[i]}>)" if i in names else "()" for i in range(1, compiled.groups + 1))
    try:
        bounded.compiled(shape, regex.V1).match("").expand(template)
    except (IndexError, regex.error) as exc:
        raise ValueError(_("replacement {replacement} for {pattern}: {error}").format(
            replacement=repr(template), pattern=repr(source), error=exc)) from None


def prepare(options) -> Options:
    swap = dict(options.get("swap", {}))
    patterns = []
    for source, template in options.get("patterns", {}).items():
        compiled = bounded.compile(source, regex.V1)
        if compiled.search(""):
            raise ValueError(_("pattern {pattern} matches the empty string").format(pattern=repr(source)))
        _check_template(compiled, source, template)
        patterns.append((compiled, template))
    if not swap and not patterns:
        raise ValueError(_("give 'swap' (wrong = right) or 'patterns' (regex = replacement)"))
    for wrong, right in swap.items():
        if not wrong or wrong == right:
            raise ValueError(_("entry {wrong} = {right} changes nothing").format(wrong=repr(wrong), right=repr(right)))
    exceptions = options.get("exceptions", [])
    exc = any_of(exceptions)
    pattern = bounded.literal(swap, regex.V1) if swap else None
    normalize = options.get("normalize")
    if normalize not in (None, "NFKC"):
        raise ValueError(_("'normalize' can only be \"NFKC\" (full-width forms to ASCII)"))
    doc = options.get("document-pattern")
    register, allows = options.get("register"), frozenset(options.get("register-allows", []))
    if bool(register) != bool(allows) or not allows <= set(swap):
        raise ValueError(_("'register' and 'register-allows' go together, and the forms it allows must be in 'swap'"))
    count = options.get("register-count", 3)
    if count < 1:
        raise ValueError(_("'register-count' must be at least 1"))
    return Options(pattern, swap, tuple(patterns), options.get("whole-word", False), exc, normalize,
                   bounded.compile(doc, regex.V1) if doc else None,
                   bounded.compile(register, regex.V1) if register else None, count, allows,
                   options.get("nested", False))


def zero_width(opts: Options, texts) -> Optional[str]:
    return _zero_width([p for p, _ in opts.patterns], texts)


def _whole_word(line: str, start: int, end: int, lexicon) -> bool:
    lo, hi = max(0, start - WINDOW), min(len(line), end + WINDOW)
    bounds = set()
    for a, b in lexicon.segment(line[lo:hi]):
        bounds.add(a + lo)
        bounds.add(b + lo)
    return start in bounds and end in bounds


def check(opts: Options, ctx) -> Iterator[Finding]:
    found = list(_findings(opts, ctx))
    if opts.register is not None and any(f.match in opts.register_allows for f in found):
        if sum(len(opts.register.findall(l)) for l in ctx.lines) >= opts.register_count:
            found = [f for f in found if f.match not in opts.register_allows]
    if opts.document_pattern is not None:
        usual = sum(len(opts.document_pattern.findall(l)) for l in ctx.lines)
        if usual <= len(found):
            return  # the document is consistent in this form, or mostly written in it
    yield from found


def _findings(opts: Options, ctx) -> Iterator[Finding]:
    gated = [opts.pattern] if opts.pattern is not None else []
    lines = ctx.lines
    for no in bounded.lines_for(gated + [compiled for compiled, _ in opts.patterns], lines,
                                ctx.resources.memo("lines-with", dict)):
        line = lines[no]
        found = []
        if opts.pattern is not None:
            found += [(m.start(), m.end(), m.group(), opts.swap[m.group()]) for m in opts.pattern.finditer(line)]
        for compiled, template in opts.patterns:
            if opts.nested and not opts.normalize:
                found += _nested(compiled, template, line)
                continue
            found += [(m.start(), m.end(), m.group(),
                       unicodedata.normalize(opts.normalize, m.group()) if opts.normalize else m.expand(template))
                      for m in compiled.finditer(line)]
        for start, end, text, right in sorted(found):
            if covered(opts.exceptions, line, start, end):
                continue
            if opts.whole_word and not _whole_word(line, start, end, ctx.resources.lexicon()):
                continue
            yield Finding(no, start, end, text, right)


def _nested(compiled, template: str, line: str):
    """The matches of compiled in line, each pair that encloses other matches taken as one
    with all of them replaced: the pattern runs again on the line as the replacements of the
    last pass left it (（落实） inside ((落实)) is now plain text to it), up to NESTING passes,
    and a match of a later pass swallows the matches inside it. A replacement of another
    length than its match ends the passes (positions would move)."""
    work, found = line, []  # found: (start, end) of the outermost matches so far, by start
    for level in range(NESTING):
        new = [(m.start(), m.end(), m.expand(template)) for m in compiled.finditer(work)]
        if any(len(r) != b - a for a, b, r in new):
            if level == 0:
                return [(a, b, line[a:b], r) for a, b, r in new]
            break
        seen = set(found)
        new = [n for n in new if (n[0], n[1]) not in seen and n[2] != work[n[0]:n[1]]]
        if not new:
            break
        starts = [a for a, _b, _r in new]
        kept = []
        for a, b in found:
            i = bisect.bisect_right(starts, a) - 1
            if not (i >= 0 and new[i][0] <= a and b <= new[i][1]):
                kept.append((a, b))
        found = sorted(kept + [(a, b) for a, b, _r in new])
        pieces, pos = [], 0
        for a, b, r in new:
            pieces += [work[pos:a], r]
            pos = b
        work = "".join(pieces) + work[pos:]
    return [(a, b, line[a:b], work[a:b]) for a, b in found]
