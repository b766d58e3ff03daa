"""Running rules on a document: checks, then in-document suppression and allowed phrases.

Which rules run is decided by the caller (selection); how diagnostics are printed is decided
by speechlint.output. This module only turns findings into diagnostics."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Sequence, Set, Tuple

import regex

from speechlint.context import Context, Resources
from speechlint.diagnostics import Diagnostic, Edit, Finding, Fix
from speechlint.document import Document
from speechlint.kinds import KINDS
from speechlint.ruleset import Rule

DIRECTIVE = regex.compile(
    r"<!--\s*speechlint-(disable-next-line|disable|enable)\b([^>]*?)-->")
CODE_LIST = regex.compile(r"^[\s,]*(?:SL[0-9]{0,3}[\s,]*)*$")


def run_rule(rule: Rule, ctx: Context) -> List[Finding]:
    return list(KINDS[rule.kind].check(rule.options, ctx))


@dataclass(frozen=True)
class Suppressions:
    """Per line (0-based), the code prefixes switched off there."""

    by_line: Dict[int, Tuple[str, ...]]

    def suppressed(self, line: int, code: str) -> bool:
        return any(code.startswith(p) for p in self.by_line.get(line, ()))


def suppressions(lines: Sequence[str]) -> Suppressions:
    """<!-- speechlint-disable SL101 --> … <!-- speechlint-enable --> and
    <!-- speechlint-disable-next-line SL401 -->. Codes (or prefixes) are required."""
    active: Set[str] = set()
    by_line: Dict[int, Tuple[str, ...]] = {}
    pending: Set[str] = set()
    for no, line in enumerate(lines):
        here = set(active) | pending
        pending = set()
        for m in DIRECTIVE.finditer(line):
            verb, rest = m.group(1), m.group(2)
            codes = set(regex.findall(r"SL[0-9]{0,3}", rest)) if CODE_LIST.match(rest) else set()
            if verb == "disable" and codes:
                active |= codes
                here |= codes
            elif verb == "enable":
                active = active - codes if codes else set()
            elif verb == "disable-next-line" and codes:
                pending |= codes
        if here:
            by_line[no] = tuple(sorted(here))
    return Suppressions(by_line)


def allowed_spans(line: str, allow: Sequence[str]) -> List[Tuple[int, int]]:
    spans = []
    for phrase in allow:
        start = line.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = line.find(phrase, start + 1)
    return spans


def to_diagnostic(doc: Document, rule: Rule, f: Finding) -> Diagnostic:
    fix = None
    if f.whole_line and rule.fix:
        fix = Fix((Edit(f.line, 0, f.line + 1, 0, ""),), rule.fix)
    elif f.replacement is not None and rule.fix:
        fix = Fix((Edit(f.line, f.start, f.line, f.end, f.replacement),), rule.fix)
    end = max(f.start, f.end - 1)
    message = rule.message.format(match=f.match, replacement=f.replacement or "", detail=f.detail)
    return Diagnostic(doc.path, f.line + 1, f.start + 1, f.line + 1, end + 1, rule.code, rule.name,
                      message, rule.severity, f.replacement, fix)


def lint(doc: Document, rules: Iterable[Rule], resources: Resources = None,
         allow: Sequence[str] = ()) -> List[Diagnostic]:
    ctx = Context(doc.masked, resources or Resources())
    supp = suppressions(doc.lines)
    out = []
    for rule in rules:
        for f in run_rule(rule, ctx):
            if supp.suppressed(f.line, rule.code):
                continue
            if allow and any(a < max(f.end, f.start + 1) and f.start < b for a, b in allowed_spans(doc.lines[f.line], allow)):
                continue
            out.append(to_diagnostic(doc, rule, f))
    return dedupe(sorted(out, key=Diagnostic.sort_key))


def dedupe(diags: List[Diagnostic]) -> List[Diagnostic]:
    """One diagnostic per span and family: where two rules of a family report the very same
    characters (SL401's list and SL402's detector on 再接再励), the lower code speaks."""
    seen = set()
    out = []
    for d in sorted(diags, key=lambda d: (d.path, d.line, d.column, d.end_column, d.code)):
        key = (d.path, d.line, d.column, d.end_line, d.end_column, d.code[:3])
        if key not in seen:
            seen.add(key)
            out.append(d)
    return sorted(out, key=Diagnostic.sort_key)
