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

import contextlib
import errno
import os
import re
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence, Union

from speechlint.i18n import N_, _, ngettext

EXCERPT = 80  # the most characters of a value an error message quotes

DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024  # bytes; max-file-size, --max-file-size
DEFAULT_MAX_DOCX_SIZE = 50 * 1024 * 1024  # bytes of a .docx once unzipped; max-docx-size
MAX_SIZE = 2 ** 40  # a limit past this (1,024 GB) is no limit
# lines (a .docx: paragraphs) of a file; max-lines, --max-lines. Every rule reads every line: a
# file of millions of short lines (a few megabytes of newlines, a .docx of 50 KB holding two million
# empty paragraphs) took minutes and gigabytes. The longest documents of the corpora hold a few
# thousand lines.
DEFAULT_MAX_LINES = 100_000


def excerpt(value, limit: int = EXCERPT) -> str:
    """A value for an error message: its repr, cut to about limit characters, with the length
    of what was left out, so that a message never prints a whole file."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return repr(text[:limit]) + _characters(len(text))


def _characters(n: int) -> str:
    """What a cut value is followed by: "… (12,345 characters)"."""
    return ngettext("… ({n} character)", "… ({n} characters)", n).format(n=f"{n:,}")


def shorten(message: str, limit: int = 4 * EXCERPT) -> str:
    """A message from elsewhere (an exception) cut to limit characters."""
    message = str(message)
    return message if len(message) <= limit else message[:limit] + _characters(len(message))


# the reasons of the operating system's errors that users meet, in the language in use (the C
# library gives them in English); any other error keeps the system's words
REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EIO: N_("Input/output error"),
}


def reason(exc: OSError) -> str:
    """Why an operation failed, for a message: the error's strerror (in the language in use for
    the common ones), else the exception's text."""
    if not exc.strerror:
        return str(exc)
    known = REASONS.get(exc.errno)
    said = _(known) if known is not None else known
    return said if said != known else exc.strerror  # in English, the system's own words


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
    0 means no limit, and so does a size past MAX_SIZE (no file read into memory is that large:
    reading up to one byte more than 2**63 overflowed). ValueError with a message naming origin
    and key otherwise."""
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, str) and _SIZE.match(value):
        m = _SIZE.match(value)
        number = float(m.group(1)) * _UNITS[(m.group(2) or "").upper()]  # (inf for 400 digits)
        number = int(number) if number <= MAX_SIZE else MAX_SIZE + 1
    else:
        number = None
    if number is None or number < 0:
        raise ValueError(_("{origin}: {key} must be a size such as 20MB, 512KB or a number of "
                           "bytes (0 for no limit), not {value}").format(origin=origin, key=key, value=excerpt(value)))
    return 0 if number > MAX_SIZE else number


def size_text(n: int) -> str:
    """A size for a message: 20 MB, 1.5 MB, 300 KB, 12 bytes."""
    for unit, factor in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return ngettext("{n} byte", "{n} bytes", n).format(n=n)


def cache_under_review(paths: Sequence[str], root: Optional[str] = None) -> Optional[Path]:
    """The tree being linted that holds the cache folder, if one does: a linted path's repository
    (standard input: the current folder's), the config's project root; and, when the cache folder
    was set on purpose (SPEECHLINT_CACHE_DIR), outside any repository, a folder linted or the
    folder the run works in. The
    caches (the dictionary's tables, compiled patterns, the results) are read back as speechlint
    wrote them: in a folder that the files under review can write (a CI cache kept in the
    checkout, a CI whose home is the checkout), a pull request could plant entries that hide
    findings or that the regex module would rebuild unchecked. (A file in a home folder that is
    no repository, linted with the default cache, is the user's own.)"""
    from speechlint.lexicon import cache_dir

    folder = cache_dir()
    chosen = bool(os.environ.get("SPEECHLINT_CACHE_DIR"))
    trees = set()
    for p in paths:
        target = os.curdir if p == "-" else p
        repo = repository_root(target)
        if repo is not None:
            trees.add(repo)
        elif chosen:  # a folder linted, or the folder the run works in
            trees.add(Path(os.path.abspath(target if os.path.isdir(target) else os.curdir)))
    if root and (chosen or repository_root(root) is not None):
        trees.add(Path(root))
    for tree in sorted(trees):
        if inside(folder, tree):
            return tree
    return None


@contextlib.contextmanager
def caches_outside_review(paths: Sequence[str], root: Optional[str], warn: Callable[[str], None]) -> Iterator[None]:
    """Within it, the caches are kept in a temporary folder (SPEECHLINT_CACHE_DIR, which worker
    processes inherit) when the cache folder lies in a tree under review (cache_under_review);
    warn says so. The folder and the variable are restored afterwards."""
    tree = cache_under_review(paths, root)
    if tree is None:
        yield
        return
    import shutil
    import tempfile
    from speechlint.lexicon import cache_dir

    warn(_("the cache folder {folder} is inside {tree}, which is being linted: not used "
           "(this run keeps its caches in a temporary folder; set SPEECHLINT_CACHE_DIR elsewhere)").format(
        folder=cache_dir(), tree=tree))
    before = os.environ.get("SPEECHLINT_CACHE_DIR")
    private = tempfile.mkdtemp(prefix="speechlint-cache-")
    os.environ["SPEECHLINT_CACHE_DIR"] = private
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SPEECHLINT_CACHE_DIR", None)
        else:
            os.environ["SPEECHLINT_CACHE_DIR"] = before
        shutil.rmtree(private, ignore_errors=True)
