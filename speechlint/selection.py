"""Which codes are reported: select/ignore by code prefix, the most specific prefix wins
(as in ruff); per-file-ignores by glob."""
from __future__ import annotations

import fnmatch
import functools
import os
from pathlib import Path, PurePath
from typing import Iterable, Optional, Sequence, Tuple

from speechlint.config import ConfigError, Settings
from speechlint.i18n import _


def _longest(code: str, prefixes: Iterable[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


def selected(code: str, settings: Settings) -> bool:
    chosen = _longest(code, settings.select + settings.extend_select)
    dropped = _longest(code, settings.ignore + settings.extend_ignore)
    return chosen >= 0 and chosen > dropped


@functools.lru_cache(maxsize=4096)
def _path_forms(path: str, config: Optional[str], cwd: str) -> Tuple[str, ...]:
    """The forms of a path that per-file-ignores globs are matched against: as given, and
    relative to the config file's folder and to the working folder (so a glob such as
    drafts/*.txt also applies to /abs/project/drafts/a.txt or ../drafts/a.txt)."""
    forms = [PurePath(path).as_posix()]
    absolute = Path(cwd, path).resolve()
    bases = ([Path(config).resolve().parent] if config else []) + [Path(cwd).resolve()]
    for base in bases:
        try:
            forms.append(absolute.relative_to(base).as_posix())
        except ValueError:
            pass
    return tuple(dict.fromkeys(forms))


def ignored_for_path(code: str, path: str, settings: Settings) -> bool:
    if not settings.per_file_ignores:
        return False
    forms = _path_forms(path, settings.source, os.getcwd())
    name = PurePath(path).name
    for glob, codes in settings.per_file_ignores:
        prefix = glob.rstrip("/") + "/"
        if fnmatch.fnmatch(name, glob) or any(fnmatch.fnmatch(f, glob) or f.startswith(prefix) for f in forms):
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
                raise ConfigError(_("{option}: {prefix} matches no rule code (see 'speechlint rules')").format(
                    option=label, prefix=repr(p)))
