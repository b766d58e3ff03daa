"""Which codes are reported: select/ignore by code prefix, the most specific prefix wins
(as in ruff); per-file-ignores by glob."""
from __future__ import annotations

import fnmatch
from pathlib import PurePath
from typing import Iterable, Sequence

from speechlint.config import ConfigError, Settings


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def selected(code: str, settings: Settings) -> bool:
    chosen = _longest(code, settings.select + settings.extend_select)
    dropped = _longest(code, settings.ignore + settings.extend_ignore)
    return chosen >= 0 and chosen > dropped


def ignored_for_path(code: str, path: str, settings: Settings) -> bool:
    if not settings.per_file_ignores:
        return False
    posix = PurePath(path).as_posix()
    name = PurePath(path).name
    for glob, codes in settings.per_file_ignores:
        if fnmatch.fnmatch(posix, glob) or fnmatch.fnmatch(name, glob) or posix.startswith(glob.rstrip("/") + "/"):
            if any(code.startswith(c) for c in codes):
                return True
    return False


def check_prefixes(settings: Settings, codes: Sequence[str]) -> None:
    """A prefix that names no rule is an error (a typo would otherwise select nothing)."""
    groups = [("select", settings.select), ("ignore", settings.ignore),
              ("extend-select", settings.extend_select), ("extend-ignore", settings.extend_ignore)]
    groups += [("per-file-ignores", c) for _, c in settings.per_file_ignores]
    for label, prefixes in groups:
        for p in prefixes:
            if not any(code.startswith(p) for code in codes):
                raise ConfigError(f"{label}: {p!r} matches no rule code (see 'speechlint rules')")
