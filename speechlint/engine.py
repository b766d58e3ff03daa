"""Running rules on a document: checks, then in-document suppression and allowed phrases.

Which rules run is decided by the caller (selection); how diagnostics are printed is decided
by speechlint.output. This module only turns findings into diagnostics."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import regex

from speechlint.context import Context, Resources
from speechlint.diagnostics import Diagnostic, Edit, Finding, Fix
from speechlint.document import Document
from speechlint.i18n import _
from speechlint.kinds import KINDS
from speechlint.ruleset import Rule

DIRECTIVE = regex.compile(
    r"<!--\s*speechlint-(disable-next-line|disable|enable)\b([^>]*?)-->")
# the verbs of the comments above; kinds/directives.py reports a comment that says none of them
CONFIDENT = 0.75  # findings less sure than this are reported as "info"
CODE_LIST = regex.compile(r"^[\s,]*(?:SL[0-9]{0,3}[\s,]*)*$")


MAX_FINDINGS = 10_000  # of one rule in one file; then one line says that more are not shown


def run_rule(rule: Rule, ctx: Context) -> Iterable[Finding]:
    """The rule's findings, as its check yields them: lint() reads only as many as it reports."""
    return KINDS[rule.kind].check(rule.options, ctx)


def _more(doc: Document, rule: Rule, f: Finding) -> Diagnostic:
    """The line that stands for the findings of a rule past MAX_FINDINGS, at the first of them.
    They are not looked for, so it cannot say how many there are (a line of a million （ would
    take a minute and a gigabyte to report in full: issue 15)."""
    message = _("more findings of {code} in this file are not shown: only the first {limit} are").format(
        code=rule.code, limit=f"{MAX_FINDINGS:,}")
    return Diagnostic(doc.path, f.line + 1, f.start + 1, f.line + 1, max(f.start, f.end - 1) + 1, rule.code,
                      rule.name, message, "info", None, None)


@dataclass(frozen=True)
class Failure:
    """A rule that raised on a document: its findings are missing, the others are reported."""

    code: str
    kind: str
    error: str  # "ValueError: invalid literal …", one line
    traceback: str
    slow: bool = False  # a pattern of the rule's data ran out of time (speechlint.patterns)

    def describe(self) -> str:
        if self.slow:
            return _("{code} ({kind}) is too slow: {error}").format(code=self.code, kind=self.kind, error=self.error)
        return _("internal error in {code} ({kind}): {error}").format(code=self.code, kind=self.kind, error=self.error)


def _failure(rule: Rule, exc: Exception) -> Failure:
    import traceback

    if isinstance(exc, TimeoutError):
        from speechlint.patterns import LIMIT

        return Failure(rule.code, rule.kind, _("one of its patterns took more than {limit} s on a line").format(
                           limit=f"{LIMIT:g}"),
                       "".join(traceback.format_exception(exc)), slow=True)
    error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300] if str(exc) else type(exc).__name__
    return Failure(rule.code, rule.kind, error, "".join(traceback.format_exception(exc)))


@dataclass(frozen=True)
class Suppressions:
    """Per line (0-based): the prefixes switched off, those switched back on (the longest
    matching prefix decides), and those a disable-next-line directive switches off outright."""

    by_line: Dict[int, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]]

    def suppressed(self, line: int, code: str) -> bool:
        off, on, next_line = self.by_line.get(line, ((), (), ()))
        if any(code.startswith(p) for p in next_line):
            return True
        longest_off = max((len(p) for p in off if code.startswith(p)), default=-1)
        longest_on = max((len(p) for p in on if code.startswith(p)), default=-1)
        return longest_off > longest_on


def suppressions(lines: Sequence[str]) -> Suppressions:
    """<!-- speechlint-disable SL101 --> … <!-- speechlint-enable --> and
    <!-- speechlint-disable-next-line SL401 -->. Codes (or prefixes) are required to disable;
    enable without codes ends every disable (an enable whose codes cannot be read ends none).
    The most specific prefix decides: after disable SL1 and enable SL101, SL101 is reported
    again and SL102 is not. A line with directives is governed by what was off before it and
    by what it switches off."""
    state: Dict[str, bool] = {}  # prefix -> disabled?
    by_line: Dict[int, Tuple[Tuple[str, ...], Tuple[str, ...], Tuple[str, ...]]] = {}
    pending: Tuple[str, ...] = ()
    for no, line in enumerate(lines):
        before = dict(state)
        switched_off: Set[str] = set()
        next_line: Set[str] = set()
        for m in DIRECTIVE.finditer(line):
            verb, rest = m.group(1), m.group(2)
            if not CODE_LIST.match(rest):
                continue  # not a list of codes: ignored
            codes = set(regex.findall(r"SL[0-9]{0,3}", rest))
            if verb == "disable" and codes:
                for c in codes:
                    for p in [p for p in state if p.startswith(c)]:
                        del state[p]
                    state[c] = True
                switched_off |= codes
            elif verb == "enable":
                if not codes:
                    state.clear()
                for c in codes:
                    for p in [p for p in state if p.startswith(c)]:
                        del state[p]
                    if any(c.startswith(p) and off for p, off in state.items()):
                        state[c] = False
            elif verb == "disable-next-line" and codes:
                next_line |= codes
        merged = dict(before)
        for c in switched_off:
            merged[c] = True
        off = tuple(sorted(p for p, v in merged.items() if v))
        on = tuple(sorted(p for p, v in merged.items() if not v))
        if off or pending:
            by_line[no] = (off, on, pending)
        pending = tuple(sorted(next_line))
    return Suppressions(by_line)


