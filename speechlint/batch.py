"""Linting many files: a result cache (like ruff's) and a process pool (--jobs, like flake8's).

The cache keeps each file's diagnostics under a key made of the file's bytes and name, the
effective settings, the selected rules with the contents of the folders their files come from
(a rule's TOML and the lists its *-file options read) and speechlint's version. It lives in the
user cache folder that the dictionary cache uses (speechlint.lexicon.cache_dir, folder
`results`), each entry written atomically, the folder kept under CACHE_LIMIT bytes (the entries
least recently used go first). A run whose files are all in the cache loads no language data.

The pool forks workers that inherit the loaded rules; results come back per file and are put in
the command line's order, so the output does not depend on which file finished first."""
from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from speechlint import __version__

CACHE_LIMIT = 64 * 2 ** 20  # bytes of cached results kept
CACHED_SIZE = 64 * 2 ** 20  # files larger than this are linted every time
FORMAT = "2"  # 2: SL101 runs, findings capped (issue 15); of the entries; a change makes every old entry a miss


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _plain(value):
    """A value in a form whose repr is the same in every process (sets sorted)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(_plain, value), key=repr)
    if isinstance(value, dict):
        return [(_plain(k), _plain(v)) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _code() -> str:
    """The package's own files (name, size, modification time): a change to speechlint's code
    between two runs makes every old entry a miss, even where the version number stays."""
    top = Path(__file__).resolve().parent
    parts = []
    for path in sorted(top.rglob("*")):
        if path.suffix in (".py", ".mo") and "__pycache__" not in path.parts:
            try:
                st = path.stat()
            except OSError:
                continue
            parts.append(f"{path.relative_to(top)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def run_key(settings, rules) -> str:
    """What, besides a file, decides its diagnostics: settings, rules and their data, version."""
    digest = hashlib.sha256(f"speechlint {__version__} cache {FORMAT}\n{_code()}\n".encode())
    for f in dataclasses.fields(settings):
        if f.name not in ("source", "root", "format", "output_file", "show_source", "statistics",
                          "exit_zero", "fail_level", "baseline"):
            digest.update(f"{f.name}={_plain(getattr(settings, f.name))!r}\n".encode())
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):  # the messages' language
        digest.update(f"{var}={os.environ.get(var, '')}\n".encode("utf-8", "surrogateescape"))
    folders = []
    for rule in rules:
        digest.update(f"rule {rule.code} {rule.source}\n".encode())
        if rule.source:
            folder = Path(rule.source).parent
            if folder not in folders:
                folders.append(folder)
    for folder in folders:
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        for name in names:
            path = folder / name
            try:
                if path.is_file():
                    digest.update(f"file {path}\n".encode())
                    digest.update(path.read_bytes())
            except OSError:
                digest.update(f"unreadable {path}\n".encode())
    return digest.hexdigest()


class ResultCache:
    def __init__(self, base: str, folder: Optional[Path] = None):
        from speechlint.lexicon import cache_dir

        self.base = base
        self.folder = (folder or cache_dir()) / "results"
        self.written = 0

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.base.encode())
        digest.update(f"\n{path}\n".encode("utf-8", "surrogateescape"))
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str):
        path = self.folder / key[:2] / key
        try:
            with open(path, "rb") as fh:
                found = pickle.loads(fh.read())
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
            return None
        try:
            os.utime(path)  # recently used: kept when the folder is trimmed
        except OSError:
            pass
        return found if isinstance(found, list) else None

    def put(self, key: str, found: list) -> None:
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, folder / key)
            self.written += 1
        except OSError:
            pass  # an unwritable cache only costs time

    def trim(self, limit: int = CACHE_LIMIT) -> None:
        """Remove the least recently used entries while the folder holds more than limit bytes."""
        if not self.written:
            return
        entries = []
        try:
            for sub in os.scandir(self.folder):
                if sub.is_dir():
                    for e in os.scandir(sub.path):
                        st = e.stat()
                        entries.append((st.st_mtime, st.st_size, e.path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            try:
                os.unlink(path)
                total -= size
            except OSError:
                pass


_WORK: Optional[Callable[[str], tuple]] = None  # set before the pool forks, inherited by workers
_PATHS: Sequence[str] = ()


def _work(i: int):
    return i, _WORK(_PATHS[i])


def run_all(paths: Sequence[str], work: Callable[[str], tuple], jobs: int, ordered: bool = False) -> Iterable[tuple]:
    """(index, work(path)) for each path, by a pool of `jobs` forked processes when there are
    two files or more (larger files first, to keep the workers busy; in the order given if
    ordered, so that each file's outcome can be shown as soon as those before it are), else in
    this process."""
    global _WORK, _PATHS
    import multiprocessing

    jobs = min(jobs, len(paths))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for i, path in enumerate(paths):
            yield i, work(path)
        return

    def size(i: int) -> int:
        try:
            return os.stat(paths[i]).st_size
        except OSError:
            return 0

    order = range(len(paths)) if ordered else sorted(range(len(paths)), key=lambda i: -size(i))
    _WORK, _PATHS = work, paths
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from (pool.imap if ordered else pool.imap_unordered)(_work, order, chunksize=1)
    finally:
        _WORK, _PATHS = None, ()


def run_split(tasks: Sequence[Callable[[], object]]) -> List[object]:
    """[task() for task in tasks], the first in this process while each of the others runs in a
    forked child (the shares of one document's rules: see engine.lint); all in this process
    where processes cannot be forked, and a task whose child fails is run here again. A child
    writes nothing but its result, down a pipe whose reading end only this process holds: it
    keeps no standard stream open, and it dies with this process (on Linux at once; elsewhere
    at the latest when it sends its result), so that a run killed by CI's timeout leaves
    nothing behind that holds its output."""
    tasks = list(tasks)
    if len(tasks) <= 1 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    children = []  # (pid, the pipe's reading end), None where no child could be made
    try:
        for i in range(1, len(tasks)):
            children.append(_fork(tasks[i]))
        results = [tasks[0]()]
        for i, child in enumerate(children, 1):
            got = _collect(child) if child is not None else None
            children[i - 1] = None
            results.append(got[1] if got is not None and got[0] == "ok" else tasks[i]())
        return results
    finally:
        for child in children:  # (an exception here: the children are not waited for)
            if child is not None:
                _end(child)


def _fork(task: Callable[[], object]) -> Optional[Tuple[int, int]]:
    """(pid, reading end) of a child running task() and sending ("ok", result) pickled."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns
        code = 1
        try:
            os.close(read_end)
            quiet = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):  # (first: nothing after may hold the parent's streams)
                os.dup2(quiet, fd)
            _orphan_dies(parent)
            data = pickle.dumps(("ok", task()), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as fh:
                fh.write(data)
            code = 0
        except BaseException:  # (the parent runs the task itself)
            pass
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _orphan_dies(parent: int) -> None:
    """Have the kernel end this child when its parent ends (Linux's PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent ended before the call
            os._exit(1)
    except (OSError, AttributeError, ImportError):
        pass


def _collect(child: Tuple[int, int]):
    """What the child sent (see _fork), or None; the child waited for."""
    pid, read_end = child
    chunks = []
    try:
        with os.fdopen(read_end, "rb") as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    except OSError:
        chunks = []
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = 1
    if status != 0 or not chunks:
        return None
    try:
        got = pickle.loads(b"".join(chunks))
    except Exception:  # (what this process's own child pickled: damaged only by a bug)
        return None
    return got if isinstance(got, tuple) and len(got) == 2 else None


def _end(child: Tuple[int, int]) -> None:
    pid, read_end = child
    try:
        os.close(read_end)
    except OSError:
        pass
    try:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass


def _cacheable(path: str) -> Optional[bytes]:
    """The bytes of a regular file of a sensible size, or None (a FIFO would block, a huge
    file is refused later)."""
    try:
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode) and st.st_size <= CACHED_SIZE:
            with open(path, "rb") as fh:
                return fh.read()
    except (OSError, ValueError):
        pass
    return None


def lint_files(paths: List[str], work: Callable[[str], tuple], jobs: int,
               cache: Optional[ResultCache], ready: Callable[[], object] = lambda: None,
               read: Callable[[str], Optional[bytes]] = _cacheable) -> Dict[str, tuple]:
    """The outcome of work(path) for each path: from the cache where it has one, else computed
    (in a pool of `jobs` processes) and cached if it is ("ok", None, diagnostics, []).
    ready() is called once before any file is linted (to prepare the rules, which the pool's
    workers then inherit), and not at all when every file is in the cache. read(path) gives the
    bytes that the cache key is made of, or None for a file not to look up."""
    return dict(outcomes(paths, work, jobs, cache, ready, read, ordered=False))


def outcomes(paths: List[str], work: Callable[[str], tuple], jobs: int, cache: Optional[ResultCache],
             ready: Callable[[], object] = lambda: None, read: Callable[[str], Optional[bytes]] = _cacheable,
             ordered: bool = True) -> Iterator[Tuple[str, tuple]]:
    """(path, outcome) as lint_files() computes them, as they come: in the order of paths if
    ordered (a file's outcome as soon as it and the files before it are done), else as the
    workers finish."""
    done: Dict[str, tuple] = {}
    keys: Dict[str, str] = {}
    missing: List[str] = []
    for path in paths:
        if cache is not None:
            data = read(path)
            if data is not None:
                keys[path] = key = cache.key(path, data)
                found = cache.get(key)
                if found is not None:
                    done[path] = ("ok", None, found, [])
                    continue
        missing.append(path)
    if missing:
        ready()
    computed = iter(run_all(missing, work, jobs, ordered))
    for path in (paths if ordered else missing):
        if path in done:
            yield path, done[path]
            continue
        i, outcome = next(computed)
        path = missing[i]
        if cache is not None and path in keys and outcome[0] == "ok" and not outcome[3] and outcome[1] is None:
            cache.put(keys[path], outcome[2])
        yield path, outcome
    if not ordered:
        yield from done.items()
    if cache is not None:
        cache.trim()
