"""The values that flow out of checks: findings, fixes and diagnostics."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Edit:
    """Replace characters [start, end) of a 0-based line with text."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    edits: Tuple[Edit, ...]
    applicability: str  # "safe" or "unsafe"


@dataclass(frozen=True)
class Finding:
    """What a check reports: a span on one line (0-based, end exclusive), the text there, an
    optional replacement and detail; the engine fills the rule's message from them.

    Checks know nothing of codes, selection, suppression or output.
    """

    line: int
    start: int
    end: int
    match: str
    replacement: Optional[str] = None
    detail: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class Diagnostic:
    """A reported finding. line/column are 1-based; end_column is the column of the
    last character of the span (inclusive), all counted in code points."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    message: str
    severity: str
    replacement: Optional[str] = None
    fix: Optional[Fix] = None

    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.end_column)
