"""What a repository cannot make speechlint do: read rule and data files outside its own
tree, follow a symbolic link out of it, print a file's contents in an error message, or feed
it a file too big to read. CI lints other people's pull requests, so every file, config and
rule in a linted repository may be hostile.

The terms, as the README documents them:

- the repository root of a path: the nearest folder at or above it that holds `.git` (a
  folder or a file, as in a worktree or submodule);
- the project root of a config file: the repository root of its folder, or, outside a
  repository, the config file's folder. Rule files (`extend-rules`) and data files
  (`NAME-file` options) must resolve inside it unless `--allow-outside-root` is given;
- the tree of a linted path: the repository root of the path, or, outside a repository,
  the folder named on the command line (for a file named on the command line, the current
  folder).
  A symbolic link whose target resolves outside it is not followed.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Optional, Union

EXCERPT = 80  # the most characters of a value an error message quotes

DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024  # bytes; max-file-size, --max-file-size
DEFAULT_MAX_DOCX_SIZE = 50 * 1024 * 1024  # bytes of a .docx once unzipped; max-docx-size


def excerpt(value, limit: int = EXCERPT) -> str:
    """A value for an error message: its repr, cut to about limit characters, with the length
    of what was left out, so that a message never prints a whole file."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


def shorten(message: str, limit: int = 4 * EXCERPT) -> str:
    """A message from elsewhere (an exception) cut to limit characters."""
    message = str(message)
    return message if len(message) <= limit else message[:limit] + f"… ({len(message):,} characters)"


def repository_root(path: Union[str, Path]) -> Optional[Path]:
    """The nearest folder at or above path (made absolute, not resolved) that holds .git."""
    folder = Path(os.path.abspath(path))
    if not folder.is_dir():
        folder = folder.parent
    for f in [folder, *folder.parents]:
        if os.path.lexists(f / ".git"):
            return f
    return None


def project_root(config: Union[str, Path]) -> Path:
    """Where a config file's rule and data files must be: its repository root, or its folder."""
    folder = Path(os.path.abspath(config)).parent
    return repository_root(folder) or folder


def inside(path: Union[str, Path], root: Union[str, Path]) -> bool:
    """Whether path, every symbolic link resolved, is root or below it (root resolved too)."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, top]) == top
    except ValueError:  # different drives
        return False


def tree_of(path: Union[str, Path], outside_repository: Union[str, Path, None] = None) -> Path:
    """The tree a linted path belongs to (see the module's doc): the repository root of path,
    or outside_repository (by default the current folder)."""
    return repository_root(path) or Path(os.path.abspath(outside_repository or os.curdir))


def leaves_tree(path: Union[str, Path], tree: Union[str, Path]) -> bool:
    """Whether path, written inside tree, is a symbolic link (or lies below one) whose target is
    outside it. A path written outside the tree leaves nothing: the user named it."""
    written = os.path.abspath(path)
    tops = {os.path.abspath(tree), os.path.realpath(tree)}
    try:
        written_inside = any(os.path.commonpath([written, top]) == top for top in tops)
    except ValueError:  # different drives
        return False
    return written_inside and not inside(path, tree)


_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(B|KB|K|MB|M|GB|G)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2, "G": 1024 ** 3, "GB": 1024 ** 3}


def parse_size(value, origin: str, key: str) -> int:
    """A size: a number of bytes, or a string with a unit (KB, MB, GB: powers of 1,024);
    0 means no limit. ValueError with a message naming origin and key otherwise."""
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str) and _SIZE.match(value):
        m = _SIZE.match(value)
        number = int(float(m.group(1)) * _UNITS[(m.group(2) or "").upper()])
    else:
        number = None
    if number is None or number < 0:
        raise ValueError(f"{origin}: {key} must be a size such as 20MB, 512KB or a number of "
                         f"bytes (0 for no limit), not {excerpt(value)}")
    return number


def size_text(n: int) -> str:
    """A size for a message: 20 MB, 1.5 MB, 300 KB, 12 bytes."""
    for unit, factor in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{n} byte{'s' if n != 1 else ''}"
