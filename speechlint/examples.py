"""A rule's own examples, checked (`speechlint rule --check FILE.toml`), as prh and LanguageTool
run a dictionary rule's examples as tests: each `bad` example must be flagged by its rule (alone),
and give exactly its `fixed` text when each finding's replacement is written over its span (whether
or not the rule offers them as fixes); each `good` example must not be flagged."""
from __future__ import annotations

from typing import List

from speechlint.diagnostics import Edit
from speechlint.document import from_text
from speechlint.engine import lint
from speechlint.fixes import apply_edits
from speechlint.i18n import _


def problems(rule, resources) -> List[str]:
    """What does not hold of rule's examples, one sentence each (empty: they all hold)."""
    out: List[str] = []

    def check(doc):
        failures: list = []
        found = [d for d in lint(doc, [rule], resources, (), 0.0, failures) if d.code == rule.code]
        if failures:
            raise RuntimeError(failures[0].describe())
        return found

    for k, example in enumerate(rule.bad, 1):
        doc = from_text("example.txt", example.text)
        try:
            found = check(doc)
        except RuntimeError as exc:
            out.append(_("bad example {n} ({text}): {error}").format(n=k, text=repr(example.text), error=exc))
            continue
        if not found:
            out.append(_("bad example {n} is not flagged: {text}").format(n=k, text=repr(example.text)))
            continue
        if example.fixed is not None:
            got = replaced(example.text, found)
            if got != example.fixed:
                out.append(_("bad example {n}: its replacements give {got}, not {fixed}").format(
                    n=k, got=repr(got), fixed=repr(example.fixed)))
    for k, text in enumerate(rule.good, 1):
        try:
            found = check(from_text("example.txt", text))
        except RuntimeError as exc:
            out.append(_("good example {n} ({text}): {error}").format(n=k, text=repr(text), error=exc))
            continue
        if found:
            d = found[0]
            out.append(_("good example {n} is flagged at column {column}: {text} ({message})").format(
                n=k, column=d.column, text=repr(text), message=d.message))
    return out



def replaced(text: str, found) -> str:
    """text with each finding's replacement written over its span (as the fixes write edits)."""
    edits = [Edit(d.line - 1, d.column - 1, d.end_line - 1, d.end_column, d.replacement)
             for d in found if d.replacement is not None]
    return apply_edits(text, edits)[0]
