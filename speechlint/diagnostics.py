"""The values that flow out of checks: findings, fixes and diagnostics."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, start) to (end_line, end), 0-based lines and character
    columns, end exclusive, with text. end_line = line + 1 and end = 0 takes a whole line
    with its line break."""

    line: int
    start: int
    end_line: int
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
    whole_line: bool = False  # the fix deletes the whole line, line break included


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