def allowed_spans(line: str, allow: Sequence[str]) -> List[Tuple[int, int]]:
    spans = []
    for phrase in allow:
        start = line.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = line.find(phrase, start + 1)
    return spans


def _unmasked(doc: Document, f: Finding) -> Optional[Finding]:
    """A finding whose span covers text that checks did not see (inline code, a URL in
    Markdown) gets the real text back: in its match, and in its replacement, where each run of
    masked characters that the replacement carries over is put back in order. A replacement
    that does not carry them over unchanged would overwrite what was masked: such a finding is
    dropped."""
    original = doc.lines[f.line][f.start:f.end]
    seen = doc.masked[f.line][f.start:f.end]
    if original == seen:
        return f
    hidden = [original[m.start():m.end()] for m in regex.finditer(r"\ufffc+", seen)]
    if f.replacement is None:
        return replace(f, match=original)
    parts = regex.split(r"\ufffc+", f.replacement)
    shown = [m.group() for m in regex.finditer(r"\ufffc+", f.replacement)]
    if len(shown) != len(hidden) or any(len(a) != len(b) for a, b in zip(shown, hidden)) \
            or regex.sub(r"\ufffc+", "", seen) == seen:
        return None
    rebuilt = "".join(p + (hidden[i] if i < len(hidden) else "") for i, p in enumerate(parts))
    return replace(f, match=original, replacement=rebuilt)


def to_diagnostic(doc: Document, rule: Rule, f: Finding) -> Diagnostic:
    fix = None
    if f.whole_line and rule.fix:
        fix = Fix((Edit(f.line, 0, f.line + 1, 0, ""),), rule.fix)
    elif f.replacement is not None and rule.fix:
        fix = Fix((Edit(f.line, f.start, f.line, f.end, f.replacement),), rule.fix)
    end = max(f.start, f.end - 1)
    message = rule.message_in().format(match=f.match, replacement=f.replacement or "", detail=f.detail)
    severity = rule.severity if f.confidence >= CONFIDENT else "info"
    return Diagnostic(doc.path, f.line + 1, f.start + 1, f.line + 1, end + 1, rule.code, rule.name,
                      message, severity, f.replacement, fix)


def lint(doc: Document, rules: Iterable[Rule], resources: Resources = None,
         allow: Sequence[str] = (), min_confidence: float = 0.0,
         failures: Optional[List[Failure]] = None) -> List[Diagnostic]:
    """Diagnostics of doc. A finding's confidence (below 1 only for the guesses of detectors)
    must reach min_confidence to be reported, and one under CONFIDENT is reported at the
    severity "info" whatever its rule's severity. Given a list `failures`, a rule that raises
    is recorded there and the other rules run on (otherwise the exception propagates)."""
    ctx = Context(doc.masked, resources or Resources(), tuple(doc.lines))
    supp = suppressions(doc.lines)
    out = []
    for rule in rules:
        found: List[Diagnostic] = []
        try:
            for f in run_rule(rule, ctx):
                if f.end <= f.start:
                    continue  # a zero-width match reports nothing
                f = _unmasked(doc, f)
                if f is None or f.confidence < min_confidence:
                    continue
                if supp.suppressed(f.line, rule.code):
                    continue
                if allow and any(a < max(f.end, f.start + 1) and f.start < b for a, b in allowed_spans(doc.lines[f.line], allow)):
                    continue
                if len(found) == MAX_FINDINGS:
                    found.append(_more(doc, rule, f))
                    break  # the check is not asked for the rest
                found.append(to_diagnostic(doc, rule, f))
        except Exception as exc:  # a bug in one check must not hide the others' findings
            if failures is None:
                raise
            failures.append(_failure(rule, exc))
            continue
        out.extend(found)
    return dedupe(out)


OVERLAP_FAMILIES = ("SL4",)  # rules that propose rival corrections of one slip


def dedupe(diags: List[Diagnostic]) -> List[Diagnostic]:
    """One diagnostic per place and family: where two rules of a family report the same
    characters, the lower code speaks; for typos, where rules propose rival corrections of one
    slip (SL401's list and SL402's detector on 再接再励, SL402 and SL403 on 善始善中), overlapping
    characters are enough, and the surer finding speaks first (by severity: a guess of low
    confidence is info), then the lower code. Other families keep findings that merely overlap (SL601's bracket
    and SL602's ，， inside it). Exact places are looked up, so a line of 20,000 findings costs
    no more than 20,000 lookups."""
    spans: Dict[Tuple[str, int, str, int, int], Set[str]] = {}  # codes kept at one exact place
    typos: Dict[Tuple[str, int, str], List[Diagnostic]] = {}  # kept findings of the overlap families
    out = []
    rank = {"error": 0, "warning": 1, "info": 2}
    for d in sorted(diags, key=lambda d: (rank.get(d.severity, 3) if d.code.startswith(OVERLAP_FAMILIES) else 0,
                                          d.code, d.path, d.line, d.column)):
        family = (d.path, d.line, d.code[:3])
        if d.code.startswith(OVERLAP_FAMILIES):
            same = typos.setdefault(family, [])
            if any(k.code != d.code and k.column <= d.end_column and d.column <= k.end_column for k in same):
                continue
            same.append(d)
        else:
            codes = spans.setdefault(family + (d.column, d.end_column), set())
            if codes - {d.code}:
                continue
            codes.add(d.code)
        out.append(d)
    return sorted(out, key=Diagnostic.sort_key)
