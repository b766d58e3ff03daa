"""How diagnostics are printed. Nothing here decides what is reported."""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from typing import Dict, List, Sequence

from speechlint.diagnostics import Diagnostic


def width(text: str) -> int:
    """Display width in a terminal: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def default(diags: Sequence[Diagnostic], sources: Dict[str, Sequence[str]], show_source: bool) -> List[str]:
    out = []
    for d in diags:
        out.append(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")
        lines = sources.get(d.path)
        if show_source and lines and d.line <= len(lines):
            text = lines[d.line - 1].replace("\t", " ")
            out.append(text)
            span = text[d.column - 1:d.end_column] or " "
            out.append(" " * width(text[:d.column - 1]) + "^" * max(1, width(span)))
    return out


def as_dict(d: Diagnostic) -> dict:
    item = {"path": d.path, "line": d.line, "column": d.column, "end_line": d.end_line,
            "end_column": d.end_column, "code": d.code, "name": d.name, "message": d.message,
            "severity": d.severity}
    if d.replacement is not None:
        item["replacement"] = d.replacement
    if d.fix is not None:
        # edits as ruff writes them: start and end locations, the end exclusive (one past the
        # last character replaced; an insertion has end == start)
        item["fix"] = {"applicability": d.fix.applicability,
                       "edits": [{"location": {"line": e.line + 1, "column": e.start + 1},
                                  "end_location": {"line": e.end_line + 1, "column": e.end + 1},
                                  "content": e.text} for e in d.fix.edits]}
    return item


def as_json(diags: Sequence[Diagnostic]) -> List[str]:
    return [json.dumps([as_dict(d) for d in diags], ensure_ascii=False, indent=2)]


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(diags: Sequence[Diagnostic]) -> List[str]:
    level = {"error": "error", "warning": "warning", "info": "notice"}
    return [f"::{level.get(d.severity, 'warning')} file={_escape(d.path, True)},line={d.line},"
            f"col={d.column},endLine={d.end_line},endColumn={d.end_column},"
            f"title={_escape(d.code + ' ' + d.name, True)}::{_escape(d.message)}" for d in diags]


def statistics(diags: Sequence[Diagnostic]) -> List[str]:
    counts = Counter(d.code for d in diags)
    names = {d.code: d.name for d in diags}
    return [f"{counts[c]:<5} {c} {names[c]}" for c in sorted(counts)]


def render(diags: Sequence[Diagnostic], fmt: str, sources: Dict[str, Sequence[str]],
           show_source: bool = False) -> List[str]:
    if fmt == "json":
        return as_json(diags)
    if fmt == "github":
        return github(diags)
    return default(diags, sources, show_source)
