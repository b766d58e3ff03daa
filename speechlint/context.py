"""What a check is given: the lines of one document and lazily loaded language data."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Tuple


class Resources:
    """Language data, loaded on first use and kept for the rest of one run."""

    def __init__(self):
        self._lexicon = None
        self._readings = None
        self._shapes = None
        self._memo = {}

    def lexicon(self):
        if self._lexicon is None:
            from speechlint.lexicon import load_lexicon

            self._lexicon = load_lexicon()
        return self._lexicon

    def memo(self, key, build):
        """Data derived from the lexicon for one run, e.g. a rule's index of known forms."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def readings(self):
        if self._readings is None:
            from speechlint.readings import Readings

            self._readings = Readings()
        return self._readings

    def shapes(self):
        if self._shapes is None:
            from speechlint.shapes import Shapes

            self._shapes = Shapes()
        return self._shapes


@dataclass(frozen=True)
class Context:
    lines: Tuple[str, ...]
    resources: Resources = field(default_factory=Resources, compare=False)
    # the lines as written: in Markdown, `lines` has its markup and comments masked (same
    # positions), and the kinds that read speechlint's own comments read them here
    written: Tuple[str, ...] = ()
